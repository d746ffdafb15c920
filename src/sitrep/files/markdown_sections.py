"""Which `##` heading fills which field of a Markdown brief (the table `HEADINGS`), and how the
lines under it are read: events grouped by `### Theme`, prose, list items, or a free section
with its pull quotes.

Apart from the body reader, which cuts the body into blocks and claims each field once, so that
a new heading is one line here and a new kind of field one reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sitrep.errors import SitrepError
from sitrep.files.markdown_blocks import Line
from sitrep.files.markdown_headings import Block, heading_key, read_heading
from sitrep.files.markdown_items import ITEM_READERS, read_event
from sitrep.files.markdown_marks import split_portion_mark, with_mark

if TYPE_CHECKING:
    from sitrep.files.markdown_brief import BodyReader

__all__ = [
    "HEADINGS",
    "Reader",
    "headings_for",
    "read_events",
    "read_list",
    "read_prose",
    "read_quote",
    "read_section",
]

_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])(?:\s+(.*))?$")  # "- item", "* item", "1. item"
_ATTRIBUTION = re.compile(r"^(?:—|--|–)\s*(.+)$")

Reader = Callable[["BodyReader", str, Block], Any]
"""Reads the lines under a `##` heading into its field's value (the field's key given)."""


def read_events(body: BodyReader, key: str, block: Block) -> list[dict[str, Any]]:
    body.only_paragraphs(block, quotes=False, lists=True)
    groups: list[tuple[str | None, int, list[Line]]] = [(None, block.line, [])]
    for number, line in block.content:
        sub = None if number in body.literal else read_heading(line)
        if sub and len(sub.group(1)) == 3:
            groups.append((sub.group(2), number, []))
        elif sub:
            body.error(
                f"the heading '{line.strip()}' under '## {block.heading}' would be lost "
                "(expected '### Theme' headings that group events, or a new '## ' section)",
                number,
            )
        else:
            groups[-1][2].append((number, line))
    what: list[dict[str, Any]] = []
    for theme, number, lines in groups:
        items = _items(lines, allow_paragraphs=True, block=block, body=body)
        if theme is None:
            for n, text in items:
                path = ("what", len(what))
                body.lines[path] = n
                what.append(read_event(body, text, n, f"what[{len(what)}]"))
            continue
        index = len(what)
        body.lines[("what", index)] = number
        events = []
        for position, (n, text) in enumerate(items):
            body.lines[("what", index, "events", position)] = n
            events.append(read_event(body, text, n, f"what[{index}].events[{position}]"))
        mark, theme = split_portion_mark(theme)
        what.append(with_mark({"theme": theme, "events": events}, mark))
    return what


def read_prose(body: BodyReader, key: str, block: Block) -> str:
    body.no_subheadings(block)
    body.only_paragraphs(block, quotes=False)
    return "\n\n".join("\n".join(text for _, text in part) for part in _paragraphs(block.content))


def read_list(body: BodyReader, key: str, block: Block) -> list[Any]:
    body.no_subheadings(block)
    items = _items(block.content, allow_paragraphs=False, block=block, body=body)
    values: list[Any] = []
    for index, (number, text) in enumerate(items):
        body.lines[(key, index)] = number
        item_reader = ITEM_READERS.get(key)
        mark, text = split_portion_mark(text)
        value = item_reader(body, text, number, index) if item_reader else text
        values.append(with_mark(value, mark))
    return values


def read_section(body: BodyReader, key: str, block: Block) -> None:
    body.no_subheadings(block)
    body.only_paragraphs(block, quotes=True)
    sections = body.data.setdefault("sections", [])
    if not isinstance(sections, list):
        body.error(
            "'sections' in the front matter is not a list, so the section "
            f"'## {block.heading}' cannot join it (expected a list, or no 'sections:' line)",
            block.line,
            "sections",
        )
        return
    index = len(sections)
    body.lines.setdefault(("sections",), block.line)
    body.lines[("sections", index)] = block.line
    paragraphs: list[str] = []
    quotes: list[dict[str, Any]] = []
    for part in _paragraphs(block.content):
        quote = read_quote([text for _, text in part])
        if quote is not None:
            body.lines[("sections", index, "quotes", len(quotes))] = part[0][0]
            quotes.append(quote)
        else:
            paragraphs.append("\n".join(text for _, text in part))
    mark, heading = split_portion_mark(block.heading)
    section: dict[str, Any] = {"heading": heading, "body": "\n\n".join(paragraphs)}
    if mark is not None:
        section["marking"] = mark
    if quotes:
        section["quotes"] = quotes
    sections.append(section)


def read_quote(lines: list[str]) -> dict[str, Any] | None:
    if len(lines) < 2 or not all(line.startswith(">") for line in lines):
        return None
    quote = [line[1:].strip() for line in lines]
    attribution = _ATTRIBUTION.match(quote[-1])
    if attribution is None:
        return None
    speaker, _, affiliation = attribution.group(1).partition(",")
    mark, said = split_portion_mark(" ".join(quote[:-1]))
    item: dict[str, Any] = {"text": _strip_quotes(said), "speaker": speaker.strip()}
    if mark is not None:
        item["marking"] = mark
    if affiliation.strip():
        item["affiliation"] = affiliation.strip()
    return item


HEADINGS: dict[str, tuple[str, Reader]] = {
    "what happened": ("what", read_events),
    "what": ("what", read_events),
    "assessment": ("assessment", read_prose),
    "key judgments": ("key_judgments", read_list),
    "key judgements": ("key_judgments", read_list),
    "recommendations": ("recommendations", read_list),
    # tradecraft elements (docs/tradecraft.md)
    "bottom line up front": ("bluf", read_prose),
    "bluf": ("bluf", read_prose),
    "bottom line": ("bluf", read_prose),
    "assumptions": ("assumptions", read_list),
    "key assumptions": ("assumptions", read_list),
    "gaps": ("gaps", read_list),
    "intelligence gaps": ("gaps", read_list),
    "information gaps": ("gaps", read_list),
    "outlook": ("outlook", read_list),
    "scenarios": ("outlook", read_list),
    "indicators": ("indicators", read_list),
    "signposts": ("indicators", read_list),
    "indicators and signposts": ("indicators", read_list),
    "source summary": ("source_summary", read_prose),
    "source summary statement": ("source_summary", read_prose),
}
"""`##` heading (as `heading_key` writes it) -> (brief field, reader). Any other heading is a
free section. A new heading is one line here."""


def _paragraphs(content: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for number, line in content:
        if line.strip():
            blocks[-1].append((number, line.rstrip()))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _items(
    content: list[Line],
    *,
    allow_paragraphs: bool,
    block: Block,
    body: BodyReader,
) -> list[Line]:
    """List items with their first line; a paragraph is an item of its own when allowed.

    Lines right under an item, or indented after a blank line, continue it; an unindented
    paragraph after a blank line starts a new item (or is refused, when paragraphs are not).
    """
    items: list[Line] = []
    open_item = False  # the last line belonged to an item
    blank = False
    for number, line in content:
        if not line.strip():
            blank = True
            continue
        bullet = _BULLET.match(line)
        indented = line.startswith(("  ", "\t"))
        if bullet:
            items.append((number, (bullet.group(1) or "").strip()))
            open_item = True
        elif items and open_item and indented and _BULLET.match(line.strip()):
            body.error(
                f"a nested list under '## {block.heading}' would be flattened into the item "
                "above it (expected one level of '- ' items: make each sub-point an item of "
                "its own, or a sentence of its item)",
                number,
            )
        elif items and open_item and (not blank or indented):
            if blank and all(problem.line != number for problem in body.problems):
                # one indented as the item's text is refused by nested_problems already; one
                # indented less is outside the item for CommonMark, but read on into it here
                body.error(
                    f"a second paragraph of a list item under '## {block.heading}' would be "
                    "flattened into the item's text (expected one paragraph of text per item: "
                    "make it an item of its own, or join it to the item's lines)",
                    number,
                )
            glue = "\n\n" if blank else "\n"
            items[-1] = (items[-1][0], f"{items[-1][1]}{glue}{line.strip()}")
        elif allow_paragraphs:
            if items and not blank and not open_item:
                items[-1] = (items[-1][0], f"{items[-1][1]}\n{line.strip()}")
            else:
                items.append((number, line.strip()))
            open_item = False
        else:
            body.error(
                f"text under '## {block.heading}' that is not a list item would be lost "
                "(expected each item on a line starting with '- ')",
                number,
            )
        blank = False
    return items


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in '“"' and text[-1] in '”"':
        return text[1:-1]
    return text


_PRINTED_FIELDS = tuple(dict.fromkeys(field for field, _ in HEADINGS.values()))
"""The fields a `##` heading fills, in the order the table names them."""


def headings_for(language: object, layout: object) -> Mapping[str, tuple[str, Reader]]:
    """HEADINGS, and the headings sitrep itself prints for the same fields in the brief's
    language and layout: "## Wat is er gebeurd?" in a Dutch brief, "## Conclusion" in an English
    analysis. What a rendered brief shows can be written back as its Markdown source. A printed
    heading that is already another field's heading, or that two fields share, is left out:
    a heading never means two things."""
    # the front matter is not checked yet: a list or a mapping here is the model's to refuse
    tag = language if isinstance(language, str) and language.strip() else "en"
    name = layout if isinstance(layout, str) and layout.strip() else "intel-brief"
    return _printed_headings(tag, name)


@lru_cache(maxsize=64)
def _printed_headings(tag: str, name: str) -> Mapping[str, tuple[str, Reader]]:
    from sitrep.labels import labels_for

    try:
        labels = labels_for(tag, name)
    except SitrepError:  # a layout or language sitrep cannot label: the English table alone
        return HEADINGS
    readers = dict(HEADINGS.values())
    printed: dict[str, set[str]] = {}
    for field in _PRINTED_FIELDS:
        try:
            wording = labels[field]
        except KeyError:
            continue
        if wording:
            printed.setdefault(heading_key(wording), set()).add(field)
    found = dict(HEADINGS)
    for key, fields in printed.items():
        if len(fields) == 1 and key and key not in HEADINGS:
            (field,) = fields
            found[key] = (field, readers[field])
    return MappingProxyType(found)
