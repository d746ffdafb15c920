"""The dates a Markdown event bullet may start with: `- 2024-03-22: text`, `- 22/03/2024: text`
(read in the brief's date format), `- 22 March 2024: text`, `- March 22, 2024: text`, a
date-time group `- 221430Z MAR 24: text` in a dtg brief; each with an optional `HH:MM[:SS]`,
and in `**bold**` as sitrep's own Markdown output writes them.

A bullet that starts like a date but is not one is refused with the accepted forms, never
turned into an undated event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["DateForms", "DateRefused", "split_dated"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# How a date written with slashes is read, by the brief's `date_format`. A format that is not
# written with slashes does not say which number is the day, so slashes are refused there.
_SLASH_ORDERS = {"dd/mm/yyyy": "dmy"}
_DEFAULT_FORMAT = "dd/mm/yyyy"

_TIME = r"(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s*(?:Z|UTC))?)?"
_SEPARATOR = r"(?:\s*:\s*|\s*(?:—|–|-)\s+|\s+)"
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2024-03-22
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 22/03/2024, read in the brief's date format
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"  # 22 March 2024
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"  # March 22, 2024
    r"|(?P<dtg>\d{6})Z?\s*(?P<dtg_month>[A-Za-z]{3})\s*(?P<dtg_year>\d{2})"  # 221430Z MAR 24
    r"|\d{1,2}\s+[A-Za-z]{3}\s+\d{2}"  # 22 MAR 24, a DTG day
)
_LEADING = re.compile(
    r"^(?P<bold>\*\*)?(?P<date>" + _DATE + ")" + _TIME + r"(?(bold)\*\*)"
    r"(?:" + _SEPARATOR + r"(?P<text>\S.*)|\s*:?\s*)$",
    re.DOTALL,
)
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LIKE = re.compile(
    r"^\**\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"  # 22.03.2024, 23/03/24
    r"|\d{1,2}\s+(?:" + _MONTH_WORD + r")\b"  # 24 March
    r"|(?:" + _MONTH_WORD + r")\.?\s+\d{1,2}\b"  # March 24
    r"|\d{6}Z?\s*[A-Za-z]{3}\s*\d{2}\b)",  # a date-time group
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRefused:
    """A bullet that starts like a date but is not one: the field at fault and why."""

    message: str
    field: str = "date"


@dataclass(frozen=True)
class DateForms:
    """The date forms one brief accepts in event bullets."""

    date_format: str
    slash_order: str | None

    @classmethod
    def for_brief(cls, date_format: Any) -> DateForms:
        name = str(date_format).strip().lower() if date_format is not None else _DEFAULT_FORMAT
        return cls(name, _SLASH_ORDERS.get(name))

    def accepted(self) -> str:
        slash = (
            f"22/03/2024 (day first, as the brief's date_format {self.date_format}), "
            if self.slash_order == "dmy"
            else ""
        )
        dtg = (
            "a date-time group such as 221430Z MAR 24 (the brief's date_format is dtg), "
            if self.date_format == "dtg"
            else ""
        )
        return (
            f"expected a date such as 2024-03-22, {slash}{dtg}22 March 2024 or March 22, "
            "2024, optionally in **bold** and followed by a time such as 14:30, then ': ' and "
            "the text"
        )


def _day(written: str, forms: DateForms) -> dt.date | str:
    """The date, or the reason it is not one."""
    try:
        if "-" in written:
            year, month, day = (int(part) for part in written.split("-"))
            return dt.date(year, month, day)
        if "/" in written:
            if forms.slash_order is None:
                return (
                    f"the date {written!r} is ambiguous: this brief's date_format is "
                    f"{forms.date_format!r}, which does not say whether the day or the month "
                    "comes first (write it as YYYY-MM-DD)"
                )
            first, second, year = (int(part) for part in written.split("/"))
            day, month = (first, second) if forms.slash_order == "dmy" else (second, first)
            return dt.date(year, month, day)
        word_a, word_b, year_text = written.replace(",", " ").replace(".", " ").split()
        day_text, month_text = (word_b, word_a) if word_a.isalpha() else (word_a, word_b)
        named = _MONTHS.get(month_text.lower())
        if named is None:
            return f"{month_text!r} is not an English month name"
        if len(year_text) == 2:
            if forms.date_format != "dtg":
                return (
                    "a two-digit year is read only in a brief whose date_format is dtg "
                    "(write the year in full)"
                )
            year_text = f"20{year_text}"
        return dt.date(int(year_text), named, int(day_text))
    except ValueError as error:
        return str(error)


def split_dated(text: str, forms: DateForms) -> tuple[str, str | None, str] | DateRefused | None:
    """(ISO date, time or None, rest of the text) for a dated bullet; None for an undated one;
    DateRefused when the bullet starts with something that looks like a date but is not."""
    match = _LEADING.match(text)
    if match is None or not _real_month(match):
        if _DATE_LIKE.match(text):
            start = text.split(":")[0] if ":" in text[:40] else " ".join(text.split()[:3])
            return DateRefused(f"{start.strip()!r} is not a date we can read ({forms.accepted()})")
        return None
    if match["dtg"] is not None:
        if forms.date_format != "dtg":
            return DateRefused(
                f"{match['date']!r} is a date-time group, read only in a brief whose "
                f"date_format is dtg ({forms.accepted()})"
            )
        group = match["dtg"]
        written = f"{group[:2]} {match['dtg_month']} {match['dtg_year']}"
        time: str | None = f"{group[2:4]}:{group[4:6]}"
    else:
        written = " ".join(match["date"].split())
        time = match["time"]
    day = _day(written, forms)
    if isinstance(day, str):
        return DateRefused(
            f"{match['date']!r} is not a date we can read ({day}; {forms.accepted()})"
        )
    if time is not None:
        hours, minutes, *seconds = (int(part) for part in time.split(":"))
        if hours > 23 or minutes > 59 or any(second > 59 for second in seconds):
            return DateRefused(f"{time!r} is not a time of day ({forms.accepted()})", "time")
        time = f"{hours:02d}:{minutes:02d}" + "".join(f":{second:02d}" for second in seconds)
    if match["text"] is None:
        return DateRefused(
            f"the item has the date {match['date']!r} but no text (expected what happened "
            "after the date, such as '- 2024-03-22: Lashers walked out')"
        )
    return day.isoformat(), time, match["text"]


def _real_month(match: re.Match[str]) -> bool:
    """Whether a date written with a month name names a month, or nearly ('22 Marhc 2024' is
    a misspelt date, refused as such); '3 men 2024' is text."""
    from difflib import get_close_matches

    words = [w.strip(".,").lower() for w in match["date"].split() if w.strip(".,").isalpha()]
    month = match["dtg_month"]
    if month is not None:
        words = [month.lower()]
    return all(
        word in _MONTHS or get_close_matches(word, _MONTHS, n=1, cutoff=0.75) for word in words
    )
