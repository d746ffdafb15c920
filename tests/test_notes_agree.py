"""Every format carries exactly the notes the resolver numbered: same numbers, same text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree, html

import sitrep
from sitrep.inline import plain_text
from sitrep.resolve import resolve

ROOT = Path(__file__).parents[1]
BRIEFS = [*sorted(ROOT.glob("examples/*/brief.*")), ROOT / "tests/fixtures/briefs/full.yaml"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_notes(data: bytes) -> dict[int, str]:
    tree = html.fromstring(data)
    spans = tree.xpath("//span[@data-note]")
    return {int(s.get("data-note")): " ".join(s.text_content().split()) for s in spans}


def docx_notes(data: bytes) -> dict[int, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/footnotes.xml"))
    notes = {}
    for footnote in root.iter(f"{W}footnote"):
        number = int(footnote.get(f"{W}id"))
        if number > 0:
            notes[number] = " ".join("".join(t.text or "" for t in footnote.iter(f"{W}t")).split())
    return notes


def markdown_notes(data: bytes) -> dict[int, str]:
    notes = {}
    for match in re.finditer(r"^\[\^(\d+)\]: (.*)$", data.decode("utf-8"), re.MULTILINE):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(2))
        text = re.sub(r"(?<!\\)\*", "", text)  # emphasis markers, not escaped asterisks
        notes[int(match.group(1))] = " ".join(re.sub(r"\\(.)", r"\1", text).split())
    return notes


@pytest.mark.parametrize(
    "path", BRIEFS, ids=lambda p: p.parent.name if p.stem == "brief" else p.name
)
def test_pdf_docx_html_and_markdown_carry_the_same_notes(path: Path) -> None:
    brief = sitrep.load(path)
    expected = {n.number: " ".join(plain_text(n.content).split()) for n in resolve(brief).notes}
    if path.suffix != ".md":  # the newspaper article, like its seed, has no notes
        assert expected, "an example without notes tests nothing"
    assert html_notes(sitrep.render(brief, "html")) == expected
    assert docx_notes(sitrep.render(brief, "docx")) == expected
    assert markdown_notes(sitrep.render(brief, "md")) == expected
    with pdfplumber.open(io.BytesIO(sitrep.render(brief, "pdf"))) as pdf:
        text = squeeze("".join(page.extract_text() or "" for page in pdf.pages))
    for number, note in expected.items():
        assert squeeze(note) in text, f"note {number} missing from the PDF"
