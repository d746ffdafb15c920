"""What changed between two issues of a brief: events, key judgments and sources.

`diff_briefs(old, new)` compares two briefs and returns `BriefChanges`; `sitrep diff` prints it
and `render --changes-since` turns it into a box in the document (resolve/changes.py).

Events have no ids, so they are matched as an analyst would pair two issues' timelines:
1. an event with the same day and the same words (spacing and case aside) is the same event;
2. of the rest, the most similar pairs (word-level similarity, difflib) are the same event
   edited: at least `SAME_DAY_SIMILARITY` of the words alike when the day is the same,
   `OTHER_DAY_SIMILARITY` when the day moved too (a re-dated event keeps its words);
3. what is left over was removed (old) or added (new).
Key judgments are matched the same way on their text alone, and sources by their id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, TypeVar

from sitrep.model.brief import Brief, Event, Theme
from sitrep.model.judgment import KeyJudgment

__all__ = [
    "OTHER_DAY_SIMILARITY",
    "SAME_DAY_SIMILARITY",
    "BriefChanges",
    "EventChange",
    "EventItem",
    "JudgmentChange",
    "JudgmentItem",
    "SourceItem",
    "changes_text",
    "diff_briefs",
]

SAME_DAY_SIMILARITY = 0.6
"""Share of words two events of the same day must have alike to count as one event edited."""
OTHER_DAY_SIMILARITY = 0.8
"""The same for two events on different days (or one undated): a re-dated event."""
JUDGMENT_SIMILARITY = 0.6
"""Share of words two key judgments must have alike to count as one judgment revised."""


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


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.casefold().split())


Item = TypeVar("Item")


def _match(
    old: Sequence[Item],
    new: Sequence[Item],
    key: Callable[[Item], tuple[object, ...]],
    text: Callable[[Item], str],
    threshold: Callable[[Item, Item], float],
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pairs (old, new) of the same item, then the old ones left over, then the new ones.

    Identical keys pair first, in order; then the most similar pairs, best first, down to the
    threshold. Pairs come back in the new brief's order."""
    pairs: dict[int, int] = {}  # new index -> old index
    waiting: dict[tuple[object, ...], list[int]] = {}
    for index, item in enumerate(old):
        waiting.setdefault(key(item), []).append(index)
    for index, item in enumerate(new):
        same = waiting.get(key(item))
        if same:
            pairs[index] = same.pop(0)
    taken = set(pairs.values())
    old_rest = [i for i in range(len(old)) if i not in taken]
    new_rest = [i for i in range(len(new)) if i not in pairs]
    old_words = {i: _words(text(old[i])) for i in old_rest}
    # Which old items share words with a new one, and how many (counted as difflib's
    # quick_ratio counts them): an upper bound of the similarity, from one index of the words,
    # so that two long timelines with nothing in common are not compared pair by pair.
    by_word: dict[str, list[tuple[int, int]]] = {}
    for o, found in old_words.items():
        for word, count in Counter(found).items():
            by_word.setdefault(word, []).append((o, count))
    scored: list[tuple[float, int, int]] = []
    for n in new_rest:
        new_words = _words(text(new[n]))
        shared: Counter[int] = Counter()
        for word, count in Counter(new_words).items():
            for o, old_count in by_word.get(word, ()):
                shared[o] += min(count, old_count)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new_words)
        for o, common in shared.items():
            needed = threshold(old[o], new[n])
            if 2 * common < needed * (len(old_words[o]) + len(new_words)):
                continue
            matcher.set_seq1(old_words[o])
            score = matcher.ratio()
            if score >= needed:
                scored.append((score, o, n))
    scored.sort(key=lambda found: (-found[0], found[2], found[1]))
    used_old: set[int] = set()
    for _, o, n in scored:
        if o not in used_old and n not in pairs:
            pairs[n] = o
            used_old.add(o)
    matched_old = set(pairs.values())
    return (
        [(old[pairs[n]], new[n]) for n in sorted(pairs)],
        [item for i, item in enumerate(old) if i not in matched_old],
        [item for i, item in enumerate(new) if i not in pairs],
    )


def _same_words(a: str, b: str) -> bool:
    return _words(a) == _words(b)


def _event_changes(old: Brief, new: Brief) -> tuple[list[EventItem], list[EventItem], list[Any]]:
    pairs, removed, added = _match(
        _events(old),
        _events(new),
        key=lambda e: (e.date, _words(e.text)),
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
    pairs, removed, added = _match(
        [_judgment(i, j) for i, j in enumerate(old.key_judgments)],
        [_judgment(i, j) for i, j in enumerate(new.key_judgments)],
        key=lambda j: (_words(j.text),),
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
