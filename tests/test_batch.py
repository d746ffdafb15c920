"""Batch rendering uses a process pool, keeps going past bad briefs and reports in input order."""

from __future__ import annotations

import shutil
from pathlib import Path

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
