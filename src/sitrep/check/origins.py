"""Where each source of a loaded brief was written: in the brief itself, or as an entry of a
.bib or CSL-JSON file the brief's `sources` list names (`- refs.bib`).

The loader replaces such a file name by the entries it lists, so the brief's `sources[3]` may
be the second entry of `refs.bib`: a finding on it must point at that entry's line in that file
(and name the `sources` item that brought it in), not at whatever the brief has at index 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.files.yaml_tree import LineMap
from sitrep.model.walk import FieldPath

__all__ = ["SourceOrigin", "source_origins"]


@dataclass(frozen=True, slots=True)
class SourceOrigin:
    """Where one source of the loaded brief is written."""

    path: FieldPath
    """Its item in the brief's own `sources` list."""
    file: str | None
    """The file that holds it: the brief, or the .bib/CSL-JSON file."""
    line: int | None
    imported: bool


def _bib_lines(data: bytes) -> list[int | None]:
    """The line of each entry of a .bib file, in file order."""
    from bibtexparser.entrypoint import parse_string

    library = parse_string(data.decode("utf-8", "replace"), parse_stack=[])
    return [None if entry.start_line is None else entry.start_line + 1 for entry in library.entries]


def _csl_lines(data: bytes, name: str) -> list[int | None]:
    """The line of each item of a CSL-JSON file, in file order."""
    from sitrep.errors import BriefError
    from sitrep.files.json_tree import load_json

    try:
        parsed, lines = load_json(data.decode("utf-8-sig", "replace"), name)
    except BriefError:
        return []
    if isinstance(parsed, dict):
        return [1]
    if not isinstance(parsed, list):
        return []
    return [lines.get((index,)) for index in range(len(parsed))]


def source_origins(
    written: Any, file: str, lines: LineMap, folder: Path
) -> list[SourceOrigin] | None:
    """Where each source of the loaded brief is written, by its index in the loaded list.

    `written` is the brief's `sources` value as the file writes it (before the loader
    replaced file names by their entries); None when it names no file (then every index is
    the brief's own).
    """
    items: Sequence[Any] = [written] if isinstance(written, str) else written
    if not isinstance(items, list) or not any(isinstance(item, str) for item in items):
        return None
    from sitrep.files.paths import read_reference

    shown = Path(file).parent
    origins: list[SourceOrigin] = []
    for index, item in enumerate(items):
        path: FieldPath = ("sources", index) if isinstance(written, list) else ("sources",)
        if not isinstance(item, str):
            origins.append(SourceOrigin(path, file, lines.get(path), imported=False))
            continue
        try:
            target, data = read_reference(item, folder)
        except Exception:  # the loader already refused it; nothing to point at
            return None
        name = str(shown / item) if str(shown) != "." else item
        if target.suffix.lower() == ".bib":
            entry_lines = _bib_lines(data)
        else:
            entry_lines = _csl_lines(data, name)
        origins.extend(SourceOrigin(path, name, line, imported=True) for line in entry_lines)
    return origins
