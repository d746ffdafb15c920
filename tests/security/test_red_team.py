"""Finds of the outside red team, kept as specifications: each once let a stranger's brief or
a careless command do harm."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep
from sitrep.cli import main

CSL = [{"id": "a", "type": "report", "title": "Port authority report"}]
BIB = "@report{a,\n  title = {Port authority report},\n  year = {2023}\n}\n"


def sitrep_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def brief_reading(folder: Path, name: str, sources: str) -> Path:
    path = folder / name
    path.write_text(
        f"title: Dock strike\ndate: 2023-09-15\nsources: {sources}\nassessment: Likely [@a].\n",
        encoding="utf-8",
    )
    return path


# F1: an output never replaces the source list (CSL-JSON, .bib) the brief reads.


def test_the_default_stix_output_over_the_briefs_csl_file_is_refused(tmp_path: Path) -> None:
    csl = tmp_path / "brief.stix.json"
    csl.write_text(json.dumps(CSL), encoding="utf-8")
    brief_reading(tmp_path, "brief.yaml", "brief.stix.json")
    before = csl.read_bytes()
    result = sitrep_cli("render", "brief.yaml", "-f", "stix", cwd=tmp_path)
    assert result.returncode == 1
    assert "the source list brief.stix.json, which the brief uses" in result.stderr
    assert csl.read_bytes() == before


@pytest.mark.parametrize(("name", "text"), [("refs.json", json.dumps(CSL)), ("refs.bib", BIB)])
def test_an_explicit_output_over_the_source_list_is_refused(
    tmp_path: Path, name: str, text: str
) -> None:
    source_list = tmp_path / name
    source_list.write_text(text, encoding="utf-8")
    brief = brief_reading(tmp_path, "note.yaml", name)
    assert main(["render", "-q", str(brief), "-o", str(source_list), "-f", "md"]) == 1
    assert source_list.read_text(encoding="utf-8") == text
    with pytest.raises(sitrep.RenderError, match="the source list"):
        sitrep.render(sitrep.load(brief), source_list, format="md")
    assert source_list.read_text(encoding="utf-8") == text


def test_a_batch_never_writes_one_briefs_output_over_anothers_source_list(
    tmp_path: Path,
) -> None:
    csl = tmp_path / "b.stix.json"
    csl.write_text(json.dumps(CSL), encoding="utf-8")
    brief_reading(tmp_path, "a.yaml", "b.stix.json")
    (tmp_path / "b.yaml").write_text("title: B\ndate: 2023-09-15\n", encoding="utf-8")
    before = csl.read_bytes()
    for order in (("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")):
        result = sitrep_cli("render", *order, "-o", "./", "-f", "stix", cwd=tmp_path)
        assert result.returncode == 1
        assert "is the source list b.stix.json which the brief a.yaml reads" in result.stderr
        assert csl.read_bytes() == before
        assert not (tmp_path / "a.stix.json").exists()


# F2: a run never writes over the templates it renders with.

NOTE = "---\ntitle: Port strike\ndate: 2023-09-15\n---\n## Assessment\nDockers walked out.\n"


def test_an_output_over_the_word_template_is_refused(tmp_path: Path) -> None:
    from sitrep.resources import templates_dir

    template = tmp_path / "house.docx"
    template.write_bytes((templates_dir() / "docx" / "analysis.docx").read_bytes())
    before = template.read_bytes()
    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    result = sitrep_cli(
        "render", "note.md", "-o", "house.docx", "--template", "house.docx", cwd=tmp_path
    )
    assert result.returncode == 1 and "this output is the template house.docx" in result.stderr
    assert template.read_bytes() == before
    with pytest.raises(sitrep.RenderError, match="this output is the template"):
        sitrep.render(sitrep.load(note), template, template=template)
    assert template.read_bytes() == before


@pytest.mark.parametrize("name", ["intel-brief.html.j2", "house.css", "sub/new.html"])
def test_an_output_inside_the_template_folder_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "tpl"
    (folder / "sub").mkdir(parents=True)
    (folder / "house.css").write_text("body { color: black }\n", encoding="utf-8")
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    result = sitrep_cli(
        "render", "note.md", "-o", f"tpl/{name}", "-f", "html", "--template", "tpl", cwd=tmp_path
    )
    assert result.returncode == 1 and "inside the template folder tpl" in result.stderr
    assert (folder / "house.css").read_text(encoding="utf-8") == "body { color: black }\n"
    assert sorted(p.name for p in folder.rglob("*")) == ["house.css", "sub"]
    assert (
        main(
            [
                "render",
                "-q",
                str(tmp_path / "note.md"),
                "-o",
                str(tmp_path / "ok.html"),
                "--template",
                str(folder),
            ]
        )
        == 0
    )


# F3: a hostile template fails as a template error naming it, never as "internal error".


def word_template(folder: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    path = folder / "house.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "tag",
    [
        "{% include '/etc/passwd' %}",
        "{% import 'x' as y %}{{ y }}",
        "{% extends 'base' %}",
        "{{ range(10**9)|list }}",
        "{{ 1 // 0 }}",
    ],
)
def test_a_hostile_word_template_is_a_template_error(tmp_path: Path, tag: str) -> None:
    template = word_template(tmp_path, tag)
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    result = sitrep_cli("render", "note.md", "-o", "o.docx", "--template", template, cwd=tmp_path)
    assert result.returncode == 1
    assert "sitrep: error: Word template house.docx: " in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("tag", ["{{ range(10**9)|list }}", "{{ 1 // 0 }}"])
def test_a_hostile_html_template_is_a_template_error(tmp_path: Path, tag: str) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "intel-brief.html.j2").write_text(tag, encoding="utf-8")
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    result = sitrep_cli("render", "note.md", "-o", "o.html", "--template", "tpl", cwd=tmp_path)
    assert result.returncode == 1
    assert "sitrep: error: HTML template intel-brief.html.j2" in result.stderr
    assert "internal error" not in result.stderr


# F4: a note's text never becomes a link reference definition in plain CommonMark.

NOTE_TEXTS = [
    "http://127.0.0.1:8765/x.png",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "<http://127.0.0.1:8765/x>",
    'http://example.org/a "a title"',
    "http://example.org/a (a title)",
    "/relative/path",
    "See the port authority report.",
]


def test_footnotes_stay_footnotes_and_never_links(tmp_path: Path) -> None:
    import shutil

    from markdown_it import MarkdownIt

    calls = " ".join(f"Said^[{text}]." for text in NOTE_TEXTS)
    brief = tmp_path / "brief.json"
    brief.write_text(
        json.dumps({"title": "Notes", "date": "2023-09-15", "assessment": calls}), encoding="utf-8"
    )
    out = tmp_path / "brief.md"
    assert main(["render", "-q", str(brief), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("[^") == 2 * len(NOTE_TEXTS)
    assert "&#" not in text  # the guard is invisible: no entity printed after a short note
    permissive = MarkdownIt("commonmark")
    permissive.validateLink = lambda url: True  # type: ignore[method-assign]
    env: dict[str, object] = {}
    tokens = permissive.parse(text, env)
    assert env.get("references") in (None, {})
    links = [t for block in tokens for t in block.children or () if t.type == "link_open"]
    assert links == []
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    for flavour in ("gfm", "markdown"):
        html = subprocess.run(
            ["pandoc", "-f", flavour, "-t", "html"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert html.count('class="footnote-ref"') == len(NOTE_TEXTS), flavour
        assert "127.0.0.1:8765/x.png" in html and "a title" in html


# F5: a remote figure the brief lists that cannot be fetched stops the render, naming the field.


@pytest.fixture
def hostile_server() -> Iterator[str]:
    import http.server
    import threading
    import time

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/to-file.png":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
            elif self.path == "/slow.png":
                time.sleep(2)
                self.send_response(404)
            else:
                self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", ["missing.png", "to-file.png", "slow.png"])
def test_a_listed_remote_figure_that_fails_stops_the_render(
    tmp_path: Path, hostile_server: str, name: str
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: local.svg\n    caption: Local\n"
        f"  - image: {hostile_server}/{name}\n    caption: Remote\n",
        encoding="utf-8",
    )
    (tmp_path / "local.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8"
    )
    out = tmp_path / "brief.pdf"
    with pytest.raises(sitrep.RenderError, match=r"figures\[1\]\.image: .* could not be fetched"):
        sitrep.render(sitrep.load(brief), out, allow_remote=True, remote_timeout=0.5)
    assert not out.exists()


# F6: an image nested in an SVG figure is checked like the figure itself.


def huge_png_header() -> bytes:
    """A PNG whose header claims 20,000 × 20,000 pixels (a decompression bomb's shape)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.parametrize("how", ["file", "data", "xlink data"])
def test_a_bad_image_inside_an_svg_figure_stops_the_render(tmp_path: Path, how: str) -> None:
    import base64

    png = huge_png_header()
    (tmp_path / "bomb.png").write_bytes(png)
    href = (
        "bomb.png" if how == "file" else "data:image/png;base64," + base64.b64encode(png).decode()
    )
    attribute = "xlink:href" if how.startswith("xlink") else "href"
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image {attribute}="{href}" width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: map.svg\n    caption: Map\n",
        encoding="utf-8",
    )
    out = tmp_path / "brief.pdf"
    with pytest.raises(sitrep.RenderError, match=r"figures\[0\]\.image: map\.svg \(its image"):
        sitrep.render(sitrep.load(brief), out)
    assert not out.exists()


def test_a_replaced_output_drops_setuid_and_setgid(tmp_path: Path) -> None:
    import stat

    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o6755)
    assert main(["render", "-q", str(tmp_path / "note.md"), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert out.read_text(encoding="utf-8") != "old"


@pytest.mark.parametrize("name", ["base", "_blocks", "_notes"])
def test_a_brief_cannot_pick_a_part_of_a_layout_as_its_template(tmp_path: Path, name: str) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(f"title: T\ndate: 2023-09-15\ntemplate: {name}\n", encoding="utf-8")
    with pytest.raises(sitrep.RenderError, match=f"template: '{name}' is not a layout"):
        sitrep.render(sitrep.load(brief), tmp_path / "out.html")
    assert not (tmp_path / "out.html").exists()


def test_an_unreadable_image_error_names_the_file_not_a_buffer() -> None:
    from sitrep.writers.images import check_image

    with pytest.raises(sitrep.RenderError) as caught:
        check_image(b"\x89PNG not really", "figures[0].image", "map.png")
    assert "BytesIO" not in str(caught.value) and "map.png" in str(caught.value)


def test_a_refused_link_does_not_say_where_it_leads(tmp_path: Path) -> None:
    folder = tmp_path / "brief"
    folder.mkdir()
    secret = tmp_path / "hidden-place" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"x")
    (folder / "map.png").symlink_to(secret)
    brief = folder / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-15\nfigures:\n  - image: map.png\n    caption: Map\n",
        encoding="utf-8",
    )
    with pytest.raises(sitrep.RenderError) as caught:
        sitrep.render(sitrep.load(brief), folder / "out.html")
    assert "leads outside" in str(caught.value) and "hidden-place" not in str(caught.value)
