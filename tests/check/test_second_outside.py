"""The second outside test of `sitrep check`, kept: each find of the tester is one test here,
with the brief (or file set) that broke the claim."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.check import check_file
from sitrep.check.findings import Finding
from sitrep.model.brief import Brief


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


def _check(path: Path) -> list[Finding]:
    return check_file(path, profile=False).findings


def _rules(path: Path) -> list[str]:
    return [finding.rule for finding in _check(path)]


# 11: sources brought in from .bib and CSL-JSON files are pointed at in those files.

_BIB = """
@article{early,
  title = {Early report},
  year = {2026},
  url = {https://example.org/r}
}

@misc{late,
  title = {Late report},
  date = {2027-02-01},
  url = {https://www.example.org/r/}
}
"""

_CSL = """
[
  {"id": "cslA", "type": "report", "title": "CSL A", "issued": {"date-parts": [[2027, 5]]}, "URL": "https://example.org/r"},
  {"id": "cslB", "type": "report", "title": "CSL B"}
]
"""


def test_findings_on_imported_sources_point_at_their_file_and_entry(tmp_path: Path) -> None:
    _write(tmp_path, "refs.bib", _BIB)
    _write(tmp_path, "refs.json", _CSL)
    brief = _write(
        tmp_path,
        "brief.yaml",
        """
        title: Typhoon in Luzon
        date: 2026-10-01
        marking: TLP:CLEAR
        assessment: Damage is wide [@early] [@cslA].
        sources:
          - refs.bib
          - refs.json
          - id: own
            title: Own notes
            url: http://example.org/r
        """,
    )
    where = {
        (f.rule, f.message.split("'")[1]): (Path(f.file or "").name, f.line, f.field)
        for f in _check(brief)
    }
    assert where[("unused-source", "late")] == ("refs.bib", 7, "sources[0]")
    assert where[("source-after-brief", "late")] == ("refs.bib", 7, "sources[0]")
    assert where[("source-after-brief", "cslA")] == ("refs.json", 2, "sources[1]")
    assert where[("unused-source", "cslB")] == ("refs.json", 3, "sources[1]")
    # The brief's own source keeps its own index and lines, not those of the expanded list.
    assert where[("unused-source", "own")] == ("brief.yaml", 8, "sources[2]")
    assert where[("duplicate-url", "own")] == ("brief.yaml", 10, "sources[2].url")


def test_imported_source_files_in_a_subfolder_are_named_as_the_brief_is(tmp_path: Path) -> None:
    folder = tmp_path / "typhoon"
    folder.mkdir()
    _write(folder, "refs.bib", _BIB)
    brief = _write(
        folder,
        "brief.yaml",
        """
        title: Typhoon in Luzon
        date: 2026-10-01
        marking: TLP:CLEAR
        assessment: Damage is wide [@early].
        sources: refs.bib
        """,
    )
    (late,) = [f for f in _check(brief) if f.rule == "source-after-brief"]
    assert (late.file, late.line, late.field) == (str(folder / "refs.bib"), 7, "sources")


# 13: restricting wording is not a public-distribution statement.


def _red_brief(folder: Path, contact: str, summary: str = "One HR file.") -> Path:
    return _write(
        folder,
        "brief.yaml",
        f"""
        title: Insider threat at a Rotterdam terminal
        date: 2026-01-05
        marking: TLP:RED
        contact: {contact!r}
        source_summary: {summary!r}
        """,
    )


@pytest.mark.parametrize(
    "contact",
    [
        "Not for public release. Named recipients only: security desk, ext. 4411.",
        "NOT FOR PUBLIC DISTRIBUTION",
        "This brief is not approved for public release.",
        "Public release is prohibited.",
        "Never share freely; named recipients only.",
        "Unsubscribe from these alerts: reply STOP to the desk.",
        "Do not publish; this isn't for general distribution.",
    ],
)
def test_restricting_wording_does_not_point_at_public_distribution(
    contact: str, tmp_path: Path
) -> None:
    assert "restricted-marking-public" not in _rules(_red_brief(tmp_path, contact))


def test_negated_summary_is_not_public(tmp_path: Path) -> None:
    brief = _red_brief(tmp_path, "Security desk", "One HR file; not approved for public release.")
    assert "restricted-marking-public" not in _rules(brief)


@pytest.mark.parametrize(
    "contact",
    [
        "Approved for public release; distribution unlimited.",
        "Press enquiries: press@example.org",
        "Subscribe to our newsletter at example.org.",
        "Not classified. Approved for public release.",
    ],
)
def test_public_distribution_statements_still_fire(contact: str, tmp_path: Path) -> None:
    assert "restricted-marking-public" in _rules(_red_brief(tmp_path, contact))


# 2: inline notes are the analyst's words too.


def test_inline_notes_are_scanned_by_the_prose_rules_in_yaml(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        """
        title: Cholera in Sudan
        date: 2026-09-01
        marking: TLP:CLEAR
        key_judgments:
          - text: Cases will very likely double [@who].
            likelihood: very likely
            confidence: moderate
            basis: Camps ^[A realistic possibility, with a high likelihood of deaths.] [@who].
        assessment: Cases will rise ^[It is highly likely that the camps are hit.] [@who].
        sources:
          - id: who
            title: WHO situation report
        """,
    )
    found = {(f.rule, f.field) for f in _check(brief)}
    assert ("foreign-estimative-term", "key_judgments[0].basis") in found
    assert ("likelihood-as-confidence", "key_judgments[0].basis") in found
    assert ("foreign-estimative-term", "assessment") in found
    assert any(rule == "mixed-scales" for rule, _ in found)


def test_inline_notes_are_scanned_by_the_prose_rules_in_markdown(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.md",
        """
        ---
        title: Cholera in Sudan
        date: 2026-09-01
        marking: TLP:CLEAR
        likelihood_scale: phia
        sources:
          - id: who
            title: WHO situation report
        ---

        ## Assessment

        Cases will rise ^[It is very likely that the camps are hit; a high probability.] [@who].
        """,
    )
    found = {(f.rule, f.field) for f in _check(brief)}
    assert ("foreign-estimative-term", "assessment") in found
    assert ("likelihood-as-confidence", "assessment") in found


def test_a_phrase_does_not_run_from_the_text_into_a_note(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        """
        title: Cholera in Sudan
        date: 2026-09-01
        marking: TLP:CLEAR
        assessment: Case counts are high^[Likelihood figures come from WHO.] [@who].
        sources:
          - id: who
            title: WHO situation report
        """,
    )
    assert "likelihood-as-confidence" not in _rules(brief)


# 1: lookalike letters and invisible characters do not hide an estimative word.


def _assessment(folder: Path, text: str, scale: str = "icd203") -> Path:
    return _write(
        folder,
        "brief.yaml",
        f"""
        title: Drought in the Sahel
        date: 2026-01-05
        marking: TLP:CLEAR
        likelihood_scale: {scale}
        assessment: {json.dumps(text)}
        sources:
          - id: fao
            title: FAO crop monitor
        """,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Harvests will h\u0456ghly likely fail [@fao].",  # Cyrillic і
        "Herders will highly\u2011likely move [@fao].",  # non-breaking hyphen
        "Herders will highly\u2010likely move [@fao].",  # hyphen
        "Prices will high\u00adly likely climb [@fao].",  # soft hyphen
        "Aid will highly\u200blikely lag [@fao].",  # zero-width space between the words
        "Aid will hi\u200bghly likely lag [@fao].",  # zero-width space inside a word
        "Aid will highly\u2060likely lag [@fao].".replace("\u2060", " \u2060"),  # word joiner
        "Rains will \u029cighly likely fail [@fao].",  # small capital H
        "Rains will HIGHLY LIKELY fail [@fao].",
        "Rains will \uff48ighly likely fail [@fao].",  # full-width h (NFKC)
        "Rains will highly \u043b\u0456kely fail [@fao].".replace("\u043b", "l"),
    ],
)
def test_lookalikes_do_not_hide_a_foreign_term(text: str, tmp_path: Path) -> None:
    found = [f for f in _check(_assessment(tmp_path, text)) if f.rule == "foreign-estimative-term"]
    assert [f.message.split("'")[1] for f in found] == ["highly likely"]


def test_lookalikes_do_not_hide_mixed_likelihood_and_confidence(tmp_path: Path) -> None:
    brief = _assessment(tmp_path, "A h\u0456gh l\u0456kelihood of famine [@fao].")
    assert "likelihood-as-confidence" in _rules(brief)


def test_a_likelihood_field_with_a_lookalike_names_the_character(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        """
        title: Drought in the Sahel
        date: 2026-01-05
        marking: TLP:CLEAR
        key_judgments:
          - text: Harvests will fail [@fao].
            likelihood: "h\\u0456ghly probable"
            confidence: moderate
            basis: Crop monitor [@fao].
        sources:
          - id: fao
            title: FAO crop monitor
        """,
    )
    (finding,) = _check(brief)
    assert finding.rule == "brief-invalid"
    assert finding.field == "key_judgments[0].likelihood"
    assert "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" in finding.message
    assert "lookalike" in finding.message and "'highly probable'" in finding.message


def test_a_likelihood_field_with_a_soft_hyphen_names_it() -> None:
    from sitrep.model.judgment import parse_likelihood

    with pytest.raises(ValueError, match="U\\+00AD SOFT HYPHEN"):
        parse_likelihood("like\u00adly")


# 3: likelihood dressed as confidence, in other word orders.


@pytest.mark.parametrize(
    "text",
    [
        "A high-likelihood attack looms [@fao].",
        "Plan for a low-probability, high-impact outage [@fao].",
        "The probability of sabotage is high [@fao].",
        "Likelihood is low that we learn more [@fao].",
        "The chances of a deal remain very low [@fao].",
    ],
)
def test_likelihood_as_confidence_variants(text: str, tmp_path: Path) -> None:
    assert "likelihood-as-confidence" in _rules(_assessment(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        "It is very likely, with high confidence, that the attack comes [@fao].",
        "The probability yardstick is explained in the annex [@fao].",
        "Prices are high; the likelihood of unrest is unclear [@fao].",
    ],
)
def test_likelihood_as_confidence_leaves_proper_wording(text: str, tmp_path: Path) -> None:
    assert "likelihood-as-confidence" not in _rules(_assessment(tmp_path, text))


# 5: a reason of spaces, or none, does not switch a rule off.

_NO_MARKING = """
title: Power outage in Lagos
date: 2026-01-05
"""


@pytest.mark.parametrize("reason", ['"   "', '""', '"\\t\\n"'])
def test_a_blank_reason_in_a_brief_is_refused(reason: str, tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        _NO_MARKING + f"check:\n  disable:\n    - rule: no-marking\n      reason: {reason}\n",
    )
    (finding,) = _check(brief)
    assert (finding.rule, finding.field, finding.line) == (
        "brief-invalid",
        "check.disable[0].reason",
        6,
    )
    assert "empty" in finding.message


def test_a_blank_reason_in_the_house_profile_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "sitrep-profile.yaml",
        'check:\n  disable:\n    - rule: no-marking\n      reason: "  "\n',
    )
    brief = _write(tmp_path, "brief.yaml", _NO_MARKING)
    rules = [f.rule for f in check_file(brief).findings]
    assert rules == ["check-config", "no-marking"]


@pytest.mark.parametrize("reason", ["", "   ", None, 3])
def test_a_blank_reason_from_python_is_refused(reason: object, tmp_path: Path) -> None:
    from sitrep import check_brief, load
    from sitrep.check.runner import CheckConfigError

    brief = load(_write(tmp_path, "brief.yaml", _NO_MARKING))
    with pytest.raises(CheckConfigError, match="'no-marking' without a reason"):
        check_brief(brief, profile=False, disable={"no-marking": reason})  # type: ignore[dict-item]


# 4: an abbreviation before a number does not end a sentence of the BLUF.


@pytest.mark.parametrize("cite", ["(p. 4)", "on Jan. 5", "(fig. 2)", "(art. 5)", "(pp. 4-5)"])
def test_abbreviations_before_a_number_do_not_end_a_bluf_sentence(
    cite: str, tmp_path: Path
) -> None:
    from sitrep.check.rules.handling import count_sentences

    bluf = f"Rivers will likely crest, as the ministry warns {cite}. Towns flood. Roads close."
    assert count_sentences(bluf) == 3
    brief = _write(
        tmp_path,
        "brief.yaml",
        f"""
        title: Floods on the Danube
        date: 2026-01-05
        marking: TLP:CLEAR
        bluf: {json.dumps(bluf.replace(". Towns", " [@m]. Towns"))}
        sources:
          - id: m
            title: Ministry bulletin
        """,
    )
    assert "bluf-too-long" not in _rules(brief)


def test_a_number_after_a_full_stop_still_starts_a_sentence() -> None:
    from sitrep.check.rules.handling import count_sentences

    assert count_sentences("Water rose at Vidin. 5 towns flood. Roads close. Power fails.") == 4


# 7: a Markdown key judgment may leave out its likelihood or confidence, as in YAML.

_MD_FRONT = """
---
title: Measles outbreak in Samoa
date: 2026-09-01
marking: TLP:CLEAR
sources:
  - id: who
    title: WHO report
---

## Key judgments

"""


def test_markdown_key_judgments_may_omit_likelihood_and_confidence(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.md",
        _MD_FRONT
        + "- **Likely**: Cases peak in October [@who].\n"
        + "- (high confidence): Clinics run short of vaccine [@who].\n"
        + "  Basis: stock reports [@who].\n"
        + "- Vaccination lags in **rural** districts [@who].\n",
    )
    found = {(f.rule, f.field, f.line) for f in _check(brief)}
    assert found == {
        ("judgment-no-confidence", "key_judgments[0]", 12),
        ("judgment-no-basis", "key_judgments[0]", 12),
        ("judgment-no-likelihood", "key_judgments[1]", 13),
        ("judgment-no-likelihood", "key_judgments[2]", 15),
        ("judgment-no-confidence", "key_judgments[2]", 15),
        ("judgment-no-basis", "key_judgments[2]", 15),
    }
    from sitrep import load

    judgments = load(brief).key_judgments
    assert judgments[0].likelihood is not None and judgments[0].confidence is None
    assert judgments[1].likelihood is None and judgments[1].basis is not None
    assert judgments[2].text == "Vaccination lags in **rural** districts [@who]."


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ("- Likely: Cases peak in October.", "write the likelihood in bold"),
        ("- **Likely** (moderate confidence):", "this one has no text"),
    ],
)
def test_markdown_key_judgment_mistakes_are_explained(item: str, says: str, tmp_path: Path) -> None:
    brief = _write(tmp_path, "brief.md", _MD_FRONT + item + "\n")
    (finding,) = _check(brief)
    assert (finding.rule, finding.field, finding.line) == ("brief-invalid", "key_judgments[0]", 12)
    assert says in finding.message


# 14: a finding on a Markdown key judgment's basis points at the `Basis:` line.


def test_markdown_basis_findings_point_at_the_basis_line(tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.md",
        _MD_FRONT
        + "- **Likely** (moderate confidence): Cases rise in the camps\n"
        + "  over the coming month [@who].\n"
        + "  Basis: clinic reports make spread a\n"
        + "  realistic possibility [@who].\n",
    )
    (finding,) = _check(brief)
    assert (finding.rule, finding.field, finding.line) == (
        "foreign-estimative-term",
        "key_judgments[0].basis",
        14,
    )


# 8: the article-bibliography finding points at a line the brief has.


@pytest.mark.parametrize(
    ("extra", "field", "line"), [("", "marking", 3), ("bibliography: true\n", "bibliography", 5)]
)
def test_article_bibliography_finding_points_at_a_written_line(
    extra: str, field: str, line: int, tmp_path: Path
) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        "title: Port strike\ndate: 2026-01-05\nmarking: TLP:RED\ntemplate: article\n"
        + extra
        + "assessment: Ships wait [@a].\nsources:\n  - id: a\n    title: Port notice\n",
    )
    (finding,) = _check(brief)
    assert (finding.rule, finding.field, finding.line) == (
        "restricted-marking-public",
        field,
        line,
    )


# 10: brief-invalid and check-config are not rules to turn off, and say so.


@pytest.mark.parametrize("rule", ["brief-invalid", "check-config"])
def test_brief_invalid_and_check_config_cannot_be_turned_off(rule: str, tmp_path: Path) -> None:
    brief = _write(
        tmp_path,
        "brief.yaml",
        "title: Port strike\ndate: 2026-01-05\nmarking: TLP:CLEAR\ncheck:\n  disable:\n"
        f"    - rule: {rule}\n      reason: noisy\n",
    )
    (finding,) = _check(brief)
    assert (finding.rule, finding.line) == ("check-config", 6)
    assert f"{rule!r} cannot be turned off" in finding.message

    from sitrep import check_brief
    from sitrep.check.runner import CheckConfigError

    with pytest.raises(CheckConfigError, match=f"'{rule}' cannot be turned off"):
        check_brief(_load(brief.with_name("ok.yaml")), disable={rule: "noisy"})


def _load(path: Path) -> Brief:
    from sitrep import load

    path.write_text("title: Port strike\ndate: 2026-01-05\nmarking: TLP:CLEAR\n", "utf-8")
    return load(path)


# 12: a JSON brief gets advice in JSON's terms, a YAML brief keeps YAML's.


def test_a_json_brief_gets_json_advice(tmp_path: Path) -> None:
    path = tmp_path / "brief.json"
    path.write_text(
        '{"title": true, "date": "2026-01-05",\n "check": {"disable": "no-marking"}}', "utf-8"
    )
    messages = {f.field: f.message for f in _check(path)}
    assert "square brackets" in messages["check.disable"]
    assert "- '" not in messages["check.disable"]
    assert "YAML" not in messages["title"] and "in quotes" in messages["title"]


def test_a_yaml_brief_keeps_yaml_advice(tmp_path: Path) -> None:
    brief = _write(
        tmp_path, "brief.yaml", "title: true\ndate: 2026-01-05\ncheck:\n  disable: no-marking\n"
    )
    messages = {f.field: f.message for f in _check(brief)}
    assert "starting with '- '" in messages["check.disable"]
    assert "in YAML" in messages["title"]


# 9: `-o` naming a folder is refused by the folder's name, not by a temporary file's.


def test_output_to_a_folder_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sitrep.cli import main

    brief = _write(tmp_path, "brief.yaml", "title: T\ndate: 2026-01-05\nmarking: TLP:CLEAR\n")
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["check", str(brief), "--format", "sarif", "-o", str(folder)]) == 2
    error = capsys.readouterr().err
    assert f"{folder}: is a folder" in error and "findings.sarif" in error
    assert ".part" not in error
    assert list(folder.iterdir()) == []


# 6: the same page, written with a default port, as punycode or with a trailing dot.


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://fireservice.gr/bulletin", "https://fireservice.gr:443/bulletin"),
        ("http://fireservice.gr/bulletin", "http://fireservice.gr:80/bulletin"),
        ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
        ("https://BÜCHER.de/x", "https://bücher.de/x/"),
        ("https://fireservice.gr/bulletin", "https://fireservice.gr./bulletin"),
    ],
)
def test_duplicate_url_sees_through_port_idn_and_trailing_dot(
    first: str, second: str, tmp_path: Path
) -> None:
    assert "duplicate-url" in _rules(_two_urls(tmp_path, first, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://fireservice.gr/bulletin", "https://fireservice.gr:8443/bulletin"),
        ("https://bücher.de/x", "https://bucher.de/x"),
    ],
)
def test_duplicate_url_keeps_different_pages_apart(first: str, second: str, tmp_path: Path) -> None:
    assert "duplicate-url" not in _rules(_two_urls(tmp_path, first, second))


def _two_urls(folder: Path, first: str, second: str) -> Path:
    return _write(
        folder,
        "brief.yaml",
        f"""
        title: Wildfires in Attica
        date: 2026-08-20
        marking: TLP:CLEAR
        assessment: Fires spread [@a] [@b].
        sources:
          - id: a
            title: Fire service bulletin
            url: {first}
          - id: b
            title: Fire service bulletin (copy)
            url: {second}
        """,
    )


# likelihood_scale is read as it is printed: PHIA, ICD 203, NATO.


@pytest.mark.parametrize(
    ("written", "term"), [("PHIA", "realistic possibility"), ("ICD 203", "roughly even chance")]
)
def test_likelihood_scale_in_capitals_is_read(written: str, term: str, tmp_path: Path) -> None:
    from sitrep import load

    brief = _write(
        tmp_path,
        "brief.yaml",
        f"""
        title: Port strike
        date: 2026-01-05
        marking: TLP:CLEAR
        likelihood_scale: {written}
        key_judgments:
          - text: Ships wait [@a].
            likelihood: {term}
            confidence: low
            basis: Port notice [@a].
        sources:
          - id: a
            title: Port notice
        """,
    )
    assert _check(brief) == []
    assert load(brief).key_judgments[0].likelihood is not None


# A folder named sitrep-profile.yaml is reported, not passed over.


def test_a_folder_named_like_the_house_profile_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sitrep-profile.yaml").mkdir()
    brief = _write(tmp_path, "brief.yaml", "title: T\ndate: 2026-01-05\nmarking: TLP:CLEAR\n")
    (finding,) = check_file(brief).findings
    assert finding.rule == "check-config"
    assert finding.file is not None and finding.file.endswith("sitrep-profile.yaml")
    assert "is a folder" in finding.message
    assert check_file(brief, profile=False).findings == []


# For every estimative word, any mix of invisible characters, typographic hyphens, lookalike
# letters and capitals still finds it.

_DISGUISES = {"i": "\u0456", "o": "\u043e", "a": "\u0430", "e": "\u0435", "h": "\u029c"}


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_disguised_estimative_words_are_found(data: st.DataObject) -> None:
    from sitrep.model.scales import SCALES, find_terms

    words = sorted({w for scale in SCALES.values() for w in scale.words} - {"remote"})
    word = data.draw(st.sampled_from(words))
    out: list[str] = []
    for char in word:
        if char == " ":
            out.append(data.draw(st.sampled_from([" ", "\u2010", "\u2011", "-", "\u00a0"])))
            continue
        choice = data.draw(st.sampled_from(["plain", "upper", "lookalike", "invisible"]))
        if choice == "upper":
            out.append(char.upper())
        elif choice == "lookalike" and char in _DISGUISES:
            out.append(_DISGUISES[char])
        elif choice == "invisible":
            out.append(char + data.draw(st.sampled_from(["\u00ad", "\u200b", "\u200d", "\ufeff"])))
        else:
            out.append(char)
    text = f"Analysts judge it {''.join(out)} that talks fail."
    assert word in [found for _, _, found in find_terms(text)]
