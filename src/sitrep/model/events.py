"""When and What: the period a brief covers and its events, each a bullet under "What happened?",
optionally grouped under themes.

`WhatItem` tells an event from a theme by its keys, so that a mixed list validates each item as
what it is and reports a problem at the item's own path.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Tag, model_serializer, model_validator

from sitrep.model.base import ClockTime, Plain, Prose, StrictModel
from sitrep.model.portions import MarkingLabel

__all__ = ["Event", "Period", "Theme", "WhatItem"]


class Period(StrictModel):
    """A span of days; a single date is a period of one day."""

    start: dt.date
    """First day (YYYY-MM-DD)."""
    end: dt.date
    """Last day (YYYY-MM-DD), on or after start."""

    @model_validator(mode="before")
    @classmethod
    def _from_day(cls, value: Any) -> Any:
        if isinstance(value, (dt.date, str)):
            return {"start": value, "end": value}
        return value

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        return self.start.isoformat() if self.start == self.end else handler(self)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        return {"anyOf": [{"type": "string", "format": "date"}, handler(core_schema)]}

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Event(StrictModel):
    """One thing that happened, shown as a bullet under "What happened?"."""

    date: dt.date | None = None
    """The day it happened (YYYY-MM-DD); leave out for background points."""
    time: ClockTime | None = None
    """Time of day (HH:MM, or H:MM), if known; shown in UTC for military date-time groups."""
    text: Prose
    """What happened."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from its theme's or the brief's
    (docs/dissemination.md)."""


class Theme(StrictModel):
    """Events grouped under a sub-heading, as Dyami does for "Israel-Hamas"."""

    theme: Plain
    """The sub-heading."""
    events: list[Event]
    """The events under it."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from the brief's (docs/dissemination.md)."""


def _what_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "theme" if "theme" in value or "events" in value else "event"
    return "theme" if isinstance(value, Theme) else "event"


WhatItem = Annotated[
    Annotated[Event, Tag("event")] | Annotated[Theme, Tag("theme")],
    Discriminator(_what_kind),
]
