"""`sitrep check` and `sitrep render --check` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main

RULES = Path(__file__).parent / "fixtures" / "rules"
ERROR_BRIEF = RULES / "event-after-brief.trigger.yaml"
WARNING_BRIEF = RULES / "uncited-event.trigger.yaml"
CLEAN_BRIEF = RULES / "uncited-event.clean.yaml"


def test_exit_1_on_an_error_0_on_warnings_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ERROR_BRIEF)]) == 1
    assert "[event-after-brief]" in capsys.readouterr().out
    assert main(["check", str(WARNING_BRIEF)]) == 0
    out = capsys.readouterr().out
    assert f"{WARNING_BRIEF}:10: what[1].text: [uncited-event]" in out
    assert main(["check", str(CLEAN_BRIEF)]) == 0
    assert capsys.readouterr().out == "0 findings (0 errors, 0 warnings, 0 notes)\n"


def test_several_briefs_and_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(WARNING_BRIEF), str(ERROR_BRIEF)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["rule"] for d in data] == ["uncited-event", "event-after-brief"]


def test_sarif_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "check.sarif"
    assert main(["check", "--format", "sarif", "-o", str(out), str(WARNING_BRIEF)]) == 0
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"


def test_a_brief_that_does_not_load_is_an_error_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\ndate: 2024-02-30\n", "utf-8")
    assert main(["check", str(bad), str(tmp_path / "missing.yaml")]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2: date: [brief-invalid]" in out
    assert "missing.yaml: [brief-invalid] file not found" in out


def test_render_check_refuses_on_errors_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.html"
    assert main(["render", "--check", "-q", str(ERROR_BRIEF), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "[event-after-brief]" in err and "nothing was rendered" in err
    assert not out.exists()


def test_render_check_renders_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.md"
    assert main(["render", "--check", "-q", str(WARNING_BRIEF), "-o", str(out)]) == 0
    assert "[uncited-event]" in capsys.readouterr().err
    assert out.read_text("utf-8").startswith("**TLP:GREEN**")


def test_check_in_a_real_process_has_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "check", str(ERROR_BRIEF)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
