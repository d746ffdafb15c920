"""Rules on key judgments and scenarios: likelihood, confidence and basis stated, and High
confidence resting on well-graded sources."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.model.judgment import Confidence

ICD_203_UNCERTAINTY = (
    "ICD 203, D.6.e(2) (properly expresses and explains uncertainties: likelihood and "
    "confidence, kept apart)"
)
AJP_21 = "NATO AJP-2.1, source grading (Admiralty system: reliability A-F, credibility 1-6)"


@rule(
    "judgment-no-likelihood",
    Severity.WARNING,
    "a key judgment or scenario without a likelihood",
    ICD_203_UNCERTAINTY,
)
def judgment_no_likelihood(ctx: CheckContext) -> Iterator[Hit]:
    scale = ctx.brief.likelihood_scale
    for index, judgment in enumerate(ctx.brief.key_judgments):
        if judgment.likelihood is None:
            yield Hit(
                ("key_judgments", index),
                f"this key judgment has no likelihood (add a term of the {scale.label} scale, "
                "such as likelihood: likely)",
            )
    for index, scenario in enumerate(ctx.brief.outlook):
        if scenario.likelihood is None:
            yield Hit(
                ("outlook", index),
                f"scenario {scenario.name!r} has no likelihood (add a term of the "
                f"{scale.label} scale)",
            )


@rule(
    "judgment-no-confidence",
    Severity.WARNING,
    "a key judgment without a confidence level",
    ICD_203_UNCERTAINTY,
)
def judgment_no_confidence(ctx: CheckContext) -> Iterator[Hit]:
    for index, judgment in enumerate(ctx.brief.key_judgments):
        if judgment.confidence is None:
            yield Hit(
                ("key_judgments", index),
                "this key judgment has no confidence (add confidence: high, moderate or low)",
            )


@rule(
    "judgment-no-basis",
    Severity.NOTE,
    "a key judgment without a basis for its confidence",
    ICD_203_UNCERTAINTY,
)
def judgment_no_basis(ctx: CheckContext) -> Iterator[Hit]:
    for index, judgment in enumerate(ctx.brief.key_judgments):
        if judgment.basis is None or not judgment.basis.strip():
            yield Hit(
                ("key_judgments", index),
                "this key judgment does not say why it has its confidence (add basis: the "
                "sources, reasoning and assumptions it rests on)",
            )


def _at_least_b2(reliability: str, credibility: int) -> bool:
    return reliability in ("A", "B") and credibility <= 2


@rule(
    "high-confidence-weak-sources",
    Severity.WARNING,
    "High confidence resting only on sources graded below B2",
    f"{ICD_203_UNCERTAINTY}; {AJP_21}",
)
def high_confidence_weak_sources(ctx: CheckContext) -> Iterator[Hit]:
    sources = ctx.brief.source_by_id
    for index, judgment in enumerate(ctx.brief.key_judgments):
        if judgment.confidence is not Confidence.HIGH:
            continue
        codes: list[str] = []
        strong = False
        for item in ctx.citations(("key_judgments", index)):
            grade = sources[item.id].grade
            if grade is None:
                continue
            credibility = item.credibility or grade.credibility
            codes.append(f"{item.id} {grade.reliability}{credibility}")
            strong = strong or _at_least_b2(grade.reliability, credibility)
        if codes and not strong:
            yield Hit(
                ("key_judgments", index, "confidence"),
                "High confidence rests only on sources graded below B2 "
                f"({', '.join(dict.fromkeys(codes))}); lower the confidence or cite a source "
                "graded A1-B2",
            )
