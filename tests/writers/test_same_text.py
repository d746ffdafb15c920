"""PDF, DOCX, HTML and Markdown of the same brief say the same thing (issue 10, item 4).

Each format's visible text is read from the file a user gets: the PDF with pdfplumber, the DOCX
from word/document.xml and word/footnotes.xml, the HTML as a browser shows it, the Markdown as
markdown-it renders it. Body text and note text are compared separately, after normalising
whitespace, case (headings are set in capitals by CSS) and compatibility forms (NFKC).

HTML, DOCX and Markdown are compared in reading order. The PDF is laid out from the same HTML,
so its order is the HTML's; pdfplumber reads table cells line by line across the row, so the
PDF is compared as the same multiset of characters, which still catches any label, number or
dash that differs.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html
from markdown_it import MarkdownIt

import sitrep
from sitrep.inline.urls import URL_IN_TEXT
from sitrep.labels import Labels, labels_for

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = sorted(
    [p for p in (ROOT / "examples").glob("*/brief.*") if p.suffix in (".yaml", ".md")]
    + [ROOT / "tests" / "fixtures" / "briefs" / name for name in ("full.yaml", "simple.yaml")]
    + sorted((Path(__file__).parent / "fixtures" / "same-text").glob("*.yaml"))
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4
NOTE_SIZE = 7.8  # .footnote font-size in base.css
CALL_SIZE = 6.5  # ::footnote-call font-size in base.css


@dataclass
class Text:
    body: str
    notes: str


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # list bullets are drawn by each format (CSS ::marker, Word numbering), not written
    return re.sub(r"[\s\u200b\u2060\u00ad•]+", "", text)


def _chrome(brief: sitrep.Brief) -> list[str]:
    """Running text that belongs to the page, not the document: the banner (classification and
    caveats, the TLP and PAP labels)."""
    from sitrep.writers.banner import banner

    marks = banner(brief)
    return [marks.text, marks.classification, *marks.label_texts] if marks else []


def _strip(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = text.replace(normalise(phrase), "")
    return text


# -- readers ------------------------------------------------------------------------------------


def html_text(data: bytes) -> Text:
    tree = html.fromstring(data)
    notes = [
        f"{li.get('value')}.{li.text_content()}"
        for li in tree.xpath("//section[contains(@class, 'notes-list')]//li")
    ]
    hidden = ["footnote", "note-ref", "notes-list", "running-title", "marking", "print-only"]
    hidden += ["banner", "watermark"]
    for name in hidden:
        for element in tree.xpath(f"//*[contains(concat(' ', @class, ' '), ' {name} ')]"):
            element.drop_tree()
    for element in tree.xpath("//head | //style"):
        element.drop_tree()
    _number_lists(tree)
    body = tree.xpath("//body")[0]
    return Text(normalise(body.text_content()), normalise("".join(notes)))


def _number_lists(tree: html.HtmlElement) -> None:
    """Write out the numbers a browser draws before the items of an ordered list."""
    for ol in tree.xpath("//ol"):
        for number, li in enumerate(ol.xpath("./li"), int(ol.get("start", "1"))):
            li.text = f"{number}." + (li.text or "")


def _paragraph_text(paragraph: etree._Element) -> str:
    out = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(node.text or "" if node.tag == f"{W}t" else " ")
    return "".join(out)


def docx_text(data: bytes) -> Text:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
    paragraphs = []
    numbered = 0
    for paragraph in document.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = _paragraph_text(paragraph)
        if style is not None and style.get(f"{W}val") == "ListNumber":
            numbered += 1
            text = f"{numbered}.{text}"
        else:
            numbered = 0
        paragraphs.append(text)
    notes = []
    real = [n for n in footnotes.iter(f"{W}footnote") if int(n.get(f"{W}id", "0")) > 0]
    for number, note in enumerate(real, 1):
        notes.append(f"{number}." + "".join(_paragraph_text(p) for p in note.iter(f"{W}p")))
    return Text(normalise(" ".join(paragraphs)), normalise("".join(notes)))


_NOTE_DEFINITION = re.compile(r"^\[\^(\d+)\]: (.*)$", re.MULTILINE)
_NOTE_CALL = re.compile(r"\[\^\d+\]")


def markdown_text(data: bytes) -> Text:
    source = data.decode("utf-8")
    md = MarkdownIt("commonmark").enable("table")
    notes = [
        f"{number}." + html.fromstring(f"<div>{md.render(text)}</div>").text_content()
        for number, text in _NOTE_DEFINITION.findall(source)
    ]
    body = _NOTE_CALL.sub("", _NOTE_DEFINITION.sub("", source))
    tree = html.fromstring(f"<div>{md.render(body)}</div>")
    _number_lists(tree)
    visible = tree.text_content()
    return Text(normalise(visible), normalise("".join(notes)))


def pdf_text(data: bytes) -> Text:
    body: list[str] = []
    notes: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            top, bottom = 24 * MM - 1, page.height - 25 * MM + 1
            for char in page.chars:
                if char["top"] < top or char["bottom"] > bottom:
                    continue  # running title, page number, marking: the page's, not the text's
                if abs(char["matrix"][1]) > 0.01:
                    continue  # a draft's watermark, set on a slant across the page
                if abs(char["size"] - CALL_SIZE) < 0.05:
                    continue
                (notes if abs(char["size"] - NOTE_SIZE) < 0.05 else body).append(char["text"])
    return Text(normalise("".join(body)), normalise("".join(notes)))


# -- the comparison -----------------------------------------------------------------------------


def _first_difference(a: str, b: str) -> str:
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if index is None:
        index = min(len(a), len(b))
    start, end = max(0, index - 60), index + 60
    return f"at {index}: …{a[start:end]}… vs …{b[start:end]}…"


@pytest.fixture(scope="module", params=BRIEFS, ids=lambda p: p.parent.name + "/" + p.name)
def rendered(request: pytest.FixtureRequest) -> tuple[sitrep.Brief, dict[str, Text]]:
    brief = sitrep.load(request.param)
    chrome = _chrome(brief)
    readers = {"html": html_text, "docx": docx_text, "md": markdown_text, "pdf": pdf_text}
    texts = {}
    for name, reader in readers.items():
        text = reader(sitrep.render(brief, name))
        texts[name] = Text(_strip(text.body, chrome), text.notes)
    # the PDF alone says that its attachments are embedded in it
    embedded = labels_for(brief.language, brief.template).attachments_embedded
    texts["pdf"].body = _strip(texts["pdf"].body, [embedded])
    return brief, texts


@pytest.mark.parametrize("other", ["docx", "md"])
def test_body_text_is_the_same_in_reading_order(rendered, other: str) -> None:  # type: ignore[no-untyped-def]
    _, texts = rendered
    expected, actual = texts["html"].body, texts[other].body
    assert actual == expected, f"{other} differs from html " + _first_difference(actual, expected)


@pytest.mark.parametrize("other", ["docx", "md"])
def test_notes_are_the_same(rendered, other: str) -> None:  # type: ignore[no-untyped-def]
    _, texts = rendered
    expected, actual = texts["html"].notes, texts[other].notes
    assert actual == expected, f"{other} notes differ " + _first_difference(actual, expected)


def test_pdf_prints_the_same_characters_as_the_html(rendered) -> None:  # type: ignore[no-untyped-def]
    brief, texts = rendered
    headers = _table_headers(labels_for(brief.language, brief.template))
    for part in ("body", "notes"):
        # automatic hyphenation adds hyphens at line ends in print only
        pdf = Counter(getattr(texts["pdf"], part).replace("-", ""))
        page = Counter(getattr(texts["html"], part).replace("-", ""))
        for header in headers:  # repeated on the next page when a table runs on, in print only
            while header and not header - (pdf - page):
                pdf -= header
        assert pdf == page, f"{part}: only in PDF {pdf - page}, only in HTML {page - pdf}"


def _table_headers(labels: Labels) -> list[Counter[str]]:
    """The characters of each table's header row."""
    return [
        Counter(normalise(text).replace("-", ""))
        for text in (
            labels.judgment + labels.likelihood + labels.confidence,
            labels.source + labels.grade + labels.reliability_credibility,
            labels.indicator + labels.scenario + labels.indicator_status,
        )
    ]


# -- generated briefs ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Kim",
        "it's",
        '"quoted"',
        "'single'",
        "the '90s",
        "Müller's",
        "50%",
        "a-b",
        "x_y",
        "*em*",
        "**strong**",
        "`co'de`",
        "[link](https://example.org/a-b?c=d)",
        "https://www.example.org/long/path-name_with~parts?x=1&y=2#frag",
        "<b>",
        "{{ x }}",
        "&amp;",
        "#",
        "1.",
        "—",
        "«",
        "\\",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
CITED = st.tuples(PHRASE, st.sampled_from(["", " [@a]", "[@a]", " [@a, p. 4]", "^[note 'x']"])).map(
    "".join
)
PLAIN = st.lists(
    st.sampled_from(["Ann O'Neil", 'The "Desk"', "Kim's", "Plain", "a_b", "x*y", "Q&A"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@st.composite
def generated_briefs(draw: st.DrawFn) -> sitrep.Brief:
    data: dict[str, object] = {
        "template": draw(st.sampled_from(["intel-brief", "analysis", "article"])),
        "title": draw(PLAIN),
        "date": "2024-01-02",
        "language": draw(st.sampled_from(["en", "de", "fr", "nl"])),
        "smart_quotes": draw(st.booleans()),
        "sources": [{"id": "a", "type": "webpage", "title": "Page 'A'", "url": "https://x.org/a"}],
    }
    optional = {
        "subtitle": PLAIN,
        "organisation": PLAIN,
        "dateline": PLAIN,
        "standfirst": CITED,
        "assessment": CITED,
        "contact": CITED,
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            data[name] = draw(strategy)
    data["authors"] = draw(st.lists(PLAIN, max_size=3))
    data["keywords"] = draw(st.lists(PLAIN, max_size=2))
    data["who"] = draw(st.lists(PLAIN, max_size=2))
    data["where"] = draw(st.lists(PLAIN, max_size=2))
    data["what"] = [{"text": t} for t in draw(st.lists(CITED, max_size=3))]
    data["sections"] = [
        {"heading": h, "body": b, "quotes": [{"text": q, "speaker": s} for q, s in qs]}
        for h, b, qs in draw(
            st.lists(
                st.tuples(PLAIN, CITED, st.lists(st.tuples(CITED, PLAIN), max_size=1)), max_size=2
            )
        )
    ]
    data["key_judgments"] = [
        {"text": t, "likelihood": lk, "confidence": c}
        for t, lk, c in draw(
            st.lists(
                st.tuples(
                    CITED,
                    st.sampled_from(["likely", "almost no chance", "roughly even chance"]),
                    st.sampled_from(["high", "low"]),
                ),
                max_size=2,
            )
        )
    ]
    data["recommendations"] = draw(st.lists(CITED, max_size=3))
    data["source_table"] = draw(st.booleans())
    data["bibliography"] = draw(st.booleans())
    return sitrep.Brief.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_briefs())
def test_generated_briefs_say_the_same_in_html_docx_and_markdown(brief: sitrep.Brief) -> None:
    chrome = _chrome(brief)
    html_out = html_text(sitrep.render(brief, "html"))
    for name, reader in (("docx", docx_text), ("md", markdown_text)):
        other = reader(sitrep.render(brief, name))
        body = _strip(other.body, chrome)
        assert body == _strip(html_out.body, chrome), f"{name} " + _first_difference(
            body, _strip(html_out.body, chrome)
        )
        assert other.notes == html_out.notes, f"{name} notes " + _first_difference(
            other.notes, html_out.notes
        )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_briefs())
def test_generated_briefs_print_the_same_characters_as_their_html(brief: sitrep.Brief) -> None:
    chrome = _chrome(brief)
    page, pdf = html_text(sitrep.render(brief, "html")), pdf_text(sitrep.render(brief, "pdf"))
    labels = labels_for(brief.language, brief.template)
    # A table that runs onto the next page repeats its header row there (thead), in print only.
    headers = _table_headers(labels)
    for part in ("body", "notes"):
        printed = Counter(_strip(getattr(pdf, part), chrome).replace("-", ""))
        screen = Counter(_strip(getattr(page, part), chrome).replace("-", ""))
        for header in headers:
            while header and not header - (printed - screen):
                printed -= header
        assert printed == screen, (
            f"{part}: only in PDF {printed - screen}, only in HTML {screen - printed}"
        )


# -- typography on the output -------------------------------------------------------------------


def _outside_code_and_urls_html(data: bytes) -> str:
    tree = html.fromstring(data)
    for element in tree.xpath("//code | //head | //style | //*[@class='url']"):
        element.drop_tree()
    return URL_IN_TEXT.sub("", tree.xpath("//body")[0].text_content())


def _outside_code_and_urls_docx(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [
            etree.fromstring(package.read(n)) for n in ("word/document.xml", "word/footnotes.xml")
        ]
    texts = []
    for part in parts:
        for run in part.iter(f"{W}r"):
            if run.find(f"{W}rPr/{W}rFonts") is not None:  # code is set in Courier New
                continue
            texts.append("".join(t.text or "" for t in run.iter(f"{W}t")))
    return URL_IN_TEXT.sub("", " ".join(texts))


def _outside_code_and_urls_md(data: bytes) -> str:
    tree = html.fromstring(f"<div>{MarkdownIt('commonmark').render(data.decode('utf-8'))}</div>")
    for element in tree.xpath("//code"):
        element.drop_tree()
    return URL_IN_TEXT.sub("", tree.text_content())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_briefs())
def test_no_straight_quote_outside_code_and_urls(brief: sitrep.Brief) -> None:
    brief = brief.model_copy(update={"smart_quotes": True})
    for name, visible in (
        ("html", _outside_code_and_urls_html),
        ("docx", _outside_code_and_urls_docx),
        ("md", _outside_code_and_urls_md),
    ):
        text = visible(sitrep.render(brief, name))
        assert "'" not in text and '"' not in text, f"{name}: {text!r}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_briefs())
def test_no_space_before_a_note_call_in_any_format(brief: sitrep.Brief) -> None:
    page = sitrep.render(brief, "html").decode("utf-8")
    assert not re.search(r"\s\u2060?<a class=\"note-ref\"", page)
    assert not re.search(r"\s\[\^\d+\](?!:)", sitrep.render(brief, "md").decode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(sitrep.render(brief, "docx"))) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    for reference in body.iter(f"{W}footnoteReference"):
        before = reference.getparent().getprevious()
        if before is not None and before.tag == f"{W}hyperlink":
            before = before.findall(f"{W}r")[-1]  # the link's own last run
        if before is not None and before.tag == f"{W}r":
            text = "".join(t.text or "" for t in before.iter(f"{W}t"))
            assert not text[-1:].isspace(), f"space before note call: {text!r}"


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.parent.name + "/" + p.name)
def test_no_space_before_a_note_call_in_print(path: Path) -> None:
    """The call's superscript starts where its word ends (a space would be about 2.5 pt)."""
    with pdfplumber.open(io.BytesIO(sitrep.render(sitrep.load(path), "pdf"))) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            for before, char in itertools.pairwise(chars):
                is_call = abs(char["size"] - CALL_SIZE) < 0.05 and char["text"].isdigit()
                if not is_call or abs(before["size"] - CALL_SIZE) < 0.05:
                    continue
                if abs(before["top"] - char["top"]) > before["size"]:
                    continue  # the call starts a line
                assert char["x0"] - before["x1"] < 1.0, (page.page_number, before["text"], char)
