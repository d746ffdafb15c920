"""The typography pass: typographic quotes in the brief's own words, and note calls set close.

It runs once, in `resolve`, so every writer prints the same characters. Prose is given its
quotes while it is parsed (markdown-it's smartquotes, see `sitrep.inline.typography`); this
module does the same for plain-text fields and removes the space typed before a citation, so
"text [@a]" and "text[@a]" both print as "text¹".
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from sitrep.inline import Emph, Inline, Link, NoteRef, Paragraph, RichText, Strong, Text
from sitrep.inline.typography import Quotes, quotes_for, smart_plain
from sitrep.model.brief import (
    Actor,
    Attachment,
    Brief,
    Figure,
    Place,
    Quote,
    Section,
    Theme,
)
from sitrep.model.continuity import Supersedes
from sitrep.model.tradecraft import DisabledRule, Indicator, Scenario
from sitrep.model.walk import FieldPath

__all__ = [
    "TYPESET",
    "VERBATIM",
    "close_up_calls",
    "in_quote_marks",
    "nested",
    "quotes_at",
    "quotes_of",
    "typeset_plain",
]

# Plain-text fields a reader sees as words: they get typographic quotes.
TYPESET: dict[type[BaseModel], frozenset[str]] = {
    Brief: frozenset(
        {"title", "subtitle", "dateline", "authors", "organisation", "keywords", "next_issue"}
    ),
    Place: frozenset({"name", "country"}),
    Actor: frozenset({"name", "role", "affiliation"}),
    Figure: frozenset({"credit", "alt"}),
    Theme: frozenset({"theme"}),
    Section: frozenset({"heading"}),
    Quote: frozenset({"speaker", "affiliation"}),
    Attachment: frozenset({"title"}),
    # A scenario's name is printed as a heading, and an indicator names it: typeset alike, they
    # still match.
    Scenario: frozenset({"name"}),
    Indicator: frozenset({"scenario"}),
}

# Plain-text fields that are names of things (files, layouts, languages) and stay as typed.
# Sources are formatted by the Chicago notes, which set their own quotes (CMOS 13.30).
VERBATIM: dict[type[BaseModel], frozenset[str]] = {
    # A serial is the series' key: SITREP 14 must read exactly as SITREP 15 says it supersedes.
    # A banner is printed exactly as the marking was given: it is compared, not read.
    Brief: frozenset(
        {"template", "language", "citation_language", "sources", "field_markings"}
        | {"serial", "classification", "caveats", "version"}
    ),
    Supersedes: frozenset({"serial"}),
    Figure: frozenset({"image"}),
    Attachment: frozenset({"path"}),
    Place: frozenset({"country_code"}),
    DisabledRule: frozenset({"rule", "reason"}),  # settings of sitrep check, never printed
}


def quotes_of(brief: Brief) -> Quotes | None:
    """The quotation marks for the brief's language, or None when the brief turns them off."""
    return quotes_for(brief.language) if brief.smart_quotes else None


def nested(quotes: Quotes) -> Quotes:
    """The marks for a quotation inside a quotation: the single (inner) kind, whether the writer
    typed double or single quotes (“a ‘b’ and ‘c’ d”). Going back to double marks a level
    further in would make typed 'x' print exactly like the outer quotes."""
    return (quotes[2], quotes[3], quotes[2], quotes[3])


def quotes_at(path: FieldPath, quotes: Quotes | None) -> Quotes | None:
    """The marks for the prose at `path`: a pull quote is printed inside quotation marks, so the
    quotes typed in it are the nested kind."""
    if quotes is not None and _is_pull_quote(path):
        return nested(quotes)
    return quotes


def _is_pull_quote(path: FieldPath) -> bool:
    return len(path) >= 3 and path[-3] == "quotes" and path[-1] == "text"


def _trailing_calls(nodes: tuple[Inline, ...]) -> int:
    count = 0
    for node in reversed(nodes):
        if not isinstance(node, NoteRef):
            break
        count += 1
    return count


def in_quote_marks(path: FieldPath, text: RichText, quotes: Quotes | None) -> RichText:
    """A pull quote with its quotation marks: one opens every paragraph, one closes the last,
    before the calls typed after the final period ("water.”¹", CMOS 14.26). Straight marks
    when the brief turns typography off. Other prose is returned as it is."""
    if not _is_pull_quote(path) or not text.paragraphs:
        return text
    opening, closing = (quotes[0], quotes[1]) if quotes is not None else ('"', '"')
    paragraphs = [Paragraph((Text(opening), *p.children)) for p in text.paragraphs]
    last = paragraphs[-1].children
    cut = len(last) - _trailing_calls(last)
    paragraphs[-1] = Paragraph((*last[:cut], Text(closing), *last[cut:]))
    return RichText(tuple(paragraphs))


def _typeset_value(value: Any, quotes: Quotes) -> Any:
    if isinstance(value, str):
        return smart_plain(value, quotes)
    if isinstance(value, list):
        return [_typeset_value(item, quotes) for item in value]
    return value


def _typeset_model(model: BaseModel, quotes: Quotes) -> BaseModel:
    names = TYPESET.get(type(model), frozenset())
    skip = VERBATIM.get(type(model), frozenset())
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name in skip:
            continue
        value = getattr(model, name)
        if name in names:
            new = _typeset_value(value, quotes)
        elif isinstance(value, BaseModel):
            new = _typeset_model(value, quotes)
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            new = [_typeset_model(v, quotes) if isinstance(v, BaseModel) else v for v in value]
        else:
            continue
        if new != value:
            changes[name] = new
    return model.model_copy(update=changes) if changes else model


def typeset_plain(brief: Brief, quotes: Quotes | None) -> Brief:
    """The brief with typographic quotes in its plain-text fields (prose is done when parsed)."""
    if quotes is None:
        return brief
    typeset = _typeset_model(brief, quotes)
    assert isinstance(typeset, Brief)
    return typeset


# -- note calls ---------------------------------------------------------------------------------


def _starts_with_call(node: Inline) -> bool:
    if isinstance(node, NoteRef):
        return True
    if isinstance(node, (Emph, Strong, Link)) and node.children:
        return _starts_with_call(node.children[0])
    return False


def _close_up(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if isinstance(node, Text) and following is not None and _starts_with_call(following):
            stripped = node.text.rstrip()
            if stripped:
                out.append(Text(stripped))
            continue
        if isinstance(node, Emph):
            node = Emph(_close_up(node.children))
        elif isinstance(node, Strong):
            node = Strong(_close_up(node.children))
        elif isinstance(node, Link):
            node = Link(node.url, _close_up(node.children))
        out.append(node)
    return tuple(out)


def close_up_calls(text: RichText) -> RichText:
    """No space before a note call, however the citation was typed: "text [@a]" -> "text¹"."""
    return RichText(tuple(Paragraph(_close_up(p.children)) for p in text.paragraphs))
