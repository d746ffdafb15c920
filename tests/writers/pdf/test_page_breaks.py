"""Forced page breaks in WeasyPrint's parsed HTML: before a line, before a block."""

from __future__ import annotations

from typing import Any

import weasyprint

from sitrep.writers.pdf.engine import font_config
from sitrep.writers.pdf.footnote_layout import read_layout
from sitrep.writers.pdf.page_breaks import HtmlTree, break_before_block, break_before_line

PARAGRAPH = (
    "The <em>Balticconnector</em> pipeline was damaged on 8 October 2023, and an unusual "
    "pressure drop was seen at Inkoo <a href='https://example.org/a'>by the operator's control "
    "room</a> soon after one in the morning; the telecom cable was damaged the same night. " * 4
)
STYLE = (
    "<style>@page { size: 120mm 200mm; margin: 10mm } "
    "p { text-align: justify; hyphens: auto }</style>"
)


def _text(line: Any) -> str:
    from weasyprint.formatting_structure import boxes

    return "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))


def _without_hyphens(text: str) -> str:
    return text.replace("-", "").replace("\u2010", "")


def _render(html: Any) -> Any:
    return html.render(font_config=font_config())


def _paragraph(html: Any) -> Any:
    return next(e for e in html.etree_element.iter() if e.tag == "p" and e.get("id") == "target")


def test_break_before_a_line_keeps_every_word_and_starts_a_page() -> None:
    html = weasyprint.HTML(
        string=f"<html lang=en>{STYLE}<h1>Title</h1><p>Before.</p>"
        f"<p id=target>{PARAGRAPH}</p><p>After.</p>"
    )
    document = _render(html)
    layout = read_layout(document.pages)
    paragraph = _paragraph(html)
    lines = layout.lines[id(paragraph)]
    assert len(document.pages) == 1 and len(lines) > 8
    container = layout.page_lines[0][3][1][-1]  # the paragraph's block box
    before = "".join(paragraph.itertext())
    shown = [_text(line) for line in lines]
    assert break_before_line(container, lines, 5, layout)
    after = "".join(paragraph.itertext())
    assert _without_hyphens(after) == _without_hyphens(before), "no word lost or added"
    document = _render(html)
    assert len(document.pages) == 2
    second = read_layout(document.pages).page_lines[1]
    assert _text(second[0][0]) == shown[5], "the sixth line now opens page 2"
    page_one = read_layout(document.pages).page_lines[0]
    assert len(page_one) == 2 + 5, "the title, 'Before.' and the paragraph's first five lines"


def test_break_before_a_block_takes_the_heading_along() -> None:
    html = weasyprint.HTML(
        string=f"<html lang=en>{STYLE}<p>Intro.</p><section><h2 style='break-after: avoid'>"
        "Heading</h2><p id=target>Text.</p></section>"
    )
    document = _render(html)
    layout = read_layout(document.pages)
    paragraph = _paragraph(html)
    assert break_before_block(paragraph, 0, layout, HtmlTree(html.etree_element))
    section = next(e for e in html.etree_element.iter() if e.tag == "section")
    assert "break-before: page" in (section.get("style") or "")
    assert len(_render(html).pages) == 2
