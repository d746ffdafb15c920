"""A footnote longer than a page: its start at the foot of its call's page, the rest at the end.

No page can hold such a note, and WeasyPrint 70 does not break a footnote across pages: it
prints the whole note on the next page, above the top margin and over the running head, and the
lines that do not fit are lost. A typesetter would let the note run on. Here the note keeps as
many of its words as fill about half a page, followed by "(continued on page N)"; the rest is
printed, under its number, in the notes list at the end of the brief (the screen's notes list,
shown in print for these notes only), where the flow can carry it over as many pages as it
needs. No word is lost, nothing overprints, and the writer warns once, naming the note and page.

The cut is made in WeasyPrint's parsed HTML with `page_breaks.split_after_text`, so links and
emphasis open at the cut continue after it.
"""

from __future__ import annotations

from sitrep.writers.pdf.footnote_layout import Element, NoteLayout
from sitrep.writers.pdf.page_breaks import HtmlTree, add_style, split_text_at

__all__ = ["SHARE_OF_PAGE", "continue_at_the_end"]

SHARE_OF_PAGE = 0.45  # of the page's text height, for the part of the note left at its foot
_CUT_MARGIN = 0.9  # lines are not all full: keep a little less than the measured share


def continue_at_the_end(
    notes: list[Element], layout: NoteLayout, tree: HtmlTree
) -> list[tuple[Element, Element]]:
    """Cut each note in `notes`, moving the rest to its entry in the notes list; (note, entry)
    for each note cut."""
    cut = []
    for note in notes:
        body = layout.body_boxes.get(id(note))
        entry = _entry(note, tree)
        if body is None or entry is None:
            continue
        page_height = layout.page_bottoms[0] - layout.page_tops[0]
        share = SHARE_OF_PAGE * page_height / max(float(body.margin_height()), 1.0)
        if _cut(note, entry, min(share * _CUT_MARGIN, 0.9), tree):
            cut.append((note, entry))
    return cut


def _entry(note: Element, tree: HtmlTree) -> Element | None:
    """The note's entry in the notes list (`li#note-N`), if the template printed one."""
    number = note.get("data-note")
    root = note
    while id(root) in tree.parent:
        root = tree.parent[id(root)]
    for element in root.iter("li"):
        if number and element.get("id") == f"note-{number}":
            return element
    return None


def _cut(note: Element, entry: Element, share: float, tree: HtmlTree) -> bool:
    """Keep `share` of the note's text in the footnote; the rest replaces its entry's content."""
    text = "".join(note.itertext())
    at = _word_boundary(text, int(len(text) * share))
    if at <= 0 or at >= len(text):
        return False
    rest = split_text_at(note, at)
    if rest is None:
        return False
    section = _section(entry, tree)
    continued = (section.get("data-continued") if section is not None else None) or "continued"
    on_page = (section.get("data-continued-on") if section is not None else None) or "continued"
    number = note.get("data-note") or ""
    # the footnote: "… (continued on page 7)"; the page number is WeasyPrint's (target-counter)
    reference = note.makeelement("a", {"class": "note-continued", "href": f"#note-{number}"})
    reference.text = ""
    last = note[-1] if len(note) else None
    kept = "".join(note.itertext()).rstrip()
    ellipsis = "" if kept.endswith((".", ";")) else "\u2026"  # a cut mid-sentence
    ellipsis += f" ({on_page} "
    if last is None:
        note.text = (note.text or "").rstrip() + ellipsis
    else:
        last.tail = (last.tail or "").rstrip() + ellipsis
    reference.tail = ")"
    note.append(reference)
    # the entry: "N. (continued) rest of the note"
    for child in list(entry):
        entry.remove(child)
    entry.text = f"({continued}) " + (rest.text or "").lstrip()
    for child in list(rest):
        rest.remove(child)
        entry.append(child)
    entry.set("class", ((entry.get("class") or "") + " note-continues").strip())
    if section is not None:
        add_style(section, "display: block")
    return True


def _section(entry: Element, tree: HtmlTree) -> Element | None:
    """The notes list around an entry (the `section.notes-list` in _notes.html.j2)."""
    element = tree.parent.get(id(entry))
    while element is not None and "notes-list" not in (element.get("class") or "").split():
        element = tree.parent.get(id(element))
    return element


def _word_boundary(text: str, at: int) -> int:
    """The end of the sentence, or else of the word, at or before character `at`."""
    window = text[: at + 1]
    sentence = max(window.rfind(". "), window.rfind("; "))
    if sentence > at * 0.7:
        return sentence + 1
    space = window.rfind(" ")
    return space if space > 0 else -1
