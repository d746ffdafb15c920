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
from sitrep.check.origins import SourceOrigin, source_origins
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


# Findings that are not rules: they say the brief or the check's settings cannot be used.
_ALWAYS_ON = {
    "brief-invalid": "a brief that does not load cannot be checked; fix the problem it names",
    "check-config": "a wrong setting of the check itself is always reported",
}


def _unknown_message(rule_id: str) -> str:
    if rule_id in _ALWAYS_ON:
        return f"{rule_id!r} cannot be turned off ({_ALWAYS_ON[rule_id]})"
    from difflib import get_close_matches

    close = get_close_matches(rule_id, list(RULES), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"no rule is called {rule_id!r}{hint} (see docs/tradecraft.md)"


def _unknown_rule(rule_id: str, path: FieldPath, file: str | None, lines: LineMap) -> Finding:
    return Finding.at(
        "check-config",
        Severity.ERROR,
        _unknown_message(rule_id),
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
    from sitrep.files.house_profile import load_profile
    from sitrep.files.load import read_text
    from sitrep.files.yaml_tree import load_yaml

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
    from sitrep.files.house_profile import find_profile

    return find_profile(brief.origin.parent)


def _profile_not_a_file(start: Path) -> list[Finding]:
    """A `sitrep-profile.yaml` that is a folder (or another non-file) where the house profile is
    looked for: reported, not silently passed over for a profile further up."""
    from sitrep.files.house_profile import PROFILE_NAME

    for folder in (start, *start.parents):
        path = folder / PROFILE_NAME
        if path.is_file():
            return []
        if path.exists():
            cwd = Path.cwd()
            name = str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)
            kind = "a folder" if path.is_dir() else "not a regular file"
            message = (
                f"the house profile cannot be used: {PROFILE_NAME} is {kind} (expected a YAML "
                "file of 'field: value' lines; rename or remove it)"
            )
            return [Finding("check-config", Severity.ERROR, message, "", name)]
    return []


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
    return _check(brief.validated(), file, lines or {}, disable, profile, None)


def _placed(
    hit_path: FieldPath, file: str | None, lines: LineMap, origins: Sequence[SourceOrigin] | None
) -> tuple[FieldPath, str | None, int | None]:
    """Where a finding points: its field, file and line. A source that a .bib or CSL-JSON file
    brought in is pointed at in that file, under the `sources` item that names the file."""
    index = hit_path[1] if len(hit_path) > 1 and hit_path[0] == "sources" else None
    if origins is None or not isinstance(index, int) or not 0 <= index < len(origins):
        return hit_path, file, _line(lines, hit_path)
    origin = origins[index]
    if origin.imported and origin.line is not None:
        return origin.path, origin.file, origin.line
    path = origin.path if origin.imported else (*origin.path, *hit_path[2:])
    return path, file, _line(lines, path)


def _check(
    brief: Brief,
    file: str | None,
    lines: LineMap,
    disable: Mapping[str, str] | None,
    profile: Profile,
    origins: Sequence[SourceOrigin] | None,
) -> list[Finding]:
    unknown = sorted(set(disable or {}) - set(RULES))
    for rule_id in unknown:
        if rule_id in _ALWAYS_ON:
            raise CheckConfigError(_unknown_message(rule_id))
    if unknown:
        raise CheckConfigError(
            f"cannot disable unknown rule(s) {', '.join(unknown)} (expected ids from "
            f"docs/tradecraft.md: {', '.join(RULES)})"
        )
    for rule_id, reason in (disable or {}).items():
        if not isinstance(reason, str) or not reason.strip():
            raise CheckConfigError(
                f"cannot disable rule {rule_id!r} without a reason (got {reason!r}; expected "
                "why the rule does not apply, such as {'no-marking': 'the portal stamps the "
                "marking'})"
            )
    off: dict[str, str] = {}
    findings: list[Finding] = []
    house = _profile_for(brief, profile)
    if house is not None:
        off, findings = profile_rules(house)
    if profile is None and brief.origin is not None:
        findings += _profile_not_a_file(brief.origin.parent)
    own, problems = _switched_off(brief.check.disable, file, lines)
    off.update(own)
    off.update(disable or {})
    findings += problems
    context = CheckContext(brief)
    if origins is not None and len(origins) != len(brief.sources):
        origins = None  # the files changed under us: better the brief's lines than wrong ones
    for rule in RULES.values():
        if rule.id in off:
            continue
        for hit in rule.function(context):
            path, where, line = _placed(hit.path, file, lines, origins)
            findings.append(Finding.at(rule.id, rule.severity, hit.message, path, where, line))
    # Stable: rule order within a line; the house profile's problems first, then the brief's,
    # then those in the source files it names.
    findings.sort(
        key=lambda finding: (
            finding.rule != "check-config" or finding.file == file,
            finding.file != file,
            finding.file or "",
            finding.line or 0,
        )
    )
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
        written = data.get("sources") if isinstance(data, dict) else None
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
    origins = source_origins(written, name, lines, path.resolve().parent)
    return CheckReport(name, _check(brief, name, lines, None, profile, origins))
