"""The README's Python examples run as written, and do what they say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import sitrep

ROOT = Path(__file__).parents[1]


def test_readme_python_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) >= 2, "the README has lost its Python examples"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "out" / "brief.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "rail.yaml").exists()

    # the scripting recipes: an event and a source added, a judgment changed, rendered again
    assert (tmp_path / "out" / "updated.pdf").read_bytes().startswith(b"%PDF-")
    edited = sitrep.load(tmp_path / "out" / "updated.md")
    assert edited.what[-1].text == "Kim returned to Pyongyang by train. [@kcna]"  # type: ignore[union-attr]
    assert edited.source_by_id["kcna"].title == "Kim Jong Un returns to Pyongyang"
    assert edited.key_judgments[0].likelihood.value == "very likely"
    assert "did you mean 'very likely'?" in capsys.readouterr().out
    # the dumped brief names its attachment as before: a render checks it is next to it
    with pytest.raises(sitrep.BriefError, match=r"attachments\[0\]: file 'timeline.csv' was not"):
        sitrep.render(edited, "md")
    shutil.copy(tmp_path / "examples" / "north-korea-russia-summit" / "timeline.csv", "out")
    markdown = sitrep.render(edited, "md")
    assert b"Kim returned to Pyongyang by train." in markdown  # type: ignore[operator]


def test_the_readme_error_lines_are_the_real_messages(tmp_path: Path) -> None:
    """Outside test find: the README showed a date error in words sitrep no longer used.
    Each example line (after its file:line:) must be what sitrep prints for such a brief."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("every problem in one run, never a traceback:", 1)[1]
    shown = block.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: Summit\ndate: 2023-09-15\nwhat:\n  - date: 2023-02-30\n    text: a [@zhang]\n"
        "  - text: b [@zhangg]\nassesment: x\nsources:\n  - id: zhang\n    title: T\n",
        encoding="utf-8",
    )
    with pytest.raises(sitrep.BriefError) as caught:
        sitrep.load(brief)
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("date: 2023-09-15\n\n\ntitle: Kim: the summit\n", encoding="utf-8")
    with pytest.raises(sitrep.BriefError) as slip:
        sitrep.load(syntax)
    real = str(caught.value) + "\n" + str(slip.value)
    for line in shown:
        message = re.sub(r"^brief\.yaml:\d+(:\d+)?: ", "", line).replace(" ...)", "")
        assert message in real, line
