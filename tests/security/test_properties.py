"""Property-based: any valid brief renders in every format; any broken one gets our own error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import BriefError, render
from sitrep.files.load import validate

# Any printable text, including markup and template syntax; XML-invalid controls are refused by
# the model (tested elsewhere), so they are left out here.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=60,
)
NASTY = st.sampled_from(
    [
        "<b>x</b>",
        "{{ x }}",
        "{% if %}",
        "{_{ y }_}",
        "&amp;",
        "]]>",
        "*",
        "**",
        "_",
        "`",
        "[",
        "]",
        "^[",
        "@",
        "\\",
        "\u202e",
        "\u200b",
        "#",
    ]
)
PROSE = st.lists(st.one_of(TEXT, NASTY), max_size=6).map("".join)
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
MARKINGS = st.sampled_from(
    [None, "TLP:CLEAR", "TLP:GREEN", "amber", "TLP:AMBER+STRICT", "red", "TLP:WHITE"]
)


@st.composite
def briefs(draw: st.DrawFn) -> dict[str, Any]:
    source_ids = [f"s{i}" for i in range(draw(st.integers(0, 3)))]

    def cited(text: str) -> str:
        if source_ids and draw(st.booleans()):
            return f"{text} [@{draw(st.sampled_from(source_ids))}]"
        return text

    events = [
        {
            "text": cited(draw(PROSE)),
            **({"date": draw(DATES).isoformat()} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    data: dict[str, Any] = {
        "template": draw(st.sampled_from(["intel-brief", "analysis", "article"])),
        "title": draw(TEXT),
        "date": draw(DATES).isoformat(),
        "where": draw(st.lists(TEXT, max_size=2)),
        "who": draw(st.lists(TEXT, max_size=2)),
        "what": events,
        "assessment": cited(draw(PROSE)),
        "sources": [
            {
                "id": i,
                "title": draw(TEXT) or "Untitled",
                "type": draw(st.sampled_from(["news", "webpage", "report", "book"])),
            }
            for i in source_ids
        ],
    }
    marking = draw(MARKINGS)
    if marking is not None:
        data["marking"] = marking
    if draw(st.booleans()):
        data["sections"] = [{"heading": draw(TEXT), "body": cited(draw(PROSE))}]
    return data


def fast(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@pytest.mark.parametrize("fmt,examples", [("md", 60), ("html", 40), ("pdf", 8), ("docx", 8)])
def test_random_valid_briefs_render_in_every_format(fmt: str, examples: int) -> None:
    @fast(examples)
    @given(briefs())
    def check(data: dict[str, Any]) -> None:
        brief = validate(data, "brief.yaml", {})
        output = render(brief, fmt)
        assert isinstance(output, bytes) and output

    check()


def _break(data: dict[str, Any], how: str, draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    broken = dict(data)
    if how == "unknown key":
        broken["assesment"] = "typo"
        return broken, "assesment"
    if how == "bad date":
        broken["date"] = draw(st.sampled_from(["2023-02-30", "yesterday", "15/09/2023", ""]))
        return broken, "date"
    if how == "wrong type":
        broken["what"] = [{"text": draw(st.integers())}]
        return broken, "what[0].text"
    if how == "unknown citation":
        broken["assessment"] = "See [@nobody-has-this-id]."
        return broken, "assessment"
    if how == "bad marking":
        broken["marking"] = draw(st.sampled_from(["TLP:PURPLE", "secret", "TLP"]))
        return broken, "marking"
    broken.pop("title")
    return broken, "title"


@fast(80)
@given(st.data())
def test_random_broken_briefs_raise_brief_error_with_a_field_path(data: st.DataObject) -> None:
    valid = data.draw(briefs())
    how = data.draw(
        st.sampled_from(
            [
                "unknown key",
                "bad date",
                "wrong type",
                "unknown citation",
                "bad marking",
                "missing title",
            ]
        )
    )
    broken, path = _break(valid, how, data.draw)
    with pytest.raises(BriefError) as caught:
        validate(broken, "brief.yaml", {})
    assert path in [problem.path for problem in caught.value.problems]
    assert all(problem.file == "brief.yaml" for problem in caught.value.problems)
