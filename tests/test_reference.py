"""docs/brief-format.md is the model's own reference: a test keeps the two in step."""

from __future__ import annotations

from pathlib import Path

from sitrep.model import Brief
from sitrep.reference import brief_format_markdown

DOC = Path(__file__).parents[1] / "docs" / "brief-format.md"


def test_brief_format_reference_matches_the_schema() -> None:
    assert DOC.read_text(encoding="utf-8") == brief_format_markdown(), (
        "docs/brief-format.md is out of date: run `sitrep schema --markdown > docs/brief-format.md`"
    )


def test_every_field_of_the_brief_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, field in Brief.model_fields.items():
        assert f"| `{name}` |" in text
        assert field.description, f"Brief.{name} has no docstring"
