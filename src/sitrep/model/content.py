"""The parts of a brief beyond its fixed fields: free sections with their pull quotes, figures
and attachments, each a portion that may carry its own marking.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from sitrep.model.base import Plain, Prose, StrictModel, StringForm
from sitrep.model.portions import MarkingLabel

__all__ = ["Attachment", "Figure", "Quote", "Section"]


class Section(StrictModel):
    """A free section with a heading, for analyses and articles."""

    heading: Plain
    """The section heading."""
    body: Prose = ""
    """Paragraphs, separated by blank lines."""
    quotes: list[Quote] = Field(default_factory=list)
    """Pull quotes shown after the section's paragraphs."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from the brief's (docs/dissemination.md)."""


class Quote(StrictModel):
    """Words attributed to a named speaker."""

    text: Prose
    """What was said, without quotation marks."""
    speaker: Plain
    """Who said it."""
    affiliation: Plain | None = None
    """The speaker's role or organisation."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from its section's or the brief's
    (docs/dissemination.md)."""


class Figure(StrictModel):
    """An image with caption and credit; the path is relative to the brief file."""

    image: Plain
    """Image file (PNG, JPEG or SVG) in the brief's folder."""
    caption: Prose = ""
    """What the image shows."""
    credit: Plain | None = None
    """Who made or owns the image ("Photo: AP")."""
    alt: Plain | None = None
    """Description for readers who cannot see the image; defaults to the caption."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from the brief's (docs/dissemination.md)."""


class Attachment(StringForm, StrictModel):
    """A file shipped with the brief; embedded in the PDF."""

    path: Plain
    """File in the brief's folder."""
    title: Plain | None = None
    """How the attachment is listed; defaults to the file name."""
    marking: MarkingLabel | None = None
    """This portion's TLP label, if it differs from the brief's (docs/dissemination.md)."""

    @model_validator(mode="before")
    @classmethod
    def _from_path(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str) else value


Section.model_rebuild()
