"""Markdown event bullets: every unambiguous date form is read, every other date-like start is
refused with the accepted forms, and never silently becomes an undated event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep import BriefError, load
from sitrep.files.markdown_dates import DateForms, DateRefused, split_dated
from sitrep.model.brief import DateFormat
from sitrep.resolve.dates import format_moment

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def test_the_unambiguous_forms_are_read() -> None:
    what = load(FIXTURES / "dates-accepted.md").what
    assert [(str(e.date), e.time and e.time.isoformat(), e.text) for e in what] == [  # type: ignore[union-attr]
        ("2024-03-22", None, "Lashers walked out at ECT Delta."),
        ("2024-03-24", None, "Rail shuttles cancelled."),
        ("2024-03-24", "14:30:00", "Rail shuttles cancelled again."),
        ("2024-03-25", None, "Strike extended."),
        ("2024-03-25", "14:30:15", "Police cleared the gate."),
        ("None", None, "3 men 2024 were arrested."),
        ("2024-03-22", None, "Dash form."),
    ]


def test_a_date_time_group_is_read_in_a_dtg_brief() -> None:
    [event] = load(FIXTURES / "dtg-bullet-undated.md").what
    assert (str(event.date), str(event.time), event.text) == (  # type: ignore[union-attr]
        "2024-03-22",
        "14:30:00",
        "Lashers walked out at ECT Delta.",
    )


def test_ambiguous_date_forms_are_refused_with_the_accepted_forms() -> None:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "dates-silently-undated.md")
    problems = caught.value.problems
    assert [(p.line, p.path) for p in problems] == [
        (9, "what[1].date"),
        (10, "what[2].date"),
        (11, "what[3].date"),
    ]
    assert "'22.03.2024' is not a date we can read" in problems[0].message
    assert "'23/03/24' is not a date we can read" in problems[1].message
    assert "'24 March' is not a date we can read" in problems[2].message
    assert all("expected a date such as 2024-03-22" in p.message for p in problems)


def test_a_date_without_text_and_an_empty_bullet_are_refused() -> None:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "date-only-bullet-undated.md")
    first, second = caught.value.problems
    assert (first.line, second.line) == (11, 12)
    assert "has the date '2024-03-22' but no text" in first.message
    assert "an empty list item" in second.message


def test_a_date_time_group_is_refused_outside_a_dtg_brief() -> None:
    forms = DateForms.for_brief("iso")
    refused = split_dated("221430ZMAR24: Walkout", forms)
    assert isinstance(refused, DateRefused)
    assert "read only in a brief whose date_format is dtg" in refused.message


def test_a_bad_time_is_reported_on_the_time_field(tmp_path: Path) -> None:
    brief = tmp_path / "brief.md"
    brief.write_text(
        "---\ntitle: T\ndate: 2024-03-25\n---\n\n## What happened?\n\n- 2024-03-22 25:10: x\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError) as caught:
        load(brief)
    [problem] = caught.value.problems
    assert problem.path == "what[0].time" and "'25:10' is not a time of day" in problem.message


@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    time=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    style=st.sampled_from(list(DateFormat)),
)
def test_sitreps_own_markdown_dates_read_back(
    day: dt.date, time: dt.time | None, style: DateFormat
) -> None:
    """The Markdown writer's bullets, `- **<date> <time>** text`, in every date format."""
    written = f"**{format_moment(day, time, style)}** What happened."
    read = split_dated(written, DateForms.for_brief(style.value))
    assert read == (day.isoformat(), time and time.strftime("%H:%M"), "What happened.")


def test_code_fences_and_html_blocks_do_not_split_sections() -> None:
    # The '## ' inside the fence starts no section; the fence itself is refused, as prose
    # cannot hold a code block (it used to be flattened into a paragraph without a word).
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "codefence-heading-split.md")
    [problem] = caught.value.problems
    assert problem.line == 13
    assert problem.message.startswith("a code block under '## Labour context'")


def test_a_code_block_under_what_happened_is_refused() -> None:
    with pytest.raises(BriefError, match="code or HTML block under '## What happened"):
        load(FIXTURES / "codefence-in-what.md")


# Found by an outside tester (issue 14): these bullets became undated events without a word.


def test_ordinals_weekdays_am_pm_a_comma_and_a_bold_colon_are_read() -> None:
    what = load(FIXTURES / "dates-typed.md").what
    assert [(str(e.date), e.time and e.time.isoformat(), e.text) for e in what] == [  # type: ignore[union-attr]
        ("2025-03-22", None, "Ordinal day."),
        ("2025-03-28", None, "Ordinal day, month first."),
        ("2025-04-28", None, "Weekday before the date."),
        ("2025-04-28", "14:30:00", "Afternoon time."),
        ("2025-04-28", "12:33:00", "Comma before the time."),
        ("2025-04-28", None, "Bold including the colon."),
        ("None", None, "3 men 2024 were arrested."),
    ]


def test_a_date_like_head_that_cannot_be_read_is_refused_never_undated() -> None:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "dates-typed-refused.md")
    problems = caught.value.problems
    assert [(p.line, p.path) for p in problems] == [
        (8, "what[0].date"),
        (9, "what[1].date"),
        (10, "what[2].time"),
        (11, "what[3].date"),
    ]
    assert "'22 März 2024' is not a date we can read" in problems[0].message
    assert "English month names" in problems[0].message
    assert "2025-04-28 is a Monday, not a Sunday" in problems[1].message
    assert "'13:10 pm' is not a time of day" in problems[2].message
    assert "'Mardi 22 mars 2024 14:30' is not a date" in problems[3].message


def test_a_date_time_group_in_another_zone_is_refused_and_a_long_year_is_read() -> None:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "dtg-zones.md")
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (11, "what[2].date")
    assert "in time zone 'A': only Z (UTC) groups are read" in problem.message
    forms = DateForms.for_brief("dtg")
    assert split_dated("011200Z JUL 2025: x", forms) == ("2025-07-01", "12:00", "x")
