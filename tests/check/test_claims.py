"""Claims docs/tradecraft.md makes, each tried on a brief of its own."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

import sitrep
from sitrep.check.rules.sourcing import normalise_url
from sitrep.model import Brief

BASE: dict[str, Any] = {"title": "T", "date": "2024-03-01", "marking": "TLP:GREEN"}


def rules(**fields: Any) -> list[str]:
    return [f.rule for f in sitrep.check_brief(Brief.model_validate({**BASE, **fields}))]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_credibility_syntax_as_a_citation_suffix() -> None:
    result = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "json"],
        input="Claim [@kyiv, p. 4, credibility 2].",
        capture_output=True,
        text=True,
        check=True,
    )
    cite = json.loads(result.stdout)["blocks"][0]["c"][2]
    assert cite["t"] == "Cite"
    (citation,) = cite["c"][0]
    assert citation["citationId"] == "kyiv"
    words = [part.get("c") for part in citation["citationSuffix"] if part["t"] == "Str"]
    assert words[-2:] == ["credibility", "2"]


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://example.org/a", "http://www.Example.org/a/"),
        ("https://example.org/a#top", "https://example.org/a"),
    ],
)
def test_urls_that_name_the_same_page_are_the_same(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


def test_different_query_or_path_case_are_different_pages() -> None:
    assert normalise_url("https://e.org/a?id=1") != normalise_url("https://e.org/a?id=2")
    assert normalise_url("https://e.org/A") != normalise_url("https://e.org/a")


def test_each_theme_is_its_own_list_for_ordering() -> None:
    what = [
        {"theme": "North", "events": [{"date": "2024-02-20", "text": "a"}]},
        {"theme": "South", "events": [{"date": "2024-02-10", "text": "b"}]},
    ]
    assert "events-out-of-order" not in rules(what=what)


def test_newest_first_is_an_order_too() -> None:
    what = [{"date": f"2024-02-{day}", "text": "x"} for day in ("20", "15", "10")]
    assert "events-out-of-order" not in rules(what=what)


def test_a_scenario_without_likelihood_is_found() -> None:
    assert "judgment-no-likelihood" in rules(outlook=[{"name": "A", "text": "x"}])


def test_likelihood_with_confidence_in_separate_words_is_fine() -> None:
    prose = "Strikes are highly likely, and we judge this with high confidence."
    assert rules(likelihood_scale="phia", assessment=prose) == []


@pytest.mark.parametrize(
    "phrase", ["a high likelihood", "low probability", "a moderate chance", "very high odds"]
)
def test_confidence_words_made_into_likelihood_are_found(phrase: str) -> None:
    assert "likelihood-as-confidence" in rules(assessment=f"There is {phrase} of strikes.")


def test_words_in_quotes_and_events_are_not_judged() -> None:
    found = rules(
        what=[{"date": "2024-02-20", "text": "An official called it highly likely."}],
        quotes=[{"text": "A realistic possibility, with high likelihood.", "speaker": "X"}],
        sections=[{"heading": "H", "quotes": [{"text": "highly likely", "speaker": "Y"}]}],
    )
    assert not {"foreign-estimative-term", "mixed-scales", "likelihood-as-confidence"} & set(found)


def test_remote_in_prose_is_not_an_estimative_word() -> None:
    assert "foreign-estimative-term" not in rules(
        likelihood_scale="nato", assessment="Strikes hit a remote village."
    )


def test_an_article_with_a_bibliography_under_tlp_red_is_found() -> None:
    sources = [{"id": "s", "title": "S"}]
    red_article = {"marking": "TLP:RED", "template": "article", "assessment": "x [@s]"}
    assert "restricted-marking-public" in rules(**red_article, sources=sources)
    assert "restricted-marking-public" not in rules(**{**red_article, "assessment": "x"})
    assert "restricted-marking-public" not in rules(
        **red_article, sources=sources, bibliography=False
    )


def test_a_source_dated_by_year_counts_from_its_first_day() -> None:
    sources = [{"id": "s", "title": "S", "date": "2025"}]
    assert "source-after-brief" in rules(sources=sources, assessment="x [@s]")
    sources = [{"id": "s", "title": "S", "date": "2024"}]
    assert "source-after-brief" not in rules(sources=sources, assessment="x [@s]")


def test_per_citation_credibility_decides_high_confidence() -> None:
    judgment = {"text": "x [@s, credibility 4]", "confidence": "high", "likelihood": "likely"}
    sources = [{"id": "s", "title": "S", "grade": "A1"}]
    assert "high-confidence-weak-sources" in rules(key_judgments=[judgment], sources=sources)
    judgment["text"] = "x [@s]"
    assert "high-confidence-weak-sources" not in rules(key_judgments=[judgment], sources=sources)


@pytest.mark.parametrize(
    ("citations", "found"),
    [
        # Found after the first build: credibility given on a citation of an ungraded source
        # was ignored, so High confidence on "improbable" claims passed.
        ("[@blog, credibility 5]", True),
        ("[@blog, p. 2, credibility 3] and [@wire, credibility 4]", True),
        ("[@blog, credibility 5] and [@agency]", False),  # A1 on its own grade
        ("[@blog, credibility 5] and [@wire, credibility 1]", True),  # wire's reliability unknown
        ("[@blog, credibility 2]", False),  # reliability unknown: neither weak nor strong
        ("[@blog]", False),  # nothing graded
        ("[@agency, credibility 3]", True),  # the claim's credibility beats the source's
    ],
)
def test_per_citation_credibility_counts_on_an_ungraded_source(citations: str, found: bool) -> None:
    judgment = {"text": f"x {citations}", "confidence": "high", "likelihood": "likely"}
    sources = [
        {"id": "blog", "title": "A blog"},
        {"id": "wire", "title": "A wire"},
        {"id": "agency", "title": "An agency", "grade": "A1"},
    ]
    found_rules = rules(key_judgments=[judgment], sources=sources, assessment="[@wire] [@agency]")
    assert ("high-confidence-weak-sources" in found_rules) is found


def test_the_weak_sources_finding_names_each_citation_grade() -> None:
    judgment = {"text": "x [@blog, credibility 5]", "confidence": "high", "likelihood": "likely"}
    brief = Brief.model_validate(
        {**BASE, "key_judgments": [judgment], "sources": [{"id": "blog", "title": "B"}]}
    )
    (finding,) = [f for f in sitrep.check_brief(brief) if f.rule == "high-confidence-weak-sources"]
    assert "blog credibility 5" in finding.message
