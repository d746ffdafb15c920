"""What `validate` checks beyond the model: that a render would find what the brief names.

The layout (`template:`) must be a packaged one or one in the folder given with `--template`,
and every figure and attachment must be a file in the brief's folder, so that a typo is found
at validate time with its file, line and field, not later by the renderer.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

from sitrep.errors import BriefError, Problem, ResourceRefused
from sitrep.files.load import load_with_lines
from sitrep.files.paths import reference_path
from sitrep.model.template_name import BUILT_IN_LAYOUTS
from sitrep.model.walk import FieldPath, format_path

__all__ = ["check_brief"]


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
    errors: list[Problem] = []

    def problem(message: str, where: FieldPath) -> None:
        errors.append(Problem(message, file, format_path(where), _line(lines, where)))

    layout = _layout_problem(brief.template, template)
    if layout:
        problem(layout, ("template",))
    folder = path.parent
    for index, figure in enumerate(brief.figures):
        missing = _missing(figure.image, folder)
        if missing:
            problem(missing, ("figures", index, "image"))
    for index, attachment in enumerate(brief.attachments):
        missing = _missing(attachment.path, folder)
        if missing:
            problem(missing, ("attachments", index))
    warnings = [Problem(w.message, file, w.path, w.line) for w in brief.unchecked_warnings()]
    return sorted(errors, key=lambda p: p.line or 0), warnings


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


def _missing(reference: str, folder: Path) -> str | None:
    try:
        path = reference_path(reference, folder)
    except ResourceRefused:
        return None  # refused at render with its reason; not a missing file
    if path.is_file():
        return None
    shown = "is a folder, not a file" if path.is_dir() else "was not found"
    return f"file {reference!r} {shown} (looked for {path}; expected a file next to the brief)"
