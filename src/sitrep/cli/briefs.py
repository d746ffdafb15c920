"""`sitrep validate`, `sitrep check` and `sitrep diff`: the commands that read briefs and report
on them, writing no rendered output.
"""

from __future__ import annotations

import argparse
import sys

from sitrep.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, print_error, refuse_template

__all__ = ["check", "diff", "validate"]


def validate(args: argparse.Namespace) -> int:
    """Print every problem of each brief; with --strict a warning counts as an error."""
    from sitrep.files.render_checks import check_brief

    refuse_template(args.template)
    status = EXIT_OK
    for path in args.files:
        errors, warnings = check_brief(path, args.template)
        if args.strict:
            errors, warnings = sorted(errors + warnings, key=lambda p: p.line or 0), []
        for problem in errors:
            print(problem, file=sys.stderr)
        for problem in warnings:
            print(f"warning: {problem}", file=sys.stderr)
        if errors:
            status = EXIT_FAILED
        else:
            count = f" ({len(warnings)} warning{'s' if len(warnings) > 1 else ''})"
            print(f"{path}: ok" + (count if warnings else ""))
    return status


def check(args: argparse.Namespace) -> int:
    """Report the tradecraft findings of the briefs, to stdout or to one report file."""
    from sitrep.check import check_files, has_errors
    from sitrep.check.formats import format_findings

    if args.output is not None and args.output.is_dir():
        example = args.output / f"findings.{'txt' if args.format == 'text' else args.format}"
        print_error(
            f"{args.output}: is a folder (expected a file for the report, such as {example})"
        )
        return EXIT_USAGE
    findings = check_files(args.files, profile=args.profile)
    report = format_findings(findings, args.format)
    if args.output is not None:
        from sitrep.atomic import write_atomic

        try:
            write_atomic(args.output, report.encode("utf-8"))
        except OSError as error:  # named by the file asked for, not by its temporary file
            raise OSError(error.errno, error.strerror, str(args.output)) from None
    else:
        sys.stdout.write(report)
    return EXIT_FAILED if has_errors(findings) else EXIT_OK


def diff(args: argparse.Namespace) -> int:
    """What changed from the old issue to the new one; the exit status is diff(1)'s."""
    import json

    from sitrep.api import load
    from sitrep.compare import changes_text, diff_briefs
    from sitrep.errors import SitrepError

    try:
        changes = diff_briefs(load(args.old), load(args.new))
    except SitrepError as error:
        print_error(error)
        return EXIT_USAGE  # diff(1): 2 is trouble, 1 means the briefs differ
    if args.format == "json":
        print(json.dumps(changes.as_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(changes_text(changes))
    return EXIT_FAILED if changes else EXIT_OK
