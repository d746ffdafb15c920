"""YAML, JSON and Markdown briefs read into the same model, and round-trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep import Brief, dump, dumps, load
from sitrep.model import Period, Theme

FIXTURES = Path(__file__).parents[1] / "fixtures" / "briefs"
ROOT = Path(__file__).parents[2]
ALL_BRIEFS = [*sorted(FIXTURES.glob("*.yaml")), *sorted((ROOT / "examples").glob("*/brief.*"))]


def test_simple_contract_form_loads_as_written() -> None:
    brief = load(FIXTURES / "simple.yaml")
    assert brief.template == "intel-brief"
    assert brief.date == dt.date(2023, 9, 15)
    assert brief.marking is not None and brief.marking.value == "TLP:AMBER"
    assert [place.name for place in brief.where] == ["Russia, Vostochny Cosmodrome"]
    assert [actor.name for actor in brief.who] == [
        "North Korean leader Kim Jong Un",
        "Russian President Vladimir Putin",
    ]
    assert brief.what[0].date == dt.date(2023, 9, 10)
    assert brief.sources[0].authors[0].family == "Zhang"


@pytest.mark.parametrize("path", ALL_BRIEFS, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_round_trip_file_model_file_gives_the_same_brief(
    path: Path, kind: str, tmp_path: Path
) -> None:
    brief = load(path)
    written = dump(brief, tmp_path / f"again.{kind}")
    again = load(written)
    assert again == brief
    assert dumps(again, kind) == dumps(brief, kind)


def test_json_brief_reads_like_yaml(tmp_path: Path) -> None:
    yaml_brief = load(FIXTURES / "full.yaml")
    json_file = tmp_path / "brief.json"
    json_file.write_text(dumps(yaml_brief, "json"), encoding="utf-8")
    assert load(json_file) == yaml_brief


MARKDOWN = """\
---
title: "Markdown brief"
date: 2023-09-15
marking: amber
where: Pyongyang
sources:
  - {id: ap, title: "An AP story", container: AP News, type: news}
---

## What happened?

- 2023-09-10: Kim left Pyongyang. [@ap]
- 2023-09-11 06:30 — A dated event with a time.
- A background point
  that continues on a second line.

### Reactions

- 2023-09-12: Washington reacted.

## Assessment

First paragraph.

Second paragraph. [@ap]

## Key judgments

- **Likely** (moderate confidence): Arms will flow.

## Recommendations

- Watch the railway.

## Background

Some context.

> “A quotation.”
> — Jane Doe, Some Institute
"""


def test_markdown_brief_headings_become_fields(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    brief = load(path)
    assert brief.marking is not None and brief.marking.value == "TLP:AMBER"
    events = brief.what
    assert events[0].text == "Kim left Pyongyang. [@ap]"
    assert events[1].time == dt.time(6, 30)
    assert events[2].date is None
    assert events[2].text == "A background point\nthat continues on a second line."
    assert isinstance(events[3], Theme) and events[3].theme == "Reactions"
    assert brief.assessment == "First paragraph.\n\nSecond paragraph. [@ap]"
    assert brief.key_judgments[0].likelihood.value == "likely"
    assert brief.recommendations == ["Watch the railway."]
    section = brief.sections[0]
    assert section.heading == "Background" and section.body == "Some context."
    assert (section.quotes[0].text, section.quotes[0].speaker, section.quotes[0].affiliation) == (
        "A quotation.",
        "Jane Doe",
        "Some Institute",
    )


def test_markdown_round_trips_through_yaml(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    brief = load(path)
    assert load(dump(brief, tmp_path / "brief.yaml")) == brief


def test_markdown_errors_point_at_the_body_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        MARKDOWN.replace("- 2023-09-12: Washington", "- 2023-09-31: Washington"), encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        load(path)
    assert "brief.md:19: what[3].events[0].date" in str(caught.value)


def test_when_accepts_a_day_or_a_period() -> None:
    base = {"title": "T", "date": "2023-09-15"}
    assert Brief.model_validate({**base, "when": "2023-09-10"}).when == Period(
        start=dt.date(2023, 9, 10), end=dt.date(2023, 9, 10)
    )
    period = Brief.model_validate({**base, "when": {"start": "2023-09-10", "end": "2023-09-12"}})
    assert period.when is not None and period.when.end == dt.date(2023, 9, 12)


def test_sources_from_a_csl_json_file_next_to_the_brief(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text(
        '[{"id": "zhang", "type": "report", "title": "Potential Arms Deal?",'
        ' "author": [{"family": "Zhang", "given": "Kevin"}],'
        ' "issued": {"date-parts": [[2023, 9, 19]]}}]',
        encoding="utf-8",
    )
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "title: T\ndate: 2023-09-20\nassessment: 'Yes. [@zhang] [@own]'\n"
        "sources:\n  - refs.json\n  - {id: own, title: Own notes}\n",
        encoding="utf-8",
    )
    loaded = load(brief)
    assert [s.id for s in loaded.sources] == ["zhang", "own"]
    assert loaded.sources[0].authors[0].family == "Zhang"


def test_source_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    folder = tmp_path / "brief"
    folder.mkdir()
    brief = folder / "brief.yaml"
    brief.write_text("title: T\ndate: 2023-09-20\nsources: ../refs.json\n", encoding="utf-8")
    with pytest.raises(Exception, match="outside the brief's folder"):
        load(brief)
