"""A draft's watermark drawn as glyph outlines, so the PDF holds no text for it.

Drawn as text (even tagged as an artifact, which screen readers skip), the watermark's letters
reach `pdftotext`, copy and paste, search indexes and text-mining tools, interleaved with the
brief's own text. Here the word ("DRAFT v0.3", or a language's or a house's label) becomes the
outlines of its glyphs, read with fontTools from the font fontconfig picks for the watermark's
CSS (`var(--sans)`: Noto Sans bold, then Noto Sans CJK KR, then whatever installed font covers a
character), as one SVG path that WeasyPrint draws in the watermark's running element, where the
text was: same place, size, angle and colour. Margin-box content becomes a PDF artifact
(pdf/tagging.py), the drawing included.

Nothing of the label reaches the SVG as text: the path data is only numbers and the commands
M, L, H, V, Q, C and Z, written by fontTools' pen (and checked), and every number in the markup
is formatted here.

Each run of the word in one font is shaped by HarfBuzz (pdf/shaping.py), as Pango shapes the
text: kerning, joining forms, marks, right-to-left runs. A label holding a character no
installed font covers, or a system where HarfBuzz or fontconfig cannot be asked, keeps the
watermark as text, with a warning: a watermark drawn wrong is worse than one whose letters a text
extractor finds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from sitrep.errors import RenderError
from sitrep.writers.options import Warn
from sitrep.writers.pdf.fonts import fontconfig

__all__ = ["WatermarkOutline", "outline", "watermark_markup"]

# The watermark's CSS (templates/html/base.css, `.watermark`): keep these in step with it.
FAMILIES = ("Noto Sans", "Noto Sans CJK KR")
"""`var(--sans)` in base.css, without its generic `sans-serif` (the fallback below)."""
LETTER_SPACING = 0.05
"""`letter-spacing: 0.05em`, added after every character as WeasyPrint does."""
FILL = "#a0a0a0"
FILL_OPACITY = "0.22"
"""`color: rgba(160, 160, 160, 0.22)`."""

_EM = 1000  # path units per em
_PATH_DATA = re.compile(r"[MLHVQCZ0-9. -]*")


@dataclass(frozen=True, slots=True)
class WatermarkOutline:
    """The word's glyphs as one path, in units of 1/1000 em, baseline and box included."""

    path: str
    """SVG path data: numbers and the commands M, L, H, V, Q, C, Z only."""
    width: int
    """The advance of the whole word, letter spacing included (1/1000 em)."""


def _fc_match(pattern: str) -> tuple[str, int] | None:
    """The font file (and face index) fontconfig picks for `pattern`, if it can be asked."""
    found = fontconfig("fc-match", "-f", "%{file}|%{index}", pattern)
    file, _, index = (found or "").rpartition("|")
    if not file or not index.isdigit():
        return None
    return file, int(index)


@lru_cache(maxsize=16)
def _font(file: str, index: int) -> Any:
    """A font file, opened once per process (fontTools reads its tables on first use)."""
    from fontTools.ttLib import TTFont

    return TTFont(file, fontNumber=index, lazy=True)


@lru_cache(maxsize=8)
def _families() -> tuple[tuple[str, int], ...]:
    """The watermark's fonts, in the CSS order, as fontconfig resolves them (bold)."""
    found: list[tuple[str, int]] = []
    for family in FAMILIES:
        match = _fc_match(f"{family}:bold")
        if match is not None and match not in found:
            found.append(match)
    return tuple(found)


@lru_cache(maxsize=256)
def _fallback(code: int) -> tuple[str, int] | None:
    """fontconfig's pick of a bold sans font for one character the CSS fonts lack."""
    return _fc_match(f"sans-serif:bold:charset={code:x}")


def _font_for(code: int) -> tuple[str, int] | None:
    """The first of the watermark's fonts with a glyph for `code`, else fontconfig's pick."""
    from sitrep.writers.pdf.shaping import has_glyph

    for face in _families():
        if has_glyph(*face, code):
            return face
    extra = _fallback(code)
    return extra if extra is not None and has_glyph(*extra, code) else None


def _attaches(char: str) -> bool:
    """A mark, joiner or other invisible character: shaped with the character before it."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def _runs(word: str) -> list[tuple[str, tuple[str, int]]] | str:
    """The word cut where its font changes: (text, font face) in order, or why it cannot be."""
    runs: list[tuple[str, tuple[str, int]]] = []
    for char in word:
        if runs and _attaches(char):
            runs[-1] = (runs[-1][0] + char, runs[-1][1])
            continue
        face = _font_for(ord(char))
        if face is None:
            return f"no installed font has a glyph for U+{ord(char):04X}"
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs


def _baseline(font: Any) -> float:
    """Where the baseline sits in a 1 em line box (line-height: 1), from the top, in em.

    The font's ascent and descent (hhea, as Pango reads them) overflow the 1 em line equally
    above and below: the half-leading is negative."""
    hhea = font["hhea"]
    units = font["head"].unitsPerEm
    ascent, descent = hhea.ascent / units, -hhea.descent / units
    return float((1 - (ascent + descent)) / 2 + ascent)


@lru_cache(maxsize=32)
def outline(word: str) -> WatermarkOutline | str:
    """The word's outline, or why it cannot be drawn (a sentence for a warning).

    Each run of the word in one font is shaped by HarfBuzz, as Pango shapes it (kerning,
    joining, marks, right-to-left order), and its glyphs drawn by fontTools from the same font
    file. Runs follow each other left to right, in the word's order. Cached per word: the fonts
    come from this process's fontconfig, the same for every call."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    from sitrep.writers.pdf.shaping import ShapingUnavailable, shape

    word = unicodedata.normalize("NFC", word)
    families = _families()
    if not families:
        return "fontconfig (fc-match) cannot be asked for its font"
    try:
        runs = _runs(word)
        if isinstance(runs, str):
            return runs
        baseline = _baseline(_font(*families[0])) * _EM
        commands: list[str] = []
        x = 0.0
        for text, face in runs:
            font = _font(*face)
            scale = _EM / font["head"].unitsPerEm
            glyphs = font.getGlyphSet()
            shaped = shape(text, *face)
            for number, glyph in enumerate(shaped):
                name = font.getGlyphName(glyph.id)
                pen = SVGPathPen(glyphs, ntos=lambda value: f"{round(value, 1):g}")
                at = (x + glyph.x_offset * scale, baseline - glyph.y_offset * scale)
                glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, *at)))
                commands.append(pen.getCommands())
                x += glyph.x_advance * scale
                last = number + 1 == len(shaped) or shaped[number + 1].cluster != glyph.cluster
                if last and not _joins(text):
                    x += LETTER_SPACING * _EM  # after each character, as WeasyPrint spaces
    except ShapingUnavailable as error:
        return str(error)
    path = " ".join(command for command in commands if command)
    if not _PATH_DATA.fullmatch(path):  # fontTools' pen writes only these; never pass more on
        raise RenderError("the draft watermark's outline is not plain SVG path data")
    return WatermarkOutline(path, round(x))


def _joins(text: str) -> bool:
    """A run in a joining script (Arabic, Syriac, N'Ko, Mongolian): no letter spacing, which
    would break its letters apart."""
    return any(unicodedata.bidirectional(char) == "AL" for char in text)


def watermark_markup(word: str, warn: Warn) -> Markup:
    """The watermark's content: an SVG drawing of `word`, or the word as text (with a warning)
    when it cannot be drawn."""
    drawn = outline(word)
    if isinstance(drawn, str):
        warn(
            f"the draft watermark {word!r} is printed as text, so text extraction finds its "
            f"letters: {drawn}"
        )
        return Markup("%s") % word
    width = drawn.width
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:d} {_EM:d}" '
        f'style="width: {width / _EM:.3f}em; height: 1em">'
        f'<path fill="{FILL}" fill-opacity="{FILL_OPACITY}" d="{drawn.path}"/></svg>'
    )
