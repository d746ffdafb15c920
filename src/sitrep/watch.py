"""Watch mode: re-render a brief in a warm process every time it or its files change.

Nothing that happens to the folder stops the watch: a file that vanishes between listing and
reading is skipped, a folder that is renamed or moved is followed (through the handle kept open
on it, where the system can tell), and a folder that is gone is waited for.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sitrep.batch import DEFAULT_TIMEOUT, Outcome, Targets, check_outputs, render_file
from sitrep.errors import SitrepError
from sitrep.pool import deadline
from sitrep.writers.options import RenderOptions

__all__ = ["snapshot", "watch"]


def snapshot(folder: Path, ignore: set[Path]) -> dict[Path, int] | None:
    """Modification times of the files in the brief's folder, leaving out our own outputs.

    None when the folder cannot be listed (renamed, deleted, unmounted).
    """
    stamps: dict[Path, int] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_file() and path.resolve() not in ignore:
                stamps[path] = entry.stat().st_mtime_ns
        except OSError:  # removed or replaced while we looked (editors save by renaming)
            continue
    return stamps


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
    last: dict[Path, int] | None = None
    waiting = False
    try:
        while max_renders is None or renders < max_renders:
            moved = folder.moved_to()
            if moved is not None:
                targets = _moved(targets, folder.path, moved)
                source, folder.path, last = moved / source.name, moved, None
                print(f"sitrep: the folder moved to {moved}; watching there", file=sys.stderr)
            current = snapshot(folder.path, {path.resolve() for path, _ in targets})
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
