"""Chicago (17th ed.) notes and bibliography entries for sitrep sources (interface stub)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.inline.nodes import Inline, Text
from sitrep.model.source import Grade, Source

__all__ = [
    "CitedSource",
    "bibliography_order",
    "format_bibliography_entry",
    "format_note",
    "grade_meaning",
]


@dataclass(frozen=True, slots=True)
class CitedSource:
    """One source inside one citation."""

    source: Source
    locator: str | None = None
    prefix: str | None = None
    first: bool = True


def format_note(cites: Sequence[CitedSource], *, show_grades: bool = False) -> tuple[Inline, ...]:
    """One footnote's content for a citation (stub: title only)."""
    return (Text("; ".join(c.source.title for c in cites) + "."),)


def format_bibliography_entry(source: Source) -> tuple[Inline, ...]:
    """Chicago bibliography entry (stub)."""
    return (Text(source.title + "."),)


def bibliography_order(sources: Iterable[Source]) -> list[Source]:
    """Sources sorted for the bibliography (stub)."""
    return sorted(sources, key=lambda s: s.title.casefold())


def grade_meaning(grade: Grade) -> tuple[str, str]:
    """The Admiralty meanings of a grade (stub)."""
    return (grade.reliability, str(grade.credibility))
