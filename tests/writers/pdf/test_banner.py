"""The banner and the DRAFT watermark on the finished PDF, page by page.

Checked on the written file only: pdfplumber reads the characters at the top and bottom of every
page (the page margins, 24 mm and 25 mm in base.css) and their marked-content tags.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.model import Brief
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

MM = 72 / 25.4
FIXTURE = Path(__file__).parent / "fixtures" / "draft-banner" / "brief.yaml"
BANNER = "OFFICIAL-SENSITIVE // REL TO NLD, BEL, LUX // COMMERCIAL"


def _pdf(brief: Brief, variant: str | None = None) -> bytes:
    return write_pdf(resolve(brief), RenderOptions(pdf_variant=variant, warn=lambda _: None))


def _slanted(char: dict[str, Any]) -> bool:
    """Set at an angle: the text matrix has a rotation part (pdfminer's `upright` allows 45°)."""
    return abs(char["matrix"][1]) > 0.01


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _bands(data: bytes) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(text in the top margin, text in the bottom margin, every char) of each page."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            chars = page.chars
            upright = [c for c in chars if not _slanted(c)]
            top = "".join(c["text"] for c in upright if c["bottom"] <= 24 * MM)
            bottom = "".join(c["text"] for c in upright if c["top"] >= page.height - 25 * MM)
            pages.append((top, bottom, chars))
    return pages


@pytest.fixture(scope="module")
def draft() -> Brief:
    return sitrep.load(FIXTURE)


@pytest.mark.parametrize("variant", [None, "pdf/ua-1", "pdf/a-3b"])
def test_every_page_has_the_banner_at_top_and_bottom(draft: Brief, variant: str | None) -> None:
    pages = _bands(_pdf(draft, variant))
    assert len(pages) >= 3  # the fixture runs over pages, so running content is tested
    for number, (top, bottom, _) in enumerate(pages, 1):
        for text, where in ((top, "top"), (bottom, "bottom")):
            for piece in (BANNER, "TLP:AMBER", "PAP:GREEN"):
                assert _squash(piece) in _squash(text), (number, where, piece, text)


def _mcids(element: pikepdf.Object) -> list[int]:
    found: list[int] = []
    kids = element.get("/K")
    for kid in (
        (list(kids) if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []
    ):
        if isinstance(kid, int):
            found.append(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += _mcids(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
            found.append(int(kid.MCID))
    return found


def test_the_banner_is_read_once_first_and_its_repeats_are_artifacts(draft: Brief) -> None:
    data = _pdf(draft, "pdf/ua-1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot.K
        document = root[0] if isinstance(root, pikepdf.Array) else root
        first = document.K[0]
        assert pdf.pages[0].obj.objgen == first.Pg.objgen
        mcids = set(_mcids(first))
    with pdfplumber.open(io.BytesIO(data)) as plumbed:
        first_page = plumbed.pages[0].chars
        read_first = "".join(c["text"] for c in first_page if c.get("mcid") in mcids)
        content = "".join(
            c["text"] for page in plumbed.pages for c in page.chars if c.get("tag") != "Artifact"
        )
    assert _squash(read_first) == _squash(BANNER + "TLP:AMBER PAP:GREEN")
    assert _squash(content).count(_squash(BANNER)) == 1


def _watermark_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Text set on a slant: the watermark was, before it was drawn as outlines (test_watermark.py).
    return [c for c in chars if _slanted(c)]


def test_the_watermark_leaves_the_text_selectable_and_whole(draft: Brief) -> None:
    # Every word of the body is still extracted, in order, with the watermark on top.
    with pdfplumber.open(io.BytesIO(_pdf(draft))) as document:
        text = " ".join(page.extract_text() or "" for page in document.pages)
    assert "Shipping through the corridor is likely to slow through July" in " ".join(text.split())


def test_a_final_brief_has_no_watermark_and_the_masthead_says_nothing(draft: Brief) -> None:
    final = draft.model_copy(update={"status": "final", "version": None}).validated()
    pages = _bands(_pdf(final))
    assert all(_watermark_chars(chars) == [] for _, _, chars in pages)
    assert "DRAFT" not in "".join(c["text"] for _, _, chars in pages for c in chars)


def test_the_masthead_says_draft_and_version(draft: Brief) -> None:
    with pdfplumber.open(io.BytesIO(_pdf(draft))) as document:
        first = document.pages[0].extract_text() or ""
    assert "DRAFT V0.3" in first.upper().replace("\n", " ")


def test_a_tlp_only_brief_keeps_its_single_label() -> None:
    plain = Brief(title="Plain", date="2024-01-01", marking="TLP:RED")
    for top, bottom, _ in _bands(_pdf(plain)):
        assert top.strip().endswith("TLP:RED") and bottom.strip().endswith("TLP:RED")


_WORDS = st.text(
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ<>&\"'/-_ ()0123456789éØ"), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=_WORDS,
    caveats=st.lists(_WORDS, max_size=3),
    pap=st.sampled_from([None, "PAP:CLEAR", "PAP:RED"]),
    marking=st.sampled_from([None, "TLP:GREEN", "TLP:AMBER+STRICT"]),
)
def test_any_banner_is_on_every_page_of_the_pdf(
    draft: Brief, level: str, caveats: list[str], pap: str | None, marking: str | None
) -> None:
    brief = draft.model_copy(
        update={"classification": level, "caveats": caveats, "pap": pap, "marking": marking}
    ).validated()
    assert brief.classification is not None
    line = " // ".join([brief.classification.level, *brief.caveats])
    labels = [label for label in (marking, pap) if label]
    for number, (top, bottom, _) in enumerate(_bands(_pdf(brief)), 1):
        for text in (top, bottom):
            for piece in (line, *labels):
                assert _squash(piece) in _squash(text), (number, piece, text)
