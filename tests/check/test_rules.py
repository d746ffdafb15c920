"""Every rule: a brief that triggers it (on the line marked `# expect: rule-id`) and one that
does not. The briefs are data files in fixtures/rules/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.check import RULES, Severity, check_file

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RUNNER_RULES = ("check-config",)  # reported by the runner, not a rule function
ALL_RULES = (*RULES, *RUNNER_RULES)
_EXPECT = re.compile(r"#\s*expect:\s*([a-z0-9-]+)")


def expected_lines(path: Path) -> list[tuple[int, str]]:
    return [
        (number, match.group(1))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if (match := _EXPECT.search(line))
    ]


def test_every_rule_has_a_trigger_and_a_clean_brief() -> None:
    for rule in ALL_RULES:
        assert (FIXTURES / f"{rule}.trigger.yaml").is_file(), rule
        assert (FIXTURES / f"{rule}.clean.yaml").is_file(), rule


@pytest.mark.parametrize("rule", ALL_RULES)
def test_trigger_brief_raises_the_rule_on_the_marked_line(rule: str) -> None:
    path = FIXTURES / f"{rule}.trigger.yaml"
    findings = check_file(path).findings
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{path.name} did not trigger {rule}: {[str(f) for f in findings]}"
    for line, expected_rule in expected_lines(path):
        assert any(f.rule == expected_rule and f.line == line for f in findings), (
            f"{path.name}:{line}: expected [{expected_rule}], got {[str(f) for f in findings]}"
        )
    assert not any(f.rule == "brief-invalid" for f in findings)


@pytest.mark.parametrize("rule", ALL_RULES)
def test_clean_brief_does_not_raise_the_rule(rule: str) -> None:
    findings = check_file(FIXTURES / f"{rule}.clean.yaml").findings
    assert [str(f) for f in findings if f.rule == rule] == []
    assert not any(f.rule == "brief-invalid" for f in findings)


def test_the_shared_clean_brief_has_no_findings_at_all() -> None:
    # uncited-event's clean brief is the base every fixture varies
    assert check_file(FIXTURES / "uncited-event.clean.yaml").findings == []


def test_every_rule_is_documented_with_its_source() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "tradecraft.md").read_text("utf-8")
    for rule in ALL_RULES:
        assert f"`{rule}`" in doc, f"docs/tradecraft.md does not document {rule}"
    for rule in RULES.values():
        assert rule.severity in Severity
        assert any(name in rule.source for name in ("ICD 203", "ICD 206", "AJP-2.1", "TLP"))
