"""What `diff_briefs` finds, as typed values: the events, key judgments and sources added,
removed or changed between two issues, each with its place in its brief, and the JSON shape
`sitrep diff --format json` prints.

Apart from the comparison so that a reader of the result (the changes box of `render
--changes-since`, the text report) depends on these values only, not on how items are paired.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BriefChanges",
    "EventChange",
    "EventItem",
    "JudgmentChange",
    "JudgmentItem",
    "SourceItem",
]


@dataclass(frozen=True, slots=True)
class EventItem:
    """One event of a brief's "What happened?", where it stands and what it says."""

    path: str
    """Where it is in its brief: "what[3]" or "what[1].events[0]"."""
    date: dt.date | None
    time: dt.time | None
    text: str
    """The event's prose as written (citations as [@id])."""
    theme: str | None
    """The theme heading it is grouped under, if any."""

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "date": None if self.date is None else self.date.isoformat(),
            "time": None if self.time is None else self.time.strftime("%H:%M"),
            "text": self.text,
            "theme": self.theme,
        }


@dataclass(frozen=True, slots=True)
class EventChange:
    old: EventItem
    new: EventItem
    fields: tuple[str, ...]
    """What differs, in this order: "date", "time", "text", "theme"."""

    def as_json(self) -> dict[str, Any]:
        return {"old": self.old.as_json(), "new": self.new.as_json(), "fields": list(self.fields)}


@dataclass(frozen=True, slots=True)
class JudgmentItem:
    path: str
    text: str
    likelihood: str | None
    """The likelihood term as the brief's scale writes it ("likely"), if given."""
    confidence: str | None
    """High, Moderate or Low, if given."""

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "text": self.text,
            "likelihood": self.likelihood,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class JudgmentChange:
    old: JudgmentItem
    new: JudgmentItem
    fields: tuple[str, ...]
    """What differs, in this order: "likelihood", "confidence", "text"."""

    @property
    def moved(self) -> bool:
        """Whether the likelihood or the confidence moved, not only the wording."""
        return "likelihood" in self.fields or "confidence" in self.fields

    def as_json(self) -> dict[str, Any]:
        return {"old": self.old.as_json(), "new": self.new.as_json(), "fields": list(self.fields)}


@dataclass(frozen=True, slots=True)
class SourceItem:
    id: str
    title: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title}


@dataclass(frozen=True, slots=True)
class BriefChanges:
    """Everything `diff_briefs` found; empty (false) when the issues say the same."""

    old_serial: str | None = None
    new_serial: str | None = None
    events_added: tuple[EventItem, ...] = ()
    events_removed: tuple[EventItem, ...] = ()
    events_changed: tuple[EventChange, ...] = ()
    judgments_added: tuple[JudgmentItem, ...] = ()
    judgments_removed: tuple[JudgmentItem, ...] = ()
    judgments_changed: tuple[JudgmentChange, ...] = ()
    sources_added: tuple[SourceItem, ...] = ()
    sources_dropped: tuple[SourceItem, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    """Signs that the old brief is not the previous issue of the new one."""

    def __bool__(self) -> bool:
        return any(
            (
                self.events_added,
                self.events_removed,
                self.events_changed,
                self.judgments_added,
                self.judgments_removed,
                self.judgments_changed,
                self.sources_added,
                self.sources_dropped,
            )
        )

    def as_json(self) -> dict[str, Any]:
        """The shape `sitrep diff --format json` prints (docs/dissemination.md, Continuity)."""
        return {
            "old": {"serial": self.old_serial},
            "new": {"serial": self.new_serial},
            "changed": bool(self),
            "events": {
                "added": [e.as_json() for e in self.events_added],
                "removed": [e.as_json() for e in self.events_removed],
                "changed": [c.as_json() for c in self.events_changed],
            },
            "key_judgments": {
                "added": [j.as_json() for j in self.judgments_added],
                "removed": [j.as_json() for j in self.judgments_removed],
                "changed": [c.as_json() for c in self.judgments_changed],
            },
            "sources": {
                "added": [s.as_json() for s in self.sources_added],
                "dropped": [s.as_json() for s in self.sources_dropped],
            },
            "warnings": list(self.warnings),
        }
