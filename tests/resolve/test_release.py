"""Tearline releases (resolve/release.py): what a release keeps, drops, renumbers and refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep import BriefError
from sitrep.model.marking import TLP
from sitrep.resolve import resolve


def brief(**fields: Any) -> sitrep.Brief:
    data: dict[str, Any] = {
        "title": "Port strike",
        "date": "2024-03-22",
        "marking": "TLP:AMBER",
        "field_markings": {"title": "TLP:CLEAR"},
    }
    return sitrep.Brief.model_validate(data | fields)


SOURCES = [
    {"id": "nos", "title": "Havenstaking", "marking": "TLP:CLEAR"},
    {"id": "informant", "title": "Debrief of a port official"},
    {"id": "lloyds", "title": "Carriers divert", "marking": "TLP:GREEN"},
]


def test_only_portions_at_or_below_the_release_are_kept_and_marked_with_it() -> None:
    full = brief(
        what=[
            {"text": "Unions struck.", "marking": "TLP:CLEAR"},
            {"text": "An informant says a week."},
            {"text": "Carriers diverted.", "marking": "TLP:GREEN"},
        ],
        recommendations=["Call the client.", {"text": "Reroute.", "marking": "TLP:GREEN"}],
    )
    green = sitrep.release(full, "TLP:GREEN")
    assert green.marking is TLP.GREEN
    assert [event.text for event in green.what] == ["Unions struck.", "Carriers diverted."]
    assert [str(item) for item in green.recommendations] == ["Reroute."]
    clear = sitrep.release(full, "clear")
    assert [event.text for event in clear.what] == ["Unions struck."]
    assert clear.recommendations == []
    assert full.what[1].text == "An informant says a week."  # the brief itself is untouched


def test_notes_are_numbered_afresh_and_sources_of_removed_portions_go() -> None:
    full = brief(
        what=[
            {"text": "Informant [@informant].", "marking": "TLP:AMBER"},
            {"text": "Unions struck [@nos].", "marking": "TLP:CLEAR"},
            {"text": "Carriers diverted [@lloyds].", "marking": "TLP:GREEN"},
        ],
        sources=[*SOURCES, {"id": "atlas", "title": "Port atlas", "marking": "TLP:CLEAR"}],
        bibliography=True,
        source_table=True,
    )
    resolved = resolve(sitrep.release(full, "TLP:GREEN"))
    assert [note.number for note in resolved.notes] == [1, 2]
    assert [entry.source_id for entry in resolved.bibliography] == ["lloyds", "nos"]
    assert {row.source_id for row in resolved.source_table} == {"nos", "lloyds", "atlas"}


def test_a_source_cited_only_by_removed_portions_goes_even_if_it_could_be_released() -> None:
    full = brief(
        what=[
            {"text": "Secret [@nos].", "marking": "TLP:AMBER"},
            {"text": "Open.", "marking": "TLP:CLEAR"},
        ],
        sources=[SOURCES[0]],
    )
    assert sitrep.release(full, "TLP:GREEN").sources == []


def test_an_uncited_source_stays_only_if_its_marking_allows() -> None:
    full = brief(sources=[SOURCES[0], SOURCES[1]])
    assert [s.id for s in sitrep.release(full, "TLP:GREEN").sources] == ["nos"]


def test_an_unmarked_portion_takes_its_list_marking_then_the_briefs() -> None:
    full = brief(
        field_markings={"title": "TLP:CLEAR", "gaps": "TLP:GREEN", "bluf": "TLP:GREEN"},
        gaps=["What the union wants."],
        assumptions=["The port reopens."],
        bluf="Short strike.",
        assessment="Client exposure is high.",
    )
    green = sitrep.release(full, "TLP:GREEN")
    assert [str(gap) for gap in green.gaps] == ["What the union wants."]
    assert green.assumptions == []
    assert green.bluf == "Short strike."
    assert green.assessment is None


def test_a_theme_keeps_its_released_events_and_goes_when_none_is_left() -> None:
    full = brief(
        what=[
            {
                "theme": "Shipping",
                "marking": "TLP:GREEN",
                "events": [{"text": "Diverted."}, {"text": "Cargo held.", "marking": "TLP:AMBER"}],
            },
            {
                "theme": "Client",
                "marking": "TLP:GREEN",
                "events": [{"text": "Client cargo.", "marking": "TLP:AMBER"}],
            },
        ]
    )
    green = sitrep.release(full, "TLP:GREEN")
    assert [(t.theme, [e.text for e in t.events]) for t in green.what] == [
        ("Shipping", ["Diverted."])
    ]


def test_an_indicator_cannot_name_a_scenario_a_release_would_remove() -> None:
    """A GREEN indicator naming an AMBER scenario is refused at validation (it would print the
    scenario's name in the GREEN release), so the release never has to drop the name."""
    with pytest.raises(BriefError, match=r"indicators\[0\]\.scenario: names the scenario"):
        brief(
            outlook=[{"name": "Client collapse", "text": "The client folds."}],
            indicators=[
                {"text": "Layoffs.", "scenario": "Client collapse", "marking": "TLP:GREEN"}
            ],
        )


def test_a_release_at_or_above_the_briefs_marking_changes_nothing() -> None:
    full = brief(what=[{"text": "Informant."}])
    assert sitrep.release(full, "TLP:RED") == full
    assert sitrep.release(full, "TLP:AMBER") == full


def _problem(error: pytest.ExceptionInfo[BriefError]) -> str:
    return str(error.value)


def test_a_brief_with_no_marking_is_refused() -> None:
    with pytest.raises(BriefError, match="has no marking"):
        sitrep.release(sitrep.Brief(title="T", date="2024-01-01"), "TLP:GREEN")


def test_a_title_above_the_release_is_refused_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("title: Client X in trouble\ndate: 2024-01-01\nmarking: amber\n")
    with pytest.raises(BriefError) as error:
        sitrep.release(sitrep.load(path), "TLP:GREEN")
    assert f"{path}:1: title: is TLP:AMBER, above the release at TLP:GREEN" in _problem(error)


def test_a_released_portion_citing_a_source_above_the_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-01-01\nmarking: amber\nfield_markings: {title: clear}\n"
        "what:\n  - text: Secret.\n  - text: Open [@informant].\n    marking: green\n"
        "sources:\n  - id: informant\n    title: Debrief\n"
    )
    with pytest.raises(BriefError) as error:
        sitrep.release(sitrep.load(path), "TLP:GREEN")
    assert f"{path}:7: what[1].text: cites source 'informant', which is TLP:AMBER" in _problem(
        error
    )


def test_an_unknown_release_label_is_refused() -> None:
    with pytest.raises(BriefError, match=r"'TLP:PURPLE' is not a TLP 2\.0 label"):
        sitrep.release(brief(), "TLP:PURPLE")


def test_a_portion_above_the_briefs_marking_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-01-01\nmarking: green\nrecommendations:\n  - Open.\n"
        "  - text: Call the client.\n    marking: amber\n"
    )
    with pytest.raises(BriefError) as error:
        sitrep.load(path)
    assert f"{path}:7: recommendations[1].marking: is marked TLP:AMBER" in _problem(error)
    assert "above the brief's marking TLP:GREEN" in _problem(error)


def test_portions_marked_in_a_brief_with_no_marking_are_an_error() -> None:
    with pytest.raises(BriefError, match=r"what\[0\]\.marking: is marked TLP:GREEN but the brief"):
        sitrep.Brief(title="T", date="2024-01-01", what=[{"text": "x", "marking": "green"}])


def test_render_takes_the_release_and_shows_its_marking() -> None:
    full = brief(what=[{"text": "Informant."}, {"text": "Unions struck.", "marking": "clear"}])
    text = sitrep.render(full, "md", release="TLP:GREEN")
    assert isinstance(text, bytes)
    assert b"TLP:GREEN" in text and b"AMBER" not in text and b"Informant" not in text


def test_portion_marks_lead_each_portion_in_every_format() -> None:
    import io
    import zipfile

    import pdfplumber

    marked = brief(
        portion_marks=True,
        what=[{"text": "Unions struck.", "marking": "clear"}],
        gaps=[{"text": "Union aims.", "marking": "green"}],
    )
    for fmt in ("md", "html", "misp"):
        out = sitrep.render(marked, fmt)
        assert isinstance(out, bytes)
        shown = out.decode().replace("\\", "")  # Markdown escapes "(", JSON the escape
        assert "(TLP:CLEAR) Unions struck." in shown, fmt
        assert "(TLP:GREEN) Union aims." in shown, fmt
    docx = sitrep.render(marked, "docx")
    assert isinstance(docx, bytes)
    assert (
        "(TLP:CLEAR) Unions struck."
        in zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    )
    pdf = sitrep.render(marked, "pdf")
    assert isinstance(pdf, bytes)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join((page.extract_text() or "") for page in document.pages)
    assert "(TLP:CLEAR) Unions struck." in " ".join(text.split())
    plain = sitrep.render(marked.model_copy(update={"portion_marks": False}), "md")
    assert isinstance(plain, bytes) and b"(TLP:" not in plain
    assert b"\\(TLP:GREEN\\) Union aims." in sitrep.render(
        marked.model_copy(update={"portion_marks": False}), "md", portion_marks=True
    )


def test_the_cli_renders_a_release(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-01-01\nmarking: amber\nfield_markings: {title: clear}\n"
        "what:\n  - text: Informant.\n  - text: Unions struck.\n    marking: clear\n"
    )
    out = tmp_path / "green.md"
    run = [sys.executable, "-m", "sitrep", "render", str(path), "-o", str(out), "-q"]
    done = subprocess.run([*run, "--release", "green"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Unions struck." in out.read_text() and "Informant" not in out.read_text()
    bad = subprocess.run([*run, "--release", "purple"], capture_output=True, text=True)
    assert bad.returncode == 2 and "'purple' is not a TLP 2.0 label" in bad.stderr


def test_every_brief_field_is_a_portion_or_a_setting_and_every_portion_is_released() -> None:
    """A field added to the brief (by any feature) must be sorted before it can ship, so that a
    release never passes on content it was not told about."""
    from sitrep.model.portions import MARKABLE_FIELDS, SETTINGS_FIELDS
    from sitrep.resolve.release import HANDLED

    fields = set(sitrep.Brief.model_fields)
    assert fields - set(MARKABLE_FIELDS) - set(SETTINGS_FIELDS) == set()
    assert set(MARKABLE_FIELDS) & set(SETTINGS_FIELDS) == set()
    assert sorted(HANDLED) == sorted(MARKABLE_FIELDS)


def test_a_release_never_writes_over_a_file_of_a_removed_portion(tmp_path: Path) -> None:
    """The output check looks at the whole brief: an AMBER attachment left out of the GREEN
    copy is still an input, and a render named like it is refused, the file untouched."""
    annex = tmp_path / "annex.pdf"
    annex.write_bytes(b"%PDF-1.7 the annex sent to the client")
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-01-01\nmarking: amber\nfield_markings: {title: clear}\n"
        "what:\n  - text: Unions struck.\n    marking: green\n"
        "attachments:\n  - path: annex.pdf\n    marking: amber\n",
        encoding="utf-8",
    )
    brief = sitrep.load(path)
    with pytest.raises(sitrep.SitrepError, match=r"annex\.pdf"):
        sitrep.render(brief, annex, release="TLP:GREEN")
    assert annex.read_bytes() == b"%PDF-1.7 the annex sent to the client"
