"""The tradecraft elements in the model: scales, suggestions across scales, the Markdown
headings, per-citation credibility, and loading back what was written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.errors import BriefError
from sitrep.inline import Cite, parse
from sitrep.model import Brief
from sitrep.model.judgment import Likelihood
from sitrep.model.scales import SCALES, ScaleName, find_terms
from sitrep.model.tradecraft import IndicatorStatus

BASE: dict[str, Any] = {"title": "T", "date": "2024-03-01"}


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({**BASE, **fields})


@pytest.mark.parametrize(
    "scale,word,term,probability",
    [
        ("icd203", "Probable", "likely", "55-80%"),
        ("icd203", "remote", "almost no chance", "01-05%"),
        ("icd203", "almost certainly", "almost certain", "95-99%"),
        ("phia", "realistic possibility", "realistic possibility", "40-50%"),
        ("phia", "remote chance", "remote chance", "≤5%"),
        ("phia", "almost certain", "almost certain", "≥95%"),
        ("phia", "probably", "likely", "55-75%"),
        ("nato", "even chance", "even chance", "40-60%"),
        ("nato", "Highly-Likely", "highly likely", ">90%"),
        ("nato", "highly unlikely", "highly unlikely", "<10%"),
    ],
)
def test_each_scale_reads_its_terms_with_their_published_ranges(
    scale: str, word: str, term: str, probability: str
) -> None:
    judgment = brief(
        likelihood_scale=scale, key_judgments=[{"text": "x", "likelihood": word}]
    ).key_judgments[0]
    assert judgment.likelihood == Likelihood(term, ScaleName(scale))
    assert judgment.likelihood is not None and judgment.likelihood.probability == probability


def test_scales_are_ordered_and_within_0_to_100() -> None:
    for scale in SCALES.values():
        lows = [t.low for t in scale.terms]
        assert lows == sorted(lows)
        assert all(0 <= t.low < t.high <= 100 for t in scale.terms)


@pytest.mark.parametrize(
    "scale,word,nearest",
    [
        ("icd203", "realistic possibility", ("'roughly even chance'", "ICD 203", "45-55%")),
        ("icd203", "highly likely", ("'very likely'", "ICD 203", "80-95%")),
        ("phia", "very likely", ("'highly likely'", "PHIA", "80-90%")),
        ("phia", "roughly even chance", ("'realistic possibility'", "PHIA", "40-50%")),
        ("nato", "almost certain", ("'highly likely'", "NATO AJP-2.1", ">90%")),
        ("nato", "remote chance", ("'highly unlikely'", "NATO AJP-2.1", "<10%")),
    ],
)
def test_a_word_from_another_scale_is_refused_with_a_suggestion(
    scale: str, word: str, nearest: tuple[str, str, str]
) -> None:
    term, label, probability = nearest
    suggestion = f"did you mean {term}? (the nearest {label} term, {probability})"
    with pytest.raises(BriefError) as error:
        brief(likelihood_scale=scale, outlook=[{"name": "A", "text": "x", "likelihood": word}])
    message = str(error.value)
    assert "outlook[0].likelihood" in message
    assert suggestion in message
    assert "set likelihood_scale:" in message


def test_an_unknown_word_lists_the_scale() -> None:
    with pytest.raises(BriefError, match="expected one of: remote chance, highly unlikely"):
        brief(likelihood_scale="phia", key_judgments=[{"text": "x", "likelihood": "maybe"}])


def test_an_unknown_scale_is_refused_by_name() -> None:
    with pytest.raises(BriefError, match="likelihood_scale"):
        brief(likelihood_scale="cia")


def test_validating_one_brief_does_not_leak_its_scale_into_the_next() -> None:
    brief(likelihood_scale="nato", key_judgments=[{"text": "x", "likelihood": "even chance"}])
    with pytest.raises(BriefError):
        brief(key_judgments=[{"text": "x", "likelihood": "even chance"}])


def test_likelihood_confidence_and_basis_are_optional() -> None:
    judgment = brief(key_judgments=[{"text": "x"}]).key_judgments[0]
    assert (judgment.likelihood, judgment.confidence, judgment.basis) == (None, None, None)


def test_an_indicator_must_name_an_outlook_scenario() -> None:
    with pytest.raises(
        BriefError, match=r"indicators\[0\]\.scenario: points to scenario 'Escalaton'"
    ):
        brief(
            outlook=[{"name": "Escalation", "text": "x"}],
            indicators=[{"text": "y", "scenario": "Escalaton"}],
        )


@pytest.mark.parametrize(
    "written,status",
    [
        ("observed", IndicatorStatus.OBSERVED),
        ("Partly observed", IndicatorStatus.PARTLY),
        ("not_observed", IndicatorStatus.NOT_OBSERVED),
    ],
)
def test_indicator_status_spellings(written: str, status: IndicatorStatus) -> None:
    assert brief(indicators=[{"text": "y", "status": written}]).indicators[0].status is status


def test_indicator_status_defaults_to_not_observed() -> None:
    assert brief(indicators=[{"text": "y"}]).indicators[0].status is IndicatorStatus.NOT_OBSERVED


@pytest.mark.parametrize(
    "text,locator,credibility",
    [
        ("[@a, credibility 2]", None, 2),
        ("[@a, p. 4, credibility 6]", "p. 4", 6),
        ("[@a, p. 4, Credibility 1]", "p. 4", 1),
        ("[@a, p. 4]", "p. 4", None),
        ("[@a, credibility 7]", "credibility 7", None),
        ("[@a, credibility]", "credibility", None),
    ],
)
def test_per_citation_credibility_is_the_last_part_of_the_suffix(
    text: str, locator: str | None, credibility: int | None
) -> None:
    (cite,) = parse(text).paragraphs[0].children
    assert isinstance(cite, Cite)
    assert (cite.items[0].locator, cite.items[0].credibility) == (locator, credibility)


def test_per_citation_credibility_shows_with_the_source_reliability() -> None:
    from sitrep.resolve import resolve

    resolved = resolve(
        brief(
            show_grades=True,
            assessment="A [@s, credibility 4]. B [@s]. C [@u, credibility 2].",
            sources=[{"id": "s", "title": "S", "grade": "B2"}, {"id": "u", "title": "U"}],
        )
    )
    notes = [n.content[-1].text for n in resolved.notes]  # type: ignore[union-attr]
    assert notes[0].endswith("[B4].") and notes[1].endswith("[B2].")
    assert notes[2].endswith("[credibility 2].")


def test_find_terms_prefers_the_longest_and_skips_remote_in_prose() -> None:
    words = [w for _, _, w in find_terms("A roughly even chance; a remote village; highly-likely.")]
    assert words == ["roughly even chance", "highly likely"]


MARKDOWN = """\
---
title: T
date: 2024-03-01
likelihood_scale: nato
---

## BLUF

The line.

## Key judgments

- **Likely** (moderate confidence): Strikes continue.
  Basis: six weeks of tempo.

## Scenarios

- **Escalation** (even chance): More strikes.

## Signposts

- [x] Drones massed (scenario: Escalation)
- [~] Talks announced
- [ ] Deliveries stop

## Key assumptions

- The front holds.

## Intelligence gaps

- Stocks.

## Source summary statement

Open sources only.
"""


def test_markdown_headings_fill_the_elements(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN, "utf-8")
    loaded = sitrep.load(path)
    assert loaded.bluf == "The line."
    assert loaded.key_judgments[0].basis == "six weeks of tempo."
    assert loaded.outlook[0].likelihood == Likelihood("even chance", ScaleName.NATO)
    assert [i.status.value for i in loaded.indicators] == ["observed", "partly", "not observed"]
    assert loaded.indicators[0].scenario == "Escalation"
    assert (loaded.assumptions, loaded.gaps) == (["The front holds."], ["Stocks."])
    assert loaded.source_summary == "Open sources only."


def test_a_malformed_markdown_indicator_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN.replace("- [~] Talks announced", "- Talks announced"), "utf-8")
    with pytest.raises(BriefError, match=r"brief\.md:23: indicators\[1\]: an indicator"):
        sitrep.load(path)


def test_a_foreign_term_in_markdown_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN.replace("(even chance)", "(realistic possibility)"), "utf-8")
    with pytest.raises(BriefError) as error:
        sitrep.load(path)
    assert "brief.md:18: outlook[0].likelihood" in str(error.value)
    assert "did you mean 'even chance'? (the nearest NATO AJP-2.1 term" in str(error.value)
    assert len(error.value.problems) == 1  # no knock-on error about the indicators


@pytest.mark.parametrize("kind", ["yaml", "json", "md"])
def test_every_element_survives_dump_and_load(kind: str, tmp_path: Path) -> None:
    original = brief(
        likelihood_scale="phia",
        bluf="Bottom line [@s].",
        key_judgments=[
            {"text": "x", "likelihood": "probably", "confidence": "low", "basis": "b [@s]"}
        ],
        outlook=[{"name": "A", "text": "t", "likelihood": "remote chance"}],
        indicators=[{"text": "i", "status": "partly", "scenario": "A"}],
        assumptions=["a"],
        gaps=["g"],
        source_summary="ss",
        sources=[{"id": "s", "title": "S", "descriptor": "an official"}],
        check={"disable": [{"rule": "no-marking", "reason": "why"}]},
    )
    path = sitrep.dump(original, tmp_path / f"brief.{kind}")
    assert sitrep.load(path) == original


def test_a_brief_on_another_scale_survives_being_validated_again() -> None:
    # Found at the merge with editable models: revalidating read NATO terms as ICD 203.
    nato = brief(
        likelihood_scale="nato", key_judgments=[{"text": "x", "likelihood": "even chance"}]
    )
    again = Brief.model_validate(nato)
    assert again.key_judgments[0].likelihood == Likelihood("even chance", ScaleName.NATO)
    assert isinstance(sitrep.render(nato, "md"), bytes)


def test_changing_the_scale_under_its_terms_is_refused_and_undone() -> None:
    nato = brief(likelihood_scale="nato", key_judgments=[{"text": "x", "likelihood": "likely"}])
    with pytest.raises(BriefError, match=r"key_judgments\[0\]\.likelihood: 'likely' is a NATO"):
        nato.likelihood_scale = ScaleName.ICD203
    assert nato.likelihood_scale is ScaleName.NATO


def test_a_list_assigned_to_a_brief_is_read_on_its_scale() -> None:
    nato = brief(likelihood_scale="nato")
    nato.key_judgments = [{"text": "x", "likelihood": "even chance"}]  # type: ignore[list-item]
    assert nato.key_judgments[0].likelihood == Likelihood("even chance", ScaleName.NATO)


def test_a_word_set_on_a_judgment_in_a_brief_is_read_on_the_brief_scale() -> None:
    nato = brief(likelihood_scale="nato", key_judgments=[{"text": "x", "likelihood": "likely"}])
    nato.key_judgments[0].likelihood = "even chance"  # type: ignore[assignment]
    assert nato.key_judgments[0].likelihood == Likelihood("even chance", ScaleName.NATO)
    with pytest.raises(BriefError, match=r"^key_judgments\[0\]\.likelihood: 'maybe' is not a NATO"):
        nato.key_judgments[0].likelihood = "maybe"  # type: ignore[assignment]


def test_a_markdown_dump_puts_the_elements_under_their_headings(tmp_path: Path) -> None:
    original = brief(
        bluf="Bottom line.",
        key_judgments=[{"text": "x", "likelihood": "likely", "confidence": "low", "basis": "b"}],
        outlook=[{"name": "A", "text": "t", "likelihood": "unlikely"}, {"name": "B", "text": "u"}],
        indicators=[{"text": "i", "status": "partly", "scenario": "A"}, {"text": "j"}],
        assumptions=["a"],
        gaps=["g"],
        source_summary="ss",
    )
    path = sitrep.dump(original, tmp_path / "brief.md")
    text = path.read_text("utf-8")
    for heading in ("Bottom line up front", "Outlook", "Indicators", "Assumptions", "Gaps"):
        assert f"\n## {heading}\n" in text
    assert "- [~] i (scenario: A)" in text and "  Basis: b" in text
    assert sitrep.load(path) == original
