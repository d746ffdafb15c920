"""Bad brief files get one clear line per problem: file, line, field path and what was expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sitrep import BriefError, load

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").iterdir())
EXPECTATIONS = yaml.safe_load((FIXTURES / "expectations.yaml").read_text(encoding="utf-8"))


def expected_for(path: Path) -> str:
    if path.name in EXPECTATIONS:
        return str(EXPECTATIONS[path.name])
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    match = re.match(r"# expect: (.*)$", first)
    assert match, f"{path.name} has no '# expect:' line and no entry in expectations.yaml"
    return match.group(1)


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_brief_reports_file_line_field_and_expectation(path: Path) -> None:
    with pytest.raises(BriefError) as caught:
        load(path)
    report = str(caught.value)
    assert expected_for(path) in report
    assert str(path) in report
    assert "Traceback" not in report


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-13-01\nmarkng: TLP:RED\nwhat:\n  - text: 5\n", encoding="utf-8"
    )
    with pytest.raises(BriefError) as caught:
        load(brief)
    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["date", "markng", "what[0].text"]
    assert [problem.line for problem in caught.value.problems] == [2, 3, 5]
    assert "did you mean 'marking'?" in str(caught.value)


def test_unknown_suffix_is_named(tmp_path: Path) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text("title: T\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief.txt: unknown brief file type '\.txt'"):
        load(brief)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"nothere\.yaml: file not found"):
        load(tmp_path / "nothere.yaml")


def test_misspelt_nested_key_suggests_the_field_of_that_model(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nsources:\n  - id: a\n    titel: X\n", encoding="utf-8"
    )
    with pytest.raises(BriefError) as caught:
        load(brief)
    text = str(caught.value)
    assert "brief.yaml:5: sources[0].titel: unknown field 'titel'; did you mean 'title'?" in text


def test_one_run_reports_citations_types_duplicates_and_uncited_sources(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside test find: problems used to show one round at a time."""
    from sitrep.cli import main

    monkeypatch.chdir(FIXTURES / "invalid")
    assert main(["validate", "--strict", "every-problem-one-run.yaml"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in report] == [
        "every-problem-one-run.yaml:5",
        "every-problem-one-run.yaml:9",
        "every-problem-one-run.yaml:11",
        "every-problem-one-run.yaml:13",
        "every-problem-one-run.yaml:15",
    ]
    assert "cites unknown source 'mandiant'" in report[0]
    assert "'orphan' is never cited" in report[2]
    assert "'newspaper' is not allowed" in report[4]
    assert main(["validate", "every-problem-one-run.yaml"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("warning: every-problem-one-run.yaml:") for line in report) == 2
    assert len(report) == 5


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": 5}, "title: 5 is a number, not text (expected text"),
        ({"date": 20240101}, "date: 20240101 is a number, not a date (expected a date"),
        ({"what": "oops"}, "what: 'oops' is a single value, not a list (expected a list"),
        ({"assessment": False}, "assessment: YAML read this value as false"),
        ({"date": "2024-05-02T10:00"}, "has a time of day (expected a date only"),
        (
            {"where": [{"name": "G", "lat": float("nan"), "lon": 1}]},
            "where[0].lat: nan is not a number",
        ),
        (
            {"where": [{"name": "G", "lat": float("inf"), "lon": 1}]},
            "where[0].lat: inf is not a number",
        ),
        ({"where": [{"name": "G", "lat": 100, "lon": 1}]}, "100 is out of range"),
    ],
)
def test_value_errors_are_in_sitreps_own_words(fields: dict[str, object], expected: str) -> None:
    from sitrep import Brief

    with pytest.raises(BriefError) as caught:
        Brief(**{"title": "T", "date": "2024-05-02", "assessment": "x", **fields})
    assert expected in str(caught.value)
    assert "Input should" not in str(caught.value)
    assert "datetime." not in str(caught.value)


@pytest.mark.parametrize(
    ("listed", "said"),
    [
        (None, "source file 'refs.bib' not found"),
        ("@article{broken,\n  title = {Unclosed\n", "refs.bib"),
    ],
    ids=["missing", "broken"],
)
def test_a_source_list_that_cannot_be_read_is_reported_with_the_other_problems(
    tmp_path: Path, listed: str | None, said: str
) -> None:
    """Outside test find: a missing or broken .bib hid every other problem of the brief."""
    if listed is not None:
        (tmp_path / "refs.bib").write_text(listed, encoding="utf-8")
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: Drought\ndate: 2025-02-01\nmarking: TLP:AMBR\nwhat:\n  - date: 2025-02-30\n"
        "    text: Reservoirs fell. [@ssa]\nassesment: Likely.\nsources:\n"
        "  - id: ssa\n    title: Bulletin\n  - refs.bib\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError) as caught:
        load(path)
    text = str(caught.value)
    assert said in text
    assert "brief.yaml:3: marking" in text and "brief.yaml:5: what[0].date" in text
    assert "brief.yaml:7: assesment: unknown field" in text


def test_a_field_of_another_kind_of_item_is_not_suggested_as_itself(tmp_path: Path) -> None:
    """Outside test find: "unknown field 'text'; did you mean 'text'?" for a theme with text."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: Cocoa smuggling\ndate: 2025-06-20\nwhat:\n  - theme: Border crossings\n"
        "    text: Trucks stopped at Noé.\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError) as caught:
        load(path)
    text = str(caught.value)
    assert "did you mean 'text'" not in text
    assert "brief.yaml:5: what[0].text: unknown field 'text' for theme items" in text
    assert "expected one of: events, marking, theme;" in text
