"""The PDF helper process gives the same PDF as the in-process writer, errors and warnings too."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.errors import RenderError
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.process import PdfProcess
from sitrep.writers.pdf.writer import write_pdf

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml"


def test_helper_process_pdf_is_byte_identical_to_in_process() -> None:
    resolved = resolve(sitrep.load(EXAMPLE))
    with PdfProcess() as engine:
        first = engine.write_pdf(resolved, RenderOptions())
        second = engine.write_pdf(resolved, RenderOptions())  # the helper serves many jobs
    assert first == second == write_pdf(resolved, RenderOptions())


def test_errors_in_the_helper_reach_the_caller() -> None:
    resolved = resolve(sitrep.load(EXAMPLE))
    with PdfProcess() as engine, pytest.raises(RenderError, match="unknown PDF variant"):
        engine.write_pdf(resolved, RenderOptions(pdf_variant="pdf/z-9"))


def test_warnings_in_the_helper_reach_the_caller(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    (house / "house.css").write_text(
        "body { background: url(http://127.0.0.1:9/x.png) }", encoding="utf-8"
    )
    warnings: list[str] = []
    resolved = resolve(sitrep.load(EXAMPLE))
    with PdfProcess() as engine:
        engine.write_pdf(resolved, RenderOptions(template=house, warn=warnings.append))
    assert any("http://127.0.0.1:9/x.png" in w and "--allow-remote" in w for w in warnings)


def test_a_dead_helper_falls_back_to_rendering_here() -> None:
    resolved = resolve(sitrep.load(EXAMPLE))
    engine = PdfProcess()
    engine._process.kill()  # the helper dies before it is used
    engine._process.join()
    try:
        assert engine.write_pdf(resolved, RenderOptions()) == write_pdf(resolved, RenderOptions())
    finally:
        engine.close()
