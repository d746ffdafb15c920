"""Watch mode: re-render a brief in a warm process every time it or its files change."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from sitrep.batch import Outcome, render_file
from sitrep.writers.options import RenderOptions

__all__ = ["snapshot", "watch"]


def snapshot(folder: Path, ignore: set[Path]) -> dict[Path, int]:
    """Modification times of the files in the brief's folder, leaving out our own outputs."""
    stamps: dict[Path, int] = {}
    for path in folder.iterdir():
        if path.is_file() and path.resolve() not in ignore and not path.name.startswith("."):
            stamps[path] = path.stat().st_mtime_ns
    return stamps


def watch(
    source: Path,
    targets: tuple[tuple[Path, str], ...],
    options: RenderOptions,
    *,
    interval: float = 0.3,
    report: Callable[[Outcome, float], None] | None = None,
    max_renders: int | None = None,
) -> None:
    """Render now and after every save until interrupted; errors are reported, never fatal."""
    report = report or _report
    folder = source.resolve().parent
    outputs = {path.resolve() for path, _ in targets}
    renders = 0
    last: dict[Path, int] | None = None
    try:
        while max_renders is None or renders < max_renders:
            current = snapshot(folder, outputs)
            if current != last:
                last = current
                started = time.perf_counter()
                outcome = render_file(source, targets, options)
                report(outcome, time.perf_counter() - started)
                renders += 1
                continue
            time.sleep(interval)
    except KeyboardInterrupt:
        print("sitrep: stopped watching", file=sys.stderr)


def _report(outcome: Outcome, seconds: float) -> None:
    stamp = time.strftime("%H:%M:%S")
    if outcome.ok:
        written = ", ".join(str(p) for p in outcome.outputs)
        print(f"[{stamp}] rendered {written} in {seconds * 1000:.0f} ms", file=sys.stderr)
    else:
        print(f"[{stamp}] {outcome.error}", file=sys.stderr)
    print("watching for changes (Ctrl-C to stop)", file=sys.stderr)
