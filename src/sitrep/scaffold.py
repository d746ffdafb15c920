"""Start a new brief: from a bundled example, or a blank skeleton dated today.

The issuing organisation's details (organisation, contact, authors, language, marking, date
format) come from the user's house profile, never from the example: an example is another
organisation's brief, and its phone number must not end up in the user's.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml

from sitrep.atomic import write_atomic
from sitrep.errors import SitrepError, UsageError
from sitrep.files.house_profile import (
    PROFILE_FIELDS,
    PROFILE_NAME,
    find_profile,
    load_profile,
)
from sitrep.files.load import BRIEF_SUFFIXES
from sitrep.files.skeleton import MARKDOWN_SKELETON, PLACEHOLDERS, SKELETON
from sitrep.resources import examples_dir

__all__ = [
    "MARKDOWN_SKELETON",
    "PLACEHOLDERS",
    "PROFILE_FIELDS",
    "PROFILE_NAME",
    "SKELETON",
    "Example",
    "find_profile",
    "list_examples",
    "load_profile",
    "new_brief",
    "new_brief_from_stix",
]

_CHECKING_ONLY = frozenset({"check"})
"""Profile fields `sitrep check` reads from the profile itself (rules switched off for every
brief under it); they are not written into a new brief."""

_DEFAULT_MARKING = 'marking: "TLP:AMBER"           # TLP:CLEAR, TLP:GREEN, TLP:AMBER, ' + (
    "TLP:AMBER+STRICT, TLP:RED\n"
)


class Example:
    """A bundled example brief."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = folder.name
        self.brief = next(
            p for p in sorted(folder.iterdir()) if p.stem == "brief" and p.suffix in BRIEF_SUFFIXES
        )

    @property
    def summary(self) -> str:
        from sitrep.api import load

        brief = load(self.brief)
        return f"{brief.template}: {brief.title}"


def list_examples() -> list[Example]:
    """The bundled examples, by name."""
    root = examples_dir()
    return [
        Example(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and any(p.stem == "brief" for p in folder.iterdir())
    ]


def _house_values(profile: Path | Literal[False] | None, folder: Path) -> dict[str, Any]:
    found = find_profile(folder) if profile is None else profile or None
    values = {} if found is None else load_profile(found)
    return {key: value for key, value in values.items() if key not in _CHECKING_ONLY}


def _yaml_lines(values: dict[str, Any]) -> str:
    if not values:
        return ""
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)


def new_brief(
    out: str | Path,
    example: str | None = None,
    *,
    today: dt.date | None = None,
    profile: str | Path | Literal[False] | None = None,
) -> Path:
    """Create a brief at `out` (a file name or a folder) and return the brief file's path.

    From an example, the example's images and attachments are copied beside the brief; the
    organisation's details come from the house profile (`profile`, else the one `find_profile`
    finds; False for none), never from the example.
    """
    out = Path(out)
    profile_path = profile if profile is None or profile is False else Path(profile)
    if example is None:
        suffix = out.suffix.lower()
        if suffix in BRIEF_SUFFIXES and suffix not in (".yaml", ".yml", ".md", ".markdown"):
            raise UsageError(
                f"{out}: a blank brief is written as YAML or Markdown (expected a file name "
                "ending in .yaml or .md, or a folder)"
            )
        target = out if suffix in BRIEF_SUFFIXES else out / "brief.yaml"
        _refuse_overwrite(target)
        house = _house_values(profile_path, target.parent)
        day = (today or dt.date.today()).isoformat()
        lines = ("" if "marking" in house else _DEFAULT_MARKING) + _yaml_lines(house)
        skeleton = MARKDOWN_SKELETON if suffix in (".md", ".markdown") else SKELETON
        text = skeleton.format(today=day, name=target.name, house=lines)
        write_atomic(target, text.encode("utf-8"))
        return target
    known = {e.name: e for e in list_examples()}
    if example not in known:
        raise SitrepError(f"no example named {example!r} (expected one of: {', '.join(known)})")
    chosen = known[example]
    folder = out.parent if out.suffix in BRIEF_SUFFIXES else out
    target = out if out.suffix in BRIEF_SUFFIXES else folder / chosen.brief.name
    if target.suffix != chosen.brief.suffix:
        raise SitrepError(
            f"{target}: example {example!r} is a {chosen.brief.suffix} brief "
            f"(expected a file name ending in {chosen.brief.suffix})"
        )
    _refuse_overwrite(target)
    house = _house_values(profile_path, folder)
    text = _with_house_values(chosen.brief.read_text(encoding="utf-8"), chosen.brief, house)
    folder.mkdir(parents=True, exist_ok=True)
    for item in chosen.folder.iterdir():
        if item == chosen.brief or not item.is_file():
            continue
        if not (folder / item.name).exists():
            shutil.copyfile(item, folder / item.name)
    write_atomic(target, text.encode("utf-8"))
    return target


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def _with_house_values(text: str, source: Path, house: dict[str, Any]) -> str:
    """The example's text, comments and layout kept, with its organisation's details removed
    and the house profile's put in their place (after the `date:` line)."""
    markdown = source.suffix in (".md", ".markdown")
    if markdown:
        _, front, body = text.split("---\n", 2)
    else:
        front, body = text, ""
    replaced = {key for key in PROFILE_FIELDS if key in house or key in _NOT_COPIED}
    kept: list[str] = []
    skipping = False
    for line in front.splitlines(keepends=True):
        key = _TOP_KEY.match(line)
        if key is not None:
            skipping = key.group(1) in replaced
        elif line.startswith("#"):  # a comment at the left margin belongs to what follows
            skipping = False
        if not skipping:
            kept.append(line)
        if key is not None and key.group(1) == "date" and house:
            kept.append(_yaml_lines(house))
    front = "".join(kept)
    result = f"---\n{front}---\n{body}" if markdown else front
    _check(result, source)
    return result


_NOT_COPIED = {"organisation", "contact", "authors", "language"}
"""Identity details of the example's organisation: dropped even without a profile."""


def _check(text: str, source: Path) -> None:
    from sitrep.files.load import parse_brief, validate

    data, lines = parse_brief(text, str(source), source.suffix)
    validate(data, str(source), lines, source.parent)


def new_brief_from_stix(
    out: str | Path, bundle: str | Path, warn: Callable[[str], None] | None = None
) -> Path:
    """Create a brief at `out` from the report in a STIX 2.1 bundle; return the brief's path.

    The brief holds what the report holds (title, date, places, actors, events, judgments,
    sources, marking) and is checked like any brief before it is written. What the brief cannot
    hold as it is gets left out, with a warning to `warn` naming the STIX object.
    """
    from sitrep.api import dumps
    from sitrep.files.load import validate
    from sitrep.files.stix_report import brief_data_from_stix

    out, bundle = Path(out), Path(bundle)
    target = out if out.suffix in (".yaml", ".yml") else out / "brief.yaml"
    _refuse_overwrite(target)
    brief = validate(brief_data_from_stix(bundle, warn), str(bundle), {})
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, dumps(brief, "yaml").encode("utf-8"))
    return target


def _refuse_overwrite(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise SitrepError(f"{target} already exists (expected a new file name)")
