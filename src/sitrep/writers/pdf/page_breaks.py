"""Force a page break at a given place in WeasyPrint's parsed HTML, as a typesetter would.

Two moves, both made on the ElementTree WeasyPrint keeps, so the next layout sees them:
- `break_before_block`: the block (and a heading kept with it, and any block it opens) starts a
  new page, through `break-before: page` in its `style` attribute;
- `break_before_line`: a paragraph breaks just before one of its lines. The text after the break
  moves into a block inside the same element (inline elements open at that point are continued
  in it), so the paragraph keeps its margins, marker and style; the line before the break stays
  justified, and a word hyphenated there keeps its hyphen.

Both leave the layout before the break exactly as it was.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from sitrep.writers.pdf.footnote_layout import Box, Element, NoteLayout

__all__ = ["HtmlTree", "add_style", "break_before_block", "break_before_line", "split_text_at"]

_AVOID = ("avoid", "avoid-page")
_STOP_TAGS = frozenset({"html", "body"})
_CELL_TAGS = frozenset({"td", "th"})
_ROW_GROUP_TAGS = frozenset({"tbody", "thead", "tfoot"})
_IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


class HtmlTree:
    """Parents and previous siblings in WeasyPrint's parsed HTML (an ElementTree)."""

    def __init__(self, root: Element) -> None:
        self.parent: dict[int, Element] = {}
        self.previous: dict[int, Element] = {}
        for parent in root.iter():
            before = None
            for child in parent:
                self.parent[id(child)] = parent
                if before is not None:
                    self.previous[id(child)] = before
                before = child


def add_style(element: Element, declarations: str) -> None:
    """Append CSS declarations to the element's `style` attribute (they win over stylesheets)."""
    style = (element.get("style") or "").strip()
    if style and not style.endswith(";"):
        style += ";"
    element.set("style", f"{style} {declarations}".strip())


# ---- a whole block ------------------------------------------------------------------------


def break_before_block(element: Element, page: int, layout: NoteLayout, tree: HtmlTree) -> bool:
    """Start a new page before `element` on `page`; False if it already starts the flow."""
    target = _block_to_move(element, page, layout, tree)
    if target is None:
        return False
    add_style(target, "break-before: page")
    return True


def _block_to_move(
    element: Element, page: int, layout: NoteLayout, tree: HtmlTree
) -> Element | None:
    """The outermost block starting with `element` on `page`, with a heading kept before it."""
    while True:
        parent = tree.parent.get(id(element))
        if parent is None or element.tag in _STOP_TAGS:
            return None
        if element.tag in _CELL_TAGS:  # a cell moves with its row
            element = parent
            continue
        previous = _previous_rendered(element, layout, tree)
        if parent.tag in _ROW_GROUP_TAGS and previous is None:
            element = tree.parent.get(id(parent), parent)  # the first row moves its table
            continue
        if previous is None:
            if parent.tag in _STOP_TAGS or layout.first_page.get(id(parent)) != page:
                return element
            element = parent
        elif _keeps_with_next(previous, layout) and layout.first_page.get(id(previous)) == page:
            element = previous
        else:
            return element


def _previous_rendered(element: Element, layout: NoteLayout, tree: HtmlTree) -> Element | None:
    previous = tree.previous.get(id(element))
    while previous is not None and id(previous) not in layout.boxes:
        previous = tree.previous.get(id(previous))
    return previous


def _keeps_with_next(element: Element, layout: NoteLayout) -> bool:
    box = layout.boxes[id(element)]
    return str(box.style["break_after"]) in _AVOID


# ---- a line inside a paragraph --------------------------------------------------------------


def break_before_line(container: Box, lines: list[Box], position: int, layout: NoteLayout) -> bool:
    """Break `container`'s element before its line `lines[position]`; False if it cannot."""
    element = container.element
    if position == 0 or type(container.style).__name__ == "AnonymousStyle":
        return False
    if not _only_inline_content(element, layout):
        return False
    split = _find_split(element, [_line_text(line) for line in lines[:position]], layout)
    if split is None:
        return False
    holder, attribute, offset, hyphen = split
    rest = _split_after(element, holder, attribute, offset, hyphen)
    style = container.style
    declarations = "display: block; break-before: page; margin: 0; padding: 0; border: 0; "
    declarations += "text-indent: 0; float: none; position: static"
    if str(style["text_align_all"]) == "justify" or str(style["text_align_last"]) == "justify":
        add_style(element, "text-align-last: justify")
        declarations += f"; text-align-last: {style['text_align_last']}"
    rest.set("style", declarations)
    rest.set("data-sitrep-continued", "")
    return True


def _only_inline_content(element: Element, layout: NoteLayout) -> bool:
    from weasyprint.formatting_structure import boxes

    for descendant in element.iter():
        if descendant is element or _is_note(descendant, layout):
            continue
        box = layout.boxes.get(id(descendant))
        if box is not None and not isinstance(box, boxes.InlineLevelBox):
            return False
    return True


def _is_note(element: Element, layout: NoteLayout) -> bool:
    return id(element) in layout.body_boxes or "footnote" in (element.get("class") or "").split()


def _line_text(line: Box) -> str:
    """The text a line shows from its own element's content (no generated text, no markers)."""
    from weasyprint.formatting_structure import boxes

    parts = []
    for box in line.descendants():
        if isinstance(box, boxes.TextBox) and "::" not in (box.element_tag or ""):
            parts.append(box.text)
    return "".join(parts)


def _characters(element: Element, layout: NoteLayout) -> Iterator[tuple[Element, str, int, str]]:
    """The element's shown text, character by character: (holder, 'text'|'tail', offset, char).

    Text of elements WeasyPrint did not lay out (display: none) and of footnote bodies (printed
    in the footnote area) is left out; a footnote's tail is in the flow.
    """

    def walk(node: Element, shown: bool) -> Iterator[tuple[Element, str, int, str]]:
        if shown and node.text:
            for offset, char in enumerate(node.text):
                yield node, "text", offset, char
        for child in node:
            child_shown = (
                shown
                and not _is_note(child, layout)
                and (id(child) in layout.boxes or not _has_text(child))
            )
            yield from walk(child, child_shown)
            if shown and child.tail:
                for offset, char in enumerate(child.tail):
                    yield child, "tail", offset, char

    yield from walk(element, True)


def _has_text(element: Element) -> bool:
    return any(text.strip() for text in element.itertext())


def _same(shown: str, source: str) -> bool:
    return shown.casefold() == source.casefold() or (
        unicodedata.normalize("NFKC", shown).casefold()
        == unicodedata.normalize("NFKC", source).casefold()
    )


def _find_split(
    element: Element, lines: list[str], layout: NoteLayout
) -> tuple[Element, str, int, str] | None:
    """Where the source text continues after the rendered `lines`.

    Whitespace and invisible characters are skipped on both sides; a character that is only in
    the rendered text, at the very end of a line, is a hyphen added where a word was broken.
    """
    source = [
        item
        for item in _characters(element, layout)
        if not item[3].isspace() and item[3] not in _IGNORABLE
    ]
    at = 0
    hyphen = ""
    for text in lines:
        shown = [c for c in text if not c.isspace() and c not in _IGNORABLE]
        hyphen = ""
        for index, char in enumerate(shown):
            if at < len(source) and _same(char, source[at][3]):
                at += 1
            elif index == len(shown) - 1:
                hyphen = char
            else:
                return None
    return _position(source, at, hyphen)


def _position(
    source: list[tuple[Element, str, int, str]], at: int, hyphen: str
) -> tuple[Element, str, int, str] | None:
    if at == 0 or at >= len(source):
        return None
    holder, attribute, offset, _ = source[at]
    previous_holder, previous_attribute, _, _ = source[at - 1]
    if hyphen and (previous_holder is not holder or previous_attribute != attribute):
        hyphen = ""  # the break fell between two elements: no word was cut
    return holder, attribute, offset, hyphen


def _split_after(
    element: Element, holder: Element, attribute: str, offset: int, hyphen: str
) -> Element:
    """Move everything from the split point into a new block at the end of `element`.

    Inline elements the split point is inside are copied (without id) into the new block, so
    emphasis and links continue after the break.
    """
    # the chain of elements from `element` down to the one whose content holds the split point
    content_owner = holder if attribute == "text" else _parent_in(element, holder)
    chain = _chain(element, content_owner)
    text = getattr(holder, attribute) or ""
    setattr(holder, attribute, text[:offset] + hyphen)
    remainder = text[offset:]

    clone = _shallow_copy(content_owner)
    clone.text = remainder
    if attribute == "text":
        moving = list(content_owner)
    else:
        children = list(content_owner)
        moving = children[children.index(holder) + 1 :]
    for child in moving:
        content_owner.remove(child)
        clone.append(child)
    for inner, outer in zip(reversed(chain[1:]), reversed(chain[:-1]), strict=True):
        outer_clone = _shallow_copy(outer)
        outer_clone.append(clone)
        clone.tail, inner.tail = inner.tail, None
        children = list(outer)
        for child in children[children.index(inner) + 1 :]:
            outer.remove(child)
            outer_clone.append(child)
        clone = outer_clone
    # `clone` now copies `element`: its content becomes the new block's
    block = element.makeelement("div", {})
    block.text = clone.text
    for child in list(clone):
        clone.remove(child)
        block.append(child)
    element.append(block)
    return block


def split_text_at(element: Element, at: int) -> Element | None:
    """Take everything after character `at` of `element`'s text out of it, as a new `div`
    (inline elements open at the cut are continued in it); None if `at` is not inside."""

    def places(node: Element) -> Iterator[tuple[Element, str]]:  # in itertext() order
        yield node, "text"
        for child in node:
            yield from places(child)
            yield child, "tail"

    position = 0
    for holder, attribute in places(element):
        if holder is element and attribute == "tail":
            break
        text = getattr(holder, attribute) or ""
        if position <= at < position + len(text):
            block = _split_after(element, holder, attribute, at - position, "")
            element.remove(block)
            return block
        position += len(text)
    return None


def _shallow_copy(element: Element) -> Element:
    attributes = {k: v for k, v in element.attrib.items() if k != "id"}
    return element.makeelement(element.tag, attributes)


def _parent_in(root: Element, child: Element) -> Element:
    for node in root.iter():
        if any(candidate is child for candidate in node):
            return node
    raise ValueError("the split point is not inside the paragraph")


def _chain(root: Element, target: Element) -> list[Element]:
    """The elements from `root` down to `target`, both included."""

    def path(node: Element) -> list[Element] | None:
        if node is target:
            return [node]
        for child in node:
            found = path(child)
            if found is not None:
                return [node, *found]
        return None

    found = path(root)
    if found is None:
        raise ValueError("the split point is not inside the paragraph")
    return found
