"""Key judgments with ICD 203 likelihood terms and analytic confidence."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from sitrep.model.base import Prose, StrictModel

__all__ = ["Confidence", "KeyJudgment", "Likelihood"]


class Likelihood(StrEnum):
    """ICD 203 expressions of likelihood, with their probability ranges."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"

    @property
    def probability(self) -> str:
        """The range ICD 203 assigns to the term, such as "55-80%"."""
        return _RANGES[self]


_RANGES = {
    Likelihood.ALMOST_NO_CHANCE: "01-05%",
    Likelihood.VERY_UNLIKELY: "05-20%",
    Likelihood.UNLIKELY: "20-45%",
    Likelihood.ROUGHLY_EVEN_CHANCE: "45-55%",
    Likelihood.LIKELY: "55-80%",
    Likelihood.VERY_LIKELY: "80-95%",
    Likelihood.ALMOST_CERTAIN: "95-99%",
}

# ICD 203 pairs each term with a synonym; both are accepted.
_SYNONYMS = {
    "remote": "almost no chance",
    "highly improbable": "very unlikely",
    "improbable": "unlikely",
    "roughly even odds": "roughly even chance",
    "probable": "likely",
    "highly probable": "very likely",
    "nearly certain": "almost certain",
    "almost certainly": "almost certain",
}


def _likelihood(value: Any) -> Any:
    if isinstance(value, str):
        word = " ".join(value.lower().replace("_", " ").replace("-", " ").split())
        return _SYNONYMS.get(word, word)
    return value


class Confidence(StrEnum):
    """Analytic confidence in a judgment."""

    HIGH = "High"
    MODERATE = "Moderate"
    LOW = "Low"


def _confidence(value: Any) -> Any:
    return value.strip().capitalize() if isinstance(value, str) else value


_LikelihoodWords = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
    "remote",
    "highly improbable",
    "improbable",
    "roughly even odds",
    "probable",
    "highly probable",
    "nearly certain",
    "almost certainly",
]
_ConfidenceWords = Literal["High", "Moderate", "Low", "high", "moderate", "low"]


class KeyJudgment(StrictModel):
    """One judgment: "It is likely (55-80%) that ... (Moderate confidence)"."""

    text: Prose
    """The judgment itself."""
    likelihood: Annotated[
        Likelihood, BeforeValidator(_likelihood, json_schema_input_type=_LikelihoodWords)
    ]
    """An ICD 203 term: almost no chance, very unlikely, unlikely, roughly even chance, likely,
    very likely, almost certain (or their synonyms: remote, highly improbable, improbable,
    roughly even odds, probable, highly probable, nearly certain)."""
    confidence: Annotated[
        Confidence, BeforeValidator(_confidence, json_schema_input_type=_ConfidenceWords)
    ]
    """High, Moderate or Low."""
