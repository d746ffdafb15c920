"""Write output files atomically: a failed or killed render never leaves a partial file.

The data goes to a temporary file beside the target, named `.{target}.sitrep-{pid}-{random}.part`,
which is flushed to disk and renamed over the target. A render stopped by an exception or a
signal removes its temporary file; one killed outright (SIGKILL, a crash) cannot, so every write
first removes the temporary files that a sitrep process which no longer runs left in the same
folder. The name pattern keeps other programs' files safe from that sweep.

A new file gets the usual permissions under the umask (umask 077 gives 0600); a file that is
replaced keeps its permissions (a 0600 brief stays 0600).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from pathlib import Path

__all__ = ["STALE_AFTER", "remove_stale_parts", "write_all_atomic", "write_atomic"]

STALE_AFTER = 24 * 3600
"""Seconds after which a temporary file is stale even if a process of its number runs (reuse)."""
_PART = re.compile(r"\..*\.sitrep-(?P<pid>\d+)-[0-9a-f]{8}\.part", re.DOTALL)
_NAME_KEPT = 100  # of the target's name in the temporary name, which must stay under 255 bytes


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over."""
    write_all_atomic([(path, data)])


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write several files all or none: each goes to a temporary file beside it first, and
    only when every one is on disk are they renamed over their targets."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            try:
                staged.append((_stage(path, data), path))
            except OSError as error:  # named by the target, not by its temporary file
                raise OSError(error.errno, error.strerror, str(path)) from error
        for temp, path in staged:
            temp.replace(path)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)  # none left once renamed; all removed after a failure


def _stage(path: Path, data: bytes) -> Path:
    """A temporary file beside `path` holding `data`, flushed to disk, with `path`'s mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(path.parent)
    try:
        # the old file's permissions, but never setuid/setgid on what a render writes
        keep_mode: int | None = stat.S_IMODE(path.stat().st_mode) & ~(stat.S_ISUID | stat.S_ISGID)
    except OSError:  # no file yet (or a broken link): the umask decides
        keep_mode = None
    while True:
        temp = _part_name(path)
        try:
            # created inside the try: a signal that lands just after the file exists still
            # unwinds through the clean-up below instead of leaving the file behind
            handle = _create_part(temp)
            with os.fdopen(handle, "wb") as out:
                if keep_mode is not None:
                    os.fchmod(out.fileno(), keep_mode)
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            return temp
        except FileExistsError as error:
            if error.filename == os.fspath(temp):
                continue  # eight random hex digits taken: not ours to remove, draw again
            temp.unlink(missing_ok=True)
            raise
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _part_name(path: Path) -> Path:
    """A fresh temporary name beside `path`: eight random hex digits, and the writer's pid."""
    return path.with_name(
        f".{path.name[:_NAME_KEPT]}.sitrep-{os.getpid()}-{secrets.token_hex(4)}.part"
    )


def _create_part(temp: Path) -> int:
    """Create `temp` with mode 0666 less the umask, as `open()` would."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    return os.open(temp, flags, 0o666)


def remove_stale_parts(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files in `folder` that a sitrep process which has ended left behind.

    Only regular files named as `write_atomic` names them are touched, and only when their
    process is gone or they are older than `STALE_AFTER`. Returns what was removed.
    """
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PART.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        pid = int(match["pid"])
        if not stat.S_ISREG(info.st_mode) or pid == os.getpid():
            continue
        if _running(pid) and now - info.st_mtime < STALE_AFTER:
            continue
        try:
            Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:
        return False
    return True
