"""placeholder-text on what `sitrep new` writes: quiet while the brief is a draft, and every
stand-in found once the brief says it is final."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.check import check_file
from sitrep.scaffold import PLACEHOLDERS, SKELETON, new_brief


@pytest.mark.parametrize("name", ["brief.yaml", "brief.md"])
def test_a_new_brief_is_a_draft_and_not_flagged(tmp_path: Path, name: str) -> None:
    path = new_brief(tmp_path / name, today=dt.date(2024, 5, 1), profile=False)
    assert "status: draft" in path.read_text("utf-8")
    assert [f for f in check_file(path).findings if f.rule == "placeholder-text"] == []


@pytest.mark.parametrize("name", ["brief.yaml", "brief.md"])
def test_a_new_brief_made_final_has_each_stand_in_flagged(tmp_path: Path, name: str) -> None:
    path = new_brief(tmp_path / name, today=dt.date(2024, 5, 1), profile=False)
    path.write_text(path.read_text("utf-8").replace("status: draft", "status: final"), "utf-8")
    hits = [f for f in check_file(path).findings if f.rule == "placeholder-text"]
    found = {f.message.split("'")[1] if "'" in f.message else f.message for f in hits}
    for stand_in in PLACEHOLDERS:
        if stand_in in path.read_text("utf-8"):
            assert stand_in in found or any(stand_in in f.message for f in hits), stand_in
    assert all(f.line is not None for f in hits)


def test_every_placeholder_is_in_the_skeleton() -> None:
    for stand_in in PLACEHOLDERS:
        assert stand_in in SKELETON, stand_in


_FILLER = st.text(st.sampled_from("abcdefghij klmnop,.;"), max_size=30)


@settings(max_examples=40, deadline=None)
@given(before=_FILLER, after=_FILLER, marker=st.sampled_from(["TODO", "TBD", "XXX", "FIXME"]))
def test_a_marker_anywhere_in_an_event_is_found(
    tmp_path_factory: pytest.TempPathFactory, before: str, after: str, marker: str
) -> None:
    folder = tmp_path_factory.mktemp("marker")
    path = folder / "brief.yaml"
    text = f"{before} {marker} {after}".replace('"', "")
    path.write_text(
        f'title: T\ndate: 2024-01-01\nmarking: TLP:CLEAR\nwhat:\n  - text: "{text}"\n', "utf-8"
    )
    hits = [f for f in check_file(path).findings if f.rule == "placeholder-text"]
    assert [(f.field, f.line) for f in hits] == [("what[0].text", 5)], hits


def test_a_real_example_org_page_is_not_a_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-01-01\nmarking: TLP:CLEAR\nwhat:\n  - text: Said so [@a].\n"
        "sources:\n  - id: a\n    title: Page\n    url: https://example.org/report\n"
        "  - id: b\n    title: Stand-in\n    url: https://example.org/\n"
        "assessment: '[@b]'\n",
        "utf-8",
    )
    hits = [f.field for f in check_file(path).findings if f.rule == "placeholder-text"]
    assert hits == ["sources[1].url"]


def test_the_blank_briefs_publication_and_bare_example_org_are_flagged(tmp_path: Path) -> None:
    """`sitrep new` writes container: "Publication"; the URL stand-in without its slash is the
    same stand-in. A real publication or title that contains the word is not."""
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: Publication of the port report\ndate: 2024-01-01\nmarking: TLP:CLEAR\n"
        "what:\n  - text: Said so [@a] [@b] [@c].\nsources:\n"
        "  - {id: a, title: Page, container: Publication, url: 'https://example.org'}\n"
        "  - {id: b, title: Page, container: Publications Office, url: 'HTTPS://EXAMPLE.ORG/'}\n"
        "  - {id: c, title: Page, container: NOS, url: 'https://example.org/report'}\n",
        "utf-8",
    )
    hits = sorted(f.field for f in check_file(path).findings if f.rule == "placeholder-text")
    assert hits == ["sources[0].container", "sources[0].url", "sources[1].url"]
