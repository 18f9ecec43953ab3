"""Where the per-document pipeline runs: in this process, or elsewhere.

An executor maps `ingest.pipeline.process` over files and yields each file's
outcome (a `Timed` extraction or the `BeleidsgraafError` that stopped it).
Writing to the store stays in the calling process, one transaction per
document, so every executor gives the same graph.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.ingest.pipeline import Options, Timed, process

Outcome = Timed | BeleidsgraafError


def run_one(path: Path, options: Options) -> Outcome:
    """The pipeline on one file, with its expected failures as values (picklable for workers)."""
    try:
        return process(path, options)
    except BeleidsgraafError as exc:
        return exc


class Executor(ABC):
    @abstractmethod
    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Outcome]]:
        """Each file with its outcome, in any order."""


class SerialExecutor(Executor):
    """Everything in this process, in order."""

    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Outcome]]:
        for path in files:
            yield path, run_one(path, options)
