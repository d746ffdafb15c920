"""The HTML writer: golden files, escaping, screen notes, and house-style templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import sitrep
from sitrep.resolve import resolve
from sitrep.writers.html import render_html
from sitrep.writers.options import RenderOptions

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
HOUSE = ROOT / "docs" / "examples" / "house-style"
BRIEFS = {
    "simple": ROOT / "tests" / "fixtures" / "briefs" / "simple.yaml",
    "full": ROOT / "tests" / "fixtures" / "briefs" / "full.yaml",
    "many-notes": Path(__file__).parent / "fixtures" / "many-notes.yaml",
    "north-korea-russia-summit": ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml",
    "russia-north-korea-alliance": ROOT / "examples" / "russia-north-korea-alliance" / "brief.yaml",
    "putin-kim-article": ROOT / "examples" / "putin-kim-article" / "brief.md",
}


def html_of(path: Path, **options: object) -> str:
    return render_html(resolve(sitrep.load(path)), RenderOptions(**options))  # type: ignore[arg-type]


def without_stylesheet(html: str) -> str:
    """The document without its inlined CSS: the goldens pin structure and text, not styling."""
    return re.sub(
        r"<style>.*?</style>", "<style>/* packaged CSS */</style>", html, count=1, flags=re.DOTALL
    )


@pytest.mark.parametrize("name", sorted(BRIEFS))
def test_golden(name: str, golden: Callable[[str, Path], None]) -> None:
    golden(without_stylesheet(html_of(BRIEFS[name])), GOLDEN / f"{name}.html")


def test_hostile_text_stays_text() -> None:
    html = html_of(BRIEFS["full"])
    assert "&lt;b&gt;bold&lt;/b&gt; {{ x }} {% if %} {_{ y }_} &amp;" in html
    assert "<b>bold</b>" not in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html


def test_css_is_not_escaped() -> None:
    style = html_of(BRIEFS["full"]).split("<style>")[1].split("</style>")[0]
    assert "&#34;" not in style and "&#39;" not in style and "&amp;" not in style
    assert 'content: "Page " counter(page) " of " counter(pages) "";' in style
    assert "float: footnote" in style


def test_metadata_in_head() -> None:
    html = html_of(BRIEFS["full"])
    assert '<html lang="en">' in html
    assert "<title>Full brief: every field</title>" in html
    assert '<meta name="author" content="Ana Analyst">' in html
    assert '<meta name="keywords" content="North Korea, Russia, arms">' in html
    assert '<meta name="dcterms.created" content="2023-09-15">' in html


def test_note_spans_carry_the_resolvers_numbers_in_order() -> None:
    resolved = resolve(sitrep.load(BRIEFS["full"]))
    html = render_html(resolved, RenderOptions())
    spans = re.findall(r'<span class="footnote" id="fn\d+" data-note="(\d+)"', html)
    numbers = [int(n) for n in spans]
    assert numbers == [note.number for note in resolved.notes]
    # the screen-only list repeats every note at the end
    listed = [int(n) for n in re.findall(r'<li id="note-(\d+)"', html)]
    assert listed == numbers
    assert "@media screen" in html and ".footnote { display: none; }" in html


def test_marking_elements_come_first_in_body() -> None:
    html = html_of(BRIEFS["full"])
    body = html.split("<body", 1)[1]
    assert body.index('class="marking marking-top"') < body.index("<main>")
    assert body.index('class="marking marking-bottom"') < body.index("<main>")
    assert "TLP:AMBER+STRICT" in body


def test_intel_brief_shape() -> None:
    html = html_of(BRIEFS["full"])
    for label in (
        "<dt>Date:</dt>",
        "<dt>When:</dt>",
        "<dt>Where:</dt>",
        "<dt>Who’s involved:</dt>",
    ):
        assert label in html
    assert '<strong class="when">10/09/2023 06:30</strong>' in html
    assert '<h3 class="theme">Reactions</h3>' in html
    assert 'Likely <span class="range">55–80%</span>' in html
    assert '<td class="grade">B2</td>' in html


def test_article_shape() -> None:
    path = BRIEFS["putin-kim-article"]
    if not path.exists():
        pytest.skip("example not written yet")
    html = html_of(path)
    assert '<span class="byline">By Ji Da-gyum, The Korea Herald</span>' in html
    assert '<span class="dateline">SEOUL –</span>' in html
    assert html.count('class="dateline"') == 1
    assert '<blockquote class="pull-quote">' in html


def test_layout_option_overrides_the_brief() -> None:
    html = html_of(BRIEFS["full"], template="article")
    assert '<body class="layout-article">' in html


def test_house_style_overrides(tmp_path: Path) -> None:
    html = html_of(BRIEFS["full"], template=HOUSE)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="house-logo"' in html
    assert "--accent: #0b5d4b;" in html  # house.css is inlined after the packaged CSS
    assert html.index("--accent: #1f3a5f;") < html.index("--accent: #0b5d4b;")
    assert '<body class="layout-intel-brief">' in html
    assert "<dt>Who’s involved:</dt>" in html  # the rest of the packaged layout is kept


def test_user_folder_with_only_css(tmp_path: Path) -> None:
    (tmp_path / "house.css").write_text(":root { --accent: #123456; }\n", encoding="utf-8")
    html = html_of(BRIEFS["simple"], template=tmp_path)
    assert ":root { --accent: #123456; }" in html
