"""What the PDF cannot show as typed is said, naming the field: long words, huge titles,
characters no font has, images that cannot be decoded, remote fetches past their deadline."""

from __future__ import annotations

import http.server
import io
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

import sitrep
from sitrep.errors import RenderError
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf


def _brief(folder: Path, body: str) -> Path:
    path = folder / "brief.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _pdf(path: Path, **options: object) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    settings = RenderOptions(warn=warnings.append, **options)  # type: ignore[arg-type]
    return write_pdf(resolve(sitrep.load(path)), settings), warnings


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def test_a_huge_word_is_broken_across_lines_not_cut(tmp_path: Path) -> None:
    word = "Z" * 30_000
    body = f"title: Hash dump\ndate: 2024-01-01\nassessment: Before {word} after\n"
    path = _brief(tmp_path, body)
    data, warnings = _pdf(path)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        zs = [c for page in pdf.pages for c in page.chars if c["text"] == "Z"]
        assert len(zs) == len(word)
        assert all(c["x0"] >= 0 and c["x1"] <= pdf.pages[0].width for c in zs)
    assert any(
        w.startswith("assessment: a word of 30,000 characters") and "broken across lines" in w
        for w in warnings
    )


def test_a_huge_word_in_a_name_is_reported(tmp_path: Path) -> None:
    path = _brief(tmp_path, f"title: T\ndate: 2024-01-01\nauthors: [{'Q' * 500}]\n")
    _, warnings = _pdf(path)
    assert any(w.startswith("authors[0]: a word of 500 characters") for w in warnings)


def test_an_oversized_title_is_reported(tmp_path: Path) -> None:
    title = " ".join(["Escalation"] * 500)
    path = _brief(tmp_path, f"title: {title}\ndate: 2024-01-01\n")
    data, warnings = _pdf(path)
    assert any(w.startswith(f"title: {len(title):,} characters") for w in warnings)
    assert _text(data).count("Escalation") >= 500  # still all there


def _uncovered() -> str:
    """A symbol no installed font covers, asked of fontconfig directly (not via sitrep)."""
    for char in "\U0001f9ff\U0001fa7b\U0001fae8\U0001fbf0\U0001f6de\u2bd2":
        run = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True
        )
        if not run.stdout.strip():
            return char
    raise AssertionError("every candidate symbol is covered by an installed font")


def test_a_character_without_a_glyph_is_named(tmp_path: Path) -> None:
    char = _uncovered()
    path = _brief(
        tmp_path, f"title: Amulets\ndate: 2024-01-01\nwhat:\n  - text: 'Seen {char} at the gate'\n"
    )
    _, warnings = _pdf(path)
    (warning,) = [w for w in warnings if "glyph" in w]
    assert warning.startswith("what[0].text: no installed font has a glyph for " + char)
    assert f"U+{ord(char):04X}" in warning


def test_covered_text_gives_no_warning(tmp_path: Path) -> None:
    path = _brief(tmp_path, "title: Quiet — “normal” text…\ndate: 2024-01-01\nassessment: 5 € ok\n")
    _, warnings = _pdf(path)
    assert warnings == []


def _png(path: Path, size: tuple[int, int] = (20, 10)) -> None:
    Image.new("RGB", size, "red").save(path, "PNG")


@pytest.mark.parametrize("kind", ["fake", "truncated", "oversized", "bad-svg"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_image_that_cannot_be_decoded_names_the_field(
    tmp_path: Path, kind: str, fmt: str
) -> None:
    name = "map.svg" if kind == "bad-svg" else "map.png"
    image = tmp_path / name
    if kind == "fake":
        image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 20)
    elif kind == "truncated":
        _png(image, (300, 200))
        image.write_bytes(image.read_bytes()[:-60])
    elif kind == "oversized":
        Image.new("1", (12_000, 12_000)).save(image, "PNG")  # small file, 144 megapixels
    else:
        image.write_text("<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", encoding="utf-8")
    path = _brief(
        tmp_path, f"title: T\ndate: 2024-01-01\nfigures:\n  - image: ok.png\n  - image: {name}\n"
    )
    _png(tmp_path / "ok.png")
    if fmt == "docx" and kind == "bad-svg":
        return  # a DOCX shows SVG figures as their caption only (warned elsewhere)
    with pytest.raises(RenderError, match=rf"figures\[1\]\.image: {name} "):
        sitrep.render(sitrep.load(path), fmt)


class _Trickle(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):  # one byte every 50 ms: 50 s in all, each read quick
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def trickle() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_remote_fetches_share_one_deadline(tmp_path: Path, trickle: str) -> None:
    house = tmp_path / "house"
    house.mkdir()
    links = "".join(f'<link rel="stylesheet" href="{trickle}/s{i}.css">' for i in range(3))
    (house / "intel-brief.html.j2").write_text(
        '{% extends "sitrep/intel-brief.html.j2" %}{% block extra_head %}'
        + links
        + "{% endblock %}",
        encoding="utf-8",
    )
    path = _brief(tmp_path, "title: T\ndate: 2024-01-01\n")
    started = time.monotonic()
    _, warnings = _pdf(path, template=str(house), allow_remote=True, remote_timeout=2.0)
    elapsed = time.monotonic() - started
    # Per-read timeouts would let each trickle run its full 50 s; the deadline is for all.
    assert elapsed < 20, elapsed
    late = [w for w in warnings if "ran past the 2 s allowed for the whole render" in w]
    assert len(late) == 3
