"""Text shaping with HarfBuzz, the shaper Pango (and so WeasyPrint) uses, through uharfbuzz.

The draft watermark (pdf/watermark.py) is drawn as glyph outlines, so it needs what Pango would
have set: which glyphs, in which order, how far apart (kerning, ligatures, joining forms, marks,
right-to-left runs). uharfbuzz is HarfBuzz's own Python binding, a maintained wheel: no
hand-written foreign-function declarations whose slightest mismatch with the C library would
crash the process. It is imported on first use; fonts are opened once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Glyph", "ShapingUnavailable", "has_glyph", "shape"]


class ShapingUnavailable(Exception):
    """HarfBuzz cannot be loaded, or a font file cannot be read by it."""


@dataclass(frozen=True, slots=True)
class Glyph:
    """One shaped glyph, in font units."""

    id: int
    cluster: int
    """The index in the text of the character this glyph starts from."""
    x_advance: int
    x_offset: int
    y_offset: int


def _harfbuzz() -> Any:
    try:
        import uharfbuzz
    except ImportError as error:  # a broken install: the watermark falls back to text
        raise ShapingUnavailable(f"the HarfBuzz binding cannot be loaded ({error})") from None
    return uharfbuzz


@lru_cache(maxsize=16)
def _font(file: str, index: int) -> Any:
    """A HarfBuzz font for one face of a font file, scaled in font units (kept for the process)."""
    hb = _harfbuzz()
    try:
        blob = hb.Blob.from_file_path(file)
    except (OSError, ValueError) as error:
        raise ShapingUnavailable(f"HarfBuzz cannot read the font file {file} ({error})") from None
    if len(blob) == 0:
        raise ShapingUnavailable(f"HarfBuzz cannot read the font file {file}")
    face = hb.Face(blob, index)
    font = hb.Font(face)
    font.scale = (face.upem, face.upem)
    return font


def has_glyph(file: str, index: int, code: int) -> bool:
    """Whether the font maps the character `code` to a glyph (its cmap, read by HarfBuzz)."""
    return _font(file, index).get_nominal_glyph(code) is not None


def shape(text: str, file: str, index: int) -> list[Glyph]:
    """The glyphs of `text` set in one font, in visual order (left to right), as HarfBuzz
    shapes them with the font's default features (kerning, ligatures, joining, marks)."""
    hb = _harfbuzz()
    buffer = hb.Buffer()
    data = text.encode("utf-8")
    buffer.add_utf8(data)
    buffer.guess_segment_properties()
    hb.shape(_font(file, index), buffer, {})
    return [
        Glyph(
            info.codepoint,
            # clusters are UTF-8 byte offsets: the watermark counts characters
            len(data[: info.cluster].decode("utf-8", "replace")),
            position.x_advance,
            position.x_offset,
            position.y_offset,
        )
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]
