"""Write check findings as text (one line each), JSON, or SARIF 2.1.0 for code-scanning CI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sitrep.check.findings import Finding, Severity
from sitrep.check.registry import RULES

__all__ = ["FORMATS", "format_findings"]

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"


def as_text(findings: Sequence[Finding]) -> str:
    """`file:line: field.path: [rule-id] message`, one a line, then a count."""
    lines = [str(finding) for finding in findings]
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = ", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items())
    lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({summary})")
    return "\n".join(lines) + "\n"


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "file": finding.file,
        "line": finding.line,
        "field": finding.field,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
    }


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps([_finding_json(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def _uri(file: str | None) -> str:
    """A URI reference for the file: relative paths stay relative (CI maps them to the repo)."""
    if not file:
        return "brief"
    path = Path(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def _rule_descriptor(rule_id: str) -> dict[str, Any]:
    rule = RULES.get(rule_id)
    if rule is None:  # brief-invalid, check-config: reported by the runner itself
        text = {
            "brief-invalid": "the brief does not load or validate",
            "check-config": "check.disable (brief or house profile) names a rule that does not "
            "exist, or the house profile cannot be used",
        }.get(rule_id, rule_id)
        return {
            "id": rule_id,
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": "error"},
        }
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary}. Source: {rule.source}."},
        "help": {"text": f"See docs/tradecraft.md, rule {rule.id}."},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"source": rule.source},
    }


def as_sarif(findings: Sequence[Finding]) -> str:
    """One SARIF 2.1.0 log with one run; every rule is described, every result located."""
    from sitrep import __version__

    used = list(RULES) + sorted({f.rule for f in findings} - set(RULES))
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for finding in findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.file)}}
        if finding.line is not None and finding.line >= 1:
            location["region"] = {"startLine": finding.line}
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": finding.severity.value,
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
        }
        if finding.field:
            result["locations"][0]["logicalLocations"] = [
                {"fullyQualifiedName": finding.field, "kind": "member"}
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sitrep check",
                        "version": __version__,
                        "rules": [_rule_descriptor(rule_id) for rule_id in used],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "json": as_json, "sarif": as_sarif}


def format_findings(findings: Sequence[Finding], format: str = "text") -> str:
    """The findings in `format`: text, json or sarif."""
    return FORMATS[format](findings)
