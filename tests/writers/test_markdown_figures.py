"""A figure caption of several paragraphs keeps its image in the Markdown output."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

import sitrep


def test_a_caption_of_two_paragraphs_stays_one_image(tmp_path: Path) -> None:
    # Found by tests/security/test_sandbox_output.py at the tradecraft merge: the blank line
    # between caption paragraphs ended the image, so the figure was lost.
    (tmp_path / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ndate: 2024-06-01\nfigures:\n  - image: map.png\n    credit: X\n"
        '    caption: "One.\\n\\nTwo."\n',
        "utf-8",
    )
    markdown = sitrep.render(sitrep.load(path), "md")
    assert isinstance(markdown, bytes)
    tokens = MarkdownIt("commonmark").parse(markdown.decode("utf-8"))
    images = [c for t in tokens for c in (t.children or []) if c.type == "image"]
    assert [(i.attrGet("src"), i.content) for i in images] == [("map.png", "One. Two.")]
    assert "Figure 1: One. Two. \\(X\\)" in markdown.decode("utf-8")
