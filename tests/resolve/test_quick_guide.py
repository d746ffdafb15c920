"""An outside oracle: the Chicago Manual of Style's own "Notes and Bibliography" quick guide.

The fixture holds the guide's examples as facts in and the guide's note, short note and
bibliography entry out. Where sitrep differs on purpose the case records sitrep's output and the
reason, and docs/sources.md must list it: a difference nobody wrote down fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.inline.nodes import plain_text
from sitrep.model.source import Source
from sitrep.resolve.chicago import CitedSource, format_bibliography_entry, format_note

ROOT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "quick-guide" / "notes-bibliography.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def _produced(case: dict[str, Any]) -> dict[str, str]:
    source = Source.model_validate(case["source"])
    return {
        "note": plain_text(format_note([CitedSource(source, case.get("note_locator"))])),
        "short": plain_text(
            format_note([CitedSource(source, case.get("short_locator"), first=False)])
        ),
        "bibliography": plain_text(format_bibliography_entry(source)),
    }


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_quick_guide_example(case: dict[str, Any]) -> None:
    expected = {**case["guide"], **case.get("sitrep", {})}
    assert _produced(case) == expected


def test_the_guide_covers_what_the_issue_lists() -> None:
    kinds = {case["source"]["type"] for case in CASES}
    assert kinds >= {"book", "chapter", "journal", "news", "webpage", "social", "interview",
                     "thesis"}  # fmt: skip
    names = {case["name"] for case in CASES}
    assert {"book-one-author", "book-two-authors", "book-four-or-more-authors",
            "editor-in-place-of-author", "translator-beside-author"} <= names  # fmt: skip


@pytest.mark.parametrize(
    "case", [c for c in CASES if "sitrep" in c], ids=[c["name"] for c in CASES if "sitrep" in c]
)
def test_every_difference_is_real_explained_and_documented(case: dict[str, Any]) -> None:
    assert case.get("why"), "a difference needs its reason"
    for field, ours in case["sitrep"].items():
        assert ours != case["guide"][field], f"{field} is not a difference: drop it"
    docs = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    section = docs.partition("## Where sitrep differs from the quick guide")[2]
    section = section.partition("\n## ")[0]
    assert f"`{case['name']}`" in section, "list the difference in docs/sources.md"
