"""`validate` finds what a render would refuse: a misspelt layout, a missing figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.files.render_checks import check_brief

FIXTURES = Path(__file__).parent / "fixtures" / "render-checks"


def test_a_misspelt_layout_is_an_error_with_the_nearest_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", "template-typo-validates.md"]) == 1
    assert capsys.readouterr().err == (
        "template-typo-validates.md:4: template: 'intel-breif' is not a layout; did you mean "
        "'intel-brief'? (expected one of intel-brief, analysis, article, or a layout in a "
        "folder given with --template)\n"
    )


def test_a_layout_in_the_template_folder_is_known(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("title: T\ndate: 2024-05-02\ntemplate: house\n", encoding="utf-8")
    assert check_brief(brief)[0][0].path == "template"
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "house.html.j2").write_text("x", encoding="utf-8")
    assert check_brief(brief, tmp_path / "layouts") == ([], [])


def test_missing_figures_and_attachments_are_errors_naming_field_file_and_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES)
    errors, _ = check_brief(Path("missing-figure-validates.yaml"))
    assert [(p.line, p.path) for p in errors] == [(4, "figures[0].image"), (7, "attachments[0]")]
    assert "file 'terminal-map.png' was not found" in errors[0].message
    assert "file 'iocs.csv' was not found" in errors[1].message
