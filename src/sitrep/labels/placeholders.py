"""Placeholders in label patterns ("Page {page} of {pages}"): the check that a translation uses
exactly the English text's plain `{name}` fields, and the formatting that looks up names only.

A catalog may come from a stranger's house style, so its patterns are data: a translation that
asks for an attribute, an index or a conversion of a value is refused when the catalog is read,
and formatting never follows one whatever the pattern says.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitrep.errors import RenderError

__all__ = ["format_fields", "placeholder_problem", "safe_format"]


def format_fields(text: str) -> list[tuple[str, str | None, str, str | None]]:
    """The literal text and replacement fields of a str.format pattern; ValueError when a brace
    is unbalanced."""
    import string

    return [
        (literal, name, spec or "", conversion)
        for literal, name, spec, conversion in string.Formatter().parse(text)
    ]


def placeholder_problem(english: str, translation: str) -> str | None:
    """What is wrong with the placeholders of a translation, or None: every field must be a plain
    `{name}` of the English text, with its format spec, no conversion, no attribute or index."""
    allowed = {(name, spec) for _, name, spec, _ in format_fields(english) if name is not None}
    expected = (
        ", ".join("{" + name + (":" + spec if spec else "") + "}" for name, spec in sorted(allowed))
        or "no placeholders"
    )
    try:
        fields = format_fields(translation)
    except ValueError as error:
        return f"has an unbalanced brace ({error}); expected {expected}"
    found: set[tuple[str, str]] = set()
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        shown = (
            "{"
            + name
            + ("!" + conversion if conversion else "")
            + (":" + spec if spec else "")
            + "}"
        )
        if conversion is not None or (name, spec) not in allowed:
            return f"has the placeholder {shown!r}; expected {expected}"
        if (name, spec) in found:  # a page counter or a Word field can print each only once
            return f"has {shown!r} twice; expected {expected} once each"
        found.add((name, spec))
    if found != allowed:
        missing = ", ".join("{" + name + "}" for name, _ in sorted(allowed - found))
        return f"lacks {missing}; expected {expected}"
    return None


def safe_format(pattern: str, values: Mapping[str, object]) -> str:
    """str.format for a checked catalog pattern that looks up plain names only: never an
    attribute or an index of a value, whatever the pattern says."""
    out: list[str] = []
    for literal, name, spec, conversion in format_fields(pattern):
        out.append(literal)
        if name is None:
            continue
        if conversion is not None or name not in values:
            raise RenderError(f"the label {pattern!r} has an unknown placeholder {name!r}")
        out.append(format(values[name], spec))
    return "".join(out)
