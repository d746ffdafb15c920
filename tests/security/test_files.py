"""Brief files are read safely: no code runs, no alias bomb explodes, nothing is half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep import BriefError, load
from sitrep.atomic import write_atomic

FIXTURES = Path(__file__).parents[1] / "fixtures" / "briefs"


def test_yaml_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    marker = tmp_path / "ran"
    brief.write_text(
        f"title: !!python/object/apply:os.system ['touch {marker}']\ndate: 2023-09-15\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError, match=r"brief\.yaml:1: not valid YAML"):
        load(brief)
    assert not marker.exists()


def test_hostile_text_is_accepted_as_text() -> None:
    brief = load(FIXTURES / "hostile.yaml")
    assert brief.title == "<script>alert('title')</script> {{ 7*7 }} & Co"
    assert "\u202e" in brief.who[1].name


def test_write_atomic_replaces_only_when_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"good")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sitrep.atomic.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"half a new brief")
    assert target.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]
    monkeypatch.undo()
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


KILL_SCRIPT = """
import sys, time
from pathlib import Path
import sitrep
import sitrep.api as api

brief = sitrep.load(sys.argv[1])
real = api.get_writer if hasattr(api, "get_writer") else None

from sitrep import writers

original = writers.get_writer

def slow_writer(name):
    inner = original(name)
    def write(resolved, options):
        data = inner(resolved, options)
        print("rendered", flush=True)
        time.sleep(30)  # killed here, after rendering and before the file is in place
        return data
    return write

writers.get_writer = slow_writer
sitrep.render(brief, sys.argv[2])
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_render_leaves_the_old_file_and_no_partial_file(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "brief.md"
    out.write_bytes(b"the good brief sent yesterday")
    script = tmp_path / "slow.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(FIXTURES / "simple.yaml"), str(out)],
        stdout=subprocess.PIPE,
        text=True,
        # a shell runs background jobs with SIGINT ignored, and children inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "rendered"
    os.kill(process.pid, sig)
    process.wait(timeout=10)
    assert out.read_bytes() == b"the good brief sent yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "slow.py"]


def test_cli_render_killed_mid_render_keeps_the_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_bytes(b"old")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitrep",
            "render",
            "-q",
            str(FIXTURES / "full.yaml"),
            "-o",
            str(out),
        ]
    )
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "brief.md"]
    assert leftovers == []
    assert out.read_bytes() in (b"old", (tmp_path / "brief.md").read_bytes())
    if process.returncode == 0:  # finished before the signal: the file is whole
        assert out.read_text(encoding="utf-8").startswith("**TLP:AMBER+STRICT**")
