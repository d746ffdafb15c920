"""Render many briefs, continuing past failures and reporting each at the end."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.writers import Writer, file_suffix
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.process import PdfProcess

__all__ = ["Outcome", "output_path", "render_file", "render_files"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one brief: the files written, or the error that stopped it."""

    source: Path
    outputs: tuple[Path, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def output_path(source: Path, out: Path | None, fmt: str, many: bool) -> Path:
    """Where a brief's output goes: next to it, into a folder, or to the exact file given."""
    suffix = file_suffix(fmt)
    if out is None:
        return source.with_suffix(suffix)
    # Briefs kept as <name>/brief.yaml would all collide as brief.pdf in one output folder.
    stem = source.parent.resolve().name if source.stem == "brief" else source.stem
    name = f"{stem}{suffix}"
    if many or out.is_dir() or not out.suffix:
        return out / name
    return out


def render_file(
    source: Path,
    targets: tuple[tuple[Path, str], ...],
    options: RenderOptions,
    writers: Mapping[str, Writer] | None = None,
) -> Outcome:
    """Load and resolve one brief once, write each (path, format) target atomically.

    `writers` replaces the registry's writer for some formats (the CLI's PDF helper process).
    Errors become the Outcome's message, so one bad brief never stops a batch.
    """
    from sitrep.api import check_warnings, load, write_output
    from sitrep.resolve import resolve

    written = []
    path = source
    try:
        brief = load(source)
        check_warnings(brief, options)
        resolved = resolve(brief)
        for path, fmt in targets:
            written.append(write_output(resolved, path, fmt, options, (writers or {}).get(fmt)))
    except SitrepError as error:
        return Outcome(source, tuple(written), error=str(error))
    except OSError as error:  # the output's folder is missing or read-only, the disk is full
        reason = error.strerror or str(error)
        return Outcome(source, tuple(written), error=f"{path}: cannot be written: {reason}")
    return Outcome(source, tuple(written))


def _warm_worker() -> None:
    """Load WeasyPrint and its font configuration once per worker, not once per brief."""
    from sitrep.writers.pdf.engine import font_config

    font_config()


def render_files(
    jobs: Iterable[tuple[Path, tuple[tuple[Path, str], ...]]],
    options: RenderOptions,
    *,
    workers: int = 0,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render every brief, in a process pool when there are several; one failure stops nothing.

    `workers` 0 means one per core. Outcomes come back in the order of `jobs`.
    """
    work = list(jobs)
    cores = os.cpu_count() or 1
    count = min(workers or cores, len(work))
    needs_pdf = any(fmt == "pdf" for _, targets in work for _, fmt in targets)
    if count <= 1:
        # One brief and a spare core: WeasyPrint loads in a helper while the brief is read.
        engine = PdfProcess() if needs_pdf and workers != 1 and cores > 1 else None
        writers = {"pdf": engine.write_pdf} if engine is not None else None
        try:
            outcomes = []
            for source, targets in work:
                outcome = render_file(source, targets, options, writers)
                outcomes.append(outcome)
                if progress is not None:
                    progress(outcome)
            return outcomes
        finally:
            if engine is not None:
                engine.close()
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[int, Outcome] = {}
    with ProcessPoolExecutor(
        max_workers=count, initializer=_warm_worker if needs_pdf else None
    ) as pool:
        futures = {
            pool.submit(render_file, source, targets, options): index
            for index, (source, targets) in enumerate(work)
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # a crashed worker must not hide the other briefs
                outcome = Outcome(work[index][0], error=f"{work[index][0]}: {error!r}")
            results[index] = outcome
            if progress is not None:
                progress(outcome)
    return [results[index] for index in range(len(work))]
