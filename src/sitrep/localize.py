"""Dates and numbers as the brief's language and region write them, with Babel (Unicode CLDR).

"15 September 2023" is "15 september 2023" in Dutch, "15. September 2023" in German and
"15 septembre 2023" in French; "51.88" is "51,88" in all three. English without a region keeps
sitrep's day-first long date ("15 September 2023"); "en-US" writes "September 15, 2023".
A language and region Babel has no data for (de-NL) writes as its language does (de); a
language Babel does not know falls back to that English.

Babel is imported on first use, so `import sitrep` stays fast (its date module alone takes about
30 ms to import).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["format_number", "long_date", "month_name"]

_DEFAULT = "en_GB"
"""A bare "en" is read as British English: sitrep's dates have always been day first."""


@cache
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    tag = language.strip().replace("-", "_")
    base = tag.split("_", 1)[0]
    # a region CLDR has no data for (de-NL, nl-US) writes as its base language does
    for candidate in (tag, base):
        if not candidate or candidate.casefold() == "en":
            break
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(_DEFAULT)


@cache  # a brief prints the same few dates in every format
def long_date(day: dt.date, language: str) -> str:
    """ "15 September 2023", "15 september 2023" (nl), "15. September 2023" (de)."""
    from babel.dates import format_date

    return str(format_date(day, "long", locale=_locale(language)))


def month_name(month: int, language: str) -> str:
    """The month's name standing alone: "September", "september", "septembre"."""
    from babel.dates import get_month_names

    return str(get_month_names("wide", "stand-alone", locale=_locale(language))[month])


def format_number(value: float, language: str, digits: int = 0) -> str:
    """A number with the language's decimal and grouping signs: 51.88 -> "51,88" in nl."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(format_decimal(value, format=pattern, locale=_locale(language)))
