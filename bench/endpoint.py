"""Latency of the SPARQL endpoint: `python bench/endpoint.py STORE [--requests N]`.

Starts `beleidsgraaf serve` on STORE (a folder or a SPARQL server address) on a free
local port, then times ASK and every saved query without parameters, N requests each."""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time

import httpx

from beleidsgraaf import queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "beleidsgraaf", "serve", "--store", args.store, "--port", str(port)])
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        with httpx.Client(timeout=60) as client:
            for _ in range(100):  # at most 10 s for the server to come up
                try:
                    client.get(url, params={"query": "ASK {}"})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            cases = [("ASK", "ASK { ?s ?p ?o }")] + [(q.name, q.text) for q in queries.catalogue() if not q.parameters]
            for name, text in cases:
                times = []
                for _ in range(args.requests):
                    start = time.perf_counter()
                    response = client.post(url, data={"query": text}, headers={"Accept": "text/csv"})
                    times.append((time.perf_counter() - start) * 1000)
                    response.raise_for_status()
                answer = response.text.strip() if name == "ASK" else f"{len(response.text.splitlines()) - 1} rows"
                print(f"{name:16} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms  {answer}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
