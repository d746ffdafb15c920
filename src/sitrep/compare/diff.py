"""Comparing two issues of a brief: events and key judgments paired (sitrep.compare.matching)
and their changed fields named, sources compared by id, and warnings when the old brief does not
look like the previous issue of the new one.
"""

from __future__ import annotations

from typing import Any

from sitrep.compare.changes import (
    BriefChanges,
    EventChange,
    EventItem,
    JudgmentChange,
    JudgmentItem,
    SourceItem,
)
from sitrep.compare.matching import match_items, words
from sitrep.model.brief import Brief, Event, Theme
from sitrep.model.judgment import KeyJudgment

__all__ = ["JUDGMENT_SIMILARITY", "OTHER_DAY_SIMILARITY", "SAME_DAY_SIMILARITY", "diff_briefs"]

SAME_DAY_SIMILARITY = 0.6
"""Share of words two events of the same day must have alike to count as one event edited."""
OTHER_DAY_SIMILARITY = 0.8
"""The same for two events on different days (or one undated): a re-dated event."""
JUDGMENT_SIMILARITY = 0.6
"""Share of words two key judgments must have alike to count as one judgment revised."""


def _events(brief: Brief) -> list[EventItem]:
    found: list[EventItem] = []

    def add(event: Event, path: str, theme: str | None) -> None:
        found.append(EventItem(path, event.date, event.time, event.text, theme))

    for index, item in enumerate(brief.what):
        if isinstance(item, Theme):
            for number, event in enumerate(item.events):
                add(event, f"what[{index}].events[{number}]", item.theme)
        else:
            add(item, f"what[{index}]", None)
    return found


def _judgment(index: int, judgment: KeyJudgment) -> JudgmentItem:
    return JudgmentItem(
        f"key_judgments[{index}]",
        judgment.text,
        None if judgment.likelihood is None else judgment.likelihood.value,
        None if judgment.confidence is None else judgment.confidence.value,
    )


def _same_words(a: str, b: str) -> bool:
    return words(a) == words(b)


def _event_changes(old: Brief, new: Brief) -> tuple[list[EventItem], list[EventItem], list[Any]]:
    pairs, removed, added = match_items(
        _events(old),
        _events(new),
        key=lambda e: (e.date, words(e.text)),
        text=lambda e: e.text,
        threshold=lambda a, b: SAME_DAY_SIMILARITY if a.date == b.date else OTHER_DAY_SIMILARITY,
    )
    changed = []
    for before, after in pairs:
        fields = [
            name
            for name, differs in (
                ("date", before.date != after.date),
                ("time", before.time != after.time),
                ("text", not _same_words(before.text, after.text)),
                ("theme", before.theme != after.theme),
            )
            if differs
        ]
        if fields:
            changed.append(EventChange(before, after, tuple(fields)))
    return added, removed, changed


def _judgment_changes(
    old: Brief, new: Brief
) -> tuple[list[JudgmentItem], list[JudgmentItem], list[JudgmentChange]]:
    pairs, removed, added = match_items(
        [_judgment(i, j) for i, j in enumerate(old.key_judgments)],
        [_judgment(i, j) for i, j in enumerate(new.key_judgments)],
        key=lambda j: (words(j.text),),
        text=lambda j: j.text,
        threshold=lambda a, b: JUDGMENT_SIMILARITY,
    )
    changed = []
    for before, after in pairs:
        fields = [
            name
            for name, differs in (
                ("likelihood", before.likelihood != after.likelihood),
                ("confidence", before.confidence != after.confidence),
                ("text", not _same_words(before.text, after.text)),
            )
            if differs
        ]
        if fields:
            changed.append(JudgmentChange(before, after, tuple(fields)))
    return added, removed, changed


def _continuity_warnings(old: Brief, new: Brief, shared: int) -> list[str]:
    warnings = []
    previous = None if new.supersedes is None else new.supersedes.serial.strip()
    if previous and old.serial and old.serial != new.serial and previous != old.serial.strip():
        warnings.append(
            f"the new brief supersedes {previous!r}, but the old brief is {old.serial!r}"
        )
    if old.date > new.date:
        warnings.append(f"the old brief ({old.date}) is dated after the new one ({new.date})")
    if shared == 0 and (old.what or old.key_judgments or old.sources):
        warnings.append(
            "the briefs share no event, key judgment or source: is the old file an earlier "
            "issue of this brief?"
        )
    return warnings


def diff_briefs(old: Brief, new: Brief) -> BriefChanges:
    """What changed from `old` (the previous issue) to `new`: events added, removed or changed,
    key judgments added, removed or revised (likelihood, confidence, wording), sources added or
    dropped."""
    events_added, events_removed, events_changed = _event_changes(old, new)
    judgments_added, judgments_removed, judgments_changed = _judgment_changes(old, new)
    old_ids = {source.id: source for source in old.sources}
    new_ids = {source.id: source for source in new.sources}
    shared = (
        (len(_events(new)) - len(events_added))
        + (len(new.key_judgments) - len(judgments_added))
        + len(old_ids.keys() & new_ids.keys())
    )
    return BriefChanges(
        old_serial=old.serial,
        new_serial=new.serial,
        events_added=tuple(events_added),
        events_removed=tuple(events_removed),
        events_changed=tuple(events_changed),
        judgments_added=tuple(judgments_added),
        judgments_removed=tuple(judgments_removed),
        judgments_changed=tuple(judgments_changed),
        sources_added=tuple(SourceItem(i, s.title) for i, s in new_ids.items() if i not in old_ids),
        sources_dropped=tuple(
            SourceItem(i, s.title) for i, s in old_ids.items() if i not in new_ids
        ),
        warnings=tuple(_continuity_warnings(old, new, shared)),
    )
