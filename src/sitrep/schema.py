"""The brief's JSON Schema, for editors that check YAML as it is typed."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["brief_schema", "schema_json"]

SCHEMA_ID = "https://sitrep-briefs.invalid/brief.schema.json"


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of a brief file (validation side: what may be written)."""
    from sitrep.model.brief import Brief

    schema = Brief.model_json_schema(mode="validation")
    source = schema["$defs"]["Source"]["properties"]
    # `author` is accepted as a synonym of `authors`; pydantic lists only the first alias.
    source["author"] = {**source["authors"], "description": "Same as `authors`."}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def schema_json() -> str:
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"
