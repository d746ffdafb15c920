"""Rules are switched off per brief (with a reason), by the house profile hook, or from Python."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import sitrep
from sitrep.check import check, check_file, set_profile_rules
from sitrep.check.runner import CheckConfigError
from sitrep.errors import BriefError
from sitrep.model.brief import Brief

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


@pytest.fixture
def profile() -> Iterator[None]:
    yield
    set_profile_rules(lambda brief: {})


def test_the_house_profile_hook_switches_rules_off(profile: None) -> None:
    brief = sitrep.load(RULES / "no-marking.trigger.yaml")
    assert [f.rule for f in check(brief)] == ["no-marking"]
    seen: list[Brief] = []

    def house(brief: Brief) -> Mapping[str, str]:
        seen.append(brief)
        return {"no-marking": "our portal marks every brief"}

    set_profile_rules(house)
    assert check(brief) == [] and seen == [brief]


def test_a_profile_naming_an_unknown_rule_is_a_clear_error(profile: None) -> None:
    set_profile_rules(lambda brief: {"no-markng": "typo"})
    with pytest.raises(CheckConfigError, match="no-markng"):
        check(sitrep.load(RULES / "no-marking.trigger.yaml"))


def test_python_callers_switch_rules_off() -> None:
    brief = sitrep.load(RULES / "no-marking.trigger.yaml")
    assert sitrep.check(brief, disable={"no-marking": "marked downstream"}) == []
    assert [f.rule for f in sitrep.check(brief)] == ["no-marking"]
