"""A real client: LibreOffice opens the DOCX, lays it out, and prints it to PDF.

These tests must run in CI (`.ci/run` installs libreoffice-writer-nogui). Without `soffice` they
fail with a message saying so; they never skip.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pdfplumber
import pytest

import sitrep
from sitrep.resolve import resolve
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 90


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail(
            "LibreOffice is not installed: these DOCX tests need `soffice` "
            "(apt-get install libreoffice-writer-nogui); they must not be skipped"
        )
    return path


def convert(source: Path, outdir: Path, target: str) -> Path:
    """soffice --headless --convert-to, with a profile of its own so parallel runs coexist."""
    profile = Path("/tmp") / f"lo-sitrep-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert result.exists(), f"LibreOffice did not write {result}"
    return result


def long_brief(folder: Path, notes: int = 30) -> Path:
    """A brief whose notes spill over several pages; markers find calls and note bodies."""
    lines = [
        "title: Footnotes across pages",
        "date: 2023-09-15",
        "marking: TLP:AMBER",
        "sections:",
    ]
    for index in range(1, notes + 1):
        filler = " ".join(["The situation developed further along the border."] * 5)
        lines += [
            f"  - heading: Section {index}",
            "    body: >-",
            f"      {filler} Marker MK{index:02d} here^[Note body NK{index:02d} explains it.]",
            f"      and the paragraph goes on. {filler}",
        ]
    path = folder / "brief.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_pdf(pdf_path: Path, markers: int, marking: str) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        pages = len(pdf.pages)
        assert pages >= 3, "the test brief should span several pages"
        call_page: dict[str, tuple[int, float]] = {}
        note_page: dict[str, tuple[int, float]] = {}
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words()
            labels = [w for w in words if w["text"] == marking]
            assert any(w["top"] < page.height * 0.12 for w in labels), f"no header on {number}"
            assert any(w["bottom"] > page.height * 0.88 for w in labels), f"no footer on {number}"
            text = page.extract_text()
            assert f"Page {number} of {pages}" in text
            assert "{{" not in text and "w:r" not in text
            for word in words:
                if word["text"].startswith("MK"):
                    call_page[word["text"][2:4]] = (number, word["top"])
                elif word["text"].startswith("NK"):
                    note_page[word["text"][2:4]] = (number, word["top"])
        assert len(call_page) == markers and len(note_page) == markers
        for key, (page_number, top) in call_page.items():
            assert note_page[key][0] == page_number, f"note {key} is not on its call's page"
            assert note_page[key][1] > top
        for number in range(1, pages + 1):
            body = [top for page_number, top in call_page.values() if page_number == number]
            notes = [top for page_number, top in note_page.values() if page_number == number]
            if body and notes:
                assert min(notes) > max(body), f"page {number}: notes are not at the bottom"


def test_footnotes_sit_at_the_bottom_of_their_page(tmp_path: Path) -> None:
    brief = sitrep.load(long_brief(tmp_path))
    docx_path = tmp_path / "long.docx"
    docx_path.write_bytes(write_docx(resolve(brief), RenderOptions()))
    check_pdf(convert(docx_path, tmp_path, "pdf"), 30, "TLP:AMBER")


def test_template_resaved_by_libreoffice_still_works(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "house.docx"
    source.write_bytes((ROOT / "templates" / "docx" / "analysis.docx").read_bytes())
    resaved = convert(source, tmp_path, 'docx:"MS Word 2007 XML"'.replace('"', ""))
    brief = sitrep.load(long_brief(tmp_path, notes=12))
    resolved = resolve(brief)
    out = tmp_path / "resaved-render.docx"
    out.write_bytes(write_docx(resolved, RenderOptions(template=resaved)))
    check_pdf(convert(out, tmp_path, "pdf"), 12, "TLP:AMBER")
