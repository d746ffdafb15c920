"""A draft's watermark is drawn, not written: on the finished PDF, no text extractor finds its
letters, in any language or with a house's own label, and every page still shows it.

Checked on the written file: pdfplumber reads every character of every page, pypdfium2 paints
the pages. The watermark is set in 80 pt type (base.css), so any character that large is its.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

import sitrep
from sitrep.labels import labels_for
from sitrep.model import Brief
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf import watermark
from sitrep.writers.pdf.writer import write_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "draft-banner" / "brief.yaml"
WATERMARK_SIZE = 40  # pt: no text of the brief is set this large; the watermark is 80 pt


def _pdf(brief: Brief, template: Path | None = None, warnings: list[str] | None = None) -> bytes:
    warn = warnings.append if warnings is not None else lambda _: None
    return write_pdf(resolve(brief), RenderOptions(template=template, warn=warn))


def _page_chars(data: bytes) -> list[list[dict[str, object]]]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [page.chars for page in document.pages]


def _slanted(char: dict[str, object]) -> bool:
    matrix = char["matrix"]
    return isinstance(matrix, tuple) and abs(float(matrix[1])) > 0.01


@pytest.fixture(scope="module")
def draft() -> Brief:
    return sitrep.load(FIXTURE)


def _house(folder: Path, label: str) -> Path:
    (folder / "locale").mkdir(parents=True, exist_ok=True)
    escaped = label.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "locale" / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'msgctxt "draft_version"\nmsgid "DRAFT v{{version}}"\nmsgstr "{escaped} v{{version}}"\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("language", ["en", "nl", "de", "fr"])
def test_no_page_holds_the_watermarks_letters(draft: Brief, language: str) -> None:
    brief = draft.model_copy(update={"language": language}).validated()
    word = labels_for(language, "intel-brief").format("draft_version", version="0.3")
    warnings: list[str] = []
    pages = _page_chars(_pdf(brief, warnings=warnings))
    for number, chars in enumerate(pages, 1):
        large = "".join(str(c["text"]) for c in chars if float(str(c["size"])) > WATERMARK_SIZE)
        slanted = "".join(str(c["text"]) for c in chars if _slanted(c))
        assert (large, slanted) == ("", ""), (language, word, number)
    assert not [w for w in warnings if "watermark" in w]


@pytest.mark.parametrize(
    "label",
    [
        "ЧЕРНОВИК",  # Cyrillic
        "ΠΡΟΣΧΕΔΙΟ",  # Greek
        "草稿 초안",  # Han and Hangul: drawn from Noto Sans CJK
        "مسودة",  # Arabic: joined, right to left (HarfBuzz shapes it)
        "मसौदा",  # Devanagari: a reordered vowel sign
        '</svg><script>alert("x")</script> & <b>',  # markup: drawn as glyphs, never passed on
    ],
)
def test_a_house_label_is_drawn_too(draft: Brief, label: str, tmp_path: Path) -> None:
    warnings: list[str] = []
    data = _pdf(draft, _house(tmp_path / "house", label), warnings)
    assert not [w for w in warnings if "watermark" in w]
    for number, chars in enumerate(_page_chars(data), 1):  # the kicker says it, as text
        large = "".join(str(c["text"]) for c in chars if float(str(c["size"])) > WATERMARK_SIZE)
        slanted = "".join(str(c["text"]) for c in chars if _slanted(c))
        assert (large, slanted) == ("", ""), (label, number)


def _grey(data: bytes, page: int) -> list[int]:
    document = pypdfium2.PdfDocument(data)
    image = document[page].render(scale=40 / 72, grayscale=True).to_pil()
    return list(image.convert("L").tobytes()), image.size  # type: ignore[return-value]


def test_every_page_still_shows_the_watermark_light_and_diagonal(draft: Brief) -> None:
    final = draft.model_copy(update={"status": "final"}).validated()
    drafted, plain = _pdf(draft), _pdf(final)
    assert len(_page_chars(drafted)) == len(_page_chars(plain)) >= 3
    for page in range(1, len(_page_chars(drafted))):  # page 1's kicker differs too
        (dark, size), (light, _) = _grey(drafted, page), _grey(plain, page)
        width, height = size
        marked = [i for i, (a, b) in enumerate(zip(dark, light, strict=True)) if b - a >= 6]
        assert len(marked) > 0.01 * width * height, page  # a large word, not a speck
        assert all(light[i] - dark[i] <= 70 for i in marked)  # translucent grey, not ink
        xs = [i % width for i in marked]
        ys = [i // width for i in marked]
        # across the middle of the page, rising from lower left to upper right
        assert max(xs) - min(xs) > 0.5 * width and max(ys) - min(ys) > 0.35 * height
        left = [y for x, y in zip(xs, ys, strict=True) if x < min(xs) + 0.2 * width]
        right = [y for x, y in zip(xs, ys, strict=True) if x > max(xs) - 0.2 * width]
        assert sum(left) / len(left) > sum(right) / len(right)


def _translucent_fills(page: pikepdf.Page) -> list[tuple[float, bool]]:
    """(opacity, inside an /Artifact sequence) of every fill on the page drawn less than opaque."""
    states = page.Resources.get("/ExtGState", {})
    opacity, saved, marked = 1.0, [], []
    fills: list[tuple[float, bool]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "q":
            saved.append(opacity)
        elif name == "Q":
            opacity = saved.pop()
        elif name == "gs":
            opacity = float(states[operands[0]].get("/ca", opacity))
        elif name in ("BDC", "BMC"):
            marked.append(str(operands[0]))
        elif name == "EMC":
            marked.pop()
        elif name in ("f", "f*", "F", "B", "B*") and opacity < 1:
            fills.append((opacity, "/Artifact" in marked))
    return fills


def test_the_drawing_is_a_translucent_artifact_fill_on_every_page(draft: Brief) -> None:
    data = write_pdf(resolve(draft), RenderOptions(pdf_variant="pdf/ua-1", warn=lambda _: None))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            fills = _translucent_fills(page)
            assert [opacity for opacity, _ in fills] == [pytest.approx(0.22)], number
            assert all(artifact for _, artifact in fills), number


SHORT = {
    "title": "Port closures on the northern coast",
    "date": "2025-06-12",
    "authors": ["A. Analyst"],
    "status": "draft",
    "version": "0.3",
    "assessment": "Short.",
}


def _render_first_page(brief: Brief, template: Path | None, as_text: bool) -> list[int]:
    """Page 1 in grey, with the watermark drawn as outlines or, as before, set as text."""
    original = watermark.outline
    if as_text:
        watermark.outline = lambda word: "set as text, for comparison"  # type: ignore[assignment]
    try:
        data = _pdf(brief, template)
    finally:
        watermark.outline = original
    pixels, _ = _grey(data, 0)
    return pixels


@pytest.mark.parametrize(
    "label",
    [
        None,  # DRAFT v0.3
        "CONCEPT",
        "ΠΡΟΣΧΕΔΙΟ",
        "草稿 초안",
        "مسودة أولى",  # two Arabic words: the first on the right
        "טיוטה ראשונה",
        "טיוטה 2",  # a number in right-to-left text: "2" stands left of the Hebrew
        "मसौदा",
    ],
)
def test_the_drawing_looks_as_the_text_did(label: str | None, tmp_path: Path) -> None:
    # The outlines cover what Pango's text covered: same glyphs, place, size, angle, order.
    brief = Brief.model_validate(SHORT)
    template = _house(tmp_path / "house", label) if label else None
    final = _render_first_page(
        Brief.model_validate({**SHORT, "status": "final"}), template, as_text=False
    )
    drawn = _render_first_page(brief, template, as_text=False)
    text = _render_first_page(brief, template, as_text=True)
    mark = [i for i, (t, f) in enumerate(zip(text, final, strict=True)) if f - t >= 4]
    differ = [i for i, (d, t) in enumerate(zip(drawn, text, strict=True)) if abs(d - t) >= 8]
    assert len(mark) > 1000
    # A shifted baseline differed on a third of the pixels, a wrong word order on nearly all;
    # what differs here is where the text's glyphs overlapped (Arabic joins, the Devanagari
    # headline): painted twice at 22 % as text, once as one path.
    assert len(differ) < 0.15 * len(mark), (label, len(differ), len(mark))


def test_a_label_no_font_can_draw_stays_text_with_a_warning(draft: Brief, tmp_path: Path) -> None:
    warnings: list[str] = []
    label = "DRAFT \u0378"  # an unassigned code point: no font has a glyph for it
    data = _pdf(draft, _house(tmp_path / "house", label), warnings)
    assert [w for w in warnings if "watermark" in w and "U+0378" in w]
    assert len(_page_chars(data)) >= 3  # rendered, with the watermark as text


_DRAWING = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \d+ \d+" '
    r'style="width: [\d.]+em; height: [\d.]+em"><path fill="#a0a0a0" fill-opacity="0.22" '
    r'd="[MLHVQCZ0-9. -]+"/></svg>'
)


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12))
def test_the_drawing_is_numbers_only_whatever_the_label(label: str) -> None:
    # Any label: either a drawing made of numbers and path commands only, or, with a warning,
    # the label as escaped text (the watermark as it was).
    warnings: list[str] = []
    markup = watermark.watermark_markup(f'"><script>{label}', warnings.append)
    assert isinstance(markup, Markup)
    if warnings:
        assert markup == escape(f'"><script>{label}')
    else:
        assert _DRAWING.fullmatch(str(markup)), markup


def test_outlines_are_made_once_per_word() -> None:
    watermark.outline.cache_clear()
    first = watermark.outline("DRAFT v9.9")
    assert watermark.outline("DRAFT v9.9") is first
    assert watermark.outline.cache_info().hits == 1


def test_a_variable_font_keeps_the_text_watermark(monkeypatch: pytest.MonkeyPatch) -> None:
    # fontconfig names a variable font's named instance by index (instance << 16): its outlines
    # would need the instance's axis values, so the word stays text, with the reason.
    file, _ = watermark._families()[0]
    monkeypatch.setattr(watermark, "_font_for", lambda code: (file, 3 << 16))
    watermark.outline.cache_clear()
    try:
        reason = watermark.outline("DRAFT")
    finally:
        watermark.outline.cache_clear()
    assert isinstance(reason, str) and "variable font" in reason


def test_without_harfbuzz_the_watermark_is_text_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken install (the uharfbuzz wheel missing) still renders: the word as text, and a
    warning that says why, never a crash."""
    from sitrep.writers.pdf import shaping

    def missing() -> None:
        raise shaping.ShapingUnavailable("the HarfBuzz binding cannot be loaded (test)")

    monkeypatch.setattr(shaping, "_harfbuzz", missing)
    shaping._font.cache_clear()
    watermark.outline.cache_clear()
    warnings: list[str] = []
    try:
        markup = watermark.watermark_markup("DRAFT", warnings.append)
    finally:
        shaping._font.cache_clear()
        watermark.outline.cache_clear()
    assert str(markup) == "DRAFT"
    assert warnings == [
        "the draft watermark 'DRAFT' is printed as text, so text extraction finds its letters: "
        "the HarfBuzz binding cannot be loaded (test)"
    ]


@settings(max_examples=10, deadline=None)
@given(
    version=st.text(
        st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=8,
    ),
    language=st.sampled_from(["en", "nl", "de", "fr"]),
)
def test_no_draft_shows_its_watermarks_letters(version: str, language: str) -> None:
    # Any version (the brief's own text, part of the watermark) in any catalog language: the
    # PDF's text holds no watermark letter, unless the render said it had to set it as text.
    try:
        brief = Brief.model_validate({**SHORT, "version": version, "language": language})
    except ValueError:
        return  # a version the model refuses never reaches the watermark
    warnings: list[str] = []
    pages = _page_chars(_pdf(brief, warnings=warnings))
    if [w for w in warnings if "watermark" in w]:
        return
    for chars in pages:
        assert not [c for c in chars if float(str(c["size"])) > WATERMARK_SIZE or _slanted(c)]
