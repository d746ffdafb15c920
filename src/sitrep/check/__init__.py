"""`sitrep check`: a linter for the tradecraft of a brief (docs/tradecraft.md).

    import sitrep
    findings = sitrep.check_brief(sitrep.load("brief.yaml"))
    # the same function: from sitrep.check import check_brief

Rules are small functions in `sitrep.check.rules`, registered in one table (`RULES`) with an id,
a default severity and the standard it comes from; `check_brief` applies them, leaving out the
rules the house profile (`sitrep-profile.yaml`) or the brief (`check: {disable: [...]}`) turns
off; `formats` writes the findings as text, JSON or SARIF 2.1.0.
"""

from sitrep.check.findings import Finding, Severity
from sitrep.check.registry import RULES, Rule
from sitrep.check.runner import (
    CheckConfigError,
    CheckReport,
    Profile,
    check_brief,
    check_file,
    check_files,
    has_errors,
    profile_rules,
)

__all__ = [
    "RULES",
    "CheckConfigError",
    "CheckReport",
    "Finding",
    "Profile",
    "Rule",
    "Severity",
    "check_brief",
    "check_file",
    "check_files",
    "has_errors",
    "profile_rules",
]
