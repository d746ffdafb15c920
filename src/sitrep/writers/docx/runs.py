"""Inline nodes to WordprocessingML runs, as Markup that docxtpl inserts without escaping.

Every user string reaches the document through this module. It escapes XML itself and writes
braces as character references, so docxtpl's Jinja never sees user text as template source and
its `{_{` -> `{{` post-processing cannot touch it; the parser turns `&#123;` back into `{`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

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

__all__ = ["Prose", "RunBuilder", "RunProps", "join_runs", "xml_text"]

_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "{": "&#123;",
        "}": "&#125;",
        "%": "&#37;",
    }
)


def xml_text(text: str) -> str:
    """Text escaped for a w:t element; braces and percent signs as character references."""
    return text.translate(_ESCAPES)


def join_runs(parts: Iterable[Markup]) -> Markup:
    """Concatenate Markup without losing its safe status (a plain "".join would)."""
    return Markup("").join(parts)


@dataclass(frozen=True, slots=True)
class RunProps:
    """Character formatting of a run, written in schema order."""

    style: str | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    mono: bool = False
    colour: str | None = None
    size: int | None = None  # half-points
    shading: str | None = None

    def xml(self) -> str:
        parts = []
        if self.style:
            parts.append(f'<w:rStyle w:val="{self.style}"/>')
        if self.mono:
            parts.append(
                '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
            )
        if self.bold:
            parts.append("<w:b/><w:bCs/>")
        if self.italic:
            parts.append("<w:i/><w:iCs/>")
        if self.caps:
            parts.append("<w:caps/>")
        if self.colour:
            parts.append(f'<w:color w:val="{self.colour}"/>')
        if self.size:
            parts.append(f'<w:sz w:val="{self.size}"/><w:szCs w:val="{self.size}"/>')
        if self.shading:
            parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{self.shading}"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    def but(self, **changes: object) -> RunProps:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return RunProps(**values)


PLAIN = RunProps()


class Prose:
    """A prose field for templates: `.paragraphs` (one run list each), `.runs` (all of it as
    one run list, paragraphs joined by line breaks); false when empty."""

    __slots__ = ("paragraphs", "plain")

    def __init__(self, paragraphs: list[Markup], plain: str = "") -> None:
        self.paragraphs = paragraphs
        self.plain = plain

    @property
    def runs(self) -> Markup:
        return Markup("<w:r><w:br/></w:r>").join(self.paragraphs)

    def __bool__(self) -> bool:
        return bool(self.paragraphs)

    def __html__(self) -> str:
        return str(self.runs)

    def __str__(self) -> str:
        return str(self.runs)


class RunBuilder:
    """Writes inline nodes as runs. `link_id` gives the relationship id of an external link
    from the part the runs go into; `footnote_id` maps a note number to a w:footnote id;
    `styles` maps the built-in style ids (Hyperlink, FootnoteReference) to the template's."""

    def __init__(
        self,
        link_id: Callable[[str], str],
        footnote_id: Callable[[int], int] | None = None,
        styles: dict[str, str] | None = None,
    ) -> None:
        self.link_id = link_id
        self.footnote_id = footnote_id
        self.styles = styles or {}

    # -- plain text -------------------------------------------------------------------------

    @staticmethod
    def text_in_run(text: str) -> Markup:
        """Text for a `{{ name }}` tag inside a template run: it keeps that run's formatting.
        Line breaks and tabs become w:br and w:tab inside the same run."""
        out = []
        for index, line in enumerate(text.split("\n")):
            if index:
                out.append('</w:t><w:br/><w:t xml:space="preserve">')
            out.append(
                '</w:t><w:tab/><w:t xml:space="preserve">'.join(
                    xml_text(part) for part in line.split("\t")
                )
            )
        return Markup("".join(out))

    @staticmethod
    def run(text: str, props: RunProps = PLAIN) -> Markup:
        """One run of literal text."""
        if not text:
            return Markup("")
        body = RunBuilder.text_in_run(text)
        return Markup(f'<w:r>{props.xml()}<w:t xml:space="preserve">{body}</w:t></w:r>')

    # -- inline nodes -----------------------------------------------------------------------

    def inline(self, nodes: Iterable[Inline], props: RunProps = PLAIN) -> Markup:
        return join_runs(self._node(node, props) for node in nodes)

    def prose(self, text: RichText | None, first: Markup | None = None) -> Prose:
        """A prose field; `first` is put before the first paragraph's runs (a dateline)."""
        if text is None:
            return Prose([])
        paragraphs = [self.inline(p.children) for p in text.paragraphs]
        if first and paragraphs:
            paragraphs[0] = first + paragraphs[0]
        return Prose(paragraphs, text.plain)

    def footnote_reference(self, number: int) -> Markup:
        if self.footnote_id is None:
            raise RenderError(f"note {number} is called inside a note or a header")
        style = xml_text(self.styles.get("FootnoteReference", "FootnoteReference"))
        return Markup(
            f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
            f'<w:footnoteReference w:id="{self.footnote_id(number)}"/></w:r>'
        )

    def _node(self, node: Inline, props: RunProps) -> Markup:
        if isinstance(node, Text):
            return self.run(node.text, props)
        if isinstance(node, Code):
            return self.run(node.text, props.but(mono=True))
        if isinstance(node, LineBreak):
            return Markup("<w:r><w:br/></w:r>")
        if isinstance(node, Emph):
            return self.inline(node.children, props.but(italic=not props.italic))
        if isinstance(node, Strong):
            return self.inline(node.children, props.but(bold=True))
        if isinstance(node, Link):
            rid = self.link_id(node.url)
            runs = self.inline(
                node.children, props.but(style=self.styles.get("Hyperlink", "Hyperlink"))
            )
            return Markup(f'<w:hyperlink r:id="{xml_text(rid)}" w:history="1">{runs}</w:hyperlink>')
        if isinstance(node, NoteRef):
            return self.footnote_reference(node.number)
        raise RenderError(f"unresolved inline node {type(node).__name__} reached the DOCX writer")
