"""Outside-test finds on the command line: each is one clean line, never a traceback, a folder
where a file was meant, or a file in the wrong format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.cli import main

BRIEF = "---\ntitle: Port strike\ndate: 2024-03-25\n---\n\n## Assessment\n\nLikely.\n"


@pytest.fixture
def brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def test_new_with_a_markdown_name_writes_a_markdown_skeleton_that_validates(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "skeleton.md"]) == 0
    skeleton = brief.parent / "skeleton.md"
    assert skeleton.is_file()
    assert skeleton.read_text(encoding="utf-8").startswith("---\n")
    assert main(["validate", "skeleton.md"]) == 0


def test_new_over_an_existing_file_is_a_clean_error(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "brief.md"]) == 1
    err = capsys.readouterr().err
    assert err == "sitrep: error: brief.md already exists (expected a new file name)\n"
    assert brief.read_text(encoding="utf-8") == BRIEF


def test_new_refuses_a_json_skeleton(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "x.json"]) == 2
    assert "expected a file name ending in .yaml or .md" in capsys.readouterr().err
    assert not (brief.parent / "x.json").exists()


def test_an_output_that_cannot_be_written_is_one_line(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "brief.md", "-q", "-o", "/proc/x.md"]) == 1
    err = capsys.readouterr().err
    assert err == "sitrep: error: /proc/x.md: cannot be written (No such file or directory)\n"


def test_several_formats_into_one_file_name_are_refused(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "brief.md", "-f", "md", "-f", "html", "-o", "p.md"]) == 2
    assert "several --format options need an output folder" in capsys.readouterr().err
    assert not (brief.parent / "p").exists()


def test_a_suffix_that_disagrees_with_the_format_is_refused(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "brief.md", "-o", "d.md", "-f", "html"]) == 2
    assert "the suffix .md says md, but --format says html" in capsys.readouterr().err
    assert not (brief.parent / "d.md").exists()


def test_an_empty_house_profile_is_called_a_profile(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (brief.parent / "profile.yaml").write_text("", encoding="utf-8")
    assert main(["new", "out.yaml", "--profile", "profile.yaml"]) == 1
    err = capsys.readouterr().err
    assert "is empty (expected a house profile" in err
    assert "brief" not in err.split("expected")[1]


def test_a_syntax_error_in_a_users_html_template_is_theirs_not_a_bug(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layouts = brief.parent / "layouts"
    layouts.mkdir()
    (layouts / "intel-brief.html.j2").write_text("{% if %}\n", encoding="utf-8")
    assert main(["render", "brief.md", "-q", "-o", "out.html", "-t", str(layouts)]) == 1
    err = capsys.readouterr().err
    assert "intel-brief.html.j2:1: Expected an expression" in err
    assert "bug in sitrep" not in err
    assert not (brief.parent / "out.html").exists()


def _exit_code(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as stopped:  # argparse refuses a bad option value this way
        return int(stopped.code or 0)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["render", "brief.md", "-o", "out.txt"], "cannot tell the format from the suffix '.txt'"),
        (["render", "brief.md", "-o", "a.md", "-o", "b.txt"], "suffix '.txt'"),
        (["render", "brief.md", "-o", "out.pdf", "--pdf-variant", "pdf/z"], "unknown PDF variant"),
        (["render", "brief.md", "-o", "out.md", "-j", "-3"], "not a number of worker processes"),
        (["new", "out.json"], "a blank brief is written as YAML or Markdown"),
    ],
    ids=["unknown suffix", "unknown suffix among several", "pdf variant", "jobs", "new json"],
)
def test_a_wrong_command_line_exits_2_as_documented(
    brief: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """Outside test find: these wrong command lines exited 1 (or 0 for `-j -3`); README and
    docs/security.md say 2."""
    assert _exit_code(args) == 2
    assert said in capsys.readouterr().err
    assert not (brief.parent / "out.md").exists() and not (brief.parent / "a.md").exists()


FIGURES = """\
title: Measles resurgence in Chihuahua
date: 2025-04-01
figures:
  - image: case-map.png
    alt: Map of cases by municipality
attachments:
  - path: /etc/hostname
  - path: linelist.csv
"""


@pytest.mark.parametrize("command", ["validate", "render"])
def test_missing_and_outside_files_are_all_named_with_their_lines(
    brief: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Outside test find: validate said ok of a figure outside the folder; render named only the
    first missing file, without file:line."""
    (brief.parent / "m.yaml").write_text(FIGURES, encoding="utf-8")
    args = ["validate", "m.yaml"] if command == "validate" else ["render", "m.yaml", "-o", "m.md"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "m.yaml:4: figures[0].image: file 'case-map.png' was not found" in err
    assert "m.yaml:7: attachments[0]: file '/etc/hostname' is outside the brief's folder" in err
    assert "m.yaml:8: attachments[1]: file 'linelist.csv' was not found" in err
    assert not (brief.parent / "m.md").exists()


@pytest.mark.parametrize("output", ["u.md", "u.html", "u.docx"])
def test_an_unknown_layout_in_the_brief_is_refused_for_every_format_with_its_line(
    brief: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """Outside test find: `template: nonexistent` rendered to Markdown without a word."""
    (brief.parent / "u.yaml").write_text(
        "template: nonexistent\ntitle: Port strike\ndate: 2025-03-04\n", encoding="utf-8"
    )
    assert main(["render", "u.yaml", "-o", output]) == 1
    assert "u.yaml:1: template: 'nonexistent' is not a layout" in capsys.readouterr().err
    assert not (brief.parent / output).exists()


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_template_option_that_names_nothing_is_a_wrong_command_line(
    brief: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    args = [command, "brief.md", "-t", "nonexistent"]
    assert main([*args, "-o", "out.md"] if command == "render" else args) == 2
    assert "--template 'nonexistent' is not a layout" in capsys.readouterr().err
    assert not (brief.parent / "out.md").exists()


@pytest.mark.parametrize("order", ["good first", "bad first"])
def test_several_outputs_are_written_all_or_none(
    brief: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    """Outside test find: `-o a.md -o unwritable.html` wrote a.md, the other order wrote
    nothing: now neither order writes anything, and an existing output is left as it was."""
    (brief.parent / "blocker").write_text("a file, not a folder", encoding="utf-8")
    (brief.parent / "a.md").write_text("the old a.md", encoding="utf-8")
    outputs = ["-o", "a.md", "-o", "blocker/b.html"]
    if order == "bad first":
        outputs = outputs[2:] + outputs[:2]
    assert main(["render", "-q", "brief.md", *outputs]) == 1
    assert "none of the outputs was written" in capsys.readouterr().err
    assert (brief.parent / "a.md").read_text(encoding="utf-8") == "the old a.md"
    assert [p.name for p in brief.parent.iterdir() if ".part" in p.name] == []


def test_every_problem_of_a_house_profile_is_told_in_one_run(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside test find: an unknown profile field hid the profile's bad marking and date
    format until it was removed."""
    (brief.parent / "sitrep-profile.yaml").write_text(
        'organisation: Kestrel Analytics\nphone: "+31 20 555 0100"\nmarking: SECRET\n'
        "date_format: mm/dd/yyyy\n",
        encoding="utf-8",
    )
    assert main(["new", "new.yaml"]) == 1
    err = capsys.readouterr().err
    assert "sitrep-profile.yaml:2: phone: unknown profile field 'phone'" in err
    assert "sitrep-profile.yaml:3: marking:" in err
    assert "sitrep-profile.yaml:4: date_format: 'mm/dd/yyyy' is not allowed" in err
    assert not (brief.parent / "new.yaml").exists()
