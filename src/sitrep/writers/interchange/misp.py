"""MISP: the brief as a MISP event, for import into a MISP instance.

The event carries the brief's title as `info`, its date, a distribution and a `tlp:` tag from the
marking, the whole brief in Markdown as an event report (MISP renders those), and each source as a
`link` attribute (a `text` attribute when it has no URL) whose comment is its Chicago note. The
event is built with PyMISP's `MISPEvent`, and every uuid is derived as in the STIX export, so the
same brief gives the same event.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sitrep.inline import plain_text
from sitrep.model.marking import TLP
from sitrep.resolve import ResolvedBrief
from sitrep.writers.interchange.common import (
    brief_key,
    import_extra,
    issuer,
    json_bytes,
    stable_uuid,
)
from sitrep.writers.options import RenderOptions

__all__ = ["build_event", "write_misp"]

_INHERIT_EVENT = 5
"""MISP distribution 5: an attribute or report is shared as its event is."""
_THREAT_LEVEL_UNDEFINED = 4
_DISTRIBUTION = {
    # MISP: 0 your organisation only, 1 this community only, 2 connected communities, 3 all.
    TLP.CLEAR: 3,
    TLP.GREEN: 2,
    TLP.AMBER: 1,
    TLP.AMBER_STRICT: 0,
    TLP.RED: 0,
}
_ANALYSIS_COMPLETED = 2


def write_misp(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """The brief as a MISP event, UTF-8 JSON in MISP's {"Event": {...}} form."""
    return json_bytes(build_event(resolved, options))


_MACHINE_TAG = re.compile(r"^[A-Za-z0-9_.-]+:")
"""A MISP taxonomy tag, namespace:predicate ("tlp:clear", "misp-galaxy:threat-actor=…")."""


def _keyword_tags(keywords: list[str], options: RenderOptions) -> list[str]:
    """Keywords as plain tags: blanks and repeats left out, and never a machine tag, which would
    say something the brief does not (a second, contradicting tlp: tag, say)."""
    tags: list[str] = []
    for index, keyword in enumerate(keywords):
        tag = " ".join(keyword.split())
        if _MACHINE_TAG.match(tag):
            options.warn(
                f"keywords[{index}]: {tag!r} looks like a MISP taxonomy tag; left out of the "
                "event's tags (the brief's marking gives its one tlp: tag)"
            )
        elif tag and tag not in tags:
            tags.append(tag)
    return tags


def build_event(resolved: ResolvedBrief, options: RenderOptions) -> dict[str, Any]:
    """The event as plain JSON data, built through PyMISP."""
    pymisp = import_extra("pymisp", "MISP export")
    from sitrep.resolve.chicago import CitedSource, format_note
    from sitrep.writers.markdown import write_markdown

    brief = resolved.brief
    organisation = issuer(brief)
    key = brief_key(brief)

    event = pymisp.MISPEvent()
    event.uuid = stable_uuid(organisation, "misp-event", key)
    event.info = brief.title
    event.date = brief.date
    # No marking: share with this community only, the cautious middle of MISP's scale.
    event.distribution = _DISTRIBUTION[brief.marking] if brief.marking else 1
    event.threat_level_id = _THREAT_LEVEL_UNDEFINED
    event.analysis = _ANALYSIS_COMPLETED
    if organisation:
        creator = pymisp.MISPOrganisation()
        creator.name = organisation
        creator.uuid = stable_uuid(organisation, "misp-organisation")
        event.Orgc = creator
    if brief.marking is not None:
        event.add_tag(brief.marking.value.lower())  # the MISP tlp taxonomy: tlp:amber+strict
    if brief.pap is not None:
        event.add_tag(brief.pap.value)  # the MISP PAP taxonomy: PAP:AMBER
    for keyword in _keyword_tags(brief.keywords, options):
        event.add_tag(keyword)

    for source in brief.sources:
        note = plain_text(format_note([CitedSource(source, first=True)]))
        event.add_attribute(
            "link" if source.url else "text",
            source.url or note,
            category="External analysis",
            comment=note if source.url else f"source {source.id}",
            uuid=stable_uuid(organisation, "misp-source", key, source.id),
            distribution=_INHERIT_EVENT,
            to_ids=False,
        )

    markdown = write_markdown(resolved, options).decode("utf-8").strip()
    report = event.add_event_report(brief.title, markdown, distribution=_INHERIT_EVENT)
    report.uuid = stable_uuid(organisation, "misp-report", key)
    data: dict[str, Any] = json.loads(event.to_json())
    return {"Event": data}
