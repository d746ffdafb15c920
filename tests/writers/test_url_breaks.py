"""In print, a URL breaks across lines only where CMOS 14.18 allows, never inside "https"."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pdfplumber
import pytest

import sitrep
from sitrep.inline.urls import url_pieces

ROOT = Path(__file__).resolve().parents[2]
LONG = [
    "https://www.bundesnetzagentur.de/DE/Fachthemen/ElektrizitaetundGas/Versorgungssicherheit/"
    "aktuelle_gasversorgung/start.html?nn=123456#Anker",
    "https://www.tagesschau.de/investigativ/nord-stream-ermittlungen-sabotage-ostsee-100.html",
    "https://www.zdf.de/nachrichten/politik/ausland/"
    "nord-stream-sabotage-ermittlungen-schweden-daenemark-deutschland-100.html",
]
BRIEFS = {
    "german": ROOT / "tests" / "writers" / "fixtures" / "same-text" / "german-quotes.yaml",
    "french": ROOT / "tests" / "writers" / "fixtures" / "same-text" / "french-quotes.yaml",
}


def _pdf_lines(brief: sitrep.Brief) -> str:
    with pdfplumber.open(io.BytesIO(sitrep.render(brief, "pdf"))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return text.replace("\u200b", "")


def _breaks(url: str, text: str) -> list[int]:
    """Where the printed URL was broken, as offsets into the URL; fails if it was changed."""
    pattern = "".join(re.escape(c) + "(\n?)" for c in url)
    match = re.search(pattern, text)
    assert match is not None, f"{url} is not printed as typed (a hyphen added, a char lost?)"
    return [i + 1 for i, group in enumerate(match.groups()) if group]


def _allowed(url: str) -> set[int]:
    return set(itertools.accumulate(len(piece) for piece in url_pieces(url)))


@pytest.mark.parametrize("url", LONG)
def test_long_urls_break_only_at_chicago_points(url: str) -> None:
    text = _pdf_lines(sitrep.load(BRIEFS["german"]))
    breaks = _breaks(url, text)
    assert breaks, f"{url} fits on one line; the test needs it to break"
    assert set(breaks) <= _allowed(url), f"{url} broken at {breaks}, allowed {_allowed(url)}"


def test_a_narrow_column_still_never_splits_the_scheme() -> None:
    url = "https://www.example.fr/analyses/2024/02/alliance-russie-coree-du-nord-vostochny?ref=rss&lang=fr"
    breaks = _breaks(url, _pdf_lines(sitrep.load(BRIEFS["french"])))
    assert all(b >= len("https://") for b in breaks)
    assert set(breaks) <= _allowed(url)
