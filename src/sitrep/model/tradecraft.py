"""The analytic elements of ICD 203 and ICD 206 that a brief may carry, each optional.

A bottom line up front, assumptions, an outlook of scenarios, indicators (signposts) tied to
them, gaps in what is known, and the settings of `sitrep check` for one brief. Key judgments
(with their basis) live in `judgment`; the source summary and source descriptors in `brief` and
`source`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from sitrep.model.base import Plain, Prose, StrictModel
from sitrep.model.judgment import LikelihoodField
from sitrep.model.portions import MarkingLabel

__all__ = ["CheckSettings", "DisabledRule", "Indicator", "IndicatorStatus", "Scenario"]


class Scenario(StrictModel):
    """One way events may go, with how likely the analyst judges it."""

    name: Plain
    """A short name the indicators refer to ("Managed escalation")."""
    text: Prose
    """What the scenario is and what would drive it."""
    likelihood: LikelihoodField | None = None
    """A term of the brief's likelihood_scale, as for key judgments."""
    marking: MarkingLabel | None = None
    """This scenario's TLP label, if it differs from the brief's (docs/dissemination.md)."""


class IndicatorStatus(StrEnum):
    """Whether a signpost has been seen."""

    OBSERVED = "observed"
    PARTLY = "partly"
    NOT_OBSERVED = "not observed"

    @property
    def label(self) -> str:
        return {
            "observed": "Observed",
            "partly": "Partly observed",
            "not observed": "Not observed",
        }[self.value]


def _status(value: Any) -> Any:
    if isinstance(value, str):
        word = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        return {
            "partly observed": "partly",
            "partial": "partly",
            "not yet observed": "not observed",
        }.get(word, word)
    return value


class Indicator(StrictModel):
    """A signpost to watch for: something that would show a scenario is coming about."""

    text: Prose
    """What would be seen."""
    status: Annotated[
        IndicatorStatus,
        BeforeValidator(_status, json_schema_input_type=IndicatorStatus),
    ] = IndicatorStatus.NOT_OBSERVED
    """observed, partly or not observed (the default)."""
    scenario: Plain | None = None
    """The name of the outlook scenario this indicator points to."""
    marking: MarkingLabel | None = None
    """This indicator's TLP label, if it differs from the brief's (docs/dissemination.md)."""


def _stripped(value: Any) -> Any:
    """A reason of spaces alone is no reason: it is read as empty."""
    return value.strip() if isinstance(value, str) else value


class DisabledRule(StrictModel):
    """A `sitrep check` rule switched off, and why."""

    rule: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    """The rule id, such as "uncited-event" (see docs/tradecraft.md)."""
    reason: Annotated[Plain, BeforeValidator(_stripped), Field(min_length=1)]
    """Why the rule does not apply to this brief; required, so a reader can judge it."""


class CheckSettings(StrictModel):
    """Settings of `sitrep check` for this brief."""

    disable: list[DisabledRule] = Field(default_factory=list)
    """Rules not to run on this brief, each with a reason."""
