"""Rules on handling and presentation: a marking, a restrictive marking not on a product meant
for the public, and a short bottom line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.model.marking import TLP

TLP_2 = "FIRST TLP 2.0 (handling markings); ICD 206 (dissemination)"
ICD_203_BLUF = (
    "ICD 203, D.6.e(6) (clear and logical argumentation: a clear main analytic message up front)"
)


@rule("no-marking", Severity.WARNING, "a brief without a handling marking", TLP_2)
def no_marking(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.brief.marking is None:
        yield Hit(
            ("marking",),
            "the brief has no handling marking (add marking: TLP:CLEAR, TLP:GREEN, TLP:AMBER, "
            "TLP:AMBER+STRICT or TLP:RED)",
        )


_PUBLIC = re.compile(
    r"\b(?:public(?:ly)?\s+(?:release|available|distribution|website|domain)|for\s+(?:public|"
    r"general)\s+(?:release|distribution)|approved\s+for\s+public(?:\s+release)?|unrestricted\s+distribution|"
    r"distribute\s+freely|share\s+freely|free\s+to\s+share|press\s+(?:enquiries|inquiries)|"
    r"media\s+(?:enquiries|inquiries)|subscribe|newsletter|published\s+(?:at|on))\b",
    re.IGNORECASE,
)
# Wording that restricts rather than publishes: "not for public release", "not approved for
# public release", "public release is prohibited", "never share freely".
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:not|never|no|nor|without|neither|prohibited|forbidden|restricted)\b|n[’']t)"
    r"[^.;:!?]{0,30}$",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    r"^[^.;:!?]{0,20}?\b(?:is|are|be)?\s*(?:not|never|prohibited|forbidden|restricted|"
    r"denied|refused)\b",
    re.IGNORECASE,
)


def public_statement(text: str) -> str | None:
    """The first wording in `text` that points at public distribution, leaving out wording
    that negates or restricts it ("Not for public release")."""
    for found in _PUBLIC.finditer(text):
        before = text[max(0, found.start() - 60) : found.start()]
        after = text[found.end() : found.end() + 40]
        if _NEGATED_BEFORE.search(before) or _NEGATED_AFTER.search(after):
            continue
        return " ".join(found.group().split())
    return None


@rule(
    "restricted-marking-public",
    Severity.ERROR,
    "TLP:RED or TLP:AMBER+STRICT on a brief whose footer or sources point at public distribution",
    TLP_2,
)
def restricted_marking_public(ctx: CheckContext) -> Iterator[Hit]:
    marking = ctx.brief.marking
    if marking not in (TLP.RED, TLP.AMBER_STRICT):
        return
    for path in (("contact",), ("source_summary",)):
        found = public_statement(ctx.text(path))
        if found:
            yield Hit(
                path,
                f"{marking.value} limits sharing to named recipients, but this says "
                f"{found!r}, which points at public distribution "
                "(use TLP:CLEAR or TLP:GREEN for a public product, or change the footer)",
            )
    brief = ctx.brief
    if brief.template == "article" and brief.wants_bibliography and brief.sources:
        # At the bibliography setting if the brief writes one, else at the marking (an
        # article prints a bibliography by default, which has no line).
        written = brief.bibliography is not None
        yield Hit(
            ("bibliography",) if written else ("marking",),
            f"{marking.value} on an article with a printed bibliography: the article layout is "
            "for publication (use TLP:CLEAR, or the intel-brief layout)",
        )


# A sentence ends at . ! or ? followed by space and a capital, a digit or an opening quote;
# common abbreviations do not end one.
_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|cf|approx|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|"
    r"Rep|St|Jr|Sr|No|Fig|Inc|Ltd|Co|U\.S|U\.K|U\.N|E\.U)\.$",
)
# Before a number, a page, figure, article, section or month abbreviation does not end one
# either: "(p. 4)", "(fig. 2)", "art. 5", "Jan. 5", "No. 3".
_BEFORE_NUMBER = re.compile(
    r"\b(?:p|pp|fig|figs|art|arts|para|paras|sec|secs|ch|chap|vol|vols|no|nos|nr|ed|eds|ca|c|"
    r"v|vv|ll|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|tab|app|annex|ref|refs)\.$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def count_sentences(text: str) -> int:
    """Sentences in a paragraph of English prose."""
    text = " ".join(text.split())
    if not text:
        return 0
    count = 1
    for match in _SENTENCE_END.finditer(text):
        # Only the word before the stop matters; a bounded window keeps this linear.
        before = text[max(0, match.start() - 12) : match.start() + 1]
        if _ABBREVIATIONS.search(before):
            continue
        if text[match.end() : match.end() + 1].isdigit() and _BEFORE_NUMBER.search(before):
            continue
        count += 1
    return count


@rule("bluf-too-long", Severity.WARNING, "a BLUF longer than three sentences", ICD_203_BLUF)
def bluf_too_long(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.brief.bluf is None:
        return
    sentences = sum(count_sentences(p) for p in ctx.text(("bluf",)).split("\n\n"))
    if sentences > 3:
        yield Hit(
            ("bluf",),
            f"the bottom line runs to {sentences} sentences (expected at most 3: the main "
            "judgment and why it matters; move detail to the assessment)",
        )
