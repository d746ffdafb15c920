"""Footnotes: each body at the bottom of the page holding its call, numbered like the resolver."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import yaml

import sitrep
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

ROOT = Path(__file__).parents[3]
MANY = Path(__file__).parents[1] / "fixtures" / "many-notes.yaml"
BRIEFS = [
    ROOT / "tests" / "fixtures" / "briefs" / "simple.yaml",
    ROOT / "tests" / "fixtures" / "briefs" / "full.yaml",
    MANY,
    *[
        p
        for p in (
            ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml",
            ROOT / "examples" / "russia-north-korea-alliance" / "brief.yaml",
            ROOT / "examples" / "putin-kim-article" / "brief.md",
        )
        if p.exists()
    ],
    # briefs with every tradecraft element (docs/tradecraft.md)
    *sorted((ROOT / "tests" / "check" / "fixtures" / "briefs").iterdir()),
]
MM = 72 / 25.4
CALL_SIZE = 6.5  # ::footnote-call font size in base.css
NOTE_SIZE = 7.8  # .footnote font size in base.css


@dataclass
class Layout:
    calls: dict[int, tuple[int, float]]  # note number -> (page, top)
    markers: dict[int, tuple[int, float]]  # note number -> (page, top)
    body_bottom: dict[int, float]  # page -> lowest body-text line
    heights: dict[int, float]


def _near(size: float, target: float) -> bool:
    return abs(size - target) < 0.1  # figure captions are 8 pt, notes 7.8 pt


def read_layout(data: bytes) -> Layout:
    calls: dict[int, tuple[int, float]] = {}
    markers: dict[int, tuple[int, float]] = {}
    body_bottom: dict[int, float] = {}
    heights: dict[int, float] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            heights[number] = page.height
            words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            inside = [
                w for w in words if w["top"] > 20 * MM and w["bottom"] < page.height - 22 * MM
            ]
            for word in inside:
                if word["text"].isdigit() and _near(word["size"], CALL_SIZE):
                    note = int(word["text"])
                    assert note not in calls, f"note {note} called twice"
                    calls[note] = (number, word["top"])
                elif (
                    re.fullmatch(r"\d+\.", word["text"])
                    and _near(word["size"], NOTE_SIZE)
                    and word["x0"] < 25 * MM  # the marker hangs in the left margin of the note
                ):
                    markers[int(word["text"][:-1])] = (number, word["top"])
            body = [w["bottom"] for w in inside if w["size"] >= 9]
            body_bottom[number] = max(body, default=0.0)
    return Layout(calls, markers, body_bottom, heights)


def _ids(path: Path) -> str:
    return path.parent.name if path.name.startswith("brief.") else path.stem


@pytest.mark.parametrize("path", BRIEFS, ids=_ids)
def test_every_note_at_the_bottom_of_its_calls_page(path: Path) -> None:
    resolved = resolve(sitrep.load(path))
    layout = read_layout(write_pdf(resolved, RenderOptions()))
    numbers = [note.number for note in resolved.notes]
    assert sorted(layout.calls) == numbers, "every note is called once, with its own number"
    assert sorted(layout.markers) == numbers, "every note body is printed once"
    for note in numbers:
        call_page, _call_top = layout.calls[note]
        note_page, note_top = layout.markers[note]
        assert note_page == call_page, f"note {note}: call on page {call_page}, body on {note_page}"
        assert note_top > layout.body_bottom[note_page], f"note {note} is not below the text"
        assert note_top > layout.heights[note_page] / 2, f"note {note} is not in the bottom half"
    # numbers ascend down the pages: the resolver numbered them in reading order
    order = sorted(numbers, key=lambda n: layout.calls[n])
    assert order == numbers


def test_many_notes_on_one_page_and_a_long_note() -> None:
    resolved = resolve(sitrep.load(MANY))
    assert len(resolved.notes) == 40
    layout = read_layout(write_pdf(resolved, RenderOptions()))
    per_page: dict[int, int] = {}
    for page, _ in layout.markers.values():
        per_page[page] = per_page.get(page, 0) + 1
    assert max(per_page.values()) >= 15, per_page
    assert layout.markers[23][0] == layout.calls[23][0], "the long note starts on its call's page"


def test_numbers_are_the_resolvers_not_a_css_counter(tmp_path: Path) -> None:
    """A user template printing recommendations before the assessment: WeasyPrint's own
    footnote counter would number the first call 1; the resolver numbered it 3."""
    text = (
        "template: intel-brief\ntitle: T\ndate: 2023-09-15\n"
        "assessment: |\n  One.^[First note.] Two.^[Second note.]\n"
        "recommendations:\n  - Three.^[Third note.]\n"
    )
    brief_file = tmp_path / "brief.yaml"
    brief_file.write_text(text, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}\n'
        "{% block content %}<ol>{% for r in doc.recommendations %}<li>{{ h.flat(r) }}</li>"
        "{% endfor %}</ol>{{ h.rich(doc.assessment) }}{% endblock %}\n",
        encoding="utf-8",
    )
    resolved = resolve(sitrep.load(brief_file))
    data = write_pdf(resolved, RenderOptions(template=templates))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page_text = pdf.pages[0].extract_text()
    assert "Three.3" in page_text and "One.1" in page_text
    lines = page_text.splitlines()
    notes = [line for line in lines if re.match(r"\d\. ", line) and line.endswith("note.")]
    assert notes == ["3. Third note.", "1. First note.", "2. Second note."]


def test_call_stays_on_the_line_of_its_word() -> None:
    resolved = resolve(sitrep.load(MANY))
    html = sitrep.render(sitrep.load(MANY), "html")
    assert isinstance(html, bytes)
    assert 'background.\u2060<a class="note-ref"' in html.decode("utf-8")
    assert resolved.notes


def _marker_gaps(data: bytes) -> dict[int, float]:
    """Each note's number ("100.") and the gap, in points, to the first letter of its text."""
    gaps: dict[int, float] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if abs(c["size"] - NOTE_SIZE) < 0.25]
            lines: dict[int, list[dict[str, object]]] = {}
            for char in chars:
                lines.setdefault(round(float(char["top"])), []).append(char)
            for line in lines.values():
                line.sort(key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
                text = "".join(str(c["text"]) for c in line)
                found = re.match(r"(\d+)\.", text)
                if found and float(line[0]["x0"]) < 25 * MM:  # type: ignore[arg-type]
                    dot, after = line[len(found.group(1))], line[len(found.group(0))]
                    gaps[int(found.group(1))] = float(after["x0"]) - float(dot["x1"])  # type: ignore[arg-type]
    return gaps


def test_three_digit_note_numbers_do_not_touch_their_text(tmp_path: Path) -> None:
    events = [
        {"date": "2023-10-08", "text": f"Event {i} was reported.^[Coastguard log {i}.]"}
        for i in range(1, 103)
    ]
    path = tmp_path / "brief.yaml"
    path.write_text(
        yaml.safe_dump({"title": "Many notes", "date": "2023-10-12", "what": events}),
        encoding="utf-8",
    )
    pdf = write_pdf(resolve(sitrep.load(path)), RenderOptions())
    gaps = _marker_gaps(pdf)
    assert {9, 99, 100, 101, 102} <= set(gaps), sorted(gaps)
    # as much room after "100." as after "99." (at least 2.5pt), and never overprinted
    assert min(gaps.values()) >= 2.5, {n: round(g, 2) for n, g in gaps.items() if g < 2.5}
