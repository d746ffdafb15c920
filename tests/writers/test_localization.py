"""Every example renders in English, Dutch, German and French in all four formats, with the
language's labels and its language tag, and no English label left (issue 18, items 1, 4 and 5).

Visible text is read from the files a user gets: the PDF with pdfplumber (page footers too), the
DOCX from every part Word shows (body, header, footer), the HTML's body as a browser shows it,
the Markdown as markdown-it renders it. An English label is looked for wherever the language's
own wording differs from it; one that the brief's own text contains (an English brief may say
"Analysis") is not looked for, since finding it would prove nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from lxml import etree, html
from markdown_it import MarkdownIt

import sitrep
from sitrep.labels import ENGLISH, Labels, labels_for
from sitrep.model.dissemination import Status

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*/brief.*") if p.suffix in (".yaml", ".md"))
LANGUAGES = ("en", "nl", "de", "fr")
FORMATS = ("pdf", "docx", "html", "md")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return _spaces(" ".join(page.extract_text() or "" for page in pdf.pages))


def docx_text(data: bytes) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [
            n
            for n in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", n)
        ]
        for name in parts:
            for paragraph in etree.fromstring(package.read(name)).iter(f"{W}p"):
                out.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return _spaces("\n".join(out))


def html_text(data: bytes) -> str:
    tree = html.fromstring(data)
    for element in tree.xpath("//head | //style"):
        element.drop_tree()
    return _spaces(tree.xpath("//body")[0].text_content())


def markdown_text(data: bytes) -> str:
    md = MarkdownIt("commonmark").enable("table")
    return _spaces(html.fromstring(f"<div>{md.render(data.decode('utf-8'))}</div>").text_content())


READERS = {"pdf": pdf_text, "docx": docx_text, "html": html_text, "md": markdown_text}


@cache
def brief_in(path: Path, language: str) -> sitrep.Brief:
    brief = sitrep.load(path)
    return brief.model_copy(update={"language": language})


@cache
def rendered(path: Path, language: str, fmt: str) -> bytes:
    warnings: list[str] = []
    data = sitrep.render(brief_in(path, language), fmt, warn=warnings.append)
    assert isinstance(data, bytes)
    assert not [w for w in warnings if "no labels" in w]
    return data


_NUMBERS = ("page", "pages", "number", "low", "high")


def _pattern(message: str) -> re.Pattern[str]:
    """A label as printed, as a whole word: each {placeholder} stands for some text (a number
    for the page and figure numbers)."""
    parts = re.split(r"(\{[^{}]*\})", _spaces(message))
    pattern = "".join(
        (r"\d+" if part.strip("{}").split(":")[0] in _NUMBERS else ".{1,80}?")
        if part.startswith("{")
        else re.escape(part)
        for part in parts
    )
    start = r"\b" if re.match(r"\w", message) else ""
    end = r"\b" if re.search(r"\w$", message) else ""
    return re.compile(start + pattern + end)


def english_leftovers(labels: Labels, english: Labels, text: str, own_text: str) -> list[str]:
    """English messages that differ from this language's and are printed in `text`."""
    found = []
    mine = labels.messages()
    for key, message in english.messages().items():
        if message == mine.get(key) or len(re.sub(r"\{[^{}]*\}|\W", "", message)) < 4:
            continue  # the same word in both languages, or too short to tell ("N", " and ")
        for variant in (message, message.upper()):
            pattern = _pattern(variant)
            if pattern.search(own_text):
                continue  # the brief's own words: finding them proves nothing
            if pattern.search(text):
                found.append(f"{key}: {variant!r}")
    return found


@cache
def own_text(path: Path) -> str:
    return _spaces(path.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_examples_print_their_language_labels(path: Path, fmt: str, language: str) -> None:
    brief = brief_in(path, language)
    labels = labels_for(language, brief.template)
    english = labels_for("en", brief.template)
    text = READERS[fmt](rendered(path, language, fmt))
    # the headings this brief has, in this language (case aside: PDF headings are capitals)
    expected = [labels.assessment if brief.assessment else "", labels.what if brief.what else ""]
    expected += [labels.key_judgments] if brief.key_judgments else []
    expected += [labels.gaps] if brief.gaps else []
    expected += [labels.outlook] if brief.outlook else []
    expected += [labels.source_table] if brief.source_table else []
    for heading in filter(None, expected):
        assert _spaces(heading).casefold() in text.casefold(), f"{heading!r} missing in {fmt}"
    if fmt in ("pdf", "docx"):
        before, between, _ = labels.page_parts()
        counter = re.escape(before.strip()) + r"\s*\d+" + re.escape(between.rstrip()) + r"\s*\d+"
        assert re.search(counter, text), f"no {labels['page']!r} in the {fmt} page footer"
    if language != "en":
        leftovers = english_leftovers(labels, english, text, own_text(path))
        assert not leftovers, f"English labels in the {language} {fmt}: {leftovers}"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "de-AT", "fr-CA"])
def test_every_format_carries_the_language_tag(language: str) -> None:
    path = ROOT / "examples" / "rode-zee-scheepvaart" / "brief.yaml"
    pdf = pikepdf.open(io.BytesIO(rendered(path, language, "pdf")))
    assert str(pdf.Root.Lang) == language
    page = html.fromstring(rendered(path, language, "html"))
    assert page.get("lang") == language
    with zipfile.ZipFile(io.BytesIO(rendered(path, language, "docx"))) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        core = package.read("docProps/core.xml").decode()
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default is not None and default.get(f"{W}val") == language
    other = [e.get(f"{W}val") for e in styles.iter(f"{W}lang") if e is not default]
    assert all(value == language for value in other), other  # no style speaks English
    assert f">{language}</dc:language>" in core


def test_region_tags_use_their_base_language_silently() -> None:
    path = ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml"
    for tag, base in (("nl-BE", "nl"), ("de-AT", "de"), ("fr-CA", "fr"), ("NL", "nl")):
        warnings: list[str] = []
        text = markdown_text(
            sitrep.render(brief_in(path, tag), "md", warn=warnings.append)  # type: ignore[arg-type]
        )
        assert _spaces(labels_for(base, "intel-brief").what) in text
        assert warnings == []


def test_a_language_without_catalog_prints_english_with_one_warning(tmp_path: Path) -> None:
    path = ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml"
    for fmt in ("md", "html", "docx"):
        warnings: list[str] = []
        data = sitrep.render(brief_in(path, "pt-BR"), fmt, warn=warnings.append)
        assert isinstance(data, bytes)
        assert len(warnings) == 1 and "'pt-BR'" in warnings[0], warnings
    assert ENGLISH["what"] in markdown_text(
        sitrep.render(brief_in(path, "pt-BR"), "md", warn=lambda _: None)  # type: ignore[arg-type]
    )


def test_the_cli_prints_the_missing_catalog_warning_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = ROOT / "examples" / "north-korea-russia-summit"
    for item in source.iterdir():
        (tmp_path / item.name).write_bytes(item.read_bytes())
    brief = tmp_path / "brief.yaml"
    brief.write_text(brief.read_text().replace("language: en-US", "language: sv"))
    done = subprocess.run(
        [sys.executable, "-m", "sitrep", "render", str(brief), "-o", str(tmp_path / "out.md")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.count("no labels for language 'sv'") == 1, done.stderr


SERIES = """\
language: {language}
date_format: long
title: Kabelschaden
date: 2023-10-20
serial: SITREP 7
supersedes: {{serial: SITREP 6, date: 2023-10-13}}
next_issue: 2023-10-27 09:00
what:
  - {{date: 2023-10-08, text: Druckabfall.}}
"""


@pytest.mark.parametrize(
    ("language", "months"),
    [("de", ("13. Oktober 2023", "27. Oktober 2023")), ("nl", ("13 oktober", "27 oktober"))],
)
def test_the_continuity_line_dates_are_in_the_brief_language(
    tmp_path: Path, language: str, months: tuple[str, str]
) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(SERIES.format(language=language), encoding="utf-8")
    text = markdown_text(sitrep.render(sitrep.load(path), "md"))  # type: ignore[arg-type]
    line = next(row for row in text.splitlines() if "SITREP 7" in row)
    assert all(month in line for month in months), line
    assert "October" not in line


def test_the_changes_box_dates_and_colons_are_french(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    head = "language: fr\ndate_format: long\ntitle: Câbles\n"
    old.write_text(
        head + "date: 2023-10-13\nwhat:\n  - {date: 2023-10-09, text: Ancien événement.}\n",
        encoding="utf-8",
    )
    new.write_text(
        head + 'date: 2023-10-20\nwhat:\n  - {date: 2023-10-08, time: "01:20", text: Baisse.}\n',
        encoding="utf-8",
    )
    data = sitrep.render(sitrep.load(new), "md", changes_since=old)
    assert isinstance(data, bytes)
    box = data.decode().split("## Changements", 1)[1]
    assert "8 octobre 2023 01:20" in box and "9 octobre 2023" in box
    assert "October" not in box
    assert (
        re.search(r"\\\)[ \xa0]:", box) and "\\):" not in box
    )  # the label's own colon, spaced as in French


TOTAL_FIRST = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "page"
msgid "Page {page} of {pages}"
msgstr "{pages} blz., dit is blz. {page}"
"""


def test_a_page_label_may_name_the_total_first(tmp_path: Path) -> None:
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "nl.po").write_text(TOTAL_FIRST, encoding="utf-8")
    brief = brief_in(EXAMPLES[0], "nl")
    page = sitrep.render(brief, "html", template=tmp_path)
    assert isinstance(page, bytes)
    assert re.search(rb'counter\(pages\) "[^"]*blz[^"]*" counter\(page\)', page)
    docx = sitrep.render(brief, "docx", template=tmp_path)
    assert isinstance(docx, bytes)
    with zipfile.ZipFile(io.BytesIO(docx)) as parts:
        footer = etree.fromstring(parts.read("word/footer1.xml"))
    fields = [field.text.strip() for field in footer.iter(f"{W}instrText") if field.text]
    assert fields[:2] == ["NUMPAGES", "PAGE"]
    assert "{" not in "".join(footer.itertext())
    pdf = sitrep.render(brief, "pdf", template=tmp_path)
    assert isinstance(pdf, bytes)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        total = len(document.pages)
        footers = [page.extract_text().splitlines()[-1] for page in document.pages]
    assert total > 1
    assert all(
        f"{total} blz., dit is blz. {number}" in footer
        for number, footer in enumerate(footers, start=1)
    ), footers


@pytest.mark.parametrize(
    ("language", "status"),
    [("en", "Draft"), ("nl", "Concept"), ("de", "Entwurf"), ("fr", "Brouillon")],
)
def test_a_draft_docx_status_property_is_in_the_brief_language(language: str, status: str) -> None:
    brief = brief_in(EXAMPLES[0], language).model_copy(update={"status": Status.DRAFT})
    data = sitrep.render(brief, "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        core = etree.fromstring(parts.read("docProps/core.xml"))
    found = core.findtext(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}contentStatus"
    )
    assert found == status
