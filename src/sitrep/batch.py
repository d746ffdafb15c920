"""Render many briefs, continuing past failures and reporting each at the end.

Several briefs render in worker processes (`sitrep.pool`), one brief at a time per worker, so a
brief that crashes the renderer or hangs fails alone; one brief renders in this process, with
WeasyPrint warming up in a helper. Before anything is written, every output is checked against
every input of the run: a render never overwrites the brief it reads.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.atomic import remove_stale_parts
from sitrep.errors import RenderError, SitrepError
from sitrep.files.output_safety import (
    Targets,
    check_brief_inputs,
    check_outputs,
    check_template_outputs,
)
from sitrep.outputs import output_path  # where each brief's files go; importable from here too
from sitrep.pool import DEFAULT_TIMEOUT, deadline, run_isolated
from sitrep.writers import Writer
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.process import PdfProcess

if TYPE_CHECKING:
    from sitrep.resolve.document import ResolvedBrief

__all__ = [
    "DEFAULT_TIMEOUT",
    "Outcome",
    "output_path",
    "render_file",
    "render_files",
]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one brief: the files written, or the error that stopped it."""

    source: Path
    outputs: tuple[Path, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def render_file(
    source: Path,
    targets: Targets,
    options: RenderOptions,
    writers: Mapping[str, Writer] | None = None,
) -> Outcome:
    """Load and resolve one brief once, write each (path, format) target atomically.

    `writers` replaces the registry's writer for some formats (the CLI's PDF helper process).
    Errors become the Outcome's message, so one bad brief never stops a batch.
    """
    from sitrep.api import check_warnings, load, resolved_for, write_output
    from sitrep.files.render_checks import refuse_unrenderable
    from sitrep.resolve.release import for_audience

    written = []
    try:
        brief = load(source)
        refuse_unrenderable(brief, options.template, options.allowed_folders)
        check_brief_inputs(brief, targets)
        check_warnings(brief, options)
        brief = for_audience(brief, options.release, options.portion_marks)
        resolved = resolved_for(brief, options, tuple(path for path, _ in targets))
        if len(targets) == 1:
            [(path, fmt)] = targets
            try:
                written.append(write_output(resolved, path, fmt, options, (writers or {}).get(fmt)))
            except OSError as error:  # a full disk, a read-only folder
                raise RenderError(f"{path}: cannot be written ({error.strerror})") from None
        else:  # several -o: every output is rendered and on disk before any replaces a file
            written = write_outputs(resolved, targets, options, writers or {})
    except SitrepError as error:
        return Outcome(source, tuple(written), error=str(error))
    except Exception as error:  # a bug in sitrep must not stop the other briefs of a batch
        if os.environ.get("SITREP_DEBUG"):
            raise
        return Outcome(
            source,
            tuple(written),
            error=f"{source}: internal error: {type(error).__name__}: {error} (this is a bug "
            "in sitrep; run with SITREP_DEBUG=1 for details)",
        )
    return Outcome(source, tuple(written))


def write_outputs(
    resolved: ResolvedBrief, targets: Targets, options: RenderOptions, writers: Mapping[str, Writer]
) -> list[Path]:
    """Render each target, then write them all or none (RenderError naming the one that
    cannot be written)."""
    from sitrep.atomic import write_all_atomic
    from sitrep.writers import get_writer

    files = [
        (path, (writers.get(fmt) or get_writer(fmt))(resolved, options)) for path, fmt in targets
    ]
    try:
        write_all_atomic(files)
    except OSError as error:
        name = error.filename or ", ".join(str(path) for path, _ in targets)
        raise RenderError(
            f"{name}: cannot be written ({error.strerror}); none of the outputs was written"
        ) from None
    return [path for path, _ in files]


def _warm_worker() -> None:
    """Load WeasyPrint and its font configuration once per worker, not once per brief."""
    from sitrep.writers.pdf.engine import font_config

    font_config()


def _render_job(job: tuple[Path, Targets], options: RenderOptions) -> Outcome:
    return render_file(job[0], job[1], options)


def _failed(job: tuple[Path, Targets], reason: str) -> Outcome:
    return Outcome(job[0], error=f"{job[0]}: {reason}")


def _sweep(job: tuple[Path, Targets]) -> None:
    """Remove what a killed worker left half-written in the brief's output folders."""
    for folder in {path.parent for path, _ in job[1]}:
        remove_stale_parts(folder)


def render_files(
    jobs: Iterable[tuple[Path, Targets]],
    options: RenderOptions,
    *,
    workers: int = 0,
    timeout: float | None = DEFAULT_TIMEOUT,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render every brief; one failure, crash or hang stops nothing but that brief.

    `workers` 0 means one per core; `timeout` is the seconds one brief may take (None: no
    limit). Outcomes come back in the order of `jobs`. Raises RenderError, before anything is
    written, if an output is an input of the run.
    """
    work = list(jobs)
    check_outputs(work)
    check_template_outputs(options.template, (path for _, targets in work for path, _ in targets))
    cores = os.cpu_count() or 1
    needs_pdf = any(fmt == "pdf" for _, targets in work for _, fmt in targets)
    if len(work) == 1:
        # One brief and a spare core: WeasyPrint loads in a helper while the brief is read.
        source, targets = work[0]
        engine = PdfProcess() if needs_pdf and workers != 1 and cores > 1 else None
        writers = {"pdf": engine.write_pdf} if engine is not None else None
        try:
            with deadline(timeout, str(source)):
                outcome = render_file(source, targets, options, writers)
        finally:
            if engine is not None:
                engine.close()
        if progress is not None:
            progress(outcome)
        return [outcome]
    return run_isolated(
        functools.partial(_render_job, options=options),
        work,
        workers=min(workers or cores, len(work)),
        timeout=timeout,
        failed=_failed,
        done=lambda index, outcome: progress(outcome) if progress is not None else None,
        initializer=_warm_worker if needs_pdf else None,
        cleanup=_sweep,
    )
