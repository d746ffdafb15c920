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
