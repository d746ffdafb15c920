"""Markdown briefs lose nothing: every heading and paragraph lands in a field, or the brief is
refused with the heading's line; dated bullets take the date forms analysts type."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep import BriefError, load

FRONT = "---\ntitle: Grain corridor\ndate: 2024-03-25\n{extra}---\n"


def write(tmp_path: Path, body: str, extra: str = "") -> Path:
    path = tmp_path / "brief.md"
    path.write_text(FRONT.format(extra=extra) + body, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(BriefError) as caught:
        load(path)
    return str(caught.value)


def test_prose_under_what_happened_becomes_undated_events_not_nothing(tmp_path: Path) -> None:
    brief = load(
        write(
            tmp_path,
            "## What happened\n\nOdesa port reopened after the strike, the harbour\n"
            "master said. [@ap]\n\nShipping insurers raised premiums.\n\n"
            "- 2024-03-22: A bulk carrier left Chornomorsk.\n",
            "sources:\n  - id: ap\n    title: AP report\n",
        )
    )
    texts = [event.text for event in brief.what]  # type: ignore[union-attr]
    assert texts == [
        "Odesa port reopened after the strike, the harbour\nmaster said. [@ap]",
        "Shipping insurers raised premiums.",
        "A bulk carrier left Chornomorsk.",
    ]
    assert brief.warnings() == []  # the only citation of 'ap' was kept


@pytest.mark.parametrize(
    "written",
    ["2024-03-22", "22/03/2024", "22 March 2024", "22 Mar 2024", "22 Mar. 2024", "2024-3-22"],
)
def test_dated_bullets_accept_the_forms_users_type(tmp_path: Path, written: str) -> None:
    brief = load(write(tmp_path, f"## What happened?\n\n- {written}: Convoy crossed.\n"))
    assert brief.what[0].date == dt.date(2024, 3, 22)  # type: ignore[union-attr]
    assert brief.what[0].text == "Convoy crossed."  # type: ignore[union-attr]


def test_a_time_and_a_dash_separator(tmp_path: Path) -> None:
    brief = load(write(tmp_path, "## What happened?\n\n- 22/03/2024 06:40 — Sirens in Kyiv.\n"))
    event = brief.what[0]
    assert (event.date, event.time, event.text) == (  # type: ignore[union-attr]
        dt.date(2024, 3, 22),
        dt.time(6, 40),
        "Sirens in Kyiv.",
    )


@pytest.mark.parametrize("written", ["31/02/2024", "2024-13-01", "22 Marhc 2024", "22/03/2024"])
def test_a_date_that_is_not_one_is_refused_with_the_accepted_forms(
    tmp_path: Path, written: str
) -> None:
    extra = "date_format: iso\n" if written == "22/03/2024" else ""
    report = refused(write(tmp_path, f"## What happened?\n\n- {written}: text\n", extra))
    assert "brief.md:" in report and "what[0].date" in report
    assert "2024-03-22" in report and "22 March 2024" in report


def test_slash_dates_follow_the_brief_date_format(tmp_path: Path) -> None:
    report = refused(write(tmp_path, "## What happened?\n\n- 03/22/2024: x\n"))
    assert "'03/22/2024' is not a date" in report and "day first" in report


def test_a_sub_heading_outside_what_happened_is_refused_with_its_line(tmp_path: Path) -> None:
    report = refused(write(tmp_path, "## Background\n\nText.\n\n### Ports\n\nMore text.\n"))
    assert "brief.md:9:" in report and "'### Ports' under '## Background'" in report


def test_stray_text_under_list_headings_is_refused_not_dropped(tmp_path: Path) -> None:
    report = refused(
        write(
            tmp_path,
            "## Key judgments\n\n- **Likely** (high confidence): Exports recover.\n\n"
            "This rests on insurance data.\n\n## Recommendations\n\nWatch the insurers.\n",
        )
    )
    assert "brief.md:9:" in report and "'## Key judgments'" in report
    assert "brief.md:13:" in report and "'## Recommendations'" in report  # both in one run


def test_text_before_the_first_heading_is_refused(tmp_path: Path) -> None:
    assert "brief.md:5:" in refused(write(tmp_path, "Intro line.\n\n## Assessment\n\nx\n"))


def test_a_level_one_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("---\ndate: 2024-03-25\n---\n# Grain corridor\n\n## Assessment\n\nx\n")
    assert load(path).title == "Grain corridor"
    path.write_text("---\ntitle: A\ndate: 2024-03-25\n---\n# B\n")
    assert "differs from the front matter's title" in refused(path)


def test_a_heading_given_twice_is_refused(tmp_path: Path) -> None:
    report = refused(write(tmp_path, "## Assessment\n\na\n\n## Assessment\n\nb\n"))
    assert "given twice (first on line 5" in report


def test_every_body_line_lands_somewhere(tmp_path: Path) -> None:
    """Each word of a body of odd headings and paragraphs is found in the loaded brief."""
    body = (
        "## Why it matters?\n\nalpha bravo\n\n> “charlie delta”\n> — Echo Foxtrot, Golf\n\n"
        "## What happened?\n\nhotel india\n\n- 2024-03-01: juliet\n  kilo\n\n### Theme lima\n\n"
        "- mike\n\n## Assessment\n\nnovember\n\noscar\n\n## Recommendations\n\n- papa\n"
    )
    brief = load(write(tmp_path, body))
    dumped = str(brief.model_dump())
    field_headings = {"What", "happened", "Assessment", "Recommendations"}  # become the fields
    for word in body.replace("#", " ").replace(">", " ").split():
        word = word.strip("-—“”:,?")
        if word and not word[0].isdigit() and word not in field_headings:
            assert word in dumped, word


def test_body_and_field_problems_come_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: T\ndate: 2024-02-30\nsources:\n  - id: a\n    title: A\n---\n"
        "## What happened\n- 31/02/2024: x\n\n## Key judgments\n- Likely: text\n\n"
        "## Assessment\n\nSee [@aa].\n",
        encoding="utf-8",
    )
    problems = refused(path)
    for expected in (
        "brief.md:3: date:",
        "brief.md:9: what[0].date: '31/02/2024'",
        "brief.md:12: key_judgments[0]: a key judgment must read",
        "brief.md:14: assessment: cites unknown source 'aa'",
    ):
        assert expected in problems
    assert "key_judgments[0].text" not in problems  # caused by the body problem, not repeated


# Found by writing new briefs from scratch (outside test); kept as regressions.


def test_windows_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_bytes(
        b"---\r\ntitle: T\r\ndate: 2024-03-22\r\n---\r\n## Assessment\r\n\r\nText.\r\n"
    )
    assert load(path).assessment == "Text."


def test_numbered_lists_are_items_with_their_dates(tmp_path: Path) -> None:
    brief = load(write(tmp_path, "## What happened\n1. 2024-03-22: first\n2) 23/03/2024: second\n"))
    assert [(str(e.date), e.text) for e in brief.what] == [  # type: ignore[union-attr]
        ("2024-03-22", "first"),
        ("2024-03-23", "second"),
    ]


def test_an_empty_heading_is_refused(tmp_path: Path) -> None:
    assert "brief.md:5: the heading '##' has no text" in refused(write(tmp_path, "## \n\ntext\n"))


def test_yardstick_words_in_markdown_judgments_get_a_suggestion(tmp_path: Path) -> None:
    report = refused(
        write(tmp_path, "## Key judgments\n- **Highly likely** (high confidence): text\n")
    )
    assert "brief.md:6: key_judgments[0].likelihood: 'highly likely'" in report
    assert "did you mean 'very likely'?" in report


def test_hostile_heading_lines_are_read_in_linear_time(tmp_path: Path) -> None:
    """Found in review: a heading regex backtracked quadratically (30,000 spaces took 40 s)."""
    path = write(tmp_path, "## Notes" + " " * 200_000 + "x\n\ntext\n\n## End" + " #" * 100_000)
    sections = load(path).sections
    assert sections[0].heading.endswith(" x") and sections[1].heading.startswith("End #")


# Found by an outside tester (issue 14): forms nested in items and quotes were flattened.

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def refused_lines(name: str) -> list[tuple[int | None, str]]:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / name)
    return [(problem.line, problem.message) for problem in caught.value.problems]


def test_nested_quotes_lists_paragraphs_and_hard_breaks_are_refused_not_flattened() -> None:
    problems = refused_lines("constructs-flattened.md")
    assert [(line, message.split(" under ")[0]) for line, message in problems] == [
        (15, "a second paragraph inside a list item"),
        (16, "a line break (two spaces or '\\' at the end of the line)"),
        (22, "a block quote inside the pull quote"),
        (23, "a list inside the pull quote"),
    ]
    assert "'## What happened?'" in problems[0][1] and "'## Voices'" in problems[2][1]


def test_blocks_inside_list_items_and_pull_quotes_are_refused_with_their_line() -> None:
    problems = refused_lines("blocks-in-items.md")
    assert [(line, message.split(" would ")[0]) for line, message in problems] == [
        (11, "an indented code block inside a list item under '## What happened?'"),
        (17, "a table inside a list item under '## Recommendations'"),
        (22, "a heading inside a list item under '## Recommendations'"),
        (24, "a block quote inside a list item under '## Recommendations'"),
        (28, "a heading inside the pull quote under '## Voices'"),
    ]


def test_a_pull_quote_with_its_attribution_as_a_paragraph_of_its_own_is_read(
    tmp_path: Path,
) -> None:
    brief = load(
        write(tmp_path, "## Voices\n\n> We left at night.\n>\n> — Ana Imboden, resident\n")
    )
    assert brief.sections[0].quotes[0].speaker == "Ana Imboden"


def test_a_refused_block_does_not_hide_a_source_nothing_cites() -> None:
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "refusal-and-uncited.md")
    [problem] = caught.value.problems
    assert (problem.line, problem.message[:30]) == (18, "a table under '## Assessment' ")
    [warning] = caught.value.warnings  # an error under --strict, in the same run
    assert (warning.line, warning.path) == (8, "sources[1]")
    assert "source 'unused' is never cited" in warning.message


def test_a_front_matter_slip_does_not_hide_the_body_problems() -> None:
    problems = refused_lines("front-matter-slip-and-body.md")
    assert [line for line, _ in problems] == [2, 8, 13]
    assert "not valid YAML" in problems[0][1]
    assert problems[1][1].startswith("a table under '## Assessment'")
    assert "'31/02/2025' is not a date" in problems[2][1]


def test_a_broken_front_matter_still_reads_the_body_in_its_date_format(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: Drought: Panama\ndate_format: dtg\n---\n## What happened?\n"
        "- 221430Z MAR 24: Convoy seen.\n",
        encoding="utf-8",
    )
    [problem] = refused(path).splitlines()
    assert "brief.md:2:" in problem and "not valid YAML" in problem


def test_a_paragraph_indented_less_than_a_numbered_item_is_refused_not_merged(
    tmp_path: Path,
) -> None:
    body = "## What happened?\n\n1. 2024-03-22: first\n\n  indented by two\n"
    report = refused(write(tmp_path, body))
    assert "brief.md:9: a second paragraph of a list item under '## What happened?'" in report


MARKED = "marking: TLP:RED\nfield_markings: {title: TLP:CLEAR, what: TLP:GREEN}\n"


@pytest.mark.parametrize(
    ("lead", "label"),
    [
        ("(TLP: RED)", "TLP:RED"),
        ("(RED)", "TLP:RED"),
        ("(red)", "TLP:RED"),
        ("(TLP:AMBER + STRICT)", "TLP:AMBER+STRICT"),
        ("(AMBER+STRICT)", "TLP:AMBER+STRICT"),
        ("(TLP:WHITE)", "TLP:CLEAR"),
    ],
)
def test_every_spelling_yaml_accepts_marks_a_markdown_portion(
    tmp_path: Path, lead: str, label: str
) -> None:
    """A Markdown mark spelt as YAML accepts it is the item's marking, not text left under the
    list's lower default (which a GREEN release would print)."""
    body = (
        f"\n## What happened?\n\n- {lead} 2026-11-18: Item ZQCANARY.\n"
        f"- 2026-11-18: {lead} After the date ZQAFTER.\n\n### {lead} Port\n\n- Grouped.\n"
        f"\n## {lead} Assessment\n\nAssessed.\n\n## Quotes\n\n> {lead} Said.\n>\n> — Someone\n"
    )
    brief = load(write(tmp_path, body, MARKED))
    assert [str(item.marking) for item in brief.what] == [label, label, label]
    assert [item.text for item in brief.what[:2]] == ["Item ZQCANARY.", "After the date ZQAFTER."]
    assert str(brief.field_markings["assessment"]) == label
    quote = brief.sections[-1].quotes[0]
    assert str(quote.marking) == label and "TLP" not in quote.text


def test_a_released_markdown_brief_prints_no_variant_marked_portion(tmp_path: Path) -> None:
    import sitrep

    body = (
        "\n## What happened?\n\n- (TLP:GREEN) 2026-11-18: Ferry ran late.\n"
        "- (TLP: RED) 2026-11-18: Spaced ZQA.\n- (RED) 2026-11-18: Bare ZQB.\n"
        "- (TLP:AMBER + STRICT) 2026-11-18: Strict ZQC.\n- 2026-11-18: (TLP:RED) After ZQD.\n"
    )
    data = sitrep.render(load(write(tmp_path, body, MARKED)), "md", release="TLP:GREEN")
    assert isinstance(data, bytes)
    assert b"Ferry ran late" in data and b"ZQ" not in data


@pytest.mark.parametrize(
    "item",
    [
        "- (TLP:PURPLE) 2026-11-18: x.",
        "- (AMBER+STRCT) x.",
        "- (TLP: REDD) x.",
        "- (TLP:GREEN) 2026-11-18: (RED) two marks.",
    ],
)
def test_a_lead_that_looks_like_a_marking_but_is_not_one_is_refused(
    tmp_path: Path, item: str
) -> None:
    message = refused(write(tmp_path, f"\n## What happened?\n\n{item}\n", MARKED))
    assert "brief.md:10: what[0].marking" in message


def test_a_heading_with_a_bad_mark_is_refused_with_its_line(tmp_path: Path) -> None:
    body = "\n## (TLP:PURPL) Assessment\n\nAssessed.\n"
    assert "brief.md:8: field_markings.assessment" in refused(write(tmp_path, body, MARKED))


def test_a_parenthesis_that_is_not_a_marking_stays_text(tmp_path: Path) -> None:
    body = "\n## What happened?\n\n- (Green party) 2026-11-18 won.\n- (Reuters) Quiet.\n"
    brief = load(write(tmp_path, body))
    assert [item.text for item in brief.what] == [
        "(Green party) 2026-11-18 won.",
        "(Reuters) Quiet.",
    ]


@pytest.mark.parametrize(
    ("name", "fields", "sections"),
    [
        ("headings-nl.md", {"bluf", "what", "assessment", "key_judgments", "recommendations"},
         ["Achtergrond"]),
        ("headings-fr-analysis.md", {"bluf", "what", "assessment", "assumptions"},
         ["Que s'est-il passé ?"]),
        ("headings-en-article.md", {"what", "assessment", "recommendations"}, []),
    ],
)  # fmt: skip
def test_the_headings_a_brief_prints_in_its_language_and_layout_fill_their_fields(
    name: str, fields: set[str], sections: list[str]
) -> None:
    """A Dutch analyst writes the headings the Dutch PDF shows ("## Wat is er gebeurd?"), an
    English analysis its own "## Timeline"/"## Conclusion"; the English ones always work too.
    Another layout's wording is a free section, as any unknown heading is."""
    brief = load(FIXTURES / name)
    filled = {field for field in fields if getattr(brief, field)}
    assert filled == fields
    assert [section.heading for section in brief.sections] == sections


def test_a_field_under_its_english_and_its_printed_heading_is_given_twice(tmp_path: Path) -> None:
    """ "## Assessment" and "## Bewertung" in a German brief are the same field: one of them
    would be lost, so the brief is refused with both lines, as any heading given twice."""
    brief = tmp_path / "brief.md"
    brief.write_text(
        "---\ntitle: T\ndate: 2024-03-01\nlanguage: de\n---\n\n## Assessment\n\nText.\n\n"
        "## Bewertung\n\nMore.\n",
        encoding="utf-8",
    )
    with pytest.raises(
        BriefError,
        match=r"'## Bewertung' is given twice \(first on line 7 as "
        r"'## Assessment'",
    ):
        load(brief)


def test_a_judgment_in_the_lead_form_with_words_sitrep_does_not_read_is_refused() -> None:
    """Outside test find: '- **Waarschijnlijk** (hoge zekerheid): ...' under '## Kernoordelen'
    loaded as a judgment without likelihood or confidence, the terms left in its text. The
    terms are the scale's English ones in every language (docs/localization.md); the form is
    refused with its line, and the plain judgment below it is still read."""
    with pytest.raises(BriefError) as caught:
        load(FIXTURES / "judgment-terms-in-dutch.md")
    problems = caught.value.problems
    assert [(p.line, p.path) for p in problems] == [(9, "key_judgments[0]")]
    assert "'**Waarschijnlijk** (hoge zekerheid)' is not read" in problems[0].message


def test_a_language_or_template_that_is_not_text_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Found in the final read: the printed-heading lookup took the front matter's language and
    template before the model checked them, and a list there was an internal error."""
    brief = tmp_path / "brief.md"
    brief.write_text(
        "---\ntitle: T\ndate: 2024-01-01\nlanguage: [nl]\ntemplate: {a: 1}\n---\n\n"
        "## Beoordeling\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError) as caught:
        load(brief)
    assert [(p.line, p.path) for p in caught.value.problems] == [(4, "language"), (5, "template")]
