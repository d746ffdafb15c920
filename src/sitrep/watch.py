"""Watch mode: re-render a brief in a warm process every time it or its files change.

Only the brief and the files it uses (source lists, figures, attachments, a templates folder)
are watched: writing anything else in the folder, the outputs or a log included, changes nothing.

Nothing that happens to the folder stops the watch: a file that vanishes between listing and
reading is skipped, a folder that is renamed or moved is followed (through the handle kept open
on it, where the system can tell), and a folder that is gone is waited for.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from sitrep.batch import DEFAULT_TIMEOUT, Outcome, render_file
from sitrep.errors import SitrepError
from sitrep.files.output_safety import Targets, check_outputs
from sitrep.pool import deadline
from sitrep.writers.options import RenderOptions

__all__ = ["brief_inputs", "snapshot", "watch"]


Stamp = tuple[int, int] | None
"""A file's modification time and size; None while it is missing."""


def snapshot(folder: Path, inputs: Iterable[str]) -> dict[str, Stamp] | None:
    """The stamp of each input: names relative to the brief's folder, or absolute paths.

    Only the brief and the files it uses are looked at, so the watch's own outputs, a log
    redirected into the folder or any other file written there never cause a render.
    None when the folder cannot be reached (renamed, deleted, unmounted).
    """
    if not folder.is_dir():
        return None
    stamps: dict[str, Stamp] = {}
    for name in sorted(inputs):
        try:
            status = (folder / name).stat()
        except OSError:  # not there yet, or replaced while we looked (editors save by renaming)
            stamps[name] = None
            continue
        stamps[name] = (status.st_mtime_ns, status.st_size)
    return stamps


def brief_inputs(source: Path, options: RenderOptions, known: Iterable[str] = ()) -> set[str]:
    """The files a render of `source` reads: the brief, its source lists, figures, attachments
    and a templates folder given in `options`. A brief that does not load keeps `known`."""
    from sitrep.api import load
    from sitrep.files.load import declared_source_files

    try:
        brief = load(source)
    except SitrepError:  # a missing source list is watched for, so that creating it renders
        return {source.name, *known, *(str(path) for path in declared_source_files(source))}
    names = {source.name, *(str(path) for path in brief.source_files)}
    names.update(figure.image for figure in brief.figures)
    names.update(attachment.path for attachment in brief.attachments)
    template = options.template
    if template is not None and Path(template).is_file():
        names.add(str(Path(template).resolve()))
    elif template is not None and Path(template).is_dir():
        names.update(str(path.resolve()) for path in Path(template).rglob("*") if path.is_file())
    return names


class _Folder:
    """The brief's folder, found again through an open handle if it is renamed or moved."""

    def __init__(self, path: Path) -> None:
        self.path = self.first = path
        self.handle: int | None = None
        self.open(path)

    def open(self, path: Path) -> None:
        self.close()
        self.path = path
        with contextlib.suppress(OSError, AttributeError):
            self.handle = os.open(path, os.O_RDONLY | os.O_DIRECTORY)

    def moved_to(self) -> Path | None:
        """The folder's new place if it is no longer at `path` but still exists (Linux)."""
        if self.handle is None or self.path.is_dir():
            return None
        try:
            now = Path(f"/proc/self/fd/{self.handle}").readlink()
        except OSError:
            return None
        return now if now.is_absolute() and now.is_dir() else None

    def close(self) -> None:
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None


def _moved(targets: Targets, old: Path, new: Path) -> Targets:
    """Outputs that lived in the folder move with it; others stay where they were asked for."""
    moved = []
    for path, fmt in targets:
        absolute = path.resolve() if path.parent.exists() else path.absolute()
        inside = absolute.is_relative_to(old)
        moved.append((new / absolute.relative_to(old) if inside else path, fmt))
    return tuple(moved)


def watch(
    source: Path,
    targets: Targets,
    options: RenderOptions,
    *,
    interval: float = 0.3,
    report: Callable[[Outcome, float], None] | None = None,
    max_renders: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> None:
    """Render now and after every save until interrupted; errors are reported, never fatal.

    Raises RenderError at once if an output is the brief itself.
    """
    check_outputs([(source, targets)])
    report = report or _report
    folder = _Folder(source.resolve().parent)
    renders = 0
    last: dict[str, Stamp] | None = None
    inputs = brief_inputs(source, options)
    waiting = False
    try:
        while max_renders is None or renders < max_renders:
            moved = folder.moved_to()
            if moved is not None:
                targets = _moved(targets, folder.path, moved)
                source, folder.path, last = moved / source.name, moved, None
                print(f"sitrep: the folder moved to {moved}; watching there", file=sys.stderr)
            current = snapshot(folder.path, inputs)
            if current is None and folder.path != folder.first and folder.first.is_dir():
                # followed a move, then that folder went: the one first named is back
                targets = _moved(targets, folder.path, folder.first)
                source, last = folder.first / source.name, None
                folder.open(folder.first)
                continue
            if current is None:
                if not waiting:
                    print(
                        f"sitrep: {folder.path} is gone; waiting for it to come back "
                        "(Ctrl-C to stop)",
                        file=sys.stderr,
                    )
                waiting = True
            elif current != last:
                waiting, last = False, current
                started = time.perf_counter()
                try:
                    with deadline(timeout, str(source)):
                        outcome = render_file(source, targets, options)
                except SitrepError as error:  # the deadline struck outside render_file's guard
                    outcome = Outcome(source, error=str(error))
                report(outcome, time.perf_counter() - started)
                renders += 1
                found = brief_inputs(source, options, inputs)
                if found != inputs:  # a file newly referenced is stamped as it is now
                    inputs, last = found, snapshot(folder.path, found)
                continue
            time.sleep(interval)
    except KeyboardInterrupt:
        print("sitrep: stopped watching", file=sys.stderr)
    finally:
        folder.close()


def _report(outcome: Outcome, seconds: float) -> None:
    stamp = time.strftime("%H:%M:%S")
    if outcome.ok:
        written = ", ".join(str(p) for p in outcome.outputs)
        print(f"[{stamp}] rendered {written} in {seconds * 1000:.0f} ms", file=sys.stderr)
    else:
        print(f"[{stamp}] {outcome.error}", file=sys.stderr)
    print("watching for changes (Ctrl-C to stop)", file=sys.stderr)
