"""The one place a reference becomes a real path, and the only opener for what a brief names.

A reference comes from a brief (`image: maps/area.png`, a CSL file name, an attachment), or as a
`file:` URL from WeasyPrint (an `<img>` in the HTML, an `<image>` inside an SVG, a CSS `url()`
in a template). Each is turned into a path exactly once:

- a brief's reference is a file name, taken literally: `My%20Brief/a%41.png` names those very
  characters, nothing is percent-decoded;
- a `file:` URL is percent-decoded once, as every URL opener does (`url2pathname`).

The real path (symlinks resolved) must lie under one of the allowed folders. The file is then
opened by walking from the allowed folder's descriptor one component at a time with
`O_NOFOLLOW`, so a link swapped in after the check is refused rather than followed, and only a
regular file of at most `MAX_BYTES` is read: a FIFO, a device such as `/dev/zero` or a folder is
refused without blocking. Callers get the bytes, never a name to open a second time.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from sitrep.errors import ResourceRefused

__all__ = [
    "MAX_BYTES",
    "Outside",
    "read_inside",
    "read_reference",
    "real_path_inside",
    "reference_path",
    "url_path",
]

MAX_BYTES = 200 * 1024 * 1024
"""The largest file a brief may pull in (a figure, an attachment, a source list)."""

_REMOTE_SCHEMES = ("http", "https", "ftp", "data", "javascript")


class Outside(ResourceRefused):
    """The reference resolves to a path outside every allowed folder."""


def url_path(url: str) -> Path:
    """The local path of a `file:` URL, percent-decoded exactly once (query, fragment dropped)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"{url} names another host ({parts.netloc})")
    return Path(url2pathname(parts.path))


def reference_path(reference: str, folder: Path) -> Path:
    """The path a brief's reference names: relative to `folder`, or a `file:` URL.

    Any other URL scheme is refused: a brief's file is a file in its folder.
    """
    if "\x00" in reference:
        raise ResourceRefused(f"{reference!r} contains a NUL character")
    scheme, colon, _ = reference.partition(":")
    if colon and scheme.lower() == "file":
        return url_path(reference)
    if colon and (
        scheme.lower() in _REMOTE_SCHEMES
        or "://" in reference
        or (len(scheme) > 1 and "/" not in scheme and scheme.isascii() and scheme.isalnum())
    ):
        raise ResourceRefused(f"{reference} is a {scheme}: URL, not a file in the brief's folder")
    return folder / reference


def _contains(root: Path, path: Path) -> bool:
    return path == root or path.is_relative_to(root)


def real_path_inside(path: Path, roots: Iterable[Path]) -> tuple[Path, Path]:
    """The real path of `path` and the allowed root it lies under; else ResourceRefused."""
    roots = tuple(roots)
    real = Path(os.path.realpath(path))
    for root in roots:
        if _contains(root, real):
            return real, root
    # where a link leads is not for a stranger's brief to learn from the error message
    reason = "is outside" if real == path else "leads outside"
    raise Outside(f"{path} {reason} the allowed folders ({', '.join(str(root) for root in roots)})")


def _open_beneath(root: Path, real: Path) -> int:
    """Open `real` (a real path under `root`) walking from `root` without following links."""
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW
    parts = real.relative_to(root).parts
    fd = os.open(root, flags | os.O_DIRECTORY)
    try:
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            extra = os.O_NONBLOCK if last else os.O_DIRECTORY
            next_fd = os.open(part, flags | extra, dir_fd=fd)
            os.close(fd)
            fd = next_fd
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_fd(fd: int, shown: Path, limit: int) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise ResourceRefused(f"{shown} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ResourceRefused(f"{shown} is not a regular file (a FIFO, socket or device)")
    if info.st_size > limit:
        raise ResourceRefused(f"{shown} is {info.st_size:,} bytes, more than the {limit:,} allowed")
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, 1 << 20):
        total += len(chunk)
        if total > limit:
            raise ResourceRefused(f"{shown} grew past the {limit:,} bytes allowed")
        chunks.append(chunk)
    return b"".join(chunks)


def read_inside(path: Path, roots: Iterable[Path], limit: int = MAX_BYTES) -> tuple[Path, bytes]:
    """The real path and bytes of `path`, a regular file under one of `roots`.

    Raises ResourceRefused (outside the roots, not a regular file, too big, a link swapped in)
    or FileNotFoundError.
    """
    real, root = real_path_inside(path, roots)
    try:
        fd = _open_beneath(root, real)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):  # a link swapped in after the check
            raise ResourceRefused(f"{path} changed into a link while it was opened") from None
        raise ResourceRefused(f"{path} cannot be read: {error.strerror}") from None
    try:
        return real, _read_fd(fd, path, limit)
    finally:
        os.close(fd)


def read_reference(
    reference: str, folder: Path, roots: Iterable[Path] | None = None, limit: int = MAX_BYTES
) -> tuple[Path, bytes]:
    """The real path and bytes of the file a brief's `reference` names (see `reference_path`).

    `roots` defaults to the brief's folder alone.
    """
    allowed = tuple(roots) if roots is not None else (Path(os.path.realpath(folder)),)
    return read_inside(reference_path(reference, folder), allowed, limit)
