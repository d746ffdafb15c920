"""What `sitrep check` reports: one finding per problem, with where it is and how serious."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sitrep.model.walk import FieldPath, format_path

__all__ = ["Finding", "Hit", "Severity"]


class Severity(StrEnum):
    """How serious a finding is; the names are SARIF 2.1.0 result levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function yields: the field it is about and what is wrong there."""

    path: FieldPath
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One tradecraft problem in one brief."""

    rule: str
    severity: Severity
    message: str
    field: str = ""
    """The field path as users write it: `key_judgments[0].basis`; empty for the whole brief."""
    file: str | None = None
    line: int | None = None

    @classmethod
    def at(
        cls,
        rule: str,
        severity: Severity,
        message: str,
        path: FieldPath,
        file: str | None,
        line: int | None,
    ) -> Finding:
        return cls(rule, severity, message, format_path(path), file, line)

    def __str__(self) -> str:
        where = self.file or "<brief>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} [{self.rule}] {self.message}"
