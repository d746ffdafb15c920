"""The `sitrep` command line's grammar: every command, option and help text, and the argument
types that refuse a bad value (exit 2) before any command runs.

Kept apart from the commands so that the whole interface reads in one place, as `sitrep --help`
shows it; the commands themselves live in sitrep.cli.render, .briefs and .authoring.
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["build_parser"]

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


def build_parser() -> argparse.ArgumentParser:
    """The parser of `sitrep` and its commands."""
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
    profiles = check.add_mutually_exclusive_group()
    profiles.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="check every brief with the rules this house profile switches off (default: the "
        "sitrep-profile.yaml in each brief's folder or a parent, else "
        "$XDG_CONFIG_HOME/sitrep/profile.yaml)",
    )
    profiles.add_argument(
        "--no-profile",
        dest="profile",
        action="store_false",
        help="check with every rule, whatever house profile applies",
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
