"""The Python API: load a brief, render it, write it back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from sitrep.atomic import write_atomic
from sitrep.errors import BriefError, RenderError
from sitrep.files.load import load
from sitrep.model.brief import Brief
from sitrep.writers.options import RenderOptions

if TYPE_CHECKING:
    from sitrep.resolve import ResolvedBrief
    from sitrep.writers import Writer

__all__ = ["check_warnings", "dump", "dumps", "load", "release", "render", "write_output"]


@overload
def render(brief: Brief, target: Path, *, format: str | None = ..., **options: Any) -> Path: ...
@overload
def render(
    brief: Brief, target: str, *, format: str | None = ..., **options: Any
) -> Path | bytes: ...


def render(
    brief: Brief, target: str | Path, *, format: str | None = None, **options: Any
) -> Path | bytes:
    """Render `brief` to a file, or to bytes when `target` is a format name.

    `render(brief, "brief.pdf")` writes the file atomically and returns its path;
    `render(brief, "pdf")` returns the PDF as bytes. Keyword options are those of
    `RenderOptions`: template, allow_remote, allowed_folders, pdf_variant, strict, warn,
    release ("TLP:GREEN": only the portions at or below it), portion_marks and changes_since
    (the previous issue: a Brief or its file; released and marked like this one before the two
    are compared, so the box of changes quotes nothing the release removed).
    The brief is validated again first, so changes made in a script are checked like a file's.
    """
    from sitrep.files.render_checks import refuse_unrenderable
    from sitrep.resolve.release import for_audience
    from sitrep.writers import FORMATS, format_for, get_writer

    settings = _options(options)
    brief = _as_brief(brief).validated()
    refuse_unrenderable(brief, settings.template, settings.allowed_folders)
    check_warnings(brief, settings)
    if isinstance(target, str) and target in FORMATS and format is None:
        audience = for_audience(brief, settings.release, settings.portion_marks)
        return get_writer(target)(resolved_for(audience, settings, ()), settings)
    path = Path(target)
    fmt = format or format_for(path)
    from sitrep.files.output_safety import check_brief_inputs, check_template_outputs

    # checked against the whole brief, before a release removes anything: a figure or an
    # attachment left out of this audience's copy is still a file the output must not replace
    check_brief_inputs(brief, ((path, fmt),))  # never over the brief or a file it uses
    check_template_outputs(settings.template, (path,))  # nor over the templates it is rendered with
    audience = for_audience(brief, settings.release, settings.portion_marks)
    return write_output(resolved_for(audience, settings, (path,)), path, fmt, settings)


def resolved_for(brief: Brief, options: RenderOptions, outputs: tuple[Path, ...]) -> ResolvedBrief:
    """The brief resolved, with the changes box when `changes_since` names a previous issue."""
    from sitrep.resolve import resolve

    resolved = resolve(brief)
    if options.changes_since is None:
        return resolved
    from sitrep.resolve.changes import add_changes_since

    return add_changes_since(
        resolved,
        brief,
        options.changes_since,
        outputs,
        options.warn,
        release_at=options.release,
        portion_marks=options.portion_marks,
    )


def release(brief: Brief, level: str) -> Brief:
    """The brief as released at `level` ("TLP:GREEN"): only the portions marked at or below
    it, and only the sources they cite, marked `level` (docs/dissemination.md).

    Raises BriefError when the brief cannot be released safely: it has no marking, its title
    is above `level`, or a released portion cites a source above `level`."""
    from sitrep.resolve.release import release as release_brief

    return release_brief(_as_brief(brief).validated(), level)


def _options(options: dict[str, Any]) -> RenderOptions:
    from dataclasses import fields
    from difflib import get_close_matches

    known = [field.name for field in fields(RenderOptions)]
    for name in options:
        if name not in known:
            close = get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RenderError(
                f"unknown render option {name!r}{hint} (expected one of: {', '.join(known)})"
            )
    template = options.get("template")
    if template is not None and not isinstance(template, (str, Path)):
        raise RenderError(
            f"template={template!r} is not a layout name or a path (expected text such as "
            "'analysis', or a Path to a template folder or .docx file)"
        )
    from sitrep.files.render_checks import template_option_problem

    refused = template_option_problem(template, given="template=")
    if refused:
        raise RenderError(refused)
    previous = options.get("changes_since")
    if previous is not None and not isinstance(previous, (str, Path, Brief)):
        raise RenderError(
            f"changes_since={previous!r} is not a brief (expected a sitrep.Brief, or the path "
            "of the previous issue's file)"
        )
    return RenderOptions(**options)


def _as_brief(brief: object) -> Brief:
    if not isinstance(brief, Brief):
        raise BriefError.single(
            f"expected a sitrep.Brief (from sitrep.load or sitrep.Brief(...)), "
            f"got {type(brief).__name__}"
        )
    return brief


def check_warnings(brief: Brief, options: RenderOptions) -> None:
    """Report a valid brief's warnings through `options.warn`, or raise them when strict."""
    problems = brief.unchecked_warnings()
    if problems and options.strict:
        raise BriefError(problems)
    for problem in problems:
        options.warn(str(problem))
    from sitrep.labels import house_folder, missing_catalog_warning

    no_labels = missing_catalog_warning(brief.language, house_folder(options.template))
    if no_labels is not None:  # a warning, even when strict: the brief itself is fine
        options.warn(no_labels)


def write_output(
    resolved: ResolvedBrief,
    path: Path,
    format: str,
    options: RenderOptions,
    writer: Writer | None = None,
) -> Path:
    """Write one resolved brief to `path` atomically, with the format's writer (or `writer`)."""
    from sitrep.writers import get_writer

    write_atomic(path, (writer or get_writer(format))(resolved, options))
    return path


def dumps(brief: Brief, format: str = "yaml") -> str:
    """The brief as YAML, JSON or Markdown text that loads back to an equal brief."""
    brief = _as_brief(brief).validated()
    if format in ("md", "markdown"):
        from sitrep.files.markdown_dump import markdown_text

        return markdown_text(brief)
    data = brief.model_dump(mode="json", exclude_defaults=True, by_alias=False)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    raise RenderError(f"cannot write a brief as {format!r} (expected yaml, json or md)")


_DUMP_KINDS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "md", ".markdown": "md"}


def dump(brief: Brief, path: str | Path) -> Path:
    """Write the brief to a .yaml, .yml, .json or .md file that loads back to an equal brief."""
    path = Path(path)
    kind = _DUMP_KINDS.get(path.suffix.lower())
    if kind is None:
        raise RenderError(f"{path}: expected a .yaml, .yml, .json or .md file name")
    write_atomic(path, dumps(brief, kind).encode("utf-8"))
    return path
