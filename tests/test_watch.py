"""Watch mode re-renders after each save and reports errors without stopping."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from sitrep.batch import Outcome
from sitrep.watch import watch
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
            brief.write_text(text, encoding="utf-8")
            stamp = time.time_ns() + count * 10_000_000
            os.utime(brief, ns=(stamp, stamp))
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
    assert [r.ok for r in reports] == [True, True, False, True]
    assert "not valid YAML" in (reports[2].error or "")
    assert "So far" in target.read_text(encoding="utf-8")
