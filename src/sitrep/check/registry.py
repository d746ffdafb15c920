"""The table of rules: each rule is a small function registered with its id and severity."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity

__all__ = ["RULES", "Rule", "RuleFunction", "rule"]

RuleFunction = Callable[[CheckContext], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A tradecraft rule: its id, default severity, one-line summary and where it comes from."""

    id: str
    severity: Severity
    summary: str
    source: str
    function: RuleFunction


RULES: dict[str, Rule] = {}
"""Every rule by id, in the order they are documented."""


def rule(
    id: str, severity: Severity, summary: str, source: str
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under `id`."""

    def register(function: RuleFunction) -> RuleFunction:
        if id in RULES:
            raise ValueError(f"rule {id!r} registered twice")
        RULES[id] = Rule(id, severity, summary, source, function)
        return function

    return register
