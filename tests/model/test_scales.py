"""The built-in scales hold the published tables (docs/tradecraft.md names each document).

Found by checking the tables against the published text: ICD 203 lists "improbably" and
"probably" as synonyms ("improbable (improbably)", "probable (probably)"), so a brief on the
ICD 203 scale that said "probably" was refused and its prose flagged as PHIA.
"""

from __future__ import annotations

from typing import Any

import pytest

import sitrep
from sitrep.model import Brief
from sitrep.model.scales import SCALES, ScaleName

PUBLISHED = {
    # ICD 203 (2 January 2015), D.6.e.(2)(a)
    ScaleName.ICD203: [
        ("almost no chance", 1, 5, {"remote"}),
        ("very unlikely", 5, 20, {"highly improbable"}),
        ("unlikely", 20, 45, {"improbable", "improbably"}),
        ("roughly even chance", 45, 55, {"roughly even odds"}),
        ("likely", 55, 80, {"probable", "probably"}),
        ("very likely", 80, 95, {"highly probable"}),
        ("almost certain", 95, 99, {"almost certainly", "nearly certain"}),
    ],
    # PHIA, Explaining Uncertainty in UK Intelligence Assessment (24 March 2025)
    ScaleName.PHIA: [
        ("remote chance", 0, 5, set()),
        ("highly unlikely", 10, 20, set()),
        ("unlikely", 25, 35, set()),
        ("realistic possibility", 40, 50, set()),
        ("likely", 55, 75, {"probable", "probably"}),
        ("highly likely", 80, 90, set()),
        ("almost certain", 95, 100, {"almost certainly"}),
    ],
    # NATO AJP-2.1 Edition B (2016): not checked against the published text
    ScaleName.NATO: [
        ("highly unlikely", 0, 10, set()),
        ("unlikely", 10, 40, set()),
        ("even chance", 40, 60, set()),
        ("likely", 60, 90, set()),
        ("highly likely", 90, 100, set()),
    ],
}


@pytest.mark.parametrize("name", list(ScaleName))
def test_each_scale_is_the_published_table(name: ScaleName) -> None:
    table = [(t.term, t.low, t.high, set(t.synonyms)) for t in SCALES[name].terms]
    assert table == PUBLISHED[name]


BASE: dict[str, Any] = {"title": "T", "date": "2025-05-01", "marking": "TLP:CLEAR"}


@pytest.mark.parametrize(("word", "term"), [("probably", "likely"), ("improbably", "unlikely")])
def test_icd_203_reads_its_parenthesised_synonyms(word: str, term: str) -> None:
    brief = Brief.model_validate({**BASE, "key_judgments": [{"text": "x", "likelihood": word}]})
    likelihood = brief.key_judgments[0].likelihood
    assert likelihood is not None and likelihood.value == term


def test_probably_in_an_icd_203_brief_is_not_a_foreign_term() -> None:
    brief = Brief.model_validate({**BASE, "assessment": "The port will probably reopen."})
    assert "foreign-estimative-term" not in [f.rule for f in sitrep.check_brief(brief)]
