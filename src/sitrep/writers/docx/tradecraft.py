"""Template variables for the tradecraft elements (docs/tradecraft.md) in a Word document.

BLUF, outlook, indicators, assumptions, gaps and the source summary; the blocks that print
them are templates/docx/src/blocks/bluf.xml, tradecraft.xml and source-summary.xml; every
fixed word comes from the label catalogue (sitrep.labels), in the brief's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sitrep.writers.docx.runs import PLAIN, RunBuilder, RunProps, join_runs

if TYPE_CHECKING:
    from sitrep.writers.docx.context import TemplateContext

__all__ = ["tradecraft_variables"]

_BOLD = RunProps(bold=True)


def tradecraft_variables(context: TemplateContext) -> dict[str, Any]:
    """The variables bluf, outlook, indicators, assumptions, gaps and source_summary."""
    brief = context.resolved.brief
    outlook = []
    for index, scenario in enumerate(brief.outlook):
        odds = context.labels.odds(scenario.likelihood) if scenario.likelihood else ""
        label = f" – {odds}" if odds else ""
        outlook.append(
            {
                "name": context.text(scenario.name),
                "heading": context.text(f"{scenario.name}{label}"),
                "likelihood": context.text(odds),
                "text": context.prose(("outlook", index, "text")),
            }
        )
    indicators = []
    for index, indicator in enumerate(brief.indicators):
        text = context.prose(("indicators", index, "text"))
        labels = context.labels
        tail = (
            RunBuilder.run(
                labels.format("indicator_scenario", scenario=indicator.scenario),
                PLAIN.but(italic=True),
            )
            if indicator.scenario
            else Markup("")
        )
        status = labels.status(indicator.status)
        indicators.append(
            {
                "text": text,
                "status": context.text(status),
                "scenario": context.text(indicator.scenario),
                "scenario_cell": context.text(indicator.scenario or labels.no_grade),
                "runs": join_runs(
                    [RunBuilder.run(labels.fact(status) + " ", _BOLD), text.runs, tail]
                ),
            }
        )
    return {
        "bluf": context.prose(("bluf",)),
        "outlook": outlook,
        "indicators": indicators,
        "assumptions": [context.prose(("assumptions", i)) for i in range(len(brief.assumptions))],
        "gaps": [context.prose(("gaps", i)) for i in range(len(brief.gaps))],
        "source_summary": context.prose(("source_summary",)),
        "likelihood_scale": context.text(brief.likelihood_scale.label),
    }
