"""Batch rendering uses worker processes, keeps going past bad, crashing or hanging briefs,
reports in input order, and leaves no worker or half-written file behind when stopped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.batch import Outcome, render_files
from sitrep.writers.options import RenderOptions

FIXTURES = Path(__file__).parent / "fixtures" / "briefs"
BAD = Path(__file__).parent / "files" / "fixtures" / "invalid" / "misspelt-key.yaml"


def test_pool_renders_every_good_brief_and_reports_the_bad_one(tmp_path: Path) -> None:
    sources = []
    for index in range(4):
        copy = tmp_path / f"brief-{index}.yaml"
        shutil.copy(FIXTURES / "simple.yaml", copy)
        sources.append(copy)
    sources.insert(2, BAD)
    seen: list[Outcome] = []
    jobs = [(s, ((tmp_path / "out" / f"{s.stem}.pdf", "pdf"),)) for s in sources]
    outcomes = render_files(jobs, RenderOptions(), workers=2, progress=seen.append)
    assert [o.source for o in outcomes] == sources
    assert [o.ok for o in outcomes] == [True, True, False, True, True]
    assert "did you mean 'assessment'?" in (outcomes[2].error or "")
    assert len(seen) == 5
    for outcome in outcomes:
        for path in outcome.outputs:
            assert path.read_bytes().startswith(b"%PDF-")


def test_one_worker_renders_in_process(tmp_path: Path) -> None:
    target = tmp_path / "simple.md"
    outcomes = render_files(
        [(FIXTURES / "simple.yaml", ((target, "md"),))], RenderOptions(), workers=1
    )
    assert outcomes[0].ok and target.exists()


# --- Isolation: a crash, a hang or an OS error costs one brief; signals stop every worker.

MISBEHAVE = """
import os, signal, sys, time
from pathlib import Path
import sitrep.batch as batch

real = batch.render_file

def render_file(source, targets, options, writers=None):
    if "crash" in source.name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "hang" in source.name:
        os.write(1, f"hanging {os.getpid()}\\n".encode())  # one write: lines never interleave
        while True:
            time.sleep(0.1)
    if "writer" in source.name:  # keeps writing its output until stopped
        from sitrep.atomic import write_atomic
        os.write(1, f"writing {os.getpid()}\\n".encode())
        while True:
            for path, _ in targets:
                write_atomic(path, b"x" * 1_000_000)
    return real(source, targets, options, writers)

batch.render_file = render_file
from sitrep.cli import main
sys.exit(main(sys.argv[1:]))
"""


def briefs(folder: Path, names: list[str]) -> list[Path]:
    paths = []
    for name in names:
        shutil.copy(FIXTURES / "simple.yaml", folder / name)
        paths.append(folder / name)
    return paths


def run_misbehaving(tmp_path: Path, *args: str | Path) -> subprocess.Popen[str]:
    script = tmp_path / "misbehave.py"
    script.write_text(MISBEHAVE, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crash_and_a_hang_fail_only_their_briefs(tmp_path: Path, jobs: str) -> None:
    sources = briefs(tmp_path, ["a.yaml", "crash.yaml", "hang.yaml", "b.yaml", "c.yaml"])
    out = tmp_path / "out"
    process = run_misbehaving(
        tmp_path, "render", *sources, "-o", out, "-f", "md", "-j", jobs, "--timeout", "5"
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md", "c.md"]
    assert "crash.yaml: the renderer crashed (SIGSEGV)" in stderr
    assert "hang.yaml: took longer than 5 s and was stopped" in stderr
    assert f"3 rendered, 2 failed: {sources[1]}, {sources[2]}" in stderr


def test_an_output_that_cannot_be_written_fails_only_its_brief(tmp_path: Path) -> None:
    sources = briefs(tmp_path, ["a.yaml", "b.yaml", "c.yaml"])
    (tmp_path / "b.md").mkdir()  # b's output is a folder: the rename over it fails
    outcomes = render_files(
        [(s, ((s.with_suffix(".md"), "md"),)) for s in sources], RenderOptions(), workers=1
    )
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "b.md: cannot be written (Is a directory)" in (outcomes[1].error or "")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_parent_stops_every_worker(tmp_path: Path, sig: signal.Signals) -> None:
    sources = briefs(tmp_path, ["writer1.yaml", "writer2.yaml", "hang.yaml"])
    out = tmp_path / "out"
    process = run_misbehaving(tmp_path, "render", *sources, "-o", out, "-f", "md", "-j", "3")
    assert process.stdout is not None
    workers = {int(process.stdout.readline().split()[1]) for _ in range(3)}
    time.sleep(0.3)
    process.send_signal(sig)
    process.wait(timeout=30)
    expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -9}[sig]
    assert process.returncode == expected
    deadline = time.monotonic() + 5  # after SIGKILL, the workers learn of it from the kernel
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
    sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    time.sleep(0.5)
    assert {p.name: p.stat().st_size for p in out.iterdir()} == sizes  # nobody writes on
    assert not [name for name in sizes if name.endswith(".part")]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_stale_part_files_of_ended_processes_are_removed_on_start(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".a.md.sitrep-{dead_pid}-0123abcd.part"
    live = tmp_path / f".a.md.sitrep-{os.getppid()}-0123abcd.part"  # a running process's
    old = tmp_path / f".b.md.sitrep-{os.getppid()}-4567abcd.part"
    theirs = [tmp_path / ".a.md.part", tmp_path / f".a.md.sitrep-{dead_pid}-x.part"]
    for path in (stale, live, old, *theirs):
        path.write_bytes(b"half")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    [source] = briefs(tmp_path, ["a.yaml"])
    assert render_files([(source, ((tmp_path / "a.md", "md"),))], RenderOptions())[0].ok
    assert not stale.exists() and not old.exists()
    assert live.exists() and all(path.exists() for path in theirs)


def test_eight_deep_briefs_in_a_batch_of_28_fail_alone(tmp_path: Path) -> None:
    """The issue's repro: the deep briefs segfaulted, stopped every good one and hung."""
    depth = 50_000
    sources = briefs(tmp_path, [f"good-{i:02}.yaml" for i in range(20)])
    for i in range(8):
        deep = tmp_path / f"deep-{i}.yaml"
        deep.write_text(f"title: D\ndate: 2023-09-15\nwhat: {'[' * depth}{']' * depth}\n")
        sources.insert(3 * i, deep)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sitrep", "render", "-q", *map(str, sources)]
    result = subprocess.run(
        [*command, "-o", str(out), "-f", "md", "-j", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert len(list(out.iterdir())) == 20
    assert result.stderr.count("nested more than 100 levels deep") == 8
    assert "20 rendered, 8 failed: " in result.stderr
