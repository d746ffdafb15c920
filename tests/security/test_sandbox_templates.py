"""A brief names a layout, never a file; every template, the user's too, runs in Jinja's sandbox.

The escape `{{ cycler.__init__.__globals__.os.popen(...) }}` ran a shell from a Word template a
brief picked by path. Each route must now fail cleanly, and the canary command must not run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import sitrep
from sitrep.errors import BriefError, RenderError
from sitrep.model.brief import Brief
from sitrep.resources import templates_dir

ESCAPE = "{{{{ cycler.__init__.__globals__.os.popen('touch {canary}').read() }}}}"


def _brief(folder: Path, template: str = "intel-brief") -> Path:
    path = folder / "brief.yaml"
    path.write_text(
        f"template: {template!r}\ntitle: Canal closure\ndate: 2024-03-02\n"
        "assessment: Shipping reroutes around the cape.\n",
        encoding="utf-8",
    )
    return path


def _evil_docx(path: Path, canary: Path) -> Path:
    """The bundled Word template with the escape in a paragraph of its own."""
    source = templates_dir() / "docx" / "intel-brief.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                at = text.rindex("<w:sectPr")
                payload = f"<w:p><w:r><w:t>{ESCAPE.format(canary=canary)}</w:t></w:r></w:p>"
                data = (text[:at] + payload + text[at:]).encode("utf-8")
            new.writestr(item, data)
    return path


@pytest.mark.parametrize(
    "value", ["/any/where/evil", "../../x/evil", "evil.docx", "sub/evil", "..", "a\\b", "~/evil"]
)
def test_a_brief_template_that_is_a_path_does_not_validate(tmp_path: Path, value: str) -> None:
    with pytest.raises(BriefError) as caught:
        sitrep.load(_brief(tmp_path, value))
    (problem,) = caught.value.problems
    assert problem.path == "template" and problem.line == 1
    assert problem.file == str(tmp_path / "brief.yaml")
    assert "not a layout name" in problem.message


def test_a_brief_built_in_python_cannot_name_a_path() -> None:
    with pytest.raises(BriefError) as caught:
        Brief(template="/tmp/evil", title="T", date="2024-01-01")  # type: ignore[arg-type]
    assert [(p.path, "not a layout name" in p.message) for p in caught.value.problems] == [
        ("template", True)
    ]
    brief = Brief(title="T", date="2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(BriefError, match="not a layout name"):
        brief.template = "../../x/evil"


def test_validate_on_the_command_line_rejects_the_path(tmp_path: Path) -> None:
    brief = _brief(tmp_path, "../../x/evil")
    run = subprocess.run(
        [sys.executable, "-m", "sitrep", "validate", str(brief)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert f"{brief}:1: template: not a layout name" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_path_trick_no_longer_reaches_a_docx_elsewhere(tmp_path: Path) -> None:
    """The original exploit: `template: /elsewhere/evil` picked /elsewhere/evil.docx."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    canary = tmp_path / "canary"
    _evil_docx(elsewhere / "evil.docx", canary)
    folder = tmp_path / "brief"
    folder.mkdir()
    for value in (str(elsewhere / "evil"), "../elsewhere/evil"):
        with pytest.raises(BriefError):
            sitrep.load(_brief(folder, value))
    assert not canary.exists()


def test_escape_in_a_user_word_template_is_stopped(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    template = _evil_docx(tmp_path / "house.docx", canary)
    brief = sitrep.load(_brief(tmp_path))
    with pytest.raises(
        RenderError, match=r"Word template house\.docx: .*(unsafe|access to attribute)"
    ):
        sitrep.render(brief, "docx", template=str(template))
    assert not canary.exists()


def test_escape_in_a_registered_word_layout_is_stopped(tmp_path: Path) -> None:
    """`template: house` names house.docx in the folder the caller gave with --template."""
    canary = tmp_path / "canary"
    house = tmp_path / "house"
    house.mkdir()
    _evil_docx(house / "mine.docx", canary)
    brief = sitrep.load(_brief(tmp_path, "mine"))
    with pytest.raises(RenderError):
        sitrep.render(brief, "docx", template=str(house))
    assert not canary.exists()


def test_escape_in_a_user_html_template_is_stopped(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    house = tmp_path / "house"
    house.mkdir()
    (house / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}{% block masthead %}'
        + ESCAPE.format(canary=canary)
        + "{% endblock %}",
        encoding="utf-8",
    )
    brief = sitrep.load(_brief(tmp_path))
    for fmt in ("html", "pdf"):
        with pytest.raises(RenderError, match=r"HTML template .*(unsafe|access to attribute)"):
            sitrep.render(brief, fmt, template=str(house))
    assert not canary.exists()


def test_escape_through_the_cli_is_one_clean_line(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    house = tmp_path / "house"
    house.mkdir()
    (house / "intel-brief.html.j2").write_text(ESCAPE.format(canary=canary), encoding="utf-8")
    brief = _brief(tmp_path)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep",
            "render",
            str(brief),
            "-o",
            str(tmp_path / "out.html"),
            "--template",
            str(house),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert re.search(r"HTML template .*(unsafe|access to attribute)", run.stderr)
    assert not canary.exists() and not (tmp_path / "out.html").exists()


def test_a_plain_user_html_template_still_works(tmp_path: Path) -> None:
    """The sandbox keeps what templates legitimately do: extend, include, call helpers."""
    house = tmp_path / "house"
    house.mkdir()
    (house / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}{% block masthead %}'
        "<p class=house>Northwind {{ format_date(brief.date) }}</p>{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    html = sitrep.render(sitrep.load(_brief(tmp_path)), "html", template=str(house))
    assert isinstance(html, bytes)
    assert b"<p class=house>Northwind" in html and b"Shipping reroutes" in html
