"""Dates and numbers in the brief's language and region (issue 18, item 2), with Babel."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from sitrep.localize import format_number, long_date, month_name
from sitrep.model import DateFormat, Period
from sitrep.resolve.dates import format_date, format_moment, format_when

DAY = dt.date(2023, 9, 15)


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "15 September 2023"),
        ("en-GB", "15 September 2023"),
        ("en-US", "September 15, 2023"),
        ("nl", "15 september 2023"),
        ("nl-BE", "15 september 2023"),
        ("de", "15. September 2023"),
        ("de-AT", "15. September 2023"),
        ("fr", "15 septembre 2023"),
        ("fr-CA", "15 septembre 2023"),
    ],
)
def test_long_date_in_the_language_and_region(language: str, expected: str) -> None:
    assert format_date(DAY, DateFormat.LONG, language) == expected
    assert long_date(DAY, language) == expected


@pytest.mark.parametrize("language", ["tlh", "qaa", "xx-YY"])
def test_a_language_babel_does_not_know_gets_the_english_date(language: str) -> None:
    assert format_date(DAY, DateFormat.LONG, language) == "15 September 2023"


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr", "ko"])
def test_numeric_styles_and_the_dtg_are_the_same_in_every_language(language: str) -> None:
    assert format_date(DAY, DateFormat.DMY, language) == "15/09/2023"
    assert format_date(DAY, DateFormat.ISO, language) == "2023-09-15"
    assert format_date(DAY, DateFormat.DTG, language) == "15 SEP 23"
    assert format_moment(DAY, dt.time(14, 30), DateFormat.DTG, language) == "151430Z SEP 23"


def test_a_period_and_a_moment_in_long_form_follow_the_language() -> None:
    period = Period(start=dt.date(2023, 3, 1), end=dt.date(2023, 3, 4))
    assert format_when(period, DateFormat.LONG, "de") == "1. März 2023 – 4. März 2023"
    assert format_when(period, DateFormat.LONG, "fr") == "1 mars 2023 – 4 mars 2023"
    assert format_moment(DAY, dt.time(9, 5), DateFormat.LONG, "nl") == "15 september 2023 09:05"


def test_month_names_and_numbers() -> None:
    assert [month_name(3, lang) for lang in ("en", "nl", "de", "fr")] == [
        "March", "maart", "März", "mars"
    ]  # fmt: skip
    assert format_number(51.8812, "en", 2) == "51.88"
    assert format_number(51.8812, "nl", 2) == "51,88"
    assert format_number(1234567, "de") == "1.234.567"
    assert format_number(1234567, "fr") == "1\u202f234\u202f567"


def test_import_sitrep_does_not_import_babel() -> None:
    code = "import sys, sitrep; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de-NL", "15. September 2023"),
        ("nl-US", "15 september 2023"),
        ("nl-XX", "15 september 2023"),
        ("fr-NL", "15 septembre 2023"),
    ],
)
def test_a_region_babel_does_not_know_writes_as_its_language(language: str, expected: str) -> None:
    assert long_date(dt.date(2023, 9, 15), language) == expected
    assert format_number(51.88, language, 2) == "51,88"
