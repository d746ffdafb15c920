"""Rules that tie one field of a brief to another: likelihood terms on the brief's own scale,
scenario names unique and every indicator naming one of them, source ids unique.

The Brief model declares its fields and calls these from its validators, as it calls the
continuity and portion-marking checks; each rule reports every offending item at its own path
(FieldProblems), so that one run names them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.model.base import FieldProblems

if TYPE_CHECKING:
    from sitrep.model.brief import Brief
    from sitrep.model.source import Source
    from sitrep.model.tradecraft import Indicator, Scenario

__all__ = [
    "check_indicator_scenarios",
    "check_scenario_names",
    "check_terms_on_scale",
    "check_unique_source_ids",
]


def check_terms_on_scale(brief: Brief) -> None:
    """Every likelihood term of the key judgments and the outlook is on the brief's scale."""
    scale = brief.likelihood_scale
    terms = [("key_judgments", i, j.likelihood) for i, j in enumerate(brief.key_judgments)]
    terms += [("outlook", i, s.likelihood) for i, s in enumerate(brief.outlook)]
    problems = [
        (
            (field, index, "likelihood"),
            f"{term.value!r} is {'an' if term.scale.label.startswith('I') else 'a'} "
            f"{term.scale.label} term, but likelihood_scale is {scale.value} (expected "
            "terms of one scale: change the terms with the scale)",
        )
        for field, index, term in terms
        if term is not None and term.scale is not scale
    ]
    if problems:
        raise FieldProblems(problems)


def check_scenario_names(outlook: list[Scenario]) -> None:
    """No two scenarios share a name: indicators refer to scenarios by name."""
    names = [scenario.name for scenario in outlook]
    problems = [
        (
            ("outlook", index, "name"),
            f"repeats the scenario name {name!r} (expected unique names: indicators refer "
            "to scenarios by name)",
        )
        for index, name in enumerate(names)
        if name in names[:index]
    ]
    if problems:
        raise FieldProblems(problems)


def check_indicator_scenarios(indicators: list[Indicator], names: list[str]) -> None:
    """Every indicator that names a scenario names one of the outlook's (`names`)."""
    listed = ", ".join(repr(n) for n in names) or "none: the brief has no outlook"
    problems = [
        (
            ("indicators", index, "scenario"),
            f"points to scenario {indicator.scenario!r}, which is not in the outlook "
            f"(expected one of the scenario names: {listed}){_did_you_mean(name, names)}",
        )
        for index, indicator in enumerate(indicators)
        if (name := indicator.scenario) is not None and name not in names
    ]
    if problems:
        raise FieldProblems(problems)


def check_unique_source_ids(sources: list[Source]) -> None:
    """No two sources share an id: citations name sources by id."""
    ids = [source.id for source in sources]
    problems = [
        (("sources", index, "id"), f"source id {id_!r} is used twice (expected unique ids)")
        for index, id_ in enumerate(ids)
        if id_ in ids[:index]
    ]
    if problems:
        raise FieldProblems(problems)


def _did_you_mean(word: str, choices: list[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, choices, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
