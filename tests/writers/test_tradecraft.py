"""The tradecraft elements print in every layout and format, checked on the real output: PDF
text through pdfplumber, DOCX paragraphs through python-docx, HTML and Markdown as text. The
invariant part runs on generated briefs."""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import Any

import docx
import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.model import Brief

LAYOUTS = ("intel-brief", "analysis", "article")

BRIEF: dict[str, Any] = {
    "title": "Grid strikes",
    "date": "2024-03-01",
    "marking": "TLP:GREEN",
    "likelihood_scale": "phia",
    "bluf": "Bottomline strikes continue [@isw].",
    "assessment": "Assessmentword [@isw].",
    "key_judgments": [
        {
            "text": "Judgmentword continues [@isw].",
            "likelihood": "realistic possibility",
            "confidence": "moderate",
            "basis": "Basisword six weeks [@kyiv].",
        }
    ],
    "outlook": [{"name": "Escalationname", "text": "Scenarioword.", "likelihood": "unlikely"}],
    "indicators": [
        {"text": "Indicatorword massing", "status": "partly", "scenario": "Escalationname"}
    ],
    "assumptions": ["Assumptionword holds."],
    "gaps": ["Gapword unknown."],
    "source_summary": "Summaryword of sources.",
    "recommendations": ["Recommendationword."],
    "contact": "Contactword.",
    "sources": [
        {"id": "isw", "title": "ISW update", "descriptor": "Descriptorword tank"},
        {"id": "kyiv", "title": "Ministry note"},
    ],
}
WORDS = (
    "Bottomline",
    "Judgmentword",
    "Basisword",
    "Escalationname",
    "Scenarioword",
    "Indicatorword",
    "Partly observed",
    "Assumptionword",
    "Gapword",
    "Summaryword",
    "Descriptorword",
    "Realistic possibility",
    "40-50%",
    "25-35%",
)
# Reading order every layout keeps; note numbers rise with it.
ORDER = (
    "Bottomline",
    "Assessmentword",
    "Judgmentword",
    "Basisword",
    "Scenarioword",
    "Indicatorword",
    "Assumptionword",
    "Gapword",
    "Recommendationword",
    "Summaryword",
    "Contactword",
)


def brief(layout: str, **changes: Any) -> Brief:
    return Brief.model_validate({**BRIEF, "template": layout, **changes})


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def docx_text(data: bytes) -> str:
    """The body's paragraphs, then the footnotes (where the source descriptor is)."""
    document = docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = archive.read("word/footnotes.xml").decode("utf-8")
    note_text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", notes))
    return "\n".join(p.text for p in document.paragraphs) + "\n" + html.unescape(note_text)


def html_text(data: bytes) -> str:
    page = re.sub(r"<style.*?</style>", " ", data.decode("utf-8"), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def texts(value: Brief, formats: tuple[str, ...]) -> dict[str, str]:
    readers = {"pdf": pdf_text, "docx": docx_text, "html": html_text, "md": bytes.decode}
    out = {}
    for fmt in formats:
        data = sitrep.render(value, fmt)
        assert isinstance(data, bytes)
        text = readers[fmt](data)
        out[fmt] = " ".join(text.replace("–", "-").replace("\\", "").split())
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_element_prints_in_every_format_in_reading_order(layout: str) -> None:
    for fmt, text in texts(brief(layout), ("pdf", "docx", "html", "md")).items():
        for word in WORDS:
            assert word in text, f"{layout} {fmt}: {word!r} missing"
        positions = [text.index(word) for word in ORDER]
        assert positions == sorted(positions), f"{layout} {fmt}: elements out of order"
        assert "follow PHIA" in text or fmt in ("md", "docx")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_bluf_comes_before_the_body(layout: str) -> None:
    value = brief(layout, what=[{"date": "2024-02-28", "text": "Eventword [@isw]."}])
    for fmt, text in texts(value, ("html", "md", "docx")).items():
        assert text.index("Bottomline") < text.index("Eventword"), (layout, fmt)


def test_a_brief_without_the_elements_prints_none_of_their_headings() -> None:
    value = Brief.model_validate({"title": "T", "date": "2024-03-01", "assessment": "A."})
    for fmt, text in texts(value, ("html", "md", "docx")).items():
        for heading in ("Bottom line", "Outlook", "Indicators", "assumptions", "gaps", "summary"):
            assert heading.lower() not in text.lower(), (fmt, heading)


def test_a_judgment_without_likelihood_or_confidence_prints() -> None:
    value = brief("intel-brief", key_judgments=[{"text": "Bareword judgment."}])
    for fmt, text in texts(value, ("html", "md", "docx")).items():
        assert "Bareword judgment" in text, fmt


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9)
_prose = st.lists(_word, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(LAYOUTS),
    bluf=_prose,
    assumptions=st.lists(_prose, max_size=3),
    gaps=st.lists(_prose, max_size=3),
    scenarios=st.lists(st.tuples(_word, _prose), max_size=3, unique_by=lambda s: s[0]),
    indicator=_prose,
)
def test_every_generated_element_reaches_html_markdown_and_docx(
    layout: str,
    bluf: str,
    assumptions: list[str],
    gaps: list[str],
    scenarios: list[tuple[str, str]],
    indicator: str,
) -> None:
    value = Brief.model_validate(
        {
            "title": "T",
            "date": "2024-03-01",
            "template": layout,
            "bluf": bluf,
            "assumptions": assumptions,
            "gaps": gaps,
            "outlook": [
                {"name": name, "text": text, "likelihood": "likely"} for name, text in scenarios
            ],
            "indicators": [{"text": indicator, "status": "observed"}],
        }
    )
    expected = [bluf, *assumptions, *gaps, indicator]
    expected += [part for scenario in scenarios for part in scenario]
    for fmt, text in texts(value, ("html", "md", "docx")).items():
        for phrase in expected:
            assert phrase in text, (fmt, phrase)
