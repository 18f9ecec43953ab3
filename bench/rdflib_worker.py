"""rdflib's in-memory engine on one graph, in its own process (run as a script).

Reads {"data": N-Quads file, "queries": {name: sparql}, "repeats": n,
"cap": seconds} on stdin; prints one JSON line when loaded and one per query,
so the parent can stop it (and report "did not finish") when rdflib runs past
its time cap. A query whose first run takes long gets fewer repeats.
"""
from __future__ import annotations

import json
import sys
import time

from rdflib import Dataset


def main() -> None:
    job = json.load(sys.stdin)
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(job["data"], format="nquads")
    print(json.dumps({"loaded": time.perf_counter() - started}), flush=True)
    for name, sparql in job["queries"].items():
        runs: list[float] = []
        rows = 0
        while len(runs) < job["repeats"] and sum(runs) < job["cap"] / 2:
            began = time.perf_counter()
            rows = len(list(dataset.query(sparql)))
            runs.append(time.perf_counter() - began)
        print(json.dumps({"name": name, "runs": runs, "rows": rows}), flush=True)


if __name__ == "__main__":
    main()
