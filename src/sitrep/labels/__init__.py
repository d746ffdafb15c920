"""Every fixed word a writer prints (headings, table headers, "Figure 1", "Page 2 of 5"), in
one catalogue, so PDF, DOCX, HTML and Markdown of the same brief say the same thing.

Messages are keyed. `ENGLISH` holds every key with its English text; a layout may word a heading
its own way ("Conclusion" for the assessment of an analysis), in `LAYOUT_WORDING`. The other
languages come from gettext message catalogs, one per language in `sitrep/locale/<lang>.po` (the
key as message context, the English text as message id; a layout's own wording has the context
`<layout>:<key>`), compiled to .mo files when the package is built (hatch_build.py). A house
style may add a language or override a label with its own `locale/<lang>.po` in the template
folder (docs/localization.md). `labels_for(language, layout, house)` is the one way in.

A new key is added to `ENGLISH` and to each .po file (`python scripts/update_catalogs.py` adds
it untranslated; tests/test_labels.py names every message still to translate).

This module is the Labels API; the messages themselves are in sitrep.labels.english, finding the
catalog that serves a language in .locate, reading a .po file in .po_files, and the placeholder
rules every translation keeps in .placeholders. Every name is importable from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from sitrep.inline.typography import Quotes, quotes_for
from sitrep.labels.english import ENGLISH, LAYOUT_WORDING
from sitrep.labels.locate import (
    LOCALE_DIR,
    base_language,
    catalog_languages,
    house_folder,
    layout_messages,
    missing_catalog_warning,
)
from sitrep.labels.placeholders import format_fields, placeholder_problem, safe_format
from sitrep.model.judgment import Confidence, Likelihood
from sitrep.model.tradecraft import IndicatorStatus

__all__ = [
    "ENGLISH",
    "LAYOUT_WORDING",
    "LOCALE_DIR",
    "Labels",
    "base_language",
    "catalog_languages",
    "house_folder",
    "labels_for",
    "missing_catalog_warning",
    "placeholder_problem",
    "safe_format",
]

_MEANINGS: Mapping[str, str] = MappingProxyType(
    {text: key for key, text in ENGLISH.items() if key.startswith(("reliability.", "credibility."))}
)
"""The key of each Admiralty meaning, by its English text."""

_RANGE = re.compile(r"^0*(\d+)\s*-\s*0*(\d+)%$")
_BOUND = re.compile(r"^([≤≥<>])\s*0*(\d+)\s*%$")


class Labels:
    """The words of one layout in one language: `labels["assessment"]`, `labels.figure(1)`."""

    def __init__(
        self, language: str = "en", layout: str = "intel-brief", house: Path | None = None
    ) -> None:
        self.language = language
        self.layout = layout
        self.quote_marks: Quotes = quotes_for(language)
        self._messages = layout_messages(language, layout, house)

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
        return safe_format(self._messages[key], values)

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
        """ "51.88° N, 128.33° E"; "51,88° N" in a language with a decimal comma."""
        from sitrep.localize import format_number  # Babel, imported on first use

        return self.format(
            "coordinates",
            lat=format_number(abs(lat), self.language, 2),
            lon=format_number(abs(lon), self.language, 2),
            north_south=self["north" if lat >= 0 else "south"],
            east_west=self["east" if lon >= 0 else "west"],
        )

    def kicker(self, organisation: str | None) -> str:
        word = self._messages.get(f"kicker.{self.layout}", "")
        return " · ".join(part for part in (organisation, word) if part)

    def likelihood_term(self, likelihood: Likelihood) -> str:
        """The term as a heading word ("Very likely"), on whichever scale the brief uses."""
        key = f"likelihood.{likelihood.value}"
        return (
            self[key]
            if key in self._messages
            else likelihood.value[:1].upper() + (likelihood.value[1:])
        )

    def likelihood_range(self, likelihood: Likelihood) -> str:
        """The scale's range with an en dash and no leading zeros: "80–95%", "1–5%"."""
        match = _RANGE.match(likelihood.probability)
        bound = _BOUND.match(likelihood.probability)
        if match is None and bound is not None:  # "≥95%": the percent sign as the range has it
            texts, names = self._between_fields("range")
            after_high = texts[names.index("high") + 1] if "high" in names else ""
            if after_high.strip() == "%":
                return f"{bound.group(1)}{int(bound.group(2))}{after_high}"
        if match is None:  # a range a scale writes its own way
            return likelihood.probability.replace("-", "–")
        return self.format("range", low=int(match.group(1)), high=int(match.group(2)))

    def odds(self, likelihood: Likelihood) -> str:
        """A scenario's likelihood after its name: "Likely (55–80%)"."""
        return f"{self.likelihood_term(likelihood)} ({self.likelihood_range(likelihood)})"

    def judgments_note(self, scale: str) -> str:
        return self.format("judgments_note", scale=scale)

    def confidence_level(self, confidence: Confidence) -> str:
        return self[f"confidence.{confidence.value}"]

    def status(self, status: IndicatorStatus) -> str:
        """An indicator's status as printed: "Partly observed"."""
        return self[f"status.{status.value}"]

    def _between_fields(self, key: str) -> tuple[list[str], list[str]]:
        """The texts around a label's placeholders, braces unescaped, and the placeholders'
        names in the order the label writes them: "Page {page} of {pages}" gives
        (["Page ", " of ", ""], ["page", "pages"])."""
        texts, names, current = [], [], ""
        for literal, name, _, _ in format_fields(self[key]):
            current += literal
            if name is not None:
                texts.append(current)
                names.append(name)
                current = ""
        return [*texts, current], names

    def page_parts(self) -> tuple[str, str, str]:
        """The words around the page numbers, "Page ", " of " and "", for a page counter; the
        numbers go in the order of `page_order()`."""
        texts, _ = self._between_fields("page")
        return texts[0], texts[1], texts[2]

    def page_order(self) -> tuple[str, str]:
        """("page", "pages"), or ("pages", "page") for a language that names the total first."""
        _, names = self._between_fields("page")
        return names[0], names[1]

    def figure(self, number: int) -> str:
        """ "Figure 3"."""
        return self.format("figure", number=number)

    def figure_parts(self, number: int) -> tuple[str, str]:
        """The words before and after the number, "Figure " and ": ", for a Word SEQ field."""
        texts, _ = self._between_fields("figure")
        return texts[0], texts[1] + self["caption_separator"]

    def grade_meaning(self, reliability: str, credibility: str) -> str:
        """ "Usually reliable; probably true": the English meanings resolve gives a grade, in
        this language (an unknown meaning is printed as given)."""
        if not reliability and not credibility:
            return self["not_graded"]
        reliability = self._messages.get(_MEANINGS.get(reliability, ""), reliability)
        credibility = self._messages.get(_MEANINGS.get(credibility, ""), credibility)
        return self.format(
            "grade_meaning",
            reliability=reliability,
            credibility=credibility[:1].lower() + credibility[1:],
        )

    def open_quote(self) -> str:
        return self.quote_marks[0]

    def close_quote(self) -> str:
        return self.quote_marks[1]


def labels_for(language: str, layout: str, house: Path | None = None) -> Labels:
    """The labels every writer uses for a brief: its `language`, its layout and the house
    style's own catalogs (`house_folder(options.template)`), if any."""
    if house is None:
        return _labels(language, layout, None, 0.0)
    changed = max((path.stat().st_mtime for path in (house / "locale").glob("*.po")), default=0.0)
    return _labels(language, layout, house, changed)


@lru_cache(maxsize=64)
def _labels(language: str, layout: str, house: Path | None, changed: float) -> Labels:
    return Labels(language, layout, house)
