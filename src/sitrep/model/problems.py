"""Turn pydantic's validation errors into problems that name the field, the fix and the line.

This is the one place where a `pydantic.ValidationError` becomes a `BriefError`: for files
(with their line map), for `Brief(...)`, for assignment and for re-validation before a render.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError

from sitrep.errors import BriefError, Problem
from sitrep.model.base import FieldProblems
from sitrep.model.walk import (
    FieldPath,
    UnknownCitations,
    format_path,
    models_in,
    raw_citation_problems,
    raw_source_problems,
)

__all__ = ["LineMap", "brief_error", "problems_from"]

LineMap = Mapping[FieldPath, int]

_TAGS = {"event", "theme"}  # discriminator tags pydantic puts into locations of `what` items
_EXPECTED = {
    "missing": "this field is required",
    "date_from_datetime_parsing": "expected a real date as YYYY-MM-DD",
    "date_parsing": "expected a real date as YYYY-MM-DD",
    "date_type": "expected a date as YYYY-MM-DD",
    "time_parsing": "expected a time as HH:MM",
    "time_type": "expected a time as HH:MM",
    "string_type": "expected text",
    "list_type": "expected a list",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "enum": "expected one of the listed values",
    "literal_error": "expected one of the listed values",
    "model_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "dict_type": "expected a mapping of fields",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
}

# What a pattern-checked field expects, in words instead of a regular expression.
_FORMS = {
    "id": "letters, digits and _ : . # $ % & + ? < > ~ / -, starting with a letter, digit or _, "
    "and no spaces",
    "language": "a BCP 47 language tag such as en, en-GB or nl",
}

# Words from other likelihood yardsticks (UK PHIA, NATO) and common slips, with the nearest
# ICD 203 term. Only a suggestion: the full PHIA and NATO scales are a separate feature.
_NEAREST_LIKELIHOOD = {
    "remote chance": "almost no chance",
    "highly unlikely": "very unlikely",
    "realistic possibility": "roughly even chance",
    "even chance": "roughly even chance",
    "highly likely": "very likely",
    "almost certainly": "almost certain",
    "medium": "moderate",  # a confidence level in other yardsticks
}


def _clean(loc: tuple[int | str, ...]) -> FieldPath:
    out: list[int | str] = []
    for index, part in enumerate(loc):
        if (
            part in _TAGS
            and index > 0
            and isinstance(loc[index - 1], int)
            and "what" in loc[:index]
        ):
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        out.append(part)
    return tuple(out)


def _line(lines: LineMap, path: FieldPath) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _fields_at(root: type[BaseModel], path: FieldPath) -> set[str]:
    return {name for model in _models_at(root, path) for name in model.model_fields}


def _models_at(root: type[BaseModel], path: FieldPath) -> list[type[BaseModel]]:
    models = [root]
    for part in path:
        if isinstance(part, int):
            continue
        found: list[type[BaseModel]] = []
        for model in models:
            field = model.model_fields.get(part)
            if field is not None:
                found.extend(models_in(field.annotation))
        models = found
    return models


def problems_from(
    error: ValidationError,
    root: type[BaseModel],
    file: str | None = None,
    lines: LineMap | None = None,
    data: Any = None,
    prefix: FieldPath = (),
) -> list[Problem]:
    """One problem per error, sorted by line; with `data`, unknown citations are added too.

    Pydantic checks citations only once every field is valid; reading the raw `data` for them
    reports every problem of a brief in one run.
    """
    lines = lines or {}
    problems: list[Problem] = []
    for item in error.errors():
        path = (*prefix, *_clean(item["loc"]))
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, (UnknownCitations, FieldProblems)):
            for where, message in cause.problems:
                where = (*prefix, *where)
                problems.append(Problem(message, file, format_path(where), _line(lines, where)))
            continue
        message = _message(item, root, path)
        if file is not None and file.lower().endswith(".json"):
            message = _in_json(message)
        problems.append(Problem(message, file, format_path(path), _line(lines, path)))
    if data is not None and not any("cites unknown source" in p.message for p in problems):
        for where, message in raw_citation_problems(root, data):
            problems.append(Problem(message, file, format_path(where), _line(lines, where)))
    if data is not None:
        reported = {p.message for p in problems}
        for where, message in raw_source_problems(root, data)[0]:
            if message not in reported:
                problems.append(Problem(message, file, format_path(where), _line(lines, where)))
    return sorted(problems, key=lambda p: p.line or 0)


def warnings_from(
    root: type[BaseModel], file: str | None, lines: LineMap | None, data: Any
) -> list[Problem]:
    """The warnings (sources nothing cites) of data that did not validate."""
    lines = lines or {}
    return [
        Problem(message, file, format_path(where), _line(lines, where))
        for where, message in raw_source_problems(root, data)[1]
    ]


def brief_error(
    error: ValidationError,
    root: type[BaseModel],
    file: str | None = None,
    lines: LineMap | None = None,
    data: Any = None,
    prefix: FieldPath = (),
) -> BriefError:
    """The BriefError that stands for pydantic's `error`, with the warnings of `data`;
    `prefix` is where the validated model sits in its brief, put before every path."""
    warnings = [] if data is None else warnings_from(root, file, lines, data)
    return BriefError(problems_from(error, root, file, lines, data, prefix), warnings)


_BOUNDS = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}


def _shown(given: Any) -> str:
    """A value as the writer typed it: no Python reprs such as datetime.date(...)."""
    if isinstance(given, bool):
        return "true" if given else "false"
    if isinstance(given, (dt.date, dt.time)):
        return given.isoformat()
    if isinstance(given, BaseModel):  # a model put in the wrong list by a script
        return f"a {type(given).__name__}"
    shown = repr(given) if isinstance(given, str) else str(given)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# Advice written for YAML, said as a JSON brief's writer types it.
_JSON_ADVICE = (
    (
        "put each item on its own line starting with '- '",
        'write the items in square brackets: ["first", "second"]',
    ),
    ("YAML read this value as", "this value is"),
    ("(yes, no, on, off, true and false are true/false in YAML; ", "("),
)


def _in_json(message: str) -> str:
    for yaml_words, json_words in _JSON_ADVICE:
        message = message.replace(yaml_words, json_words)
    return message


def _message(item: Any, root: type[BaseModel], path: FieldPath) -> str:
    kind = item["type"]
    if kind in ("extra_forbidden", "no_such_attribute"):
        key = str(path[-1])
        known = _fields_at(root, path[:-1])
        loc = item["loc"]
        tag = loc[-2] if len(loc) >= 2 and isinstance(loc[-2], str) else ""
        chosen = [m for m in _models_at(root, path[:-1]) if m.__name__.lower() == tag]
        if key in known and chosen:  # a field of another kind of item in a list of several
            own = ", ".join(sorted(chosen[0].model_fields))
            return (
                f"unknown field {key!r} for {tag} items: the other fields make this item a "
                f"{tag} (expected one of: {own}; {key!r} belongs to another kind of item)"
            )
        close = get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {key!r}{hint} (expected one of: {', '.join(sorted(known))})"
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return "required field is missing"
    expected = _EXPECTED.get(kind)
    given = item.get("input")
    context = item.get("ctx") or {}
    if kind == "date_from_datetime_inexact" and isinstance(given, (int, float)):
        return f"{_shown(given)} is a number, not a date (expected a date as YYYY-MM-DD)"
    if kind == "date_from_datetime_inexact":
        return f"{_shown(given)} has a time of day (expected a date only, as YYYY-MM-DD)"
    if kind.startswith(("date_", "time_")) and isinstance(given, str):
        reason = context.get("error")
        return (
            f"{given!r} is not a valid {kind.split('_')[0]}"
            + (f": {reason}" if isinstance(reason, str) and reason else "")
            + f" ({expected or 'expected YYYY-MM-DD or HH:MM'})"
        )
    if kind in ("enum", "literal_error") and given is not None:
        return _choice_message(message, str(given), item)
    if (
        kind in ("string_too_short", "too_short", "string_pattern_mismatch")
        and isinstance(given, str)
        and not given.strip()
    ):
        return "is empty (expected text)"
    if kind == "string_pattern_mismatch":
        form = _FORMS.get(str(path[-1]) if path else "", "text of the documented form")
        return f"{given!r} is not allowed here (expected {form})"
    if isinstance(given, float) and not math.isfinite(given):
        return f"{_shown(given)} is not a number (expected a number)"
    bound = next((key for key in _BOUNDS if key in context), None)
    if bound is not None:
        limits = " and ".join(
            f"{_BOUNDS[key]} {_number(context[key])}" for key in _BOUNDS if key in context
        )
        return f"{_shown(given)} is out of range (expected a number {limits})"
    if kind == "string_type" and isinstance(given, bool):
        return (
            f"YAML read this value as {_shown(given)} (yes, no, on, off, true and false are "
            "true/false in YAML; expected text: put the value in quotes)"
        )
    if kind == "string_type" and isinstance(given, (dt.date, dt.time)):
        return (
            f"YAML read {_shown(given)} as a date or time, not text (expected text: put the "
            f'value in quotes: "{_shown(given)}")'
        )
    if kind == "string_type" and isinstance(given, (int, float)):
        return f"{_shown(given)} is a number, not text (expected text: put the value in quotes)"
    if kind == "list_type" and isinstance(given, str):
        return (
            f"{_shown(given)} is a single value, not a list (expected a list: put each item "
            "on its own line starting with '- ')"
        )
    if message.startswith("Input should be "):  # pydantic's own words: say it in ours
        wanted = expected or "expected " + message.removeprefix("Input should be ").rstrip(".")
        if isinstance(given, (dict, list)) or given is None:
            return f"not allowed here ({wanted})"
        return f"{_shown(given)} is not allowed here ({wanted})"
    plain = isinstance(given, (str, int, float, dt.date, dt.time))  # never a model's repr
    plain = plain and _shown(given) not in message  # the message already quotes the value
    shown = f" (got {_shown(given)})" if plain else ""
    return f"{message}{shown}" + (
        f" ({expected})" if expected and "(expected" not in message else ""
    )


def _choice_message(message: str, given: str, item: Any) -> str:
    """'x' is not one of the choices; with the nearest choice when one is close."""
    expected = str((item.get("ctx") or {}).get("expected", ""))
    choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    choices = [choice for choice in choices if choice]
    word = " ".join(given.lower().replace("_", " ").replace("-", " ").split())
    suggested = _NEAREST_LIKELIHOOD.get(word, "")
    nearest = next((choice for choice in choices if choice.lower() == suggested), None)
    if nearest is None:
        close = get_close_matches(given, choices, n=1, cutoff=0.6)
        nearest = close[0] if close else None
    hint = f"; did you mean {nearest!r}?" if nearest else ""
    listed = ", ".join(choices) if choices else message
    return f"{given!r} is not allowed (expected one of: {listed}){hint}"
