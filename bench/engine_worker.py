"""One query engine on one graph, in its own process (run as a script).

Reads {"engine": "rdflib" | "union", "data": path, "queries": {name: sparql},
"repeats": n, "cap": seconds} on stdin; prints one JSON line when loaded and
one per query, so the parent can stop it (and report "did not finish") when a
query runs past its time cap. A query whose first run takes long gets fewer
repeats.

- rdflib: rdflib's in-memory engine over the union of the N-Quads file at `data`.
- union: the Oxigraph store folder at `data`, read as versions before the
  merged default graph read it (Oxigraph's union of the named graphs).
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable


def _engine(name: str, data: str) -> Callable[[str], Iterable[object]]:
    if name == "rdflib":
        from rdflib import Dataset

        dataset = Dataset(default_union=True)
        dataset.parse(data, format="nquads")
        return dataset.query
    import pyoxigraph

    store = pyoxigraph.Store.read_only(data)
    return lambda sparql: store.query(sparql, use_default_graph_as_union=True)  # type: ignore[return-value]


def main() -> None:
    job = json.load(sys.stdin)
    started = time.perf_counter()
    query = _engine(job["engine"], job["data"])
    print(json.dumps({"loaded": time.perf_counter() - started}), flush=True)
    for name, sparql in job["queries"].items():
        runs: list[float] = []
        rows = 0
        while len(runs) < job["repeats"] and sum(runs) < job["cap"] / 2:
            began = time.perf_counter()
            rows = len(list(query(sparql)))
            runs.append(time.perf_counter() - began)
        print(json.dumps({"name": name, "runs": runs, "rows": rows}), flush=True)


if __name__ == "__main__":
    main()
