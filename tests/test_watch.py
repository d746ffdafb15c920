"""Watch mode re-renders after each save and reports errors without stopping, even when its
folder is renamed or removed."""

from __future__ import annotations

import _thread
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from sitrep.batch import Outcome
from sitrep.errors import RenderError
from sitrep.watch import snapshot, watch
from sitrep.writers.options import RenderOptions

FIXTURES = Path(__file__).parent / "fixtures" / "briefs"


def test_watch_renders_again_after_a_save_and_survives_a_broken_save(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    shutil.copy(FIXTURES / "simple.yaml", brief)
    target = tmp_path / "brief.md"
    reports: list[Outcome] = []

    def saves() -> None:
        good = brief.read_text(encoding="utf-8")
        for text in (good.replace("So far", "Still"), "title: [broken", good):
            while len(reports) < 1:
                time.sleep(0.02)
            count = len(reports)
            saved = brief.with_name(".brief.yaml.tmp")  # saved whole, as editors do: a
            saved.write_text(text, encoding="utf-8")  # half-written file would fail under load
            stamp = time.time_ns() + count * 10_000_000
            os.utime(saved, ns=(stamp, stamp))
            saved.replace(brief)
            while len(reports) == count:
                time.sleep(0.02)

    editor = threading.Thread(target=saves)
    editor.start()
    watch(
        brief,
        ((target, "md"),),
        RenderOptions(),
        interval=0.02,
        report=lambda outcome, seconds: reports.append(outcome),
        max_renders=4,
    )
    editor.join(timeout=10)
    assert [r.ok for r in reports] == [True, True, False, True], reports
    assert "not valid YAML" in (reports[2].error or "")
    assert "So far" in target.read_text(encoding="utf-8")


def test_watch_follows_its_folder_when_renamed_and_waits_when_it_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    brief = folder / "brief.yaml"
    shutil.copy(FIXTURES / "simple.yaml", brief)
    reports: list[Outcome] = []
    moved = tmp_path / "notes-renamed"

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 20
        while len(reports) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    def user() -> None:
        wait_for(1)
        folder.rename(moved)  # render 2: the folder is found at its new name
        wait_for(2)
        edited = moved / "brief.yaml"
        saved = moved / ".brief.yaml.tmp"  # saved whole, as editors do: never seen half-written
        saved.write_text(edited.read_text(encoding="utf-8").replace("So far", "Moved"))
        saved.replace(edited)
        wait_for(3)
        shutil.rmtree(moved)  # gone: watch waits, then the first name comes back
        time.sleep(0.2)
        staging = tmp_path / "staging"  # the folder comes back whole, brief and all
        staging.mkdir()
        shutil.copy(FIXTURES / "simple.yaml", staging / "brief.yaml")
        staging.rename(folder)

    def report(outcome: Outcome, seconds: float) -> None:
        reports.append(outcome)
        back = len(reports) > 3 and outcome.outputs == (folder / "brief.md",)
        if back or len(reports) > 20:  # rendered in the folder that came back: stop, as Ctrl-C
            raise KeyboardInterrupt

    thread = threading.Thread(target=user)
    thread.start()
    safety = threading.Timer(60, _thread.interrupt_main)
    safety.start()
    try:
        watch(brief, ((folder / "brief.md", "md"),), RenderOptions(), interval=0.02, report=report)
    finally:
        safety.cancel()
    thread.join(timeout=20)
    assert [r.ok for r in reports[:3]] == [True, True, True]
    assert reports[2].outputs == (moved / "brief.md",)
    # while the folder is deleted file by file, a render may fail: reported, and watching goes on
    assert reports[-1].ok and reports[-1].outputs == (folder / "brief.md",)
    err = capsys.readouterr().err
    assert f"the folder moved to {moved}" in err and "is gone; waiting" in err


def test_snapshot_stamps_missing_inputs_as_none_and_a_missing_folder_is_none(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    stamps = snapshot(tmp_path, {"a.yaml", "dangling"}) or {}
    assert stamps["dangling"] is None and stamps["a.yaml"] is not None
    assert snapshot(tmp_path / "gone", {"a.yaml"}) is None


def test_watch_renders_only_when_the_brief_or_a_file_it_uses_changes(tmp_path: Path) -> None:
    """Outside test find: `sitrep watch brief.yaml > watch.log` in the brief's folder rendered
    in a loop, because every line of its own log changed the folder."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: Port strike\ndate: 2025-03-04\nwhat:\n  - text: Dockers walked out. [@ap]\n"
        "sources: refs.json\n",
        encoding="utf-8",
    )
    refs = tmp_path / "refs.json"
    refs.write_text('[{"id": "ap", "type": "article", "title": "Strike"}]', encoding="utf-8")
    reports: list[Outcome] = []
    during_noise: list[int] = []

    def user() -> None:
        deadline = time.monotonic() + 20
        while not reports and time.monotonic() < deadline:
            time.sleep(0.02)
        for index in range(30):  # a log, a stray file, the output itself rewritten
            (tmp_path / "watch.log").write_text("rendered\n" * index, encoding="utf-8")
            (tmp_path / f"notes-{index}.txt").write_text("x", encoding="utf-8")
            (tmp_path / "brief.md").write_text("edited by hand", encoding="utf-8")
            time.sleep(0.02)
        during_noise.append(len(reports))
        refs.write_text('[{"id": "ap", "type": "article", "title": "Strike ends"}]')

    person = threading.Thread(target=user)
    person.start()
    watch(
        brief,
        ((tmp_path / "brief.md", "md"),),
        RenderOptions(),
        interval=0.02,
        report=lambda outcome, seconds: reports.append(outcome),
        max_renders=2,
        timeout=None,
    )
    person.join(timeout=10)
    assert during_noise == [1]
    assert [r.ok for r in reports] == [True, True]
    assert "Strike Ends" in (tmp_path / "brief.md").read_text(encoding="utf-8")


def test_watch_refuses_to_write_over_the_brief(tmp_path: Path) -> None:
    brief = tmp_path / "note.md"
    brief.write_text("---\ntitle: T\ndate: 2023-09-15\n---\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"is the brief .*note\.md itself"):
        watch(brief, ((brief, "md"),), RenderOptions(), max_renders=1)
