"""Markdown that a brief's items and pull quotes cannot hold: blocks nested inside a `- ` item
or a `> ` pull quote, a second paragraph of an item, and hard line breaks.

A list item or a pull quote is one paragraph of text in a brief; a table, heading, block quote,
code block, list or rule inside one, or a line break made with two trailing spaces, would be
flattened into that text without a word. Each is found here, by markdown-it-py reading the body
as CommonMark does, so that the brief is refused with the line instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["TABLE_RULE", "Line", "nested_problems"]

Line = tuple[int, str]
"""A line of the body with its line number in the file."""

TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|[\s|:-]*$|^\s*\|\s*:?-{3,}")
_ATTRIBUTION = re.compile(r"^\s*(?:—|--|–)\s*\S")
_NESTED_WORDS = {
    "heading_open": "a heading",
    "blockquote_open": "a block quote",
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list",
    "code_block": "an indented code block",
    "fence": "a code block",
    "html_block": "an HTML block",
    "hr": "a thematic break (---, *** or ___)",
}


def nested_problems(
    content: list[Line],
    heading: str,
    *,
    items: bool,
    quote: Callable[[list[str]], object | None] | None,
) -> list[tuple[int, str]]:
    """(line, message) for each form the block under `## heading` would lose.

    `items`: the heading reads `- ` items (their nested lists are refused by the item reader,
    their code blocks by the code-block check); `quote`: the pull-quote reader, when the
    heading holds pull quotes. Hard line breaks are refused under every heading.
    """
    if not content:
        return []
    first = content[0][0]
    lines = [line for _, line in content]
    problems: list[tuple[int, str]] = []
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    outer: Token | None = None  # the top-level list item or pull quote being read
    paragraphs = 0
    skip_below: int | None = None  # inside a refused block: its content is not reported again
    for token in tokens:
        if skip_below is not None:
            if token.level > skip_below:
                continue
            skip_below = None
        if token.type == "inline":
            problems += _hard_breaks(token, first, heading)
            continue
        if token.nesting == -1 or token.map is None:
            if outer is not None and token.level == outer.level and token.nesting == -1:
                outer = None
            continue
        line = first + token.map[0]
        if outer is None:
            outer, paragraphs = _container(token, lines, items=items, quote=quote), 0
            continue
        in_item = outer.type == "list_item_open"
        where = (
            f"inside a list item under '## {heading}' would be flattened into the item's text "
            "(expected one paragraph of text per item: make it an item of its own, or move it "
            "under a '## ' section of its own)"
            if in_item
            else f"inside the pull quote under '## {heading}' would be flattened into the "
            "quote's words (expected the words quoted, then the '— Speaker, Affiliation' line)"
        )
        if token.type == "paragraph_open":
            paragraphs += 1
            block = lines[token.map[0] : token.map[1]]
            table = next((i for i, text in enumerate(block) if TABLE_RULE.match(_bare(text))), None)
            if table is not None:
                problems.append((line + max(table - 1, 0), f"a table {where}"))
            elif paragraphs > 1 and not (not in_item and _ATTRIBUTION.match(_bare(block[0]))):
                problems.append((line, f"a second paragraph {where}"))
            continue
        if in_item and token.type in (
            "bullet_list_open",
            "ordered_list_open",
            "fence",
            "html_block",
        ):
            skip_below = token.level  # refused by the item reader and the code-block check
            continue
        what = _NESTED_WORDS.get(token.type)
        if what is not None:
            problems.append((line, f"{what} {where}"))
            skip_below = token.level
    return problems


def _container(
    token: Token,
    lines: list[str],
    *,
    items: bool,
    quote: Callable[[list[str]], object | None] | None,
) -> Token | None:
    """The top-level list item or pull quote whose inside is checked; None for any other block
    (a list or block quote where the heading holds none is refused as a whole elsewhere)."""
    if token.map is None:
        return None
    if token.type == "list_item_open" and items and token.level == 1:
        return token
    if token.type == "blockquote_open" and token.level == 0 and quote is not None:
        start, end = token.map
        block = [line.rstrip() for line in lines[start:end] if line.strip()]
        return token if quote(block) is not None else None
    return None


def _bare(line: str) -> str:
    """A line without its block-quote markers."""
    return re.sub(r"^(?:\s*>)+", "", line)


def _hard_breaks(inline: Token, first: int, heading: str) -> list[tuple[int, str]]:
    """A hard line break (two spaces or a backslash at the end of a line) would be lost: a
    brief's text joins the lines of a paragraph."""
    if inline.map is None or not inline.children:
        return []
    problems = []
    line = first + inline.map[0]
    for child in inline.children:
        if child.type == "hardbreak":
            problems.append(
                (
                    line,
                    f"a line break (two spaces or '\\' at the end of the line) under "
                    f"'## {heading}' would be lost, as the lines of a paragraph are joined "
                    "(expected a blank line to start a new paragraph or item, or no trailing "
                    "spaces)",
                )
            )
        if child.type in ("hardbreak", "softbreak"):
            line += 1
    return problems
