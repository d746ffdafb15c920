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


def test_json_schema_accepts_every_example_and_fixture_brief() -> None:
    import json

    import jsonschema
    import yaml

    from sitrep.files.markdown_brief import parse_markdown_brief
    from sitrep.schema import brief_schema

    schema = brief_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    root = DOC.parents[1]
    briefs = [*root.glob("examples/*/brief.*"), *root.glob("tests/fixtures/briefs/*.yaml")]
    assert len(briefs) >= 5
    for path in briefs:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            data, _ = parse_markdown_brief(text, str(path))
        else:
            data = yaml.safe_load(text)
        as_json = json.loads(json.dumps(data, default=str))  # dates as an editor sees them
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(as_json))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_json_schema_flags_a_misspelt_key() -> None:
    import jsonschema

    from sitrep.schema import brief_schema

    validator = jsonschema.Draft202012Validator(brief_schema())
    errors = list(validator.iter_errors({"title": "T", "date": "2023-09-15", "assesment": "x"}))
    assert any("assesment" in error.message for error in errors)
