"""The `sitrep` command: thin argument parsing over library calls, clean errors, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "briefs"
INVALID = Path(__file__).parent / "files" / "fixtures" / "invalid"


def test_validate_ok_and_failure_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "simple.yaml")]) == 0
    assert "simple.yaml: ok" in capsys.readouterr().out
    assert (
        main(["validate", str(FIXTURES / "simple.yaml"), str(INVALID / "misspelt-key.yaml")]) == 1
    )
    err = capsys.readouterr().err
    assert "did you mean 'assessment'?" in err
    assert "Traceback" not in err


def test_bad_brief_gives_no_traceback_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "validate", str(INVALID / "impossible-date.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "what[1].date" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["render"])
    assert caught.value.code == 2


def test_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("render", "validate", "new", "schema", "examples", "exit codes", "130"):
        assert word in out


def test_render_markdown_infers_format_from_suffix(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("**TLP:AMBER**")
    assert "[^1]:" in text


def test_render_several_files_to_a_folder_continues_past_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "render",
            "-q",
            str(FIXTURES / "simple.yaml"),
            str(INVALID / "misspelt-key.yaml"),
            str(FIXTURES / "full.yaml"),
            "-o",
            str(tmp_path),
            "--format",
            "md",
        ]
    )
    assert status == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.md", "simple.md"]
    err = capsys.readouterr().err
    assert "misspelt-key.yaml:5: assesment" in err
    assert "2 rendered, 1 failed" in err


def test_unknown_output_suffix_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), "-o", str(tmp_path / "x.odt")]) == 1
    assert "cannot tell the format from the suffix '.odt'" in capsys.readouterr().err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "title" in schema["required"] and "date" in schema["required"]
    assert schema["additionalProperties"] is False


def test_new_blank_skeleton_is_dated_today_and_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "mine")]) == 0
    created = tmp_path / "mine" / "brief.yaml"
    assert f"date: {dt.date.today().isoformat()}" in created.read_text(encoding="utf-8")
    assert main(["validate", str(created)]) == 0
    assert main(["new", str(tmp_path / "mine")]) == 1
    assert "already exists" in capsys.readouterr().err


def test_examples_lists_the_bundled_briefs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples"]) == 0
    out = capsys.readouterr().out
    for name in ("north-korea-russia-summit", "russia-north-korea-alliance", "putin-kim-article"):
        assert name in out


@pytest.mark.parametrize(
    "example", ["north-korea-russia-summit", "russia-north-korea-alliance", "putin-kim-article"]
)
def test_new_from_example_copies_brief_and_assets(example: str, tmp_path: Path) -> None:
    assert main(["new", "--from", example, str(tmp_path / "copy")]) == 0
    copied = sorted(p.name for p in (tmp_path / "copy").iterdir())
    source = sorted(
        p.name for p in (Path(__file__).parents[1] / "examples" / example).iterdir() if p.is_file()
    )
    assert copied == source
    brief = next((tmp_path / "copy").glob("brief.*"))
    assert main(["validate", str(brief)]) == 0


def test_new_from_unknown_example_names_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--from", "nope", str(tmp_path / "x")]) == 1
    assert "no example named 'nope' (expected one of:" in capsys.readouterr().err


def test_allow_folder_lets_a_figure_outside_the_brief_folder_in(tmp_path: Path) -> None:
    from PIL import Image

    shared = tmp_path / "shared"
    shared.mkdir()
    Image.new("RGB", (20, 10), "navy").save(shared / "logo.png")
    folder = tmp_path / "brief"
    folder.mkdir()
    brief = folder / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: ../shared/logo.png\n", encoding="utf-8"
    )
    out = tmp_path / "out.pdf"
    assert main(["render", "-q", str(brief), "-o", str(out)]) == 1
    assert not out.exists()
    assert main(["render", "-q", str(brief), "-o", str(out), "--allow-folder", str(shared)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
