"""Run the rules on a brief or a brief file, leaving out the ones switched off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import sitrep.check.rules  # noqa: F401  (registers every rule)
from sitrep.check.context import CheckContext
from sitrep.check.findings import Finding, Severity
from sitrep.check.registry import RULES
from sitrep.errors import BriefError, SitrepError
from sitrep.files.yaml_tree import LineMap
from sitrep.model.brief import Brief
from sitrep.model.tradecraft import CheckSettings, DisabledRule
from sitrep.model.walk import FieldPath

__all__ = [
    "CheckConfigError",
    "CheckReport",
    "Profile",
    "check_brief",
    "check_file",
    "check_files",
    "has_errors",
    "profile_rules",
]


class CheckConfigError(SitrepError, ValueError):
    """A rule switched off that does not exist."""


Profile = str | Path | Literal[False] | None
"""Which house profile applies: a file, False for none, or None to find the brief's own."""


def _line(lines: LineMap, path: FieldPath) -> int | None:
    """The line of the field, else of its nearest parent the file has; a finding about a field
    the file does not write (no `marking:` at all, a layout's default bibliography) is about the
    brief as a whole and points at its first line, so that every report and SARIF result of a
    file has a line."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1 if lines else None


def _unknown_rule(rule_id: str, path: FieldPath, file: str | None, lines: LineMap) -> Finding:
    from difflib import get_close_matches

    close = get_close_matches(rule_id, list(RULES), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return Finding.at(
        "check-config",
        Severity.ERROR,
        f"no rule is called {rule_id!r}{hint} (see docs/tradecraft.md)",
        path,
        file,
        _line(lines, path),
    )


def _switched_off(
    disabled: Sequence[DisabledRule], file: str | None, lines: LineMap
) -> tuple[dict[str, str], list[Finding]]:
    """The rules a `check.disable` list switches off, and a finding for each unknown id."""
    off: dict[str, str] = {}
    findings: list[Finding] = []
    for index, entry in enumerate(disabled):
        if entry.rule in RULES:
            off[entry.rule] = entry.reason
        else:
            findings.append(
                _unknown_rule(entry.rule, ("check", "disable", index, "rule"), file, lines)
            )
    return off, findings


@lru_cache(maxsize=64)
def _read_profile(
    path: Path, name: str, stamp: tuple[int, int]
) -> tuple[dict[str, str], tuple[Finding, ...]]:
    """The rules a house profile switches off, and its problems as findings (cached while the
    file is unchanged: `stamp` is its modification time and size)."""
    from sitrep.files.load import read_text
    from sitrep.files.yaml_tree import load_yaml
    from sitrep.scaffold import load_profile

    try:
        data = load_profile(path)
        lines = load_yaml(read_text(path), name)[1]
    except BriefError as error:
        return {}, tuple(
            Finding(
                "check-config",
                Severity.ERROR,
                f"the house profile cannot be used: {problem.message}",
                problem.path,
                name,
                problem.line,
            )
            for problem in error.problems
        )
    settings = CheckSettings.model_validate(data.get("check") or {})
    off, findings = _switched_off(settings.disable, name, lines)
    return off, tuple(findings)


def profile_rules(profile: str | Path) -> tuple[dict[str, str], list[Finding]]:
    """The rules the house profile file `profile` switches off ({rule id: reason}), and what is
    wrong with the profile, as `check-config` findings at its lines."""
    path = Path(profile).resolve()
    try:
        stat = path.stat()
    except OSError as error:
        finding = Finding(
            "check-config",
            Severity.ERROR,
            f"the house profile cannot be read ({error.strerror or error})",
            "",
            str(profile),
        )
        return {}, [finding]
    # Named relative to the working folder when inside it, as brief files are: CI tools map a
    # relative SARIF location onto the repository.
    cwd = Path.cwd()
    name = str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)
    off, findings = _read_profile(path, name, (stat.st_mtime_ns, stat.st_size))
    return dict(off), list(findings)


def _profile_for(brief: Brief, profile: Profile) -> Path | None:
    if profile is False:
        return None
    if profile is not None:
        return Path(profile)
    if brief.origin is None:
        return None
    from sitrep.scaffold import find_profile

    return find_profile(brief.origin.parent)


def check_brief(
    brief: Brief,
    *,
    file: str | None = None,
    lines: LineMap | None = None,
    disable: Mapping[str, str] | None = None,
    profile: Profile = None,
) -> list[Finding]:
    """Every tradecraft finding in `brief`, in line order, rule order within a line.

    Rules are switched off by the house profile (`profile`: a file; None, the default, finds
    the one for the brief's folder as `sitrep new` does, for a brief loaded from a file; False
    for none), then by the brief's own `check.disable`, then by `disable` ({rule id: reason}).
    `lines` maps field paths to line numbers for the report.

    The brief is validated again first, as render does: a script may have appended to a list.
    """
    if not isinstance(brief, Brief):
        raise BriefError.single(
            "expected a sitrep.Brief (from sitrep.load or sitrep.Brief(...)), "
            f"got {type(brief).__name__}"
        )
    brief = brief.validated()
    lines = lines or {}
    unknown = sorted(set(disable or {}) - set(RULES))
    if unknown:
        raise CheckConfigError(
            f"cannot disable unknown rule(s) {', '.join(unknown)} (expected ids from "
            f"docs/tradecraft.md: {', '.join(RULES)})"
        )
    off: dict[str, str] = {}
    findings: list[Finding] = []
    house = _profile_for(brief, profile)
    if house is not None:
        off, findings = profile_rules(house)
    own, problems = _switched_off(brief.check.disable, file, lines)
    off.update(own)
    off.update(disable or {})
    findings += problems
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
    # Stable: rule order within a line; the house profile's problems first.
    findings.sort(key=lambda finding: (finding.file == file, finding.line or 0))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is error-level (`sitrep check` then exits 1)."""
    return any(f.severity is Severity.ERROR for f in findings)


@dataclass(frozen=True)
class CheckReport:
    """The findings for one file; a file that does not load is reported as `brief-invalid`."""

    file: str
    findings: list[Finding] = field(default_factory=list)


def check_files(paths: Iterable[str | Path], *, profile: Profile = None) -> list[Finding]:
    """The findings of every file, file by file; a problem of a house profile that several
    briefs share is reported once."""
    findings: list[Finding] = []
    seen: set[Finding] = set()
    for path in paths:
        report = check_file(path, profile=profile)
        for finding in report.findings:
            if finding.file != report.file:
                if finding in seen:
                    continue
                seen.add(finding)
            findings.append(finding)
    return findings


def check_file(path: str | Path, *, profile: Profile = None) -> CheckReport:
    """Load a brief file (keeping its line numbers) and check it, with the house profile found
    for its folder unless `profile` names one (or is False)."""
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
    return CheckReport(name, check_brief(brief, file=name, lines=lines, profile=profile))
