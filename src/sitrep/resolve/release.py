"""Tearline releases: the brief as one audience may see it, made once, before any writer runs.

`release(brief, "TLP:GREEN")` keeps the portions at or below the release level and nothing else:
removed portions are gone from the model itself, so no writer, template, note, bibliography,
source table, document property, XMP packet, attachment or export can print a word of them.
Notes are numbered afterwards by `resolve`, so they are numbered afresh. Sources cited only by
removed portions go too; sources nothing cites stay if their own marking allows.

Failing closed: an unmarked portion takes the marking of what holds it (its theme or section,
its list's `field_markings` entry, the brief's `marking`), so it is released only when the
author said so. A brief with no marking, a title above the release, or a released portion that
cites a source above the release is refused with the field and line, never trimmed silently.

`mark_portions` writes each portion's marking before it, "(TLP:AMBER) ", for `portion_marks`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from sitrep.errors import BriefError, Problem
from sitrep.model.brief import Brief
from sitrep.model.marking import TLP
from sitrep.model.portions import MarkedText, Portion, portions, rank, read_label
from sitrep.model.tradecraft import CheckSettings
from sitrep.model.walk import FieldPath, format_path, iter_prose

__all__ = ["for_audience", "mark_portions", "release"]

_SINGLE = ("subtitle", "standfirst", "bluf", "dateline", "assessment", "source_summary", "contact")
"""Brief fields that are one portion each and may be left out of a release."""

_WHOLE_LISTS = ("keywords", "where", "who")
"""Brief lists that are one portion each: kept or left out whole."""

ITEM_LISTS = (
    "figures",
    "sections",
    "key_judgments",
    "outlook",
    "quotes",
    "attachments",
    "what",
    "assumptions",
    "gaps",
    "recommendations",
    "indicators",
    "sources",
)
"""Brief lists whose items a release keeps or drops one by one."""

HANDLED = ("title", *_SINGLE, *_WHOLE_LISTS, *ITEM_LISTS)
"""Every field a release decides on; a test checks it is every markable field."""


def for_audience(brief: Brief, release_at: TLP | str | None, portion_marks: bool) -> Brief:
    """The brief a render writes: released at `release_at` (if given), with portion marks
    printed when `portion_marks` or the brief asks for them."""
    if release_at is not None:
        brief = release(brief, release_at)
    if portion_marks or brief.portion_marks:
        brief = mark_portions(brief)
    return brief


def release(brief: Brief, level: TLP | str) -> Brief:
    """The brief as released at `level`: only portions marked at or below it, marked `level`.

    Raises BriefError (naming the field and line) when the release cannot be made safely."""
    label = _release_label(level, brief)
    overall = brief.marking
    if overall is None:
        raise _refusal(
            brief,
            (),
            f"cannot be released at {label.value}: the brief has no marking, so no portion is "
            "known to be releasable (expected marking: on the brief, and on the portions that "
            "may go to this audience; see docs/dissemination.md)",
        )
    if rank(label) >= rank(overall):
        return brief.validated()  # every portion is at or below the release: nothing to remove
    allowed = {p.path: p for p in portions(brief) if _within(p, label)}
    title = brief.field_markings.get("title", overall)
    if rank(title) > rank(label):
        raise _refusal(
            brief,
            ("title",),
            f"is {title.value}, above the release at {label.value}, and a brief cannot be "
            f"released without its title (expected field_markings: {{title: {label.value}}} "
            "or lower if this audience may read the title, or a new title for the release)",
        )
    update: dict[str, Any] = {"marking": label, "check": CheckSettings()}
    markings = {
        name: level for name, level in brief.field_markings.items() if rank(level) <= rank(label)
    }
    for name in (*_SINGLE, *_WHOLE_LISTS):
        value = getattr(brief, name)
        effective = brief.field_markings.get(name, overall)
        if value not in (None, []) and rank(effective) > rank(label):
            update[name] = [] if name in _WHOLE_LISTS else None
    for name in ("figures", "sections", "key_judgments", "outlook", "quotes", "attachments"):
        update[name] = _kept(getattr(brief, name), (name,), allowed)
    update["what"] = _kept(brief.what, ("what",), allowed)
    for name in ("assumptions", "gaps", "recommendations"):
        update[name] = [
            MarkedText(str(item), allowed[(name, index)].effective)
            for index, item in enumerate(getattr(brief, name))
            if (name, index) in allowed
        ]
    names = {scenario.name for scenario in update["outlook"]}
    update["indicators"] = [
        item if item.scenario in (None, *names) else item.model_copy(update={"scenario": None})
        for item in _kept(brief.indicators, ("indicators",), allowed)
    ]
    update["field_markings"] = markings
    update["sources"] = []
    trimmed = brief.model_copy(update=update)
    update["sources"] = _released_sources(brief, trimmed, allowed, label)
    released = Brief.model_validate(brief.model_copy(update=update))
    released._origin = brief.origin  # figures and attachments are found beside the brief
    released.set_source_files(brief.source_files)
    return released


def _release_label(level: TLP | str, brief: Brief) -> TLP:
    try:
        return read_label(level)
    except ValueError as error:
        raise _refusal(brief, (), f"cannot be released: {error}") from None


def _within(portion: Portion, label: TLP) -> bool:
    return portion.effective is not None and rank(portion.effective) <= rank(label)


def _kept(items: list[Any], path: FieldPath, allowed: dict[FieldPath, Portion]) -> list[Any]:
    """The items a release keeps, each marked with the marking it had or took, and their own
    items (a theme's events, a section's quotes) kept the same way. A theme whose every event
    is removed goes too: a heading over nothing would say that something was taken out."""
    kept = []
    for index, item in enumerate(items):
        portion = allowed.get((*path, index))
        if portion is None:
            continue
        update: dict[str, Any] = {"marking": portion.effective}
        for inner in ("events", "quotes"):
            held = getattr(item, inner, None)
            if held:
                update[inner] = _kept(held, (*path, index, inner), allowed)
        if "events" in update and not update["events"]:
            continue
        kept.append(item.model_copy(update=update))
    return kept


def _cited(brief: BaseModel) -> list[tuple[FieldPath, str]]:
    from sitrep.model.walk import _citations

    return list(_citations(iter_prose(brief)))


def _released_sources(
    brief: Brief, trimmed: Brief, allowed: dict[FieldPath, Portion], label: TLP
) -> list[Any]:
    """The sources the released portions cite, and those nothing cites that may be released;
    a released portion citing a source above the release is refused, never left dangling."""
    cited_before = {source_id for _, source_id in _cited(brief)}
    cited_after = _cited(trimmed)
    index_of = {source.id: index for index, source in enumerate(brief.sources)}
    for path, source_id in cited_after:
        source = brief.sources[index_of[source_id]]
        if ("sources", index_of[source_id]) not in allowed:
            level = brief.field_markings.get("sources", brief.marking)
            shown = (source.marking or level or label).value
            raise _refusal(
                brief,
                path,
                f"cites source {source_id!r}, which is {shown}, above the release at "
                f"{label.value} (expected the source marked {label.value} or lower if this "
                "audience may see it, or this portion marked above the release)",
                released=trimmed,
            )
    keep = {source_id for _, source_id in cited_after}
    return [
        source.model_copy(update={"marking": allowed[("sources", index)].effective})
        for index, source in enumerate(brief.sources)
        if ("sources", index) in allowed and (source.id in keep or source.id not in cited_before)
    ]


def _refusal(
    brief: Brief, path: FieldPath, message: str, released: Brief | None = None
) -> BriefError:
    """A BriefError at the field and line of the original brief."""
    file = None if brief.origin is None else str(brief.origin)
    if released is not None:
        path = _original_path(brief, released, path)
    return BriefError([Problem(message, file, format_path(path), brief._lines.get(path))])


def _original_path(brief: Brief, released: Brief, path: FieldPath) -> FieldPath:
    """Where a field of the trimmed brief was in the brief as written (indices shift)."""
    text = dict(iter_prose(released)).get(path)
    for where, original in iter_prose(brief):
        if original == text and where[-1] == path[-1] and where[0] == path[0]:
            return where
    return path


# -- portion marks --------------------------------------------------------------------------------


def mark_portions(brief: Brief) -> Brief:
    """The brief with each portion's marking printed before it: "(TLP:AMBER) text"."""
    update: dict[str, Any] = {}
    fields = brief.field_markings
    for name in ("subtitle", "standfirst", "bluf", "assessment", "source_summary"):
        value = getattr(brief, name)
        level = fields.get(name, brief.marking)
        if value and level is not None:
            update[name] = _prefixed(value, level)
    for name in ("figures", "sections", "key_judgments", "outlook", "indicators", "quotes"):
        held_by = fields.get(name, brief.marking)
        update[name] = [_marked_item(item, held_by) for item in getattr(brief, name)]
    renamed = {
        before.name: after.name
        for before, after in zip(brief.outlook, update["outlook"], strict=True)
    }
    update["indicators"] = [
        item
        if item.scenario is None
        else item.model_copy(update={"scenario": renamed[item.scenario]})
        for item in update["indicators"]
    ]
    held_by = fields.get("attachments", brief.marking)
    update["attachments"] = [_marked_attachment(item, held_by) for item in brief.attachments]
    update["what"] = [_marked_item(item, fields.get("what", brief.marking)) for item in brief.what]
    for name in ("assumptions", "gaps", "recommendations"):
        level = fields.get(name, brief.marking)
        update[name] = [_marked_text(item, level) for item in getattr(brief, name)]
    marked = Brief.model_validate(brief.model_copy(update=update))
    marked._origin, marked._lines = brief.origin, brief._lines
    marked.set_source_files(brief.source_files)
    return marked


def _marked_text(item: MarkedText, held_by: TLP | None) -> MarkedText:
    level = item.marking or held_by
    return item if level is None else MarkedText(_prefixed(str(item), level), item.marking)


_MARKED_TEXT = {
    "Event": "text",
    "Theme": "theme",
    "Section": "heading",
    "Quote": "text",
    "KeyJudgment": "text",
    "Scenario": "text",
    "Indicator": "text",
    "Figure": "caption",
}
"""The field each kind of portion prints its mark before."""


def _marked_item(item: Any, held_by: TLP | None) -> Any:
    level = item.marking or held_by
    update: dict[str, Any] = {}
    if level is not None:
        name = _MARKED_TEXT[type(item).__name__]
        update[name] = _prefixed(getattr(item, name), level)
        if getattr(item, "body", ""):  # a section's paragraphs, each marked
            update["body"] = _prefixed(item.body, level)
        if type(item).__name__ == "Scenario":  # its name is its heading, marked as one
            update["name"] = _prefixed(item.name, level)
    for inner in ("events", "quotes"):
        if getattr(item, inner, None):
            update[inner] = [_marked_item(child, level) for child in getattr(item, inner)]
    return item.model_copy(update=update) if update else item


def _marked_attachment(item: Any, held_by: TLP | None) -> Any:
    level = item.marking or held_by
    if level is None:
        return item
    title = item.title or item.path.replace("\\", "/").split("/")[-1]
    return item.model_copy(update={"title": _prefixed(title, level)})


def _prefixed(text: str, level: TLP) -> str:
    """Every paragraph of the text led by the mark: a portion may run to several."""
    mark = f"({level.value}) "
    if not text.strip():
        return mark.strip()
    return "\n\n".join(mark + part if part.strip() else part for part in text.split("\n\n"))
