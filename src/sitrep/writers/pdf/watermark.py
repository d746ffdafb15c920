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

fontTools does not shape text. A label whose script needs shaping (right-to-left or joining
scripts, Indic and South-East Asian scripts, combining marks) or that holds a character no
installed font covers is left as text, with a warning: a watermark drawn wrong is worse than one
whose letters a text extractor finds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from sitrep.errors import RenderError
from sitrep.writers.options import Warn

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

# Blocks whose text needs a shaper (reordering, joining, reordered vowels, stacked marks).
_SHAPED_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
    (0x0900, 0x0DFF),  # Indic
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1700, 0x18AF),  # Philippine scripts, Khmer, Mongolian
    (0x1A00, 0x1CFF),  # Buginese ... Vedic extensions
    (0xA800, 0xABFF),  # Syloti Nagri ... Meetei Mayek
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0x10800, 0x11FFF),  # historic right-to-left and Brahmic scripts
    (0x1E800, 0x1EFFF),  # Mende Kikakui, Adlam, Arabic mathematical
)


@dataclass(frozen=True, slots=True)
class WatermarkOutline:
    """The word's glyphs as one path, in units of 1/1000 em, baseline and box included."""

    path: str
    """SVG path data: numbers and the commands M, L, H, V, Q, C, Z only."""
    width: int
    """The advance of the whole word, letter spacing included (1/1000 em)."""


def _needs_shaping(char: str) -> bool:
    code = ord(char)
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf"):
        return True
    if unicodedata.bidirectional(char) in ("R", "AL", "AN"):
        return True
    return any(lo <= code <= hi for lo, hi in _SHAPED_RANGES)


def _fc_match(pattern: str) -> tuple[str, int] | None:
    """The font file (and face index) fontconfig picks for `pattern`, if it can be asked."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, index = result.stdout.rpartition("|")
    if result.returncode != 0 or not file or not index.isdigit():
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


def _glyph_name(font: Any, code: int) -> str | None:
    cmap = font.getBestCmap() or {}
    name = cmap.get(code)
    return name if isinstance(name, str) else None


def _font_for(code: int) -> tuple[Any, str] | None:
    """The first font with a glyph for `code`, and that glyph's name."""
    candidates = list(_families())
    extra = None if any(_glyph_name(_font(*c), code) for c in candidates) else _fallback(code)
    if extra is not None:
        candidates.append(extra)
    for file, index in candidates:
        font = _font(file, index)
        name = _glyph_name(font, code)
        if name is not None and name != ".notdef":
            return font, name
    return None


def _kerning(font: Any, left: str, right: str) -> int:
    """The font's kerning between two glyphs (GPOS `kern` pair adjustments), in font units:
    Pango applies it under letter spacing too."""
    if "GPOS" not in font:
        return 0
    table = font["GPOS"].table
    if table.FeatureList is None or table.LookupList is None:
        return 0
    lookups = {
        index
        for record in table.FeatureList.FeatureRecord
        if record.FeatureTag == "kern"
        for index in record.Feature.LookupListIndex
    }
    for index in sorted(lookups):
        for subtable in table.LookupList.Lookup[index].SubTable:
            pair = getattr(subtable, "ExtSubTable", subtable)  # extension lookups (type 9)
            if getattr(pair, "LookupType", 2) != 2 or left not in pair.Coverage.glyphs:
                continue
            value = None
            if pair.Format == 1:
                pairs = pair.PairSet[pair.Coverage.glyphs.index(left)].PairValueRecord
                value = next((r.Value1 for r in pairs if r.SecondGlyph == right), None)
            elif pair.Format == 2:
                first = pair.ClassDef1.classDefs.get(left, 0)
                second = pair.ClassDef2.classDefs.get(right, 0)
                value = pair.Class1Record[first].Class2Record[second].Value1
            advance = getattr(value, "XAdvance", 0) if value is not None else 0
            if advance:
                return int(advance)
    return 0


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

    Cached per word: the fonts come from this process's fontconfig, the same for every call."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    word = unicodedata.normalize("NFC", word)
    shaped = sorted({char for char in word if _needs_shaping(char)})
    if shaped:
        names = ", ".join(f"U+{ord(char):04X}" for char in shaped[:5])
        return f"it holds characters that need text shaping ({names})"
    families = _families()
    if not families:
        return "fontconfig (fc-match) cannot be asked for its font"
    baseline = _baseline(_font(*families[0])) * _EM
    commands: list[str] = []
    x = 0.0
    previous: tuple[Any, str] | None = None
    for char in word:
        found = _font_for(ord(char))
        if found is None:
            return f"no installed font has a glyph for U+{ord(char):04X}"
        font, name = found
        scale = _EM / font["head"].unitsPerEm
        if previous is not None and previous[0] is font:
            x += _kerning(font, previous[1], name) * scale
        glyphs = font.getGlyphSet()
        pen = SVGPathPen(glyphs, ntos=lambda value: f"{round(value, 1):g}")  # glyphs: components
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        commands.append(pen.getCommands())
        x += glyphs[name].width * scale + LETTER_SPACING * _EM
        previous = found
    path = " ".join(command for command in commands if command)
    if not _PATH_DATA.fullmatch(path):  # fontTools' pen writes only these; never pass more on
        raise RenderError("the draft watermark's outline is not plain SVG path data")
    return WatermarkOutline(path, round(x))


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
