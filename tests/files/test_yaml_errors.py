"""YAML errors teach: the mistake's line and column, and a one-line fix in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep import BriefError, load

CASES = {
    "value starting with braces": (
        "title: T\ndate: 2025-05-10\nassessment: {{ cases }} doubled\n",
        "brief.yaml:3:13: not valid YAML: a value starting with '{' has a meaning in YAML",
        'quote the value: assessment: "{{ cases }} doubled"',
    ),
    "value starting with a percent sign": (
        "title: T\ndate: 2025-05-10\nassessment: % of wards closed\n",
        "brief.yaml:3:13: not valid YAML: a value starting with '%' has a meaning in YAML",
        'quote the value: assessment: "% of wards closed"',
    ),
    "control character": (
        "title: T\ndate: 2025-05-10\nassessment: a\x01b\n",
        "brief.yaml:3:14: not valid YAML: the invisible control character U+0001",
        "delete it; it often comes with text pasted",
    ),
    "comment inside a flow list": (
        "title: T\ndate: 2025-09-05\nwho: [WHO, MSF # Belgium]\n",
        "brief.yaml:3:6: not valid YAML: the bracket [ opened here is never closed",
        "put the item holding '#' in double quotes",
    ),
    "tab": (
        "title: T\ndate: 2024-03-25\nwhat:\n\t- text: a\n",
        "brief.yaml:4:1: not valid YAML: a tab character",
        "indent with spaces only",
    ),
    "tab inside an item": (
        "title: T\ndate: 2024-03-25\nwhat:\n  - text: a\n  \tdate: 2024-03-01\n",
        "brief.yaml:5:3: not valid YAML: a tab character",
        "indent with spaces only",
    ),
    "unquoted colon": (
        "title: Odesa: the port reopens\ndate: 2024-03-25\n",
        "brief.yaml:1:13: not valid YAML: the value holds ': '",
        'put the value in double quotes: title: "Odesa: the port reopens"',
    ),
    "unclosed double quote": (
        'title: T\ndate: 2024-03-25\nassessment: "The port\nwhat:\n  - text: a\n',
        'brief.yaml:3:13: not valid YAML: the quote " opened here is never closed',
        'add the closing "',
    ),
    "unclosed single quote": (
        "title: 'Odesa\ndate: 2024-03-25\n",
        "brief.yaml:1:8: not valid YAML: the quote ' opened here is never closed",
        "add the closing '",
    ),
    "indented too far": (
        "title: T\ndate: 2024-03-25\nwhat:\n  - date: 2024-03-01\n     text: y\n",
        "brief.yaml:5:6: not valid YAML: this line is indented by 5 spaces",
        "line its key up with the fields of the same item",
    ),
    "indented under a value": (
        "title: T\n  date: 2024-03-25\n",
        "brief.yaml:2:3: not valid YAML: this line is indented by 2 spaces",
        "start it at the beginning of the line",
    ),
    "list item where a mapping is expected": (
        "title: T\ndate: 2024-03-25\n- Odesa\n",
        "brief.yaml:3:1: not valid YAML: a list item ('- ') where 'field: value' lines are "
        "expected",
        "indent it under the field it belongs to",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_yaml_mistakes_get_line_column_and_fix(tmp_path: Path, case: str) -> None:
    text, where, fix = CASES[case]
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        load(path)
    report = str(caught.value)
    assert where in report
    assert f"(fix: {fix}" in report
    assert "\n" not in report  # one line
    for parser_words in ("cannot start any token", "mapping values are not allowed", "<block"):
        assert parser_words not in report


def test_front_matter_errors_count_markdown_lines(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("---\ntitle: Odesa: reopened\ndate: 2024-03-25\n---\n## Assessment\n\nx\n")
    with pytest.raises(BriefError, match=r"brief\.md:2:13: not valid YAML: the value holds"):
        load(path)


def test_text_after_a_closing_quote(tmp_path: Path) -> None:
    """Found by the outside test: `title: "Kim" in Vladivostok` had only the parser's words."""
    path = tmp_path / "brief.yaml"
    path.write_text('title: "Kim" in Vladivostok\ndate: 2024-03-25\n', encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        load(path)
    assert "brief.yaml:1:14: not valid YAML: text after the closing quote" in str(caught.value)
    assert 'fix: quote the whole value: title: "Kim in Vladivostok"' in str(caught.value)


def test_a_hostile_error_line_is_explained_quickly(tmp_path: Path) -> None:
    """Found in review: finding the key of 20,000 '- ' markers was quadratic."""
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\n" + "- " * 20_000 + "x: y: z\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief\.yaml:2:1: not valid YAML: a list item"):
        load(path)


def test_words_a_yaml_comment_drops_are_a_warning_naming_the_line() -> None:
    """Outside test find: `assessment: 50% chance # of success` silently lost its last words."""
    path = Path(__file__).parent / "fixtures" / "warnings" / "yaml-inline-hash-drops-words.yaml"
    brief = load(path)
    assert brief.assessment == "50% chance"
    [warning] = brief.warnings()
    assert warning.line == 3 and warning.path == "assessment"
    assert "text after ' #' is a YAML comment and was dropped ('# of success')" in warning.message


def test_a_comment_after_a_one_word_value_is_not_a_warning(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2024-05-02\ntemplate: analysis   # or article\nassessment: ok\n",
        encoding="utf-8",
    )
    assert load(brief).warnings() == []


def test_a_top_level_field_indented_by_mistake_is_told_to_start_the_line(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("title: Lithium in Chile\n  date: 2025-02-01\n", encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        load(brief)
    text = str(caught.value)
    assert ":2:3: not valid YAML: this line is indented by 2 spaces" in text
    assert "start it at the beginning of the line" in text
    assert "here 0 spaces" not in text


def test_an_unquoted_time_of_day_is_a_time_not_a_base_60_number(tmp_path: Path) -> None:
    """Outside test find: YAML 1.1 read `time: 14:30` as the integer 870, shown as 00:14."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2025-05-10\nwhat:\n  - date: 2025-05-09\n    time: 14:30\n"
        "    text: The first ward closed.\n  - text: 'Ratio'\n    time: 23:59\n",
        encoding="utf-8",
    )
    assert [event.time.isoformat() for event in load(path).what] == ["14:30:00", "23:59:00"]


def test_a_one_digit_hour_is_read_as_written(tmp_path: Path) -> None:
    """`time: 9:05` is five past nine, in YAML, JSON and the API alike; `7:5` is refused."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2025-05-10\nwhat:\n  - time: 9:05\n    text: a\n"
        "  - time: '0:30:15'\n    text: b\n",
        encoding="utf-8",
    )
    assert [event.time.isoformat() for event in load(path).what] == ["09:05:00", "00:30:15"]
    path.write_text(
        "title: T\ndate: 2025-05-10\nwhat:\n  - time: 7:5\n    text: a\n", encoding="utf-8"
    )
    with pytest.raises(BriefError, match=r"brief\.yaml:4: what\[0\]\.time: '7:5' is not a valid"):
        load(path)


def test_an_unquoted_time_past_midnight_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2025-05-10\nwhat:\n  - date: 2025-05-09\n    time: 25:00\n    text: a\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError, match=r"brief\.yaml:5: what\[0\]\.time: '25:00' is not a valid"):
        load(path)


COMMENTED_BRIEF = """\
title: Ebola in Kasai
subtitle: Bulape health zone # and Mweka
date: 2025-09-05
dateline: KINSHASA # and TSHIKAPA
organisation: Kestrel # Analytics
contact: Call desk # 5 on +243 81 000 0000
where:
  - Bulape # Mweka territory
keywords:
  - ebola # zaire strain
sections:
  - heading: Response # teams
    body: "Teams deployed."
    quotes:
      - text: "We need vaccines."
        speaker: Dr Muyembe
        affiliation: INRB # Kinshasa
what:
  - theme: North # Kasai
    events:
      - date: 2025-09-04
        text: "Cases rose. [@who]"
outlook:
  - name: Spread # north
    text: "Cases rise."
sources:
  - id: who
    title: Disease Outbreak News
    container: WHO # Geneva
"""


def test_words_dropped_as_a_comment_warn_on_every_text_field(tmp_path: Path) -> None:
    """Outside test find: only multi-word values warned; `dateline: KINSHASA # and TSHIKAPA`,
    a list item, a theme, a source's container lost their words silently."""
    path = tmp_path / "brief.yaml"
    path.write_text(COMMENTED_BRIEF, encoding="utf-8")
    warned = {(w.line, w.path) for w in load(path).warnings() if "YAML comment" in w.message}
    commented = [n for n, line in enumerate(COMMENTED_BRIEF.splitlines(), 1) if " # " in line]
    assert sorted(line for line, _ in warned) == commented
    assert {path for _, path in warned} >= {
        "dateline",
        "where[0]",
        "keywords[0]",
        "sections[0].heading",
        "sections[0].quotes[0].affiliation",
        "what[0].theme",
        "outlook[0].name",
        "sources[0].container",
    }


def test_a_comment_after_a_number_or_a_date_drops_no_words(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\ndate: 2024-05-02 # the day\nassessment: ok\n", encoding="utf-8")
    assert load(path).warnings() == []


def test_yes_no_and_leading_zeros_stay_the_text_typed(tmp_path: Path) -> None:
    """Outside test find: `where: NO` (Norway) was false, `issue: 012` was the number 10."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2025-05-10\nwhere: NO\nshow_grades: yes\nassessment: x [@a]\n"
        "sources:\n  - id: a\n    title: Bulletin\n    issue: 012\n",
        encoding="utf-8",
    )
    brief = load(path)
    assert [place.name for place in brief.where] == ["NO"]
    assert brief.sources[0].issue == "012" and brief.show_grades is True


def test_a_dash_without_a_space_is_a_warning_not_a_silent_text(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\ndate: 2025-05-10\nwho:\n  -WHO\n  -MSF\n", encoding="utf-8")
    [warning] = load(path).warnings()
    assert warning.line == 4 and warning.path == "who"
    assert "'-WHO' is read as text, not as a list item" in warning.message


def test_text_in_braces_is_told_to_be_quoted(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\ndate: 2025-05-10\nassessment: {{ cases }}\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief\.yaml:3: assessment: .*put the whole value in"):
        load(path)


@pytest.mark.parametrize(("value", "shown"), [("905", "905"), ("9.05", "9.05"), ("0", "0")])
def test_a_time_given_as_a_number_is_refused_not_read_as_seconds(
    tmp_path: Path, value: str, shown: str
) -> None:
    """Outside test find: `time: 905` printed 00:15 (pydantic reads a number as seconds since
    midnight), in YAML and JSON alike."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        f"title: T\ndate: 2025-05-10\nwhat:\n  - time: {value}\n    text: a\n", encoding="utf-8"
    )
    with pytest.raises(
        BriefError, match=rf"brief\.yaml:4: what\[0\]\.time: {re.escape(shown)} is a"
    ):
        load(path)
    path = tmp_path / "brief.json"
    path.write_text(
        f'{{"title": "T", "date": "2025-05-10", "what": [{{"time": {value}, "text": "a"}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(BriefError, match=r"is a number, not a time of day"):
        load(path)
