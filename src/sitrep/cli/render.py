"""`sitrep render` and `sitrep watch`: the commands that write output files.

They share the output planning of sitrep.outputs and the template check; the progress report is
here because it is how the command line shows a run, not part of rendering.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, print_error, refuse_template

if TYPE_CHECKING:
    from sitrep.batch import Outcome

__all__ = ["render", "watch"]


def render(args: argparse.Namespace) -> int:
    """Render each brief to its outputs; a failure is reported and the others go on."""
    from sitrep.batch import DEFAULT_TIMEOUT, render_files
    from sitrep.errors import RenderError
    from sitrep.outputs import output_request_problem, output_targets
    from sitrep.writers.options import RenderOptions

    refuse_template(args.template)

    many = len(args.files) > 1
    outputs: list[Path] = args.output or []
    refused = output_request_problem(args.files, outputs, args.format)
    if refused:
        print_error(refused)
        return EXIT_USAGE
    if args.check:
        from sitrep.check import check_files, has_errors
        from sitrep.check.formats import as_text

        findings = check_files(args.files)
        if findings:
            sys.stderr.write(as_text(findings))
        if has_errors(findings):
            print_error("check found errors; nothing was rendered")
            return EXIT_FAILED

    if many and args.changes_since is not None:
        print_error("--changes-since compares one brief (expected one FILE)")
        return EXIT_USAGE
    options = RenderOptions(
        template=args.template,
        allow_remote=args.allow_remote,
        allowed_folders=tuple(args.allow_folder),
        pdf_variant=args.pdf_variant,
        stix_marking_ids=args.stix_markings,
        changes_since=args.changes_since,
        strict=args.strict,
        release=args.release,
        portion_marks=args.portion_marks,
    )
    try:  # an -o whose suffix names no format is a wrong command line
        jobs = [
            (source, output_targets(source, outputs, args.format, many)) for source in args.files
        ]
    except RenderError as error:
        print_error(error)
        return EXIT_USAGE
    timeout = DEFAULT_TIMEOUT if args.timeout is None else (args.timeout or None)
    outcomes = render_files(
        jobs,
        options,
        workers=args.jobs,
        timeout=timeout,
        progress=None if args.quiet else _progress(len(jobs)),
    )
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        print_error(outcome.error)
    if many:
        names = f": {', '.join(str(o.source) for o in failed)}" if failed else ""
        print(
            f"sitrep: {len(outcomes) - len(failed)} rendered, {len(failed)} failed{names}",
            file=sys.stderr,
        )
    return EXIT_FAILED if failed else EXIT_OK


def _progress(total: int) -> Callable[[Outcome], None]:
    """A progress bar on a terminal; one line per brief otherwise (logs, CI)."""
    done = 0
    bar = sys.stderr.isatty() and total > 1

    def report(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        if bar:
            filled = round(30 * done / total)
            end = "\n" if done == total else ""
            print(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}",
                end=end,
                file=sys.stderr,
                flush=True,
            )
            return
        mark = "ok" if outcome.ok else "FAILED"
        written = ", ".join(str(p) for p in outcome.outputs)
        print(
            f"[{done}/{total}] {outcome.source}: {mark}{' -> ' + written if written else ''}",
            file=sys.stderr,
        )

    return report


def watch(args: argparse.Namespace) -> int:
    """Render one brief, then again every time it or a file it uses is saved."""
    from sitrep.errors import RenderError
    from sitrep.outputs import output_targets
    from sitrep.watch import watch as watch_brief
    from sitrep.writers.options import RenderOptions

    refuse_template(args.template)
    outputs = [] if args.output is None else [args.output]
    try:
        targets = output_targets(args.file, outputs, args.format, False)
    except RenderError as error:  # an -o whose suffix names no format
        print_error(error)
        return EXIT_USAGE
    watch_brief(args.file, targets, RenderOptions(template=args.template))
    return EXIT_OK
