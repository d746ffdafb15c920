"""Issue-to-issue continuity: a brief's serial, the issue it supersedes, when the next one is due.

A sitrep series is read issue by issue ("SITREP 14 supersedes SITREP 13; next issue 24/11/2026
12:00"), so `next_issue` is a day, a day with a time (UTC, as event times), or words such as
"as events warrant" when no date is promised. Anything written like a date must be a real date
in the ISO form or in English words ("30 November 2026", then checked like any date):
"30/11/2026" could be read two ways, "2026-02-30" is no day and "30 novembre 2026" is not read,
so all are refused rather than printed as words no check has compared with the brief's date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, model_serializer, model_validator

from sitrep.model.base import FieldProblems, Plain, StrictModel, StringForm, clean_text

__all__ = ["NextIssue", "Serial", "Supersedes", "check_next_issue", "next_issue_moment"]

Serial = Annotated[Plain, Field(min_length=1, pattern=r"\S")]
"""A brief's number in its series, as printed: "SITREP 14", "2026/041"."""

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$")
# A number-first start such as 2026-11, 30/11/2026 or 30.11.26: meant as a date, not as words.
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?\b")
_EXPECTED = (
    "expected a date YYYY-MM-DD or '30 November 2026', a date and time YYYY-MM-DD HH:MM (UTC), "
    "or words such as 'as events warrant'"
)


_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?:UTC|Z))?)?"
_DAY_MONTH = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?,?\s+"
    rf"(?P<year>\d{{4}}){_TIME}$",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"^{_WEEKDAY}(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<year>\d{{4}}){_TIME}$",
    re.IGNORECASE,
)
# Words that are shaped like a worded date ("30 octobre 2026", "Oct 30th 2026 noon"): a day
# number and a four-digit year around a word. Read as a date or refused, never printed as words
# that no check has compared with the brief's date.
_WORDED_LIKE = re.compile(
    r"^(?:\w+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+\.?|\w+\.?\s+\d{1,2}(?:st|nd|rd|th)?),?"
    r"\s+\d{4}\b",
    re.IGNORECASE,
)


def _worded_date(text: str) -> dt.date | dt.datetime | None:
    """ "30 October 2026", "Monday, 30 Nov 2026", "October 30, 2026 12:00" as a date (or a
    date and time, UTC); None if the text is not an English worded date."""
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if match is None or match["month"].lower() not in _MONTHS:
        return None
    try:
        day = dt.date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
        if match["hour"] is None:
            return day
        return dt.datetime.combine(day, dt.time(int(match["hour"]), int(match["minute"])))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date or time ({_EXPECTED})") from None


def _read_next_issue(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{_EXPECTED} (got {type(value).__name__})")
    text = clean_text(value).strip()
    if not text:
        raise ValueError(f"{_EXPECTED}")
    try:
        if _ISO_DAY.match(text):
            return dt.date.fromisoformat(text)
        if _ISO_MOMENT.match(text):
            return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date or time ({_EXPECTED})") from None
    worded = _worded_date(text)
    if worded is not None:
        return worded
    if _WORDED_LIKE.match(text) and not _DATE_LIKE.match(text):
        raise ValueError(
            f"{text!r} looks like a date but is not one this reader knows (English month "
            f"names only), so it would be printed unchecked ({_EXPECTED})"
        )
    if _DATE_LIKE.match(text):
        raise ValueError(
            f"{text!r} looks like a date but is not written YYYY-MM-DD, so it could be read "
            f"two ways ({_EXPECTED})"
        )
    return text


NextIssue = Annotated[
    dt.datetime | dt.date | str,
    BeforeValidator(_read_next_issue),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
                {"type": "string"},
            ]
        }
    ),
]
"""When the next issue is due: YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC unless an offset is given),
or words ("as events warrant")."""


class Supersedes(StringForm, StrictModel):
    """The issue this brief replaces: its serial, and the day it was issued if known."""

    serial: Serial
    """The previous issue's serial or reference ("SITREP 13")."""
    date: dt.date | None = None
    """The day the previous issue was dated (YYYY-MM-DD)."""

    @model_validator(mode="before")
    @classmethod
    def _from_serial(cls, value: Any) -> Any:
        return {"serial": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        data = handler(self)
        return data["serial"] if isinstance(data, dict) and data.get("date") is None else data


def next_issue_moment(next_issue: dt.date | str | None) -> dt.datetime | None:
    """The next issue as an aware date-time (UTC when none is given), or None for words."""
    if isinstance(next_issue, dt.datetime):
        return next_issue if next_issue.tzinfo else next_issue.replace(tzinfo=dt.UTC)
    if isinstance(next_issue, dt.date):
        return dt.datetime.combine(next_issue, dt.time(), tzinfo=dt.UTC)
    return None


def check_next_issue(
    date: dt.date, next_issue: dt.date | str | None, supersedes: Supersedes | None
) -> None:
    """A next issue due before the brief itself, or a superseded issue dated after it, is a
    typo in a date; say which field."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    due = next_issue.date() if isinstance(next_issue, dt.datetime) else next_issue
    if isinstance(due, dt.date) and due < date:
        problems.append(
            (
                ("next_issue",),
                f"{due} is before the brief's date {date} (expected the day the next issue is "
                "due, on or after the brief's date)",
            )
        )
    if supersedes is not None and supersedes.date is not None and supersedes.date > date:
        problems.append(
            (
                ("supersedes", "date"),
                f"{supersedes.date} is after the brief's date {date} (expected the day the "
                "previous issue was dated)",
            )
        )
    if problems:
        raise FieldProblems(problems)
