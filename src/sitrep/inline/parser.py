"""Parse the inline Markdown subset into the typed tree, with markdown-it-py.

Only *emphasis*, **strong**, `code`, links, hard breaks, backslash escapes, citations and inline
notes are recognised. Underscores, raw HTML, entities, images and templating syntax stay literal
text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from sitrep.inline.nodes import (
    Cite,
    CiteItem,
    Code,
    Emph,
    Inline,
    InlineNote,
    LineBreak,
    Link,
    Paragraph,
    RichText,
    Strong,
    Text,
)
from sitrep.inline.typography import Quotes, enable_quotes

__all__ = ["parse", "parse_inline"]

_LINK_SCHEMES = ("http:", "https:", "mailto:")
_MAX_NESTING = 32
"""Emphasis and links nested deeper than this keep their text but not the extra formatting."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Pandoc reads ", credibility 2" as a plain suffix, so the syntax stays pandoc-compatible.
_CREDIBILITY = re.compile(r"(?:^|,)\s*credibility\s+(?P<digit>[1-6])\s*$", re.IGNORECASE)
_CITE_ITEM = re.compile(
    r"^\s*(?:(?P<prefix>[^@]*?)\s+)?@(?P<id>[A-Za-z0-9_][\w:.#$%&+?<>~/-]*?)"
    r"\s*(?:,\s*(?P<locator>.*?))?\s*$",
    re.DOTALL,
)


def _closing_bracket(src: str, start: int, end: int) -> int:
    """Index of the `]` that closes the `[` before `start`, or -1; honours nesting and escapes."""
    close = _bracket_pairs(src).get(start - 1, -1)
    return close if close < end else -1


@lru_cache(maxsize=8)
def _bracket_pairs(src: str) -> dict[int, int]:
    """Every `[` that is closed, and where: one pass, so `[@[@[@...` is not scanned n² times."""
    pairs: dict[int, int] = {}
    open_at: list[int] = []
    pos = 0
    while pos < len(src):
        char = src[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            open_at.append(pos)
        elif char == "]" and open_at:
            pairs[open_at.pop()] = pos
        pos += 1
    return pairs


def _split_credibility(locator: str | None) -> tuple[str | None, int | None]:
    """Take a trailing `credibility N` off a citation's locator."""
    if not locator:
        return None, None
    found = _CREDIBILITY.search(locator)
    if found is None:
        return locator, None
    return locator[: found.start()].strip() or None, int(found["digit"])


def _citation_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "[" or "@" not in src[pos : pos + 200]:
        return False
    close = _closing_bracket(src, pos + 1, state.posMax)
    if close < 0:
        return False
    items: list[CiteItem] = []
    for part in src[pos + 1 : close].split(";"):
        match = _CITE_ITEM.match(part)
        if match is None or "[" in part:
            return False
        locator, credibility = _split_credibility(match["locator"])
        items.append(CiteItem(match["id"], locator, match["prefix"] or None, credibility))
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"items": tuple(items)}
    state.pos = close + 1
    return True


def _inline_note_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("^[", pos) or state.env.get("in_note"):  # a note holds no notes
        return False
    close = _closing_bracket(src, pos + 2, state.posMax)
    if close < 0:
        return False
    if not silent:
        children: list[Token] = []
        state.md.inline.parse(
            src[pos + 2 : close], state.md, {**state.env, "in_note": True}, children
        )
        token = state.push("inline_note", "", 0)
        token.children = children
    state.pos = close + 1
    return True


def _literal_underscore(state: StateInline, silent: bool) -> bool:
    """Underscores are text: snake_case names and `{_{ }_}` template syntax survive as typed."""
    if state.src[state.pos] != "_":
        return False
    end = state.pos
    while end < state.posMax and state.src[end] == "_":
        end += 1
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _validate_link(url: str) -> bool:
    return url.strip().lower().startswith(_LINK_SCHEMES)


@lru_cache(maxsize=16)
def _markdown(quotes: Quotes | None = None) -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "link", "escape", "backticks", "newline"])
    md.inline.ruler.before("link", "cite", _citation_rule)
    md.inline.ruler.before("link", "inline_note", _inline_note_rule)
    md.inline.ruler.before("emphasis", "literal_underscore", _literal_underscore)
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md if quotes is None else enable_quotes(md, quotes)


def _convert(tokens: list[Token]) -> tuple[Inline, ...]:
    """Turn markdown-it's flat open/close token stream into nested nodes."""
    stack: list[tuple[Token | None, list[Inline]]] = [(None, [])]
    for token in tokens:
        out = stack[-1][1]
        kind = token.type
        if kind == "text":
            if not token.content:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + token.content)
            else:
                out.append(Text(token.content))
        elif kind == "softbreak":
            out.append(Text(" "))
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind == "code_inline":
            out.append(Code(token.content))
        elif kind == "cite":
            out.append(Cite(token.meta["items"]))
        elif kind == "inline_note":
            out.append(InlineNote(_convert(token.children or [])))
        elif kind.endswith("_open"):
            stack.append((token, []))
        elif kind.endswith("_close"):
            opener, children = stack.pop()
            assert opener is not None
            children = _merge_text(children)
            parent = stack[-1][1]
            if len(stack) >= _MAX_NESTING:  # `*a *a *a ...` 50,000 deep: keep the words only
                parent.extend(children)
            elif opener.type == "link_open":
                parent.append(Link(str(opener.attrs["href"]), tuple(children)))
            elif opener.type == "strong_open":
                parent.append(Strong(tuple(children)))
            else:
                parent.append(Emph(tuple(children)))
    return tuple(_merge_text(stack[0][1]))


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        elif isinstance(node, Cite) and _follows_citation(merged):
            # "[@a] [@b]" is one place that cites two sources: one note, "A; B." (CMOS 14.26),
            # not two calls side by side that read as one number ("¹²")
            if isinstance(merged[-1], Text):
                merged.pop()
            previous = merged.pop()
            assert isinstance(previous, Cite)
            merged.append(Cite(previous.items + node.items))
        else:
            merged.append(node)
    return merged


def _follows_citation(merged: list[Inline]) -> bool:
    """Whether the next node would stand right after a citation, with at most spaces between."""
    if merged and isinstance(merged[-1], Cite):
        return True
    return (
        len(merged) >= 2
        and isinstance(merged[-1], Text)
        and not merged[-1].text.strip()
        and isinstance(merged[-2], Cite)
    )


def parse_inline(text: str, quotes: Quotes | None = None) -> tuple[Inline, ...]:
    """Parse one paragraph of inline Markdown; with `quotes`, straight quotes become those."""
    return _convert(_markdown(quotes).parseInline(text)[0].children or [])


@lru_cache(maxsize=8192)
def parse(text: str, quotes: Quotes | None = None) -> RichText:
    """Parse a prose field: paragraphs split at blank lines, each parsed as inline Markdown.

    `quotes` (from `typography.quotes_for`) turns straight quotes and apostrophes in the text
    into typographic ones; code spans, link targets and citations are left as typed.
    """
    if quotes is not None and "'" not in text and '"' not in text:
        return parse(text)  # nothing to turn: share the tree the citation check parsed
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]
    return RichText(tuple(Paragraph(parse_inline(p.strip(), quotes)) for p in paragraphs))
