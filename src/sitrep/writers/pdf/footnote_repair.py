"""Keep every footnote on its call's page: lay out, check the pages, break earlier, lay out again.

`footnote-policy: line` in base.css asks WeasyPrint to move a line whose note does not fit to the
next page, but WeasyPrint 70 does not always manage: it moves notes already on a page to the next
one to fit the first line of a later paragraph, leaves a note behind when a block is pushed to
the next page (upstream #1564), and reverses notes it moves together (#1924 and #2432 are
related). So after layout the pages are read (`footnote_layout`). On the first page whose notes
are not its calls' notes in call order, the page is ended where WeasyPrint's own measures say
its text and the notes called in it still fit, as a typesetter would: the rest moves to the next
page (`page_breaks`), and the document is laid out again. The layout before a forced break does
not change, so a repaired page holds and the next check starts after it: one more layout per
repaired page.

A note that cannot be placed on its call's page (one longer than the page) is printed where
WeasyPrint puts it, with one warning naming the note and the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.writers.options import Warn
from sitrep.writers.pdf.footnote_layout import (
    Box,
    Element,
    Fault,
    NoteLayout,
    first_fault,
    note_label,
    read_layout,
)
from sitrep.writers.pdf.hyphenation import set_hyphen_runs_ragged
from sitrep.writers.pdf.long_notes import continue_at_the_end
from sitrep.writers.pdf.page_breaks import HtmlTree, break_before_block, break_before_line

__all__ = ["render_with_notes_on_their_pages"]

_AVOID = ("avoid", "avoid-page")
_STOP_TAGS = frozenset({"html", "body"})
_HYPHEN_ROUNDS = 2  # times the repaired layout is set ragged where hyphens run, at most
_SLACK = 3.0  # CSS px kept free: a block's bottom padding and border are not in its lines


def render_with_notes_on_their_pages(html: Any, warn: Warn, **options: Any) -> Any:
    """Lay out WeasyPrint `html` until every note is on its call's page; the Document.

    Costs one layout, plus one per page that needed a repair (a page is retried with an earlier
    break only if WeasyPrint still does not fit it; the number of layouts is capped). Notes that
    cannot be placed get one warning: a note longer than a page names the notes it pushes on.
    """
    document = html.render(**options)
    layout = read_layout(document.pages)
    if set_hyphen_runs_ragged(layout):
        document = html.render(**options)  # first, as it moves every line after it
        layout = read_layout(document.pages)
    tree = HtmlTree(html.etree_element)
    too_long = _too_long(layout)
    continued = continue_at_the_end(too_long, layout, tree)
    if continued:  # the note's start stays at its foot, the rest runs on at the end
        document = html.render(**options)
        layout = read_layout(document.pages)
        tree = HtmlTree(html.etree_element)
        too_long = _too_long(layout)
    given_up = {id(note) for note in too_long}
    misplaced: list[Element] = []
    breaks: dict[int, int] = {}  # page -> number of its lines kept by the last forced break
    budget = 2 * len(document.pages) + 4
    for _round in range(_HYPHEN_ROUNDS + 1):
        while (fault := first_fault(layout, given_up)) is not None:
            keep = _lines_that_fit(fault, layout, given_up, breaks.get(fault.page))
            if budget == 0 or keep is None or not _break_after(fault.page, keep, layout, tree):
                given_up.add(id(fault.call.note))
                misplaced.append(fault.call.note)
                continue
            breaks[fault.page] = keep
            budget -= 1
            document = html.render(**options)
            layout = read_layout(document.pages)
        # a repair moves lines: the limit on hyphenated lines must hold on the final layout
        paragraphs = HtmlTree(html.etree_element)  # with the blocks the repair added
        if _round == _HYPHEN_ROUNDS or not set_hyphen_runs_ragged(layout, paragraphs):
            break
        document = html.render(**options)
        layout = read_layout(document.pages)
        breaks.clear()
    for note, entry in continued:
        warn(
            f"footnote {note_label(note, layout)} is longer than a page: it starts on page "
            f"{_call_page(note, layout)} and continues on page "
            f"{layout.first_page.get(id(entry), -1) + 1} in the notes at the end"
        )
    for message in _warnings(too_long, misplaced, layout):
        warn(message)
    return document


def _too_long(layout: NoteLayout) -> list[Element]:
    """Notes taller than a page's body with one line of text: no page can hold them."""
    out = []
    for call in layout.calls:
        body = layout.body_boxes.get(id(call.note))
        room = layout.page_bottoms[call.page] - layout.page_tops[call.page] - call.line.height
        if body is not None and body.margin_height() + layout.area_extra > room:
            out.append(call.note)
    return out


def _warnings(too_long: list[Element], misplaced: list[Element], layout: NoteLayout) -> list[str]:
    """One warning per note longer than a page (naming the notes it pushes on), one per other."""
    messages = []
    for index, note in enumerate(too_long):
        message = (
            f"footnote {note_label(note, layout)} is longer than a page: its call is on page "
            f"{_call_page(note, layout)}, and it is printed from page {_body_page(note, layout)}"
        )
        if index == 0 and misplaced:
            pushed = ", ".join(note_label(other, layout) for other in misplaced)
            message += f"; it also pushes footnote(s) {pushed} off their calls' pages"
        messages.append(message)
    if not too_long:
        messages.extend(
            f"footnote {note_label(note, layout)} could not be kept on page "
            f"{_call_page(note, layout)} with its call; it is printed on page "
            f"{_body_page(note, layout)}"
            for note in misplaced
        )
    return messages


def _call_page(note: Element, layout: NoteLayout) -> str:
    return next((str(c.page + 1) for c in layout.calls if c.note is note), "no page")


def _body_page(note: Element, layout: NoteLayout) -> str:
    for page, bodies in enumerate(layout.bodies):
        if any(body is note for body in bodies):
            return str(page + 1)
    return "no page"


@dataclass(frozen=True)
class _Line:
    box: Box
    chain: tuple[Box, ...]
    unit: Box | None  # the outermost block around it that must not be split


def _unit(chain: tuple[Box, ...]) -> Box | None:
    from weasyprint.formatting_structure import boxes

    for box in chain[1:]:
        element = getattr(box, "element", None)
        if element is None or element.tag in _STOP_TAGS:
            continue
        if str(box.style["break_inside"]) in _AVOID or isinstance(
            box, (boxes.TableRowBox, boxes.FlexBox, boxes.GridBox)
        ):
            return box
    return None


def _lines_that_fit(
    fault: Fault, layout: NoteLayout, given_up: set[int], before: int | None
) -> int | None:
    """How many of the page's lines to keep so that they and their notes fit; None if none.

    Only places where a page may break count: before a line outside unsplittable blocks, or
    before the first line of such a block. If the whole page fits, what follows it is pinned to
    the next page. `before` caps the count when this page's repair did not hold.
    """
    page = fault.page
    room = layout.page_bottoms[page] - _SLACK
    lines = [_Line(box, chain, _unit(chain)) for box, chain in layout.page_lines[page]]
    heights: dict[int, float] = {}  # id(line box) -> height of the notes called in it
    for call in layout.calls:
        body = layout.body_boxes.get(id(call.note))
        if call.page == page and body is not None and id(call.note) not in given_up:
            heights[id(call.line)] = heights.get(id(call.line), 0.0) + body.margin_height()
    notes_height = bottom = 0.0
    best: int | None = None
    for index, line in enumerate(lines):
        if before is not None and index >= before:
            break
        starts_unit = line.unit is None or line.unit is not lines[index - 1].unit
        extra = layout.area_extra if notes_height else 0.0
        if index > 0 and starts_unit and bottom + notes_height + extra <= room:
            best = index
        line_bottom = line.box.position_y + line.box.height
        if line.unit is not None:
            line_bottom = max(line_bottom, line.unit.position_y + line.unit.margin_height())
        bottom = max(bottom, line_bottom)
        notes_height += heights.get(id(line.box), 0.0)
    extra = layout.area_extra if notes_height else 0.0
    if before is None and bottom + notes_height + extra <= room:
        return len(lines)
    return best


def _break_after(page: int, keep: int, layout: NoteLayout, tree: HtmlTree) -> bool:
    """End `page` after its first `keep` lines (the rest, or the next page's start, moves on)."""
    on_page, rest = page, layout.page_lines[page][keep:]
    if not rest and page + 1 < len(layout.page_lines):
        on_page, rest = page + 1, layout.page_lines[page + 1][:1]
    if not rest:
        return False
    line, chain = rest[0]
    unit = _unit(chain)
    if unit is not None:
        return break_before_block(unit.element, on_page, layout, tree)
    container = chain[-1]
    lines = layout.lines.get(id(container.element), [])
    position = next((i for i, candidate in enumerate(lines) if candidate is line), 0)
    if position > 0 and break_before_line(container, lines, position, layout):
        return True
    return break_before_block(container.element, on_page, layout, tree)
