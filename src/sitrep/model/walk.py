"""Walk a brief's prose fields in reading order, the order every layout prints them in."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from sitrep.model.base import PROSE

__all__ = [
    "FieldPath",
    "UnknownCitations",
    "check_citations",
    "format_path",
    "iter_prose",
    "prose_fields",
]

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a field path the way users write it: `what[2].date`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _mentions_prose(annotation: Any) -> bool:
    if PROSE in getattr(annotation, "__metadata__", ()):
        return True
    return any(_mentions_prose(arg) for arg in get_args(annotation))


@cache
def prose_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of a model's fields that hold prose (inline Markdown with citations)."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if PROSE in field.metadata or _mentions_prose(field.annotation)
    )


def iter_prose(model: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Yield (path, text) for every prose string in field order, depth first."""
    prose = prose_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield from _iter_value(value, (*path, name), name in prose)


def _iter_value(value: Any, path: FieldPath, is_prose: bool) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, BaseModel):
        yield from iter_prose(value, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _iter_value(item, (*path, index), is_prose)
    elif isinstance(value, str) and is_prose:
        yield path, value


class UnknownCitations(ValueError):
    """Citations of ids that no source has; `problems` pairs each field path with a message."""

    def __init__(self, problems: list[tuple[FieldPath, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{format_path(p)}: {m}" for p, m in problems))


def check_citations(brief: Any) -> None:
    """Raise UnknownCitations if any prose cites an id that is not among the brief's sources."""
    from sitrep.inline import Cite, parse

    known = {source.id for source in brief.sources}
    problems: list[tuple[FieldPath, str]] = []

    def visit(nodes: tuple[Any, ...], path: FieldPath) -> None:
        for node in nodes:
            if isinstance(node, Cite):
                for item in node.items:
                    if item.id not in known:
                        problems.append((path, _unknown_message(item.id, known)))
            children = getattr(node, "children", None)
            if children:
                visit(children, path)

    for path, text in iter_prose(brief):
        for paragraph in parse(text).paragraphs:
            visit(paragraph.children, path)
    if problems:
        raise UnknownCitations(problems)


def _unknown_message(cited: str, known: set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(cited, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    ids = ", ".join(sorted(known)) or "none defined"
    return f"cites unknown source {cited!r} (expected one of the source ids: {ids}){hint}"
