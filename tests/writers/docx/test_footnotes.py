"""Real Word footnotes: same numbers and text as the resolver, in any template."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import sitrep
from sitrep.inline.nodes import plain_text
from sitrep.resolve import ResolvedBrief, resolve
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions

ROOT = Path(__file__).resolve().parents[3]
BRIEFS = ROOT / "tests" / "fixtures" / "briefs"
EXAMPLES = ROOT / "examples"
WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": WNS}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _w(name: str) -> str:
    return f"{{{WNS}}}{name}"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def footnotes(data: bytes) -> dict[int, etree._Element]:
    root = etree.fromstring(members(data)["word/footnotes.xml"])
    return {
        int(n.get(_w("id"))): n
        for n in root.iterfind("w:footnote", NS)
        if n.get(_w("type"), "normal") == "normal"
    }


def reference_ids(data: bytes) -> list[int]:
    root = etree.fromstring(members(data)["word/document.xml"])
    return [int(ref.get(_w("id"))) for ref in root.iter(_w("footnoteReference"))]


def note_text(footnote: etree._Element) -> str:
    return "".join(t.text or "" for t in footnote.iter(_w("t"))).strip()


def resolved(path: Path) -> ResolvedBrief:
    return resolve(sitrep.load(path))


CASES = [
    BRIEFS / "full.yaml",
    BRIEFS / "simple.yaml",
    *sorted(EXAMPLES.glob("*/brief.yaml")),
    *sorted(EXAMPLES.glob("*/brief.md")),
]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_footnote_per_note_with_the_same_text(path: Path) -> None:
    brief = resolved(path)
    data = write_docx(brief, RenderOptions())
    notes = footnotes(data)
    assert sorted(notes) == [note.number for note in brief.notes]
    for note in brief.notes:
        assert note_text(notes[note.number]) == plain_text(note.content).strip()
    # Word numbers footnotes by position: the calls must come in the resolver's order
    assert reference_ids(data) == [note.number for note in brief.notes]


def test_footnote_markup(full_data: bytes) -> None:
    for footnote in footnotes(full_data).values():
        paragraph = footnote.find("w:p", NS)
        assert paragraph.find("w:pPr/w:pStyle", NS).get(_w("val")) == "FootnoteText"
        first = paragraph.find("w:r", NS)
        assert first.find("w:rPr/w:rStyle", NS).get(_w("val")) == "FootnoteReference"
        assert first.find("w:footnoteRef", NS) is not None
    document = members(full_data)["word/document.xml"].decode()
    calls = re.findall(
        r"<w:r><w:rPr><w:rStyle w:val=\"(\w+)\"/></w:rPr><w:footnoteReference", document
    )
    assert calls and set(calls) == {"FootnoteReference"}


def test_links_in_notes_relate_from_the_footnotes_part(full_data: bytes) -> None:
    parts = members(full_data)
    assert b"<w:hyperlink" in parts["word/footnotes.xml"]
    assert b"https://apnews.com/article/" in parts["word/_rels/footnotes.xml.rels"]


@pytest.fixture(scope="module")
def full_data() -> bytes:
    return write_docx(resolved(BRIEFS / "full.yaml"), RenderOptions())


def _strip_footnotes(source: Path, target: Path) -> None:
    """A template with no footnotes part, no footnote styles and no w:footnotePr."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/footnotes.xml":
                continue
            if name == "word/_rels/document.xml.rels":
                data = re.sub(rb"<Relationship [^>]*footnotes[^>]*/>", b"", data)
            if name == "[Content_Types].xml":
                data = re.sub(rb"<Override [^>]*footnotes[^>]*/>", b"", data)
            if name == "word/settings.xml":
                data = re.sub(rb"<w:footnotePr>.*?</w:footnotePr>", b"", data)
            if name == "word/styles.xml":
                for style in (b"FootnoteText", b"FootnoteReference", b"Hyperlink"):
                    data = re.sub(
                        rb'<w:style [^>]*w:styleId="' + style + rb'">.*?</w:style>', b"", data
                    )
            out.writestr(name, data)


def test_template_without_footnotes_gets_them(tmp_path: Path) -> None:
    house = tmp_path / "bare.docx"
    _strip_footnotes(ROOT / "templates" / "docx" / "intel-brief.docx", house)
    assert b"footnote" not in members(house.read_bytes())["word/styles.xml"]
    brief = resolved(BRIEFS / "full.yaml")
    data = write_docx(brief, RenderOptions(template=house))
    parts = members(data)
    assert (
        f'PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"'.encode()
        in parts["[Content_Types].xml"]
    )
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]
    assert sorted(footnotes(data)) == [n.number for n in brief.notes]
    styles = docx.Document(io.BytesIO(data)).styles
    assert styles["footnote text"].style_id == "FootnoteText"
    assert styles["footnote reference"].style_id == "FootnoteReference"
    assert styles["Hyperlink"].style_id == "Hyperlink"
    settings = etree.fromstring(parts["word/settings.xml"])
    names = [etree.QName(child).localname for child in settings]
    assert names.index("footnotePr") < names.index("compat")
    assert [f.get(_w("id")) for f in settings.find("w:footnotePr", NS)] == ["-1", "0"]


def test_template_with_its_own_footnotes_part(tmp_path: Path) -> None:
    """Ids start after the template's largest; a footnote of its own is warned about."""
    source = ROOT / "templates" / "docx" / "intel-brief.docx"
    house = tmp_path / "own.docx"
    extra = (
        b'<w:footnote w:id="7"><w:p><w:r><w:t>House note</w:t></w:r></w:p></w:footnote>'
        b"</w:footnotes>"
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(house, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/footnotes.xml":
                data = data.replace(b"</w:footnotes>", extra)
            out.writestr(name, data)
    warnings: list[str] = []
    brief = resolved(BRIEFS / "simple.yaml")
    data = write_docx(brief, RenderOptions(template=house, warn=warnings.append))
    notes = footnotes(data)
    assert sorted(notes) == [7] + [7 + n.number for n in brief.notes]
    assert reference_ids(data) == [7 + n.number for n in brief.notes]
    assert warnings and "footnote" in warnings[0]
