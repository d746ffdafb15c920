"""A brief with its notes resolved: what every writer reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from sitrep.inline import Inline, RichText
from sitrep.model.brief import Brief
from sitrep.model.source import Source
from sitrep.model.walk import FieldPath
from sitrep.resolve.notes import Note, number_notes

if TYPE_CHECKING:
    from sitrep.resolve.changes import ChangesBox

__all__ = ["BibliographyEntry", "ResolvedBrief", "SourceRow", "View", "resolve"]


@dataclass(frozen=True, slots=True)
class BibliographyEntry:
    source_id: str
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A line of the source table: the source, its grade and what the grade means."""

    source_id: str
    content: tuple[Inline, ...]
    grade: str
    reliability: str
    credibility: str


class View:
    """Read-only access to a brief for templates: prose fields come back resolved as RichText."""

    __slots__ = ("_model", "_path", "_prose")

    def __init__(self, model: BaseModel, path: FieldPath, prose: dict[FieldPath, RichText]):
        self._model = model
        self._path = path
        self._prose = prose

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._model, name)
        return _wrap(value, (*self._path, name), self._prose)

    @property
    def model(self) -> BaseModel:
        """The underlying model object."""
        return self._model

    def __repr__(self) -> str:
        return f"View({self._model!r})"


def _wrap(value: Any, path: FieldPath, prose: dict[FieldPath, RichText]) -> Any:
    if path in prose:
        return prose[path]
    if isinstance(value, BaseModel):
        return View(value, path, prose)
    if isinstance(value, list):
        return [_wrap(item, (*path, index), prose) for index, item in enumerate(value)]
    return value


@dataclass(frozen=True)
class ResolvedBrief:
    """The brief plus its numbered notes, bibliography and source table."""

    brief: Brief
    prose: dict[FieldPath, RichText]
    notes: tuple[Note, ...]
    bibliography: tuple[BibliographyEntry, ...]
    source_table: tuple[SourceRow, ...]
    changes: ChangesBox | None = None
    """The "Changes since the last brief" box, when rendered with --changes-since."""

    @property
    def doc(self) -> View:
        """The brief for templates, with prose fields resolved."""
        return View(self.brief, (), self.prose)

    @property
    def folder(self) -> Path | None:
        """The brief file's folder, where figures and attachments are looked up."""
        origin = self.brief.origin
        return None if origin is None else origin.parent

    def text(self, *path: str | int) -> RichText | None:
        """The resolved prose at a field path, such as text("what", 0, "text")."""
        return self.prose.get(tuple(path))


def resolve(brief: Brief) -> ResolvedBrief:
    """Number every note, set the typography and build the source lists: the one pass before
    any writer runs."""
    from sitrep.resolve.chicago import (
        bibliography_entries,
        bibliography_order,
        format_bibliography_entry,
        grade_meaning,
    )
    from sitrep.resolve.chicago_style import quotes_as_typed
    from sitrep.resolve.typography import (
        close_up_calls,
        in_quote_marks,
        quotes_of,
        typeset_plain,
    )

    quotes = quotes_of(brief)
    with quotes_as_typed(quotes is None):  # sources too: the switch holds everywhere
        prose, notes, cited = number_notes(brief, quotes)
        prose = {
            path: in_quote_marks(path, close_up_calls(text), quotes) for path, text in prose.items()
        }
        listed: list[Source] = [s for s in brief.sources if s.id in cited] or list(brief.sources)
        bibliography: tuple[BibliographyEntry, ...] = ()
        if brief.wants_bibliography:
            bibliography = tuple(
                BibliographyEntry(s.id, content)
                for s, content in bibliography_entries(
                    listed, repeat_dash=brief.bibliography_dash, language=brief.notes_language
                )
            )
        table: tuple[SourceRow, ...] = ()
        if brief.source_table:
            rows = []
            for source in bibliography_order(brief.sources):
                reliability, credibility = grade_meaning(source.grade) if source.grade else ("", "")
                rows.append(
                    SourceRow(
                        source.id,
                        format_bibliography_entry(source, language=brief.notes_language),
                        source.grade.code if source.grade else "",
                        reliability,
                        credibility,
                    )
                )
            table = tuple(rows)
    return ResolvedBrief(typeset_plain(brief, quotes), prose, notes, bibliography, table)
