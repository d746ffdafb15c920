"""What every page of a brief carries at its top and bottom, and a draft's stamp.

The banner is the classification with its caveats ("SECRET // NOFORN // REL TO NLD, BEL"), then
the TLP and PAP labels. Every writer prints the same words from here; how each format places them
on every page is its own business (CSS margin boxes, Word headers and footers, a Markdown line).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.labels import Labels
from sitrep.model.brief import Brief
from sitrep.model.dissemination import Status, banner_text

__all__ = ["Banner", "banner", "status_line"]


@dataclass(frozen=True, slots=True)
class Banner:
    classification: str
    """"OFFICIAL-SENSITIVE // REL TO NLD, BEL"; empty without classification and caveats."""
    background: str | None
    """The classification's banner colour (#RRGGBB), if its scheme gives one."""
    foreground: str
    """The classification's text colour."""
    labels: tuple[tuple[str, str], ...]
    """(label, colour) of the TLP and PAP labels that are set, in that order."""

    @property
    def text(self) -> str:
        """The whole banner as one line of plain text."""
        return " ".join(part for part in (self.classification, *self.label_texts) if part)

    @property
    def label_texts(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.labels)

    @property
    def long(self) -> bool:
        """A classification line that wants the banner's smaller type."""
        return len(self.classification) > 60

    def __bool__(self) -> bool:
        return bool(self.classification or self.labels)


def banner(brief: Brief) -> Banner:
    """The banner of a brief; falsy when the brief has no marking of any kind."""
    classification = brief.classification
    labels = tuple(
        (label.value, label.colour) for label in (brief.marking, brief.pap) if label is not None
    )
    return Banner(
        banner_text(classification, brief.caveats),
        classification.colour if classification else None,
        classification.foreground if classification else "#000000",
        labels,
    )


def status_line(brief: Brief, labels: Labels) -> str:
    """ "DRAFT v0.3" on a draft, "v2" on a final brief with a version, else empty."""
    if brief.status is Status.DRAFT:
        if brief.version:
            return labels.format("draft_version", version=brief.version)
        return labels["draft"]
    return labels.format("version", version=brief.version) if brief.version else ""
