"""Banners beyond TLP and drafts in the model: classification (free text or a house scheme),
caveats, PAP, status and version; how they are written, read back and refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.api import dumps
from sitrep.errors import BriefError
from sitrep.files.load import parse_brief, validate
from sitrep.model import Brief
from sitrep.model.dissemination import PAP, Status

BASE = {"title": "T", "date": "2023-09-15"}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({**BASE, **fields})


@pytest.mark.parametrize(
    "written,expected",
    [
        ("PAP:AMBER", PAP.AMBER),
        ("amber", PAP.AMBER),
        ("PAP: Green", PAP.GREEN),
        ("pap:red", PAP.RED),
        ("PAP:WHITE", PAP.CLEAR),
        ("clear", PAP.CLEAR),
    ],
)
def test_pap_is_read_like_tlp(written: str, expected: PAP) -> None:
    assert brief(pap=written).pap is expected


@pytest.mark.parametrize("written", ["PAP:PURPLE", "TLP:AMBER", "amber+strict", ""])
def test_unknown_pap_is_one_clear_error(written: str) -> None:
    with pytest.raises(BriefError) as caught:
        brief(pap=written)
    message = str(caught.value)
    assert "pap" in message and "PAP:RED" in message, message


def test_pap_colours_are_firsts() -> None:
    assert [p.colour for p in PAP] == ["#FFFFFF", "#33FF00", "#FFC000", "#FF2B2B"]


def test_existing_briefs_stay_final_and_unbannered() -> None:
    for path in sorted(EXAMPLES.glob("*/brief.*")):
        if path.suffix not in (".yaml", ".md"):
            continue
        loaded = sitrep.load(path)
        assert loaded.status is Status.FINAL, path
        assert loaded.classification is None and loaded.pap is None and loaded.caveats == []
        assert not re.search(r"^status:", dumps(loaded, "yaml"), re.MULTILINE)  # brief-level


def test_classification_is_free_text_or_structured_and_dumps_compact() -> None:
    plain = brief(classification="OFFICIAL-SENSITIVE", caveats="REL TO NLD, BEL")
    assert plain.classification is not None and plain.classification.level == "OFFICIAL-SENSITIVE"
    assert plain.caveats == ["REL TO NLD, BEL"]
    text = dumps(plain, "yaml")
    assert "classification: OFFICIAL-SENSITIVE\n" in text
    coloured = brief(classification={"level": "SECRET", "colour": "#C8102E"})
    assert "colour: '#C8102E'" in dumps(coloured, "yaml")


def test_a_line_break_in_a_caveat_becomes_a_space() -> None:
    assert brief(caveats=["REL TO\nNLD,   BEL"]).caveats == ["REL TO NLD, BEL"]


@pytest.mark.parametrize(
    "fields,expected",
    [
        ({"caveats": ["REL TO " + "NLD, " * 60]}, "at most 160"),
        ({"classification": "S" * 81}, "classification.level: the classification is 81 "),
        ({"classification": {"level": "S" * 90}}, "holds at most 80 (expected a short level"),
        ({"classification": {"level": "X", "colour": "red"}}, "classification.colour"),
        ({"caveats": [""]}, "caveats[0]"),
        ({"status": "released"}, "status"),
        ({"version": "0 3"}, "version"),
    ],
)
def test_bad_banner_fields_are_named(fields: dict[str, Any], expected: str) -> None:
    with pytest.raises(BriefError) as caught:
        brief(**fields)
    assert expected in str(caught.value)
    assert "items" not in str(caught.value)  # a text is measured in characters, not items


FULL = {
    **BASE,
    "marking": "TLP:AMBER",
    "classification": {"level": "NATO RESTRICTED", "colour": "#1F3A5F"},
    "caveats": ["REL TO NLD, BEL", "ORCON"],
    "pap": "PAP:GREEN",
    "status": "draft",
    "version": "0.3",
}


@pytest.mark.parametrize("fmt,suffix", [("yaml", ".yaml"), ("json", ".json"), ("md", ".md")])
def test_banner_fields_round_trip(fmt: str, suffix: str) -> None:
    original = Brief.model_validate(FULL)
    text = dumps(original, fmt)
    data, lines = parse_brief(text, f"brief{suffix}", suffix)
    again = validate(data, f"brief{suffix}", lines)
    assert again == original
    assert dumps(again, fmt) == text


_BANNER_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@settings(max_examples=40, deadline=None)
@given(level=_BANNER_TEXT, caveats=st.lists(_BANNER_TEXT, max_size=3))
def test_any_banner_text_round_trips_through_yaml_and_json(level: str, caveats: list[str]) -> None:
    original = brief(classification=level, caveats=caveats, pap="green")
    for fmt, suffix in (("yaml", ".yaml"), ("json", ".json")):
        data, lines = parse_brief(dumps(original, fmt), f"b{suffix}", suffix)
        assert validate(data, f"b{suffix}", lines) == original


# -- a scheme from the house profile ------------------------------------------------------------

PROFILE = """\
organisation: Meridian Risk
classification_schemes:
  gsc:
    levels:
      - OFFICIAL
      - {name: OFFICIAL-SENSITIVE, colour: "#1F3A5F"}
      - {name: SECRET, colour: "#C8102E", text_colour: "#FFFFFF"}
"""


def _write(folder: Path, classification: str) -> Path:
    (folder / "sitrep-profile.yaml").write_text(PROFILE, encoding="utf-8")
    path = folder / "brief.yaml"
    path.write_text(f"title: T\ndate: 2024-01-01\n{classification}", encoding="utf-8")
    return path


def test_a_scheme_level_takes_its_spelling_and_colours(tmp_path: Path) -> None:
    path = _write(tmp_path, "classification: {scheme: gsc, level: official sensitive}\n")
    loaded = sitrep.load(path)
    assert loaded.classification is not None
    assert loaded.classification.level == "OFFICIAL-SENSITIVE"
    assert loaded.classification.colour == "#1F3A5F"
    assert loaded.classification.foreground == "#FFFFFF"
    # validated again later (render, a script), without the profile, the colours stay
    assert loaded.validated().classification == loaded.classification


def test_a_level_not_in_the_scheme_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path, "classification:\n  scheme: gsc\n  level: SECERT\n")
    with pytest.raises(BriefError) as caught:
        sitrep.load(path)
    message = str(caught.value)
    assert str(path) in message and ":3:" in message, message
    assert "did you mean 'SECRET'?" in message
    assert "OFFICIAL, OFFICIAL-SENSITIVE, SECRET" in message


def test_an_unknown_scheme_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "classification: {scheme: nato, level: SECRET}\n")
    with pytest.raises(BriefError) as caught:
        sitrep.load(path)
    assert "scheme 'nato' is not in the house profile" in str(caught.value)
    assert "expected one of: gsc" in str(caught.value)


def test_a_bad_scheme_in_the_profile_names_the_profile(tmp_path: Path) -> None:
    (tmp_path / "sitrep-profile.yaml").write_text(
        "classification_schemes:\n  gsc: {levels: []}\n", encoding="utf-8"
    )
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\ndate: 2024-01-01\nclassification: {scheme: gsc, level: X}\n")
    with pytest.raises(BriefError) as caught:
        sitrep.load(path)
    assert "sitrep-profile.yaml" in str(caught.value)
    assert "classification_schemes.gsc" in str(caught.value)


def test_a_new_brief_does_not_copy_the_schemes(tmp_path: Path) -> None:
    from sitrep.scaffold import new_brief

    (tmp_path / "sitrep-profile.yaml").write_text(
        PROFILE + "classification: {scheme: gsc, level: OFFICIAL}\n", encoding="utf-8"
    )
    created = new_brief(tmp_path / "brief.yaml", today=__import__("datetime").date(2024, 5, 1))
    text = created.read_text("utf-8")
    assert "classification_schemes" not in text
    loaded = sitrep.load(created)
    assert loaded.status is Status.DRAFT
    assert loaded.classification is not None and loaded.classification.level == "OFFICIAL"
