"""The `sitrep` command. Each subcommand parses its arguments and calls one library function."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.batch import Outcome

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = """\
exit codes:
  0    everything worked
  1    a brief did not validate or a render failed (each problem is printed)
  2    the command line was wrong
  130  interrupted (Ctrl-C); no partial output file is left behind

examples:
  sitrep new --from north-korea-russia-summit mybrief/
  sitrep validate mybrief/brief.yaml
  sitrep check mybrief/brief.yaml
  sitrep render mybrief/brief.yaml -o brief.pdf
  sitrep render briefs/*.yaml -o out/ --format pdf
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep",
        description="Write structured intelligence briefs; render them to PDF, DOCX, HTML or "
        "Markdown with footnoted sources.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser(
        "render",
        help="render briefs to PDF, DOCX, HTML or Markdown",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Render one or more briefs. The format comes from the output's suffix, "
        "or from --format (several --format options give several files).",
    )
    render.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="brief files (.yaml, .yml, .json or .md)",
    )
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        action="append",
        metavar="OUT",
        help="output file, or a folder for several briefs (default: next to each brief); "
        "repeat it to write one brief to several files (-o a.pdf -o a.docx)",
    )
    render.add_argument(
        "-f",
        "--format",
        action="append",
        choices=_formats(),
        help="output format (default: from OUT's suffix, else pdf)",
    )
    render.add_argument(
        "-t",
        "--template",
        metavar="NAME|PATH",
        help="layout name (intel-brief, analysis, article), a folder with your "
        "own HTML/CSS templates, or a .docx Word template",
    )
    render.add_argument(
        "--allow-remote",
        action="store_true",
        help="let images and stylesheets be fetched over http(s) "
        "(off: nothing outside the brief's folder is read or fetched)",
    )
    render.add_argument(
        "--allow-folder",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also let images, fonts and stylesheets be read from DIR, such as a shared logo "
        "folder (repeatable)",
    )
    render.add_argument(
        "--pdf-variant",
        type=_pdf_variant,
        metavar="VARIANT",
        help="PDF variant, such as pdf/a-3b or pdf/ua-1",
    )
    render.add_argument(
        "--stix-markings",
        choices=("oasis", "opencti"),
        default="oasis",
        help="TLP marking ids in STIX exports: the OASIS TLP 2.0 ids (default) or OpenCTI's",
    )
    render.add_argument(
        "-j",
        "--jobs",
        type=_workers,
        default=0,
        metavar="N",
        help="worker processes for several briefs (default: all cores)",
    )
    render.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="stop a brief that takes longer than this, and go on with the others "
        "(default: 600; 0: no limit)",
    )
    render.add_argument(
        "--release",
        metavar="TLP:LEVEL",
        type=_tlp_label,
        help="a tearline release: only the portions marked at or below this TLP label, such "
        "as TLP:GREEN (see docs/dissemination.md)",
    )
    render.add_argument(
        "--portion-marks",
        action="store_true",
        help='print each portion\'s marking before it, as "(TLP:AMBER)"',
    )
    render.add_argument(
        "--changes-since",
        type=Path,
        metavar="OLD",
        help="add a 'Changes since the last brief' box, comparing with the previous issue OLD",
    )
    render.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    render.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    render.add_argument(
        "--check",
        action="store_true",
        help="run `sitrep check` first and render nothing if it finds an error",
    )

    validate = commands.add_parser(
        "validate",
        help="check briefs and report every problem",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    validate.add_argument(
        "-t",
        "--template",
        type=Path,
        metavar="PATH",
        help="the folder of your own templates (or .docx) you render with, so that a brief's "
        "'template:' naming one of them is known",
    )

    check = commands.add_parser(
        "check",
        help="check the tradecraft of briefs (sourcing, dates, estimative language, marking)",
        description="Report tradecraft problems as 'file:line: field: [rule-id] message'. "
        "Exit 1 if any is an error. Rules and their sources: docs/tradecraft.md.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", type=Path, metavar="BRIEF")
    check.add_argument(
        "--format",
        choices=["text", "json", "sarif"],
        default="text",
        help="text (default), json, or sarif (SARIF 2.1.0, for code scanning in CI)",
    )
    check.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write the report to OUT, not stdout"
    )

    new = commands.add_parser("new", help="start a brief from an example or a blank skeleton")
    new.add_argument(
        "output", type=Path, metavar="OUT", help="new brief file (brief.yaml) or folder to create"
    )
    new.add_argument(
        "--from",
        dest="example",
        metavar="EXAMPLE",
        help="bundled example to start from (see: sitrep examples)",
    )
    new.add_argument(
        "--from-stix",
        dest="stix",
        type=Path,
        metavar="BUNDLE",
        help="STIX 2.1 JSON bundle whose report the brief starts from",
    )
    new.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="house profile with your organisation, contact, authors, language, "
        "citation_language, marking and date_format (default: sitrep-profile.yaml in OUT's "
        "folder or a parent, else "
        "$XDG_CONFIG_HOME/sitrep/profile.yaml)",
    )

    diff = commands.add_parser(
        "diff",
        help="list what changed between two issues of a brief",
        description="List the events added, removed or changed, the key judgments whose "
        "likelihood or confidence moved, and the sources added or dropped from OLD to NEW. "
        "Exit status: 0 no changes, 1 changes, 2 trouble (as diff(1)).",
    )
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier issue")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later issue")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    schema = commands.add_parser("schema", help="print the brief's JSON Schema (for editors)")
    schema.add_argument(
        "--markdown",
        action="store_true",
        help="print the brief-format reference as Markdown instead",
    )
    commands.add_parser("examples", help="list the bundled example briefs")

    labels = commands.add_parser(
        "labels",
        help="print a label catalog (.po) to translate or override (docs/localization.md)",
    )
    labels.add_argument(
        "language",
        metavar="LANG",
        help="language tag such as es or nl; sitrep's own translations are filled in",
    )

    watch = commands.add_parser("watch", help="re-render a brief every time it is saved")
    watch.add_argument("file", type=Path, metavar="FILE")
    watch.add_argument("-o", "--output", type=Path, metavar="OUT")
    watch.add_argument("-f", "--format", action="append", choices=_formats())
    watch.add_argument("-t", "--template", metavar="NAME|PATH")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return 0.0 if value == float("inf") else value  # 0 means no limit


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of worker processes (0 or more; 0: one per core)"
        )
    return value


def _pdf_variant(text: str) -> str:
    from sitrep.errors import SitrepError
    from sitrep.writers.pdf.engine import pdf_variants

    try:
        known = pdf_variants()
    except SitrepError:  # no WeasyPrint: the render says so, once it needs it
        return text
    if text not in known:
        raise argparse.ArgumentTypeError(
            f"unknown PDF variant {text!r} (expected one of: {', '.join(known)})"
        )
    return text


_STRICT_HELP = "treat warnings (a source that nothing cites) as errors"


def _tlp_label(text: str) -> str:
    from sitrep.model.portions import read_label

    try:
        return read_label(text).value
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _formats() -> list[str]:
    from sitrep.writers import FORMATS

    return list(FORMATS)


def _version() -> str:
    from sitrep import __version__

    return f"sitrep {__version__}"


def _targets(
    source: Path, output: Path | None, formats: list[str] | None, many: bool
) -> tuple[tuple[Path, str], ...]:
    """The (file, format) pairs one brief renders to, from -o and --format."""
    from sitrep.batch import output_path
    from sitrep.writers import format_for

    to_folder = output is None or many or output.is_dir() or not output.suffix
    if not formats:
        if to_folder:
            return ((output_path(source, output, "pdf", many), "pdf"),)
        assert output is not None
        return ((output, format_for(output)),)
    if not to_folder and len(formats) == 1:
        assert output is not None
        return ((output, formats[0]),)
    folder = output.with_suffix("") if output is not None and not to_folder else output
    return tuple((output_path(source, folder, fmt, True), fmt) for fmt in formats)


def _refuse_outputs(outputs: list[Path], many: bool, formats: list[str] | None) -> str | None:
    """Why the outputs cannot be rendered each, or None when they can (or there is one)."""
    if len(outputs) < 2:
        return None
    if many:
        return "several -o options render one brief to several files (expected one brief)"
    if formats:
        return (
            "give either several -o files or --format, not both "
            "(each -o file's suffix names its format)"
        )
    if len(set(outputs)) < len(outputs):
        return "the same -o file is given twice (expected each output once)"
    folders = [str(path) for path in outputs if path.is_dir() or not path.suffix]
    if folders:
        return f"{folders[0]}: with several -o, each must be a file name such as brief.pdf"
    return None


def _refuse_format_mismatch(output: Path | None, formats: list[str], many: bool) -> str | None:
    """An output file name whose suffix disagrees with --format, or several formats into one
    file name: refused before anything is written, never guessed at."""
    from sitrep.writers import SUFFIXES

    if output is None or many or output.is_dir() or not output.suffix or not formats:
        return None
    if len(set(formats)) > 1:
        return (
            f"{output}: several --format options need an output folder, not a file name "
            "(expected -o FOLDER, or one -o file per format: -o a.pdf -o a.docx)"
        )
    named = SUFFIXES.get(output.suffix.lower())
    if named is not None and named != formats[0]:
        return (
            f"{output}: the suffix {output.suffix} says {named}, but --format says "
            f"{formats[0]} (expected them to agree, or one of them only)"
        )
    return None


def _output_given_as_brief(files: list[Path]) -> str | None:
    """`sitrep render brief.yaml out.docx` means -o out.docx: say so before writing anything."""
    from sitrep.writers import SUFFIXES

    for path in files:
        if path.suffix.lower() in SUFFIXES and path.suffix.lower() != ".md":
            return f"{path} is an output file name, not a brief (did you mean -o {path}?)"
    return None


def _each_output(outputs: list[Path]) -> tuple[tuple[Path, str], ...]:
    """One target per -o file when several are given; the suffix names the format."""
    from sitrep.writers import format_for

    return tuple((path, format_for(path)) for path in outputs) if len(outputs) > 1 else ()


def _refuse_template(template: str | Path | None) -> None:
    from sitrep.errors import UsageError
    from sitrep.files.render_checks import template_option_problem

    refused = template_option_problem(template)
    if refused:
        raise UsageError(refused)


def _render(args: argparse.Namespace) -> int:
    from sitrep.batch import DEFAULT_TIMEOUT, render_files
    from sitrep.errors import RenderError
    from sitrep.writers.options import RenderOptions

    _refuse_template(args.template)

    many = len(args.files) > 1
    outputs: list[Path] = args.output or []
    refused = _output_given_as_brief(args.files) or _refuse_outputs(outputs, many, args.format)
    if refused:
        print(f"sitrep: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    output = outputs[0] if outputs else None
    refused = _refuse_format_mismatch(output, args.format or [], many)
    if refused:
        print(f"sitrep: error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    if many and output is not None and output.suffix and not output.is_dir():
        print(f"sitrep: error: {output}: several briefs need an output folder", file=sys.stderr)
        return EXIT_USAGE
    if args.check:
        from sitrep.check import check_files, has_errors
        from sitrep.check.formats import as_text

        findings = check_files(args.files)
        if findings:
            sys.stderr.write(as_text(findings))
        if has_errors(findings):
            print("sitrep: error: check found errors; nothing was rendered", file=sys.stderr)
            return EXIT_FAILED

    if many and args.changes_since is not None:
        print(
            "sitrep: error: --changes-since compares one brief (expected one FILE)", file=sys.stderr
        )
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
            (source, _each_output(outputs) or _targets(source, output, args.format, many))
            for source in args.files
        ]
    except RenderError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
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
        print(f"sitrep: error: {outcome.error}", file=sys.stderr)
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


def _validate(args: argparse.Namespace) -> int:
    from sitrep.files.render_checks import check_brief

    _refuse_template(args.template)
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


def _check(args: argparse.Namespace) -> int:
    from sitrep.check import check_files, has_errors
    from sitrep.check.formats import format_findings

    if args.output is not None and args.output.is_dir():
        example = args.output / f"findings.{'txt' if args.format == 'text' else args.format}"
        print(
            f"sitrep: error: {args.output}: is a folder (expected a file for the report, "
            f"such as {example})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    findings = check_files(args.files)
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


def _new(args: argparse.Namespace) -> int:
    from sitrep.scaffold import find_profile, new_brief, new_brief_from_stix

    if args.stix is not None and args.example is not None:
        print("sitrep: error: give --from or --from-stix, not both", file=sys.stderr)
        return EXIT_USAGE
    if args.stix is not None:
        from sitrep.writers.options import warn_to_stderr

        print(f"created {new_brief_from_stix(args.output, args.stix, warn_to_stderr)}")
        return EXIT_OK
    folder = args.output.parent if args.output.suffix else args.output
    profile = args.profile or find_profile(folder)
    path = new_brief(args.output, args.example, profile=profile or False)
    used = f" with the house profile {profile}" if profile else " (no house profile found)"
    print(f"created {path}{used}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    import json

    from sitrep.api import load
    from sitrep.compare import changes_text, diff_briefs
    from sitrep.errors import SitrepError

    try:
        changes = diff_briefs(load(args.old), load(args.new))
    except SitrepError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return EXIT_USAGE  # diff(1): 2 is trouble, 1 means the briefs differ
    if args.format == "json":
        print(json.dumps(changes.as_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(changes_text(changes))
    return EXIT_FAILED if changes else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.markdown:
        from sitrep.reference import brief_format_markdown

        sys.stdout.write(brief_format_markdown())
    else:
        from sitrep.schema import schema_json

        sys.stdout.write(schema_json())
    return EXIT_OK


def _examples(args: argparse.Namespace) -> int:
    from sitrep.scaffold import list_examples

    for example in list_examples():
        print(f"{example.name:32} {example.summary}")
    return EXIT_OK


def _labels(args: argparse.Namespace) -> int:
    import re

    from sitrep.catalogs import catalog_source
    from sitrep.errors import SitrepError

    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.language):
        raise SitrepError(
            f"{args.language!r} is not a language tag (expected one such as es or pt-BR)"
        )
    sys.stdout.buffer.write(catalog_source(args.language))
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    from sitrep.errors import RenderError
    from sitrep.watch import watch
    from sitrep.writers.options import RenderOptions

    _refuse_template(args.template)
    try:
        targets = _targets(args.file, args.output, args.format, False)
    except RenderError as error:  # an -o whose suffix names no format
        print(f"sitrep: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    watch(args.file, targets, RenderOptions(template=args.template))
    return EXIT_OK


_COMMANDS = {
    "render": _render,
    "validate": _validate,
    "check": _check,
    "new": _new,
    "diff": _diff,
    "schema": _schema,
    "examples": _examples,
    "labels": _labels,
    "watch": _watch,
}


def _terminate(signum: int, frame: object) -> None:
    # Unwind like Ctrl-C so that atomic writes remove their temporary files.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    import signal

    from sitrep.errors import SitrepError, UsageError

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)

    try:
        return _COMMANDS[args.command](args)
    except UsageError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SitrepError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("sitrep: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:  # a missing folder, a read-only disk: the system's words, one line
        name = f"{error.filename}: " if error.filename else ""
        print(f"sitrep: error: {name}{error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a bug in sitrep: say so plainly, traceback only on request
        import os

        if os.environ.get("SITREP_DEBUG"):
            raise
        print(
            f"sitrep: internal error: {type(error).__name__}: {error} "
            "(this is a bug in sitrep; run with SITREP_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
