"""Benchmarks (not tests): ingest speed and memory against bare PDF readers,
query latency on synthetic graphs against rdflib, map rendering in Chromium.

Run `make bench` or `python -m bench [--quick]` from the repository root;
`python -m bench --help` lists the options. Each part prints a table; the
run ends with the machine it ran on.
"""
