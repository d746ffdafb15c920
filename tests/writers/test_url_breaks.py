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


PRINT_URLS = [
    "https://www.example.org/" + "_".join(["segment"] * 6) + "#" + "fragment" * 3,
    "https://subdomain.department.ministry.example.gov.uk/~analyst/reports_and_notes/2024",
    "https://www.example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/v1.2.3",
    "https://example.net/search?query=pipeline+sabotage&lang=en&page=12&sort=date#results",
    "https://www.verylongdomainnamefortesting.example/" + "-".join(["word"] * 12),
]


@pytest.mark.parametrize("width", [24, 37, 51])
def test_urls_set_with_few_boxes_in_print_still_break_only_at_chicago_points(width: int) -> None:
    """The PDF's HTML writes a URL piece that cannot break inside without a span of its own
    (a URL-heavy brief laid out twice as fast); the breaks are still only CMOS's, in every
    position on the line (`width` letters of text before each URL)."""
    lead = ("x" * 7 + " ") * (width // 8)
    brief = sitrep.Brief.model_validate(
        {
            "title": "URLs",
            "date": "2024-03-01",
            "what": [{"text": f"{lead}{url} end."} for url in PRINT_URLS],
        }
    )
    text = _pdf_lines(brief)
    breaks = {url: _breaks(url, text) for url in PRINT_URLS}
    assert sum(len(found) for found in breaks.values()) >= len(PRINT_URLS)  # they do break
    for url, found in breaks.items():
        assert set(found) <= _allowed(url), f"{url} broken at {found}"
