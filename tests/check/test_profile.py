"""The house profile (`sitrep-profile.yaml`) switches rules off for every brief under it.

Found after the first build: the hook for it (`set_profile_rules`) existed but nothing called
it, so a profile could not switch any rule off, from `sitrep check` or `render --check`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
from sitrep.check import check_brief, check_file, check_files
from sitrep.scaffold import new_brief

BRIEF = """\
title: Harbour fire in Tema
date: 2025-02-10
what:
  - date: 2025-02-09
    text: A fire broke out at the container terminal.
"""

PROFILE = """\
organisation: Coastline Risk
check:
  disable:
    - rule: no-marking
      reason: our portal stamps the marking on every brief
"""


@pytest.fixture(autouse=True)
def no_user_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def team(tmp_path: Path, profile: str = PROFILE) -> Path:
    """A team folder with a house profile at the top and a brief two folders down."""
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "sitrep-profile.yaml").write_text(profile, "utf-8")
    brief = tmp_path / "team" / "ghana" / "brief.yaml"
    brief.parent.mkdir()
    brief.write_text(BRIEF, "utf-8")
    return brief


def rules(findings: list[sitrep.check.Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_without_a_profile_every_rule_runs(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, "utf-8")
    assert rules(check_file(path).findings) == ["no-marking", "uncited-event"]


def test_the_profile_of_the_briefs_folder_or_a_parent_switches_rules_off(tmp_path: Path) -> None:
    path = team(tmp_path)
    assert rules(check_file(path).findings) == ["uncited-event"]
    assert rules(check_brief(sitrep.load(path))) == ["uncited-event"]
    assert rules(check_file(path, profile=False).findings) == ["no-marking", "uncited-event"]


def test_the_users_config_profile_applies_when_no_folder_has_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "xdg"
    (config / "sitrep").mkdir(parents=True)
    (config / "sitrep" / "profile.yaml").write_text(PROFILE, "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, "utf-8")
    assert rules(check_file(path).findings) == ["uncited-event"]


def test_a_brief_built_in_python_uses_only_a_profile_it_is_given(tmp_path: Path) -> None:
    brief = sitrep.Brief.model_validate({"title": "T", "date": "2025-02-10"})
    profile = team(tmp_path).parent.parent / "sitrep-profile.yaml"
    assert rules(check_brief(brief)) == ["no-marking"]
    assert rules(check_brief(brief, profile=profile)) == []


def test_a_profile_without_a_reason_is_refused_at_its_line(tmp_path: Path) -> None:
    path = team(tmp_path, "check:\n  disable:\n    - rule: no-marking\n")
    findings = check_file(path).findings
    assert rules(findings) == ["check-config", "no-marking", "uncited-event"]
    problem = findings[0]
    assert problem.file is not None and problem.file.endswith("sitrep-profile.yaml")
    assert (problem.field, problem.line) == ("check.disable[0].reason", 3)


def test_an_unknown_rule_in_the_profile_is_reported_once_at_its_line(tmp_path: Path) -> None:
    path = team(tmp_path, PROFILE.replace("rule: no-marking", "rule: no-markng"))
    other = path.parent / "second.yaml"
    other.write_text(BRIEF, "utf-8")
    findings = check_files([path, other])
    config = [f for f in findings if f.rule == "check-config"]
    assert len(config) == 1
    assert (config[0].field, config[0].line) == ("check.disable[0].rule", 4)
    assert "did you mean 'no-marking'?" in config[0].message
    assert rules(findings).count("no-marking") == 2  # an unknown id switches nothing off


def test_a_profile_that_is_not_a_profile_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = team(tmp_path, "- just\n- a list\n")
    findings = check_file(path).findings
    assert findings[0].rule == "check-config" and "house profile" in findings[0].message


def test_the_profile_check_settings_are_not_copied_into_a_new_brief(tmp_path: Path) -> None:
    path = team(tmp_path)
    created = new_brief(path.parent / "new.yaml")
    text = created.read_text("utf-8")
    assert "Coastline Risk" in text and "check:" not in text


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, check=False
    )


def test_sitrep_check_and_render_check_honour_the_profile(tmp_path: Path) -> None:
    strict = PROFILE + "    - rule: uncited-event\n      reason: wire copy, cited downstream\n"
    path = team(tmp_path, strict)
    result = cli("check", str(path))
    assert result.returncode == 0, result.stdout
    assert "0 findings" in result.stdout
    bad = path.parent / "late.yaml"
    bad.write_text(BRIEF.replace("2025-02-09", "2025-03-09"), "utf-8")  # after the brief
    out = tmp_path / "late.html"
    result = cli("render", str(bad), "-o", str(out), "--check")
    assert result.returncode == 1 and not out.exists()
    assert "[event-after-brief]" in result.stderr and "[no-marking]" not in result.stderr
    (path.parent / "good.yaml").write_text(BRIEF, "utf-8")
    good = path.parent / "good.yaml"
    result = cli("render", str(good), "-o", str(tmp_path / "g.html"), "--check")
    assert result.returncode == 0, result.stderr
    assert "[no-marking]" not in result.stderr


def test_sitrep_check_takes_a_profile_or_none_on_the_command_line(tmp_path: Path) -> None:
    """Leftover of #15: the library took `profile=`, the command line could not say it."""
    path = team(tmp_path)
    assert "[no-marking]" not in cli("check", str(path)).stdout
    result = cli("check", "--no-profile", str(path))
    assert "[no-marking]" in result.stdout and "[uncited-event]" in result.stdout
    other = tmp_path / "desk.yaml"
    other.write_text(PROFILE.replace("no-marking", "uncited-event"), "utf-8")
    result = cli("check", "--profile", str(other), str(path))
    assert "[uncited-event]" not in result.stdout and "[no-marking]" in result.stdout
    result = cli("check", "--profile", str(tmp_path / "missing.yaml"), str(path))
    assert result.returncode == 1 and "the house profile cannot be read" in result.stdout
    both = cli("check", "--profile", str(other), "--no-profile", str(path))
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_the_documented_profile_example_prints_what_the_docs_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parents[2]
    text = (root / "docs" / "tradecraft.md").read_text("utf-8")
    block = text.split("```console\n$ sitrep check team/tema/brief.yaml\n", 1)[1]
    shown = block.split("```", 1)[0]
    profile = (root / "docs" / "examples" / "team" / "sitrep-profile.yaml").read_text("utf-8")
    assert profile.split("\n", 1)[1] in text  # the profile printed is the profile used
    shutil.copytree(root / "docs" / "examples" / "team", tmp_path / "team")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "team/tema/brief.yaml")
    assert (result.returncode, result.stdout) == (0, shown)
    (tmp_path / "team" / "sitrep-profile.yaml").unlink()  # the same brief without the profile
    assert "[no-marking]" in cli("check", "team/tema/brief.yaml").stdout
