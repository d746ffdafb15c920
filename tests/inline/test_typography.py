"""Typographic quotes in the brief's language: markdown-it-py's smartquotes, used by the parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sitrep.inline import Code, InlineNote, parse, plain_text
from sitrep.inline.typography import ENGLISH, quotes_for, smart_plain

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "quotes.yaml").read_text("utf-8"))


def _walk(nodes: tuple[Any, ...], kind: type) -> list[Any]:
    found = []
    for node in nodes:
        if isinstance(node, kind):
            found.append(node)
        found.extend(_walk(getattr(node, "children", ()) or (), kind))
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_prose_gets_the_languages_quotes(case: dict[str, Any]) -> None:
    children = parse(case["input"], quotes_for(case["language"])).paragraphs[0].children
    assert plain_text(children) == case["text"]
    assert [c.text for c in _walk(children, Code)] == case.get("code", [])
    notes = [plain_text(n.children) for n in _walk(children, InlineNote)]
    assert notes == ([case["note"]] if "note" in case else [])


def test_without_quotes_the_parser_leaves_them_straight() -> None:
    text = "He said \"it's 'fine'\"."
    assert plain_text(parse(text).paragraphs[0].children) == text


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", ENGLISH), ("DE_at", ("„", "“", "‚", "‘")), ("zh-Hant-TW", ("「", "」", "『", "』"))],
)
def test_a_regional_tag_falls_back_to_its_language(tag: str, expected: tuple[str, ...]) -> None:
    assert quotes_for(tag) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_plain_text_changes_only_its_quote_marks(text: str) -> None:
    result = smart_plain(text, ENGLISH)
    assert len(result) == len(text)
    for before, after in zip(text, result, strict=True):
        if before != after:
            assert before in "'\"" and after in "“”‘’′″"


def test_plain_text_keeps_markdown_and_markup_literal() -> None:
    text = '*not* <b>bold</b> & \\escaped\\ `code` [x](y) "quoted"'
    assert smart_plain(text, ENGLISH) == text.replace('"quoted"', "“quoted”")
