"""Which folders a render may read from, and how a writer gets a file the brief names.

Every read goes through `sitrep.files.paths`, which turns a reference into a real path once and
opens that path itself. This module adds what writers need on top: the allowed folders of a
render, errors that name the brief's field, and the URL a figure gets in HTML. It imports
nothing heavy, so a brief's figures and attachments are checked before WeasyPrint is loaded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sitrep.errors import RenderError, ResourceRefused
from sitrep.files.paths import read_inside, real_path_inside, reference_path
from sitrep.resources import templates_dir
from sitrep.writers.options import RenderOptions

if TYPE_CHECKING:
    from sitrep.model.brief import Figure

__all__ = [
    "allowed_roots",
    "brief_file",
    "brief_folder",
    "brief_roots",
    "check_figures",
    "figure_url",
    "is_remote",
    "read_brief_file",
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


def brief_roots(folder: Path, options: RenderOptions) -> tuple[Path, ...]:
    """The folders a brief's own references (figures, attachments) may point into: its folder
    and those the caller allowed; never the template folders."""
    return tuple(
        dict.fromkeys(Path(os.path.realpath(f)) for f in (folder, *options.allowed_folders))
    )


def brief_folder(folder: Path | None) -> Path:
    """The real path of the brief's folder; the current folder for a brief built in code."""
    return Path(os.path.realpath(folder if folder is not None else Path.cwd()))


def is_remote(reference: str) -> bool:
    """Whether a brief's reference is an http(s) URL."""
    return reference.partition(":")[0].lower() in ("http", "https") and "://" in reference


def _outside(field: str, reference: str, folder: Path, refused: ResourceRefused) -> ResourceRefused:
    return ResourceRefused(
        f"{field}: {reference} is outside the brief's folder ({folder}): {refused}; "
        "move the file into the brief's folder"
    )


def brief_file(reference: str, field: str, folder: Path, roots: tuple[Path, ...]) -> Path:
    """The real path of a regular file the brief names (a figure, an attachment), unread.

    It must be a local file under the allowed folders, reached without `..`, absolute paths or
    symlinks that lead elsewhere; anything else is refused naming the field, such as
    `figures[0].image`. Writers that need the bytes call `read_brief_file`.
    """
    try:
        path = reference_path(reference, folder)
    except ResourceRefused as refused:
        raise ResourceRefused(f"{field}: {refused}") from None
    try:
        real, _ = real_path_inside(path, roots)
    except ResourceRefused as refused:
        raise _outside(field, reference, folder, refused) from None
    try:
        mode = real.stat().st_mode
    except OSError:
        raise RenderError(f"{field}: file {reference} not found (looked for {path})") from None
    if not stat.S_ISREG(mode):
        raise ResourceRefused(f"{field}: {reference} is not a regular file")
    return real


def read_brief_file(
    reference: str, field: str, folder: Path, roots: tuple[Path, ...]
) -> tuple[Path, bytes]:
    """The real path and bytes of a file the brief names, read once through the sandbox."""
    brief_file(reference, field, folder, roots)  # the errors that name the field
    try:
        return read_inside(reference_path(reference, folder), roots)
    except FileNotFoundError:
        raise RenderError(f"{field}: file {reference} not found") from None
    except ResourceRefused as refused:
        raise ResourceRefused(f"{field}: {refused}") from None


def figure_url(reference: str) -> str:
    """The URL that names, in HTML, exactly the file a brief's reference names.

    A brief's reference is a file name, so `%` is a percent sign: it is encoded, and a browser or
    WeasyPrint decoding the URL once gets the same name back. URLs stay as they are.
    """
    if is_remote(reference) or reference.lower().startswith("file:"):
        return reference
    return quote(reference, safe="/")


def check_figures(
    figures: list[Figure], folder: Path, roots: tuple[Path, ...], options: RenderOptions
) -> None:
    """Refuse, naming the field, a figure outside the allowed folders, missing, or remote while
    remote resources are off; what a writer outputs may then point at each figure."""
    for index, figure in enumerate(figures):
        field = f"figures[{index}].image"
        if is_remote(figure.image):
            if not options.allow_remote:
                raise ResourceRefused(
                    f"{field}: {figure.image} is a remote URL and remote resources are off "
                    "(pass --allow-remote, or save the file in the brief's folder)"
                )
            continue
        brief_file(figure.image, field, folder, roots)
