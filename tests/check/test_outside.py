"""The outside test, kept: one clean brief on a new topic (a cyclone in Mozambique), and for
every rule one small change that must trigger it and nothing else it does not expect.

The clean brief has no finding at all, so it is the brief that does not trigger each rule;
every report, clean or not, is also written as SARIF and validated against the 2.1.0 schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sitrep.check import RULES, check_file
from sitrep.check.formats import as_sarif

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = yaml.safe_load((FIXTURES / "outside" / "cyclone.yaml").read_text("utf-8"))
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8"))

Change = Callable[[dict[str, Any]], None]


def _set(**fields: Any) -> Change:
    def change(brief: dict[str, Any]) -> None:
        brief.update(fields)

    return change


def _event(index: int, **fields: Any) -> Change:
    def change(brief: dict[str, Any]) -> None:
        brief["what"][index].update(fields)

    return change


def _judgment(**fields: Any) -> Change:
    def change(brief: dict[str, Any]) -> None:
        brief["key_judgments"][0].update(fields)

    return change


def _source(index: int, **fields: Any) -> Change:
    def change(brief: dict[str, Any]) -> None:
        brief["sources"][index].update(fields)

    return change


def _add_source(brief: dict[str, Any]) -> None:
    brief["sources"].append({"id": "wfp", "title": "Market monitor", "author": "WFP"})


def _weak_only(brief: dict[str, Any]) -> None:
    brief["key_judgments"][0].update(
        confidence="high",
        text="Cholera cases will likely rise [@ocha, credibility 4].",
        basis="Camp reports [@ocha, credibility 5].",
    )


def _phia_word(brief: dict[str, Any]) -> None:
    brief["assessment"] = "A second landfall is a realistic possibility [@ingd]."


def _two_scales(brief: dict[str, Any]) -> None:
    brief["assessment"] = "Looting is very likely; a riot is a realistic possibility [@ingd]."


TRIGGERS: dict[str, tuple[Change, set[str]]] = {
    # rule: (the change, other rules the change may also trigger)
    "uncited-event": (_event(1, text="Roads to Nacala were cut by floods."), set()),
    "uncited-judgment": (
        _judgment(text="Cholera will rise.", basis="Past cyclones."),
        set(),
    ),
    "unused-source": (_add_source, set()),
    "source-after-brief": (_source(1, date="2025-01-20"), set()),
    "duplicate-url": (_source(1, url="http://www.example.org/ingd/3/#top"), set()),
    "event-outside-when": (_event(0, date="2025-01-10"), set()),
    "event-after-brief": (_event(1, date="2025-01-18"), {"event-outside-when"}),
    "events-out-of-order": (
        lambda b: b["what"].append({"date": "2025-01-12", "text": "Warnings issued [@ingd]."}),
        set(),
    ),
    "foreign-estimative-term": (_phia_word, set()),
    "mixed-scales": (_two_scales, {"foreign-estimative-term"}),
    "likelihood-as-confidence": (
        _set(assessment="There is a high likelihood of looting [@ingd]."),
        set(),
    ),
    "judgment-no-likelihood": (_judgment(likelihood=None), set()),
    "judgment-no-confidence": (_judgment(confidence=None), set()),
    "judgment-no-basis": (_judgment(basis=None), set()),
    "high-confidence-weak-sources": (_weak_only, set()),
    "no-marking": (_set(marking=None), set()),
    "restricted-marking-public": (
        _set(marking="TLP:RED", contact="Subscribe to our newsletter at example.org"),
        set(),
    ),
    "bluf-too-long": (
        _set(bluf="Convoys move. Roads are cut. Cholera rises. Camps fill [@ingd]."),
        set(),
    ),
    "placeholder-text": (_set(contact="Desk: [insert phone number]"), set()),
}


def _write(tmp_path: Path, data: dict[str, Any], name: str = "brief.yaml") -> Path:
    data = {key: value for key, value in data.items() if value is not None}
    for item in data.get("key_judgments", []):
        for key in [k for k, v in item.items() if v is None]:
            del item[key]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _sarif_valid(findings: list[Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(as_sarif(findings)))


def test_every_rule_has_a_trigger_here() -> None:
    assert set(TRIGGERS) == set(RULES)


def test_the_clean_brief_triggers_no_rule(tmp_path: Path) -> None:
    findings = check_file(_write(tmp_path, json.loads(json.dumps(CLEAN, default=str)))).findings
    assert findings == []
    _sarif_valid(findings)


@pytest.mark.parametrize("rule", list(TRIGGERS))
def test_each_rule_triggers_on_its_change_and_points_at_a_line(rule: str, tmp_path: Path) -> None:
    change, also = TRIGGERS[rule]
    data = json.loads(json.dumps(CLEAN, default=str))
    change(data)
    path = _write(tmp_path, data)
    findings = check_file(path).findings
    found = {f.rule for f in findings}
    assert rule in found, [str(f) for f in findings]
    assert found <= {rule} | also, [str(f) for f in findings]
    text = path.read_text("utf-8").splitlines()
    for finding in findings:
        assert finding.line is not None and 1 <= finding.line <= len(text)
    _sarif_valid(findings)


@pytest.mark.parametrize("name", ["brief with spaces.yaml", "čas #1 100%.yaml", "a%20b.yaml"])
def test_sarif_uris_of_odd_file_names_are_uri_references(name: str, tmp_path: Path) -> None:
    data = json.loads(json.dumps(CLEAN, default=str))
    data.pop("marking")
    path = _write(tmp_path, data, name)
    findings = check_file(path).findings
    assert [f.rule for f in findings] == ["no-marking"]
    log = json.loads(as_sarif(findings))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(uri["uri"])
    assert " " not in uri["uri"] and not parts.fragment and not parts.query
    assert unquote(parts.path).endswith(name)
