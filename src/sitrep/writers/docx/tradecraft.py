"""Template variables for the tradecraft elements (docs/tradecraft.md) in a Word document.

BLUF, outlook, indicators, assumptions, gaps and the source summary; the blocks that print
them are templates/docx/src/blocks/bluf.xml, tradecraft.xml and source-summary.xml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sitrep.model.judgment import Likelihood
from sitrep.writers.docx.runs import PLAIN, RunBuilder, RunProps, join_runs

if TYPE_CHECKING:
    from sitrep.writers.docx.context import TemplateContext

__all__ = ["likelihood_label", "tradecraft_variables"]

_BOLD = RunProps(bold=True)


def likelihood_label(term: Likelihood) -> str:
    """ "Likely (55-80%)": the term capitalised, with its range on the brief's scale."""
    return f"{term.value[:1].upper()}{term.value[1:]} ({term.probability})"


def tradecraft_variables(context: TemplateContext) -> dict[str, Any]:
    """The variables bluf, outlook, indicators, assumptions, gaps and source_summary."""
    brief = context.resolved.brief
    outlook = []
    for index, scenario in enumerate(brief.outlook):
        label = f" – {likelihood_label(scenario.likelihood)}" if scenario.likelihood else ""
        outlook.append(
            {
                "name": context.text(scenario.name),
                "heading": context.text(f"{scenario.name}{label}"),
                "likelihood": context.text(
                    likelihood_label(scenario.likelihood) if scenario.likelihood else ""
                ),
                "text": context.prose(("outlook", index, "text")),
            }
        )
    indicators = []
    for index, indicator in enumerate(brief.indicators):
        text = context.prose(("indicators", index, "text"))
        tail = (
            RunBuilder.run(f" (scenario: {indicator.scenario})", PLAIN.but(italic=True))
            if indicator.scenario
            else Markup("")
        )
        indicators.append(
            {
                "text": text,
                "status": context.text(indicator.status.label),
                "scenario": context.text(indicator.scenario),
                "runs": join_runs(
                    [RunBuilder.run(f"{indicator.status.label}: ", _BOLD), text.runs, tail]
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
