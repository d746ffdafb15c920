"""Dates print as the brief asks: DD/MM/YYYY by default, ISO, long form or military DTG."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

import sitrep
from sitrep.model import DateFormat, Period
from sitrep.resolve.dates import format_date, format_moment, format_when

DAY = dt.date(2023, 9, 5)


@pytest.mark.parametrize(
    "style,expected",
    [
        (DateFormat.DMY, "05/09/2023"),
        (DateFormat.ISO, "2023-09-05"),
        (DateFormat.LONG, "5 September 2023"),
        (DateFormat.DTG, "05 SEP 23"),
    ],
)
def test_one_day_in_each_style(style: DateFormat, expected: str) -> None:
    assert format_date(DAY, style) == expected


@pytest.mark.parametrize(
    "style,expected",
    [
        (DateFormat.DMY, "05/09/2023 14:30"),
        (DateFormat.ISO, "2023-09-05 14:30"),
        (DateFormat.DTG, "051430Z SEP 23"),
    ],
)
def test_day_and_time(style: DateFormat, expected: str) -> None:
    assert format_moment(DAY, dt.time(14, 30), style) == expected


def test_period_and_single_day() -> None:
    assert format_when(Period(start=DAY, end=dt.date(2023, 9, 7)), DateFormat.DMY) == (
        "05/09/2023 – 07/09/2023"
    )
    assert format_when(Period(start=DAY, end=DAY), DateFormat.ISO) == "2023-09-05"
    assert format_when(None, DateFormat.ISO) == ""


@pytest.mark.parametrize(
    "style,shown",
    [("dtg", "101430Z SEP 23"), ("iso", "2023-09-10 14:30"), ("long", "10 September 2023 14:30")],
)
def test_brief_date_format_reaches_every_writer(style: str, shown: str) -> None:
    brief = sitrep.Brief.model_validate(
        {
            "title": "T",
            "date": "2023-09-15",
            "date_format": style,
            "what": [{"date": "2023-09-10", "time": "14:30", "text": "Convoy seen."}],
        }
    )
    for fmt in ("html", "md"):
        assert shown.encode() in sitrep.render(brief, fmt)
    with zipfile.ZipFile(io.BytesIO(sitrep.render(brief, "docx"))) as package:
        body = re.sub(r"<[^>]+>", "", package.read("word/document.xml").decode("utf-8"))
    assert shown in body
