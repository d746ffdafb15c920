"""Rules on estimative language: words from the brief's own scale, one scale only, and
likelihood kept apart from confidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.model.scales import SCALES, ScaleName, ScaleTerm, find_terms, fold_text, scales_using
from sitrep.model.walk import FieldPath, format_path

ICD_203_LANGUAGE = (
    "ICD 203, D.6.e(2)(a): use the expressions of likelihood of one scale consistently; PHIA "
    "probability yardstick; NATO AJP-2.1"
)
ICD_203_APART = (
    "ICD 203, D.6.e(2)(a): likelihood and confidence must not be combined in one expression"
)

# Analytic prose: where the analyst speaks. Events and quotes report what others said.
_ANALYTIC = (
    "bluf",
    "standfirst",
    "assessment",
    "sections",
    "key_judgments",
    "outlook",
    "assumptions",
    "gaps",
    "indicators",
    "recommendations",
    "source_summary",
)


def _analytic_prose(ctx: CheckContext) -> Iterator[tuple[FieldPath, str]]:
    for path in ctx.prose:
        if path and path[0] in _ANALYTIC and "quotes" not in path:
            for text in ctx.texts(path):
                yield path, text


def _scale_words(ctx: CheckContext) -> Iterator[tuple[FieldPath, str]]:
    for path, text in _analytic_prose(ctx):
        for _, _, word in find_terms(text):
            yield path, word


@rule(
    "foreign-estimative-term",
    Severity.WARNING,
    "an estimative word from outside the brief's likelihood scale",
    ICD_203_LANGUAGE,
)
def foreign_estimative_term(ctx: CheckContext) -> Iterator[Hit]:
    scale = SCALES[ctx.brief.likelihood_scale]
    for path, word in _scale_words(ctx):
        if word in scale.words:
            continue
        using = scales_using(word)
        other = SCALES[using[0]]
        nearest = scale.nearest(other.words[word])
        settings = " or ".join(name.value for name in using)
        yield Hit(
            path,
            f"{word!r} is {'an' if other.name.label.startswith('ICD') else 'a'} "
            f"{_labels(set(using))} term, not on this brief's {scale.name.label} "
            f"scale; say {nearest.term!r} ({nearest.probability}), or set likelihood_scale: "
            f"{settings}",
        )


@rule(
    "mixed-scales",
    Severity.ERROR,
    "estimative words of two scales in one brief",
    ICD_203_LANGUAGE,
)
def mixed_scales(ctx: CheckContext) -> Iterator[Hit]:
    brief = ctx.brief
    fits = set(ScaleName)
    anchor: tuple[FieldPath, str] | None = None  # the word that last narrowed `fits`
    words = list(_scale_words(ctx))
    words += [
        (("key_judgments", i, "likelihood"), j.likelihood.value)
        for i, j in enumerate(brief.key_judgments)
        if j.likelihood
    ]
    words += [
        (("outlook", i, "likelihood"), s.likelihood.value)
        for i, s in enumerate(brief.outlook)
        if s.likelihood
    ]
    for path, word in words:
        using = set(scales_using(word))
        remaining = fits & using
        if not remaining and anchor is not None:
            earlier_path, earlier = anchor
            yield Hit(
                path,
                f"{word!r} ({_labels(using)}) and {earlier!r} at {format_path(earlier_path)} "
                f"({_labels(fits)}) come from different likelihood scales; use the terms of "
                f"one scale (this brief's is {brief.likelihood_scale.label})",
            )
            return
        if remaining != fits:
            anchor = (path, word)
        fits = remaining


def _labels(names: set[ScaleName]) -> str:
    return " / ".join(SCALES[n].name.label for n in ScaleName if n in names)


_LEVEL = r"(?:very\s+high|very\s+low|high|higher|highest|moderate|medium|low|lower|lowest)"
_NOUN = r"(?:likelihood|probability|chance|chances|odds)"
_MIXED = re.compile(
    # "high likelihood", "a low-probability event"
    rf"\b(?P<level>{_LEVEL})[\s-]+(?P<noun>{_NOUN})\b"
    # "the probability of sabotage is high", "likelihood is low that ..."
    rf"|\b(?P<noun2>{_NOUN})(?:\s+(?:of|that|for)\s+[^.;:!?]{{1,60}}?)?\s+(?:is|are|was|"
    rf"were|remains?|seems?|appears?|looks?)\s+(?:(?:very|quite|fairly|relatively|rather)\s+)?"
    rf"(?P<level2>high|low|moderate|medium)\b",
    re.IGNORECASE,
)


def _suggestion(level: str, ctx: CheckContext) -> ScaleTerm:
    """The scale's term nearest to what the phrase seems to mean."""
    level = level.lower()
    percent = 85 if "high" in level else 15 if "low" in level else 50
    scale = SCALES[ctx.brief.likelihood_scale]
    return min(scale.terms, key=lambda term: abs(term.middle - percent))


@rule(
    "likelihood-as-confidence",
    Severity.WARNING,
    "likelihood and confidence words mixed in one phrase ('high likelihood')",
    ICD_203_APART,
)
def likelihood_as_confidence(ctx: CheckContext) -> Iterator[Hit]:
    for path, text in _analytic_prose(ctx):
        for match in _MIXED.finditer(fold_text(text.replace("\u200b", " "))):
            term = _suggestion(match["level"] or match["level2"], ctx)
            phrase = " ".join(match.group().split())
            yield Hit(
                path,
                f"{phrase!r} mixes a confidence word with likelihood; say {term.term!r} "
                f"({term.probability}) and give confidence on its own ('... with moderate "
                "confidence')",
            )
