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
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), "-o", str(tmp_path / "x.odt")]) == 2
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


def test_several_outputs_render_each(tmp_path: Path) -> None:
    outs = [tmp_path / "a.pdf", tmp_path / "a.docx", tmp_path / "a.md"]
    args = ["render", "-q", str(FIXTURES / "simple.yaml")]
    for out in outs:
        args += ["-o", str(out)]
    assert main(args) == 0
    assert outs[0].read_bytes().startswith(b"%PDF-")
    assert outs[1].read_bytes().startswith(b"PK")
    assert "[^1]:" in outs[2].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extra,message",
    [
        (["-o", "x.pdf", "-o", "x.pdf"], "given twice"),
        (["-o", "x.pdf", "-o", "y.docx", "-f", "md"], "not both"),
        (["-o", "x.pdf", "-o", "folder/"], "each must be a file name"),
    ],
)
def test_several_outputs_are_refused_when_unclear(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), *extra]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_several_outputs_with_several_briefs_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = str(FIXTURES / "simple.yaml")
    args = ["render", brief, brief, "-o", str(tmp_path / "a.pdf"), "-o", str(tmp_path / "b.pdf")]
    assert main(args) == 2
    assert "expected one brief" in capsys.readouterr().err


def test_uncited_source_warns_and_fails_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2024-03-25\nassessment: Ports reopen. [@a]\nsources:\n"
        "  - id: a\n    title: A\n  - id: spare\n    title: Spare\n",
        encoding="utf-8",
    )
    assert main(["validate", str(brief)]) == 0
    captured = capsys.readouterr()
    assert f"warning: {brief}:7: sources[1]: source 'spare' is never cited" in captured.err
    assert "ok (1 warning)" in captured.out
    assert main(["validate", "--strict", str(brief)]) == 1
    # With --strict the warning is an error, printed like every other error: file:line: field
    assert capsys.readouterr().err.startswith(f"{brief}:7: sources[1]: source 'spare' is never")
    out = tmp_path / "brief.md"
    assert main(["render", "-q", "--strict", str(brief), "-o", str(out)]) == 1
    assert "never cited" in capsys.readouterr().err and not out.exists()
    assert main(["render", "-q", str(brief), "-o", str(out)]) == 0
    assert "warning:" in capsys.readouterr().err and out.exists()


def test_unknown_citations_and_other_problems_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2024-02-30\nassessment: See [@reuter].\nsources:\n"
        "  - id: reuters\n    title: R\n",
        encoding="utf-8",
    )
    assert main(["validate", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "brief.yaml:2: date:" in err
    assert "brief.yaml:3: assessment: cites unknown source 'reuter'" in err


HOUSE = (
    "organisation: Northwind Risk\ncontact: Northwind desk, +44 20 7946 0000\n"
    "authors: [A. Analyst]\nlanguage: en-GB\nmarking: TLP:GREEN\ndate_format: iso\n"
)


@pytest.mark.parametrize("example", ["north-korea-russia-summit", "putin-kim-article"])
def test_new_takes_house_details_from_the_profile_never_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "sitrep-profile.yaml").write_text(HOUSE, encoding="utf-8")
    out = tmp_path / "desk" / "new-brief"
    assert main(["new", "--from", example, str(out)]) == 0  # profile found in a parent folder
    from sitrep import load

    brief = load(next(out.glob("brief.*")))
    assert brief.organisation == "Northwind Risk"
    assert brief.contact == "Northwind desk, +44 20 7946 0000"
    assert brief.authors == ["A. Analyst"]
    assert (brief.language, str(brief.marking), brief.date_format.value) == (
        "en-GB",
        "TLP:GREEN",
        "iso",
    )
    text = next(out.glob("brief.*")).read_text(encoding="utf-8")
    for foreign in (
        "organisation: Dyami",
        "+31 30",
        "organisation: The Korea",
        "Ji Da-gyum",
        "en-US",
    ):
        assert foreign not in text


def test_new_without_a_profile_copies_no_organisation_details(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    out = tmp_path / "b"
    assert main(["new", "--from", "north-korea-russia-summit", str(out)]) == 0
    text = (out / "brief.yaml").read_text(encoding="utf-8")
    assert "+31 30" not in text and "organisation:" not in text and "contact:" not in text
    assert text.startswith("# A Dyami-style intel brief")  # comments and layout are kept


def test_new_finds_the_profile_in_the_config_dir_and_checks_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config"
    (config / "sitrep").mkdir(parents=True)
    (config / "sitrep" / "profile.yaml").write_text(HOUSE, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert main(["new", str(tmp_path / "blank.yaml")]) == 0
    from sitrep import load

    assert load(tmp_path / "blank.yaml").organisation == "Northwind Risk"
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisaton: X\nmarking: TLP:PURPLE\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "c.yaml"), "--profile", str(bad)]) == 1
    assert "did you mean 'organisation'?" in capsys.readouterr().err
    assert not (tmp_path / "c.yaml").exists()


def test_an_output_name_given_as_a_brief_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old docs/word-templates.md command: it failed and left a stray PDF behind."""
    brief = tmp_path / "brief.yaml"
    brief.write_bytes((FIXTURES / "simple.yaml").read_bytes())
    assert main(["render", str(brief), str(tmp_path / "out.docx")]) == 2
    assert "did you mean -o" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml"]
