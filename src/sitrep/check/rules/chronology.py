"""Rules on dates: events fall inside `when`, not after the brief, and in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.model.brief import Event, Theme
from sitrep.model.walk import FieldPath

ICD_203_LOGIC = "ICD 203, D.6.e(6) (uses clear and logical argumentation)"
ICD_203_ACCURACY = "ICD 203, D.6.e(8) (makes accurate judgments and assessments)"


@rule("event-outside-when", Severity.WARNING, "an event dated outside `when`", ICD_203_LOGIC)
def event_outside_when(ctx: CheckContext) -> Iterator[Hit]:
    when = ctx.brief.when
    if when is None:
        return
    for path, event in ctx.events():
        if event.date is not None and not when.start <= event.date <= when.end:
            yield Hit(
                (*path, "date"),
                f"event dated {event.date.isoformat()} falls outside when "
                f"({when.start.isoformat()} to {when.end.isoformat()}); widen `when` or "
                "move the event to the background (no date)",
            )


@rule("event-after-brief", Severity.ERROR, "an event dated after the brief", ICD_203_ACCURACY)
def event_after_brief(ctx: CheckContext) -> Iterator[Hit]:
    for path, event in ctx.events():
        if event.date is not None and event.date > ctx.brief.date:
            yield Hit(
                (*path, "date"),
                f"event dated {event.date.isoformat()} is after the brief's date "
                f"{ctx.brief.date.isoformat()} (a brief reports what has happened; put "
                "expectations in the outlook)",
            )


def _moment(event: Event) -> tuple[dt.date, dt.time]:
    assert event.date is not None
    return event.date, event.time or dt.time.min


def _groups(ctx: CheckContext) -> Iterator[list[tuple[FieldPath, Event]]]:
    """Each run of events printed as one list: the loose events, and each theme's events."""
    loose: list[tuple[FieldPath, Event]] = []
    for index, item in enumerate(ctx.brief.what):
        if isinstance(item, Theme):
            yield [(("what", index, "events", j), e) for j, e in enumerate(item.events)]
        else:
            loose.append((("what", index), item))
    yield loose


@rule("events-out-of-order", Severity.WARNING, "dated events out of order", ICD_203_LOGIC)
def events_out_of_order(ctx: CheckContext) -> Iterator[Hit]:
    for group in _groups(ctx):
        dated = [(path, _moment(event)) for path, event in group if event.date is not None]
        direction = 0  # +1 oldest first, -1 newest first, set by the first change
        for (_, before), (path, moment) in pairwise(dated):
            if moment == before:
                continue
            step = 1 if moment > before else -1
            if direction == 0:
                direction = step
            elif step != direction:
                order = "oldest first" if direction == 1 else "newest first"
                yield Hit(
                    (*path, "date"),
                    f"event dated {moment[0].isoformat()} breaks the order of the events "
                    f"before it ({order}); sort the events by date",
                )
