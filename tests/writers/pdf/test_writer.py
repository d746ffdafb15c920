"""The PDF writer: marking on every page, metadata, fonts, attachments, determinism."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

import sitrep
from sitrep.errors import RenderError
from sitrep.model.marking import TLP
from sitrep.resolve import resolve
from sitrep.writers.html import render_html
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf import fonts
from sitrep.writers.pdf.writer import write_pdf

ROOT = Path(__file__).parents[3]
BRIEFS = ROOT / "tests" / "fixtures" / "briefs"
EXAMPLES = ROOT / "examples"
MM = 72 / 25.4

ALL_BRIEFS = [
    BRIEFS / "simple.yaml",
    BRIEFS / "full.yaml",
    Path(__file__).parents[1] / "fixtures" / "many-notes.yaml",
    *[
        path
        for path in (
            EXAMPLES / "north-korea-russia-summit" / "brief.yaml",
            EXAMPLES / "russia-north-korea-alliance" / "brief.yaml",
            EXAMPLES / "putin-kim-article" / "brief.md",
        )
        if path.exists()
    ],
]


def _ids(path: Path) -> str:
    return path.parent.name if path.name.startswith("brief.") else path.stem


_CACHE: dict[Path, bytes] = {}


def pdf_of(path: Path, **options: Any) -> bytes:
    if options:
        return write_pdf(resolve(sitrep.load(path)), RenderOptions(**options))
    if path not in _CACHE:
        _CACHE[path] = write_pdf(resolve(sitrep.load(path)), RenderOptions())
    return _CACHE[path]


def _colour(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


@pytest.mark.parametrize("path", ALL_BRIEFS, ids=_ids)
def test_marking_and_page_numbers_on_every_page(path: Path) -> None:
    brief = sitrep.load(path)
    assert brief.marking is not None
    label = brief.marking.value
    with pdfplumber.open(io.BytesIO(pdf_of(path))) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["size"])
            marks = [w for w in words if w["text"] == label]
            top = [w for w in marks if w["bottom"] < 24 * MM]
            bottom = [w for w in marks if w["top"] > page.height - 25 * MM]
            assert len(top) == 1 and len(bottom) == 1, f"page {number}: {marks}"
            for word in (top[0], bottom[0]):
                assert word["size"] >= 12
                assert word["x1"] > page.width - 24 * MM, "marking must be right-aligned"
            chars = [
                c
                for c in page.chars
                if c["top"] < 24 * MM and c["x0"] >= top[0]["x0"] - 0.5 and c["text"] == "T"
            ]
            colour = tuple(round(v, 2) for v in chars[0]["non_stroking_color"])
            assert colour == tuple(round(v, 2) for v in _colour(brief.marking.colour))
            text = page.extract_text()
            assert f"Page {number} of {total}" in text


def test_marking_on_black_background() -> None:
    with pdfplumber.open(io.BytesIO(pdf_of(BRIEFS / "full.yaml"))) as pdf:
        page = pdf.pages[0]
        mark = next(w for w in page.extract_words() if w["text"].startswith("TLP:"))
        black = [
            r
            for r in page.rects
            if r["non_stroking_color"] in ((0,), (0, 0, 0), [0], [0, 0, 0], 0)
            and r["x0"] <= mark["x0"]
            and r["x1"] >= mark["x1"]
            and r["top"] <= mark["top"]
            and r["bottom"] >= mark["bottom"]
        ]
        assert black, "the TLP label sits on a black box"


def test_no_marking_without_one(tmp_path: Path) -> None:
    text = (BRIEFS / "simple.yaml").read_text(encoding="utf-8")
    text = text.replace('marking: "TLP:AMBER"\n', "")
    brief_file = tmp_path / "brief.yaml"
    brief_file.write_text(text, encoding="utf-8")
    data = pdf_of(brief_file, warn=lambda m: None)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "TLP" not in pdf.pages[0].extract_text()
        assert "Page 1 of 1" in pdf.pages[0].extract_text()


def test_tlp_colours_are_tlp_2() -> None:
    assert TLP.RED.colour == "#FF2B2B"
    assert TLP.AMBER.colour == TLP.AMBER_STRICT.colour == "#FFC000"


def test_metadata_and_bookmarks() -> None:
    reader = PdfReader(io.BytesIO(pdf_of(BRIEFS / "full.yaml")))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Full brief: every field"
    assert meta.author is not None and "Ana Analyst" in meta.author and "Ben Brief" in meta.author
    assert meta.subject is not None and meta.subject.startswith("A standfirst with emphasis")
    assert meta.get("/Keywords") == "North Korea, Russia, arms"
    assert meta.creation_date is not None and meta.creation_date.date().isoformat() == "2023-09-15"
    assert meta.modification_date is not None
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "Full brief: every field"
    flat = str(reader.outline)
    for heading in ("What happened?", "Assessment", "Key judgments", "Background"):
        assert heading in flat


def test_deterministic() -> None:
    path = BRIEFS / "full.yaml"
    first = pdf_of(path, warn=lambda m: None)
    second = pdf_of(path, warn=lambda m: None)
    assert first == second


def test_pdf_is_made_from_the_html_output() -> None:
    brief = sitrep.load(BRIEFS / "full.yaml")
    html = sitrep.render(brief, "html")
    assert isinstance(html, bytes)
    assert html.decode("utf-8") == render_html(resolve(brief), RenderOptions())


def test_hangul_and_cyrillic_have_real_glyphs() -> None:
    with pdfplumber.open(io.BytesIO(pdf_of(BRIEFS / "full.yaml"))) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    hangul = [c for c in chars if "\uac00" <= c["text"] <= "\ud7af"]
    cyrillic = [c for c in chars if "\u0400" <= c["text"] <= "\u04ff"]
    assert {c["text"] for c in hangul} >= set("김정은평양")
    assert {c["text"] for c in cyrillic} >= set("Сергей")
    for char in hangul:
        assert "CJK" in char["fontname"], char["fontname"]
    for char in cyrillic:
        assert "DejaVu" in char["fontname"] or "Noto" in char["fontname"]


def test_missing_font_warns_with_script_and_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "font_covers", lambda char: char != "\uac00")
    warnings: list[str] = []
    missing = fonts.check_scripts("Kim 김정은 and Лавров", warnings.append)
    assert [s.name for s in missing] == ["Hangul"]
    assert len(warnings) == 1
    assert "Hangul" in warnings[0] and "apt-get install fonts-noto-cjk" in warnings[0]


def test_latin_only_brief_starts_no_subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no subprocess for Latin text")

    monkeypatch.setattr(subprocess, "run", forbidden)
    assert fonts.check_scripts("Plain Latin text, café, naïve – “quotes”.", print) == []


def test_installed_fonts_cover_the_brief_scripts() -> None:
    warnings: list[str] = []
    fonts.check_scripts("Сергей Лавров 김정은 평양 金正恩", warnings.append)
    assert warnings == []


def test_attachments_are_embedded() -> None:
    path = EXAMPLES / "north-korea-russia-summit" / "brief.yaml"
    if not path.exists():
        pytest.skip("example brief not written yet")
    reader = PdfReader(io.BytesIO(pdf_of(path)))
    assert "timeline.csv" in reader.attachments
    content = reader.attachments["timeline.csv"][0]
    assert content == (path.parent / "timeline.csv").read_bytes()


def test_figure_found_relative_to_brief() -> None:
    path = EXAMPLES / "russia-north-korea-alliance" / "brief.yaml"
    if not path.exists():
        pytest.skip("example brief not written yet")
    with pdfplumber.open(io.BytesIO(pdf_of(path))) as pdf:
        assert pdf.pages[0].images, "the figure is drawn on page 1"


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants(variant: str) -> None:
    data = pdf_of(BRIEFS / "simple.yaml", pdf_variant=variant)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.xmp_metadata
    if variant.startswith("pdf/a"):
        assert xmp is not None
        assert b"pdfaid" in reader.trailer["/Root"]["/Metadata"].get_data()
    else:
        assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_unknown_variant() -> None:
    with pytest.raises(RenderError, match="unknown PDF variant"):
        pdf_of(BRIEFS / "simple.yaml", pdf_variant="pdf/q-9")


def test_import_sitrep_does_not_import_weasyprint() -> None:
    code = "import sys, sitrep; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_house_style_example_renders_with_its_overrides() -> None:
    house = ROOT / "docs" / "examples" / "house-style"
    if not house.exists():
        pytest.skip("house style example not written yet")
    data = pdf_of(BRIEFS / "full.yaml", template=house)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        fontnames = {c["fontname"] for c in page.chars}
    assert "NORTHWIND" in text.upper()  # the logo's text and the house name
    assert any("DejaVuSerif" in name.replace("-", "") for name in fontnames)


def test_rendering_logs_no_weasyprint_warnings(caplog: pytest.LogCaptureFixture) -> None:
    """No fallback to slow fontTools subsetting, no unsupported CSS, no refused resources."""
    import logging

    brief = sitrep.load(ROOT / "tests" / "fixtures" / "briefs" / "full.yaml")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        sitrep.render(brief, "pdf")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
