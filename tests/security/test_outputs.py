"""Outputs never overwrite an input of the run, and get the permissions their owner expects."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep
from sitrep.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "briefs"
NOTE = "---\ntitle: Port strike\ndate: 2023-09-15\n---\n## Assessment\nDockers walked out.\n"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "note.md"
    path.write_text(NOTE, encoding="utf-8")
    return path


def sitrep_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def test_render_md_next_to_a_markdown_brief_refuses_to_overwrite_it(note: Path) -> None:
    result = sitrep_cli("render", note, "-f", "md")
    assert result.returncode == 1
    assert "this output is the brief" in result.stderr and "name another with -o" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert note.read_text(encoding="utf-8") == NOTE


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hard link"])
def test_every_name_of_the_brief_is_refused_as_output(note: Path, how: str) -> None:
    folder = note.parent
    if how == "same":
        out = note
    elif how == "relative":
        (folder / "sub").mkdir()
        out = folder / "sub" / ".." / "note.md"
    elif how == "symlink":
        out = folder / "link.md"
        out.symlink_to(note)
    else:
        out = folder / "hard.md"
        os.link(note, out)
    assert main(["render", "-q", str(note), "-o", str(out), "-f", "md"]) == 1
    assert note.read_text(encoding="utf-8") == NOTE


def test_a_batch_whose_output_is_another_brief_writes_nothing(tmp_path: Path, note: Path) -> None:
    other = tmp_path / "other.yaml"
    shutil.copy(FIXTURES / "simple.yaml", other)
    # other.yaml renders to other.md; note.md would render over itself
    result = sitrep_cli("render", other, note, "-f", "md")
    assert result.returncode == 1 and "note.md: this output is the brief" in result.stderr
    assert not (tmp_path / "other.md").exists()


def test_two_briefs_with_one_output_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / "simple.yaml", tmp_path / folder / "x.yaml")
    result = sitrep_cli("render", "a/x.yaml", "b/x.yaml", "-o", "out", "-f", "md", cwd=tmp_path)
    assert result.returncode == 1
    assert "out/x.md: both a/x.yaml and b/x.yaml would be written to this file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_over_the_briefs_own_figure_is_refused(tmp_path: Path) -> None:
    figure = tmp_path / "map.svg"
    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: map.svg\n    caption: Map\n",
        encoding="utf-8",
    )
    assert main(["render", "-q", str(brief), "-o", str(figure), "-f", "html"]) == 1
    assert figure.read_text().startswith("<svg")


@pytest.fixture
def umask_077() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_output_follows_the_umask(tmp_path: Path, umask_077: None) -> None:
    out = tmp_path / "brief.md"
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), "-o", str(out)]) == 0
    assert mode(out) == 0o600
    sitrep.render(sitrep.load(FIXTURES / "simple.yaml"), tmp_path / "api.html")
    assert mode(tmp_path / "api.html") == 0o600


def test_a_new_output_under_umask_022_is_0644(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = sitrep.render(sitrep.load(FIXTURES / "simple.yaml"), tmp_path / "brief.md")
    finally:
        os.umask(old)
    assert mode(out) == 0o644


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o444])
def test_a_replaced_output_keeps_its_mode(tmp_path: Path, existing: int) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(existing)
    assert main(["render", "-q", str(FIXTURES / "simple.yaml"), "-o", str(out)]) == 0
    assert mode(out) == existing
    assert out.read_text(encoding="utf-8") != "old"


def test_the_python_api_refuses_to_write_over_the_brief_or_its_figure(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    with pytest.raises(sitrep.RenderError, match=r"this output is .*note\.md"):
        sitrep.render(sitrep.load(note), note)
    assert note.read_text(encoding="utf-8") == NOTE
    figure = tmp_path / "map.svg"
    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: map.svg\n    caption: Map\n",
        encoding="utf-8",
    )
    with pytest.raises(sitrep.RenderError, match=r"map\.svg, which the brief uses"):
        sitrep.render(sitrep.load(brief), figure, format="html")
    assert figure.read_text().startswith("<svg")
