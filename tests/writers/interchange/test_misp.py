"""The MISP export: an event PyMISP loads and its shipped schema accepts, the same each time."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pymisp import MISPEvent

import sitrep
from sitrep.files.load import validate
from sitrep.resolve import resolve
from sitrep.writers.markdown import write_markdown
from sitrep.writers.options import RenderOptions

from .conftest import ALL_BRIEFS, FIXTURE, brief_id


def schema(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(files("pymisp").joinpath("data", name).read_text())
    return result


def event_of(brief: sitrep.Brief) -> dict[str, Any]:
    data = sitrep.render(brief, "misp")
    assert isinstance(data, bytes)
    result: dict[str, Any] = json.loads(data)
    return result


@pytest.mark.parametrize("path", ALL_BRIEFS, ids=brief_id)
def test_every_brief_loads_in_pymisp_and_passes_its_schemas(path: Path) -> None:
    event = event_of(sitrep.load(path))
    loaded = MISPEvent()
    loaded.load(event)
    assert loaded.info == resolve(sitrep.load(path)).brief.title  # with typographic quotes
    jsonschema.validate(event, schema("schema-lax.json"))
    # PyMISP's strict schema predates event reports (it allows no EventReport key); everything
    # else in the event must pass it as it is.
    without_report = {"Event": {k: v for k, v in event["Event"].items() if k != "EventReport"}}
    jsonschema.validate(without_report, schema("schema.json"))


def test_the_event_carries_marking_sources_and_the_brief_in_markdown() -> None:
    brief = sitrep.load(FIXTURE)
    event = event_of(brief)["Event"]
    assert event["info"] == "Suspected sabotage of the Balticconnector gas pipeline"
    assert event["date"] == "2023-10-20"
    assert event["distribution"] == "0"  # TLP:AMBER+STRICT: the organisation only
    assert event["Orgc"]["name"] == "Northwind Risk"
    assert [tag["name"] for tag in event["Tag"]] == [
        "tlp:amber+strict",
        "Baltic Sea",
        "critical infrastructure",
        "subsea cables",
    ]
    link, text = event["Attribute"]
    assert (link["type"], link["value"]) == ("link", "https://example.org/gasgrid?id=<1>")
    assert link["category"] == "External analysis" and "Gasgrid Finland" in link["comment"]
    assert text["type"] == "text" and "Yle News" in text["value"]
    (report,) = event["EventReport"]
    assert report["content"] == write_markdown(resolve(brief), RenderOptions()).decode().strip()


@pytest.mark.parametrize(
    ("marking", "distribution"),
    [("TLP:CLEAR", "3"), ("TLP:GREEN", "2"), ("TLP:AMBER", "1"), ("TLP:RED", "0")],
)
def test_distribution_follows_the_marking(marking: str, distribution: str) -> None:
    data = sitrep.load(FIXTURE).model_dump(mode="json")
    event = event_of(validate({**data, "marking": marking}, None, {}))["Event"]
    assert event["distribution"] == distribution
    assert event["Tag"][0]["name"] == marking.lower()


def test_the_same_brief_gives_the_same_event() -> None:
    assert sitrep.render(sitrep.load(FIXTURE), "misp") == sitrep.render(
        sitrep.load(FIXTURE), "misp"
    )


def test_keywords_never_become_machine_tags_blank_tags_or_repeats() -> None:
    warnings: list[str] = []
    data = sitrep.load(FIXTURE).model_dump(mode="json")
    keywords = [
        "tlp:clear",
        "TLP:WHITE",
        "   ",
        'misp-galaxy:threat-actor="APT28"',
        "Baltic",
        "Baltic",
    ]
    brief = validate({**data, "marking": "TLP:RED", "keywords": keywords}, None, {})
    event = json.loads(sitrep.render(brief, "misp", warn=warnings.append))["Event"]  # type: ignore[arg-type]
    assert [tag["name"] for tag in event["Tag"]] == ["tlp:red", "Baltic"]
    assert len(warnings) == 3 and all("looks like a MISP taxonomy tag" in w for w in warnings)
