"""At most two hyphenated lines in a row in justified text.

CSS has `hyphenate-limit-lines` for this, but WeasyPrint 70 ignores it. So after layout each
justified paragraph's lines are read; one where more than two lines in a row end in a hyphen is
set ragged-right without automatic hyphenation, as a typesetter would when the spacing of a
justified line cannot otherwise be held, and the document is laid out again.
"""

from __future__ import annotations

from sitrep.writers.pdf.footnote_layout import Box, NoteLayout
from sitrep.writers.pdf.page_breaks import add_style

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


def set_hyphen_runs_ragged(layout: NoteLayout) -> bool:
    """Set ragged-right every justified paragraph with a run of hyphenated lines; True if any."""
    changed = False
    for lines in layout.lines.values():
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
