"""An indicator's scenario link: read exactly, and refused at the line of the link.

Found after the first build: an unknown scenario was reported at the `indicators:` line (and
only the first of several), and in a Markdown brief a scenario name with parentheses,
`(scenario: Talks (Oman))`, left the link in the indicator's text with no error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.check import check_file
from sitrep.errors import BriefError
from sitrep.files.load import load_with_lines
from sitrep.model.brief import Brief

YAML = """\
title: Port strike in Rotterdam
date: 2025-03-01
outlook:
  - name: Deal
    text: Unions accept the offer.
    likelihood: likely
indicators:
  - text: Talks resume
    status: observed
    scenario: Deal
  - text: Pickets widen to Antwerp
    status: partly
    scenario: Lockout
  - text: Ministry mediates
    scenario: Mediation
"""

MARKDOWN = """\
---
title: Port strike in Rotterdam
date: 2025-03-01
---

## Outlook

- **Deal** (likely): Unions accept the offer.

## Indicators

- [x] Talks resume (scenario: Deal)
- [~] Pickets widen
  to Antwerp (scenario: Lockout)
- [ ] Ministry mediates (scenario: Mediation)
"""


def _json(text: str) -> str:
    """The YAML brief as JSON with one key a line, so each field keeps a line of its own."""
    import yaml

    data = yaml.safe_load(text)
    data["date"] = data["date"].isoformat()
    return json.dumps(data, indent=2)


@pytest.mark.parametrize(
    ("name", "text", "lines"),
    [
        ("brief.yaml", YAML, [13, 15]),
        ("brief.md", MARKDOWN, [14, 15]),
        ("brief.json", _json(YAML), None),
    ],
)
def test_every_unknown_scenario_is_reported_at_its_scenario_line(
    tmp_path: Path, name: str, text: str, lines: list[int] | None
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    findings = check_file(path).findings
    assert [f.field for f in findings] == ["indicators[1].scenario", "indicators[2].scenario"]
    assert all(f.rule == "brief-invalid" for f in findings)
    assert "'Lockout'" in findings[0].message and "'Mediation'" in findings[1].message
    file_lines = text.splitlines()
    if lines is not None:
        assert [f.line for f in findings] == lines
    for finding, word in zip(findings, ("Lockout", "Mediation"), strict=True):
        assert finding.line is not None
        assert word in file_lines[finding.line - 1]


def test_an_unknown_scenario_from_python_names_the_field() -> None:
    with pytest.raises(BriefError) as caught:
        Brief.model_validate(
            {
                "title": "t",
                "date": "2025-03-01",
                "outlook": [{"name": "Deal", "text": "x"}],
                "indicators": [{"text": "y", "scenario": "Deel"}],
            }
        )
    (problem,) = caught.value.problems
    assert problem.path == "indicators[0].scenario"
    assert "did you mean 'Deal'?" in problem.message


def test_a_repeated_scenario_name_is_reported_at_the_repeat(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: t\ndate: 2025-03-01\noutlook:\n  - name: Deal\n    text: a\n"
        "  - name: Deal\n    text: b\n",
        "utf-8",
    )
    (finding,) = check_file(path).findings
    assert (finding.field, finding.line) == ("outlook[1].name", 6)


BRACKETED = """\
---
title: Gulf talks
date: 2025-03-01
---

## Outlook

- **Talks (Oman)** (likely): Talks resume in Muscat.
- **Collapse** (unlikely): Talks end.

## Signposts

- [x] Ceasefire holds (scenario: Talks (Oman))
- [ ] Envoys recalled
  to their capitals (Scenario: Collapse)
"""


def test_a_scenario_name_with_parentheses_links_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(BRACKETED, "utf-8")
    brief, lines = load_with_lines(path)
    assert [(i.text, i.scenario) for i in brief.indicators] == [
        ("Ceasefire holds", "Talks (Oman)"),
        ("Envoys recalled\nto their capitals", "Collapse"),
    ]
    assert lines[("indicators", 0, "scenario")] == 13
    assert lines[("indicators", 1, "scenario")] == 15


@pytest.mark.parametrize(
    "item",
    [
        "- [x] Ceasefire holds (scenario: Talks (Oman)) — observed",
        "- [x] Ceasefire holds (scenario: Talks (Oman)",
        "- [x] Ceasefire holds (scenario: Talks ((Oman)))",
        "- [x] Ceasefire holds (scenario: Talks (Oman)) and more",
    ],
)
def test_a_scenario_link_that_cannot_be_read_is_refused_at_its_line(
    tmp_path: Path, item: str
) -> None:
    path = tmp_path / "brief.md"
    path.write_text(BRACKETED.replace("- [x] Ceasefire holds (scenario: Talks (Oman))", item))
    with pytest.raises(BriefError) as caught:
        load_with_lines(path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("indicators[0].scenario", 13)
    assert "scenario link" in problem.message
