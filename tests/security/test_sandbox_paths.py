"""One resolver: a reference becomes a real path once, with the decoding the opener uses.

Each route a brief, an SVG or a template has to a file is tried with the tricks that worked
before: a figure `evil%2541` beside a symlink `evil%41` that leads out of the folder, folders
whose names hold percent signs, FIFOs and devices, and files swapped for links mid-open.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

import sitrep
from sitrep.errors import BriefError, RenderError, ResourceRefused
from sitrep.files import paths
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

RED, BLUE = (255, 0, 0), (0, 0, 255)
SECRET = b"TOP-SECRET-CONTENT-0451"


def _png(path: Path, colour: tuple[int, int, int]) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _brief(folder: Path, extra: str) -> Path:
    path = folder / "brief.yaml"
    path.write_text(
        "title: Port strike\ndate: 2024-05-01\nassessment: Dockers walk out.\n" + extra,
        encoding="utf-8",
    )
    return path


def _pdf(path: Path, **options: object) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    settings = RenderOptions(warn=warnings.append, **options)  # type: ignore[arg-type]
    return write_pdf(resolve(sitrep.load(path)), settings), warnings


def _image_colours(data: bytes) -> list[tuple[int, ...]]:
    """The top-left pixel of every image embedded in the PDF."""
    colours = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for image in page.images:
            colours.append(tuple(image.image.convert("RGB").getpixel((0, 0))))
    return colours


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """A brief folder, a blue secret image and a secret text file outside it."""
    folder = tmp_path / "brief"
    folder.mkdir()
    secret = _png(tmp_path / "secret.png", BLUE)
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return {"root": tmp_path, "folder": folder, "secret": secret}


# -- percent signs -------------------------------------------------------------------------------


def test_percent_figure_names_the_file_it_spells(world: dict[str, Path]) -> None:
    """`evil%2541` is that file; the link `evil%41` (decoded once) must not be read instead."""
    folder = world["folder"]
    _png(folder / "evil%2541.png", RED)
    (folder / "evil%41.png").symlink_to(world["secret"])
    for fmt in ("pdf", "docx"):
        path = _brief(folder, "figures:\n  - image: 'evil%2541.png'\n    caption: Quay.\n")
        if fmt == "pdf":
            data, warnings = _pdf(path)
            assert _image_colours(data) == [RED]
            assert warnings == []
        else:
            out = sitrep.render(sitrep.load(path), "docx")
            assert isinstance(out, bytes)
            assert _docx_colours(out) == [RED]


def test_percent_figure_without_its_file_does_not_fall_back_to_the_link(
    world: dict[str, Path],
) -> None:
    folder = world["folder"]
    (folder / "evil%41").symlink_to(world["secret"])
    path = _brief(folder, "figures:\n  - image: 'evil%2541'\n")
    for fmt in ("pdf", "docx", "html", "md"):
        with pytest.raises(RenderError, match=r"figures\[0\]\.image"):
            sitrep.render(sitrep.load(path), fmt)


def _docx_colours(data: bytes) -> list[tuple[int, ...]]:
    import zipfile

    colours = []
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        for name in sorted(docx.namelist()):
            if name.startswith("word/media/"):
                image = Image.open(io.BytesIO(docx.read(name))).convert("RGB")
                colours.append(tuple(image.getpixel((0, 0))))
    return colours


@pytest.mark.parametrize(
    "folder_name", ["My%20Brief", "a%252fb%252fc", "100% sure", "q?x#y", "%2e%2e"]
)
def test_a_folder_with_percent_signs_keeps_its_figure(tmp_path: Path, folder_name: str) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    _png(folder / "fig 50%.png", RED)
    path = _brief(folder, "figures:\n  - image: 'fig 50%.png'\n    caption: Cranes.\n")
    data, warnings = _pdf(path)
    assert warnings == []
    assert _image_colours(data) == [RED]


def test_html_names_the_figure_so_a_browser_opens_that_file(world: dict[str, Path]) -> None:
    folder = world["folder"]
    _png(folder / "evil%2541", RED)
    path = _brief(folder, "figures:\n  - image: 'evil%2541'\n")
    html = sitrep.render(sitrep.load(path), "html")
    assert isinstance(html, bytes)
    assert b'src="evil%252541"' in html


# -- SVG and template routes ---------------------------------------------------------------------


def test_svg_cannot_reach_out_through_a_percent_link(world: dict[str, Path]) -> None:
    folder = world["folder"]
    (folder / "evil%41").symlink_to(world["secret"])
    (folder / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="40" height="30"><image href="evil%2541" width="40" height="30"/>'
        '<image xlink:href="../secret.png" width="40" height="30"/></svg>',
        encoding="utf-8",
    )
    data, warnings = _pdf(_brief(folder, "figures:\n  - image: map.svg\n"))
    assert BLUE not in _image_colours(data)
    assert any("evil%2541" in w or "evil%41" in w for w in warnings)
    assert any("secret.png" in w for w in warnings)


def test_svg_pointing_at_a_fifo_does_not_hang(world: dict[str, Path]) -> None:
    folder = world["folder"]
    os.mkfifo(folder / "pipe.png")
    (folder / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        '<image href="pipe.png" width="40" height="30"/></svg>',
        encoding="utf-8",
    )
    brief = _brief(folder, "figures:\n  - image: map.svg\n")
    run = subprocess.run(
        [sys.executable, "-m", "sitrep", "render", str(brief), "-o", str(folder / "out.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "not a regular file" in run.stderr


def test_template_attachment_through_a_percent_link_is_refused(world: dict[str, Path]) -> None:
    folder = world["folder"]
    (folder / "evil%41").symlink_to(world["root"] / "secret.txt")
    house = world["root"] / "house"
    house.mkdir()
    (house / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}{% block extra_head %}'
        '<link rel="attachment" href="evil%2541"><link rel="attachment" href="evil%41">'
        "{% endblock %}",
        encoding="utf-8",
    )
    data, warnings = _pdf(_brief(folder, ""), template=str(house))
    assert SECRET not in data
    assert not PdfReader(io.BytesIO(data)).attachments
    assert any("outside the allowed folders" in w for w in warnings)


# -- not regular files ---------------------------------------------------------------------------


def test_a_fifo_figure_is_refused_without_blocking(world: dict[str, Path]) -> None:
    os.mkfifo(world["folder"] / "fig.png")
    path = _brief(world["folder"], "figures:\n  - image: fig.png\n")
    for fmt in ("pdf", "docx"):
        with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image: .*not a regular file"):
            sitrep.render(sitrep.load(path), fmt)


def test_dev_zero_is_refused_even_from_an_allowed_folder(world: dict[str, Path]) -> None:
    path = _brief(world["folder"], "figures:\n  - image: 'file:///dev/zero'\n")
    with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image"):
        _pdf(path, allowed_folders=(Path("/dev"),))
    attach = _brief(world["folder"], "attachments:\n  - file:///dev/zero\n")
    with pytest.raises(ResourceRefused, match=r"attachments\[0\]\.path"):
        _pdf(attach, allowed_folders=(Path("/dev"),))


def test_a_fifo_named_as_a_csl_file_is_an_error_not_a_hang(world: dict[str, Path]) -> None:
    os.mkfifo(world["folder"] / "refs.json")
    path = _brief(world["folder"], "sources: refs.json\n")
    run = subprocess.run(
        [sys.executable, "-m", "sitrep", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "sources: source file 'refs.json' is refused" in run.stderr
    assert "not a regular file" in run.stderr


def test_a_csl_file_behind_a_link_out_of_the_folder_is_refused(world: dict[str, Path]) -> None:
    (world["root"] / "refs.json").write_text('[{"id": "a", "title": "Secret"}]', encoding="utf-8")
    (world["folder"] / "refs%41.json").symlink_to(world["root"] / "refs.json")
    for name in ("refs%41.json", "refs%2541.json", "../refs.json"):
        with pytest.raises(BriefError, match=r"outside the brief's folder|not found"):
            sitrep.load(_brief(world["folder"], f"sources: '{name}'\n"))


# -- the opener itself ---------------------------------------------------------------------------


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(
    world: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.path.realpath(world["folder"]))
    target = folder / "fig.png"
    target.symlink_to(world["secret"])  # as if swapped in after realpath() looked
    monkeypatch.setattr(paths, "real_path_inside", lambda path, roots: (target, folder))
    with pytest.raises(ResourceRefused, match="changed into a link"):
        paths.read_inside(target, (folder,))


def test_a_folder_swapped_for_a_link_after_the_check_is_not_followed(
    world: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.path.realpath(world["folder"]))
    (folder / "maps").symlink_to(world["root"])
    target = folder / "maps" / "secret.png"
    monkeypatch.setattr(paths, "real_path_inside", lambda path, roots: (target, folder))
    with pytest.raises(ResourceRefused, match="changed into a link"):
        paths.read_inside(target, (folder,))


def test_files_over_the_size_cap_are_refused(world: dict[str, Path]) -> None:
    big = world["folder"] / "big.bin"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ResourceRefused, match="2,048 bytes, more than the 1,024 allowed"):
        paths.read_inside(big, (Path(os.path.realpath(world["folder"])),), limit=1024)


def test_a_brief_reference_is_never_decoded_and_a_url_once(tmp_path: Path) -> None:
    assert paths.reference_path("a%2541", tmp_path) == tmp_path / "a%2541"
    assert paths.url_path("file:///x/a%2541") == Path("/x/a%41")
    assert paths.url_path("file:///x/My%2520Brief/f.png?q#frag") == Path("/x/My%20Brief/f.png")
    with pytest.raises(ResourceRefused, match="another host"):
        paths.url_path("file://evil.example/etc/passwd")
    for reference in ("javascript:alert(1)", "data:image/png;base64,AA", "ftp://h/x"):
        with pytest.raises(ResourceRefused):
            paths.reference_path(reference, tmp_path)
