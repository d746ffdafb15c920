"""The exit statuses every command returns, the one way a command reports a problem, and the
--template check that makes a wrong layout a wrong command line.

Shared by all the command modules and `main`, so that a status means the same thing whichever
command returns it (the list is in `sitrep --help`).
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "print_error",
    "refuse_template",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def print_error(message: object) -> None:
    """One line on stderr, as every sitrep error is printed: `sitrep: error: MESSAGE`."""
    print(f"sitrep: error: {message}", file=sys.stderr)


def refuse_template(template: str | Path | None) -> None:
    """A --template that names nothing is a wrong command line (exit 2), before any brief."""
    from sitrep.errors import UsageError
    from sitrep.files.render_checks import template_option_problem

    refused = template_option_problem(template)
    if refused:
        raise UsageError(refused)
