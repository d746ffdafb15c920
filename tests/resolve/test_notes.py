"""One resolver numbers every note, in reading order, before any writer runs."""

from __future__ import annotations

from typing import Any

from sitrep.inline import NoteRef, plain_text
from sitrep.model import Brief
from sitrep.resolve import resolve

SOURCES = [
    {"id": "a", "title": "Alpha Report", "type": "report", "author": "Ann Able"},
    {"id": "b", "title": "Beta Story", "type": "news", "container": "AP News"},
]


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({"title": "T", "date": "2023-09-15", "sources": SOURCES, **fields})


def refs(resolved: Any, *path: str | int) -> list[int]:
    text = resolved.text(*path)
    return [n.number for p in text.paragraphs for n in p.children if isinstance(n, NoteRef)]


def test_notes_are_numbered_in_reading_order_across_fields() -> None:
    resolved = resolve(
        brief(
            what=[{"text": "One [@a]."}, {"theme": "T", "events": [{"text": "Two [@b]."}]}],
            assessment="Three [@a]^[Four.] and five [@a; @b].",
        )
    )
    assert refs(resolved, "what", 0, "text") == [1]
    assert refs(resolved, "what", 1, "events", 0, "text") == [2]
    assert refs(resolved, "assessment") == [3, 4]  # "[@a]^[Four.]" is one place: one note
    assert [note.number for note in resolved.notes] == [1, 2, 3, 4]
    assert resolved.notes[2].source_ids == ("a",)
    assert resolved.notes[3].source_ids == ("a", "b")
    assert plain_text(resolved.notes[2].content).endswith(". Four.")


def test_a_citation_and_a_comment_side_by_side_are_one_note() -> None:
    resolved = resolve(brief(assessment="Seen [@a]^[Crew unknown] and ^[A comment.] [@b] here."))
    assert refs(resolved, "assessment") == [1, 2]
    first, second = (plain_text(note.content) for note in resolved.notes)
    assert first.startswith("Ann Able") and first.endswith(". Crew unknown")
    assert second.startswith("A comment. ") and "Beta Story" in second
    assert resolved.notes[1].source_ids == ("b",)
    assert plain_text(resolved.text("assessment").paragraphs[0].children) == "Seen and here."


def test_first_citation_is_full_and_later_ones_short() -> None:
    resolved = resolve(brief(assessment="[@a] then [@a]."))
    first, later = (plain_text(n.content) for n in resolved.notes)
    assert first.startswith("Ann Able")
    assert later.startswith("Able")
    assert len(later) < len(first)


def test_citation_inside_inline_note_is_written_into_that_note() -> None:
    resolved = resolve(brief(assessment="Claim^[As reported [@b].]"))
    assert len(resolved.notes) == 1
    text = plain_text(resolved.notes[0].content)
    assert text.startswith("As reported ") and "Beta Story" in text
    assert not text.endswith("..")


def test_bibliography_is_on_for_analysis_and_off_for_intel_brief() -> None:
    assert resolve(brief(assessment="[@a]")).bibliography == ()
    assert len(resolve(brief(template="analysis", assessment="[@a]")).bibliography) == 1
    assert len(resolve(brief(bibliography=True, assessment="[@a] [@b]")).bibliography) == 2


def test_source_table_lists_grades_and_their_meaning() -> None:
    graded = [{**SOURCES[0], "grade": "B2"}, SOURCES[1]]
    resolved = resolve(
        Brief.model_validate(
            {"title": "T", "date": "2023-09-15", "sources": graded, "source_table": True}
        )
    )
    row = next(r for r in resolved.source_table if r.source_id == "a")
    assert row.grade == "B2"
    assert row.reliability.lower().startswith("usually reliable")
    assert row.credibility.lower().startswith("probably true")


def _markdown(tmp_path: Any, **fields: Any) -> str:
    from sitrep.api import render

    return render(brief(**fields), tmp_path / "out.md").read_text(encoding="utf-8")


def test_a_short_note_and_a_comment_never_print_two_periods(tmp_path: Any) -> None:
    text = _markdown(tmp_path, assessment="One.[@a][@b] Two.[@b]^[The figure is disputed.]")
    assert "“Beta Story.” The figure is disputed." in text
    assert ".”." not in text


def test_a_comment_after_a_german_short_note_gets_its_period_outside_the_quotes(
    tmp_path: Any,
) -> None:
    text = _markdown(
        tmp_path, language="de", assessment="Eins.[@a][@b] Zwei.[@b]^[Die Zahl ist umstritten.]"
    )
    assert "„Beta Story“. Die Zahl ist umstritten." in text
