"""The words of a citation in the citation language, from the Citation Style Language's locales.

Chicago notes keep their structure in every language; only the terms change: "accessed",
"n.d.", "ed.", "trans.", "in", "no.", "vol.", "and", "et al.", the month names, the order of a
date written out, the ordinal of an edition, the quotation marks around an article's title and
whether a comma goes inside them. They come from `csl_terms.json`, an extract of the CSL locale
files (CC BY-SA 3.0, https://citationstyles.org/) made by scripts/extract_csl_terms.py.

The terms in use are a setting of one formatting run, like `decimal`'s context: the public
functions of `chicago` set them with `citation_language`, and the helpers read `current()`,
rather than every helper taking one more argument.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep.inline.typography import Quotes, quotes_for

__all__ = [
    "LANGUAGES",
    "CitationTerms",
    "citation_language",
    "current",
    "quote_marks",
    "source_language",
    "terms_for",
]

LANGUAGES = ("en", "nl", "de", "fr")
"""Languages with citation terms; any other language's notes use the English ones."""


@dataclass(frozen=True, slots=True)
class _Ordinal:
    number: int | None
    match: str
    suffix: str


@dataclass(frozen=True)
class CitationTerms:
    """The citation terms of one language."""

    language: str
    words: Mapping[str, str | list[str]]
    date_parts: tuple[tuple[str, str | None, str], ...]
    ordinals: tuple[_Ordinal, ...]
    punctuation_in_quote: bool

    def __call__(self, key: str, *, plural: bool = False) -> str:
        """A term: terms("accessed"); terms("editor", plural=True) -> "eds."."""
        value = self.words[key]
        if isinstance(value, list):
            return value[1] if plural else value[0]
        return value

    @property
    def serial_comma(self) -> bool:
        """ "A, B, and C" in English (CMOS 6.19); "A, B en C" in the other languages."""
        return self.language == "en"

    def month(self, number: int) -> str:
        return str(self.words[f"month_{number:02d}"])

    def ordinal(self, number: int) -> str:
        """ "2nd", "2de", "2.", "2ᵉ", "1ʳᵉ" by the CSL rules: a whole-number match wins over
        the last two digits, which win over the last digit; else the plain ordinal suffix."""
        for match, value in (
            ("whole-number", number),
            ("last-two-digits", number % 100),
            ("last-digit", number % 10),
        ):
            for ordinal in self.ordinals:
                if ordinal.match == match and ordinal.number == value:
                    return f"{number}{ordinal.suffix}"
        plain = next((o.suffix for o in self.ordinals if o.number is None), "")
        return f"{number}{plain}"

    def date(self, day: dt.date) -> str:
        """A date written out: "September 19, 2023", "19 september 2023", "19. September 2023"."""
        out = []
        for name, form, suffix in self.date_parts:
            if name == "day":
                out.append(self.ordinal(day.day) if form == "ordinal" else str(day.day))
            elif name == "month":
                out.append(self.month(day.month))
            else:
                out.append(str(day.year))
            out.append(suffix)
        return "".join(out).strip()

    def month_year(self, month: int, year: str) -> str:
        """ "September 2023", "september 2023", "septembre 2023"."""
        return f"{self.month(month)} {year}"


@cache
def _data() -> dict[str, Any]:
    text = resources.files("sitrep.resolve").joinpath("csl_terms.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _terms(language: str) -> CitationTerms:
    locale = _data()["locales"][language]
    return CitationTerms(
        language,
        {**locale["terms"], **locale["sitrep_terms"]},
        tuple((p["name"], p["form"], p["suffix"]) for p in locale["date_parts"]),
        tuple(_Ordinal(o["number"], o["match"], o["suffix"]) for o in locale["ordinals"]),
        bool(locale["punctuation_in_quote"]),
    )


def terms_for(language: str | None) -> CitationTerms:
    """The terms for a BCP 47 tag: "de-AT" -> German; a language without terms -> English."""
    primary = (language or "en").replace("_", "-").split("-")[0].casefold()
    return _terms(primary if primary in LANGUAGES else "en")


_CURRENT: ContextVar[CitationTerms | None] = ContextVar("sitrep_citation_terms", default=None)
_SOURCE_LANGUAGE: ContextVar[str] = ContextVar("sitrep_source_language", default="en")


def current() -> CitationTerms:
    """The terms of the citation being formatted (English outside `citation_language`)."""
    return _CURRENT.get() or terms_for("en")


def quote_marks() -> Quotes:
    """The quotation marks around a quoted title: those the body uses for the citation language
    as asked for (de-CH « », not the „ “ of Germany), so notes and body agree. A language
    without citation terms has English notes, and English marks with them."""
    terms = current()
    tag = _SOURCE_LANGUAGE.get() if terms.language != "en" else "en"
    return quotes_for(tag)


def source_language() -> str:
    """The language of a source that does not give its own: the citation language as asked for
    (an Italian brief's sources are taken to be Italian even though its notes use English
    terms), as CSL takes an item without a language to be in the style's locale."""
    return _SOURCE_LANGUAGE.get()


@contextmanager
def citation_language(language: str | None) -> Iterator[CitationTerms]:
    """Format citations in `language` inside the block."""
    token = _CURRENT.set(terms_for(language))
    source_token = _SOURCE_LANGUAGE.set(language or "en")
    try:
        yield current()
    finally:
        _SOURCE_LANGUAGE.reset(source_token)
        _CURRENT.reset(token)
