"""Every DOCX from every example and fixture opens in every reader we know of.

Readers: python-docx, docx2python, pandoc's docx reader (footnotes kept), LibreOffice, and the
Open XML SDK's rules as ported by openxml-audit (Office 2013 and Microsoft 365, permissive policy:
no findings at all). Each XML part declares on its root every namespace prefix it uses.
pandoc and LibreOffice are installed by scripts/setup.sh: without them these tests fail, never skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx2python import docx2python
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from sitrep.files.load import load
from sitrep.inline.nodes import plain_text
from sitrep.resolve import resolve
from sitrep.writers.docx.package import declare_namespaces_on_root
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions

from .test_libreoffice import convert

ROOT = Path(__file__).resolve().parents[3]
BRIEFS = sorted(
    [
        *ROOT.glob("examples/*/brief.yaml"),
        *ROOT.glob("examples/*/brief.md"),
        *ROOT.glob("tests/fixtures/briefs/*.yaml"),
        *ROOT.glob("tests/writers/fixtures/*.yaml"),
        *ROOT.glob("tests/writers/pdf/fixtures/*/brief.yaml"),
    ]
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _name(brief: Path) -> str:
    return str(brief.relative_to(ROOT).with_suffix("")).replace("/", "_")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[Path, list[str]]]:
    """Each brief's DOCX and the plain text of its notes, rendered once for the module."""
    out = tmp_path_factory.mktemp("docx")
    result = {}
    for brief in BRIEFS:
        resolved = resolve(load(brief))
        target = out / f"{_name(brief)}.docx"
        target.write_bytes(write_docx(resolved, RenderOptions(warn=lambda message: None)))
        notes = [" ".join(plain_text(note.content).split()) for note in resolved.notes]
        result[brief] = (target, notes)
    return result


def test_there_are_briefs_to_check() -> None:
    assert len(BRIEFS) >= 8


def test_every_part_declares_its_namespaces_on_the_root(rendered: dict) -> None:  # type: ignore[type-arg]
    for target, _ in rendered.values():
        with zipfile.ZipFile(target) as package:
            for name in package.namelist():
                if not name.endswith((".xml", ".rels")):
                    continue
                root = etree.fromstring(package.read(name))
                for element in root.iter():
                    if isinstance(element.tag, str):
                        for prefix, uri in element.nsmap.items():
                            assert root.nsmap.get(prefix) == uri, (target.name, name, prefix)
                if root.tag.startswith(W):
                    assert "r" in root.nsmap, (target.name, name)


def test_inner_declarations_move_to_the_root() -> None:
    inner = (
        b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:footnote><w:hyperlink xmlns:r="urn:r" r:id="rId1"/></w:footnote></w:footnotes>'
    )
    fixed = etree.fromstring(declare_namespaces_on_root(inner))
    assert fixed.nsmap["r"] == "urn:r"
    assert fixed[0][0].get("{urn:r}id") == "rId1"
    assert declare_namespaces_on_root(b"not xml") == b"not xml"


def test_python_docx_opens_every_file(rendered: dict) -> None:  # type: ignore[type-arg]
    for target, _ in rendered.values():
        document = docx.Document(str(target))
        assert document.paragraphs, target.name


def test_docx2python_reads_every_file_with_its_footnotes(rendered: dict) -> None:  # type: ignore[type-arg]
    for target, notes in rendered.values():
        with docx2python(target) as content:
            footnotes = " ".join(_strings(content.footnotes))
            text = content.text
        assert text.strip(), target.name
        flat = " ".join(footnotes.split())
        for note in notes:
            # docx2python writes a hyperlink as <a href="...">text</a>: compare the text before it.
            before_link = note.split("http")[0][:40]
            assert before_link in flat, (target.name, note)


def _strings(nested: object) -> list[str]:
    if isinstance(nested, str):
        return [nested]
    if isinstance(nested, list):
        return [text for item in nested for text in _strings(item)]
    return []


def _pandoc() -> str:
    path = shutil.which("pandoc")
    if path is None:
        pytest.fail("pandoc is not installed (scripts/setup.sh installs it); this test must run")
    return path


def _pandoc_notes(target: Path) -> list[str]:
    result = subprocess.run(
        [_pandoc(), "-f", "docx", "-t", "json", str(target)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    notes: list[str] = []

    def text(node: object) -> str:
        if isinstance(node, dict):
            if node.get("t") == "Str":
                return str(node["c"])
            if node.get("t") in ("Space", "SoftBreak", "LineBreak"):
                return " "
            return text(node.get("c"))
        if isinstance(node, list):
            return "".join(text(item) for item in node)
        return ""

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Note":
                notes.append(" ".join(text(node["c"]).split()))
                return
            walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(result.stdout)["blocks"])
    return notes


def test_pandoc_reads_every_file_and_keeps_the_footnotes(rendered: dict) -> None:  # type: ignore[type-arg]
    for target, notes in rendered.values():
        found = _pandoc_notes(target)
        assert len(found) == len(notes), target.name
        for expected, got in zip(notes, found, strict=True):
            assert expected[:30] == got[:30], (target.name, expected, got)


@pytest.mark.parametrize("file_format", [FileFormat.OFFICE_2013, FileFormat.MICROSOFT_365])
def test_open_xml_sdk_rules_find_nothing(rendered: dict, file_format: FileFormat) -> None:  # type: ignore[type-arg]
    for target, _ in rendered.values():
        # A fresh validator per file: openxml-audit 0.8.0 reused across packages reports
        # cross-reference warnings that belong to the previous package.
        validator = OpenXmlValidator(file_format=file_format, max_errors=0, strict=False)
        result = validator.validate(str(target))
        findings = [f"{error.part_uri}: {error.description}" for error in result.errors]
        assert not findings, (target.name, file_format, findings[:5])


@pytest.mark.slow
def test_libreoffice_opens_every_file(rendered: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    for target, _ in rendered.values():
        pdf = convert(target, tmp_path, "pdf")
        assert pdf.stat().st_size > 1000, target.name
