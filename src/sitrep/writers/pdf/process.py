"""A PDF engine in a helper process, so a new `sitrep render` uses both cores.

Loading WeasyPrint takes about as long as loading and checking a brief. The command starts this
helper first: it loads WeasyPrint and its fonts on the second core while the main process reads,
validates and resolves the brief and writes the HTML. Only a plain `PdfJob` crosses over, and
PDF bytes (or the error) come back. If the helper cannot start or dies, the PDF is made in the
main process instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from sitrep.errors import RenderError, SitrepError
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.engine import PdfJob, font_config, run_pdf_job

if TYPE_CHECKING:
    from sitrep.resolve import ResolvedBrief

__all__ = ["PdfProcess"]


def _serve(connection: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    font_config()  # loads WeasyPrint and fontconfig while the brief is being read
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        warnings: list[str] = []
        reply: tuple[str, Any, list[str]]
        try:
            reply = ("ok", run_pdf_job(job, warnings.append), warnings)
        except SitrepError as error:
            reply = ("error", error, warnings)
        except Exception as error:  # reported in the main process, as the in-process path would
            reply = ("error", RenderError(f"PDF engine failed: {error!r}"), warnings)
        connection.send(reply)


class PdfProcess:
    """A warm WeasyPrint in a forked helper process; `write_pdf` has the writer's signature."""

    def __init__(self) -> None:
        self._connection: Connection | None = None
        self._process: Any = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,), daemon=True)
        try:
            process.start()
        except OSError:
            return
        theirs.close()
        self._connection, self._process = ours, process

    def write_pdf(self, resolved: ResolvedBrief, options: RenderOptions) -> bytes:
        from sitrep.writers.pdf.writer import prepare_pdf

        job: PdfJob = prepare_pdf(resolved, options)
        if self._connection is None:
            return run_pdf_job(job, options.warn)
        try:
            self._connection.send(job)
            status, payload, warnings = self._connection.recv()
        except (EOFError, OSError):  # the helper is gone: make the PDF here
            self.close()
            return run_pdf_job(job, options.warn)
        for warning in warnings:
            options.warn(warning)
        if status == "error":
            raise payload
        data: bytes = payload
        return data

    def close(self) -> None:
        """Stop the helper process."""
        if self._connection is not None:
            with contextlib.suppress(OSError):  # the helper may be gone already
                self._connection.send(None)
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
            self._process = None

    def __enter__(self) -> PdfProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
