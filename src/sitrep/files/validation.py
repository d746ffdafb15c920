"""Turn pydantic's validation errors into problems that name the file, field, line and fix."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from sitrep.errors import Problem
from sitrep.files.yaml_tree import LineMap
from sitrep.model.walk import FieldPath, UnknownCitations, format_path

__all__ = ["problems_from"]

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
    "dict_type": "expected a mapping of fields",
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


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _fields_at(root: type[BaseModel], path: FieldPath) -> set[str]:
    models = [root]
    for part in path:
        if isinstance(part, int):
            continue
        found: list[type[BaseModel]] = []
        for model in models:
            field = model.model_fields.get(part)
            if field is not None:
                found.extend(_models_in(field.annotation))
        models = found
    return {name for model in models for name in model.model_fields}


def problems_from(
    error: ValidationError, root: type[BaseModel], file: str | None, lines: LineMap
) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors():
        path = _clean(item["loc"])
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, UnknownCitations):
            for where, message in cause.problems:
                problems.append(Problem(message, file, format_path(where), _line(lines, where)))
            continue
        problems.append(
            Problem(_message(item, root, path), file, format_path(path), _line(lines, path))
        )
    return problems


def _message(item: Any, root: type[BaseModel], path: FieldPath) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = _fields_at(root, path[:-1])
        close = get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {key!r}{hint} (expected one of: {', '.join(sorted(known))})"
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return "required field is missing"
    expected = _EXPECTED.get(kind)
    given = item.get("input")
    if kind.startswith(("date_", "time_")) and isinstance(given, str):
        reason = (item.get("ctx") or {}).get("error", "")
        return (
            f"{given!r} is not a valid {kind.split('_')[0]}"
            + (f" ({reason})" if reason else "")
            + f"; {expected}"
        )
    shown = f" (got {given!r})" if given is not None and not isinstance(given, (dict, list)) else ""
    if len(shown) > 80:
        shown = shown[:77] + "...)"
    return f"{message}{shown}" + (
        f"; {expected}" if expected and "(expected" not in message else ""
    )
