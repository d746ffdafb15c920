"""The dates a Markdown event bullet may start with: `- 2024-03-22: text`, `- 22/03/2024: text`
(read in the brief's date format), `- 22 March 2024: text`, each with an optional `HH:MM`.

A bullet that starts like a date but is not one is refused with the accepted forms, never
turned into an undated event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["DateForms", "split_dated"]

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

_TIME = r"(?:[ T](?P<time>\d{1,2}:\d{2})(?:\s*(?:Z|UTC))?)?"
_SEPARATOR = r"(?:\s*(?::|—|–|-)\s+|\s+)"
_LEADING = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})"
    + _TIME
    + _SEPARATOR
    + r"(?P<text>\S.*)$",
    re.DOTALL,
)


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
        return (
            f"expected a date such as 2024-03-22, {slash}or 22 March 2024, optionally "
            "followed by a time such as 14:30, then ': ' and the text"
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
        day_text, month_text, year_text = written.replace(",", " ").replace(".", " ").split()
        named = _MONTHS.get(month_text.lower())
        if named is None:
            return f"{month_text!r} is not an English month name"
        return dt.date(int(year_text), named, int(day_text))
    except ValueError as error:
        return str(error)


def split_dated(text: str, forms: DateForms) -> tuple[str, str | None, str] | str | None:
    """(ISO date, time or None, rest of the text) for a dated bullet; None for an undated one;
    an error message when the bullet starts with something that looks like a date but is not."""
    match = _LEADING.match(text)
    if match is None:
        return None
    written = " ".join(match["date"].split())
    day = _day(written, forms)
    if isinstance(day, str):
        return f"{written!r} is not a date we can read ({day}; {forms.accepted()})"
    time = match["time"]
    if time is not None:
        hours, minutes = (int(part) for part in time.split(":"))
        if hours > 23 or minutes > 59:
            return f"{time!r} is not a time of day ({forms.accepted()})"
        time = f"{hours:02d}:{minutes:02d}"
    return day.isoformat(), time, match["text"]
