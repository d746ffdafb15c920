"""`--changes-since`: the box and the continuity line, checked on real PDF, DOCX, HTML and
Markdown output, for every layout."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import sitrep
from sitrep.cli import main

ROOT = Path(__file__).parents[2]
SERIES = ROOT / "docs" / "examples" / "continuity"
OLD = (SERIES / "sitrep-13.yaml").read_text(encoding="utf-8")
NEW = (SERIES / "sitrep-14.yaml").read_text(encoding="utf-8")
LINES = [
    "New event (21/11/2026): Antwerp unions announced a sympathy strike from Monday.",
    "Event updated (15/11/2026): The port authority suspended container intake at three terminals.",
    "Key judgment revised: The strike will spread to Antwerp within a week. – Likely → "
    "Very likely; Moderate confidence → High confidence",
    "New source: Reuters",
    "Source dropped: Financial Times",
]
CONTINUITY = "SITREP 14 · Supersedes SITREP 13 of 16/11/2026 · Next issue: 30/11/2026 12:00 UTC"


def _words(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())


def text_of(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _words("\n".join(page.extract_text() or "" for page in pdf.pages))
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
        return "\n".join(
            html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
            for p in paragraphs
        )
    page = data.decode("utf-8")
    if fmt == "html":
        page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
        page = html.unescape(re.sub(r"<[^>]+>", "", page))
    else:
        page = page.replace("\\", "").replace("**", "")
    return _words(page)


@pytest.fixture
def issues(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


@pytest.mark.parametrize("layout", ["intel-brief", "analysis", "article"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_the_box_lists_the_changes_after_the_bluf(
    fmt: str, layout: str, issues: tuple[Path, Path]
) -> None:
    old, new = issues
    brief = sitrep.load(new)
    brief.template = layout
    brief.bluf = "Strike action is spreading along the North Sea coast."
    data = sitrep.render(brief, fmt, changes_since=old)
    assert isinstance(data, bytes)
    text = text_of(fmt, data)
    flat = _words(text)
    assert "Changes since the last brief".casefold() in flat.casefold()
    for line in LINES:
        assert _words(line) in flat, (fmt, layout, line)
    assert _words(CONTINUITY) in flat
    # after the BLUF, before the events
    box = flat.casefold().index("changes since the last brief")
    assert flat.index("North Sea coast") < box < flat.index("Dockers at Rotterdam")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_the_box_adds_no_notes(fmt: str, issues: tuple[Path, Path]) -> None:
    old, new = issues
    brief = sitrep.load(new)
    plain = sitrep.render(brief, fmt)
    boxed = sitrep.render(brief, fmt, changes_since=old)
    assert isinstance(plain, bytes) and isinstance(boxed, bytes)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(plain)) as a, zipfile.ZipFile(io.BytesIO(boxed)) as b:
            assert a.read("word/footnotes.xml") == b.read("word/footnotes.xml")
            refs = [z.read("word/document.xml").count(b"w:footnoteReference") for z in (a, b)]
        assert refs[0] == refs[1] == 3
    elif fmt == "pdf":
        assert text_of(fmt, boxed).count("“NOS Nieuws") == text_of(fmt, plain).count("“NOS Nieuws")
    else:
        marker = "[^" if fmt == "md" else 'class="note-ref"'
        assert plain.decode().count(marker) == boxed.decode().count(marker)
    # the quoted texts in the box carry no note calls
    assert "Monday." in text_of(fmt, boxed)


def test_the_same_issue_twice_says_nothing_changed(issues: tuple[Path, Path]) -> None:
    _, new = issues
    data = sitrep.render(sitrep.load(new), "md", changes_since=new)
    assert isinstance(data, bytes)
    assert "No events, key judgments or sources changed." in data.decode()


def test_cli_render_with_changes_since(issues: tuple[Path, Path], capsys: Any) -> None:
    old, new = issues
    out = new.parent / "new.md"
    assert main(["render", str(new), "--changes-since", str(old), "-o", str(out), "-q"]) == 0
    assert "## Changes since the last brief" in out.read_text(encoding="utf-8")


def test_cli_refuses_a_missing_previous_issue(issues: tuple[Path, Path], capsys: Any) -> None:
    _, new = issues
    out = new.parent / "new.md"
    code = main(
        ["render", str(new), "--changes-since", str(new.parent / "gone.yaml"), "-o", str(out), "-q"]
    )
    assert code == 1
    assert "gone.yaml: file not found" in capsys.readouterr().err
    assert not out.exists()


def test_cli_never_writes_over_the_previous_issue(issues: tuple[Path, Path], capsys: Any) -> None:
    old, new = issues
    old_md = new.parent / "old.md"
    old_md.write_text(sitrep.dumps(sitrep.load(old), "md"), encoding="utf-8")
    before = old_md.read_bytes()
    code = main(["render", str(new), "--changes-since", str(old_md), "-o", str(old_md), "-q"])
    assert code == 1
    assert "is the previous issue" in capsys.readouterr().err
    assert old_md.read_bytes() == before


def test_a_different_brief_warns_but_renders(issues: tuple[Path, Path], capsys: Any) -> None:
    _, new = issues
    other = ROOT / "examples" / "russia-north-korea-alliance" / "brief.yaml"  # TLP:CLEAR
    out = new.parent / "new.md"
    assert main(["render", str(new), "--changes-since", str(other), "-o", str(out), "-q"]) == 0
    assert "the briefs share no event" in capsys.readouterr().err


def test_a_release_with_changes_since_quotes_nothing_above_the_release(tmp_path: Path) -> None:
    """Both issues are released at the same level before they are compared: an AMBER event of
    either issue (removed, added or changed) never reaches a GREEN release's box."""
    common = "title: Port strike\nmarking: amber\nfield_markings: {title: clear}\n"
    old = tmp_path / "old.yaml"
    old.write_text(
        f"{common}date: 2026-11-16\nwhat:\n"
        "  - {date: 2026-11-14, text: Dockers walked out., marking: green}\n"
        "  - {date: 2026-11-15, text: Informant OLDCANARY spoke., marking: amber}\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    new.write_text(
        f"{common}date: 2026-11-23\nwhat:\n"
        "  - {date: 2026-11-14, text: Dockers walked out., marking: green}\n"
        "  - {date: 2026-11-21, text: Antwerp joined the strike., marking: green}\n"
        "  - {date: 2026-11-22, text: Informant NEWCANARY spoke., marking: amber}\n",
        encoding="utf-8",
    )
    brief = sitrep.load(new)
    for fmt in ("md", "html"):
        data = sitrep.render(brief, fmt, release="TLP:GREEN", changes_since=old)
        assert isinstance(data, bytes)
        text = data.decode("utf-8")
        assert "Antwerp joined the strike" in text  # the box is there and lists the green event
        assert "CANARY" not in text
    out = tmp_path / "green.md"
    command = ["render", str(new), "-o", str(out), "--release", "green"]
    assert main([*command, "--changes-since", str(old), "-q"]) == 0
    assert "CANARY" not in out.read_text(encoding="utf-8")


def _red_and_green_issues(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    old.write_text(
        "title: Harbour REDTITLE\ndate: 2026-11-13\nmarking: TLP:RED\nwhat:\n"
        "  - {date: 2026-11-10, text: Red event REDCANARY gone., marking: TLP:RED}\n"
        "  - {date: 2026-11-10, text: Green event about the ferry schedule., marking: green}\n"
        "key_judgments:\n"
        "  - {text: The judgment REDCANARY holds., likelihood: likely, marking: TLP:RED}\n"
        "sources:\n  - {id: red, title: Source REDCANARY, marking: TLP:RED}\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    new.write_text(
        "title: Harbour sitrep\ndate: 2026-11-20\nmarking: TLP:GREEN\nwhat:\n"
        "  - {date: 2026-11-10, text: Green event about the ferry schedule.}\n"
        "  - {date: 2026-11-19, text: New green event GREENWORD.}\n",
        encoding="utf-8",
    )
    return old, new


def test_a_previous_issue_above_the_document_is_cut_to_its_marking(tmp_path: Path) -> None:
    """A TLP:GREEN brief with --changes-since a TLP:RED issue and no --release: the previous
    issue is cut to GREEN (its title above GREEN allowed, being never printed) before the two are
    compared, so no RED event, judgment, source or title reaches the output bytes."""
    old, new = _red_and_green_issues(tmp_path)
    out = tmp_path / "green.md"
    assert main(["render", str(new), "--changes-since", str(old), "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "GREENWORD" in text
    assert "REDCANARY" not in text and "REDTITLE" not in text
    released = sitrep.release(sitrep.load(new), "TLP:GREEN")
    for fmt in ("md", "html", "pdf"):
        data = sitrep.render(released, fmt, changes_since=old)
        assert isinstance(data, bytes)
        words = text_of(fmt, data)
        assert "GREENWORD" in words and "REDCANARY" not in words, fmt


def test_a_marked_previous_issue_is_refused_for_an_unmarked_brief(
    tmp_path: Path, capsys: Any
) -> None:
    old, new = _red_and_green_issues(tmp_path)
    new.write_text(new.read_text(encoding="utf-8").replace("marking: TLP:GREEN\n", ""), "utf-8")
    out = tmp_path / "new.md"
    assert main(["render", str(new), "--changes-since", str(old), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "old.yaml" in err and "new.yaml" in err and "TLP:RED" in err
    assert not out.exists()
