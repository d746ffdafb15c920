"""Rules are switched off per brief (with a reason) or from Python (the house profile: see
tests/check/test_profile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.check import check_brief, check_file
from sitrep.check.runner import CheckConfigError
from sitrep.errors import BriefError

RULES = Path(__file__).parent / "fixtures" / "rules"


def with_disable(tmp_path: Path, source: Path, block: str) -> Path:
    text = source.read_text("utf-8").replace("marking: TLP:GREEN\n", "marking: TLP:GREEN\n" + block)
    path = tmp_path / source.name
    path.write_text(text, "utf-8")
    return path


def test_a_brief_switches_a_rule_off_with_a_reason(tmp_path: Path) -> None:
    path = with_disable(
        tmp_path,
        RULES / "uncited-event.trigger.yaml",
        "check:\n  disable:\n    - rule: uncited-event\n      reason: wire copy\n",
    )
    assert check_file(path).findings == []


def test_switching_off_without_a_reason_is_refused(tmp_path: Path) -> None:
    path = with_disable(
        tmp_path,
        RULES / "uncited-event.trigger.yaml",
        "check:\n  disable:\n    - rule: uncited-event\n",
    )
    with pytest.raises(BriefError, match=r"check\.disable\[0\]\.reason"):
        sitrep.load(path)
    (finding,) = check_file(path).findings
    assert finding.rule == "brief-invalid" and finding.field == "check.disable[0].reason"


def test_an_empty_reason_is_refused(tmp_path: Path) -> None:
    path = with_disable(
        tmp_path,
        RULES / "uncited-event.trigger.yaml",
        "check:\n  disable:\n    - rule: uncited-event\n      reason: ''\n",
    )
    assert [f.rule for f in check_file(path).findings] == ["brief-invalid"]


def test_python_callers_switch_rules_off() -> None:
    brief = sitrep.load(RULES / "no-marking.trigger.yaml")
    assert sitrep.check_brief(brief, disable={"no-marking": "marked downstream"}) == []
    assert [f.rule for f in sitrep.check_brief(brief)] == ["no-marking"]


def test_python_callers_naming_an_unknown_rule_get_a_clear_error() -> None:
    with pytest.raises(CheckConfigError, match="no-markng"):
        check_brief(sitrep.load(RULES / "no-marking.trigger.yaml"), disable={"no-markng": "x"})


def test_the_check_api_is_one_function_not_a_callable_module() -> None:
    import sitrep.check

    assert sitrep.check_brief is sitrep.check.check_brief
    assert not callable(sitrep.check)
