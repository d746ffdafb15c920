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


def _graded(reliability: str | None, credibility: int | None) -> tuple[str, bool] | None:
    """How a citation is graded, as (code, at least B2), or None when nothing is known.

    Below B2 means reliability C-F or credibility 3-6, so a claim of credibility 3-6 on an
    ungraded source is weak whatever the source; one of credibility 1-2 on an ungraded source is
    neither shown weak nor shown strong, and counts like an ungraded citation.
    """
    if reliability is None:
        if credibility is None or credibility <= 2:
            return None
        return f"credibility {credibility}", False
    assert credibility is not None
    return f"{reliability}{credibility}", reliability in ("A", "B") and credibility <= 2


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
            graded = _graded(
                grade.reliability if grade else None,
                item.credibility or (grade.credibility if grade else None),
            )
            if graded is None:
                continue
            code, at_least_b2 = graded
            codes.append(f"{item.id} {code}")
            strong = strong or at_least_b2
        if codes and not strong:
            yield Hit(
                ("key_judgments", index, "confidence"),
                "High confidence rests only on sources graded below B2 "
                f"({', '.join(dict.fromkeys(codes))}); lower the confidence or cite a source "
                "graded A1-B2",
            )
