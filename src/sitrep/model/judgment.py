"""Key judgments: an estimative likelihood on the brief's scale, analytic confidence and basis."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema

from sitrep.model.base import Prose, StrictModel
from sitrep.model.portions import MarkingLabel
from sitrep.model.scales import (
    SCALES,
    ScaleName,
    ScaleTerm,
    lookalikes,
    normalise_term,
    scales_using,
)

__all__ = [
    "Confidence",
    "KeyJudgment",
    "Likelihood",
    "LikelihoodField",
    "brief_scale",
]

# The scale of the brief being validated; a Brief sets it around its own validation so that a
# key judgment or scenario is checked against the brief's `likelihood_scale`.
# Outside a brief (None), a likelihood already read keeps its scale and a word is read as ICD 203.
_SCALE: ContextVar[ScaleName | None] = ContextVar("sitrep_likelihood_scale", default=None)


@contextmanager
def brief_scale(name: ScaleName) -> Iterator[None]:
    """Validate likelihoods against `name` inside the block."""
    token = _SCALE.set(name)
    try:
        yield
    finally:
        _SCALE.reset(token)


@dataclass(frozen=True, slots=True)
class Likelihood:
    """A likelihood term on a named scale: "likely" on ICD 203 is 55-80%."""

    value: str
    """The term as the scale writes it ("likely"), synonyms already mapped to it."""
    scale: ScaleName = ScaleName.ICD203

    @property
    def term(self) -> ScaleTerm:
        return SCALES[self.scale].words[self.value]

    @property
    def probability(self) -> str:
        """The range the scale assigns to the term, such as "55-80%"."""
        return self.term.probability

    def __str__(self) -> str:
        return self.value


def _a(label: str) -> str:
    return f"an {label}" if label.startswith("ICD") else f"a {label}"


def _unknown_term(word: str, scale: ScaleName) -> str:
    own = SCALES[scale]
    elsewhere = scales_using(word)
    if elsewhere:
        other = SCALES[elsewhere[0]]
        nearest = own.nearest(other.words[word])
        return (
            f"{word!r} is {_a(other.name.label)} term, not on this brief's {scale.label} scale "
            f"(likelihood_scale: {scale.value}); did you mean {nearest.term!r}? (the nearest "
            f"{scale.label} term, {nearest.probability}), or set likelihood_scale: "
            f"{other.name.value}"
        )
    return f"{word!r} is not {_a(scale.label)} likelihood term (expected one of: {own.listing()})"


def parse_likelihood(value: Any) -> Likelihood:
    """Read a likelihood word on the current brief's scale; suggest a term for foreign words."""
    in_brief = _SCALE.get()
    scale = in_brief
    if isinstance(value, Likelihood):
        scale = scale or value.scale
        value = value.value
    scale = scale or ScaleName.ICD203
    if not isinstance(value, str):
        raise ValueError(f"expected a likelihood term such as 'likely' (got {value!r})")
    word = normalise_term(value)
    odd = lookalikes(value)
    if odd:
        plain = f"; type {word!r}" if SCALES[scale].words.get(word) else ""
        what = "a lookalike or invisible character" if len(odd) == 1 else "lookalike characters"
        raise ValueError(
            f"{value!r} contains {what}: {', '.join(odd)} (expected a likelihood term typed "
            f"in plain letters{plain})"
        )
    term = SCALES[scale].words.get(word)
    if term is None:
        hint = ""
        if in_brief is None:
            hint = (
                " (outside a brief a likelihood is read on the ICD 203 scale; give it through "
                "the brief, as in brief.key_judgments = [...], so its likelihood_scale applies)"
            )
        raise ValueError(_unknown_term(word, scale) + hint)
    return Likelihood(term.term, scale)


_LikelihoodWords = Literal[
    # ICD 203 terms and synonyms
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
    "improbably",
    "roughly even odds",
    "probable",
    "probably",
    "highly probable",
    "nearly certain",
    "almost certainly",
    # PHIA
    "remote chance",
    "highly unlikely",
    "realistic possibility",
    "highly likely",
    # NATO
    "even chance",
]

LikelihoodField = Annotated[
    Likelihood,
    PlainValidator(parse_likelihood),
    PlainSerializer(lambda value: value.value, return_type=str),
    WithJsonSchema({"type": "string", "enum": list(_LikelihoodWords.__args__)}),
]
"""A likelihood term of the brief's `likelihood_scale` (ICD 203 by default)."""


class Confidence(StrEnum):
    """Analytic confidence in a judgment."""

    HIGH = "High"
    MODERATE = "Moderate"
    LOW = "Low"


def _confidence(value: Any) -> Any:
    return value.strip().capitalize() if isinstance(value, str) else value


_ConfidenceWords = Literal["High", "Moderate", "Low", "high", "moderate", "low"]


class KeyJudgment(StrictModel):
    """One judgment: "It is likely (55-80%) that ... (Moderate confidence)"."""

    text: Prose
    """The judgment itself."""
    likelihood: LikelihoodField | None = None
    """A term of the brief's likelihood_scale. ICD 203 (default): almost no chance, very
    unlikely, unlikely, roughly even chance, likely, very likely, almost certain (or the
    synonyms remote, highly improbable, improbable, improbably, roughly even odds, probable,
    probably, highly probable, nearly certain). PHIA: remote chance, highly unlikely, unlikely,
    realistic possibility, likely (or probable, probably), highly likely, almost certain. NATO:
    highly unlikely, unlikely, even chance, likely, highly likely."""
    confidence: (
        Annotated[Confidence, BeforeValidator(_confidence, json_schema_input_type=_ConfidenceWords)]
        | None
    ) = None
    """High, Moderate or Low: how sound the sources and reasoning are."""
    basis: Prose | None = None
    """Why this confidence: the sources, reasoning and assumptions the judgment rests on."""
    marking: MarkingLabel | None = None
    """This judgment's TLP label, if it differs from the brief's (docs/dissemination.md)."""
