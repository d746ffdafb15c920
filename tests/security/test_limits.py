"""Very large input renders in every format: a 1 MB paragraph and a brief of 10,000 events."""

from __future__ import annotations

import io

import pdfplumber
import pytest

import sitrep

FORMATS = ["md", "html", "docx", "pdf"]


@pytest.fixture(scope="module")
def ten_thousand_events() -> sitrep.Brief:
    return sitrep.Brief.model_validate(
        {
            "title": "Ten thousand events",
            "date": "2023-09-15",
            "marking": "TLP:GREEN",
            "what": [
                {"date": "2023-09-10", "text": f"Event {i} happened at the border crossing."}
                for i in range(10_000)
            ],
        }
    )


@pytest.fixture(scope="module")
def megabyte_paragraph() -> sitrep.Brief:
    return sitrep.Brief.model_validate(
        {
            "title": "One long paragraph",
            "date": "2023-09-15",
            "assessment": "word " * 200_000 + "END",
        }
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_ten_thousand_events_render(ten_thousand_events: sitrep.Brief, fmt: str) -> None:
    output = sitrep.render(ten_thousand_events, fmt)
    assert isinstance(output, bytes)
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(output)) as pdf:
            last = pdf.pages[-1].extract_text() or ""
            assert len(pdf.pages) > 100
        assert "Event 9999 happened" in last.replace("\n", " ")
    elif fmt in ("md", "html"):
        assert b"Event 9999 happened" in output


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_megabyte_paragraph_renders_whole(megabyte_paragraph: sitrep.Brief, fmt: str) -> None:
    output = sitrep.render(megabyte_paragraph, fmt)
    assert isinstance(output, bytes)
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(output)) as pdf:
            text = pdf.pages[-1].extract_text() or ""
        assert "END" in text
    elif fmt in ("md", "html"):
        assert b" ".join([b"word"] * 200_000) + b" END" in output
