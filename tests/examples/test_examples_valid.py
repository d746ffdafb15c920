"""The bundled examples are valid briefs, and the files they point to are there."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitrep.inline import Cite, parse
from sitrep.model import Brief
from sitrep.model.walk import iter_prose

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
YAML_BRIEFS = sorted(EXAMPLES.glob("*/brief.yaml"))


def _load(path: Path) -> Brief:
    return Brief.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _cited_ids(brief: Brief) -> list[list[str]]:
    """Every citation in reading order, as the list of ids it cites."""
    found: list[list[str]] = []

    def visit(nodes: tuple) -> None:
        for node in nodes:
            if isinstance(node, Cite):
                found.append([item.id for item in node.items])
            visit(getattr(node, "children", None) or ())

    for _path, text in iter_prose(brief):
        for paragraph in parse(text).paragraphs:
            visit(paragraph.children)
    return found


def test_examples_are_found() -> None:
    assert {p.parent.name for p in YAML_BRIEFS} >= {
        "north-korea-russia-summit",
        "russia-north-korea-alliance",
    }


@pytest.mark.parametrize("path", YAML_BRIEFS, ids=lambda p: p.parent.name)
def test_yaml_example_is_valid(path: Path) -> None:
    brief = _load(path)
    assert brief.title
    assert brief.marking is not None


@pytest.mark.parametrize("path", YAML_BRIEFS, ids=lambda p: p.parent.name)
def test_yaml_example_files_exist(path: Path) -> None:
    brief = _load(path)
    for figure in brief.figures:
        assert (path.parent / figure.image).is_file(), figure.image
    for attachment in brief.attachments:
        assert (path.parent / attachment.path).is_file(), attachment.path


@pytest.mark.parametrize("path", YAML_BRIEFS, ids=lambda p: p.parent.name)
def test_yaml_example_cites_every_source(path: Path) -> None:
    brief = _load(path)
    cited = {source_id for cite in _cited_ids(brief) for source_id in cite}
    assert cited == {source.id for source in brief.sources}


def test_analysis_reproduces_the_seed_note_sequence() -> None:
    """The analysis cites its sources in the order of the original paper's thirteen notes."""
    brief = _load(EXAMPLES / "russia-north-korea-alliance" / "brief.yaml")
    assert _cited_ids(brief) == [
        ["zhang"],
        ["zhang"],
        ["madhani"],
        ["ap-lavrov"],
        ["shin"],
        ["ap-lavrov"],
        ["ap-lavrov"],
        ["madhani"],
        ["ap-lavrov"],
        ["madhani"],
        ["voa"],
        ["ap-lavrov"],
        ["shin"],
    ]


def test_intel_brief_cites_nothing_published_after_it() -> None:
    brief = _load(EXAMPLES / "north-korea-russia-summit" / "brief.yaml")
    for source in brief.sources:
        assert str(source.date) <= brief.date.isoformat(), source.id
