"""Inline Markdown subset: parsing and the typed tree."""

from sitrep.inline.nodes import (
    Cite,
    CiteItem,
    Code,
    Emph,
    Inline,
    InlineNote,
    LineBreak,
    Link,
    NoteRef,
    Paragraph,
    RichText,
    Strong,
    Text,
    plain_text,
)
from sitrep.inline.parser import parse, parse_inline

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
    "parse",
    "parse_inline",
    "plain_text",
]
