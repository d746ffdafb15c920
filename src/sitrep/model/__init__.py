"""The typed brief model. It knows nothing of output formats."""

from sitrep.model.brief import (
    Actor,
    Attachment,
    Brief,
    DateFormat,
    Event,
    Figure,
    Period,
    Place,
    Quote,
    Section,
    Theme,
)
from sitrep.model.judgment import Confidence, KeyJudgment, Likelihood
from sitrep.model.marking import TLP
from sitrep.model.source import Grade, Person, Source, SourceType

__all__ = [
    "TLP",
    "Actor",
    "Attachment",
    "Brief",
    "Confidence",
    "DateFormat",
    "Event",
    "Figure",
    "Grade",
    "KeyJudgment",
    "Likelihood",
    "Period",
    "Person",
    "Place",
    "Quote",
    "Section",
    "Source",
    "SourceType",
    "Theme",
]
