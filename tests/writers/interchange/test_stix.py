"""The STIX 2.1 export: a bundle the OASIS validator passes and stix2 loads, the same each time."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import stix2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stix2validator import ValidationOptions, validate_instance

import sitrep
from sitrep.files.load import validate
from sitrep.files.stix_markings import TLP2_EXTENSION
from sitrep.inline import plain_text
from sitrep.resolve import resolve

from .conftest import ALL_BRIEFS, FIXTURE, ROOT, brief_id

URL_WITHOUT_HASH = "302"
"""The validator's one warning sitrep cannot always avoid: STIX asks for a hash of a reference's
URL, which only the analyst who archived the page can give (a source's `sha256`)."""


def bundle_of(brief: sitrep.Brief, **options: Any) -> dict[str, Any]:
    data = sitrep.render(brief, "stix", warn=lambda message: None, **options)
    assert isinstance(data, bytes)
    result: dict[str, Any] = json.loads(data)
    return result


def findings(bundle: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The validator's errors and warnings (as "code message") in its default, non-strict mode."""
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    errors = [str(e) for r in [results] for e in r.errors]
    warnings = [str(w) for r in [results] for w in r.warnings]
    return errors, warnings


def objects(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [obj for obj in bundle["objects"] if obj["type"] == kind]


@pytest.mark.parametrize("path", ALL_BRIEFS, ids=brief_id)
def test_every_brief_passes_the_oasis_validator_and_loads_in_stix2(path: Path) -> None:
    bundle = bundle_of(sitrep.load(path))
    errors, warnings = findings(bundle)
    assert errors == []
    assert all(f"{{{URL_WITHOUT_HASH}}}" in w for w in warnings), warnings
    parsed = stix2.parse(bundle, allow_custom=False)
    assert parsed.type == "bundle"


def test_a_brief_whose_linked_sources_have_hashes_gets_no_warning_at_all() -> None:
    errors, warnings = findings(bundle_of(sitrep.load(FIXTURE)))
    assert (errors, warnings) == ([], [])


def test_the_same_brief_gives_the_same_bundle_from_any_folder(tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copytree(ROOT / "examples" / "north-korea-russia-summit", tmp_path / name)
    first = sitrep.render(sitrep.load(tmp_path / "a" / "brief.yaml"), "stix")
    again = sitrep.render(sitrep.load(tmp_path / "a" / "brief.yaml"), "stix")
    elsewhere = sitrep.render(sitrep.load(tmp_path / "b" / "brief.yaml"), "stix")
    assert first == again == elsewhere


def test_ids_are_named_by_organisation_and_brief_and_places_are_shared_across_briefs() -> None:
    brief = sitrep.load(FIXTURE)
    renamed = brief.model_copy(update={"title": "Another brief on the same pipeline"})
    other_org = brief.model_copy(update={"organisation": "Someone Else"})
    ids = {obj["id"] for obj in bundle_of(brief)["objects"]}
    renamed_ids = {obj["id"] for obj in bundle_of(renamed)["objects"]}
    location_ids = {obj["id"] for obj in objects(bundle_of(brief), "location")}
    assert location_ids <= renamed_ids  # the same places deduplicate across briefs
    assert {o["id"] for o in objects(bundle_of(renamed), "report")}.isdisjoint(ids)
    assert location_ids.isdisjoint({obj["id"] for obj in bundle_of(other_org)["objects"]})


def test_the_report_carries_the_brief() -> None:
    bundle = bundle_of(sitrep.load(FIXTURE))
    (author,) = [o for o in objects(bundle, "identity") if o["name"] == "Northwind Risk"]
    (report,) = objects(bundle, "report")
    assert author["identity_class"] == "organization"
    assert report["name"] == "Suspected sabotage of the Balticconnector gas pipeline"
    assert report["published"].startswith("2023-10-20T00:00:00")
    assert report["lang"] == "en-GB"
    assert report["labels"] == ["Baltic Sea", "critical infrastructure", "subsea cables"]
    assert report["report_types"] == ["threat-report"]
    assert report["description"].startswith("The damage was almost certainly deliberate")
    every_other = [o for o in bundle["objects"] if o["type"] not in ("marking-definition",)]
    assert all(o["created_by_ref"] == author["id"] for o in every_other)
    listed = set(report["object_refs"])
    assert {o["id"] for o in every_other if o["id"] != report["id"]} <= listed


def test_sources_become_external_references_with_note_grade_and_hash() -> None:
    (report,) = objects(bundle_of(sitrep.load(FIXTURE)), "report")
    gasgrid, yle = report["external_references"]
    assert gasgrid["external_id"] == "gasgrid"
    assert gasgrid["source_name"] == "Balticconnector gas pipeline damaged"
    assert gasgrid["url"] == "https://example.org/gasgrid?id=%3C1%3E"
    assert gasgrid["hashes"] == {
        "SHA-256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    }
    # The note the brief itself prints at the source's first citation, then the grade.
    first_note = resolve(sitrep.load(FIXTURE)).notes[0]
    assert first_note.source_ids == ("gasgrid",)
    assert gasgrid["description"] == (
        f"{plain_text(first_note.content)} Admiralty grade B2: usually reliable, probably true."
    )
    assert "url" not in yle and "Yle News" in yle["description"]


def test_places_become_locations_with_iso_country_codes_or_coordinates() -> None:
    warnings: list[str] = []
    brief = sitrep.load(FIXTURE)
    bundle = json.loads(sitrep.render(brief, "stix", warn=warnings.append))
    locations = {o["name"]: o for o in objects(bundle, "location")}
    assert locations["Gulf of Finland"]["latitude"] == 59.9
    assert "country" not in locations["Gulf of Finland"]
    assert locations["Helsinki, Finland"]["country"] == "FI"
    assert locations["Paldiski"]["country"] == "EE"
    assert "Somewhere at sea" not in locations
    assert warnings == [
        "where[3]: 'Somewhere at sea' left out of the STIX bundle: STIX needs a country, region or "
        "coordinates (add country_code, such as RU, or lat and lon)"
    ]


def test_actors_become_identities_or_threat_actors_by_kind() -> None:
    bundle = bundle_of(sitrep.load(FIXTURE))
    identities = {o["name"]: o for o in objects(bundle, "identity")}
    (threat_actor,) = objects(bundle, "threat-actor")
    assert identities["Newnew Polar Bear"]["identity_class"] == "organization"
    assert identities["Newnew Polar Bear"]["roles"] == ["Container ship"]
    assert identities["Newnew Polar Bear"]["description"] == "Affiliation: Hong Kong-flagged"
    assert identities["Finnish President Sauli Niinistö"]["identity_class"] == "individual"
    assert threat_actor["name"] == "Unattributed saboteurs"


def test_events_and_key_judgments_are_notes_on_what_they_name() -> None:
    bundle = bundle_of(sitrep.load(FIXTURE))
    by_id = {o["id"]: o for o in bundle["objects"]}
    (report,) = objects(bundle, "report")
    notes = objects(bundle, "note")
    assert len(notes) == 6
    assert all(note["object_refs"][0] == report["id"] for note in notes)

    def named(note: dict[str, Any]) -> set[str]:
        return {by_id[ref]["name"] for ref in note["object_refs"][1:]}

    pressure, statement, anchor, background, cause, state = notes
    assert pressure["abstract"] == "2023-10-08T01:20"
    assert pressure["labels"] == ["event", "theme:The damage"]
    assert named(pressure) == {"Paldiski"}
    assert named(statement) == {"Finnish President Sauli Niinistö"}
    assert named(anchor) == {"Newnew Polar Bear", "Gulf of Finland"}
    assert background["abstract"] == "Background"
    assert named(background) == set()  # "Finland" alone does not name "Helsinki, Finland"
    assert cause["labels"] == ["key-judgment", "likelihood:very likely"]
    assert (cause["confidence"], state["confidence"]) == (50, 15)  # STIX 2.1 Appendix B


@pytest.mark.parametrize(
    ("marking", "scheme", "expected"),
    [
        ("TLP:CLEAR", "oasis", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
        ("TLP:AMBER+STRICT", "oasis", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
        ("TLP:RED", "oasis", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"),
        ("TLP:CLEAR", "opencti", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
        (
            "TLP:AMBER+STRICT",
            "opencti",
            "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
        ),
        ("TLP:GREEN", "opencti", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
    ],
)
def test_tlp_marks_every_object_with_the_chosen_ids(
    marking: str, scheme: str, expected: str
) -> None:
    data = sitrep.load(FIXTURE).model_dump(mode="json")
    brief = validate({**data, "marking": marking}, None, {})
    bundle = bundle_of(brief, stix_marking_ids=scheme)
    (definition,) = objects(bundle, "marking-definition")
    assert definition["id"] == expected
    if scheme == "oasis":
        assert definition["extensions"][TLP2_EXTENSION]["tlp_2_0"] == marking[4:].lower()
    marked = [o for o in bundle["objects"] if o["type"] != "marking-definition"]
    assert all(o["object_marking_refs"] == [expected] for o in marked)
    assert findings(bundle)[0] == []


def test_the_cli_writes_a_stix_file_into_a_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep",
            "render",
            str(FIXTURE),
            "-f",
            "stix",
            "-f",
            "misp",
            "-o",
            str(tmp_path),
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pipeline-sabotage.misp.json",
        "pipeline-sabotage.stix.json",
    ]
    assert "'Somewhere at sea' left out of the STIX bundle" in result.stderr


def test_import_sitrep_does_not_import_the_interchange_libraries() -> None:
    code = (
        "import sys, sitrep; "
        "print(sorted(m for m in ('stix2', 'pymisp', 'pycountry') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# Briefs of random shape, with the text every brief may hold: markup, template syntax, quotes.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=40,
).filter(str.strip)
COUNTRIES = st.sampled_from(["RU", "KP", "UA", "FI", "EE", "US", "CN", None])


@st.composite
def briefs(draw: st.DrawFn) -> dict[str, Any]:
    source_ids = [f"s{i}" for i in range(draw(st.integers(0, 3)))]
    places = []
    for _ in range(draw(st.integers(0, 3))):
        place: dict[str, Any] = {"name": draw(TEXT)}
        if code := draw(COUNTRIES):
            place["country_code"] = code
        if draw(st.booleans()):
            place.update(lat=draw(st.floats(-90, 90)), lon=draw(st.floats(-180, 180)))
        places.append(place)
    actors = [
        {
            "name": draw(TEXT),
            "kind": draw(st.sampled_from([None, "person", "organisation", "threat-actor"])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "title": draw(TEXT),
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1))).isoformat(),
        "marking": draw(st.sampled_from([None, "TLP:CLEAR", "TLP:AMBER+STRICT", "TLP:RED"])),
        "organisation": draw(st.one_of(st.none(), TEXT)),
        "keywords": draw(st.lists(TEXT, max_size=3)),
        "where": places,
        "who": [{k: v for k, v in a.items() if v is not None} for a in actors],
        "what": [
            {"text": draw(TEXT), **({"date": "2020-01-02"} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 3)))
        ],
        "key_judgments": [
            {
                "text": draw(TEXT),
                "likelihood": "likely",
                "confidence": draw(st.sampled_from(["High", "Moderate", "Low"])),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "sources": [
            {
                "id": i,
                "title": draw(TEXT),
                "url": "https://example.org/"
                + draw(
                    st.one_of(
                        TEXT,
                        st.sampled_from(
                            ["%", "%2", "%zz", "a b", "é", "<x>", "{y}", "[", "]#[", "?q=[1]|^"]
                        ),
                    )
                ),
            }
            for i in source_ids
        ],
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_any_brief_gives_a_valid_bundle_the_same_each_time(data: dict[str, Any]) -> None:
    brief = validate(data, None, {})
    bundle = bundle_of(brief)
    errors, warnings = findings(bundle)
    assert errors == []
    assert all(f"{{{URL_WITHOUT_HASH}}}" in w for w in warnings), warnings
    stix2.parse(bundle, allow_custom=False)
    assert bundle == bundle_of(brief)


# Regressions from the outside test: each was found by someone who had not read the code.


def brief_from(data: dict[str, Any]) -> sitrep.Brief:
    return validate({"title": "T", "date": "2024-01-01", **data}, None, {})


def test_country_names_match_exactly_never_by_prefix() -> None:
    warnings: list[str] = []
    brief = brief_from({"where": ["London, UK", "UK", "Korea", {"name": "X", "country": "UK"}]})
    bundle = json.loads(sitrep.render(brief, "stix", warn=warnings.append))  # type: ignore[arg-type]
    assert [loc.get("country") for loc in objects(bundle, "location")] == ["GB", "GB", "GB"]
    assert warnings == [
        "where[2]: 'Korea' left out of the STIX bundle: STIX needs a country, region or "
        "coordinates (add country_code, such as RU, or lat and lon)"
    ]


def test_places_and_actors_that_share_a_name_stay_apart() -> None:
    brief = brief_from(
        {
            "where": [
                {"name": "Springfield", "country_code": "US"},
                {"name": "Springfield", "country_code": "AU"},
                {"name": "Springfield", "country_code": "US"},  # the same place twice: one object
            ],
            "who": [{"name": "Jane Doe"}, {"name": "Jane Doe", "role": "CEO"}],
        }
    )
    bundle = bundle_of(brief)
    assert [loc["country"] for loc in objects(bundle, "location")] == ["US", "AU"]
    assert [i.get("roles") for i in objects(bundle, "identity")[1:]] == [None, ["CEO"]]
    assert findings(bundle)[0] == []


def test_a_place_is_the_same_object_with_the_same_created_in_every_brief() -> None:
    place = {"where": [{"name": "Springfield", "country_code": "US"}], "organisation": "O"}
    first = objects(bundle_of(brief_from({**place, "date": "2024-01-01"})), "location")
    later = objects(bundle_of(brief_from({**place, "date": "2024-02-01"})), "location")
    assert first == later


def test_threat_actor_roles_outside_the_vocabulary_go_to_the_description() -> None:
    brief = brief_from(
        {
            "who": [
                {"name": "LockBit 3.0", "kind": "threat-actor", "role": "Ransomware operator"},
                {"name": "Sandworm", "kind": "threat-actor", "role": "Malware author"},
            ]
        }
    )
    bundle = bundle_of(brief)
    lockbit, sandworm = objects(bundle, "threat-actor")
    assert "roles" not in lockbit and lockbit["description"] == "Role: Ransomware operator"
    assert sandworm["roles"] == ["malware-author"]
    assert findings(bundle) == ([], [])


def test_opencti_amber_strict_is_plain_stix() -> None:
    brief = brief_from({"marking": "TLP:AMBER+STRICT"})
    bundle = bundle_of(brief, stix_marking_ids="opencti")
    stix2.parse(bundle, allow_custom=False)
    assert findings(bundle) == ([], [])


@pytest.mark.parametrize("scheme", ["OpenCTI", "bogus", ""])
def test_an_unknown_marking_id_scheme_is_an_error(scheme: str) -> None:
    with pytest.raises(sitrep.SitrepError, match="not a marking id scheme"):
        sitrep.render(brief_from({}), "stix", stix_marking_ids=scheme)


def test_every_actor_whose_whole_name_the_text_holds_is_referenced() -> None:
    brief = brief_from(
        {
            "who": [
                {"name": "APT", "kind": "threat-actor"},
                {"name": "<script>x</script>", "kind": "threat-actor"},
            ],
            "what": [{"text": "APT noted. <script>x</script> acted."}],
        }
    )
    bundle = bundle_of(brief)
    (note,) = objects(bundle, "note")
    assert len(note["object_refs"]) == 3  # the report and both actors


def test_labels_are_neither_blank_nor_repeated_and_text_has_no_stray_space() -> None:
    brief = brief_from(
        {
            "keywords": ["k", "   ", "k", "tlp:clear"],
            "what": [{"text": "They leaked data. [@s]"}],
            "sources": [{"id": "s", "title": "S"}],
        }
    )
    bundle = bundle_of(brief)
    (report,) = objects(bundle, "report")
    assert report["labels"] == ["k", "tlp:clear"]
    assert objects(bundle, "note")[0]["content"] == "They leaked data."


def test_an_international_host_is_written_in_punycode() -> None:
    brief = brief_from({"sources": [{"id": "s", "title": "S", "url": "https://例え.jp/パス"}]})
    (report,) = objects(bundle_of(brief), "report")
    assert report["external_references"][0]["url"] == ("https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9")


def test_anonymous_briefs_are_not_merged_into_one_producer() -> None:
    first = objects(bundle_of(brief_from({"title": "One"})), "identity")
    second = objects(bundle_of(brief_from({"title": "Two"})), "identity")
    assert first[0]["name"] == second[0]["name"] == "Unknown"
    assert first[0]["id"] != second[0]["id"]
