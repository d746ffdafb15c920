"""The inline Markdown subset, as a specification: each case's input and the tree it parses to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.inline import (
    Cite,
    CiteItem,
    Code,
    Emph,
    Inline,
    InlineNote,
    LineBreak,
    Link,
    Strong,
    Text,
    parse,
    parse_inline,
)

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "cases.yaml").read_text("utf-8"))


def build(spec: Any) -> Inline:
    if isinstance(spec, str):
        return Text(spec)
    if "em" in spec:
        return Emph(tuple(build(s) for s in spec["em"]))
    if "strong" in spec:
        return Strong(tuple(build(s) for s in spec["strong"]))
    if "code" in spec:
        return Code(spec["code"])
    if "link" in spec:
        return Link(spec["link"], tuple(build(s) for s in spec["children"]))
    if "cite" in spec:
        return Cite(tuple(CiteItem(*item) for item in spec["cite"]))
    if "note" in spec:
        return InlineNote(tuple(build(s) for s in spec["note"]))
    if "br" in spec:
        return LineBreak()
    raise AssertionError(f"unknown spec {spec!r}")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_inline_subset(case: dict[str, Any]) -> None:
    assert parse_inline(case["input"]) == tuple(build(s) for s in case["tree"])


def test_paragraphs_split_at_blank_lines() -> None:
    text = parse("First *one*.\n\n  \nSecond.\n")
    assert [p.children for p in text.paragraphs] == [
        (Text("First "), Emph((Text("one"),)), Text(".")),
        (Text("Second."),),
    ]
    assert text.plain == "First one.\n\nSecond."


def test_a_megabyte_paragraph_parses_quickly_and_intact() -> None:
    big = "word " * 200_000
    tree = parse_inline(big)
    assert tree == (Text(big.rstrip()),) or tree == (Text(big),)
