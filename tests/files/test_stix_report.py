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
from sitrep.files.load import validate
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


FIXTURES = Path(__file__).parent / "fixtures" / "stix"


def test_one_bad_value_is_left_out_with_a_warning_naming_the_stix_object(tmp_path: Path) -> None:
    warnings: list[str] = []
    bundle = FIXTURES / "stix-notes-strict-reject.json"
    brief = sitrep.load(new_brief_from_stix(tmp_path / "b", bundle, warnings.append))
    assert [e.text for e in brief.what][:4] == [  # type: ignore[union-attr]
        r"No abstract note \[@s1\] \*\*bold\*\* \<b\>x\</b\> {{x}} \^\[note\] \[l\](https://evil.example)",
        "bad date abstract",
        "KJ no labels",
        "KJ weird likelihood",
    ]
    assert [(j.text, j.confidence) for j in brief.key_judgments] == [
        ("KJ conf 69", "Moderate"),
        ("KJ conf 70 true", None),  # true is no confidence: left out, and said so
    ]
    said = "\n".join(warnings)
    assert (
        "note--d4c85b05-1787-4418-8052-af6bf11b4730: date: '2024-13-45' is not a valid date" in said
    )
    assert "note--d4c85b05-1787-4418-8052-af6bf11b4730: kept as an undated event" in said
    assert "note--df1d8788-3898-4bc5-9dc1-045cde747087: kept as an event instead of a key" in said
    assert "note--b468d40c-8716-43f5-87c4-7dcdd07b1d86: confidence True is not a number" in said


def test_a_bad_hash_or_url_loses_only_itself(tmp_path: Path) -> None:
    warnings: list[str] = []
    bundle = FIXTURES / "stix-extref-bad-hash-rejects-all.json"
    brief = sitrep.load(new_brief_from_stix(tmp_path / "b", bundle, warnings.append))
    # Of 11 references, the one with no name and the one that is no object are left out.
    by_title = {source.title: source for source in brief.sources}
    assert len(brief.sources) == 9
    assert by_title["z"].sha256 is None
    assert by_title["sha"].sha256 == "A" * 64
    assert "mailto" not in str(by_title["x"].url) and by_title["x"].url is None
    assert any("report.external_references[9]: not an object; left out" in w for w in warnings)
    assert any(
        "report.external_references[5]: kept without its SHA-256 hash" in w for w in warnings
    )
    assert any(
        "report.external_references[3]: url 'javascript:alert(1)' left out" in w for w in warnings
    )


def test_a_mailto_source_keeps_its_address(tmp_path: Path) -> None:
    brief = validate(
        {
            "title": "T",
            "date": "2024-01-01",
            "sources": [{"id": "tips", "title": "Tip line", "url": "mailto:tips@example.org"}],
        },
        None,
        {},
    )
    assert round_trip(brief, tmp_path).sources[0].url == "mailto:tips@example.org"


def test_a_number_too_long_to_read_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "big-int.json"
    path.write_text(
        '{"type": "bundle", "objects": [{"type": "report", "confidence": ' + "9" * 100_000 + "}]}"
    )
    with pytest.raises(SitrepError, match=r"expected a STIX 2\.1 bundle"):
        brief_data_from_stix(path)


def test_a_phia_brief_comes_back_on_its_own_scale(tmp_path: Path) -> None:
    brief = validate(
        {
            "title": "UK assessment",
            "date": "2024-01-01",
            "likelihood_scale": "phia",
            "key_judgments": [{"text": "It will rain.", "likelihood": "highly likely"}],
        },
        None,
        {},
    )
    back = round_trip(brief, tmp_path)
    assert back.likelihood_scale == "phia"
    assert [(j.text, str(j.likelihood)) for j in back.key_judgments] == [
        ("It will rain.", "highly likely")
    ]


def test_classification_caveats_and_pap_come_back(tmp_path: Path) -> None:
    """Leftover of the dissemination issue: a brief read back from STIX lost its banner."""
    data = yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))
    data.update(
        classification="OFFICIAL-SENSITIVE", caveats=["REL TO NLD, BEL", "NOFORN"], pap="amber"
    )
    source = tmp_path / "pipeline" / "brief.yaml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    brief = sitrep.load(source)
    back = round_trip(brief, tmp_path)
    assert back.classification is not None and back.classification.level == "OFFICIAL-SENSITIVE"
    assert back.caveats == ["REL TO NLD, BEL", "NOFORN"]
    assert back.pap is not None and back.pap.value == "PAP:AMBER"
    assert back.marking == brief.marking


def test_a_bundle_without_a_banner_gives_a_brief_without_one(tmp_path: Path) -> None:
    back = round_trip(sitrep.load(PIPELINE), tmp_path)
    assert (back.classification, back.caveats, back.pap) == (None, [], None)


def test_a_banner_statement_a_brief_would_refuse_is_reported_and_left_out(tmp_path: Path) -> None:
    report = {
        "type": "report", "spec_version": "2.1", "id": "report--" + "1" * 8 + "-1111-4111-8111-"
        + "1" * 12, "created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
        "name": "Long banner", "published": "2024-01-01T00:00:00Z", "object_refs": [],
        "object_marking_refs": ["marking-definition--" + "2" * 8 + "-2222-4222-8222-" + "2" * 12],
    }  # fmt: skip
    statement = {
        "type": "marking-definition", "spec_version": "2.1", "id": report["object_marking_refs"][0],
        "created": "2024-01-01T00:00:00Z", "definition_type": "statement",
        "definition": {"statement": "SECRET" * 40},
    }  # fmt: skip
    odd = [dict(statement, id=statement["id"][:-1] + "abcd"[n], definition=value)
           for n, value in enumerate(["text", ["x"], None, {"statement": ["x"]}])]  # fmt: skip
    report["object_marking_refs"] += [item["id"] for item in odd]
    path = tmp_path / "bundle.json"
    bundle_id = "bundle--" + "3" * 8 + "-3333-4333-8333-" + "3" * 12
    bundle = {"type": "bundle", "id": bundle_id, "objects": [report, statement, *odd]}
    path.write_text(json.dumps(bundle), encoding="utf-8")
    warnings: list[str] = []
    data = brief_data_from_stix(path, warn=warnings.append)
    assert "classification" not in data
    assert any("marking-definition" in w and "240 characters" in w for w in warnings), warnings
