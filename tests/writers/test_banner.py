"""The banner and a draft's stamp in HTML and Markdown: where they go, and that no markup typed
into a classification or caveat is ever live."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html
from markdown_it import MarkdownIt

import sitrep
from sitrep.model import Brief

BASE: dict[str, Any] = {
    "title": "Grid strikes",
    "date": "2024-03-01",
    "marking": "TLP:AMBER",
    "classification": "OFFICIAL-SENSITIVE",
    "caveats": ["REL TO NLD, BEL"],
    "pap": "PAP:RED",
    "status": "draft",
    "version": "0.3",
    "assessment": "Further strikes are likely.",
}
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**bold** [link](https://evil.example) <b>b</b>",
    "{{ brief.title }}{% raw %}",
    "&amp; &lt;",
]


def _render(fmt: str, **fields: Any) -> str:
    data = sitrep.render(Brief.model_validate({**BASE, **fields}), fmt, warn=lambda _: None)
    assert isinstance(data, bytes)
    return data.decode("utf-8")


def test_html_has_the_banner_top_and_end_and_the_watermark_for_print() -> None:
    tree = html.fromstring(_render("html"))
    banners = tree.xpath("//div[contains(@class, 'banner')]")
    assert [b.get("class").split()[-1] for b in banners] == [
        "marking-top",
        "marking-bottom",
        "marking-end",
    ]
    for banner in banners:
        text = " ".join(banner.text_content().split())
        assert text == "OFFICIAL-SENSITIVE // REL TO NLD, BEL TLP:AMBER PAP:RED"
    pap = tree.xpath("//span[@class='marking'][text()='PAP:RED']")[0]
    assert "#FF2B2B" in pap.get("style")
    assert [w.text for w in tree.xpath("//div[@class='watermark']")] == ["DRAFT v0.3"]
    assert "DRAFT v0.3" in tree.xpath("//div[@class='kicker']")[0].text_content()


def test_a_final_brief_has_no_watermark_and_no_draft_word() -> None:
    page = _render("html", status="final", version=None)
    assert 'watermark"' not in page and "DRAFT" not in page


def test_a_final_brief_with_a_version_says_so() -> None:
    tree = html.fromstring(_render("html", status="final", version="2"))
    assert tree.xpath("//div[@class='kicker']")[0].text_content().endswith("v2")
    assert not tree.xpath("//div[@class='watermark']")


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_the_banner_is_never_live_in_html(text: str) -> None:
    page = _render("html", classification=text, caveats=[text])
    tree = html.fromstring(page)
    assert not tree.xpath("//script | //img | //b | //a[contains(@href, 'evil')]")
    banner = tree.xpath("//div[contains(@class, 'marking-top')]")[0]
    assert f"{text} // {text}" in banner.text_content()


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_the_banner_is_never_live_in_markdown(text: str) -> None:
    markdown = _render("md", classification=text, caveats=[text])
    first = markdown.split("\n\n")[0]
    rendered = MarkdownIt("commonmark").render(first)
    tree = html.fromstring(f"<div>{rendered}</div>")
    assert not tree.xpath("//script | //img | //b | //a")
    assert tree.text_content().strip() == f"{text} // {text} TLP:AMBER PAP:RED"


def test_markdown_banner_line_and_draft_kicker() -> None:
    lines = _render("md").split("\n\n")
    assert lines[0] == "**OFFICIAL\\-SENSITIVE // REL TO NLD, BEL TLP:AMBER PAP:RED**"
    assert lines[1].endswith("DRAFT v0.3")


def test_a_tlp_only_markdown_brief_is_unchanged() -> None:
    markdown = _render("md", classification=None, caveats=[], pap=None, status="final")
    assert markdown.startswith("**TLP:AMBER**\n\n")
