"""Where WeasyPrint put each footnote: read from its laid-out pages, not from the HTML.

WeasyPrint 70 sometimes prints a footnote body on the page after its call (a note that does not
fit is moved on while its call stays), on the page before it (a block laid out with its call and
note, then pushed to the next page, leaves the note behind: upstream #1564), in the wrong order
(notes moved on together arrive reversed) or not at all. `read_layout` finds every call and every
note body in the page boxes; `first_fault` names the first page where they disagree.

A note is identified by its HTML element (the `float: footnote` box's element), so the reading
does not depend on the numbers a template prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

__all__ = ["Call", "Fault", "NoteLayout", "first_fault", "note_label", "read_layout"]

Box = Any  # a weasyprint.formatting_structure.boxes.Box (WeasyPrint ships no type hints)
Element = Any  # an ElementTree element of WeasyPrint's parsed HTML


@dataclass(frozen=True)
class Call:
    """One footnote call as laid out: its note, its page and the line that holds it."""

    note: Element
    page: int  # 0-based page index
    line: Box  # the LineBox holding the call
    chain: tuple[Box, ...]  # the boxes from the page's root box down to the line's block container


@dataclass
class NoteLayout:
    """Every call and note body of a laid-out document, page by page."""

    calls: list[Call] = field(default_factory=list)  # in reading order
    bodies: list[list[Element]] = field(default_factory=list)  # page -> notes printed there
    body_boxes: dict[int, Box] = field(default_factory=dict)  # id(note) -> its first body box
    lines: dict[int, list[Box]] = field(default_factory=dict)  # id(element) -> its line boxes
    page_lines: list[list[tuple[Box, tuple[Box, ...]]]] = field(default_factory=list)
    """Per page, the flow's line boxes in reading order, each with its block ancestors."""
    first_page: dict[int, int] = field(default_factory=dict)  # id(element) -> first page it is on
    boxes: dict[int, Box] = field(default_factory=dict)  # id(element) -> its first box
    page_tops: list[float] = field(default_factory=list)  # top of each page's content box
    page_bottoms: list[float] = field(default_factory=list)  # bottom of each page's content box
    area_extra: float = 0.0  # a footnote area's margins, borders and padding


@dataclass(frozen=True)
class Fault:
    """The first page whose notes are not the notes of its calls, in call order."""

    page: int  # 0-based page index
    call: Call  # the call to move: from here on, the page is wrong


def note_label(note: Element, layout: NoteLayout) -> str:
    """The note's number as printed (data-note), or its place among the calls."""
    number = note.get("data-note")
    if number:
        return str(number)
    order = [call.note for call in layout.calls]
    return str(order.index(note) + 1) if note in order else "?"


def _walk(box: Box, chain: list[Box], inline: tuple[type, ...]) -> Iterator[tuple[Box, list[Box]]]:
    """Every descendant of `box`, with its block-level ancestors (blocks, rows, cells)."""
    for child in getattr(box, "children", ()):
        yield child, chain
        if getattr(child, "children", None):
            yield from _walk(child, chain if isinstance(child, inline) else [*chain, child], inline)


def read_layout(pages: list[Any]) -> NoteLayout:
    """Read the calls, note bodies and line boxes of WeasyPrint's laid-out `pages`."""
    from weasyprint.formatting_structure import boxes

    layout = NoteLayout()
    for index, page in enumerate(pages):
        page_box = page._page_box
        layout.page_tops.append(float(page_box.content_box_y()))
        layout.page_bottoms.append(float(page_box.content_box_y() + page_box.height))
        bodies: list[Element] = []
        layout.bodies.append(bodies)
        layout.page_lines.append([])
        for child in page_box.children:
            if isinstance(child, boxes.FootnoteAreaBox):
                layout.area_extra = float(child.margin_height() - child.height)
                for body in child.children:
                    bodies.append(body.element)
                    layout.body_boxes.setdefault(id(body.element), body)
            elif not isinstance(child, boxes.MarginBox):
                _read_flow(layout, index, child)
    return layout


def _read_flow(layout: NoteLayout, index: int, root: Box) -> None:
    from weasyprint.formatting_structure import boxes

    line: Box = None
    inline = (boxes.InlineLevelBox, boxes.LineBox)
    for box, chain in _walk(root, [root], inline):
        element = getattr(box, "element", None)
        if element is not None:
            layout.first_page.setdefault(id(element), index)
            layout.boxes.setdefault(id(element), box)
        if isinstance(box, boxes.LineBox):
            line = box
            container = chain[-1]
            layout.lines.setdefault(id(container.element), []).append(box)
            layout.page_lines[index].append((box, tuple(chain)))
        elif getattr(box, "footnote", None) is not None and line is not None:
            layout.calls.append(Call(box.footnote.element, index, line, tuple(chain)))


def first_fault(layout: NoteLayout, ignored: set[int]) -> Fault | None:
    """The first page whose note bodies are not its calls' notes in call order.

    Notes in `ignored` (ids of notes that cannot be placed) are left out of the comparison.
    """
    call_of = {id(call.note): call for call in layout.calls}
    for page, printed in enumerate(layout.bodies):
        called = [c for c in layout.calls if c.page == page and id(c.note) not in ignored]
        expected = [c.note for c in called]
        bodies = [note for note in printed if id(note) not in ignored]
        for position, (want, got) in enumerate(zip_longest(expected, bodies)):
            if want is got:
                continue
            if got is not None and all(got is not note for note in expected):
                early = call_of.get(id(got))  # printed here, called on a later page
                if early is not None:
                    return Fault(page, early)
            if position < len(called):
                return Fault(page, called[position])
    return None
