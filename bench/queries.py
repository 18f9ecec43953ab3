"""Query latency on synthetic graphs: our on-disk Oxigraph store against
rdflib's in-memory engine, every saved query (queries/*.rq) at each size,
its parameters bound to things the synthetic graph holds (`synth.parameters`)."""
from __future__ import annotations

import json
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from bench import synth
from bench.report import median, ms, ratio, table
from beleidsgraaf import queries as saved
from beleidsgraaf.graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAVED = ROOT / "queries"
ENGINE_WORKER = Path(__file__).with_name("engine_worker.py")
TARGET_MS = 50


def saved_queries() -> dict[str, str]:
    """Every saved query, bound as an analyst would run it on the synthetic graph."""
    values = synth.parameters()
    bound = {}
    for path in sorted(SAVED.glob("*.rq")):
        query = saved.parse(path.read_text(encoding="utf-8"), path.stem)
        bound[path.stem] = saved.bind(query, {p.name: values[p.name] for p in query.parameters if p.name in values})
    return bound


@dataclass
class Latency:
    runs: list[float] = field(default_factory=list)
    rows: int | None = None
    note: str = ""

    def cell(self) -> str:
        return ms(median(self.runs)) if self.runs else self.note


def _latencies(run_query: Callable[[str], object], queries: dict[str, str], repeats: int) -> dict[str, Latency]:
    results: dict[str, Latency] = {}
    for name, sparql in queries.items():
        latency = Latency()
        try:
            latency.rows = len(list(run_query(sparql)))  # type: ignore[call-overload]  # warm-up, and the answer's size
            for _ in range(repeats):
                began = time.perf_counter()
                list(run_query(sparql))  # type: ignore[call-overload]
                latency.runs.append(time.perf_counter() - began)
        except Exception as exc:  # noqa: BLE001 - a failing saved query is a row in the table, not the end of the run
            latency.note = f"error: {exc}"[:80]
        results[name] = latency
    return results


def oxigraph_latencies(store_dir: Path, queries: dict[str, str], repeats: int) -> dict[str, Latency]:
    """Through our store, as the product queries: its default graph, the merge of the named graphs."""
    with open_store(str(store_dir), read_only=True) as store:
        return _latencies(store.query, queries, repeats)


def child_latencies(
    engine: str, data: Path, queries: dict[str, str], repeats: int, load_cap: float, query_cap: float
) -> tuple[str, dict[str, Latency]]:
    """An engine of `engine_worker` in a child process: rdflib in memory, or the
    store read as versions before the merge read it (Oxigraph's union of the
    named graphs, a bag in which a triple restated in n documents' graphs
    matches n times). A query past its cap is stopped ("did not finish") and a
    new child (loading the graph again) takes the rest."""
    results = {name: Latency(note=f"did not finish in {query_cap:.0f} s") for name in queries}
    load = f"did not load in {load_cap:.0f} s"
    remaining = list(queries)
    while remaining:
        loaded, answered = _child(engine, data, {name: queries[name] for name in remaining}, repeats, load_cap, query_cap)
        if loaded is None:
            break
        load = f"{loaded:.1f} s"
        results.update(answered)
        remaining = [name for name in remaining if name not in answered][1:]  # the first unanswered one ran out of time
    return load, results


def _child(
    engine: str, data: Path, queries: dict[str, str], repeats: int, load_cap: float, query_cap: float
) -> tuple[float | None, dict[str, Latency]]:
    """One child's run: its load time (None if it did not load in time) and the queries it answered in order."""
    job = json.dumps({"engine": engine, "data": str(data), "queries": queries, "repeats": repeats, "cap": query_cap})
    child = subprocess.Popen([sys.executable, str(ENGINE_WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(job)
    child.stdin.close()
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    loaded: float | None = None
    answered: dict[str, Latency] = {}
    try:
        for _ in range(len(queries) + 1):
            if not selector.select(timeout=load_cap if loaded is None else query_cap):
                break
            line = child.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            if "loaded" in message:
                loaded = message["loaded"]
            else:
                answered[message["name"]] = Latency(message["runs"], message["rows"])
    finally:
        child.kill()
        child.wait()
        selector.close()
    return loaded, answered


def build_store(nquads: Path, folder: Path) -> tuple[float, float]:
    """Bulk-load the named graphs, then let the product build its merge: the seconds each took."""
    began = time.perf_counter()
    raw = pyoxigraph.Store(str(folder))
    raw.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    del raw  # closes RocksDB so that our store can open it
    loaded = time.perf_counter()
    with open_store(str(folder)) as store:
        store.merge()
    raw = pyoxigraph.Store(str(folder))
    raw.optimize()
    del raw
    return loaded - began, time.perf_counter() - loaded


def run(sizes: list[int], repeats: int, rdflib_load_cap: float, rdflib_query_cap: float) -> str:
    queries = saved_queries()
    rows, notes = [], []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            raw, data = Path(tmp) / "synthetic.nq", Path(tmp) / "graph.nq"
            began = time.perf_counter()
            quads = synth.write(size, raw)
            generated = time.perf_counter() - began
            loaded, merging = build_store(raw, Path(tmp) / "store")
            with open_store(str(Path(tmp) / "store"), read_only=True) as store, data.open("wb") as out:
                store.export(out, pyoxigraph.RdfFormat.N_QUADS, include_system=True)  # what rdflib gets: the same graphs, name keys included
            ours = oxigraph_latencies(Path(tmp) / "store", queries, repeats)
            _, union = child_latencies("union", Path(tmp) / "store", queries, repeats, rdflib_load_cap, rdflib_query_cap)
            rdflib_load, theirs = child_latencies("rdflib", data, queries, max(3, repeats // 4), rdflib_load_cap, rdflib_query_cap)
        notes.append(f"{quads:,} quads: generated in {generated:.1f} s, Oxigraph bulk load {loaded:.1f} s "
                     f"and merge {merging:.1f} s, rdflib load {rdflib_load}")  # fmt: skip
        for name in queries:
            a, b, c = ours[name], theirs[name], union[name]
            fast = bool(a.runs) and median(a.runs) * 1000 <= TARGET_MS
            ten_x = bool(a.runs and b.runs) and median(b.runs) >= 10 * median(a.runs)
            same = "" if b.rows is None or a.rows == b.rows else f" (rdflib: {b.rows})"
            rows.append(
                (
                    f"{quads:,}", name, f"{a.rows}{same}", a.cell(), b.cell(),
                    ratio(median(b.runs), median(a.runs)) if a.runs and b.runs else "",
                    "yes" if fast else "no", "yes" if ten_x else ("n/a" if not b.runs else "no"),
                    f"{c.cell()} ({c.rows} rows)",
                )
            )  # fmt: skip
    header = ("quads", "query", "rows", "Oxigraph on disk ms", "rdflib in memory ms", "speed-up", f"<= {TARGET_MS} ms", ">= 10x",
              "before: Oxigraph's union of the graphs ms")  # fmt: skip
    title = "Queries: median latency of the saved queries (queries/*.rq) on synthetic graphs"
    return table(title, header, rows) + "\n" + "\n".join(f"- {note}" for note in notes) + "\n"
