"""The banner beyond TLP in STIX (statement markings on every object) and MISP (the PAP tag)."""

from __future__ import annotations

import json
from typing import Any

import stix2
from stix2validator import ValidationOptions, validate_instance

import sitrep
from sitrep.model import Brief

BASE: dict[str, Any] = {
    "title": "Ransomware at a regional water utility",
    "date": "2025-02-11",
    "organisation": "Northsea CERT",
    "marking": "TLP:AMBER",
    "classification": "OFFICIAL-SENSITIVE",
    "caveats": ["REL TO NLD, BEL"],
    "pap": "amber",
    "what": [{"date": "2025-02-10", "text": "The utility's billing systems were encrypted."}],
}


def _export(fmt: str, **fields: Any) -> dict[str, Any]:
    brief = Brief.model_validate({**BASE, **fields})
    data = sitrep.render(brief, fmt, warn=lambda _: None)
    assert isinstance(data, bytes)
    result: dict[str, Any] = json.loads(data)
    return result


def test_stix_marks_every_object_with_the_tlp_the_banner_and_the_pap() -> None:
    bundle = _export("stix")
    definitions = {
        obj["id"]: obj for obj in bundle["objects"] if obj["type"] == "marking-definition"
    }
    statements = {
        obj["definition"]["statement"]: obj["id"]
        for obj in definitions.values()
        if obj.get("definition_type") == "statement"
    }
    assert set(statements) == {"OFFICIAL-SENSITIVE // REL TO NLD, BEL", "PAP:AMBER"}
    for obj in bundle["objects"]:
        if obj["type"] == "marking-definition":
            continue
        refs = obj["object_marking_refs"]
        assert set(statements.values()) <= set(refs), obj["type"]
        assert all(ref in definitions for ref in refs)
    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.errors == []
    stix2.parse(bundle, allow_custom=False)


def test_the_same_banner_is_the_same_definition_in_every_brief() -> None:
    one = _export("stix")
    other = _export("stix", title="Another brief", organisation="Other CERT")

    def ids(bundle: dict[str, Any]) -> set[str]:
        return {o["id"] for o in bundle["objects"] if o["type"] == "marking-definition"}

    assert ids(one) == ids(other)


def test_markup_in_the_classification_is_a_plain_json_string() -> None:
    bundle = _export("stix", classification='<script>alert("x")</script>')
    statements = [o["definition"]["statement"] for o in bundle["objects"] if "definition" in o]
    assert '<script>alert("x")</script> // REL TO NLD, BEL' in statements


def test_no_banner_no_statement_markings() -> None:
    bundle = _export("stix", classification=None, caveats=[], pap=None)
    kinds = [
        o.get("definition_type") for o in bundle["objects"] if o["type"] == "marking-definition"
    ]
    assert "statement" not in kinds


def test_misp_tags_the_pap_label_beside_the_tlp_one() -> None:
    event = _export("misp")["Event"]
    tags = [tag["name"] for tag in event["Tag"]]
    assert tags[:2] == ["tlp:amber", "PAP:AMBER"]
    report = event["EventReport"][0]["content"]
    assert "OFFICIAL" in report and "REL TO NLD, BEL" in report  # the banner line leads it


def test_misp_without_pap_has_no_pap_tag() -> None:
    event = _export("misp", pap=None)["Event"]
    assert not any(tag["name"].startswith("PAP:") for tag in event["Tag"])
