"""Untrusted text comes out exactly as typed in every format, and is never interpreted."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree, html

import sitrep

FIXTURES = Path(__file__).parents[1] / "fixtures" / "briefs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LITERALS = [
    "<script>alert('title')</script> {{ 7*7 }} & Co",
    "{_{ docxtpl }_} {%p if x %} {{r run }}",
    "<img src=x onerror=alert(1)> <style>body{display:none}</style>",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    "![leak](/etc/passwd) ![leak2](../secret.txt) [file](file:///etc/passwd) "
    "[js](javascript:alert(1))",
    "</w:t></w:r><w:r><w:t>injected",
    "{{ config }} {% for x in range(10**9) %}{% endfor %} {# comment #} ${jndi:ldap://127.0.0.1/x}",
    "entities &amp; &lt; &#x41; stay as typed",
]


@pytest.fixture(scope="module")
def brief() -> sitrep.Brief:
    return sitrep.load(FIXTURES / "hostile.yaml")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", straighten(text))


def straighten(text: str) -> str:
    """Typographic quotes back to the straight ones typed: the typography pass adds them."""
    return re.sub("[‘’‚]", "'", re.sub("[“”„]", '"', text))


def test_html_shows_hostile_text_literally_and_runs_nothing(brief: sitrep.Brief) -> None:
    document = html.fromstring(sitrep.render(brief, "html"))
    text = straighten(document.text_content())
    for literal in LITERALS:
        assert literal in text
    assert not document.xpath("//script | //img | //iframe | //object")
    hrefs = [a.get("href") for a in document.xpath("//a[@href]")]
    assert all(h.startswith(("http:", "https:", "mailto:", "#")) for h in hrefs), hrefs
    assert not [s for s in document.xpath("//style") if "display:none" in (s.text or "")]


def test_docx_shows_hostile_text_literally(brief: sitrep.Brief) -> None:
    with zipfile.ZipFile(io.BytesIO(sitrep.render(brief, "docx"))) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = etree.fromstring(parts["word/document.xml"])
    text = straighten("".join(t.text or "" for t in body.iter(f"{W}t")))
    for literal in LITERALS:
        assert literal in text
    assert not any(
        "injected" in (t.text or "") and t.text == "injected" for t in body.iter(f"{W}t")
    )
    headers = b"".join(v for k, v in parts.items() if "header" in k or "footer" in k)
    assert b"TLP:RED" in headers


def test_pdf_shows_hostile_text_literally(brief: sitrep.Brief) -> None:
    with pdfplumber.open(io.BytesIO(sitrep.render(brief, "pdf"))) as pdf:
        text = squeeze("".join(page.extract_text() or "" for page in pdf.pages))
        names = pdf.doc.catalog.get("Names") or {}
        assert "EmbeddedFiles" not in names and "JavaScript" not in names
    for literal in LITERALS:
        assert squeeze(literal) in text


def test_markdown_escapes_hostile_text_so_it_stays_text(brief: sitrep.Brief) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(sitrep.render(brief, "md").decode("utf-8"))
    visible = straighten(html.fromstring(f"<div>{rendered}</div>").text_content())
    for literal in LITERALS:
        assert literal in visible
    assert "<script>" not in rendered and "<img" not in rendered
