"""The second outside test of `sitrep check`, kept: each find of the tester is one test here,
with the brief (or file set) that broke the claim."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sitrep.check import check_file
from sitrep.check.findings import Finding


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


def _check(path: Path) -> list[Finding]:
    return check_file(path, profile=False).findings


def _rules(path: Path) -> list[str]:
    return [finding.rule for finding in _check(path)]


# 11: sources brought in from .bib and CSL-JSON files are pointed at in those files.

_BIB = """
@article{early,
  title = {Early report},
  year = {2026},
  url = {https://example.org/r}
}

@misc{late,
  title = {Late report},
  date = {2027-02-01},
  url = {https://www.example.org/r/}
}
"""

_CSL = """
[
  {"id": "cslA", "type": "report", "title": "CSL A", "issued": {"date-parts": [[2027, 5]]}, "URL": "https://example.org/r"},
  {"id": "cslB", "type": "report", "title": "CSL B"}
]
"""


def test_findings_on_imported_sources_point_at_their_file_and_entry(tmp_path: Path) -> None:
    _write(tmp_path, "refs.bib", _BIB)
    _write(tmp_path, "refs.json", _CSL)
    brief = _write(
        tmp_path,
        "brief.yaml",
        """
        title: Typhoon in Luzon
        date: 2026-10-01
        marking: TLP:CLEAR
        assessment: Damage is wide [@early] [@cslA].
        sources:
          - refs.bib
          - refs.json
          - id: own
            title: Own notes
            url: http://example.org/r
        """,
    )
    where = {
        (f.rule, f.message.split("'")[1]): (Path(f.file or "").name, f.line, f.field)
        for f in _check(brief)
    }
    assert where[("unused-source", "late")] == ("refs.bib", 7, "sources[0]")
    assert where[("source-after-brief", "late")] == ("refs.bib", 7, "sources[0]")
    assert where[("source-after-brief", "cslA")] == ("refs.json", 2, "sources[1]")
    assert where[("unused-source", "cslB")] == ("refs.json", 3, "sources[1]")
    # The brief's own source keeps its own index and lines, not those of the expanded list.
    assert where[("unused-source", "own")] == ("brief.yaml", 8, "sources[2]")
    assert where[("duplicate-url", "own")] == ("brief.yaml", 10, "sources[2].url")


def test_imported_source_files_in_a_subfolder_are_named_as_the_brief_is(tmp_path: Path) -> None:
    folder = tmp_path / "typhoon"
    folder.mkdir()
    _write(folder, "refs.bib", _BIB)
    brief = _write(
        folder,
        "brief.yaml",
        """
        title: Typhoon in Luzon
        date: 2026-10-01
        marking: TLP:CLEAR
        assessment: Damage is wide [@early].
        sources: refs.bib
        """,
    )
    (late,) = [f for f in _check(brief) if f.rule == "source-after-brief"]
    assert (late.file, late.line, late.field) == (str(folder / "refs.bib"), 7, "sources")
