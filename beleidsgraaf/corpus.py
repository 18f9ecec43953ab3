"""Ingest a corpus: files and folders in, one transaction per document out.

A file whose bytes are already stored is left alone; a file that changed
replaces its earlier version; a file that cannot be read is reported with one
line of reason and the run goes on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.executors import Executor, SerialExecutor
from beleidsgraaf.graph.build import document_quads, system_quads
from beleidsgraaf.graph.link import link
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ingest.model import Status
from beleidsgraaf.ingest.pipeline import Options, Timed

PDF_SUFFIX = ".pdf"


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    partial: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    merged: int = 0  # nodes the corpus-wide pass joined with the same thing in other documents


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every PDF below each folder, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == PDF_SUFFIX)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _sha256(path: Path) -> str | None:
    if not path.is_file():
        return None  # a folder, a pipe or nothing: the pipeline reports why (and a pipe would block here)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


Progress = Callable[[Path], None]


def ingest(
    store: GraphStore,
    paths: Iterable[Path],
    options: Options = Options(),
    progress: Progress | None = None,
    executor: Executor | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).replace(microsecond=0),
) -> IngestReport:
    """Ingest files and folders; each document lands in its own transaction."""
    report = IngestReport()
    known = store.documents()
    stored_shas = {doc.sha256 for doc in known}
    by_path = {doc.source_path: doc.key for doc in known if doc.source_path}
    todo: list[Path] = []
    seen: set[str | None] = set()
    for path in collect_files(paths):
        sha = _sha256(path)
        if sha in stored_shas or (sha is not None and sha in seen):
            report.unchanged.append(path.name)
            if progress:
                progress(path)
            continue
        seen.add(sha)
        todo.append(path)
    for path, outcome in (executor or SerialExecutor()).run(todo, options):
        if progress:
            progress(path)
        if isinstance(outcome, BeleidsgraafError):
            report.failed.append((str(path), str(outcome)))
            continue
        _store(store, path, outcome, by_path, now(), report)
    # Linking is a pure function of the store, so it also runs when nothing was
    # new: a run killed between its last document and the link is completed.
    if report.ingested or report.unchanged:
        report.merged = link(store).merged
    # Workers finish in any order; the report should not.
    report.failed.sort()
    report.partial.sort()
    return report


def _store(store: GraphStore, path: Path, timed: Timed, by_path: dict[str, str], now: dt.datetime, report: IngestReport) -> None:
    extraction = timed.extraction
    resolved = str(path.resolve())
    previous = by_path.get(resolved)
    replaces = [previous] if previous and previous != extraction.document_key else []
    store.replace_document(
        extraction.document_key, document_quads(extraction), system_quads(extraction, resolved, now), replaces=replaces
    )
    by_path[resolved] = extraction.document_key
    report.ingested.append(path.name)
    report.pages += extraction.page_count
    for stage, seconds in timed.timings.items():
        report.timings[stage] = report.timings.get(stage, 0.0) + seconds
    if extraction.status is Status.PARTIAL_SUCCESS:
        pages = ", ".join(str(e.page) for e in extraction.errors)
        report.partial.append((str(path), f"{path.name}: pages {pages} could not be read"))
