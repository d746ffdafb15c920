"""The lines above a brief's body (kicker, meta line, labelled facts) as plain text, per layout.

The HTML layouts print the same lines with their own spans; DOCX and Markdown take them from
here, and tests/writers/test_same_text.py checks that all four formats agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.labels import Labels
from sitrep.model.brief import Actor, Brief, DateFormat, Period, Place
from sitrep.model.continuity import next_issue_moment
from sitrep.resolve.dates import format_date, format_moment

__all__ = ["Masthead", "actor_text", "continuity_line", "masthead", "next_issue_text", "place_text"]


def place_text(place: Place, labels: Labels, with_coordinates: bool = False) -> str:
    """ "Vostochny Cosmodrome, Russia", with "51.88° N, 128.33° E" after it when asked."""
    text = place.name
    if place.country and place.country not in place.name:
        text += f", {place.country}"
    if with_coordinates and place.lat is not None and place.lon is not None:
        text += " " + labels.coordinates(place.lat, place.lon)
    return text


def actor_text(actor: Actor) -> str:
    """ "Vladimir Putin (President, Russia)"."""
    details = ", ".join(part for part in (actor.role, actor.affiliation) if part)
    return f"{actor.name} ({details})" if details else actor.name


@dataclass(frozen=True, slots=True)
class Masthead:
    kicker: str
    meta: str
    """The line under the title (analysis and article); empty for intel-brief."""
    facts: tuple[tuple[str, str], ...]
    """(label, value) pairs of the facts block, in print order; empty values left out."""
    continuity: str = ""
    """ "SITREP 14 · Supersedes SITREP 13 · Next issue: 30/11/2026"; empty outside a series."""


def next_issue_text(next_issue: dt.date | str | None, labels: Labels, style: DateFormat) -> str:
    """When the next issue is due, as printed: a day, a time in UTC, or the brief's words."""
    moment = next_issue_moment(next_issue)
    if isinstance(next_issue, dt.datetime) and moment is not None:
        utc = moment.astimezone(dt.UTC)
        printed = format_moment(utc.date(), utc.time(), style, labels.language)
        return printed if style is DateFormat.DTG else labels.format("utc", moment=printed)
    if isinstance(next_issue, dt.date):
        return format_date(next_issue, style, labels.language)
    return next_issue or ""


def continuity_line(brief: Brief, labels: Labels) -> str:
    """The brief's place in its series: serial, the issue it supersedes, the next issue."""
    style = brief.date_format
    parts = [brief.serial or ""]
    if brief.supersedes is not None:
        previous = brief.supersedes
        parts.append(
            labels.format("supersedes", serial=previous.serial)
            if previous.date is None
            else labels.format(
                "supersedes_dated",
                serial=previous.serial,
                date=format_date(previous.date, style, labels.language),
            )
        )
    if brief.next_issue is not None:
        parts.append(
            labels.format("next_issue", when=next_issue_text(brief.next_issue, labels, style))
        )
    return labels.separated(parts)


def masthead(
    brief: Brief,
    layout: str,
    labels: Labels,
    date: Callable[[dt.date], str],
    when: Callable[[Period | None], str],
) -> Masthead:
    """What the packaged layout `layout` prints above the body; other names get intel-brief's."""
    from sitrep.writers.banner import status_line

    who = "; ".join(actor_text(a) for a in brief.who)
    status = status_line(brief, labels)
    if layout == "analysis":
        places = "; ".join(place_text(p, labels) for p in brief.where)
        byline = labels.byline(brief.authors, brief.organisation) if brief.authors else ""
        facts: tuple[tuple[str, str], ...] = ((labels.when, when(brief.when)), (labels.who, who))
        return Masthead(
            labels.separated([labels.kicker(brief.organisation), status]),
            labels.separated([byline, date(brief.date), places]),
            tuple(fact for fact in facts if fact[1]),
            continuity_line(brief, labels),
        )
    if layout == "article":
        dateline = brief.dateline if brief.dateline and not brief.sections else ""
        byline = labels.byline(brief.authors, brief.organisation)
        return Masthead(
            labels.separated([brief.keywords[0] if brief.keywords else "", status]),
            labels.separated([byline, dateline, date(brief.date)]),
            (),
            continuity_line(brief, labels),
        )
    where = "; ".join(place_text(p, labels, with_coordinates=True) for p in brief.where)
    facts = (
        (labels.date, date(brief.date)),
        (labels.when, when(brief.when)),
        (labels.where, where),
        (labels.who, who),
        (labels.prepared_by, labels.names(list(brief.authors))),
    )
    kicker = labels.separated([labels.kicker(brief.organisation), status])
    return Masthead(kicker, "", tuple(f for f in facts if f[1]), continuity_line(brief, labels))
