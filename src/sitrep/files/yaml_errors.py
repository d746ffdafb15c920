"""YAML syntax errors in plain words: where the mistake is, and a one-line fix.

The parser's own words ("found character that cannot start any token", "mapping values are
not allowed here") describe its state, not the writer's mistake, and an unclosed quote is
reported where the parser gave up, often the end of the file. Here each common mistake is told
by the text at the error's position and explained at the place the writer has to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from sitrep.errors import BriefError, Problem

__all__ = ["yaml_syntax_error"]


@dataclass(frozen=True)
class _Where:
    """A zero-based position in the YAML text."""

    line: int
    column: int


def _char(lines: list[str], where: _Where) -> str:
    if where.line >= len(lines):
        return ""
    text = lines[where.line]
    return text[where.column] if where.column < len(text) else ""


_LONGEST_KEY_LINE = 1000
"""Keys are looked for this far into a line: no field name is longer, and a hostile line of
thousands of '- ' markers must not cost more than a moment."""


def _key_colon(text: str) -> int | None:
    """Column of the colon that ends the line's key (after any '- ' list markers), if any."""
    text = text[:_LONGEST_KEY_LINE]
    start = len(text) - len(text.lstrip())
    while text.startswith("- ", start) or text.startswith("-\t", start):
        start = len(text) - len(text[start + 1 :].lstrip())
    if start >= len(text) or text[start] in ":#'\"":
        return None
    comment = text.find("#", start)
    end = len(text) if comment < 0 else comment
    colon = text.find(":", start, end)
    while colon >= 0 and colon + 1 < len(text) and text[colon + 1] not in " \t":
        colon = text.find(":", colon + 1, end)  # a colon inside the key, as in "a:b: c"
    return colon if colon >= 0 else None


def _tab(lines: list[str], problem: _Where, context: _Where | None) -> tuple[str, _Where] | None:
    text = lines[problem.line] if problem.line < len(lines) else ""
    if "\t" not in text[: problem.column + 1]:
        return None
    column = text.index("\t")
    return (
        "a tab character in the indentation, which YAML does not allow "
        "(fix: indent with spaces only, e.g. two spaces per level)",
        _Where(problem.line, column),
    )


_CLOSING = {"'": "'", '"': '"', "[": "]", "{": "}"}


def _unclosed(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    """An opening quote or bracket that is never closed: point at where it opens."""
    if context is None:
        return None
    mark = _char(lines, context)
    if mark not in _CLOSING or (context.line, context.column) == (problem.line, problem.column):
        return None
    kind = "quote" if mark in "'\"" else "bracket"
    rest = lines[context.line][context.column :] if context.line < len(lines) else ""
    if kind == "bracket" and " #" in rest:  # `[WHO, MSF # Belgium]`: the comment hides the ]
        return (
            f"the bracket {mark} opened here is never closed: the ' #' on this line starts a "
            f"comment, which hides the closing {_CLOSING[mark]} (fix: put the item holding "
            "'#' in double quotes, or drop the comment)",
            context,
        )
    return (
        f"the {kind} {mark} opened here is never closed, so what follows is read as part of "
        f"this value (fix: add the closing {_CLOSING[mark]} at the end of the value)",
        context,
    )


def _colon(lines: list[str], problem: _Where, context: _Where | None) -> tuple[str, _Where] | None:
    text = lines[problem.line] if problem.line < len(lines) else ""
    if _char(lines, problem) != ":":
        return None
    key_end = _key_colon(text)
    if key_end is None or problem.column <= key_end:
        return None
    key = text[:key_end].strip()
    value = text[key_end + 1 :].strip().replace('"', '\\"')
    return (
        "the value holds ': ', which YAML reads as the start of another field "
        f'(fix: put the value in double quotes: {key}: "{value}")',
        problem,
    )


def _after_quote(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    """Text after a closing quote: `title: "Kim" in Vladivostok`."""
    text = lines[problem.line] if problem.line < len(lines) else ""
    before = text[: problem.column].rstrip()
    key_end = _key_colon(text)
    if not before or before[-1] not in "'\"" or key_end is None or key_end >= problem.column:
        return None
    key = text[:key_end].strip()
    value = text[key_end + 1 :].strip().replace('"', "").replace("'", "")
    return (
        f'text after the closing quote of a value (fix: quote the whole value: {key}: "{value}")',
        problem,
    )


def _list_item(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    if _char(lines, problem) != "-":
        return None
    return (
        "a list item ('- ') where 'field: value' lines are expected "
        "(fix: indent it under the field it belongs to, such as 'what:', or remove the '- ')",
        problem,
    )


def _indentation(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    text = lines[problem.line] if problem.line < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    if not text.strip() or (problem.column != indent and _char(lines, problem) != ":"):
        return None
    above = next((lines[n] for n in range(problem.line - 1, -1, -1) if lines[n].strip()), "")
    above_indent = len(above) - len(above.lstrip(" -"))
    if above_indent == 0 and not above.lstrip().startswith("-"):
        fix = "start it at the beginning of the line, as the field above it does"
    else:
        fix = f"line its key up with the fields of the same item, here {_spaces(above_indent)}"
    return (
        f"this line is indented by {_spaces(indent)}, which matches no field above it "
        f"(fix: {fix}, or indent it under the field it belongs to)",
        _Where(problem.line, indent),
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


_Explainer = Callable[[list[str], _Where, "_Where | None"], "tuple[str, _Where] | None"]


def _by_parser_words(
    error: yaml.MarkedYAMLError, lines: list[str], problem: _Where
) -> tuple[str, _Where] | None:
    """Mistakes the parser names exactly, whatever the text around them."""
    said = str(error.problem or "")
    if "escape" in said:
        return (
            "a backslash in double quotes starts an escape such as \\n, and this one is not "
            "valid (fix: put the value in single quotes, 'C:\\Temp', or double each "
            'backslash: "C:\\\\Temp")',
            problem,
        )
    return None


def _special_start(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    """A value starting with '[@', '@' or '`', which YAML reads as syntax, not text."""
    text = lines[problem.line] if problem.line < len(lines) else ""
    key_end = _key_colon(text)
    if key_end is None:
        return None
    value = text[key_end + 1 :].strip()
    if not value.startswith(("@", "`", "[@", "{@", "%", "{{")):
        return None
    key = text[:key_end].strip()
    quoted = value.replace('"', '\\"')
    return (
        f"a value starting with {value[0]!r} has a meaning in YAML, so it cannot start plain "
        f'text (fix: quote the value: {key}: "{quoted}")',
        _Where(problem.line, key_end + 2),
    )


_BLOCK_START = re.compile(r"^\s*(?:- )?[^\s#][^#]*:\s+[|>][-+0-9]*\s*(?:#.*)?$")


def _unindented_block(
    lines: list[str], problem: _Where, context: _Where | None
) -> tuple[str, _Where] | None:
    """Text under 'key: |' that is not indented, so it ends the block at once."""
    for number in range(min(problem.line, len(lines)) - 1, 0, -1):
        if not lines[number].strip():
            continue
        opener = lines[number - 1]
        if _BLOCK_START.match(opener):
            indent = len(opener) - len(opener.lstrip())
            line = lines[number]
            if len(line) - len(line.lstrip()) <= indent:
                key = opener.strip().split(":")[0]
                return (
                    f"the text under '{opener.strip()}' is not indented, so the block of text "
                    f"ends before it (fix: indent every line of the text under {key}: by two "
                    "more spaces than the key)",
                    _Where(number, 0),
                )
        return None
    return None


_EXPLAINERS: tuple[_Explainer, ...] = (
    _special_start,
    _unclosed,
    _tab,
    _colon,
    _after_quote,
    _list_item,
    _unindented_block,
    _indentation,
)
"""Tried in order; the first that recognises the text at the error position explains it."""


def yaml_syntax_error(error: yaml.MarkedYAMLError, text: str, file: str, offset: int) -> BriefError:
    """The BriefError for a YAML syntax error: file:line:column, the mistake and its fix."""
    lines = text.splitlines()
    problem_mark = error.problem_mark
    context_mark = error.context_mark
    problem = None if problem_mark is None else _Where(problem_mark.line, problem_mark.column)
    context = None if context_mark is None else _Where(context_mark.line, context_mark.column)
    if problem is not None:
        for explain in (lambda *_: _by_parser_words(error, lines, problem), *_EXPLAINERS):
            found = explain(lines, problem, context)
            if found is not None:
                message, where = found
                return BriefError(
                    [
                        Problem(
                            f"not valid YAML: {message}",
                            file,
                            line=where.line + 1 + offset,
                            column=where.column + 1,
                        )
                    ]
                )
    return BriefError(
        [
            Problem(
                f"not valid YAML: {error.problem} (expected YAML syntax)",
                file,
                line=None if problem is None else problem.line + 1 + offset,
                column=None if problem is None else problem.column + 1,
            )
        ]
    )
