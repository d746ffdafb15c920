"""The errors sitrep raises on purpose. Each names the file, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BriefError",
    "Problem",
    "RenderError",
    "ResourceRefused",
    "SitrepError",
    "SourceFileError",
    "UnrenderableBrief",
    "UsageError",
]


class SitrepError(Exception):
    """Base class: the CLI reports these as clean messages, never as tracebacks."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a brief."""

    message: str
    file: str | None = None
    path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{self.message}" if where else f"{field}{self.message}"


class BriefError(SitrepError, ValueError):
    """A brief that cannot be read or does not validate; `problems` lists every issue found."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = problems
        self.warnings: list[Problem] = list(warnings or [])
        """What would be a warning on a valid brief (a source nothing cites), found in the same
        run, so that `validate --strict` reports every problem at once."""
        super().__init__("\n".join(str(problem) for problem in problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its problems, not from `args` (the joined message), so that a BriefError
        # crossing a process boundary (multiprocessing, concurrent.futures) keeps its text.
        return (BriefError, (self.problems, self.warnings), self.__dict__)

    @classmethod
    def single(
        cls, message: str, file: str | Path | None = None, path: str = "", line: int | None = None
    ) -> BriefError:
        return cls([Problem(message, None if file is None else str(file), path, line)])


class SourceFileError(BriefError):
    """A source list (CSL-JSON or BibTeX) that cannot be read; `line` is the file's line, when
    the problem has one ("refs.bib:4: entry 'x': ...")."""

    def __init__(
        self, path: str | Path, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__([Problem(message, str(path), line=line, column=column)])
        self._given = (str(path), message, line, column)

    def __reduce__(self) -> tuple[object, ...]:
        return (SourceFileError, self._given, self.__dict__)


class RenderError(SitrepError):
    """Rendering failed: a missing template, a refused resource, an unknown format."""


class ResourceRefused(RenderError):
    """A resource outside the allowed folders, or a remote URL without permission."""


class UsageError(SitrepError, ValueError):
    """A request sitrep cannot carry out as asked: a file name whose suffix names no format it
    writes. The command line exits 2 for these, as for any wrong command line."""


class UnrenderableBrief(BriefError, ResourceRefused):
    """A valid brief that names what a render cannot find or may not read (a layout, a figure,
    an attachment), refused before anything is written, with the file, line and field of each.
    A ResourceRefused too, as the writers' own refusals of the same files are."""
