"""Shared building blocks of the brief model: the strict base class and the prose type."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

__all__ = ["PROSE", "Plain", "Prose", "StrictModel", "clean_text"]

# XML 1.0 forbids these code points; they would vanish from a DOCX body and break its headers,
# so they are refused here, once, instead of being dropped silently by a writer.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Reject characters that no output format can carry, naming the first one found."""
    match = _FORBIDDEN.search(value)
    if match is not None:
        char = match.group()
        raise ValueError(
            f"control character U+{ord(char):04X} at position {match.start()} is not allowed "
            "in brief text (expected printable text; remove the character)"
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


class _ProseMarker:
    """Marks a string field as prose: parsed as inline Markdown and resolved for citations."""

    def __repr__(self) -> str:
        return "PROSE"


PROSE = _ProseMarker()

Plain = Annotated[str, AfterValidator(clean_text)]
"""A plain string: shown exactly as typed, never parsed."""

Prose = Annotated[str, AfterValidator(clean_text), PROSE]
"""Prose in the inline Markdown subset: *emphasis*, **strong**, [links](https://...),
citations [@id] and inline notes ^[text]."""


class StrictModel(BaseModel):
    """Base of every brief model: unknown keys are errors and field docs come from docstrings."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=True,
    )


class StringForm:
    """Mixin for models that may also be written as one string; the JSON Schema says so."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}
