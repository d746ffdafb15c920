"""The docs are true: every `$ sitrep` command in a console block of README.md and docs/*.md runs
without an error, and every model has its field table in docs/brief-format.md."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.resources import templates_dir
from sitrep.schema import brief_schema

ROOT = Path(__file__).parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)```console\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)


def console_commands(path: Path) -> list[str]:
    """The `$ sitrep ...` lines of a file's console blocks, in order."""
    commands = []
    for block in _BLOCK.finditer(path.read_text(encoding="utf-8")):
        for line in block["body"].splitlines():
            line = line.strip()
            if line.startswith("$ sitrep"):
                commands.append(line[2:])
    return commands


def _workspace(folder: Path) -> None:
    """The files the documented commands name, as a user following the docs would have them."""
    for item in (ROOT / "examples" / "north-korea-russia-summit").iterdir():
        shutil.copy(item, folder / item.name)
    (folder / "briefs").mkdir()
    for name in ("north-korea-russia-summit", "russia-north-korea-alliance"):
        shutil.copytree(ROOT / "examples" / name, folder / "briefs" / name)
        shutil.copy(folder / "briefs" / name / "brief.yaml", folder / "briefs" / f"{name}.yaml")
        for item in (folder / "briefs" / name).iterdir():
            if item.suffix != ".yaml":
                shutil.copy(item, folder / "briefs" / item.name)
    shutil.copytree(ROOT / "docs" / "examples" / "house-style", folder / "house-style")
    shutil.copytree(ROOT / "examples" / "rode-zee-scheepvaart", folder / "rode-zee-scheepvaart")
    shutil.copytree(ROOT / "docs" / "examples" / "team", folder / "team")
    for item in (ROOT / "docs" / "examples" / "continuity").iterdir():
        shutil.copy(item, folder / item.name)
    shutil.copy(templates_dir() / "docx" / "intel-brief.docx", folder / "house.docx")


def _run(command: str, folder: Path, env: dict[str, str]) -> tuple[int, str]:
    if command.startswith("sitrep watch"):
        # watch runs until stopped: it must still be running, not have failed, after a while
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # a shell runs background jobs with SIGINT ignored, and children inherit that:
            # Ctrl-C's signal must reach watch however the suite itself was started
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        time.sleep(3)
        alive = process.poll() is None
        if alive:
            os.killpg(process.pid, signal.SIGINT)
        output = process.communicate(timeout=60)[0].decode()
        return (0 if alive else (process.returncode or 1)), output
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


DOCUMENTED = [(path, console_commands(path)) for path in DOCS]


@pytest.mark.slow
@pytest.mark.parametrize(
    "path,commands",
    [(path, commands) for path, commands in DOCUMENTED if commands],
    ids=[path.name for path, commands in DOCUMENTED if commands],
)
def test_every_console_example_runs(path: Path, commands: list[str], tmp_path: Path) -> None:
    _workspace(tmp_path)
    (tmp_path / "home").mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
    }
    for command in commands:
        status, output = _run(command, tmp_path, env)
        assert status == 0, f"{path.name}: `{command}` failed:\n{output}"
        assert "Traceback" not in output


def test_the_runner_finds_the_documented_commands() -> None:
    readme = console_commands(ROOT / "README.md")
    assert "sitrep render brief.yaml -o brief.pdf" in readme
    assert any(c.startswith("sitrep new --from") for c in readme)
    word = console_commands(ROOT / "docs" / "word-templates.md")
    assert word == ["sitrep render brief.yaml -o out.docx --template house.docx"]


def test_a_failing_command_fails_the_runner(tmp_path: Path) -> None:
    status, output = _run("sitrep render brief.yaml out.docx", tmp_path, dict(os.environ))
    assert status != 0, output


def test_every_model_has_its_field_table() -> None:
    text = (ROOT / "docs" / "brief-format.md").read_text(encoding="utf-8")
    schema = brief_schema()
    for name, definition in schema["$defs"].items():
        forms = [definition, *definition.get("anyOf", [])]
        fields = [field for form in forms for field in form.get("properties", {})]
        if not fields:
            continue  # an enum: its values are listed instead
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for field in fields:
            assert f"| `{field}` |" in section, f"{name}.{field} is missing from its table"
    for needed in ("| `lat` |", "| `lon` |", "| `family_first` |"):
        assert needed in text
