"""An output never replaces an input: the brief, a file it uses, another brief's source list or
a template the run reads.

Files are compared by identity (device and inode) where they exist, so a hard link or a second
name for the same file is caught too. `sitrep.render`, `sitrep render` (one brief or a batch)
and `sitrep watch` all check here before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sitrep.errors import RenderError
from sitrep.model.brief import Brief

__all__ = ["Targets", "check_brief_inputs", "check_outputs", "check_template_outputs"]

Targets = tuple[tuple[Path, str], ...]
"""The (output file, format) pairs one brief renders to."""


def check_outputs(jobs: Iterable[tuple[Path, Targets]]) -> None:
    """Refuse a run in which an output is one of its briefs, or two briefs share an output.

    Paths are compared after following links, and existing files by identity, so a hard link
    or a second name for the brief is caught too.
    """
    work = list(jobs)
    inputs = {_identity(source): source for source, _ in work}
    written: dict[object, Path] = {}
    for _, targets in work:
        for path, _ in targets:
            same = inputs.get(_identity(path))
            if same is not None:
                raise RenderError(
                    f"{path}: this output is the brief {same} itself, which the run reads "
                    "(expected an output that is not an input; name another with -o)"
                )
    if len(work) > 1:  # one brief's output must not be another's source list (one: render_file)
        _check_source_lists(work)
    for source, targets in work:
        for path, _ in targets:
            earlier = written.setdefault(_identity(path), source)
            if earlier != source:
                raise RenderError(
                    f"{path}: both {earlier} and {source} would be written to this file "
                    "(expected one output file per brief; give an output folder, or rename one)"
                )


def _check_source_lists(work: list[tuple[Path, Targets]]) -> None:
    """Refuse a run in which one brief writes a CSL-JSON or .bib file another brief reads."""
    from sitrep.files.load import declared_source_files

    outputs = {_identity(path): (source, path) for source, targets in work for path, _ in targets}
    for source, _ in work:
        for used in declared_source_files(source):
            writer = outputs.get(_identity(used))
            if writer is not None:
                raise RenderError(
                    f"{writer[1]}: this output of {writer[0]} is the source list {used.name} "
                    f"which the brief {source} reads (expected an output that is not an input; "
                    "name another with -o)"
                )


def check_template_outputs(template: str | Path | None, outputs: Iterable[Path]) -> None:
    """Refuse an output that is the --template .docx file, or inside the --template folder:
    the run reads its templates, and a user's templates are not for sitrep to replace."""
    if template is None:  # a layout name (no such file or folder) passes both checks below
        return
    where = Path(template)
    if where.is_dir():
        folder = Path(os.path.realpath(where))
        for path in outputs:
            if Path(os.path.realpath(path)).is_relative_to(folder):
                raise RenderError(
                    f"{path}: this output is inside the template folder {template}, which the "
                    "run reads (expected an output outside it; name another with -o)"
                )
    elif where.exists():
        for path in outputs:
            if _identity(path) == _identity(where):
                raise RenderError(
                    f"{path}: this output is the template {template}, which the run reads "
                    "(expected an output that is not an input; name another with -o)"
                )


def _identity(path: Path) -> object:
    """The same value for two names of one file: device and inode when it exists."""
    try:
        info = path.stat()
    except OSError:
        return path.resolve()
    return (info.st_dev, info.st_ino)


def check_brief_inputs(brief: Brief, targets: Targets) -> None:
    """Refuse to write over a file the brief itself uses (a figure, an attachment, a source
    list)."""
    if brief.origin is None:
        return
    folder = brief.origin.parent
    used = {_identity(brief.origin): str(brief.origin)}
    for source_file in brief.source_files:
        used.setdefault(_identity(source_file), f"the source list {source_file.name}")
    for name in [f.image for f in brief.figures] + [a.path for a in brief.attachments]:
        used.setdefault(_identity(folder / name), name)
    for path, _ in targets:
        if _identity(path) in used:
            raise RenderError(
                f"{path}: this output is {used[_identity(path)]}, which the brief uses "
                "(expected an output that is not an input; name another with -o)"
            )
