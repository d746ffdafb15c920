"""The banner in every header and footer part of a DOCX, and the DRAFT watermark in every header:
checked on the written parts, on a house template with first-page, even-page and second-section
headers, and through LibreOffice."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree

import sitrep
from sitrep.model import Brief
from sitrep.resolve import resolve
from sitrep.resources import templates_dir
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions

from .test_libreoffice import convert

FIXTURE = Path(__file__).parents[1] / "pdf" / "fixtures" / "draft-banner" / "brief.yaml"
BANNER = "OFFICIAL-SENSITIVE // REL TO NLD, BEL, LUX // COMMERCIAL"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"


def _render(brief: Brief, template: str | Path | None = None) -> bytes:
    options = RenderOptions(template=template, warn=lambda _: None)
    return write_docx(resolve(brief), options)


def _parts(data: bytes, kind: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if re.fullmatch(rf"word/{kind}\d*\.xml", name)
        }


def _text(element: etree._Element) -> str:
    words = "".join(t.text or "" for t in element.iter(f"{W}t"))
    return " ".join(words.replace("\u00a0", " ").split())


def _watermarks(element: etree._Element) -> list[str]:
    return [
        path.get("string", "")
        for shape in element.iter(f"{V}shape")
        for path in shape.iter(f"{V}textpath")
    ]


@pytest.fixture(scope="module")
def draft() -> Brief:
    return sitrep.load(FIXTURE)


@pytest.mark.parametrize("layout", ["intel-brief", "analysis", "article"])
def test_every_header_and_footer_part_has_the_banner(draft: Brief, layout: str) -> None:
    data = _render(draft, layout)
    for kind in ("header", "footer"):
        parts = _parts(data, kind)
        assert parts, kind
        for name, element in parts.items():
            text = _text(element)
            for piece in (BANNER, "TLP:AMBER", "PAP:GREEN"):
                assert piece in text, (layout, name, text)
            assert text.count(BANNER) == 1, (name, text)  # the template's own, not a second


def test_every_header_has_the_draft_watermark_and_footers_do_not(draft: Brief) -> None:
    data = _render(draft)
    for element in _parts(data, "header").values():
        assert _watermarks(element) == ["DRAFT v0.3"]
        shape = next(element.iter(f"{V}shape"))
        style = shape.get("style", "")
        assert "rotation:315" in style and "z-index:-" in style  # diagonal, behind the text
    for element in _parts(data, "footer").values():
        assert _watermarks(element) == []


def test_a_final_brief_has_no_watermark(draft: Brief) -> None:
    final = draft.model_copy(update={"status": "final"}).validated()
    data = _render(final)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            assert b"PowerPlusWaterMark" not in package.read(name), name
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "contentStatus" not in core and "<cp:version>0.3</cp:version>" in core


def test_draft_status_and_version_in_the_masthead_and_properties(draft: Brief) -> None:
    data = _render(draft)
    document = docx.Document(io.BytesIO(data))
    assert "DRAFT v0.3" in document.paragraphs[0].text + document.paragraphs[1].text
    assert document.core_properties.content_status == "Draft"
    assert document.core_properties.version == "0.3"


def _house_template(folder: Path) -> Path:
    """The bundled template, with a first-page header, even pages, and a second section whose
    own header and footer hold neither the banner nor a marking variable."""
    document = docx.Document(str(templates_dir() / "docx" / "intel-brief.docx"))
    document.settings.odd_and_even_pages_header_footer = True
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "House first page"
    first.even_page_footer.paragraphs[0].text = "Even footer"
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Annex header"
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = "Annex footer"
    path = folder / "house.docx"
    document.save(str(path))
    return path


def test_first_page_even_page_and_every_section_get_the_banner(
    draft: Brief, tmp_path: Path
) -> None:
    data = _render(draft, _house_template(tmp_path))
    document = docx.Document(io.BytesIO(data))
    seen = 0
    for section in document.sections:
        shown = [section.header, section.footer, section.first_page_header]
        shown += [section.first_page_footer, section.even_page_header, section.even_page_footer]
        for item in shown:
            if item.is_linked_to_previous and section is document.sections[0]:
                pytest.fail("a header or footer of the first section has no part")
            element = item._element
            text = _text(element)
            assert BANNER in text and "TLP:AMBER" in text and "PAP:GREEN" in text, text
            seen += 1
        for header in (section.header, section.first_page_header, section.even_page_header):
            assert _watermarks(header._element) == ["DRAFT v0.3"]
    assert seen == 12
    assert "House first page" in _text(document.sections[0].first_page_header._element)
    assert "Annex footer" in _text(document.sections[1].footer._element)


def test_markup_in_the_banner_stays_text(draft: Brief) -> None:
    hostile = draft.model_copy(
        update={
            "classification": '<w:t>SECRET</w:t>{{ brief }}{% if 1 %}&amp;"',
            "caveats": ["</w:r><w:r>REL TO {{x}}"],
        }
    ).validated()
    data = _render(hostile)
    document = docx.Document(io.BytesIO(data))
    header = _text(document.sections[0].header._element)
    assert '<w:t>SECRET</w:t>{{ brief }}{% if 1 %}&amp;" // </w:r><w:r>REL TO {{x}}' in header


def test_libreoffice_shows_the_banner_at_top_and_bottom_of_every_page(
    draft: Brief, tmp_path: Path
) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(_render(draft))
    pdf_path = convert(path, tmp_path, "pdf")
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3
        for number, page in enumerate(pdf.pages, 1):
            top = [c["text"] for c in page.chars if c["bottom"] < page.height * 0.12]
            bottom = [c["text"] for c in page.chars if c["top"] > page.height * 0.88]
            for chars, where in ((top, "top"), (bottom, "bottom")):
                text = "".join(chars).replace("\u00a0", "").replace(" ", "")
                for piece in (BANNER, "TLP:AMBER", "PAP:GREEN"):
                    assert piece.replace(" ", "") in text, (number, where, text)
            # LibreOffice draws the watermark (fontwork) as one outline per glyph; a final brief's
            # pages have no curves at all
            assert len(page.curves) >= len("DRAFTv0.3"), number


def test_an_unmarked_final_brief_adds_no_header_to_a_template_without_one(
    tmp_path: Path,
) -> None:
    document = docx.Document(str(templates_dir() / "docx" / "intel-brief.docx"))
    for reference in document.sections[0]._sectPr.xpath("w:headerReference | w:footerReference"):
        reference.getparent().remove(reference)
    path = tmp_path / "bare.docx"
    document.save(str(path))

    def references(data: bytes) -> list[str]:
        sections = docx.Document(io.BytesIO(data)).sections
        return [r.get(f"{W}type") for r in sections[0]._sectPr.xpath("w:headerReference")]

    plain = Brief(title="Unmarked", date="2024-01-01")
    assert references(_render(plain, path)) == []
    draft = Brief(title="Unmarked draft", date="2024-01-01", status="draft")
    rendered = _render(draft, path)
    assert references(rendered) == ["default"]
    header = docx.Document(io.BytesIO(rendered)).sections[0].header._element
    assert _watermarks(header) == ["DRAFT"]
