"""Every fixed word a writer prints (headings, table headers, "Figure 1", likelihood ranges), in
one catalogue, so PDF, DOCX, HTML and Markdown of the same brief say the same thing.

Messages are keyed. A layout may word a heading its own way ("Conclusion" for the assessment of
an analysis); that wording lives here too, never in a template. `labels_for(language, layout)`
is the one way in: today every language reads the English catalogue, and a localization pass can
back `_catalog` with a gettext catalogue per language (the key as message context, the English
text as message id) without touching a writer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from sitrep.inline.typography import Quotes, quotes_for
from sitrep.model.judgment import Confidence, Likelihood

__all__ = ["ENGLISH", "LAYOUT_WORDING", "Labels", "labels_for"]

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # mastheads
        "kicker.intel-brief": "Intel brief",
        "kicker.analysis": "Analysis",
        "by": "By {names}",
        "and": " and ",
        "separator": " · ",
        "coordinates": "{lat:.2f}° {north_south}, {lon:.2f}° {east_west}",
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
        # a draft's stamp: the watermark and the masthead's "DRAFT v0.3"
        "draft": "DRAFT",
        "draft_version": "DRAFT v{version}",
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
        # figures and quotes
        "figure": "Figure {number}",
        "caption_separator": ": ",
        "credit": "({credit})",
        "attribution": "— {who}",
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

_RANGE = re.compile(r"^0*(\d+)\s*-\s*0*(\d+)%$")


def _catalog(language: str) -> Mapping[str, str]:
    """The messages for a language; only English exists yet (see the module docstring)."""
    return ENGLISH


class Labels:
    """The words of one layout in one language: `labels["assessment"]`, `labels.figure(1)`."""

    def __init__(self, language: str = "en", layout: str = "intel-brief") -> None:
        self.language = language
        self.layout = layout
        self.quote_marks: Quotes = quotes_for(language)
        messages = dict(_catalog(language))
        messages.update(LAYOUT_WORDING.get(layout, {}))
        self._messages = messages

    def __getitem__(self, key: str) -> str:
        return self._messages[key]

    def __getattr__(self, key: str) -> str:
        # templates write labels.key_judgments; a missing key is an error, never blank output
        try:
            return self._messages[key]
        except KeyError:
            raise AttributeError(f"no label {key!r} in the catalogue") from None

    def messages(self) -> dict[str, str]:
        """Every message of this layout and language, for a template that looks them up."""
        return dict(self._messages)

    def format(self, key: str, **values: object) -> str:
        return self._messages[key].format(**values)

    def names(self, names: list[str]) -> str:
        """ "A", "A and B", "A, B and C"."""
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + self["and"] + names[-1]

    def byline(self, authors: list[str], organisation: str | None) -> str:
        """ "By A and B, Organisation"; just the organisation when there are no authors."""
        if not authors:
            return organisation or ""
        line = self.format("by", names=self.names(authors))
        return f"{line}, {organisation}" if organisation else line

    def fact(self, label: str) -> str:
        """A fact's label as printed before its value: "Date:"."""
        return self.format("fact", label=label)

    def separated(self, parts: list[str]) -> str:
        """The non-empty parts joined by " · "."""
        return self["separator"].join(part for part in parts if part)

    def coordinates(self, lat: float, lon: float) -> str:
        """ "51.88° N, 128.33° E"."""
        return self.format(
            "coordinates",
            lat=abs(lat),
            lon=abs(lon),
            north_south=self["north" if lat >= 0 else "south"],
            east_west=self["east" if lon >= 0 else "west"],
        )

    def kicker(self, organisation: str | None) -> str:
        word = self._messages.get(f"kicker.{self.layout}", "")
        return " · ".join(part for part in (organisation, word) if part)

    def likelihood_term(self, likelihood: Likelihood) -> str:
        """The term as a heading word ("Very likely"), on whichever scale the brief uses."""
        key = f"likelihood.{likelihood.value}"
        return self[key] if key in self._messages else likelihood.value[:1].upper() + (
            likelihood.value[1:]
        )

    def likelihood_range(self, likelihood: Likelihood) -> str:
        """The scale's range with an en dash and no leading zeros: "80–95%", "1–5%"."""
        match = _RANGE.match(likelihood.probability)
        if match is None:  # a range a scale writes its own way ("≥ 95%")
            return likelihood.probability.replace("-", "–")
        return self.format("range", low=int(match.group(1)), high=int(match.group(2)))

    def odds(self, likelihood: Likelihood) -> str:
        """A scenario's likelihood after its name: "Likely (55–80%)"."""
        return f"{self.likelihood_term(likelihood)} ({self.likelihood_range(likelihood)})"

    def judgments_note(self, scale: str) -> str:
        return self.format("judgments_note", scale=scale)

    def confidence_level(self, confidence: Confidence) -> str:
        return self[f"confidence.{confidence.value}"]

    def figure(self, number: int) -> str:
        """ "Figure 3"."""
        return self.format("figure", number=number)

    def figure_parts(self, number: int) -> tuple[str, str]:
        """The words before and after the number, "Figure " and ": ", for a Word SEQ field."""
        before, _, after = self["figure"].partition("{number}")
        return before, after + self["caption_separator"]

    def grade_meaning(self, reliability: str, credibility: str) -> str:
        if not reliability and not credibility:
            return self["not_graded"]
        return self.format(
            "grade_meaning", reliability=reliability, credibility=credibility.lower()
        )

    def open_quote(self) -> str:
        return self.quote_marks[0]

    def close_quote(self) -> str:
        return self.quote_marks[1]


@lru_cache(maxsize=64)
def labels_for(language: str, layout: str) -> Labels:
    """The labels every writer uses for a brief: its `language` and its layout."""
    return Labels(language, layout)
