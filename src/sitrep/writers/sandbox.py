"""Which folders a render may read from, and the check every local path goes through.

Shared by the PDF writer's up-front checks and its WeasyPrint URL fetcher; it imports nothing
heavy, so a brief's figures and attachments are checked before WeasyPrint is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from sitrep.errors import RenderError, ResourceRefused
from sitrep.resources import templates_dir
from sitrep.writers.options import RenderOptions

__all__ = [
    "allowed_roots",
    "brief_file",
    "brief_folder",
    "check_local_path",
    "inside",
    "url_to_path",
]


def allowed_roots(
    folder: Path, options: RenderOptions, user_templates: Path | None
) -> tuple[Path, ...]:
    """The real paths of every folder resources may be read from, without duplicates."""
    roots: list[Path] = []
    for candidate in (folder, templates_dir(), user_templates, *options.allowed_folders):
        if candidate is None:
            continue
        real = Path(os.path.realpath(candidate))
        if real not in roots:
            roots.append(real)
    return tuple(roots)


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether a real path lies in, or is, one of the roots."""
    return any(path == root or path.is_relative_to(root) for root in roots)


def url_to_path(url: str) -> Path:
    """The local path of a `file:` URL (query and fragment dropped)."""
    parts = urlsplit(url)
    return Path(url2pathname(unquote(parts.path)))


def check_local_path(path: Path, roots: tuple[Path, ...]) -> Path:
    """The real path of `path` if it lies under one of `roots`; else ResourceRefused."""
    real = Path(os.path.realpath(path))
    if not inside(real, roots):
        raise ResourceRefused(
            f"{path} resolves to {real}, outside the allowed folders "
            f"({', '.join(str(root) for root in roots)})"
        )
    return real


def brief_folder(folder: Path | None) -> Path:
    """The real path of the brief's folder; the current folder for a brief built in code."""
    return Path(os.path.realpath(folder if folder is not None else Path.cwd()))


def brief_file(reference: str, field: str, folder: Path, roots: tuple[Path, ...]) -> Path:
    """The real path of a file the brief names (a figure, an attachment).

    It must be a local file under the allowed folders, reached without `..`, absolute paths or
    symlinks that lead elsewhere; anything else is refused naming the field, such as
    `figures[0].image`.
    """
    scheme = reference.partition(":")[0].lower()
    if scheme == "file":
        path = url_to_path(reference)
    elif "://" in reference or (":" in reference and len(scheme) > 1 and "/" not in scheme):
        raise ResourceRefused(
            f"{field}: {reference} is a {scheme}: URL, not a file in the brief's folder"
        )
    else:
        path = folder / reference
    try:
        real = check_local_path(path, roots)
    except ResourceRefused as refused:
        raise ResourceRefused(
            f"{field}: {reference} is outside the brief's folder ({folder}): {refused}; "
            "move the file into the brief's folder"
        ) from None
    if not real.is_file():
        raise RenderError(f"{field}: file {reference} not found (looked for {path})")
    return real
