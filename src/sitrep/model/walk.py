"""Walk a brief's prose fields in reading order, the order every layout prints them in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    "models_in",
    "prose_fields",
    "raw_citation_problems",
    "raw_source_problems",
    "strings_in",
    "unused_sources",
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


def _cited(nodes: tuple[Any, ...]) -> Iterator[str]:
    from sitrep.inline import Cite

    for node in nodes:
        if isinstance(node, Cite):
            yield from (item.id for item in node.items)
        children = getattr(node, "children", None)
        if children:
            yield from _cited(children)


def _citations(prose: Iterable[tuple[FieldPath, str]]) -> Iterator[tuple[FieldPath, str]]:
    """(path, cited id) for every citation in the prose, in reading order."""
    from sitrep.inline import parse

    for path, text in prose:
        for paragraph in parse(text).paragraphs:
            for cited in _cited(paragraph.children):
                yield path, cited


def _unknown(
    prose: Iterable[tuple[FieldPath, str]], known: set[str]
) -> list[tuple[FieldPath, str]]:
    return [
        (path, _unknown_message(cited, known))
        for path, cited in _citations(prose)
        if cited not in known
    ]


def check_citations(brief: Any) -> None:
    """Raise UnknownCitations if any prose cites an id that is not among the brief's sources."""
    problems = _unknown(iter_prose(brief), {source.id for source in brief.sources})
    if problems:
        raise UnknownCitations(problems)


def unused_sources(brief: Any) -> list[tuple[FieldPath, str]]:
    """(path, message) for each source that no prose cites: a warning, an error when strict."""
    cited = {cited for _, cited in _citations(iter_prose(brief))}
    return [
        (("sources", index), _never_cited(source.id))
        for index, source in enumerate(brief.sources)
        if source.id not in cited
    ]


def raw_citation_problems(model: type[BaseModel], data: Any) -> list[tuple[FieldPath, str]]:
    """Unknown citations in data that did not validate, read by the model's field structure.

    Quiet when the sources themselves are not a clean list of ids: the source problems come
    first, and guessing at ids would only add false alarms.
    """
    fields = data.__dict__ if isinstance(data, BaseModel) else data
    if not isinstance(fields, dict) or "sources" not in model.model_fields:
        return []
    sources = fields.get("sources", [])
    ids = [_get(source, "id") for source in sources] if isinstance(sources, list) else [None]
    if not all(isinstance(i, str) for i in ids):
        return []
    try:
        return _unknown(_raw_prose(model, fields, ()), {str(i) for i in ids})
    except Exception:  # text the model refuses anyway (control characters): reported there
        return []


def _never_cited(source_id: str) -> str:
    return (
        f"source {source_id!r} is never cited (expected a citation [@{source_id}] in the "
        "prose, or remove the source)"
    )


def raw_source_problems(
    model: type[BaseModel], data: Any
) -> tuple[list[tuple[FieldPath, str]], list[tuple[FieldPath, str]]]:
    """(errors, warnings) about the sources of data that did not validate: ids used twice, and
    sources nothing cites, so that they are reported in the same run as every other problem."""
    fields = data.__dict__ if isinstance(data, BaseModel) else data
    if not isinstance(fields, dict) or not isinstance(fields.get("sources"), list):
        return [], []
    ids = [_get(source, "id") for source in fields["sources"]]
    errors: list[tuple[FieldPath, str]] = []
    seen: set[str] = set()
    for index, source_id in enumerate(ids):
        if isinstance(source_id, str) and source_id in seen:
            errors.append(
                (("sources", index), f"source id {source_id!r} is used twice (expected unique ids)")
            )
        if isinstance(source_id, str):
            seen.add(source_id)
    try:
        cited = {cited for _, cited in _citations(_raw_prose(model, fields, ()))}
    except Exception:  # text the model refuses anyway (control characters): reported there
        return errors, []
    warnings: list[tuple[FieldPath, str]] = [
        (("sources", index), _never_cited(source_id))
        for index, source_id in enumerate(ids)
        if isinstance(source_id, str) and source_id not in cited
    ]
    return errors, warnings


def _get(value: Any, key: str) -> Any:
    if isinstance(value, BaseModel):
        return getattr(value, key, None)
    return value.get(key) if isinstance(value, dict) else None


def _raw_prose(
    model: type[BaseModel], data: Any, path: FieldPath
) -> Iterator[tuple[FieldPath, str]]:
    fields = data.__dict__ if isinstance(data, BaseModel) else data
    if not isinstance(fields, dict):
        return
    prose = prose_fields(model)
    for name, field in model.model_fields.items():
        if name in fields:
            yield from _raw_value(field.annotation, fields[name], (*path, name), name in prose)


def _raw_value(
    annotation: Any, value: Any, path: FieldPath, is_prose: bool
) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        if is_prose:
            yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _raw_value(annotation, item, (*path, index), is_prose)
    elif isinstance(value, (dict, BaseModel)):
        keys = set(value.__dict__ if isinstance(value, BaseModel) else value)
        candidates = models_in(annotation)
        fitting = [m for m in candidates if keys <= set(m.model_fields)] or candidates
        if fitting:
            yield from _raw_prose(fitting[0], value, path)


def models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in models_in(arg)]


def _unknown_message(cited: str, known: set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(cited, sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    ids = ", ".join(sorted(known)) or "none defined"
    return f"cites unknown source {cited!r} (expected one of the source ids: {ids}){hint}"


def strings_in(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in dumped data (dicts and lists), with its path: every word a brief holds."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))
