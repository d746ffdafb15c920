"""Finding the house profile, and the classification schemes it defines for brief files.

`sitrep new` takes the organisation's details from the profile (see `sitrep.scaffold`); reading a
brief takes only `classification_schemes` from it, and only when the brief names a scheme.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sitrep.errors import BriefError, Problem
from sitrep.model.dissemination import ClassificationScheme

__all__ = ["PROFILE_NAME", "SCHEMES_FIELD", "find_profile", "read_schemes", "schemes_for"]

PROFILE_NAME = "sitrep-profile.yaml"
"""The house profile's file name, looked for in the brief's folder and its parents."""

SCHEMES_FIELD = "classification_schemes"
"""The profile field holding {name: {levels: [...]}}."""


def find_profile(start: Path) -> Path | None:
    """The house profile that applies to a brief in `start`: `sitrep-profile.yaml` in that folder
    or the nearest parent, else `$XDG_CONFIG_HOME/sitrep/profile.yaml` (~/.config by default)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PROFILE_NAME
        if path.is_file():
            return path
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    path = Path(config) / "sitrep" / "profile.yaml"
    return path if path.is_file() else None


def read_schemes(
    value: Any, file: str, lines: dict[tuple[str | int, ...], int]
) -> dict[str, ClassificationScheme]:
    """The profile's `classification_schemes` value, checked; BriefError naming the line."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BriefError.single(
            f"{SCHEMES_FIELD} holds {type(value).__name__} (expected a mapping of scheme names "
            "to {levels: [...]})",
            file,
            SCHEMES_FIELD,
            lines.get((SCHEMES_FIELD,)),
        )
    from pydantic import ValidationError

    from sitrep.model.problems import brief_error

    schemes: dict[str, ClassificationScheme] = {}
    for name, scheme in value.items():
        try:
            schemes[str(name)] = ClassificationScheme.__pydantic_validator__.validate_python(scheme)
        except ValidationError as error:
            found = brief_error(error, ClassificationScheme, file, {}, scheme)
            where = f"{SCHEMES_FIELD}.{name}"
            raise BriefError(
                [
                    Problem(
                        p.message,
                        file,
                        f"{where}.{p.path}" if p.path else where,
                        lines.get((SCHEMES_FIELD, name)),
                    )
                    for p in found.problems
                ]
            ) from None
    return schemes


def schemes_for(folder: Path) -> dict[str, ClassificationScheme]:
    """The classification schemes of the house profile that applies to briefs in `folder`."""
    from sitrep.files.load import read_text
    from sitrep.files.yaml_tree import load_yaml

    path = find_profile(folder)
    if path is None:
        return {}
    data, lines = load_yaml(read_text(path, "a house profile"), str(path))
    if not isinstance(data, dict):
        return {}
    return read_schemes(data.get(SCHEMES_FIELD), str(path), lines)
