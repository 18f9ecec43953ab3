"""Where the per-document pipeline runs: in this process, or in worker processes.

An executor maps `ingest.pipeline.process` over files and yields each file's
outcome (a `Timed` extraction or the `BeleidsgraafError` that stopped it).
Writing to the store stays in the calling process, one transaction per
document, so every executor gives the same graph.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from beleidsgraaf.errors import BeleidsgraafError, InputError, UsageError

if TYPE_CHECKING:  # the pipeline's readers load on first use, so `--help` stays quick
    from beleidsgraaf.ingest.pipeline import Options, Timed

Work = Callable[["Path", "Options"], "Timed | BeleidsgraafError"]

DEFAULT_TIMEOUT = 600.0  # seconds per file: a 200-page scan OCR'd at ~2 s a page fits


def run_one(path: Path, options: Options) -> Timed | BeleidsgraafError:
    """The pipeline on one file, with its expected failures as values (picklable for workers)."""
    from beleidsgraaf.ingest.pipeline import process

    try:
        return process(path, options)
    except BeleidsgraafError as exc:
        return exc


class Executor(ABC):
    @abstractmethod
    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Timed | BeleidsgraafError]]:
        """Each file with its outcome, in any order."""


class SerialExecutor(Executor):
    """Everything in this process, in order, with no time limit."""

    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Timed | BeleidsgraafError]]:
        for path in files:
            yield path, run_one(path, options)


def _worker(conn: Connection, work: Work) -> None:
    """A worker's life: take a file, send back its outcome, until told to stop.

    Each worker leads its own process group, so a kill on timeout also ends
    the Tesseract it may be running.
    """
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (task := conn.recv()) is not None:
            path, options = task
            try:
                outcome = work(path, options)
            except Exception as exc:  # noqa: BLE001 - an unexpected bug costs one file, not the run
                outcome = InputError(path, f"internal error while reading ({type(exc).__name__}: {exc})")
            conn.send(outcome)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass  # the parent is gone: nothing left to do


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    path: Path | None = None
    deadline: float = 0.0


class ProcessExecutor(Executor):
    """`jobs` worker processes; a file that takes longer than `timeout` seconds
    (or kills its worker) is reported as failed and its worker replaced, and
    the run goes on. Outcomes come back in the order they finish."""

    def __init__(self, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT, work: Work = run_one) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.work = work
        # forkserver: workers fork from a clean server process, not from a
        # parent that holds an open store and its threads.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["beleidsgraaf.ingest.pipeline"])

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        proc = self._context.Process(target=_worker, args=(child, self.work), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    @staticmethod
    def _stop(slot: _Slot, grace: float = 0.0) -> None:
        slot.process.join(timeout=grace)
        if slot.process.is_alive():
            try:
                os.killpg(slot.process.pid, signal.SIGKILL)
            except ProcessLookupError:  # not yet its own group, or already gone
                slot.process.kill()
        slot.process.join()
        slot.conn.close()

    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Timed | BeleidsgraafError]]:
        todo = list(reversed(files))
        slots = [self._start() for _ in range(min(self.jobs, len(files)))]
        try:
            for slot in slots:
                self._assign(slot, todo, options)
            while any(slot.path for slot in slots):
                busy = [slot for slot in slots if slot.path]
                ready = wait([slot.conn for slot in busy], timeout=self._wait_time(busy))
                for index, slot in enumerate(slots):
                    if slot.path is None:
                        continue
                    path = slot.path
                    if slot.conn in ready:
                        try:
                            outcome: Timed | BeleidsgraafError = slot.conn.recv()
                        except (EOFError, OSError):
                            outcome = InputError(path, f"the reader crashed on this file ({self._death(slot)})")
                            slots[index] = slot = self._replace(slot)
                    elif self.timeout and time.monotonic() > slot.deadline:
                        outcome = InputError(path, f"gave up after {self.timeout:g} s (--timeout)")
                        slots[index] = slot = self._replace(slot)
                    else:
                        continue
                    slot.path = None
                    self._assign(slot, todo, options)
                    yield path, outcome
        finally:
            for slot in slots:
                if slot.path is None:
                    try:
                        slot.conn.send(None)  # done: let it exit
                    except OSError:
                        pass
            for slot in slots:
                self._stop(slot, grace=0.0 if slot.path else 2.0)

    def _assign(self, slot: _Slot, todo: list[Path], options: Options) -> None:
        if todo:
            slot.path = todo.pop()
            slot.deadline = time.monotonic() + (self.timeout or 0)
            slot.conn.send((slot.path, options))

    def _replace(self, slot: _Slot) -> _Slot:
        self._stop(slot)
        return self._start()

    def _wait_time(self, busy: list[_Slot]) -> float | None:
        if not self.timeout:
            return None
        return max(0.0, min(slot.deadline for slot in busy) - time.monotonic())

    @staticmethod
    def _death(slot: _Slot) -> str:
        slot.process.join(timeout=1)
        code = slot.process.exitcode
        return f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"


DASK_SCHEME = "dask://"


@contextmanager
def open_executor(spec: str, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[Executor]:
    """The executor an `--executor` value names: local (worker processes here), dask, or dask://host:port."""
    if spec == "local":
        yield ProcessExecutor(jobs=jobs, timeout=timeout)
        return
    if spec == "dask":
        address = None
    elif spec.startswith(DASK_SCHEME) and len(spec) > len(DASK_SCHEME):
        address = "tcp://" + spec[len(DASK_SCHEME) :]
    else:
        raise UsageError(f"--executor {spec}: unknown executor (use local, dask or dask://host:port)")
    from beleidsgraaf.dask_executor import DaskExecutor  # optional dependency

    with DaskExecutor(address) as executor:
        yield executor
