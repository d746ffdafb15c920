"""Headings in a Markdown brief's body: which lines are headings, how a heading is looked up,
and the `##` block of lines each heading opens.

Kept apart from the readers so that one rule decides what a heading is, for the blocks and for
the `###` themes and stray subheadings inside them: an ATX heading outside code fences and HTML
blocks, as CommonMark reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.files.markdown_blocks import Line

__all__ = ["Block", "Heading", "heading_key", "literal_lines", "read_heading"]

_HEADING_START = re.compile(r"#{1,6}(?=[ \t]|$)")


@dataclass
class Block:
    """A `##` heading and the lines under it, up to the next `##` heading."""

    heading: str
    line: int
    content: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Heading:
    """An ATX heading line: its level and its text, without closing '#'s."""

    level: int
    text: str

    def group(self, number: int) -> str:
        return "#" * self.level if number == 1 else self.text


def read_heading(line: str) -> Heading | None:
    """The heading on a line, read without a regular expression that could backtrack."""
    start = _HEADING_START.match(line)
    if start is None:
        return None
    text = line[start.end() :].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    return Heading(start.end(), text)


def heading_key(heading: str) -> str:
    """How a heading is looked up: lower case, single spaces, no trailing '?' or ':', and a
    typed apostrophe for a curly one ("Que s'est-il passé ?" is "Que s’est-il passé ?")."""
    folded = heading.lower().replace("’", "'").replace("‘", "'")
    return " ".join(folded.split()).rstrip("?:").strip()


def literal_lines(body: list[str]) -> set[int]:
    """Indexes of the body's lines inside code fences (``` or ~~~) and HTML blocks, where a
    '## ' line is text, not a heading; found by markdown-it-py, as CommonMark reads them."""
    from markdown_it import MarkdownIt

    literal: set[int] = set()
    for token in MarkdownIt("commonmark").parse("\n".join(body)):
        if token.type in ("fence", "html_block") and token.map is not None:
            literal.update(range(*token.map))
    return literal
