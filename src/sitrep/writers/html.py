"""The HTML writer: Jinja2 templates with autoescape, walking the resolved brief.

PDF is this writer plus WeasyPrint, so what `--format html` writes is what gets printed, with
two differences in the PDF's own HTML (`print_layout`): URLs are set with fewer boxes, and a
draft's watermark is drawn as outlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from sitrep.errors import RenderError
from sitrep.inline import (
    Code,
    Emph,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    RichText,
    Strong,
    Text,
)
from sitrep.inline.urls import URL_IN_TEXT, url_pieces
from sitrep.labels import house_folder, labels_for
from sitrep.model.template_name import is_template_name
from sitrep.resolve import ResolvedBrief
from sitrep.resolve.dates import format_date, format_moment, format_when
from sitrep.resources import templates_dir
from sitrep.writers.banner import banner, status_line
from sitrep.writers.masthead import continuity_line
from sitrep.writers.options import RenderOptions
from sitrep.writers.sandbox import figure_url

__all__ = [
    "HtmlInline",
    "breakable",
    "html_environment",
    "render_html",
    "template_folders",
    "write_html",
]

LAYOUTS = ("intel-brief", "analysis", "article")


def template_folders(options: RenderOptions, kind: str) -> tuple[Path | None, str | None]:
    """A user's template folder (searched first) and a layout name, from `--template`."""
    template = options.template
    if template is None:
        return None, None
    if isinstance(template, str) and template in LAYOUTS:
        return None, template
    folder = Path(template)
    if not folder.is_dir():
        raise RenderError(
            f"template {str(template)!r} is neither a layout ({', '.join(LAYOUTS)}) nor a "
            f"folder of {kind} templates"
        )
    return folder.resolve(), None


@lru_cache(maxsize=8)
def html_environment(user_folder: Path | None) -> Environment:
    """A sandboxed Jinja environment searching the user's folder before the packaged templates.

    "sitrep/NAME" always names the packaged template, so a user's `intel-brief.html.j2` can
    `{% extends "sitrep/intel-brief.html.j2" %}` and override only some blocks. Every template,
    the user's too, runs in Jinja's sandbox: no `__globals__`, no `os`, no unsafe calls.
    """
    packaged = FileSystemLoader(str(templates_dir() / "html"))
    loaders: list[BaseLoader] = [packaged, PrefixLoader({"sitrep": packaged})]
    if user_folder is not None:
        loaders.insert(0, FileSystemLoader(str(user_folder)))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["figure_url"] = figure_url
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string (a label in a `content:` rule): every character that could
    end the string, the rule or the <style> element is a CSS hex escape."""
    escaped = "".join(
        char if char.isalnum() or char in " .,:;!?'’–—·%()/" else f"\\{ord(char):06x}"
        for char in str(text)
    )
    return Markup(f'"{escaped}"')


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs: compiling them is a tenth of a new process's render.

    Jinja keys each entry by the template's source checksum, so an edited template is compiled
    again. The cache holds code, so it is used only in a folder that the current user owns and
    nobody else can write to; otherwise sitrep simply compiles every time.
    """
    import os
    import stat

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "sitrep" / "jinja"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    # Sandboxed and plain environments compile calls differently, so sandboxed code has files
    # of its own: an entry written by an older, unsandboxed sitrep is never loaded.
    pattern = "__sitrep_sandboxed_%s.cache"
    return FileSystemBytecodeCache(str(folder), pattern) if private else None


_LONG_WORD = re.compile(r"\S{80,}")
_PIECE = 16
_LONG_PIECE = 48  # a URL piece this long would not fit a footnote line


def breakable(text: str) -> Markup:
    """Escaped text in which a word too long for any line (a pasted hash, a 100,000-letter
    string) gets a `<wbr>` every 16 characters, so it wraps instead of running off the page.
    CSS `overflow-wrap` would do the same, but WeasyPrint takes minutes over such a word."""
    if len(text) < 80 or _LONG_WORD.search(text) is None:
        return escape(text)
    parts: list[Markup] = []
    last = 0
    for match in _LONG_WORD.finditer(text):
        word = match.group()
        if "://" in word and len(word) < 400:
            continue  # a URL: CSS breaks those (word-break: break-all), text stays unchanged
        parts.append(escape(text[last : match.start()]))
        parts.append(
            Markup("<wbr>").join(escape(word[i : i + _PIECE]) for i in range(0, len(word), _PIECE))
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


# URL pieces the PDF sets as plain text: a scheme ("https://", no break chance inside), or at
# most one punctuation mark and then letters and digits (and marks that never break before a
# letter or digit: UAX #14 classes AL, PR, PO). The one break chance such a piece has, after
# its leading mark ("/|path", "-|some", "?|x", ".|2"), is closed by a word joiner (U+2060),
# which WeasyPrint lays out as nothing and leaves out of the PDF's text.
_SCHEME_PIECE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_PLAIN_PIECE = re.compile(r"(?P<lead>[^A-Za-z0-9]?)[A-Za-z0-9_~#=&%+]*")
_WORD_JOINER = "\u2060"


def _print_piece(piece: str) -> Markup | None:
    """A URL piece as text that cannot break inside, or None if it needs a nowrap span."""
    if _SCHEME_PIECE.fullmatch(piece):
        return escape(piece)
    match = _PLAIN_PIECE.fullmatch(piece)
    if match is None:
        return None
    lead, rest = match["lead"], piece[len(match["lead"]) :]
    return escape(lead + _WORD_JOINER + rest if lead and rest else piece)


def _url(url: str, print_layout: bool = False) -> Markup:
    """A URL in pieces that do not break (a hyphen or slash is a break chance of its own), with
    a break chance between them. A piece longer than any line (a pasted token) breaks every 16
    characters as a last resort: CMOS allows no break there, but text must not leave the page.

    For HTML the break chance is a `<wbr>` and every piece a nowrap span (a reader copying the
    address gets it whole). For the PDF (`print_layout`) it is a zero-width space, which is what
    WeasyPrint makes of a `<wbr>`, and a piece is text held together by a word joiner where it
    can be (`_print_piece`): every inline box is laid out again each time a page's footnote area
    grows, and a URL-heavy brief took twice as long with a box per piece."""
    pieces = []
    for piece in url_pieces(url):
        plain = _print_piece(piece) if print_layout and len(piece) < _LONG_PIECE else None
        if plain is not None:
            pieces.append(plain)
        elif len(piece) >= _LONG_PIECE:  # a nowrap span a chunk, or it would hold back the <wbr>s
            pieces.append(
                Markup("<wbr>").join(
                    Markup("<span>%s</span>") % piece[i : i + _PIECE]
                    for i in range(0, len(piece), _PIECE)
                )
            )
        else:
            pieces.append(Markup("<span>%s</span>") % piece)
    between = Markup("\u200b") if print_layout else Markup("<wbr>")
    return Markup('<span class="url">%s</span>') % between.join(pieces)


class HtmlInline:
    """Writes inline nodes as escaped HTML; a note call becomes a footnote element in place."""

    def __init__(self, resolved: ResolvedBrief, print_layout: bool = False) -> None:
        self.notes = {note.number: note for note in resolved.notes}
        self.print_layout = print_layout  # HTML made for the PDF writer (see `_url`)

    def inline(self, nodes: tuple[Inline, ...], in_note: bool = False) -> Markup:
        return Markup("").join(self._node(node, in_note) for node in nodes)

    def rich(self, text: RichText | None, tag: str = "p") -> Markup:
        """Paragraphs of a prose field, each in `<tag>`."""
        if text is None:
            return Markup("")
        return Markup("\n").join(
            Markup(f"<{tag}>") + self.inline(p.children) + Markup(f"</{tag}>")
            for p in text.paragraphs
        )

    def flat(self, text: RichText | None) -> Markup:
        """A prose field as one run of inline HTML (paragraphs joined by a space)."""
        if text is None:
            return Markup("")
        return Markup(" ").join(self.inline(p.children) for p in text.paragraphs)

    def text(self, text: str) -> Markup:
        """Escaped text; a URL in it may break only where CMOS 14.18 allows (`_url`), any
        other over-long word every 16 characters (`breakable`)."""
        out: list[Markup] = []
        last = 0
        for match in URL_IN_TEXT.finditer(text):
            out.append(breakable(text[last : match.start()]))
            out.append(_url(match.group(), self.print_layout))
            last = match.end()
        out.append(breakable(text[last:]))
        return Markup("").join(out)

    def _node(self, node: Inline, in_note: bool) -> Markup:
        if isinstance(node, Text):
            return self.text(node.text)
        if isinstance(node, Code):
            return Markup("<code>%s</code>") % breakable(node.text)
        if isinstance(node, LineBreak):
            return Markup("<br>")
        if isinstance(node, Emph):
            return Markup("<em>%s</em>") % self.inline(node.children, in_note)
        if isinstance(node, Strong):
            return Markup("<strong>%s</strong>") % self.inline(node.children, in_note)
        if isinstance(node, Link):
            return Markup('<a href="%s">%s</a>') % (node.url, self.inline(node.children, in_note))
        if isinstance(node, NoteRef):
            # The link is the call on screen (print hides it); the span floats to the page
            # bottom in print, where CSS shows `data-note`, the resolver's number. Word joiners
            # (U+2060) keep the call on the line of the word before it.
            note = self.notes[node.number]
            return Markup(
                '\u2060<a class="note-ref" href="#note-%d">%d</a>\u2060'
                '<span class="footnote" id="fn%d" data-note="%d">%s</span>'
            ) % (
                node.number,
                node.number,
                node.number,
                node.number,
                self.inline(note.content, in_note=True),
            )
        raise RenderError(f"unresolved inline node {type(node).__name__} reached the HTML writer")


def _context(
    resolved: ResolvedBrief,
    layout: str,
    options: RenderOptions,
    watermark: Callable[[str], Markup] | None,
    print_layout: bool,
) -> dict[str, Any]:
    brief = resolved.brief
    style = brief.date_format
    html = HtmlInline(resolved, print_layout=print_layout)
    labels = labels_for(brief.language, layout, house_folder(options.template))
    return {
        "doc": resolved.doc,
        "brief": brief,
        "resolved": resolved,
        "notes": resolved.notes,
        "layout_name": layout,
        "h": html,
        "labels": labels,
        "continuity_line": continuity_line(brief, labels),
        "banner": banner(brief),
        "status_line": status_line(brief, labels),
        "watermark": watermark or escape,
        "format_date": lambda day: format_date(day, style, brief.language),
        "format_moment": lambda day, time=None: format_moment(day, time, style, brief.language),
        "format_when": lambda when: format_when(when, style, brief.language),
    }


def render_html(
    resolved: ResolvedBrief,
    options: RenderOptions,
    watermark: Callable[[str], Markup] | None = None,
    *,
    print_layout: bool = False,
) -> str:
    """Render the brief's layout to an HTML string.

    `watermark` makes a draft watermark's content from its word (the PDF writer draws it as
    outlines); without it the word is the content, as text. `print_layout` is the PDF writer's
    HTML, which WeasyPrint lays out: URLs with fewer boxes (see `_url`)."""
    user_folder, layout = template_folders(options, "HTML")
    name = layout or resolved.brief.template
    if not is_template_name(name):  # the model refuses a path; a copy made unchecked may not
        raise RenderError(f"template: {name!r} is not a layout name")
    users = user_folder is not None and (user_folder / f"{name}.html.j2").is_file()
    if name not in LAYOUTS and not users:  # base, _blocks: parts of layouts, not layouts
        raise RenderError(
            f"template: {name!r} is not a layout (expected one of {', '.join(LAYOUTS)}, or "
            f"{name}.html.j2 in the folder given with --template)"
        )
    env = html_environment(user_folder)
    try:
        template = env.get_template(f"{name}.html.j2")
    except TemplateNotFound:
        raise RenderError(
            f"no HTML template for layout {name!r} (expected {name}.html.j2 in "
            f"{user_folder or 'the packaged templates'}; packaged layouts: {', '.join(LAYOUTS)})"
        ) from None
    except TemplateError as error:  # a syntax error in the user's template: theirs to fix
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
        where = f"{filename}:{line}" if filename else f"{name}.html.j2"
        raise RenderError(f"HTML template {where}: {error} (expected Jinja2 syntax)") from None
    try:
        return template.render(_context(resolved, name, options, watermark, print_layout))
    except (TemplateError, ArithmeticError) as error:  # the sandbox's SecurityError, its
        # OverflowError for range(10**9), a division by zero: the template's, not a bug here
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
        where = f"{filename}:{line}" if filename else f"{name}.html.j2"
        raise RenderError(f"HTML template {where}: {error}") from None


def write_html(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """The brief as one HTML file; each figure it points at is checked to be allowed."""
    from sitrep.writers.sandbox import brief_folder, brief_roots, check_figures

    folder = brief_folder(resolved.folder)
    check_figures(resolved.brief.figures, folder, brief_roots(folder, options), options)
    return render_html(resolved, options).encode("utf-8")
