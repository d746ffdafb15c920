"""The wheel carries templates and examples, and renders a brief from a fresh virtual env."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("sitrep_briefs-*.whl"))


def test_wheel_ships_templates_examples_and_type_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for layout in ("intel-brief", "analysis", "article"):
        assert f"sitrep/templates/html/{layout}.html.j2" in names
        assert f"sitrep/templates/docx/{layout}.docx" in names
    assert "sitrep/examples/north-korea-russia-summit/brief.yaml" in names
    assert "sitrep/py.typed" in names
    assert "sitrep/resolve/csl_terms.json" in names  # the citation terms (issue 18)
    for language in ("en", "nl", "de", "fr"):
        assert f"sitrep/locale/{language}.po" in names
        assert f"sitrep/locale/{language}.mo" in names
    assert not any(name.startswith("sitrep/templates/templates") for name in names)


def test_the_wheel_s_compiled_catalogs_say_what_their_sources_say(wheel: Path) -> None:
    """The .mo files the build hook writes give every label its .po gives."""
    import gettext
    import io

    from babel.messages.pofile import read_po

    with zipfile.ZipFile(wheel) as package:
        for language in ("en", "nl", "de", "fr"):
            compiled = gettext.GNUTranslations(
                io.BytesIO(package.read(f"sitrep/locale/{language}.mo"))
            )
            source = read_po(io.BytesIO(package.read(f"sitrep/locale/{language}.po")))
            entries = [m for m in source if m.id]
            assert len(entries) >= 80
            for message in entries:
                assert compiled.pgettext(message.context, message.id) == (
                    message.string or message.id
                ), (language, message.context)


@pytest.mark.slow
def test_installed_wheel_renders_pdf_and_docx_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    work = tmp_path / "work"
    work.mkdir()
    sitrep = env_dir / "bin" / "sitrep"
    subprocess.run(
        [str(sitrep), "new", "--from", "north-korea-russia-summit", "brief"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    for suffix in ("pdf", "docx"):
        subprocess.run(
            [str(sitrep), "render", "-q", "brief/brief.yaml", "-o", f"out.{suffix}"],
            cwd=work,
            check=True,
            capture_output=True,
        )
    assert (work / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert zipfile.is_zipfile(work / "out.docx")
    where = subprocess.run(
        [str(python), "-c", "import sitrep; print(sitrep.__file__)"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(env_dir) in where  # the installed copy, not the checkout
    # the installed catalogs are read from their compiled .mo files, without Babel
    compiled = subprocess.run(
        [
            str(python),
            "-c",
            "import sys; from sitrep.labels import labels_for; "
            "print(labels_for('nl-BE', 'intel-brief').key_judgments, 'babel' in sys.modules)",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert compiled.split() == ["Kernoordelen", "False"]
