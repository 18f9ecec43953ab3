"""One ingest measurement in a fresh process (run as a script, not imported).

Reads a JSON job on stdin: {"reader": ..., "files": [...], "repeats": n} and
prints one JSON result: wall and CPU seconds per repeat, seconds per pipeline stage
per repeat, pages, and the process's peak RSS. A fresh process per reader
keeps peak memory honest and lets `bench --baseline REF` put an older
checkout of the package first on PYTHONPATH (so this file imports nothing
from `bench`).
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Stages = dict[str, float]


def _pdfplumber(path: Path) -> tuple[int, Stages]:
    import pdfplumber

    pages = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            pages += 1
    return pages, {}


def _pypdfium2(path: Path) -> tuple[int, Stages]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf), {}
    finally:
        pdf.close()


def _pipeline(path: Path) -> tuple[int, Stages]:
    from beleidsgraaf.ingest.pipeline import process

    timed = process(path)
    return timed.extraction.page_count, timed.timings


def _ingest(files: list[Path]) -> tuple[int, Stages]:
    """The whole `beleidsgraaf ingest` path (pipeline, graph build, one
    transaction per document) into a fresh on-disk store."""
    from beleidsgraaf.corpus import ingest
    from beleidsgraaf.graph.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "store")) as store:
        started = time.perf_counter()
        report = ingest(store, files)
        total = time.perf_counter() - started
    stages = dict(report.timings)
    stages["graph+store"] = total - sum(stages.values())
    return report.pages, stages


PER_FILE: dict[str, Callable[[Path], tuple[int, Stages]]] = {
    "pdfplumber": _pdfplumber,
    "pypdfium2": _pypdfium2,
    "pipeline": _pipeline,
}


def _one_pass(reader: str, files: list[Path]) -> tuple[float, float, int, Stages]:
    """Wall and CPU seconds (this process's user + system), pages, stage seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    if reader == "ingest":
        pages, stages = _ingest(files)
    else:
        pages, stages = 0, {}
        for path in files:
            count, timings = PER_FILE[reader](path)
            pages += count
            for name, seconds in timings.items():
                stages[name] = stages.get(name, 0.0) + seconds
    return time.perf_counter() - started, time.process_time() - cpu, pages, stages


def main() -> None:
    job = json.load(sys.stdin)
    reader, files, repeats = job["reader"], [Path(f) for f in job["files"]], int(job["repeats"])
    _one_pass(reader, files[:1])  # warm-up: imports, compiled patterns, the gazetteer
    runs, cpu_runs, stage_runs, pages = [], [], {}, 0
    for _ in range(repeats):
        seconds, cpu, pages, stages = _one_pass(reader, files)
        runs.append(seconds)
        cpu_runs.append(cpu)
        for name, value in stages.items():
            stage_runs.setdefault(name, []).append(value)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    json.dump({"reader": reader, "pages": pages, "runs": runs, "cpu_runs": cpu_runs, "stages": stage_runs, "peak_rss_mb": rss_kb / 1024}, sys.stdout)


if __name__ == "__main__":
    main()
