"""JSON briefs: refused before parsing when nested too deep, duplicate keys named by line."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from sitrep.errors import BriefError
from sitrep.files.yaml_tree import MAX_DEPTH, MAX_VALUES, LineMap, load_yaml, too_many_values
from sitrep.model.walk import format_path

__all__ = ["check_json_structure", "load_json"]

# A JSON string (unrolled so that long strings scan fast), maybe followed by ':', or a bracket
# or comma. Numbers, literals and white space lie between tokens and never matter here.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|[\[\]{},]')


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


class _JsonLevel:
    """An open JSON object (its keys and where each was given) or list (the current index)."""

    __slots__ = ("key", "keys")

    def __init__(self, is_object: bool) -> None:
        self.keys: dict[str, int] | None = {} if is_object else None
        self.key: str | int = 0


def check_json_structure(text: str, file: str, *, duplicates: bool = True) -> None:
    """Refuse deep nesting (and duplicate keys), with lines, before the recursive parser runs."""
    levels: list[_JsonLevel] = []
    values = 0
    for token in _JSON_TOKEN.finditer(text):
        first = text[token.start()]
        values += 1  # a comma or bracket per value, give or take: enough to bound memory
        if values > 2 * MAX_VALUES:
            raise BriefError.single(too_many_values(), file, "", _line_at(text, token.start()))
        if first == ",":
            if levels and levels[-1].keys is None:
                levels[-1].key = int(levels[-1].key) + 1
        elif first in "[{":
            if len(levels) >= MAX_DEPTH:
                raise BriefError.single(
                    f"nested more than {MAX_DEPTH} levels deep (expected a brief's few levels "
                    "of fields and lists)",
                    file,
                    format_path(tuple(level.key for level in levels[:1])),
                    _line_at(text, token.start()),
                )
            levels.append(_JsonLevel(first == "{"))
        elif first in "]}":
            if levels:
                levels.pop()
        elif duplicates and token.group(1) is not None and levels and levels[-1].keys is not None:
            try:
                key = json.loads(token.group()[: -len(token.group(1))])
            except ValueError:  # a bad escape: json.loads names it
                continue
            keys = levels[-1].keys
            if key in keys:
                raise BriefError.single(
                    f"duplicate key {key!r} (first given on line {_line_at(text, keys[key])}; "
                    "expected each key once)",
                    file,
                    format_path(tuple(level.key for level in levels[:-1])) or "top level",
                    _line_at(text, token.start()),
                )
            keys[key] = token.start()
            levels[-1].key = key


def load_json(text: str, file: str) -> tuple[Any, LineMap]:
    """Parse JSON; return the data and the line of every field, as `load_yaml` does."""
    check_json_structure(text, file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BriefError.single(
            f"not valid JSON: {error.msg} at column {error.colno}", file, "", error.lineno
        ) from None
    except ValueError:  # Python refuses to read integers of more than 4,300 digits
        digits = sys.get_int_max_str_digits()
        long = re.search(rf"\d{{{digits + 1},}}", text)
        raise BriefError.single(
            f"a number has more than {digits:,} digits (expected a "
            "shorter number, or text in quotes)",
            file,
            "",
            None if long is None else _line_at(text, long.start()),
        ) from None
    try:  # JSON is YAML, so the YAML reader can tell where each field stands
        _, lines = load_yaml(text, file)
    except BriefError:
        lines = {}
    return data, lines
