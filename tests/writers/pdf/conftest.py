"""Fixtures for the PDF tests: footnote calls and note bodies read off a finished PDF.

Nothing here trusts the HTML or WeasyPrint's boxes: a call is a number set in the call size
(base.css: 6.5pt) inside the text block, a note body starts with "N." in the note size (7.8pt)
hanging in the left margin of the footnote area. Tests use the `note_problems` fixture.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import pytest

MM = 72 / 25.4
CALL_SIZE = 6.5  # .footnote::footnote-call font size in base.css
NOTE_SIZE = 7.8  # .footnote font size in base.css
TOP_BAND = 20 * MM  # running header above this
BOTTOM_BAND = 22 * MM  # page footer below this (from the bottom edge)


@dataclass
class PageNotes:
    """One page: its calls in reading order and its note bodies from top to bottom."""

    number: int
    calls: list[tuple[int, float, float]] = field(default_factory=list)  # (note, top, x0)
    markers: list[tuple[int, float]] = field(default_factory=list)  # (note, top)
    text_bottom: float = 0.0  # lowest line of body text (type of 9pt and more)
    height: float = 0.0

    @property
    def calls_in_order(self) -> list[int]:
        """Calls by line (tops within 3pt are one line), then left to right."""
        ordered = sorted(self.calls, key=lambda c: (c[1], c[2]))
        lines: list[list[tuple[int, float, float]]] = []
        for call in ordered:
            if lines and abs(lines[-1][0][1] - call[1]) < 3:
                lines[-1].append(call)
            else:
                lines.append([call])
        return [c[0] for line in lines for c in sorted(line, key=lambda c: c[2])]

    @property
    def notes_in_order(self) -> list[int]:
        return [number for number, _ in sorted(self.markers, key=lambda m: m[1])]


def _near(size: float, target: float) -> bool:
    return abs(size - target) < 0.25


def _runs(chars: list[dict[str, Any]]) -> list[tuple[str, float, float, float]]:
    """Adjacent characters of one size on one baseline, as (text, top, x0, size)."""
    runs: list[tuple[str, float, float, float]] = []
    text, top, x0, x1, size = "", 0.0, 0.0, 0.0, 0.0
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        same = (
            text
            and abs(char["top"] - top) < 0.5
            and abs(char["size"] - size) < 0.05
            and -0.5 < char["x0"] - x1 < 1.0
        )
        if same:
            text += char["text"]
            x1 = char["x1"]
            continue
        if text:
            runs.append((text, top, x0, size))
        text, top, x0, x1, size = char["text"], char["top"], char["x0"], char["x1"], char["size"]
    if text:
        runs.append((text, top, x0, size))
    return runs


def _split_calls(digits: str, last: int) -> list[int]:
    """Calls set side by side ("1213") read as one run: split them into last+1, last+2, ...

    The resolver numbers notes in reading order, so adjacent calls are consecutive numbers.
    """
    out: list[int] = []
    rest = digits
    while rest:
        expected = str(last + 1)
        if not rest.startswith(expected) or rest == expected:
            out.append(int(rest))
            break
        out.append(last + 1)
        rest, last = rest[len(expected) :], last + 1
    return out


def read_pdf_notes(data: bytes) -> list[PageNotes]:
    """Every page's calls and note bodies, read from the PDF's characters."""
    pages: list[PageNotes] = []
    last = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            notes = PageNotes(number, height=float(page.height))
            inside = [
                c
                for c in page.chars
                if c["top"] > TOP_BAND and c["bottom"] < page.height - BOTTOM_BAND
            ]
            for text, top, x0, size in _runs(inside):
                digits = text.strip()
                if _near(size, CALL_SIZE) and digits.isdigit():
                    for offset, number in enumerate(_split_calls(digits, last)):
                        notes.calls.append((number, top, x0 + offset * 0.01))
                        last = max(last, number)
                elif (
                    _near(size, NOTE_SIZE)
                    and x0 < 25 * MM
                    and digits[:-1].isdigit()
                    and digits.endswith(".")
                ):
                    notes.markers.append((int(digits[:-1]), top))
            notes.text_bottom = max(
                (c["bottom"] for c in inside if c["size"] >= 9 and c["text"].strip()), default=0.0
            )
            pages.append(notes)
    return pages


def invariant_problems(data: bytes, numbers: list[int]) -> list[str]:
    """What breaks "every note body at the bottom of its call's page, in call order"."""
    pages = read_pdf_notes(data)
    problems: list[str] = []
    call_pages: dict[int, list[int]] = {}
    body_pages: dict[int, list[int]] = {}
    for page in pages:
        for note, _top, _x in page.calls:
            call_pages.setdefault(note, []).append(page.number)
        for note, top in page.markers:
            body_pages.setdefault(note, []).append(page.number)
            if top <= page.text_bottom:
                problems.append(f"note {note} on page {page.number} is not below the text")
        if page.notes_in_order != sorted(n for n, _ in page.markers):
            problems.append(f"page {page.number}: notes printed as {page.notes_in_order}")
        if page.calls_in_order != sorted(n for n, _, _ in page.calls):
            problems.append(f"page {page.number}: calls read as {page.calls_in_order}")
    for note in numbers:
        calls, bodies = call_pages.get(note, []), body_pages.get(note, [])
        if len(calls) != 1 or len(bodies) != 1:
            problems.append(f"note {note}: called on pages {calls}, printed on pages {bodies}")
        elif calls != bodies:
            problems.append(f"note {note}: called on page {calls[0]}, printed on page {bodies[0]}")
    extra = (set(call_pages) | set(body_pages)) - set(numbers)
    if extra:
        problems.append(f"numbers read that are no notes: {sorted(extra)}")
    for page in pages:
        called = sorted(n for n, _, _ in page.calls)
        if called != page.notes_in_order:
            problems.append(f"page {page.number}: calls {called}, notes {page.notes_in_order}")
    return problems


@pytest.fixture(scope="session")
def note_problems() -> Callable[[bytes, list[int]], list[str]]:
    """`invariant_problems`: what a PDF breaks of the footnote invariant (empty if nothing)."""
    return invariant_problems


_HYPHENS = ("-", "\u2010", "\u00ad")


def hyphen_runs(data: bytes, most: int = 2) -> list[str]:
    """Runs of more than `most` justified lines in a row that end in a hyphen, read off the PDF.

    A justified line reaches the right edge of its column: body-size lines (9pt and more) are
    grouped by baseline, and a line counts when it ends in a hyphen within 1.5pt of the rightmost
    line end on its page. The run carries over a page break, as a reader's eye does.
    """
    problems: list[str] = []
    run: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = [
                c
                for c in page.chars
                if c["size"] >= 9
                and c["top"] > TOP_BAND
                and c["bottom"] < page.height - BOTTOM_BAND
                and c["text"].strip()
            ]
            lines: dict[int, list[dict[str, Any]]] = {}
            for char in chars:
                lines.setdefault(round(char["top"]), []).append(char)
            right = max((max(c["x1"] for c in line) for line in lines.values()), default=0.0)
            for top in sorted(lines):
                line = sorted(lines[top], key=lambda c: c["x0"])
                last = line[-1]
                text = "".join(c["text"] for c in line)
                if last["text"] in _HYPHENS and last["x1"] > right - 1.5:
                    run.append(f"page {page.page_number}: {text[-30:]}")
                    if len(run) == most + 1:
                        problems.append(" / ".join(run))
                else:
                    run = []
    return problems


@pytest.fixture(scope="session")
def hyphen_problems() -> Callable[[bytes], list[str]]:
    """`hyphen_runs`: runs of more than two hyphenated justified lines in a PDF."""
    return hyphen_runs
