"""Run the rules on a brief or a brief file, leaving out the ones switched off."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sitrep.check.rules  # noqa: F401  (registers every rule)
from sitrep.check.context import CheckContext
from sitrep.check.findings import Finding, Severity
from sitrep.check.registry import RULES
from sitrep.errors import BriefError, SitrepError
from sitrep.files.yaml_tree import LineMap
from sitrep.model.brief import Brief
from sitrep.model.walk import FieldPath

__all__ = [
    "CheckConfigError",
    "CheckReport",
    "check",
    "check_file",
    "check_files",
    "has_errors",
    "set_profile_rules",
]


class CheckConfigError(SitrepError, ValueError):
    """A rule switched off that does not exist."""


ProfileRules = Callable[[Brief], Mapping[str, str]]

_profile_rules: ProfileRules = lambda brief: {}  # noqa: E731


def set_profile_rules(hook: ProfileRules) -> None:
    """Let the house profile switch rules off: `hook(brief)` returns {rule id: reason}.

    The profile loader calls this once; a brief's own `check.disable` adds to what it returns.
    """
    global _profile_rules
    _profile_rules = hook


def _line(lines: LineMap, path: FieldPath) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def check(
    brief: Brief,
    *,
    file: str | None = None,
    lines: LineMap | None = None,
    disable: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every tradecraft finding in `brief`, in rule order then field order.

    `disable` maps rule ids to the reason they are off, on top of the house profile and the
    brief's own `check.disable`; `lines` maps field paths to line numbers for the report.
    """
    lines = lines or {}
    off: dict[str, str] = dict(_profile_rules(brief))
    off.update(disable or {})
    findings: list[Finding] = []
    for index, entry in enumerate(brief.check.disable):
        if entry.rule not in RULES:
            from difflib import get_close_matches

            close = get_close_matches(entry.rule, list(RULES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            path = ("check", "disable", index, "rule")
            findings.append(
                Finding.at(
                    "check-config",
                    Severity.ERROR,
                    f"no rule is called {entry.rule!r}{hint} (see docs/tradecraft.md)",
                    path,
                    file,
                    _line(lines, path),
                )
            )
        off[entry.rule] = entry.reason
    unknown = sorted(set(off) - set(RULES) - {e.rule for e in brief.check.disable})
    if unknown:
        raise CheckConfigError(
            f"cannot disable unknown rule(s) {', '.join(unknown)} (expected ids from "
            f"docs/tradecraft.md: {', '.join(RULES)})"
        )
    context = CheckContext(brief)
    for rule in RULES.values():
        if rule.id in off:
            continue
        for hit in rule.function(context):
            findings.append(
                Finding.at(
                    rule.id, rule.severity, hit.message, hit.path, file, _line(lines, hit.path)
                )
            )
    findings.sort(key=lambda finding: finding.line or 0)  # stable: rule order within a line
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is error-level (`sitrep check` then exits 1)."""
    return any(f.severity is Severity.ERROR for f in findings)


@dataclass(frozen=True)
class CheckReport:
    """The findings for one file; a file that does not load is reported as `brief-invalid`."""

    file: str
    findings: list[Finding] = field(default_factory=list)


def check_files(paths: Iterable[str | Path]) -> list[Finding]:
    """The findings of every file, file by file."""
    return [finding for path in paths for finding in check_file(path).findings]


def check_file(path: str | Path) -> CheckReport:
    """Load a brief file (keeping its line numbers) and check it."""
    from sitrep.files.load import BRIEF_SUFFIXES, parse_brief, read_text, validate

    path = Path(path)
    name = str(path)
    try:
        suffix = path.suffix.lower()
        if suffix not in BRIEF_SUFFIXES:
            raise BriefError.single(
                f"unknown brief file type {suffix or '(none)'!r} "
                f"(expected one of {', '.join(BRIEF_SUFFIXES)})",
                name,
            )
        data, lines = parse_brief(read_text(path), name, suffix)
        brief = validate(data, name, lines, path.resolve().parent)
    except BriefError as error:
        return CheckReport(
            name,
            [
                Finding(
                    "brief-invalid",
                    Severity.ERROR,
                    problem.message,
                    problem.path,
                    problem.file or name,
                    problem.line,
                )
                for problem in error.problems
            ],
        )
    brief.set_origin(path.resolve())
    return CheckReport(name, check(brief, file=name, lines=lines))
