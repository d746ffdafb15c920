"""Markdown and HTML output never carry live HTML from a brief, and never point outside it.

A property over generated hostile strings (HTML, backticks, newlines, tabs, brackets, quotes)
placed in every kind of field (titles, prose with code spans and links, figure captions and
file names, source URLs) checks the real output: the Markdown parsed by markdown-it-py has no
html_inline or html_block token, and the HTML has no element or attribute the brief put there.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from PIL import Image

import sitrep
from sitrep.errors import BriefError, ResourceRefused

PIECES = st.sampled_from(
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<div>",
        "</p>",
        "<!-- c -->",
        "<?php ?>",
        "<![CDATA[ x ]]>",
        "&lt;",
        "&#60;",
        "`",
        "``",
        "```",
        "\n",
        "\n\n",
        "\t",
        "\r",
        "    ",
        "](javascript:alert(1))",
        "![x](http://tracker.example/p.gif)",
        "[a](<b>)",
        "<http://a.example>",
        '"',
        "'",
        "\\",
        "|",
        "#",
        "> ",
        "- ",
        "1. ",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "=",
    ]
)
TEXT = st.lists(
    st.one_of(
        PIECES, st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
    ),
    max_size=6,
).map("".join)
LINE = TEXT.map(lambda text: text.replace("\n", " ").replace("\r", " ").strip() or "x")
FILE_NAME = st.lists(
    st.one_of(
        PIECES, st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6)
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: ("".join(parts).replace("/", "").replace("\x00", "")[:60] or "f") + ".png")


@st.composite
def hostile_briefs(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    code = draw(TEXT).replace("````", "")  # a code span fenced with ````, backticks inside
    link = draw(TEXT).replace(")", "").replace("(", "").replace("\n", "").replace(" ", "")
    names = draw(st.lists(FILE_NAME, max_size=2, unique=True))
    data: dict[str, Any] = {
        "title": draw(LINE),
        "subtitle": draw(LINE),
        "organisation": draw(LINE),
        "authors": [draw(LINE)],
        "date": "2024-06-01",
        "who": [draw(LINE)],
        "where": [draw(LINE)],
        "assessment": f"{draw(TEXT)} ```` {code} ```` [see](https://example.org/{link}) [@s1]",
        "what": [{"text": draw(TEXT) or "x"}],
        "sections": [{"heading": draw(LINE), "body": draw(TEXT) or "x"}],
        "quotes": [{"text": draw(TEXT) or "x", "speaker": draw(LINE)}],
        "figures": [{"image": name, "caption": draw(TEXT), "credit": draw(LINE)} for name in names],
        "sources": [
            {
                "id": "s1",
                "title": draw(LINE),
                "type": "webpage",
                "url": "https://example.org/" + draw(TEXT),
            }
        ],
    }
    return data, names


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _load(folder: Path, data: dict[str, Any], names: list[str]) -> sitrep.Brief:
    for name in names:
        (folder / name).write_bytes(_png())
    path = folder / "brief.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        return sitrep.load(path)
    except BriefError:
        assume(False)
        raise


def _tokens(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_tokens(token.children or []))
    return out


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


ROOT = Path(__file__).resolve().parents[2]
# Every element the packaged templates and the HTML writer can write; a brief adds none.
TEMPLATE_TAGS = {
    match.lower()
    for source in [*(ROOT / "templates" / "html").glob("*.j2"), ROOT / "src/sitrep/writers/html.py"]
    for match in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", source.read_text(encoding="utf-8"))
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_briefs())
def test_no_live_html_and_no_outside_reference(case: tuple[dict[str, Any], list[str]]) -> None:
    data, names = case
    with tempfile.TemporaryDirectory() as tmp:
        brief = _load(Path(tmp), data, names)
        assume([figure.image for figure in brief.figures] == names)  # names the model keeps
        expected_src = {quote(name, safe="/") for name in names}

        markdown = sitrep.render(brief, "md")
        assert isinstance(markdown, bytes)
        parser = MarkdownIt("commonmark").enable("table")
        tokens = _tokens(parser.parse(markdown.decode("utf-8")))
        assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
        images = [unquote(str(t.attrGet("src"))) for t in tokens if t.type == "image"]
        assert sorted(images) == sorted(names)

        html = sitrep.render(brief, "html")
        assert isinstance(html, bytes)
        reader = _Elements()
        reader.feed(html.decode("utf-8"))
        tags = {tag for tag, _ in reader.elements}
        assert tags <= TEMPLATE_TAGS, tags - TEMPLATE_TAGS
        assert "script" not in tags
        for tag, attrs in reader.elements:
            assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
            if tag == "a":
                href = attrs.get("href") or ""
                assert href.startswith(("#", "https://", "http://", "mailto:")), href
        srcs = [attrs.get("src") for tag, attrs in reader.elements if tag == "img"]
        assert sorted(srcs) == sorted(expected_src)  # type: ignore[type-var]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    "image,allowed",
    [
        ("../secret.png", False),
        ("/etc/passwd", False),
        ("file:///etc/passwd", False),
        ("http://tracker.example/p.gif", False),
        ("HTTP://tracker.example/p.gif", False),
        ("//tracker.example/p.gif", False),
        ("file://localhost/etc/passwd", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("https://tracker.example/p.gif", True),
    ],
)
def test_outside_or_remote_figures_are_refused_unless_allowed(
    tmp_path: Path, fmt: str, image: str, allowed: bool
) -> None:
    (tmp_path / "secret.png").write_bytes(_png())
    folder = tmp_path / "brief"
    folder.mkdir()
    path = folder / "brief.yaml"
    path.write_text(
        f"title: T\ndate: 2024-01-01\nfigures:\n  - image: '{image}'\n", encoding="utf-8"
    )
    brief = sitrep.load(path)
    with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image"):
        sitrep.render(brief, fmt)
    if allowed:
        out = sitrep.render(brief, fmt, allow_remote=True)
        assert isinstance(out, bytes) and image.encode() in out


def test_the_reported_repros_come_out_as_text(tmp_path: Path) -> None:
    """The red team's three: a figure file name, a code span with backticks, a source URL."""
    name = "x<img src=y onerror=alert(1)>.png"
    (tmp_path / name).write_bytes(_png())
    path = tmp_path / "brief.yaml"
    path.write_text(
        json.dumps(
            {
                "title": "Repro",
                "date": "2024-01-01",
                "figures": [{"image": name}],
                "assessment": "Run ``` a``<img src=z onerror=alert(2)>``b ``` now [@u].",
                "sources": [
                    {
                        "id": "u",
                        "title": "Feed",
                        "url": "https://e.example/\n<img src=w onerror=alert(3)>\t",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    try:
        brief = sitrep.load(path)
    except BriefError as error:  # a URL with a newline may be refused outright: also fine
        assert "url" in str(error)
        return
    markdown = sitrep.render(brief, "md")
    assert isinstance(markdown, bytes)
    tokens = _tokens(MarkdownIt("commonmark").parse(markdown.decode("utf-8")))
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    shown = _Elements()  # as a Markdown viewer would show it
    shown.feed(MarkdownIt("commonmark").render(markdown.decode("utf-8")))
    assert [tag for tag, _ in shown.elements if tag == "img"] == ["img"]
    assert not [name for _, attrs in shown.elements for name in attrs if name.startswith("on")]
    for fmt in ("html", "md"):
        out = sitrep.render(brief, fmt)
        assert isinstance(out, bytes)
        assert b"onerror=alert(2)" in out.replace(b"\\", b"") or b"onerror=alert(2)" in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="`<>a \n\r\t|", min_size=1, max_size=20))
def test_a_code_span_holds_any_text(text: str) -> None:
    """Backticks, angle brackets and line breaks inside code never end the span early."""
    from sitrep.inline import Code
    from sitrep.writers.markdown import markdown_inline

    source = "x " + markdown_inline((Code(text),)) + " y"
    tokens = _tokens(MarkdownIt("commonmark").parse(source))
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    codes = [t.content for t in tokens if t.type == "code_inline"]
    flat = re.sub(r"\r\n?|\n", " ", text)
    if flat.strip(" "):
        assert codes == [flat]
