"""A brief written from outside, on a new topic, citing 19 sources from YAML, a Zotero-like
CSL-JSON export and a .bib file with LaTeX accents: its notes read as a copy editor would sign
them, and every format carries the same ones."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from lxml import html as lxml_html

import sitrep
from sitrep.inline import plain_text
from sitrep.resolve import resolve

BRIEF = Path(__file__).parent / "fixtures" / "outside-brief" / "brief.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def notes() -> dict[int, str]:
    brief = sitrep.load(BRIEF)
    return {n.number: " ".join(plain_text(n.content).split()) for n in resolve(brief).notes}


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (2, "Richards J. Heuer Jr., Psychology of Intelligence Analysis (Washington, DC: Center "
            "for the Study of Intelligence, 1999), 12."),
        (3, "Xi Jinping, The Governance of China (Beijing: Foreign Languages Press, 2014)."),
        (4, "Carl von Clausewitz, On War, ed. and trans. Michael Howard and Peter Paret "
            "(Princeton, NJ: Princeton University Press, 1976), 75–89."),
        (8, "Cyril Bensimon, “La guerre au Sahel et le retrait de la France,” Le Monde, August 3, "
            "2023."),
        (15, "Ji Da-gyum, “Kim Jong-un Vows to ‘Faithfully’ Expand Arms Ties with Moscow after "
             "the Summit,” Korea Herald, September 14, 2023."),
        (17, "Ursula von der Leyen, “Statement by President von der Leyen on the Situation in the "
             "Red Sea,” European Commission, January 12, 2024."),
        (18, "Kent, Strategic Intelligence, 3."),
        (19, "Heuer, Psychology of Intelligence Analysis, 14."),
        (22, "Office of the Director of National Intelligence, Annual Threat Assessment, 2022, 6."),
        (23, "Office of the Director of National Intelligence, Annual Threat Assessment, 2023, 7."),
        (26, "Sullivan, “War in Ukraine.”"),
        (28, "Mbôw, Sørensen, and Müller, “Wagner’s Footprint in Mali,” 361."),
        (30, "“Bad Guys Are Winning.”"),
        (34, "Von der Leyen, “Red Sea.”"),  # a note starts with a capital (CMOS 8.5)
    ],
)  # fmt: skip
def test_notes_read_as_chicago(notes: dict[int, str], number: int, expected: str) -> None:
    assert notes[number] == expected


def test_every_format_carries_the_same_notes(notes: dict[int, str]) -> None:
    brief = sitrep.load(BRIEF)
    tree = lxml_html.fromstring(sitrep.render(brief, "html"))
    html_notes = {
        int(s.get("data-note")): " ".join(s.text_content().split())
        for s in tree.xpath("//span[@data-note]")
    }
    assert html_notes == notes
    with zipfile.ZipFile(io.BytesIO(sitrep.render(brief, "docx"))) as package:
        root = etree.fromstring(package.read("word/footnotes.xml"))
    docx_notes = {
        int(f.get(f"{W}id")): " ".join("".join(t.text or "" for t in f.iter(f"{W}t")).split())
        for f in root.iter(f"{W}footnote")
        if int(f.get(f"{W}id")) > 0
    }
    assert docx_notes == notes
    markdown = sitrep.render(brief, "md").decode()
    for number, note in notes.items():
        line = re.search(rf"^\[\^{number}\]: (.*)$", markdown, re.MULTILINE)
        assert line is not None
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.group(1)).replace("*", "")
        assert " ".join(re.sub(r"\\(.)", r"\1", text).split()) == note
    with pdfplumber.open(io.BytesIO(sitrep.render(brief, "pdf"))) as pdf:
        text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))
    for note in notes.values():
        assert re.sub(r"\s+", "", note) in text
