"""Validate a brief file's parsed data, with every problem named by file, line and field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from sitrep.files.yaml_tree import LineMap
from sitrep.model.brief import Brief
from sitrep.model.problems import brief_error, problems_from

__all__ = ["problems_from", "validate_brief"]


def validate_brief(data: dict[str, Any], file: str | None, lines: LineMap) -> Brief:
    """Validate parsed data as a Brief; raise BriefError listing every problem, citations too."""
    try:
        return Brief.__pydantic_validator__.validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise brief_error(error, Brief, file, lines, data) from None
