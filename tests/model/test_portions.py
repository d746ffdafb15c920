"""Portion markings (model/portions.py): every text item may be marked, in every file format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitrep
from sitrep import BriefError
from sitrep.files.load import validate
from sitrep.files.markdown_brief import parse_markdown_brief
from sitrep.model.portions import MarkedText

LEVELS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
MARK = st.one_of(st.none(), st.sampled_from(LEVELS))


def _marked(item: dict[str, Any], marking: str | None) -> dict[str, Any]:
    return item | {"marking": marking} if marking else item


@st.composite
def marked_briefs(draw: st.DrawFn) -> dict[str, Any]:
    m = lambda: draw(MARK)  # noqa: E731
    talks, signpost = m(), m()
    if LEVELS.index(signpost or "TLP:RED") < LEVELS.index(talks or "TLP:RED"):
        signpost = talks  # an indicator is marked at least as high as the scenario it names
    data: dict[str, Any] = {
        "title": "Port strike",
        "date": "2024-03-22",
        "marking": "TLP:RED",
        "what": [
            _marked({"date": "2024-03-21", "text": "Unions struck."}, m()),
            _marked({"text": "Background."}, m()),
            _marked({"theme": "Shipping", "events": [_marked({"text": "Diverted."}, m())]}, m()),
        ],
        "sections": [
            _marked(
                {
                    "heading": "Port",
                    "body": "Calm.",
                    "quotes": [_marked({"text": "We stay.", "speaker": "Ana"}, m())],
                },
                m(),
            )
        ],
        "key_judgments": [
            _marked({"text": "Ends soon.", "likelihood": "likely", "confidence": "high"}, m())
        ],
        "outlook": [_marked({"name": "Talks", "text": "A deal.", "likelihood": "likely"}, talks)],
        "indicators": [_marked({"text": "Meetings.", "scenario": "Talks"}, signpost)],
        "quotes": [_marked({"text": "No comment.", "speaker": "Ben"}, m())],
        "figures": [_marked({"image": "quay.png", "caption": "Quay."}, m())],
        "attachments": [_marked({"path": "annex.txt"}, m())],
        "sources": [_marked({"id": "nos", "title": "Havenstaking"}, m())],
        "assessment": "High exposure [@nos].",
    }
    for name in ("assumptions", "gaps", "recommendations"):
        data[name] = [
            text if (level := m()) is None else {"text": text, "marking": level}
            for text in ("First.", "Second.")
        ]
    fields = {name: level for name in ("title", "bluf", "what", "sources") if (level := m())}
    if fields:
        data["field_markings"] = fields
    return data


@settings(max_examples=30, deadline=None)
@given(data=marked_briefs())
def test_markings_survive_yaml_json_and_markdown(data: dict[str, Any]) -> None:
    brief = validate(data, None, {})
    for kind in ("yaml", "json", "md"):
        text = sitrep.dumps(brief, kind)
        if kind == "md":
            read, lines = parse_markdown_brief(text, "<dump>")
            assert validate(read, None, lines) == brief
        else:
            import yaml

            assert validate(yaml.safe_load(text), None, {}) == brief


def test_markdown_marks_are_read_where_documented() -> None:
    text = (
        "---\ntitle: T\ndate: 2024-01-01\nmarking: amber\n---\n\n"
        "## What happened?\n\n- (TLP:GREEN) 2024-01-01: Unions struck.\n\n"
        "### (TLP:CLEAR) Shipping\n\n- (tlp:green) Diverted.\n\n"
        "## (TLP:GREEN) Assessment\n\nCalm.\n\n"
        "## Recommendations\n\n- (TLP:CLEAR) Reroute.\n- Call the client.\n\n"
        "## (TLP:GREEN) Port\n\nQuiet.\n\n> (TLP:CLEAR) “We stay.”\n> — Ana\n"
    )
    data, lines = parse_markdown_brief(text, "brief.md")
    brief = validate(data, "brief.md", lines)
    assert brief.what[0].marking == "TLP:GREEN" and brief.what[0].text == "Unions struck."
    assert brief.what[1].marking == "TLP:CLEAR" and brief.what[1].theme == "Shipping"
    assert brief.what[1].events[0].marking == "TLP:GREEN"
    assert brief.field_markings == {"assessment": "TLP:GREEN"}
    assert brief.recommendations == [MarkedText("Reroute.", "TLP:CLEAR"), "Call the client."]
    assert brief.sections[0].marking == "TLP:GREEN" and brief.sections[0].heading == "Port"
    assert brief.sections[0].quotes[0].marking == "TLP:CLEAR"


def test_a_marked_item_is_not_equal_to_its_bare_text() -> None:
    assert MarkedText("a", "TLP:GREEN") != "a"  # type: ignore[arg-type]
    assert MarkedText("a") == "a"


def test_field_markings_name_fields_that_hold_content() -> None:
    with pytest.raises(BriefError, match=r"'titel' is not a field that holds content.*'title'"):
        sitrep.Brief(title="T", date="2024-01-01", marking="red", field_markings={"titel": "red"})


def test_a_list_item_mapping_with_an_unknown_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\ndate: 2024-01-01\ngaps:\n  - text: x\n    marks: red\n")
    with pytest.raises(BriefError, match=r"gaps\[0\].*unknown key 'marks'"):
        sitrep.load(path)


def test_a_bad_label_names_the_choices() -> None:
    with pytest.raises(BriefError, match=r"'TLP:PURPLE' is not a TLP 2\.0 label"):
        sitrep.Brief(title="T", date="2024-01-01", gaps=[{"text": "x", "marking": "TLP:PURPLE"}])


def test_a_bad_mark_in_a_markdown_brief_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: T\ndate: 2024-01-01\nmarking: green\n---\n\n## Gaps\n\n- (TLP:PURPLE) what\n"
    )
    with pytest.raises(BriefError) as error:
        sitrep.load(path)
    assert f"{path}:9: gaps[0]: 'TLP:PURPLE' is not a TLP 2.0 label" in str(error.value)


def test_a_portion_above_the_brief_in_a_markdown_brief_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: T\ndate: 2024-01-01\nmarking: green\n---\n\n"
        "## What happened?\n\n- Open.\n- (TLP:AMBER) 2024-01-01: Client cargo held.\n"
    )
    with pytest.raises(BriefError) as error:
        sitrep.load(path)
    assert f"{path}:10: what[1].marking: is marked TLP:AMBER" in str(error.value)


@pytest.mark.parametrize(
    ("scenario", "indicator", "field"),
    [("TLP:RED", "TLP:GREEN", None), (None, "TLP:AMBER", None), ("TLP:AMBER", None, "clear")],
)
def test_an_indicator_below_the_scenario_it_names_is_refused(
    tmp_path: Path, scenario: str | None, indicator: str | None, field: str | None
) -> None:
    """A GREEN indicator row naming a RED scenario would print the scenario's name to GREEN
    readers: refused at validation with file, line and field."""
    outlook = {"name": "Secret plan", "text": "Red.", "likelihood": "likely"}
    signpost = {"text": "Signpost.", "scenario": "Secret plan"}
    lines = [
        "title: Ferry outlook",
        "date: 2026-11-20",
        "marking: TLP:RED",
        *([f"field_markings: {{indicators: {field}}}"] if field else []),
        "outlook:",
        f"  - {_flow(_marked(outlook, scenario))}",
        "indicators:",
        f"  - {_flow(_marked(signpost, indicator))}",
    ]
    path = tmp_path / "brief.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        sitrep.load(path)
    assert f"brief.yaml:{len(lines)}: indicators[0].scenario: names the scenario" in str(
        caught.value
    )


def _flow(item: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in item.items()) + "}"


def test_an_indicator_at_or_above_its_scenario_is_accepted() -> None:
    brief = validate(
        {
            "title": "T",
            "date": "2026-11-20",
            "marking": "TLP:RED",
            "outlook": [{"name": "P", "text": "x", "likelihood": "likely", "marking": "green"}],
            "indicators": [{"text": "S", "scenario": "P", "marking": "amber"}],
        },
        None,
        {},
    )
    assert brief.indicators[0].scenario == "P"


def test_portion_marks_mark_a_scenario_name_and_the_indicator_naming_it() -> None:
    brief = validate(
        {
            "title": "T",
            "date": "2026-11-20",
            "marking": "TLP:RED",
            "outlook": [{"name": "Secret plan", "text": "x", "likelihood": "likely"}],
            "indicators": [{"text": "S", "scenario": "Secret plan"}],
        },
        None,
        {},
    )
    out = sitrep.render(brief, "md", portion_marks=True)
    assert isinstance(out, bytes)
    shown = out.decode("utf-8").replace("\\", "")
    assert "### (TLP:RED) Secret plan" in shown
    assert "| (TLP:RED) Secret plan |" in shown
