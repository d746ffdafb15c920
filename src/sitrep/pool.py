"""Run jobs in worker processes so that one job's crash or hang costs that job only.

`concurrent.futures` cannot do this: a worker that segfaults breaks the whole pool, a job has
no time limit, and a stopped parent leaves its workers running. Here each worker takes one job
at a time over a pipe. A worker that dies (a crash in C code) or runs past the deadline is
replaced, and its job gets an error; the other jobs go on. When the parent is interrupted
(Ctrl-C, SIGTERM) it stops every worker before it returns, and a worker whose parent dies
(even by SIGKILL) stops itself, so no worker goes on writing files for a run that has ended.
Workers end by SIGTERM where they can, so that atomic writes remove their temporary files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from sitrep.errors import RenderError

__all__ = ["DEFAULT_TIMEOUT", "deadline", "run_isolated"]

DEFAULT_TIMEOUT = 600.0
"""Seconds one brief may take (a brief of 10,000 events renders to PDF in about a minute)."""
_GRACE = 2.0  # seconds a stopped worker gets to remove its temporary files before SIGKILL

Job = TypeVar("Job")
Result = TypeVar("Result")


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the chosen context
    connection: Connection
    job: int | None = None
    started: float = 0.0


class _Pool(Generic[Job, Result]):
    def __init__(
        self,
        task: Callable[[Job], Result],
        initializer: Callable[[], None] | None,
        cleanup: Callable[[Job], None],
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.task = task
        self.initializer = initializer
        self.cleanup = cleanup
        self.workers: list[_Worker] = []

    def start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_serve,
            args=(theirs, self.task, self.initializer, os.getpid()),
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def retire(self, worker: _Worker, jobs: Sequence[Job], *, kill: bool) -> None:
        """Stop a worker (politely, then by force), reap it and sweep up after its job."""
        self.workers.remove(worker)
        if kill and worker.process.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.process.pid, signal.SIGTERM)
        worker.process.join(_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()
        if worker.job is not None:
            self.cleanup(jobs[worker.job])

    def stop_all(self, jobs: Sequence[Job]) -> None:
        for worker in list(self.workers):
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(worker.process.pid, signal.SIGTERM)
        for worker in list(self.workers):
            self.retire(worker, jobs, kill=False)


def run_isolated(
    task: Callable[[Job], Result],
    jobs: Sequence[Job],
    *,
    workers: int,
    timeout: float | None,
    failed: Callable[[Job, str], Result],
    done: Callable[[int, Result], None],
    initializer: Callable[[], None] | None = None,
    cleanup: Callable[[Job], None] = lambda job: None,
) -> list[Result]:
    """Run `task` on every job in up to `workers` processes; results come back in job order.

    A job whose worker crashes, or that runs longer than `timeout` seconds, gets
    `failed(job, reason)` as its result and `cleanup(job)` afterwards; `done(index, result)` is
    called as each job finishes.
    """
    pool: _Pool[Job, Result] = _Pool(task, initializer, cleanup)
    waiting = deque(range(len(jobs)))
    results: dict[int, Result] = {}

    def finish(index: int, result: Result) -> None:
        results[index] = result
        done(index, result)

    try:
        while waiting or any(w.job is not None for w in pool.workers):
            while waiting and len(pool.workers) < max(1, workers):
                pool.start()
            for worker in pool.workers:
                if worker.job is None and waiting:
                    worker.job = waiting.popleft()
                    worker.started = time.monotonic()
                    with contextlib.suppress(OSError):  # died already: _collect reports it
                        worker.connection.send(jobs[worker.job])
            busy = [w for w in pool.workers if w.job is not None]
            wait(
                [w.connection for w in busy] + [w.process.sentinel for w in busy],
                timeout=_until_first_deadline(busy, timeout),
            )
            for worker in busy:
                _collect(pool, worker, jobs, timeout, failed, finish)
    finally:
        pool.stop_all(jobs)
    return [results[index] for index in range(len(jobs))]


def _until_first_deadline(busy: list[_Worker], timeout: float | None) -> float | None:
    if timeout is None or not busy or timeout >= 10**8:
        return None
    first = min(w.started for w in busy) + timeout
    return max(0.0, first - time.monotonic())


def _collect(
    pool: _Pool[Job, Result],
    worker: _Worker,
    jobs: Sequence[Job],
    timeout: float | None,
    failed: Callable[[Job, str], Result],
    finish: Callable[[int, Result], None],
) -> None:
    """Take a finished worker's result, or fail its job if it died or ran out of time."""
    index = worker.job
    assert index is not None
    if worker.connection.poll():
        try:
            result: Result = worker.connection.recv()
        except (EOFError, OSError):
            pass  # died while answering: handled as a crash below
        else:
            worker.job = None
            finish(index, result)
            return
    if not worker.process.is_alive():
        worker.process.join()
        reason = _crash_reason(worker.process.exitcode)
        pool.retire(worker, jobs, kill=False)
        finish(index, failed(jobs[index], reason))
    elif timeout is not None and time.monotonic() - worker.started >= timeout:
        pool.retire(worker, jobs, kill=True)
        finish(
            index,
            failed(
                jobs[index],
                f"took longer than {timeout:g} s and was stopped (a larger --timeout allows more)",
            ),
        )


def _crash_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the renderer crashed ({name}); nothing was written for this brief"
    return f"the renderer stopped unexpectedly (exit status {exitcode})"


def _serve(
    connection: Connection,
    task: Callable[[Any], Any],
    initializer: Callable[[], None] | None,
    parent: int,
) -> None:
    """A worker: run jobs until the pipe closes; stop with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _unwind)
    _stop_with_parent(parent)
    if initializer is not None:
        initializer()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(task(job))


def _unwind(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through write_atomic, which removes its temp file


def _stop_with_parent(parent: int) -> None:
    """Get SIGTERM when the parent dies: at once on Linux, within half a second elsewhere."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(1, signal.SIGTERM, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        armed = False
    if not armed:

        def watch_parent() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch_parent, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        raise SystemExit(1)


@contextlib.contextmanager
def deadline(seconds: float | None, what: str) -> Iterator[None]:
    """Stop the work in the block with a RenderError after `seconds` (main thread, POSIX only).

    For renders in this process (one brief, watch mode); batches use `run_isolated`, which can
    also stop C code that never returns to Python.
    """
    usable = (
        seconds is not None
        and 0 < seconds < 10**8  # beyond three years, setitimer overflows: no limit
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: object) -> None:
        raise RenderError(
            f"{what}: took longer than {seconds:g} s and was stopped (a larger --timeout "
            "allows more)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
