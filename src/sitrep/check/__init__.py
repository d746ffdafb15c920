"""`sitrep check`: a linter for the tradecraft of a brief (docs/tradecraft.md).

    import sitrep
    findings = sitrep.check(sitrep.load("brief.yaml"))   # or sitrep.check.check(...)

Rules are small functions in `sitrep.check.rules`, registered in one table (`RULES`) with an id,
a default severity and the standard they come from; `run` applies them, leaving out the rules a
brief (`check: {disable: [...]}`) or the house profile turns off; `formats` writes the findings
as text, JSON or SARIF 2.1.0.
"""

import sys
from types import ModuleType
from typing import Any

from sitrep.check.findings import Finding, Severity
from sitrep.check.registry import RULES, Rule
from sitrep.check.runner import (
    CheckReport,
    check,
    check_file,
    check_files,
    has_errors,
    set_profile_rules,
)

__all__ = [
    "RULES",
    "CheckReport",
    "Finding",
    "Rule",
    "Severity",
    "check",
    "check_file",
    "check_files",
    "has_errors",
    "set_profile_rules",
]


class _CallableModule(ModuleType):
    """`sitrep.check(brief)` is the API, and `sitrep.check` is also this package: once the
    package is imported, the name `sitrep.check` is the module, so the module itself calls
    `check`."""

    def __call__(self, brief: Any, **options: Any) -> list[Finding]:
        return check(brief, **options)


sys.modules[__name__].__class__ = _CallableModule
