"""The English text of every label, by key, and how each packaged layout words a heading its own
way: the messages every catalog translates.

Data apart from code: this is the list a translator or a template author reads (every key a
template can write as `labels.NAME`), and the one place a new key is added (then
`python scripts/update_catalogs.py` adds it to each .po file, untranslated).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["ENGLISH", "LAYOUT_WORDING"]

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # mastheads
        "kicker.intel-brief": "Intel brief",
        "kicker.analysis": "Analysis",
        "by": "By {names}",
        "and": " and ",
        "separator": " · ",
        "coordinates": "{lat}° {north_south}, {lon}° {east_west}",
        "north": "N",
        "south": "S",
        "east": "E",
        "west": "W",
        # the facts block: "Date: 15/09/2023"
        "fact": "{label}:",
        "date": "Date",
        "when": "When",
        "where": "Where",
        "who": "Who’s involved",
        "prepared_by": "Prepared by",
        # the continuity line: "SITREP 14 · Supersedes SITREP 13 of 16/11/2026 · Next issue: …"
        "supersedes": "Supersedes {serial}",
        "supersedes_dated": "Supersedes {serial} of {date}",
        "next_issue": "Next issue: {when}",
        "utc": "{moment} UTC",
        # the box `render --changes-since` adds after the BLUF
        "changes": "Changes since the last brief",
        "change.event_added": "New event",
        "change.event_removed": "Event removed",
        "change.event_changed": "Event updated",
        "change.judgment_added": "New key judgment",
        "change.judgment_removed": "Key judgment withdrawn",
        "change.judgment_changed": "Key judgment revised",
        "change.source_added": "New source",
        "change.source_dropped": "Source dropped",
        "change.moved": "{old} → {new}",
        "change.confidence": "{level} confidence",
        "change.none": "not stated",
        "change.nothing": "No events, key judgments or sources changed.",
        # a draft's stamp: the watermark and the masthead's "DRAFT v0.3"
        "draft": "DRAFT",
        "draft_version": "DRAFT v{version}",
        "content_status.draft": "Draft",  # a DOCX file's "Status" property
        "version": "v{version}",
        # section headings
        "what": "What happened?",
        "assessment": "Assessment",
        "key_judgments": "Key judgments",
        "quotes": "Quotes",
        "recommendations": "Recommendations",
        "attachments": "Attachments",
        "attachments_embedded": "Embedded in this PDF as file attachments.",
        "bibliography": "Sources",
        "source_table": "Source grading",
        "notes": "Notes",
        # a footnote longer than a page runs on in the notes at the end (PDF only)
        "note_continued": "continued",
        "note_continued_on": "continued on page",
        # the key-judgment table
        "judgment": "Judgment",
        "likelihood": "Likelihood",
        "confidence": "Confidence",
        "judgments_note": (
            "Likelihood terms and ranges follow {scale}; confidence reflects the quality of the "
            "sources and reasoning."
        ),
        "basis": "Basis:",
        "likelihood.almost no chance": "Almost no chance",
        "likelihood.very unlikely": "Very unlikely",
        "likelihood.unlikely": "Unlikely",
        "likelihood.roughly even chance": "Roughly even chance",
        "likelihood.likely": "Likely",
        "likelihood.very likely": "Very likely",
        "likelihood.almost certain": "Almost certain",
        # the PHIA and NATO scales' own terms (the shared ones are above)
        "likelihood.remote chance": "Remote chance",
        "likelihood.highly unlikely": "Highly unlikely",
        "likelihood.realistic possibility": "Realistic possibility",
        "likelihood.highly likely": "Highly likely",
        "likelihood.even chance": "Even chance",
        "range": "{low}–{high}%",
        "confidence.High": "High",
        "confidence.Moderate": "Moderate",
        "confidence.Low": "Low",
        # the source table
        "grade": "Grade",
        "source": "Source",
        "reliability_credibility": "Reliability / credibility",
        "grade_meaning": "{reliability}; {credibility}",
        "not_graded": "Not graded",
        "no_grade": "–",
        # the Admiralty code's meanings, as resolve gives them (sitrep.resolve.chicago)
        "reliability.A": "Completely reliable",
        "reliability.B": "Usually reliable",
        "reliability.C": "Fairly reliable",
        "reliability.D": "Not usually reliable",
        "reliability.E": "Unreliable",
        "reliability.F": "Reliability cannot be judged",
        "credibility.1": "Confirmed by other sources",
        "credibility.2": "Probably true",
        "credibility.3": "Possibly true",
        "credibility.4": "Doubtful",
        "credibility.5": "Improbable",
        "credibility.6": "Truth cannot be judged",
        # figures and quotes
        "figure": "Figure {number}",
        "caption_separator": ": ",
        "credit": "({credit})",
        "attribution": "— {who}",
        # tradecraft (docs/tradecraft.md)
        "bluf": "Bottom line up front",
        "outlook": "Outlook",
        "indicators": "Indicators",
        "indicator": "Indicator",
        "scenario": "Scenario",
        "indicator_status": "Status",
        "indicator_scenario": " (scenario: {scenario})",
        "status.observed": "Observed",
        "status.partly": "Partly observed",
        "status.not observed": "Not observed",
        "assumptions": "Key assumptions",
        "gaps": "Intelligence gaps",
        "source_summary": "Source summary",
        # the page frame: "Page 2 of 5"
        "page": "Page {page} of {pages}",
    }
)

# How a packaged layout words a heading when it differs from the catalogue; "" leaves it out.
LAYOUT_WORDING: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "analysis": {
            "what": "Timeline",
            "assessment": "Conclusion",
            "quotes": "",
            "bibliography": "Bibliography",
        },
        "article": {
            "what": "What happened",
            "assessment": "Analysis",
            "quotes": "",
            "recommendations": "What to watch",
        },
    }
)
