"""At most two hyphenated lines in a row in justified text.

CSS has `hyphenate-limit-lines` for this, but WeasyPrint 70 ignores it. So after layout each
justified paragraph's lines are read; one where more than two lines in a row end in a hyphen is
set ragged-right without automatic hyphenation, as a typesetter would when the spacing of a
justified line cannot otherwise be held, and the document is laid out again.
"""

from __future__ import annotations

from sitrep.writers.pdf.footnote_layout import Box, Element, NoteLayout
from sitrep.writers.pdf.page_breaks import HtmlTree, add_style

__all__ = ["MAX_HYPHENATED_LINES", "set_hyphen_runs_ragged"]

MAX_HYPHENATED_LINES = 2
_HYPHENS = ("-", "\u2010", "\u00ad")


def _ends_in_hyphen(line: Box) -> bool:
    from weasyprint.formatting_structure import boxes

    texts = [box for box in line.descendants() if isinstance(box, boxes.TextBox)]
    if not texts:
        return False
    last = texts[-1]
    text = last.text.rstrip()
    return bool(text) and (
        text.endswith(_HYPHENS) or text.endswith(last.style["hyphenate_character"])
    )


def _paragraphs(layout: NoteLayout, tree: HtmlTree | None) -> list[list[Box]]:
    """Each paragraph's lines; a paragraph broken across pages by the footnote repair (its
    rest in a `data-sitrep-continued` block) is one paragraph, its lines in order."""
    groups: dict[int, list[Box]] = {}
    for key, lines in layout.lines.items():
        element: Element = lines[0].element if lines else None
        if (
            tree is not None
            and element is not None
            and element.get("data-sitrep-continued") is not None
        ):
            parent = tree.parent.get(id(element))
            if parent is not None and id(parent) in groups:
                groups[id(parent)].extend(lines)
                continue
        groups[key] = list(lines)
    return list(groups.values())


def set_hyphen_runs_ragged(layout: NoteLayout, tree: HtmlTree | None = None) -> bool:
    """Set ragged-right every justified paragraph with a run of hyphenated lines; True if any.

    With `tree` (after the footnote repair), a paragraph broken across pages counts as one.
    """
    changed = False
    for lines in _paragraphs(layout, tree):
        if len(lines) <= MAX_HYPHENATED_LINES:
            continue
        style = lines[0].style
        if str(style["text_align_all"]) != "justify" or str(style["hyphens"]) != "auto":
            continue
        run = 0
        for line in lines[:-1]:  # the last line of a paragraph is never justified
            run = run + 1 if _ends_in_hyphen(line) else 0
            if run > MAX_HYPHENATED_LINES:
                element = lines[0].element
                if element is not None:
                    add_style(element, "text-align: left; text-align-last: auto; hyphens: manual")
                    changed = True
                break
    return changed
