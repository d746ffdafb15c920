"""serial, supersedes and next_issue: read, checked, written back and printed in every format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.errors import BriefError
from sitrep.model.brief import Brief

BASE: dict[str, Any] = {"title": "Grain corridor", "date": "2026-11-23"}


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({**BASE, **fields})


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2026-11-30", dt.date(2026, 11, 30)),
        ("2026-11-30 12:00", dt.datetime(2026, 11, 30, 12, 0)),
        ("2026-11-30T12:00Z", dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)),
        ("as events warrant", "as events warrant"),
        ("weekly, on Mondays", "weekly, on Mondays"),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1)),
        ("30 November 2026", dt.date(2026, 11, 30)),
        ("Monday, 30 Nov 2026", dt.date(2026, 11, 30)),
        ("November 30th, 2026 12:00", dt.datetime(2026, 11, 30, 12, 0)),
        ("Sept 3 2027", dt.date(2027, 9, 3)),
    ],
)
def test_next_issue_reads_as_an_analyst_writes_it(given: Any, expected: Any) -> None:
    assert brief(next_issue=given).next_issue == expected


@pytest.mark.parametrize(
    "given,words",
    [
        ("30/11/2026", "could be read two ways"),
        ("11.30.26", "could be read two ways"),
        ("2026-11", "could be read two ways"),
        ("2026-02-30", "not a real date"),
        ("2026-11-30 25:00", "not a real date"),
        ("   ", "expected a date YYYY-MM-DD"),
        (["2026-11-30"], "got list"),
        ("2026-11-01", "before the brief's date"),
        ("30 October 2026", "2026-10-30 is before the brief's date"),  # a worded date is checked
        ("31 November 2026", "not a real date"),
        ("30 octobre 2026", "looks like a date but is not one this reader knows"),
        ("Nov 30th 2026 noon", "looks like a date"),
    ],
)
def test_next_issue_refuses_what_is_not_a_date_or_words(given: Any, words: str) -> None:
    with pytest.raises(BriefError, match="next_issue") as error:
        brief(next_issue=given)
    assert words in str(error.value)


def test_supersedes_is_a_serial_or_a_serial_with_a_date() -> None:
    assert brief(supersedes="SITREP 13").supersedes.serial == "SITREP 13"  # type: ignore[union-attr]
    dated = brief(supersedes={"serial": "SITREP 13", "date": "2026-11-16"}).supersedes
    assert dated is not None and dated.date == dt.date(2026, 11, 16)
    with pytest.raises(BriefError, match=r"supersedes\.date: 2026-11-30 is after"):
        brief(supersedes={"serial": "SITREP 13", "date": "2026-11-30"})
    with pytest.raises(BriefError, match="supersedes"):
        brief(supersedes="")


@pytest.mark.parametrize("fmt", ["yaml", "json", "md"])
@pytest.mark.parametrize(
    "fields",
    [
        {"serial": "SITREP 14", "supersedes": "SITREP 13", "next_issue": "as events warrant"},
        {
            "serial": "2026/041",
            "supersedes": {"serial": "2026/040", "date": "2026-11-16"},
            "next_issue": "2026-11-30 06:00",
        },
        {"serial": "No. 7", "next_issue": "2026-11-30T12:00+02:00"},
        {"serial": "SITREP 9", "next_issue": "2026-11-30"},
    ],
)
def test_round_trip(fmt: str, fields: dict[str, Any], tmp_path: Path) -> None:
    original = brief(**fields)
    path = tmp_path / f"brief.{fmt}"
    path.write_text(sitrep.dumps(original, fmt), encoding="utf-8")
    again = sitrep.load(path)
    assert again == original
    path.write_text(sitrep.dumps(again, fmt), encoding="utf-8")
    assert sitrep.load(path) == original


@pytest.mark.parametrize("value", ["30/11/2026", "2026-11-01"])
def test_an_error_names_the_file_and_line(value: str, tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(f"title: T\ndate: 2026-11-23\nnext_issue: {value}\n", encoding="utf-8")
    with pytest.raises(BriefError) as error:
        sitrep.load(path)
    assert f"{path}:3: next_issue:" in str(error.value)
