"""Briefs from strangers: markup and template syntax in the new fields stays text in every
format, long prose does not make the checker slow, and odd input gets a clear error."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.check import check_file
from sitrep.check.formats import as_sarif
from sitrep.check.rules.handling import count_sentences
from sitrep.errors import BriefError
from sitrep.model import Brief

HOSTILE = "<b>{{ 7*7 }}</b> {%p if x %} <script>alert(1)</script>"


def hostile_brief() -> Brief:
    return Brief.model_validate(
        {
            "title": "T",
            "date": "2024-01-01",
            "bluf": HOSTILE,
            "outlook": [{"name": HOSTILE, "text": HOSTILE, "likelihood": "likely"}],
            "indicators": [{"text": HOSTILE, "scenario": HOSTILE}],
            "gaps": [HOSTILE],
            "assumptions": [HOSTILE],
            "source_summary": HOSTILE,
            "key_judgments": [{"text": "x", "basis": HOSTILE}],
        }
    )


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_markup_and_template_syntax_stay_text(fmt: str) -> None:
    data = sitrep.render(hostile_brief(), fmt)
    assert isinstance(data, bytes)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = archive.read("word/document.xml").decode("utf-8")
        assert text.count("&lt;b&gt;{{ 7*7 }}&lt;/b&gt; {%p if x %}") >= 8  # every field
    else:
        text = data.decode("utf-8")
    assert "<script>" not in text and "<b>{{" not in text
    assert ">49<" not in text and " 49 " not in text


def test_a_long_bluf_is_counted_in_linear_time() -> None:
    # The first version rescanned the whole text at every full stop: this took minutes.
    assert count_sentences("It fell. " * 20000) == 20000


def test_abbreviations_do_not_end_a_sentence() -> None:
    assert count_sentences("U.S. forces moved, e.g. to Dr. Smith's base. Then they left.") == 2


def test_duplicate_scenario_names_are_refused() -> None:
    with pytest.raises(BriefError, match="repeats the scenario name 'A'"):
        Brief.model_validate(
            {
                "title": "T",
                "date": "2024-01-01",
                "outlook": [{"name": "A", "text": "x"}, {"name": "A", "text": "y"}],
            }
        )


def test_sarif_uris_of_odd_file_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "my briefs#1"
    folder.mkdir()
    path = folder / "brief 100%.yaml"
    path.write_text("title: T\ndate: 2024-01-01\n", "utf-8")
    log = json.loads(as_sarif(check_file(path).findings))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"].startswith("file://") and " " not in uri["uri"] and "#" not in uri["uri"]


@pytest.mark.parametrize(
    "data,field",
    [
        ({"likelihood_scale": ["phia"]}, "likelihood_scale"),
        ({"key_judgments": [{"text": "x", "likelihood": 7}]}, "likelihood"),
        ({"indicators": [{"text": "x", "status": "seen"}]}, "status"),
        ({"check": {"disable": "no-marking"}}, "disable"),
    ],
)
def test_wrong_types_are_validation_errors_not_crashes(data: dict[str, Any], field: str) -> None:
    with pytest.raises(BriefError, match=field):
        Brief.model_validate({"title": "T", "date": "2024-01-01", **data})
