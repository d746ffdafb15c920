"""Warnings about brief text the PDF cannot show as typed, naming the field.

- A word too long for a line: prose breaks it (`html.breakable`), other fields may be cut.
- A title so long it fills the first page (the page header shortens it with an ellipsis).
- A character no installed font has a glyph for (emoji, rare symbols): it would print as an
  empty box. fontconfig is asked once per process for what every installed font covers
  (`fc-list --format %{charset}`), and only if the brief has such characters at all.
Scripts (Arabic, Han, ...) are checked by `pdf.fonts.check_scripts`, which names the package.
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from typing import Any

from sitrep.model.brief import Brief
from sitrep.model.walk import FieldPath, format_path, prose_fields, strings_in
from sitrep.writers.options import Warn
from sitrep.writers.pdf.fonts import SCRIPTS

__all__ = ["LONG_TITLE", "LONG_WORD", "check_text", "missing_glyphs"]

LONG_WORD = 200
"""Characters without a space above which a word is reported."""
LONG_TITLE = 300
"""Characters above which a title is reported."""

_WORD = re.compile(r"\S{%d,}" % LONG_WORD)  # noqa: UP031
_SKIP_CATEGORIES = {"Mn", "Me", "Cf", "Zs", "Zl", "Zp", "Cc", "Cs"}
_SCRIPT_RANGES = tuple(span for script in SCRIPTS for span in script.ranges)


def _shown(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _is_prose(path: FieldPath) -> bool:
    names = [part for part in path if isinstance(part, str)]
    return bool(names) and names[-1] in _all_prose_names()


def check_text(brief: Brief, warn: Warn) -> None:
    """Warn about long words, an oversized title and characters no font can show."""
    if len(brief.title) > LONG_TITLE:
        warn(
            f"title: {len(brief.title):,} characters (more than {LONG_TITLE}) will not fit the "
            "title block or the page header; shorten it and move the rest into subtitle or "
            "standfirst"
        )
    fields = list(strings_in(brief.model_dump(mode="json", exclude_defaults=True)))
    for path, text in fields:
        if path and path[-1] == "url":
            continue
        for match in _WORD.finditer(text):
            word = match.group()
            if "://" in word:
                continue
            where = format_path(path)
            fate = (
                "it is broken across lines"
                if _is_prose(path)
                else "it may run off the page; add spaces or shorten it"
            )
            size = f"{len(word):,} characters"
            warn(f"{where}: a word of {size} ({_shown(word)}) is wider than a line; {fate}")
            break
    for char, path in missing_glyphs(fields).items():
        name = unicodedata.name(char, "unnamed character")
        warn(
            f"{format_path(path)}: no installed font has a glyph for {char} (U+{ord(char):04X} "
            f"{name}); it would print as an empty box: install a font that has it (emoji: "
            "apt-get install fonts-noto-color-emoji) or remove the character"
        )


@lru_cache(maxsize=1)
def _all_prose_names() -> frozenset[str]:
    from pydantic import BaseModel

    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    stack: list[type[BaseModel]] = [Brief]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        names |= prose_fields(model)
        for field in model.model_fields.values():
            stack.extend(_models(field.annotation))
    return frozenset(names)


def _models(annotation: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models(arg)]


def _needs_check(char: str) -> bool:
    code = ord(char)
    if code < 0x2070 or unicodedata.category(char) in _SKIP_CATEGORIES:
        return False
    return not any(lo <= code <= hi for lo, hi in _SCRIPT_RANGES)


def missing_glyphs(
    fields: list[tuple[FieldPath, str]],
) -> dict[str, FieldPath]:
    """Characters no installed font covers, each with the first field it appears in."""
    first: dict[str, FieldPath] = {}
    for path, text in fields:
        for char in set(text):
            if char not in first and _needs_check(char):
                first[char] = path
    if not first:
        return {}
    coverage = _coverage()
    if coverage is None:
        return {}
    starts, ends = coverage
    missing = {}
    for char, path in sorted(first.items(), key=lambda item: ord(item[0])):
        at = bisect.bisect_right(starts, ord(char)) - 1
        if at < 0 or ord(char) > ends[at]:
            missing[char] = path
    return missing


@lru_cache(maxsize=1)
def _coverage() -> tuple[list[int], list[int]] | None:
    """Every code point some installed font covers, as merged ranges; None without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, "--format", "%{charset}\\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    spans: set[tuple[int, int]] = set()
    for token in result.stdout.split():
        first, _, last = token.partition("-")
        try:
            spans.add((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(spans):
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends
