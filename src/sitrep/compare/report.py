"""`sitrep diff`'s text report: one line per change, "+" added, "-" removed, "~" changed, long
texts shortened to one line.

Apart from the comparison because it is presentation: the JSON form is the result's own
(`BriefChanges.as_json`), and the document's changes box is written by resolve/changes.py.
"""

from __future__ import annotations

import datetime as dt

from sitrep.compare.changes import BriefChanges, JudgmentItem

__all__ = ["changes_text"]


def _shorten(text: str, width: int = 100) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _day(day: dt.date | None, time: dt.time | None) -> str:
    if day is None:
        return "undated"
    return day.isoformat() + ("" if time is None else " " + time.strftime("%H:%M"))


def _odds(judgment: JudgmentItem) -> str:
    return f"{judgment.likelihood or 'no likelihood'}, {judgment.confidence or 'no'} confidence"


def changes_text(changes: BriefChanges) -> str:
    """`sitrep diff`'s report: one line per change, "+" added, "-" removed, "~" changed."""
    old = changes.old_serial or "the old brief"
    new = changes.new_serial or "the new brief"
    lines = [f"Changes from {old} to {new}:" if changes else f"No changes from {old} to {new}."]
    lines += [f"warning: {message}" for message in changes.warnings]

    def group(title: str, items: list[str], count: int | None = None) -> None:
        if items:
            lines.append(f"{title} ({len(items) if count is None else count}):")
            lines.extend(f"  {item}" for item in items)

    group(
        "Events added",
        [f"+ {_day(e.date, e.time)}  {_shorten(e.text)}" for e in changes.events_added],
    )
    group(
        "Events removed",
        [f"- {_day(e.date, e.time)}  {_shorten(e.text)}" for e in changes.events_removed],
    )
    changed = []
    for change in changes.events_changed:
        before, after = (
            _day(change.old.date, change.old.time),
            _day(change.new.date, change.new.time),
        )
        when = after if before == after else f"{before} → {after}"
        changed.append(f"~ {when}  {_shorten(change.new.text)} [{', '.join(change.fields)}]")
        if "text" in change.fields:
            changed.append(f"    was: {_shorten(change.old.text)}")
        if "theme" in change.fields:
            changed.append(
                f"    theme: {change.old.theme or '(none)'} → {change.new.theme or '(none)'}"
            )
    group("Events changed", changed, len(changes.events_changed))
    group(
        "Key judgments added",
        [f"+ {_shorten(j.text)} ({_odds(j)})" for j in changes.judgments_added],
    )
    group(
        "Key judgments removed",
        [f"- {_shorten(j.text)} ({_odds(j)})" for j in changes.judgments_removed],
    )
    revised = []
    for judgment in changes.judgments_changed:
        revised.append(f"~ {_shorten(judgment.new.text)}")
        if judgment.moved:
            revised.append(f"    {_odds(judgment.old)} → {_odds(judgment.new)}")
        if "text" in judgment.fields:
            revised.append(f"    was: {_shorten(judgment.old.text)}")
    group("Key judgments revised", revised, len(changes.judgments_changed))
    group("Sources added", [f"+ {s.id}: {_shorten(s.title)}" for s in changes.sources_added])
    group("Sources dropped", [f"- {s.id}: {_shorten(s.title)}" for s in changes.sources_dropped])
    return "\n".join(lines) + "\n"
