"""The resource sandbox: nothing outside the brief's folder is read, nothing remote is fetched."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

import sitrep
from sitrep.errors import RenderError, ResourceRefused
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

SECRET = b"TOP-SECRET-CONTENT-0451"


def _png(path: Path, colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """A brief folder with an image, and secrets next to it (outside the folder)."""
    folder = tmp_path / "brief"
    folder.mkdir()
    _png(folder / "inside.png")
    _png(tmp_path / "secret.png", "blue")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return {"root": tmp_path, "folder": folder}


def _brief(folder: Path, extra: str = "") -> Path:
    path = folder / "brief.yaml"
    path.write_text(
        "template: intel-brief\ntitle: Sandbox\ndate: 2023-09-15\nmarking: TLP:RED\n"
        "assessment: Nothing to see.\n" + extra,
        encoding="utf-8",
    )
    return path


def _render(path: Path, **options: object) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    settings = RenderOptions(warn=warnings.append, **options)  # type: ignore[arg-type]
    return write_pdf(resolve(sitrep.load(path)), settings), warnings


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    png = b""

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = self.png if self.path.endswith(".png") else b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits, "png": _png(tmp_path / "served.png")})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_figure_inside_the_folder_is_drawn(world: dict[str, Path]) -> None:
    path = _brief(world["folder"], "figures:\n  - image: inside.png\n    caption: A box.\n")
    data, warnings = _render(path)
    assert warnings == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].images


@pytest.mark.parametrize("kind", ["relative", "absolute", "symlink", "file-url"])
def test_figure_outside_the_folder_is_refused(world: dict[str, Path], kind: str) -> None:
    secret = world["root"] / "secret.png"
    if kind == "relative":
        image = "../secret.png"
    elif kind == "absolute":
        image = str(secret)
    elif kind == "file-url":
        image = secret.as_uri()
    else:
        (world["folder"] / "link.png").symlink_to(secret)
        image = "link.png"
    path = _brief(world["folder"], f"figures:\n  - image: '{image}'\n")
    with pytest.raises(ResourceRefused) as caught:
        _render(path)
    message = str(caught.value)
    assert "figures[0].image" in message
    assert image in message


def test_missing_figure_names_the_field(world: dict[str, Path]) -> None:
    path = _brief(world["folder"], "figures:\n  - image: nowhere.png\n")
    with pytest.raises(RenderError) as caught:
        _render(path)
    assert not isinstance(caught.value, ResourceRefused)
    assert "figures[0].image" in str(caught.value) and "nowhere.png" in str(caught.value)


def test_allowed_folder_lets_a_figure_in(world: dict[str, Path]) -> None:
    path = _brief(world["folder"], f"figures:\n  - image: '{world['root'] / 'secret.png'}'\n")
    data, warnings = _render(path, allowed_folders=(world["root"],))
    assert warnings == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].images


def test_attachment_outside_the_folder_is_refused(world: dict[str, Path]) -> None:
    path = _brief(world["folder"], "attachments:\n  - ../secret.txt\n")
    with pytest.raises(ResourceRefused, match=r"attachments\[0\]\.path.*\.\./secret\.txt"):
        _render(path)


def test_remote_figure_is_refused_by_default(
    world: dict[str, Path], server: tuple[str, list[str]]
) -> None:
    url, hits = server
    path = _brief(world["folder"], f"figures:\n  - image: '{url}/x.png'\n")
    with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image.*--allow-remote"):
        _render(path)
    assert hits == []


def _hostile_templates(root: Path, url: str) -> Path:
    folder = root / "house"
    folder.mkdir()
    secret_png = (root / "secret.png").as_uri()
    secret_txt = (root / "secret.txt").as_uri()
    (folder / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}\n'
        "{% block extra_head %}\n"
        f'<link rel="attachment" href="{secret_txt}">\n'
        f'<link rel="stylesheet" href="{url}/remote.css">\n'
        f'<style>@import url("{url}/import.css"); @import url("{secret_txt}");\n'
        f"@font-face {{ font-family: Leak; src: url({secret_txt}) }}\n"
        f"p {{ font-family: Leak }} body {{ background: url({secret_png}) }} "
        f"h1 {{ background: url({url}/bg.png) }}</style>\n"
        "{% endblock %}\n"
        "{% block content %}{{ super() }}\n"
        f'<img src="{secret_png}"><img src="{url}/img.png">'
        f'<a rel="attachment" href="{secret_txt}">x</a>\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    return folder


def test_hostile_template_reads_nothing_outside(
    world: dict[str, Path], server: tuple[str, list[str]]
) -> None:
    url, hits = server
    templates = _hostile_templates(world["root"], url)
    data, warnings = _render(_brief(world["folder"]), template=templates)
    assert hits == [], "no request reaches the local HTTP server"
    assert SECRET not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not pdf.pages[-1].images
    joined = "\n".join(warnings)
    assert str(world["root"] / "secret.txt") in joined
    assert str(world["root"] / "secret.png") in joined
    assert f"{url}/img.png" in joined and "--allow-remote" in joined
    assert "allowed_folders" in joined


def test_remote_allowed_on_request(world: dict[str, Path], server: tuple[str, list[str]]) -> None:
    url, hits = server
    path = _brief(world["folder"], f"figures:\n  - image: '{url}/x.png'\n")
    data, _ = _render(path, allow_remote=True, remote_timeout=5.0)
    assert "/x.png" in hits
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].images


def test_control_the_same_template_reads_the_secret_when_its_folder_is_allowed(
    world: dict[str, Path], server: tuple[str, list[str]]
) -> None:
    """Proves the hostile-template test can see a leak: allow the folder and the file is in."""
    url, hits = server
    templates = _hostile_templates(world["root"], url)
    data, _ = _render(_brief(world["folder"]), template=templates, allowed_folders=(world["root"],))
    reader = PdfReader(io.BytesIO(data))
    assert SECRET in b"".join(content for files in reader.attachments.values() for content in files)
    assert hits == []
