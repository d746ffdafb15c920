"""The PDF holds the image bytes the sandbox read and cleaned, never the file read again.

WeasyPrint re-reads a `file:` image from its path when it writes the PDF; the fetcher's image
responses have no path, so what the sandbox checked and cleaned is what goes in.
"""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image

import sitrep
from sitrep.writers.pdf.fetcher import SandboxFetcher


def _jpeg(size: tuple[int, int], comment: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", comment=comment)
    return out.getvalue()


def _image_sizes(pdf_bytes: bytes) -> list[tuple[int, int]]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [
            (int(obj.Width), int(obj.Height))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]


def test_a_figure_changed_after_the_sandbox_read_it_is_not_what_the_pdf_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = tmp_path / "map.jpg"
    figure.write_bytes(_jpeg((40, 30), "zqfirstreadvx"))
    (tmp_path / "brief.yaml").write_text(
        "title: T\ndate: 2024-06-01\nfigures:\n  - {image: map.jpg, caption: Map}\n", "utf-8"
    )
    local = SandboxFetcher._local

    def read_then_swap(self: SandboxFetcher, url: str) -> Any:
        response = local(self, url)
        if url.endswith("map.jpg"):  # the file changes once the sandbox has read it
            figure.write_bytes(_jpeg((64, 48), "zqswappedvx"))
        return response

    monkeypatch.setattr(SandboxFetcher, "_local", read_then_swap)
    output = sitrep.render(sitrep.load(tmp_path / "brief.yaml"), "pdf", warn=lambda _: None)
    assert isinstance(output, bytes)
    assert _image_sizes(output) == [(40, 30)]
    assert b"zqswappedvx" not in output
    assert b"zqfirstreadvx" not in output  # and what it read went in without its comment


@pytest.mark.parametrize("name", ["map", "map.bin", "map.JPG", "map.txt"])
def test_a_figure_whose_name_does_not_say_jpeg_is_cleaned_too(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(_jpeg((40, 30), "zqunnamedvx"))
    (tmp_path / "brief.yaml").write_text(
        f"title: T\ndate: 2024-06-01\nfigures:\n  - {{image: {name}, caption: Map}}\n", "utf-8"
    )
    output = sitrep.render(sitrep.load(tmp_path / "brief.yaml"), "pdf", warn=lambda _: None)
    assert isinstance(output, bytes)
    assert _image_sizes(output) == [(40, 30)]
    assert b"zqunnamedvx" not in output


def test_an_image_an_svg_figure_draws_from_beside_it_is_cleaned(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(_jpeg((40, 30), "zqbesidevx"))
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60">'
        '<image href="photo.jpg" width="40" height="30"/></svg>',
        "utf-8",
    )
    (tmp_path / "brief.yaml").write_text(
        "title: T\ndate: 2024-06-01\nfigures:\n  - {image: map.svg, caption: Map}\n", "utf-8"
    )
    output = sitrep.render(sitrep.load(tmp_path / "brief.yaml"), "pdf", warn=lambda _: None)
    assert isinstance(output, bytes)
    assert _image_sizes(output) == [(40, 30)]
    assert b"zqbesidevx" not in output


def test_a_remote_figure_is_cleaned(tmp_path: Path) -> None:
    photo = _jpeg((40, 30), "zqremotevx")

    class Photo(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(photo)))
            self.end_headers()
            self.wfile.write(photo)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Photo)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/photo.jpg"
        (tmp_path / "brief.yaml").write_text(
            f"title: T\ndate: 2024-06-01\nfigures:\n  - {{image: '{url}', caption: P}}\n",
            "utf-8",
        )
        brief = sitrep.load(tmp_path / "brief.yaml")
        output = sitrep.render(brief, "pdf", allow_remote=True, warn=lambda _: None)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert isinstance(output, bytes)
    assert _image_sizes(output) == [(40, 30)]
    assert b"zqremotevx" not in output
