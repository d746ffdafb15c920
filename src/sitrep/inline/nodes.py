"""The typed inline tree every writer walks.

`parse` produces `Cite` and `InlineNote`; the resolver replaces both with `NoteRef`, so writers
only ever see numbered notes.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Cite",
    "CiteItem",
    "Code",
    "Emph",
    "Inline",
    "InlineNote",
    "LineBreak",
    "Link",
    "NoteRef",
    "Paragraph",
    "RichText",
    "Strong",
    "Text",
]


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text, shown exactly as typed."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """Literal text in a monospace font."""

    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; the parser only lets http, https and mailto URLs through."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One source in a citation: `@id`, with optional prefix and locator (`p. 4`).

    `credibility` is the Admiralty information credibility (1-6) of the claim this citation
    supports, written as the last part of the suffix: `[@id, p. 4, credibility 2]`."""

    id: str
    locator: str | None = None
    prefix: str | None = None
    credibility: int | None = None


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation `[@a, p. 4; @b]`; becomes one numbered note."""

    items: tuple[CiteItem, ...]


@dataclass(frozen=True, slots=True)
class InlineNote:
    """An inline note `^[text]`; becomes one numbered note."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A call to note `number`, placed by the resolver."""

    number: int


Inline = Text | Code | LineBreak | Emph | Strong | Link | Cite | InlineNote | NoteRef


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class RichText:
    """A prose field: paragraphs of inline nodes."""

    paragraphs: tuple[Paragraph, ...]

    @property
    def plain(self) -> str:
        """The text without markup or note calls, paragraphs joined by blank lines."""
        return "\n\n".join(plain_text(p.children) for p in self.paragraphs)


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """Concatenate the visible text of inline nodes, leaving out notes."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, (Emph, Strong, Link)):
            parts.append(plain_text(node.children))
    return "".join(parts)
