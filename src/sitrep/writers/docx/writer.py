"""The DOCX writer: a docxtpl Word template, rendered with autoescape, plus real footnotes.

The template sees the variables listed in docs/word-templates.md. Text variables are Markup
built by `docx.runs`, never user text as template source; notes become `w:footnoteReference`
runs whose ids point into the footnotes part `docx.footnotes` writes after the render.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from sitrep.errors import RenderError
from sitrep.labels import house_folder, labels_for
from sitrep.model.template_name import is_template_name
from sitrep.resolve import ResolvedBrief
from sitrep.resources import templates_dir
from sitrep.writers.docx.context import TemplateContext
from sitrep.writers.docx.footnotes import FootnotesPart, W, ensure_styles
from sitrep.writers.docx.package import deterministic_zip, set_core_properties
from sitrep.writers.options import RenderOptions

__all__ = ["LAYOUTS", "find_template", "write_docx"]

LAYOUTS = ("intel-brief", "analysis", "article")


# -- finding the template ---------------------------------------------------------------------


def find_template(resolved: ResolvedBrief, options: RenderOptions) -> tuple[Path, str]:
    """The Word template to use and the layout name it stands for.

    `options.template` may be a .docx file, a layout name, or a folder searched for
    `<layout>.docx` before the bundled templates; None uses the brief's own `template`, which
    is a name, never a path (the model refuses one; checked again here)."""
    layout = resolved.brief.template
    if not is_template_name(layout):
        raise RenderError(f"template: {layout!r} is not a layout name")
    chosen = options.template
    user_folder: Path | None = None
    if chosen is not None:
        if isinstance(chosen, str) and chosen in LAYOUTS:
            layout = chosen
        else:
            path = Path(chosen)
            if path.suffix.lower() == ".docx":
                if not path.is_file():
                    raise RenderError(f"Word template {str(path)!r} does not exist")
                return path.resolve(), layout
            if not path.is_dir():
                raise RenderError(
                    f"template {str(chosen)!r} is neither a layout ({', '.join(LAYOUTS)}), "
                    "a .docx Word template, nor a folder of templates"
                )
            user_folder = path
    if user_folder is not None and (user_folder / f"{layout}.docx").is_file():
        return (user_folder / f"{layout}.docx").resolve(), layout
    bundled = templates_dir() / "docx" / f"{layout}.docx"
    if not bundled.is_file():
        raise RenderError(
            f"no Word template for layout {layout!r} (bundled layouts: {', '.join(LAYOUTS)}; "
            "give --template house.docx to use your own)"
        )
    return bundled, layout


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int, size: int) -> bytes:
    return path.read_bytes()


# -- rendering ----------------------------------------------------------------------------------


def _set_language(document: Any, language: str) -> None:
    """The brief's language as the document default, for spelling and hyphenation."""
    ns = {"w": W}
    r_pr = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr", ns)
    if r_pr is None:
        return
    lang = r_pr.find("w:lang", ns)
    if lang is None:
        lang = etree.SubElement(r_pr, f"{{{W}}}lang")
    lang.set(f"{{{W}}}val", language)


def _check_tags(document: Any, template: Path) -> None:
    """A run list placed with `{{ x }}` instead of `{{r x }}` would nest runs in w:t."""
    parts = [document.part] + [
        rel.target_part
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer"))
    ]
    for part in parts:
        if part.element.xpath("//w:t[*]"):
            raise RenderError(
                f"Word template {template.name}: a rich variable (prose, runs) sits in a "
                "{{ ... }} tag inside a run; write it as {{r name }} in a run of its own "
                "(see docs/word-templates.md)"
            )


class _CompiledOnce(SandboxedEnvironment):
    """Jinja's sandbox, for Word templates are code from elsewhere too; and since docxtpl
    compiles each part's XML from a string on every render, the compiled templates are kept,
    keyed by their source, so a warm re-render skips Jinja's compiler."""

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= 64:
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled

    @property
    def _compiled(self) -> dict[str, Any]:
        cache: dict[str, Any] | None = getattr(self, "_sitrep_compiled", None)
        if cache is None:
            cache = {}
            self._sitrep_compiled = cache
        return cache


class _NoOtherTemplates(BaseLoader):
    """A Word template is one file: `{% include %}`, `{% import %}` and `{% extends %}` fail
    as template errors (without a loader Jinja raises a TypeError)."""

    def get_source(self, environment: Environment, template: str) -> Any:
        raise TemplateNotFound(
            template,
            f"{template!r} cannot be included, imported or extended (expected a Word template "
            "without include, import or extends)",
        )


@lru_cache(maxsize=1)
def _word_environment() -> Environment:
    return _CompiledOnce(autoescape=True, undefined=StrictUndefined, loader=_NoOtherTemplates())


def _stamp_pages(document: Any, resolved: ResolvedBrief, layout: str) -> None:
    from sitrep.model.dissemination import Status
    from sitrep.writers.banner import banner, status_line
    from sitrep.writers.docx.banner import stamp_every_page

    brief = resolved.brief
    draft = brief.status is Status.DRAFT
    words = status_line(brief, labels_for(brief.language, layout)) if draft else ""
    stamp_every_page(document, banner(brief), words)


def write_docx(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """Render the brief with its Word template; the same brief gives the same bytes."""
    from docxtpl import DocxTemplate

    path, layout = find_template(resolved, options)
    stat = path.stat()
    template = DocxTemplate(BytesIO(_template_bytes(path, stat.st_mtime_ns, stat.st_size)))
    try:
        template.init_docx()
    except Exception as exc:
        raise RenderError(f"Word template {path}: cannot be read as a .docx ({exc})") from exc
    document = template.docx
    footnotes = FootnotesPart(document)
    if footnotes.own_notes:
        options.warn(
            f"Word template {path.name} has {footnotes.own_notes} footnote(s) of its own; Word "
            "numbers footnotes by position, so the brief's note numbers may appear shifted"
        )
    styles = ensure_styles(document)
    context = TemplateContext(resolved, options, document, footnotes, layout, styles).build()
    try:
        template.render(context, jinja_env=_word_environment(), autoescape=True)
    except (TemplateError, ArithmeticError) as exc:  # range(10**9) is the sandbox's OverflowError
        raise RenderError(
            f"Word template {path.name}: {exc} (template variables are listed in "
            "docs/word-templates.md)"
        ) from exc
    _check_tags(document, path)
    _stamp_pages(document, resolved, layout)
    footnotes.write(resolved.notes, document.settings, styles)
    _set_language(document, resolved.brief.language)
    labels = labels_for(resolved.brief.language, layout, house_folder(options.template))
    set_core_properties(document, resolved, labels["content_status.draft"])
    buffer = BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue(), resolved.brief.date)
