"""Read a brief from YAML, JSON or Markdown into a validated `Brief`."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import Any

from sitrep.errors import BriefError, Problem, ResourceRefused
from sitrep.files.paths import Outside, read_reference
from sitrep.files.yaml_tree import LineMap, load_yaml
from sitrep.model.brief import Brief

__all__ = ["BRIEF_SUFFIXES", "load", "load_with_lines", "parse_brief", "read_text"]

BRIEF_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")


MAX_BRIEF_BYTES = 64 * 1024 * 1024
"""The largest brief file read (a brief of 10,000 events is under 1 MB)."""


def read_text(path: Path, expected: str = "a brief with at least title and date") -> str:
    """Read a UTF-8 file, with an error that names the file when it is missing or not UTF-8;
    `expected` says what an empty file should have held.

    Only a regular file is read: a FIFO would block for ever and `/dev/zero` never ends.
    """
    try:
        raw = _read_regular(path)
    except FileNotFoundError:
        raise BriefError.single("file not found", path) from None
    except IsADirectoryError:
        raise BriefError.single("is a folder (expected a brief file)", path) from None
    except OSError as error:
        raise BriefError.single(f"cannot be read: {error.strerror}", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise BriefError.single(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02X} at offset {error.start}; "
            "expected UTF-8: save the file as UTF-8)",
            path,
            "",
            line,
        ) from None
    if not text.strip():
        raise BriefError.single(f"is empty (expected {expected})", path)
    return text


def _read_regular(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)  # non-blocking: opening a FIFO must not wait for a writer
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise BriefError.single(
                "is not a regular file (a pipe, device or socket; expected a brief file)", path
            )
        if info.st_size > MAX_BRIEF_BYTES:
            raise BriefError.single(
                f"is {info.st_size / 2**20:,.0f} MB (expected a brief file of at most "
                f"{MAX_BRIEF_BYTES // 2**20} MB)",
                path,
            )
        return file.read(MAX_BRIEF_BYTES + 1)


def parse_brief(
    text: str, file: str, suffix: str, warnings: list[Problem] | None = None
) -> tuple[Any, LineMap]:
    """Parse a brief's text into plain data and a map from field path to line number; what is
    legal but probably a mistake is added to `warnings`."""
    if suffix == ".json":
        from sitrep.files.json_tree import load_json

        return load_json(text, file)
    if suffix in (".md", ".markdown"):
        from sitrep.files.markdown_brief import parse_markdown_brief

        return parse_markdown_brief(text, file, warnings)
    return load_yaml(text, file, warnings=warnings)


def _expand_source_files(
    data: dict[str, Any], folder: Path, file: str, lines: LineMap, unread: list[Problem]
) -> tuple[Path, ...]:
    """Replace file names in `sources` with the sources that CSL-JSON or .bib file lists;
    return the files read. A list that cannot be read is added to `unread` and left out, so
    that the brief's other problems are found in the same run."""
    sources = data.get("sources")
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not any(isinstance(s, str) for s in sources):
        return ()
    from sitrep.files.bibtex import load_bibtex
    from sitrep.files.csl import load_csl

    expanded: list[Any] = []
    read: list[Path] = []
    for index, item in enumerate(sources):
        if not isinstance(item, str):
            expanded.append(item)
            continue
        where = f"sources[{index}]" if isinstance(data["sources"], list) else "sources"
        line = lines.get(("sources", index), lines.get(("sources",)))
        try:
            target, raw = read_reference(item, folder)
        except FileNotFoundError:
            unread.append(
                Problem(
                    f"source file {item!r} not found (expected a CSL-JSON or .bib file next to "
                    "the brief)",
                    file,
                    where,
                    line,
                )
            )
            continue
        except ResourceRefused as refused:
            outside = isinstance(refused, Outside)
            where_to = "is outside the brief's folder" if outside else "is refused"
            unread.append(
                Problem(
                    f"source file {item!r} {where_to} ({refused}); expected a CSL-JSON or .bib "
                    "file next to the brief",
                    file,
                    where,
                    line,
                )
            )
            continue
        is_bib = target.suffix.lower() == ".bib"
        try:
            expanded.extend((load_bibtex if is_bib else load_csl)(target, data=raw))
        except BriefError as error:  # the list's own mistakes, named by its file and line
            # named as the user would reach it from where they named the brief: "refs.bib",
            # "desk/refs.bib", never the absolute path sitrep resolved
            shown = str(Path(file).parent / item)
            unread.extend(
                replace(problem, file=shown) if problem.file == str(target) else problem
                for problem in error.problems
            )
            continue
        read.append(target)
    data["sources"] = expanded
    return tuple(read)


def declared_source_files(path: Path) -> tuple[Path, ...]:
    """The source-list files a brief file names in `sources`, found without validating it.

    For checking a run's outputs before anything is written; a brief that cannot be read
    names nothing here (its own render reports why).
    """
    try:
        data, _ = parse_brief(read_text(path), str(path), path.suffix.lower())
    except Exception:  # any unreadable brief fails later, with its own error
        return ()
    sources = data.get("sources") if isinstance(data, dict) else None
    names = [sources] if isinstance(sources, str) else sources
    if not isinstance(names, list):
        return ()
    folder = path.resolve().parent
    return tuple(folder / name for name in names if isinstance(name, str))


def validate(data: Any, file: str | None, lines: LineMap, folder: Path | None = None) -> Brief:
    """Validate parsed data as a Brief, raising BriefError with every problem found."""
    return _validate(data, file, lines, folder)[0]


def _validate(
    data: Any, file: str | None, lines: LineMap, folder: Path | None = None
) -> tuple[Brief, tuple[Path, ...]]:
    """`validate`, with the source-list files that were read."""
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        raise BriefError.single(
            f"holds {kind}, not a mapping (expected 'field: value' pairs such as 'title: ...')",
            file,
        )
    read: tuple[Path, ...] = ()
    unread: list[Problem] = []
    if folder is not None and file is not None:
        read = _expand_source_files(data, folder, file, lines, unread)

    classification = data.get("classification")
    if folder is not None and isinstance(classification, dict) and "scheme" in classification:
        # Only a brief that names a scheme pays for finding the house profile.
        from sitrep.files.house_profile import schemes_for
        from sitrep.model.dissemination import classification_schemes

        with classification_schemes(schemes_for(folder)):
            return _validated(data, file, lines, unread), read
    return _validated(data, file, lines, unread), read


def _validated(
    data: dict[str, Any], file: str | None, lines: LineMap, unread: list[Problem]
) -> Brief:
    """Validate; with source lists that could not be read, raise their problems together with
    the brief's own."""
    from sitrep.files.validation import validate_brief

    if not unread:
        return validate_brief(data, file, lines)
    try:
        validate_brief(data, file, lines)
    except BriefError as error:
        # citations of the sources in an unread list would all be unknown: checked once it reads
        others = [p for p in error.problems if "cites unknown source" not in p.message]
        raise BriefError(unread + others, error.warnings) from None
    raise BriefError(unread)


def load(path: str | Path) -> Brief:
    """Load and validate a brief file (.yaml, .yml, .json or .md)."""
    return load_with_lines(path)[0]


def load_with_lines(path: str | Path) -> tuple[Brief, LineMap]:
    """`load`, with the line of each field in the file."""
    if not isinstance(path, (str, PathLike)):
        raise BriefError.single(
            f"cannot load {type(path).__name__} (expected the path of a brief file, "
            "such as 'brief.yaml')"
        )
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in BRIEF_SUFFIXES:
        raise BriefError(
            [
                Problem(
                    f"unknown brief file type {suffix or '(none)'!r} "
                    f"(expected one of {', '.join(BRIEF_SUFFIXES)})",
                    str(path),
                )
            ]
        )
    text = read_text(path)
    warnings: list[Problem] = []
    data, lines = parse_brief(text, str(path), suffix, warnings)
    try:
        brief, source_files = _validate(data, str(path), lines, path.resolve().parent)
    except BriefError as error:
        error.warnings[:0] = warnings
        raise
    brief.set_origin(path.resolve(), lines)
    brief.set_source_files(source_files)
    brief.add_file_warnings(warnings)
    return brief, lines
