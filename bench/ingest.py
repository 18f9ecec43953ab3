"""Ingest: our pipeline against bare PDF readers on the same files, per stage,
peak memory, an older checkout side by side (`--baseline REF`), and Dask
scaling from one worker process to two."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bench.report import median, ms, ratio, table

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
WORKER = Path(__file__).with_name("worker.py")
# The quick corpus: the sample letters and the short besluitenlijsten (about 40 pages).
QUICK_GLOB = "wassenaar_20*_besluitenlijst_BenW.pdf"


def corpus(quick: bool) -> list[Path]:
    """The bundled samples plus the shared real corpus (text PDFs) when it is there."""
    files = sorted((ROOT / "samples").glob("*.pdf"))
    real = SHARED_CORPUS / "real"
    if real.is_dir():
        files += sorted(real.glob(QUICK_GLOB if quick else "*.pdf"))
    return files


@dataclass(frozen=True)
class Measured:
    label: str
    pages: int
    runs: list[float]
    cpu_runs: list[float]
    stages: dict[str, list[float]]
    peak_rss_mb: float

    @property
    def seconds(self) -> float:
        return median(self.runs)

    @property
    def cpu(self) -> float:
        """CPU seconds: what one core spends, whatever else the machine runs meanwhile."""
        return median(self.cpu_runs)

    def plus(self, other: Measured) -> Measured:
        """Both measurements' repeats together (for interleaved rounds)."""
        stages = {name: self.stages.get(name, []) + other.stages.get(name, []) for name in dict.fromkeys([*self.stages, *other.stages])}
        return Measured(self.label, other.pages, self.runs + other.runs, self.cpu_runs + other.cpu_runs, stages,
                        max(self.peak_rss_mb, other.peak_rss_mb))  # fmt: skip


def measure(reader: str, files: list[Path], repeats: int, label: str | None = None, pythonpath: Path | None = None) -> Measured:
    """Run one reader over the files in a fresh process and read back its figures."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    job = json.dumps({"reader": reader, "files": [str(f) for f in files], "repeats": repeats})
    done = subprocess.run([sys.executable, str(WORKER)], input=job, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench worker for {reader} failed:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout)
    return Measured(label or reader, result["pages"], result["runs"], result["cpu_runs"], result["stages"], result["peak_rss_mb"])


def checkout(ref: str, into: Path) -> Path:
    """An importable copy of the package as it was at `ref` (for --baseline):
    the tree from `git archive`, with the top-level folders linked in where
    pyproject's package-dir maps them (beleidsgraaf.ingest → ingest/)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    src = into / "src"
    src.mkdir(parents=True)
    with tempfile.TemporaryFile() as tar_file:
        tar_file.write(archive)
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file) as tar:
            tar.extractall(src, filter="data")
    mapping = tomllib.loads((src / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    for package, folder in mapping.items():
        parts = package.split(".")
        if len(parts) == 2 and parts[0] == "beleidsgraaf":
            (src / "beleidsgraaf" / parts[1]).symlink_to(src / folder, target_is_directory=True)
    return src


def readers_table(title: str, items: list[Measured], reference: Measured) -> str:
    rows = [
        (
            item.label,
            item.pages,
            f"{item.seconds:.2f}",
            f"{item.cpu:.2f}",
            f"{item.pages / item.cpu:.0f}",
            ms(item.cpu / max(item.pages, 1)),
            f"{item.peak_rss_mb:.0f}",
            ratio(reference.cpu, item.cpu),
            ratio(reference.seconds, item.seconds),
        )
        for item in items
    ]
    header = ("reader", "pages", "wall s", "CPU s", "pages/CPU s", "CPU ms/page", "peak RSS MB",
              f"speed vs {reference.label} (CPU)", "(wall)")  # fmt: skip
    return table(title, header, rows)


def stages_table(items: list[Measured]) -> str:
    names = list(dict.fromkeys(name for item in items for name in item.stages))
    rows = []
    for name in names:
        cells = [name]
        for item in items:
            value = median(item.stages[name]) if name in item.stages else None
            cells.append("" if value is None else f"{ms(value / max(item.pages, 1))}")
        if len(items) == 2 and all(name in item.stages for item in items):
            cells.append(ratio(median(items[0].stages[name]), median(items[1].stages[name])))
        rows.append(cells)
    header = ["stage (wall ms/page, median)", *(item.label for item in items)]
    if len(items) == 2:
        header.append("speed-up")
    return table("Ingest: time per pipeline stage", header, rows)


def scaling_table(files: list[Path], repeats: int) -> str:
    """Pipeline wall time on a local Dask cluster of one and of two worker processes."""
    try:
        from beleidsgraaf.dask_executor import DaskExecutor
    except ImportError as exc:
        return f"### Ingest: scaling over cores\n\nskipped: {exc}\n"
    from beleidsgraaf.ingest.pipeline import Options

    results: list[tuple[int, float, int]] = []
    for workers in (1, 2):
        with DaskExecutor(workers=workers) as executor:
            list(executor.run(files[:2], Options()))  # warm the workers
            runs, pages = [], 0
            for _ in range(repeats):
                started = time.perf_counter()
                outcomes = list(executor.run(files, Options()))
                runs.append(time.perf_counter() - started)
                pages = sum(o.extraction.page_count for _, o in outcomes if hasattr(o, "extraction"))
        results.append((workers, median(runs), pages))
    one = results[0][1]
    rows = [(f"dask, {w} worker process(es)", pages, f"{s:.2f}", f"{pages / s:.0f}", ratio(one, s)) for w, s, pages in results]
    return table(
        f"Ingest: scaling over cores (pipeline on a local Dask cluster, {os.cpu_count()} cores)",
        ("executor", "pages", "median s", "pages/s", "speed-up vs 1 worker"),
        rows,
    )


def run(quick: bool, repeats: int, baseline: str | None) -> str:
    files = corpus(quick)
    out = [f"Corpus: {len(files)} PDFs ({'quick' if quick else 'full'}: samples/"
           f"{' + ../shared/corpus/real' if (SHARED_CORPUS / 'real').is_dir() else ''}), {repeats} repeats, medians.\n"]  # fmt: skip
    ours = measure("pipeline", files, repeats, "beleidsgraaf pipeline")
    full = measure("ingest", files, repeats, "beleidsgraaf ingest (+ graph + store)")
    plumber = measure("pdfplumber", files, repeats, "pdfplumber extract_text")
    pdfium = measure("pypdfium2", files, repeats, "pypdfium2 get_text_range")
    out.append(readers_table("Ingest: our pipeline vs bare text extraction (one core)", [ours, full, plumber, pdfium], plumber))
    if baseline:
        with tempfile.TemporaryDirectory() as tmp:
            old_path = checkout(baseline, Path(tmp))
            # Rounds alternate old and new, so load from elsewhere on the machine hits both alike.
            old = measure("ingest", files, 1, f"ingest at {baseline}", pythonpath=old_path)
            new = measure("ingest", files, 1, "ingest, this tree")
            for _ in range(repeats - 1):
                old = old.plus(measure("ingest", files, 1, pythonpath=old_path))
                new = new.plus(measure("ingest", files, 1))
        out.append(readers_table(f"Ingest before ({baseline}) and after (this tree), one core", [old, new], old))
        out.append(stages_table([old, new]))
    else:
        out.append(stages_table([full]))
    out.append(scaling_table(files, repeats))
    return "\n".join(out)
