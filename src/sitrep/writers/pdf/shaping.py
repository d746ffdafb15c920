"""Text shaping with HarfBuzz, the shaper Pango (and so WeasyPrint) uses, through ctypes.

The draft watermark (pdf/watermark.py) is drawn as glyph outlines, so it needs what Pango would
have set: which glyphs, in which order, how far apart (kerning, ligatures, joining forms, marks,
right-to-left runs). HarfBuzz is already loaded by WeasyPrint's Pango; this module asks the same
library for only that, through ctypes (no compiler, and no C parser to load). Fonts are opened
once per process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Glyph", "ShapingUnavailable", "has_glyph", "shape"]


class _GlyphInfo(ctypes.Structure):
    _fields_ = [  # hb_glyph_info_t
        ("codepoint", ctypes.c_uint32),
        ("mask", ctypes.c_uint32),
        ("cluster", ctypes.c_uint32),
        ("var1", ctypes.c_uint32),
        ("var2", ctypes.c_uint32),
    ]


class _GlyphPosition(ctypes.Structure):
    _fields_ = [  # hb_glyph_position_t
        ("x_advance", ctypes.c_int32),
        ("y_advance", ctypes.c_int32),
        ("x_offset", ctypes.c_int32),
        ("y_offset", ctypes.c_int32),
        ("var", ctypes.c_uint32),
    ]


_POINTER = ctypes.c_void_p
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "hb_blob_create_from_file": (_POINTER, [ctypes.c_char_p]),
    "hb_blob_destroy": (None, [_POINTER]),
    "hb_blob_get_length": (ctypes.c_uint, [_POINTER]),
    "hb_face_create": (_POINTER, [_POINTER, ctypes.c_uint]),
    "hb_face_get_upem": (ctypes.c_uint, [_POINTER]),
    "hb_font_create": (_POINTER, [_POINTER]),
    "hb_font_set_scale": (None, [_POINTER, ctypes.c_int, ctypes.c_int]),
    "hb_font_get_nominal_glyph": (
        ctypes.c_int,
        [_POINTER, ctypes.c_uint32, ctypes.POINTER(ctypes.c_uint32)],
    ),
    "hb_buffer_create": (_POINTER, []),
    "hb_buffer_destroy": (None, [_POINTER]),
    "hb_buffer_add_utf8": (
        None,
        [_POINTER, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint, ctypes.c_int],
    ),
    "hb_buffer_guess_segment_properties": (None, [_POINTER]),
    "hb_shape": (None, [_POINTER, _POINTER, _POINTER, ctypes.c_uint]),
    "hb_buffer_get_glyph_infos": (
        ctypes.POINTER(_GlyphInfo),
        [_POINTER, ctypes.POINTER(ctypes.c_uint)],
    ),
    "hb_buffer_get_glyph_positions": (
        ctypes.POINTER(_GlyphPosition),
        [_POINTER, ctypes.POINTER(ctypes.c_uint)],
    ),
}


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


@lru_cache(maxsize=1)
def _library() -> Any:
    names = ("libharfbuzz.so.0", ctypes.util.find_library("harfbuzz"), "libharfbuzz.0.dylib")
    for name in names:
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        for function, (result, arguments) in _SIGNATURES.items():
            entry = getattr(library, function)
            entry.restype, entry.argtypes = result, arguments
        return library
    raise ShapingUnavailable("the HarfBuzz library (libharfbuzz) cannot be loaded")


@lru_cache(maxsize=16)
def _font(file: str, index: int) -> Any:
    """A HarfBuzz font for one face of a font file, scaled in font units (kept for the process)."""
    hb = _library()
    blob = hb.hb_blob_create_from_file(file.encode())
    if hb.hb_blob_get_length(blob) == 0:
        hb.hb_blob_destroy(blob)
        raise ShapingUnavailable(f"HarfBuzz cannot read the font file {file}")
    face = hb.hb_face_create(blob, index)
    font = hb.hb_font_create(face)
    upem = hb.hb_face_get_upem(face)
    hb.hb_font_set_scale(font, upem, upem)
    return font


def has_glyph(file: str, index: int, code: int) -> bool:
    """Whether the font maps the character `code` to a glyph (its cmap, read by HarfBuzz)."""
    glyph = ctypes.c_uint32()
    return bool(_library().hb_font_get_nominal_glyph(_font(file, index), code, ctypes.byref(glyph)))


def shape(text: str, file: str, index: int) -> list[Glyph]:
    """The glyphs of `text` set in one font, in visual order (left to right), as HarfBuzz
    shapes them with the font's default features (kerning, ligatures, joining, marks)."""
    hb = _library()
    buffer = hb.hb_buffer_create()
    try:
        data = text.encode("utf-8")
        hb.hb_buffer_add_utf8(buffer, data, len(data), 0, len(data))
        hb.hb_buffer_guess_segment_properties(buffer)
        hb.hb_shape(_font(file, index), buffer, None, 0)
        length = ctypes.c_uint()
        infos = hb.hb_buffer_get_glyph_infos(buffer, ctypes.byref(length))
        positions = hb.hb_buffer_get_glyph_positions(buffer, ctypes.byref(length))
        return [
            Glyph(
                int(infos[i].codepoint),
                len(data[: int(infos[i].cluster)].decode("utf-8", "replace")),
                int(positions[i].x_advance),
                int(positions[i].x_offset),
                int(positions[i].y_offset),
            )
            for i in range(length.value)
        ]
    finally:
        hb.hb_buffer_destroy(buffer)
