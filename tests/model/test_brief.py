"""The brief model: forgiving in what it accepts, exact in what it keeps."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.errors import BriefError
from sitrep.model import TLP, Brief, Confidence, Likelihood, Theme

BASE = {"title": "T", "date": "2023-09-15"}


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({**BASE, **fields})


@pytest.mark.parametrize(
    "written,expected",
    [
        ("TLP:AMBER", TLP.AMBER),
        ("amber", TLP.AMBER),
        ("TLP: Amber+Strict", TLP.AMBER_STRICT),
        ("TLP:WHITE", TLP.CLEAR),
        ("white", TLP.CLEAR),
        ("tlp:red", TLP.RED),
        ("GREEN", TLP.GREEN),
    ],
)
def test_tlp_markings_normalise_to_tlp_2(written: str, expected: TLP) -> None:
    assert brief(marking=written).marking is expected


def test_tlp_2_colours() -> None:
    assert TLP.RED.colour == "#FF2B2B" and TLP.AMBER.colour == "#FFC000"
    assert TLP.GREEN.colour == "#33FF00" and TLP.CLEAR.colour == "#FFFFFF"


def test_single_values_stand_for_lists() -> None:
    model = brief(where="Pyongyang", who="Kim Jong Un", authors="Ana", keywords="arms")
    assert [p.name for p in model.where] == ["Pyongyang"]
    assert [a.name for a in model.who] == ["Kim Jong Un"]
    assert model.authors == ["Ana"] and model.keywords == ["arms"]


def test_plain_names_serialise_back_to_strings() -> None:
    model = brief(where=["Pyongyang", {"name": "Vladivostok", "lat": 43.1, "lon": 131.9}])
    assert model.model_dump(mode="json")["where"] == [
        "Pyongyang",
        {"name": "Vladivostok", "country": None, "lat": 43.1, "lon": 131.9, "country_code": None},
    ]


def test_coordinates_come_in_pairs_and_in_range() -> None:
    with pytest.raises(BriefError, match="give both lat and lon"):
        brief(where=[{"name": "X", "lat": 10}])
    with pytest.raises(BriefError):
        brief(where=[{"name": "X", "lat": 91, "lon": 0}])


def test_events_and_themes_are_told_apart() -> None:
    model = brief(
        what=[
            {"date": "2023-09-10", "text": "a"},
            {"theme": "Israel-Hamas", "events": [{"text": "b"}]},
        ]
    )
    assert isinstance(model.what[1], Theme) and model.what[1].events[0].text == "b"


@pytest.mark.parametrize(
    "written,expected",
    [
        ("likely", Likelihood("likely")),
        ("Probable", Likelihood("likely")),
        ("highly improbable", Likelihood("very unlikely")),
        ("remote", Likelihood("almost no chance")),
        ("almost_certain", Likelihood("almost certain")),
        ("roughly even odds", Likelihood("roughly even chance")),
    ],
)
def test_icd_203_terms_and_synonyms(written: str, expected: Likelihood) -> None:
    judgment = brief(
        key_judgments=[{"text": "x", "likelihood": written, "confidence": "high"}]
    ).key_judgments[0]
    assert judgment.likelihood == expected
    assert judgment.confidence is Confidence.HIGH


def test_likelihood_ranges_follow_icd_203() -> None:
    assert Likelihood("likely").probability == "55-80%"
    assert Likelihood("almost no chance").probability == "01-05%"


def test_unknown_keys_are_rejected_everywhere() -> None:
    with pytest.raises(BriefError, match=r"unknown field .dat.; did you mean .date."):
        brief(what=[{"text": "x", "dat": "2023-09-10"}])


def test_control_characters_are_refused_with_position() -> None:
    with pytest.raises(BriefError, match=r"U\+0007 at position 3"):
        brief(assessment="abc\x07def")


def test_tabs_newlines_and_unicode_pass() -> None:
    text = "a\tb\nc — Сергей Лавров 김정은 \u202e\u200b"
    assert brief(assessment=text).assessment == text


def test_citations_must_name_known_sources() -> None:
    with pytest.raises(BriefError, match="cites unknown source 'nobody'"):
        brief(assessment="[@nobody]")


def test_source_ids_are_unique() -> None:
    with pytest.raises(BriefError, match="used twice"):
        brief(sources=[{"id": "a", "title": "x"}, {"id": "a", "title": "y"}])


def test_equality_ignores_where_a_brief_was_read_from(tmp_path: Any) -> None:
    first, second = brief(), brief()
    first.set_origin(tmp_path / "a.yaml")
    assert first == second and first.origin != second.origin


def test_a_place_takes_an_iso_country_code_and_an_actor_a_kind() -> None:
    model = brief(
        where=[{"name": "Paldiski", "country_code": "ee"}],
        who=[{"name": "APT28", "kind": "Threat actor"}, {"name": "NATO", "kind": "organization"}],
    )
    assert model.where[0].country_code == "EE"
    assert [actor.kind for actor in model.who] == ["threat-actor", "organisation"]
    with pytest.raises(BriefError, match="not an ISO 3166-1 alpha-2 country code"):
        brief(where=[{"name": "Atlantis", "country_code": "XX"}])
    with pytest.raises(BriefError):
        brief(who=[{"name": "X", "kind": "alien"}])
