"""The `sitrep` command. Each subcommand parses its arguments and calls one library function.

`main` parses the command line (sitrep.cli.parser), runs the command (sitrep.cli.render, .briefs,
.authoring) and turns whatever escapes it into one line on stderr and an exit status
(sitrep.cli.status): never a traceback, unless SITREP_DEBUG asks for one.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence

from sitrep.cli import authoring, briefs, render
from sitrep.cli.parser import build_parser
from sitrep.cli.status import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, print_error

__all__ = ["main"]

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "render": render.render,
    "validate": briefs.validate,
    "check": briefs.check,
    "new": authoring.new,
    "diff": briefs.diff,
    "schema": authoring.schema,
    "examples": authoring.examples,
    "labels": authoring.labels,
    "watch": render.watch,
}


def _terminate(signum: int, frame: object) -> None:
    # Unwind like Ctrl-C so that atomic writes remove their temporary files.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import signal

    from sitrep.errors import SitrepError, UsageError

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)

    try:
        return _COMMANDS[args.command](args)
    except UsageError as error:
        print_error(error)
        return EXIT_USAGE
    except SitrepError as error:
        print_error(error)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("sitrep: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:  # a missing folder, a read-only disk: the system's words, one line
        name = f"{error.filename}: " if error.filename else ""
        print_error(f"{name}{error.strerror or error}")
        return EXIT_FAILED
    except Exception as error:  # a bug in sitrep: say so plainly, traceback only on request
        import os

        if os.environ.get("SITREP_DEBUG"):
            raise
        print(
            f"sitrep: internal error: {type(error).__name__}: {error} "
            "(this is a bug in sitrep; run with SITREP_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_FAILED
