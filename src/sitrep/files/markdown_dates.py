"""The dates a Markdown event bullet may start with: `- 2024-03-22: text`, `- 22/03/2024: text`
(read in the brief's date format), `- 22 March 2024: text`, `- March 22, 2024: text` (with an
ordinal, `22nd`, and a weekday before them if written), a Z date-time group
`- 221430Z MAR 24: text` in a dtg brief; each with an optional `HH:MM[:SS]` (or `2:30 pm`),
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

_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME = (
    r"(?:(?:,\s*|\s+|T)(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?(?:\s*(?:Z|UTC))?)?"
)
_SEPARATOR = r"(?:\s*:\s*|\s*(?:—|–|-)\s+|\s+)"
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2024-03-22
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 22/03/2024, read in the brief's date format
    r"|\d{1,2}" + _ORDINAL + r"\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"  # 22 March 2024, 22nd March 2024
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}" + _ORDINAL + r",?\s+\d{4}"  # March 22, 2024, March 22nd
    # 221430Z MAR 24: a date-time group, its zone letter checked after the match
    r"|(?P<dtg>\d{6})(?P<zone>[A-Za-z])?\s*(?P<dtg_month>[A-Za-z]{3})\s*"
    r"(?P<dtg_year>\d{4}|\d{2})(?!\d)"
    r"|\d{1,2}\s+[A-Za-z]{3}\s+\d{2}"  # 22 MAR 24, a DTG day
)
_WEEKDAY = r"(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?"  # Monday 28 April 2025
_LEADING = re.compile(
    r"^(?P<bold>\*\*)?" + _WEEKDAY + r"(?P<date>" + _DATE + ")" + _TIME + r"(?(bold):?\*\*)"
    r"(?:" + _SEPARATOR + r"(?P<text>\S.*)|\s*:?\s*)$",
    re.DOTALL,
)
_ORDINAL_END = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LIKE = re.compile(
    r"^\**\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"  # 22.03.2024, 23/03/24
    r"|\d{1,2}\s+(?:" + _MONTH_WORD + r")\b"  # 24 March
    r"|(?:" + _MONTH_WORD + r")\.?\s+\d{1,2}\b"  # March 24
    r"|\d{6}[A-Za-z]?\s*[A-Za-z]{3}\s*\d{2})",  # a date-time group
    re.IGNORECASE,
)
# A bullet whose head, up to its first ': ', reads like a date in any language or form
# ("22 März 2024:", "Mardi 22 mars 2024:", "1er janvier 2024:") is a date we cannot read.
_DATE_HEAD = re.compile(
    r"^\**\s*(?:[^\W\d_]+\.?,?\s+)?"
    r"(?:\d{1,2}(?:[^\W\d_]{1,3})?\.?\s+[^\W\d_]{3,}\.?,?\s+\d{2,4}"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:[^\W\d_]{1,3})?,?\s+\d{4})"
    r"(?:[,\sT]+\d{1,2}[:.h]\d{2}\S*(?:\s*[^\W\d_]{1,4}\.?)?)?\s*$"  # and a time, if any
)
_HEAD = re.compile(r"^(.{1,60}?)(?::\**(?:\s|$)|\*\*\s)", re.DOTALL)


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
            "2024 (English month names; 22nd and a weekday before it may be written), "
            "optionally in **bold** and followed by a time such as 14:30 or 2:30 pm, then ': ' "
            "and the text"
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
        word_a, word_b, year_text = _ORDINAL_END.sub(
            "", written.replace(",", " ").replace(".", " ")
        ).split()
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
    if match is None or not _real_month(match) or _weekday_index(match["weekday"]) is False:
        head = _HEAD.match(text)
        if _DATE_LIKE.match(text) or (head is not None and _DATE_HEAD.match(head.group(1))):
            start = head.group(1) if head else " ".join(text.split()[:3])
            return DateRefused(
                f"{start.strip(' *')!r} is not a date we can read ({forms.accepted()})"
            )
        return None
    if match["dtg"] is not None:
        if forms.date_format != "dtg":
            return DateRefused(
                f"{match['date']!r} is a date-time group, read only in a brief whose "
                f"date_format is dtg ({forms.accepted()})"
            )
        if match["zone"] not in (None, "Z", "z"):
            return DateRefused(
                f"{match['date']!r} is a date-time group in time zone {match['zone']!r}: only "
                "Z (UTC) groups are read, as a brief's times are UTC (write it in Z time, such "
                "as 221430Z MAR 24)"
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
    weekday = _weekday_index(match["weekday"])
    if isinstance(weekday, int) and weekday != day.weekday():
        return DateRefused(
            f"'{match['weekday']} {match['date']}': {day.isoformat()} is a "
            f"{_WEEKDAYS[day.weekday()].capitalize()}, not a {_WEEKDAYS[weekday].capitalize()} "
            "(check the date, or leave the weekday out)"
        )
    if time is not None:
        hours, minutes, *seconds = (int(part) for part in time.split(":"))
        half = (match["half"] or "").lower()
        if half and not 1 <= hours <= 12:
            return DateRefused(
                f"'{time} {half}m' is not a time of day (expected 1:00 to 12:59 before am or pm, "
                "or a 24-hour time such as 14:30)",
                "time",
            )
        if half:
            hours = hours % 12 + (12 if half == "p" else 0)
        if hours > 23 or minutes > 59 or any(second > 59 for second in seconds):
            return DateRefused(f"{time!r} is not a time of day ({forms.accepted()})", "time")
        time = f"{hours:02d}:{minutes:02d}" + "".join(f":{second:02d}" for second in seconds)
    if match["text"] is None:
        return DateRefused(
            f"the item has the date {match['date']!r} but no text (expected what happened "
            "after the date, such as '- 2024-03-22: Lashers walked out')"
        )
    return day.isoformat(), time, match["text"]


def _weekday_index(word: str | None) -> int | bool | None:
    """Monday is 0; None when no weekday is written, False when the word is not one."""
    if word is None:
        return None
    word = word.lower()
    for index, name in enumerate(_WEEKDAYS):
        if name == word or (len(word) >= 3 and name.startswith(word)):
            return index
    return False


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
