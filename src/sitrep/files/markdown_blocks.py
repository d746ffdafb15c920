"""Markdown that a brief's text cannot hold: lists, block quotes, code, HTML, tables and rules
in prose; blocks nested inside a `- ` item or a `> ` pull quote, a second paragraph of an item;
and hard line breaks.

A list item or a pull quote is one paragraph of text in a brief; a table, heading, block quote,
code block, list or rule inside one, or a line break made with two trailing spaces, would be
flattened into that text without a word. Each is found here, by markdown-it-py reading the body
as CommonMark does, so that the brief is refused with the line instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Line", "forget_parsed", "nested_problems", "top_level_problems"]

Line = tuple[int, str]
"""A line of the body with its line number in the file."""

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|[\s|:-]*$|^\s*\|\s*:?-{3,}")
_ATTRIBUTION = re.compile(r"^\s*(?:—|--|–)\s*\S")
_BLOCK_WORDS = {
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list",
    "blockquote_open": "a block quote (a pull quote ends with a '— Speaker, Affiliation' line)",
    "fence": "a code block",
    "code_block": "an indented code block",
    "html_block": "an HTML block",
    "hr": "a thematic break (---, *** or ___)",
    "heading_open": "a heading underlined with === or ---",
}
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


def top_level_problems(
    content: list[Line],
    heading: str,
    quote: Callable[[list[str]], object | None] | None,
    *,
    lists: bool,
) -> list[tuple[int, str]]:
    """(line, message) for each top-level block that the prose under `## heading` cannot hold
    (lists, block quotes, code, HTML, tables, rules); `quote`: the pull-quote reader, when the
    heading holds pull quotes; `lists`: the heading reads `- ` items."""
    if not content:
        return []
    first = content[0][0]
    problems: list[tuple[int, str]] = []
    text = "\n".join(line for _, line in content)
    for token in _parse(text):
        if token.level != 0 or token.map is None or token.type.endswith("_close"):
            continue
        start, end = token.map
        number = first + start
        lines = [line for n, line in content if first + start <= n < first + end]
        if token.type == "paragraph_open":
            table = next((i for i, line in enumerate(lines) if _TABLE_RULE.match(line)), None)
            if table is None:
                continue
            what, number = "a table", number + max(table - 1, 0)
        elif token.type == "blockquote_open" and quote is not None and quote(lines) is not None:
            continue
        elif token.type == "heading_open" and token.markup.startswith("#"):
            continue  # refused by no_subheadings, or a '### Theme'
        elif lists and token.type in ("bullet_list_open", "ordered_list_open"):
            continue  # read item by item; a nested list is refused there
        elif lists and token.type in ("fence", "html_block"):
            continue  # refused with the other code and HTML blocks of a list heading
        elif token.type == "blockquote_open" and quote is None:
            what = "a block quote"
        else:
            what = _BLOCK_WORDS.get(token.type, f"a Markdown block ({token.type})")
        hold = (
            "dated '- ' bullets and paragraphs"
            if lists
            else "paragraphs and pull quotes"
            if quote is not None
            else "paragraphs"
        )
        problems.append(
            (
                number,
                f"{what} under '## {heading}' would lose its form (this part of a brief holds "
                f"{hold} only; expected paragraphs separated by blank lines: write the points "
                "as sentences, or as items under a list heading such as '## Recommendations')",
            )
        )
    return problems


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
    tokens = _parse("\n".join(lines))
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
            table = next(
                (i for i, text in enumerate(block) if _TABLE_RULE.match(_bare(text))), None
            )
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


@lru_cache(maxsize=4)
def _parse(text: str) -> tuple[Token, ...]:
    """The block's tokens, as CommonMark reads them; parsed once for both checks (not changed
    by either)."""
    return tuple(MarkdownIt("commonmark").parse(text))


def forget_parsed() -> None:
    """Let the last blocks' tokens go once a brief is read (a body may be megabytes)."""
    _parse.cache_clear()


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
