"""The house profile: finding it, reading and checking it, and the classification schemes it
defines for brief files.

`sitrep new` takes the organisation's details from the profile (see `sitrep.scaffold`), `sitrep
check` the rules it switches off; reading a brief takes only `classification_schemes` from it,
and only when the brief names a scheme.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sitrep.errors import BriefError, Problem
from sitrep.model.dissemination import ClassificationScheme

__all__ = [
    "PROFILE_FIELDS",
    "PROFILE_NAME",
    "SCHEMES_FIELD",
    "find_profile",
    "load_profile",
    "read_schemes",
    "schemes_for",
]

PROFILE_NAME = "sitrep-profile.yaml"
"""The house profile's file name, looked for in the brief's folder and its parents."""

SCHEMES_FIELD = "classification_schemes"
"""The profile field holding {name: {levels: [...]}}."""

PROFILE_FIELDS = (
    "organisation",
    "contact",
    "authors",
    "language",
    "citation_language",
    "marking",
    "date_format",
    "classification",
    "caveats",
    "pap",
    SCHEMES_FIELD,
    "check",
)
"""What a house profile may set; an example's own values for these are never copied.
`classification_schemes` is read with every brief that names a scheme, never copied into one."""


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


def load_profile(path: Path) -> dict[str, Any]:
    """Read and check a house profile: only PROFILE_FIELDS, each valid as in a brief."""
    from difflib import get_close_matches

    from sitrep.files.load import read_text
    from sitrep.files.validation import validate_brief
    from sitrep.files.yaml_tree import load_yaml

    expected = "a house profile with 'field: value' lines such as 'organisation: ...'"
    data, lines = load_yaml(read_text(path, expected), str(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BriefError.single(
            "a house profile holds 'field: value' lines (expected a mapping such as "
            "'organisation: ...')",
            path,
        )
    problems = []
    for key in data:
        if key not in PROFILE_FIELDS:
            close = get_close_matches(key, PROFILE_FIELDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    f"unknown profile field {key!r}{hint} (expected one of: "
                    f"{', '.join(PROFILE_FIELDS)})",
                    str(path),
                    key,
                    lines.get((key,)),
                )
            )
    from sitrep.files.house_profile import read_schemes
    from sitrep.model.dissemination import classification_schemes

    values = {key: value for key, value in data.items() if key != SCHEMES_FIELD}
    known = {key: value for key, value in values.items() if key in PROFILE_FIELDS}
    try:  # the known fields are checked too, so that every problem is told in one run
        schemes = read_schemes(data.get(SCHEMES_FIELD), str(path), lines)
        with classification_schemes(schemes):
            validate_brief({"title": "profile", "date": dt.date.today(), **known}, str(path), lines)
    except BriefError as error:
        problems.extend(error.problems)
    if problems:
        raise BriefError(sorted(problems, key=lambda problem: problem.line or 0))
    return values
