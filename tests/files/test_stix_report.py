"""A brief from a STIX report: brief -> STIX -> brief keeps what STIX holds; hostile bundles fail
with one clear error and their text stays text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

import sitrep
from sitrep.errors import SitrepError
from sitrep.files.stix_report import MAX_BUNDLE_BYTES, brief_data_from_stix
from sitrep.scaffold import new_brief_from_stix

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "tests" / "writers" / "interchange" / "fixtures" / "pipeline-sabotage.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*/brief.*"))


def round_trip(brief: sitrep.Brief, tmp_path: Path) -> sitrep.Brief:
    bundle = tmp_path / "report.json"
    bundle.write_bytes(sitrep.render(brief, "stix", warn=lambda message: None))  # type: ignore[arg-type]
    return sitrep.load(new_brief_from_stix(tmp_path / "back", bundle))


@pytest.mark.parametrize("path", [*EXAMPLES, PIPELINE], ids=lambda p: p.parent.name)
def test_brief_to_stix_to_brief_keeps_title_date_places_actors_and_sources(
    path: Path, tmp_path: Path
) -> None:
    brief = sitrep.load(path)
    back = round_trip(brief, tmp_path)
    assert (back.title, back.date, back.marking) == (brief.title, brief.date, brief.marking)
    exported = [p for p in brief.where if p.name != "Somewhere at sea"]  # no country: not in STIX
    assert [(p.name, p.lat, p.lon) for p in back.where] == [
        (p.name, p.lat, p.lon) for p in exported
    ]
    assert [a.model_dump() for a in back.who] == [a.model_dump() for a in brief.who]
    # URLs come back percent-encoded where STIX needs it ("<" as "%3C"): the same address.
    assert [(s.id, s.title, unquote(s.url or ""), s.sha256) for s in back.sources] == [
        (s.id, s.title, unquote(s.url or ""), s.sha256) for s in brief.sources
    ]
    assert back.keywords == brief.keywords
    assert back.organisation == brief.organisation


def test_events_themes_and_key_judgments_come_back(tmp_path: Path) -> None:
    back = round_trip(sitrep.load(PIPELINE), tmp_path)
    theme = back.what[0]
    assert theme.theme == "The damage"  # type: ignore[union-attr]
    first = theme.events[0]  # type: ignore[union-attr]
    assert (first.date.isoformat(), first.time.isoformat("minutes")) == ("2023-10-08", "01:20")
    assert first.text == "Pressure dropped in the pipeline near Paldiski."
    assert [(j.likelihood.value, j.confidence.value) for j in back.key_judgments] == [
        ("very likely", "Moderate"),
        ("roughly even chance", "Low"),
    ]
    assert [p.country_code for p in back.where] == [None, "FI", "EE"]


def write(tmp_path: Path, data: Any, name: str = "hostile.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def report(**fields: Any) -> dict[str, Any]:
    return {
        "type": "report",
        "spec_version": "2.1",
        "id": "report--00000000-0000-4000-8000-000000000001",
        "name": "A report",
        "published": "2024-03-22T10:00:00Z",
        "object_refs": [],
        **fields,
    }


def test_markup_and_citations_in_a_bundle_stay_text(tmp_path: Path) -> None:
    note = {
        "type": "note",
        "id": "note--00000000-0000-4000-8000-000000000002",
        "content": "See [@secret] and ^[an inline note] and <img src=x onerror=alert(1)> *bold*",
        "object_refs": ["report--00000000-0000-4000-8000-000000000001"],
        "abstract": "2024-03-21",
    }
    bundle = {
        "type": "bundle",
        "objects": [
            report(name="{{ 7*7 }} <b>x</b>", description="`code` [link](javascript:x)"),
            note,
        ],
    }
    brief = sitrep.load(new_brief_from_stix(tmp_path / "b", write(tmp_path, bundle)))
    markdown = sitrep.render(brief, "md").decode()  # type: ignore[union-attr]
    assert "[@secret]" in markdown.replace("\\", "")
    assert brief.title == "{{ 7*7 }} <b>x</b>"
    assert brief.sources == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"type": "bundle", "objects": [{"type": "identity"}]}', "no STIX report"),
        (b"[1, 2]", "not a STIX bundle"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (json.dumps({"type": "bundle", "objects": [report(name="")]}).encode(), "has no name"),
        (json.dumps({"type": "bundle", "objects": [report(published=7)]}).encode(), "no published"),
    ],
)
def test_a_broken_bundle_gets_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(SitrepError, match=message):
        brief_data_from_stix(path)


def test_an_oversized_bundle_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BUNDLE_BYTES + 10)
    with pytest.raises(SitrepError, match="larger than 20 MB"):
        brief_data_from_stix(path)


def test_the_cli_starts_a_brief_from_a_stix_report(tmp_path: Path) -> None:
    bundle = tmp_path / "report.json"
    bundle.write_bytes(sitrep.render(sitrep.load(PIPELINE), "stix", warn=lambda m: None))  # type: ignore[arg-type]
    command = [
        sys.executable,
        "-m",
        "sitrep",
        "new",
        "--from-stix",
        str(bundle),
        str(tmp_path / "new"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((tmp_path / "new" / "brief.yaml").read_text())
    assert data["title"] == "Suspected sabotage of the Balticconnector gas pipeline"
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 1 and "already exists" in again.stderr
