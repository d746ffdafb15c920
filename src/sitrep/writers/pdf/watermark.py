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
    height: int
    """The line's height: 1 em, or more when a fallback font's ascent or descent reaches out
    further than the first font's (as the text's line box did)."""


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


def _common(char: str) -> bool:
    """A character of no script of its own (space, digit, punctuation, symbol)."""
    return unicodedata.category(char)[0] in "ZPSN" and unicodedata.category(char) != "Nl"


def _attaches(char: str) -> bool:
    """A mark, joiner or other invisible character: shaped with the character before it."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def _runs(word: str, levels: list[int]) -> list[tuple[str, tuple[str, int]]] | str:
    """The word cut where its font or bidi level changes: (text, font face) in order, or why it
    cannot be."""
    from sitrep.writers.pdf.shaping import has_glyph

    runs: list[tuple[str, tuple[str, int]]] = []
    for index, char in enumerate(word):
        if runs and _attaches(char):
            runs[-1] = (runs[-1][0] + char, runs[-1][1])
            continue
        face = _font_for(ord(char))
        same_level = index > 0 and levels[index - 1] == levels[index]
        if runs and same_level and _common(char) and has_glyph(*runs[-1][1], ord(char)):
            face = runs[-1][1]  # Pango keeps spaces, digits, punctuation in the run's font
        if face is None:
            return f"no installed font has a glyph for U+{ord(char):04X}"
        if runs and runs[-1][1] == face and levels[index - 1] == levels[index]:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs


_RTL = ("R", "AL")
_NUMBERS = ("EN", "AN")


def _levels(word: str) -> list[int]:
    """Each character's embedding level by a short form of the Unicode bidi algorithm, in a
    left-to-right paragraph (as the watermark's is): right-to-left letters 1, numbers after
    them 2, neutrals between two right-to-left sides 1, the rest 0."""
    kinds = [unicodedata.bidirectional(char) for char in word]
    for index in range(1, len(kinds) - 1):  # W4: "0.3", "1,5" are one number
        if kinds[index] in ("CS", "ES") and kinds[index - 1] == kinds[index + 1] in _NUMBERS:
            kinds[index] = kinds[index - 1]
    for index, kind in enumerate(kinds):  # W5: "%" and "$" next to a number belong to it
        near = kinds[max(index - 1, 0) : index + 2]
        if kind == "ET" and "EN" in near:
            kinds[index] = "EN"
    strong: list[str | None] = []  # the strong direction before each character (or None)
    last: str | None = None
    for kind in kinds:
        strong.append(last)
        if kind == "L" or kind in _RTL:
            last = kind
    levels: list[int] = []
    for index, kind in enumerate(kinds):
        before_rtl = strong[index] in _RTL
        if kind in _RTL:
            levels.append(1)
        elif kind == "L":
            levels.append(0)
        elif kind in _NUMBERS:
            levels.append(2 if before_rtl or kind == "AN" else 0)
        else:  # neutral: right to left only between right-to-left letters (or their numbers)
            after = next((k for k in kinds[index + 1 :] if k == "L" or k in _RTL + _NUMBERS), None)
            levels.append(1 if before_rtl and after is not None and after != "L" else 0)
    return levels


def _visual_order(runs: list[tuple[str, tuple[str, int]]], levels: list[int]) -> list[int]:
    """The runs' indices left to right: each stretch of runs at level n or more is reversed,
    from the highest level down to 1 (rule L2). A run's level is its first character's."""
    starts, position = [], 0
    for text, _ in runs:
        starts.append(levels[position] if text else 0)
        position += len(text)
    order = list(range(len(runs)))
    for level in range(max(starts, default=0), 0, -1):
        index = 0
        while index < len(order):
            if starts[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and starts[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return order


def _extent(font: Any) -> tuple[float, float]:
    """A font's ascent and descent in em (hhea, as Pango reads them)."""
    hhea, units = font["hhea"], font["head"].unitsPerEm
    return hhea.ascent / units, -hhea.descent / units


def _line(first: Any, fonts: list[Any]) -> tuple[float, float]:
    """The line box WeasyPrint makes for the word at `line-height: 1`: (baseline from the top,
    height) in em.

    The text's box is 1 em tall around the tallest ascent and deepest descent of the fonts it
    uses (Pango's line), overflowing it equally above and below; the line also holds a strut of
    the first font. A taller fallback font (CJK, Devanagari) so moves the baseline and the line's
    middle, about which the watermark turns, as it did for the text."""
    fonts = fonts or [first]
    ascent = max(_extent(font)[0] for font in fonts)
    descent = max(_extent(font)[1] for font in fonts)
    strut_ascent, strut_descent = _extent(first)
    above = max((1 + ascent - descent) / 2, (1 + strut_ascent - strut_descent) / 2)
    below = max((1 - ascent + descent) / 2, (1 - strut_ascent + strut_descent) / 2)
    return float(above), float(above + below)


@lru_cache(maxsize=32)
def outline(word: str) -> WatermarkOutline | str:
    """The word's outline, or why it cannot be drawn (a sentence for a warning).

    Each run of the word in one font is shaped by HarfBuzz, as Pango shapes it (kerning,
    joining, marks, right-to-left order), and its glyphs drawn by fontTools from the same font
    file. Runs are laid out left to right in bidi order (a right-to-left phrase of several runs
    reads from the right). Cached per word: the fonts come from this process's fontconfig, the
    same for every call."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    from sitrep.writers.pdf.shaping import ShapingUnavailable, shape

    word = unicodedata.normalize("NFC", word)
    families = _families()
    if not families:
        return "fontconfig (fc-match) cannot be asked for its font"
    try:
        levels = _levels(word)
        runs = _runs(word, levels)
        if isinstance(runs, str):
            return runs
        variable = next((f for _, f in runs if f[1] >> 16 or "fvar" in _font(*f)), None)
        if variable is not None:  # its outlines would need the instance's axis values
            return f"its font {variable[0]} is a variable font, which is not drawn yet"
        top, height = _line(_font(*families[0]), [_font(*face) for _, face in runs])
        baseline = top * _EM
        commands: list[str] = []
        x = 0.0
        for text, face in (runs[index] for index in _visual_order(runs, levels)):
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
                if last:  # after each character (HarfBuzz cluster), Arabic too, as Pango does
                    x += LETTER_SPACING * _EM
    except ShapingUnavailable as error:
        return str(error)
    path = " ".join(command for command in commands if command)
    if not _PATH_DATA.fullmatch(path):  # fontTools' pen writes only these; never pass more on
        raise RenderError("the draft watermark's outline is not plain SVG path data")
    return WatermarkOutline(path, round(x), round(height * _EM))


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
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:d} {drawn.height:d}" '
        f'style="width: {width / _EM:.3f}em; height: {drawn.height / _EM:.3f}em">'
        f'<path fill="{FILL}" fill-opacity="{FILL_OPACITY}" d="{drawn.path}"/></svg>'
    )
