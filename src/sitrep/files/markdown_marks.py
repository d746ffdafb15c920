"""Portion marks in a Markdown brief: the "(TLP:AMBER)" that leads an item, theme, section,
quote or field heading (docs/dissemination.md).

Apart from the readers of sections and items because every one of them reads a mark the same
way, and because what counts as a mark is a rule of its own: every spelling the YAML reader
accepts, and anything that only looks like a marking, so that validation refuses it with its line
rather than print it as text under a lower marking.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["split_portion_mark", "with_mark"]

_PORTION_MARK = re.compile(r"^\(([^()\n]{1,40})\)[ \t]+")
_NAMES_TLP = re.compile(r"\bTLP\b", re.IGNORECASE)
_CAPS_COLOUR = re.compile(r"^[A-Z:+/ -]*\b(?:RED|AMBER|GREEN|CLEAR|WHITE)\b[A-Z:+/ -]*$")
"""A parenthesised lead that looks like a marking: it names TLP, or is only capitals naming a
TLP colour ("(AMBER+STRCT)"). It is read as the item's marking, so an unknown label is refused
by validation with its line, never printed as text under a lower marking."""
_TLP_WORD = re.compile(r"^(?:TLP\s*:\s*)?(?:RED|AMBER|GREEN|CLEAR|WHITE)(?:\s*\+\s*STRICT)?$")
"""Every spelling the YAML reader accepts (parse_tlp): "TLP: RED", "red", "TLP:AMBER + STRICT"."""


def split_portion_mark(text: str) -> tuple[str | None, str]:
    """A leading portion mark, "(TLP:AMBER) text", as (label, text); (None, text) if none.

    Every spelling YAML accepts is read ("(TLP: RED)", "(RED)", "(TLP:AMBER + STRICT)"); a lead
    that only looks like a marking ("(TLP:PURPLE)") is returned as the label too, so validation
    refuses it with its line rather than print it under a lower marking."""
    match = _PORTION_MARK.match(text)
    if match is None:
        return None, text
    inner = match.group(1).strip()
    if _TLP_WORD.match(inner.upper()) or _NAMES_TLP.search(inner) or _CAPS_COLOUR.match(inner):
        return inner, text[match.end() :]
    return None, text


def with_mark(item: Any, mark: str | None) -> Any:
    """The item with its marking: a mapping gains "marking", a text becomes {text, marking}."""
    if mark is None:
        return item
    if isinstance(item, dict):
        return {**item, "marking": mark}
    return {"text": item, "marking": mark}
