"""Briefs that put footnotes on the wrong page before the repair, kept as fixtures.

Each was written from scratch, as a new user would (issue 10): an intel brief on a pipeline
incident (notes called late on page 1 were printed on page 2, reversed, and one was lost), a
Markdown analysis with a figure (notes called on page 1 printed on page 2 after a later note),
and a 30-event brief built from a CSV with the Python API (a note a page late).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

import sitrep
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

FIXTURES = Path(__file__).parent / "fixtures"
Problems = Callable[[bytes, list[int]], list[str]]


def _events_brief() -> sitrep.Brief:
    with (FIXTURES / "events-30.csv").open(encoding="utf-8", newline="") as file:
        events = list(csv.DictReader(file))
    return sitrep.Brief(
        title="Ship movements over Baltic cables, November 2023",
        date="2023-11-20",
        marking="TLP:GREEN",
        where="Gulf of Finland and the Baltic Sea",
        what=events,
        assessment=(
            "Loitering over cables has become more frequent since October. [@nbi] Most cases "
            "have innocent explanations.^[Weather, engine trouble and waiting for a berth "
            "explain most slow passages.] [@coastguard]"
        ),
        key_judgments=[
            {
                "text": "More cables will be damaged this winter. [@err; @yle]",
                "likelihood": "likely",
                "confidence": "moderate",
            }
        ],
        sources=[
            {
                "id": "marinetraffic",
                "title": "Vessel positions, Gulf of Finland",
                "type": "dataset",
                "publisher": "MarineTraffic",
                "url": "https://www.marinetraffic.com/en/ais/home/centerx:24.1/centery:59.8/zoom:8",
            },
            {
                "id": "yle",
                "title": "Ships under scrutiny in the Gulf of Finland",
                "type": "news",
                "container": "Yle News",
                "date": "2023-11-10",
                "url": "https://yle.fi/a/74-20059999",
            },
            {
                "id": "err",
                "title": "Estonian navy follows suspicious vessels",
                "type": "news",
                "container": "ERR News",
                "date": "2023-11-12",
                "url": "https://news.err.ee/1609160000/estonian-navy-follows-suspicious-vessels",
            },
            {
                "id": "nbi",
                "title": "Balticconnector investigation update",
                "type": "report",
                "author": "National Bureau of Investigation",
                "date": "2023-11-15",
                "url": "https://poliisi.fi/en/-/balticconnector-investigation-update",
            },
            {
                "id": "coastguard",
                "title": "Gulf of Finland coastguard log",
                "type": "dataset",
                "publisher": "Finnish Border Guard",
                "date": "2023-11-18",
            },
        ],
    )


def _file_briefs() -> list[Path]:
    return sorted(
        [*FIXTURES.glob("*.yaml"), *FIXTURES.glob("*/brief.md"), *FIXTURES.glob("*/brief.yaml")]
    )


@pytest.mark.parametrize(
    "path", _file_briefs(), ids=lambda p: p.parent.name if p.stem == "brief" else p.stem
)
def test_fixture_notes_on_their_calls_pages(
    path: Path, note_problems: Problems, hyphen_problems: Callable[[bytes], list[str]]
) -> None:
    resolved = resolve(sitrep.load(path))
    warnings: list[str] = []
    pdf = write_pdf(resolved, RenderOptions(warn=warnings.append))
    assert not warnings
    assert note_problems(pdf, [note.number for note in resolved.notes]) == []
    assert hyphen_problems(pdf) == []  # after the repairs, on the final layout


def test_thirty_events_from_the_python_api(note_problems: Problems) -> None:
    resolved = resolve(_events_brief())
    assert len(resolved.brief.what) == 30
    warnings: list[str] = []
    pdf = write_pdf(resolved, RenderOptions(warn=warnings.append))
    assert not warnings
    assert note_problems(pdf, [note.number for note in resolved.notes]) == []


def test_a_note_longer_than_a_page_renders_with_one_warning(
    tmp_path: Path, note_problems: Problems
) -> None:
    long_note = " ".join(["The anchor dragged along the seabed for many miles."] * 160)
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: Long note\ndate: 2023-10-12\n"
        f"assessment: 'First.^[Short note.] Second.^[{long_note}] Third.^[Another note.]'\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    resolved = resolve(sitrep.load(path))
    pdf = write_pdf(resolved, RenderOptions(warn=warnings.append))
    assert len(warnings) == 1, warnings
    # the note starts at the foot of its call's page and runs on in the notes at the end
    assert warnings[0] == (
        "footnote 2 is longer than a page: it starts on page 1 and continues on page 1 in the "
        "notes at the end"
    )
    assert note_problems(pdf, [note.number for note in resolved.notes]) == []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join(" ".join(page.extract_text().split()) for page in document.pages)
    assert text.count("anchor") == 160 and text.count("many miles.") == 160  # no word lost
    assert "NOTES 2. (continued) The anchor" in text


def test_a_note_longer_than_a_page_runs_on_at_the_end_with_one_warning(
    note_problems: Problems,
) -> None:
    """The note (74 sentences, about 1.3 pages of 7.8pt type) was printed whole on the page
    after its call, above the top margin and over the running head, its first lines lost."""
    resolved = resolve(sitrep.load(FIXTURES / "long-note" / "long-note.yaml"))
    warnings: list[str] = []
    pdf = write_pdf(resolved, RenderOptions(warn=warnings.append))
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("footnote 1 is longer than a page: it starts on page 1 ")
    assert "continues on page 2 in the notes at the end" in warnings[0]
    assert note_problems(pdf, [note.number for note in resolved.notes]) == []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() for page in document.pages]
        for page in document.pages:  # nothing set outside the page or over the running head
            assert all(c["top"] >= 0 and c["bottom"] <= page.height for c in page.chars)
            head = "".join(c["text"] for c in page.chars if c["top"] < 20 * 72 / 25.4)
            assert head in ("", "Long note"), (page, head)  # the running head, alone
    text = " ".join(" ".join(page.split()) for page in pages)
    for number in range(1, 75):  # every sentence of the note, once
        assert text.count(f"Sentence {number}:") == 1, number
    assert text.count("FINALWORD.") == 1
    assert "valve. (continued on page 2)" in text and "Notes 1. (continued) Sentence 27:" in text
