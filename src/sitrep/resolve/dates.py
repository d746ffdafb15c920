"""Dates as the brief asks for them: DD/MM/YYYY by default, ISO, long form or military DTG.

The long form is written in the brief's language and region (`localize`, with Babel): "15
September 2023", "15 september 2023", "15. September 2023". The numeric forms are the same in
every language, as `date_format` asks; the date-time group keeps its English month abbreviation,
as military messages write it in every NATO language (101430Z SEP 23).
"""

from __future__ import annotations

import datetime as dt

from sitrep.localize import long_date
from sitrep.model.brief import DateFormat, Period

__all__ = ["MONTHS", "format_date", "format_moment", "format_when"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: dt.date, style: DateFormat, language: str = "en") -> str:
    """One day in the chosen style: 15/09/2023, 2023-09-15, 15 September 2023, 15 SEP 23; the
    long style in `language` (a BCP 47 tag)."""
    if style is DateFormat.ISO:
        return day.isoformat()
    if style is DateFormat.LONG:
        return long_date(day, language)
    if style is DateFormat.DTG:
        return f"{day.day:02d} {MONTHS[day.month - 1][:3].upper()} {day.year % 100:02d}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_moment(
    day: dt.date, time: dt.time | None, style: DateFormat, language: str = "en"
) -> str:
    """A day with an optional time; DTG style gives a date-time group such as 101430Z SEP 23."""
    if time is None:
        return format_date(day, style, language)
    if style is DateFormat.DTG:
        month = MONTHS[day.month - 1][:3].upper()
        return f"{day.day:02d}{time.hour:02d}{time.minute:02d}Z {month} {day.year % 100:02d}"
    return f"{format_date(day, style, language)} {time.hour:02d}:{time.minute:02d}"


def format_when(when: Period | None, style: DateFormat, language: str = "en") -> str:
    """A period, "10/09/2023 – 12/09/2023", or one day when it starts and ends the same day."""
    if when is None:
        return ""
    start = format_date(when.start, style, language)
    if when.start == when.end:
        return start
    return f"{start} – {format_date(when.end, style, language)}"
