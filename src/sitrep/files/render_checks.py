"""What `validate` checks beyond the model: that a render would find what the brief names.

The layout (`template:`) must be a packaged one or one in the folder given with `--template`,
and every figure and attachment must be a file in the brief's folder, so that a typo is found
at validate time with its file, line and field, not later by the renderer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from difflib import get_close_matches
from pathlib import Path

from sitrep.errors import BriefError, Problem, ResourceRefused, UnrenderableBrief
from sitrep.files.load import load_with_lines
from sitrep.files.paths import Outside, real_path_inside, reference_path
from sitrep.model.brief import Brief
from sitrep.model.template_name import BUILT_IN_LAYOUTS
from sitrep.model.walk import FieldPath, format_path

__all__ = [
    "check_brief",
    "file_problems",
    "refuse_unrenderable",
    "template_option_problem",
]


def check_brief(path: Path, template: Path | None = None) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of the brief file at `path`, every one found in one run.

    `template` is the `--template` a render would be given: a folder of layouts or a .docx.
    Files are named as given in `path`, never made absolute.
    """
    try:
        brief, lines = load_with_lines(path)
    except BriefError as error:
        return error.problems, error.warnings
    file = str(path)
    errors = file_problems(brief, template, file=file, lines=lines, folder=path.parent)
    warnings = [Problem(w.message, file, w.path, w.line) for w in brief.unchecked_warnings()]
    return errors, warnings


def refuse_unrenderable(brief: Brief, template: str | Path | None, allowed: Iterable[Path]) -> None:
    """Raise BriefError naming file, line and field for every layout, figure or attachment a
    render of this loaded brief could not find, before any output is written.

    `template` is the render's --template: a layout name, a folder of layouts or a .docx."""
    origin = brief.origin
    if origin is None:  # a brief built in code: only its layout; the writers check its files
        layout = _layout_for(brief, template)
        if layout:
            raise UnrenderableBrief([Problem(layout, None, "template")])
        return
    shown = Path(os.path.relpath(origin)) if origin.is_relative_to(Path.cwd()) else origin
    problems = file_problems(
        brief, template, file=str(shown), lines=brief.lines, folder=origin.parent, allowed=allowed
    )
    if problems:
        raise UnrenderableBrief(problems)


def template_option_problem(template: str | Path | None, given: str = "--template ") -> str | None:
    """What is wrong with a --template (`given`: how the caller spelt the option) that names
    nothing sitrep can use."""
    if template is None or (isinstance(template, str) and template in BUILT_IN_LAYOUTS):
        return None
    path = Path(template)
    if path.is_dir() or (path.is_file() and path.suffix.lower() == ".docx"):
        return None
    close = get_close_matches(str(template), BUILT_IN_LAYOUTS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (
        f"{given}{str(template)!r} is not a layout, a folder of templates or a .docx "
        f"file{hint} (expected one of {', '.join(BUILT_IN_LAYOUTS)}, a folder or a .docx)"
    )


def _layout_for(brief: Brief, template: str | Path | None) -> str | None:
    if isinstance(template, str) and template in BUILT_IN_LAYOUTS:
        return None  # the layout named on the command line replaces the brief's
    return _layout_problem(brief.template, None if template is None else Path(template))


def file_problems(
    brief: Brief,
    template: str | Path | None,
    *,
    file: str,
    lines: dict[FieldPath, int],
    folder: Path,
    allowed: Iterable[Path] = (),
) -> list[Problem]:
    """The layout, figures and attachments of `brief` that a render would not find."""
    errors: list[Problem] = []

    def problem(message: str, where: FieldPath) -> None:
        errors.append(Problem(message, file, format_path(where), _line(lines, where)))

    layout = _layout_for(brief, template)
    if layout:
        problem(layout, ("template",))
    roots = tuple(dict.fromkeys(Path(os.path.realpath(f)) for f in (folder, *allowed)))
    for index, figure in enumerate(brief.figures):
        missing = _missing(figure.image, folder, roots)
        if missing:
            problem(missing, ("figures", index, "image"))
    for index, attachment in enumerate(brief.attachments):
        missing = _missing(attachment.path, folder, roots)
        if missing:
            problem(missing, ("attachments", index))
    return sorted(errors, key=lambda p: p.line or 0)


def _line(lines: dict[FieldPath, int], where: FieldPath) -> int | None:
    for end in range(len(where), 0, -1):
        if where[:end] in lines:
            return lines[where[:end]]
    return None


def _layout_problem(name: str, template: Path | None) -> str | None:
    if name in BUILT_IN_LAYOUTS or (template is not None and not template.is_dir()):
        return None  # a .docx given with --template is the layout, whatever the brief names
    if template is not None and any(
        (template / f"{name}{suffix}").is_file() for suffix in (".html.j2", ".docx")
    ):
        return None
    close = get_close_matches(name, BUILT_IN_LAYOUTS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    where = (
        f"or a {name}.html.j2 or {name}.docx in {template}"
        if template is not None
        else "or a layout in a folder given with --template"
    )
    return (
        f"{name!r} is not a layout{hint} (expected one of {', '.join(BUILT_IN_LAYOUTS)}, {where})"
    )


def _missing(reference: str, folder: Path, roots: tuple[Path, ...]) -> str | None:
    if reference.partition(":")[0].lower() in ("http", "https"):
        return None  # fetched at render only with --allow-remote, which says why if refused
    try:
        path = reference_path(reference, folder)
    except ResourceRefused:
        return None  # refused at render with its reason; not a missing file
    try:
        real_path_inside(path, roots)
    except Outside:  # where a link leads is not for a stranger's brief to learn from an error
        leads = "leads" if Path(os.path.realpath(path)) != path.absolute() else "is"
        return (
            f"file {reference!r} {leads} outside the brief's folder (expected a file in the "
            "brief's folder; move it there)"
        )
    if path.is_file():
        return None
    if path.exists() and not path.is_dir():  # a FIFO, a device: never read, never waited on
        return f"file {reference!r} is not a regular file (expected a file next to the brief)"
    shown = "is a folder, not a file" if path.is_dir() else "was not found"
    return f"file {reference!r} {shown} (looked for {path}; expected a file next to the brief)"
