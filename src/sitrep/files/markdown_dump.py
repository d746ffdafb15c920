"""Write a brief as a Markdown brief: front matter, then `##` sections a reader can edit.

A field goes into the body only if it reads back exactly as it is; anything the Markdown form
cannot carry (a section titled "Assessment", an event text that starts with a date, text with
trailing spaces) stays in the front matter, so a dumped brief always loads to an equal one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from sitrep.errors import SitrepError
from sitrep.model.brief import Brief

__all__ = ["markdown_text"]


def _indent(text: str) -> str:
    """Continuation lines of a list item: indented, blank lines kept blank."""
    first, *rest = text.split("\n")
    return "\n".join([first, *(f"  {line}" if line else "" for line in rest)])


def _mark(item: Any) -> str:
    """The leading portion mark of an item that has a marking: "(TLP:AMBER) "."""
    return f"({item['marking']}) " if isinstance(item, dict) and "marking" in item else ""


def _text(item: Any) -> str:
    """A list item's text: the item itself, or its `text` when it is {text, marking}."""
    return str(item["text"]) if isinstance(item, dict) else str(item)


def _event(event: dict[str, Any]) -> str:
    if "date" not in event:
        return f"- {_mark(event)}{_indent(event['text'])}"
    time = f" {event['time'][:5]}" if "time" in event else ""
    return f"- {_mark(event)}{event['date']}{time}: {_indent(event['text'])}"


def _what(items: list[dict[str, Any]]) -> str:
    parts = ["## What happened?"]
    loose: list[str] = []  # events before the first theme, or between themes
    for item in items:
        if "theme" in item:
            if loose:
                parts.append("\n".join(loose))
                loose = []
            parts.append(f"### {_mark(item)}{item['theme']}")
            if item.get("events"):
                parts.append("\n".join(_event(event) for event in item["events"]))
        else:
            loose.append(_event(item))
    if loose:
        parts.append("\n".join(loose))
    return "\n\n".join(parts)


def _quote(quote: dict[str, Any]) -> str:
    who = quote["speaker"] + (f", {quote['affiliation']}" if quote.get("affiliation") else "")
    return f"> {_mark(quote)}“{quote['text']}”\n> — {who}"


def _sections(sections: list[dict[str, Any]]) -> str:
    out = []
    for section in sections:
        parts = [f"## {_mark(section)}{section['heading']}"]
        if section.get("body"):
            parts.append(section["body"])
        parts += [_quote(quote) for quote in section.get("quotes", [])]
        out.append("\n\n".join(parts))
    return "\n\n".join(out)


def _assessment(text: str) -> str:
    return f"## Assessment\n\n{text}"


def _judgment(item: dict[str, Any]) -> str:
    if "likelihood" not in item or "confidence" not in item:
        return f"- {_indent(item['text'])}"  # does not read back: the field stays front matter
    line = (
        f"- {_mark(item)}**{item['likelihood'].capitalize()}** "
        f"({item['confidence'].lower()} confidence): {_indent(item['text'])}"
    )
    if "basis" in item:
        line += f"\n  Basis: {_indent(item['basis'])}"
    return line


def _judgments(items: list[dict[str, Any]]) -> str:
    return "## Key judgments\n\n" + "\n".join(_judgment(item) for item in items)


def _prose_block(heading: str) -> Callable[[str], str]:
    return lambda text: f"## {heading}\n\n{text}"


def _item_list(heading: str) -> Callable[[list[Any]], str]:
    return lambda items: (
        f"## {heading}\n\n" + "\n".join(f"- {_mark(i)}{_indent(_text(i))}" for i in items)
    )


def _outlook(items: list[dict[str, Any]]) -> str:
    lines = []
    for item in items:
        odds = f" ({item['likelihood']})" if "likelihood" in item else ""
        lines.append(f"- {_mark(item)}**{item['name']}**{odds}: {_indent(item['text'])}")
    return "## Outlook\n\n" + "\n".join(lines)


_MARKS = {"observed": "x", "partly": "~", "not observed": " "}


def _indicators(items: list[dict[str, Any]]) -> str:
    lines = []
    for item in items:
        scenario = f" (scenario: {item['scenario']})" if "scenario" in item else ""
        mark = _MARKS[item.get("status", "not observed")]
        lines.append(f"- {_mark(item)}[{mark}] {_indent(item['text'])}{scenario}")
    return "## Indicators\n\n" + "\n".join(lines)


_BODY: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("bluf", _prose_block("Bottom line up front")),
    ("what", _what),
    ("sections", _sections),
    ("assessment", _assessment),
    ("key_judgments", _judgments),
    ("outlook", _outlook),
    ("indicators", _indicators),
    ("assumptions", _item_list("Assumptions")),
    ("gaps", _item_list("Gaps")),
    ("recommendations", _item_list("Recommendations")),
    ("source_summary", _prose_block("Source summary")),
)
"""Body fields in the order a reader expects them; every other field is front matter."""


def _compose(data: dict[str, Any], body_fields: list[str]) -> str:
    front = {key: value for key, value in data.items() if key not in body_fields}
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100)
    body = [writer(data[key]) for key, writer in _BODY if key in body_fields]
    return "---\n" + head + "---\n" + "".join(f"\n{part}\n" for part in body)


def _reads_back(text: str, brief: Brief) -> bool:
    from sitrep.errors import BriefError
    from sitrep.files.load import validate
    from sitrep.files.markdown_brief import parse_markdown_brief

    try:
        data, lines = parse_markdown_brief(text, "<dump>")
        return validate(data, None, lines) == brief
    except BriefError:
        return False


def markdown_text(brief: Brief) -> str:
    """The brief as a Markdown brief that loads back to an equal brief."""
    data = brief.model_dump(mode="json", exclude_defaults=True, by_alias=False)
    body_fields = [
        key
        for key, _ in _BODY
        if key in data and data[key] not in ([], None) and _reads_back(_compose(data, [key]), brief)
    ]
    text = _compose(data, body_fields)
    if not _reads_back(text, brief):  # fields that read back alone but not together
        text = _compose(data, [])
    if not _reads_back(text, brief):
        raise SitrepError("this brief cannot be written as Markdown (a bug in sitrep)")
    return text
