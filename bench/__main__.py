"""`python -m bench [--quick] [--baseline REF] [--parts ingest,queries,maps] [--out FILE]`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import ingest, maps, queries
from bench.report import load, machine

PARTS = ("ingest", "queries", "maps")


@dataclass(frozen=True)
class Plan:
    repeats: int
    query_sizes: list[int]
    query_repeats: int
    rdflib_load_cap: float
    rdflib_query_cap: float
    map_sizes: list[int]
    map_baseline_sizes: list[int]
    map_timeout: float


FULL = Plan(3, [10_000, 100_000, 1_000_000], 20, 150, 20, [100, 1_000, 5_000], [100, 1_000], 30)
QUICK = Plan(3, [10_000, 100_000], 10, 30, 5, [100, 1_000], [100], 15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus, graphs up to 100k quads, maps up to 1,000 nodes (about 2 minutes)")
    parser.add_argument("--repeats", type=int, help="ingest repeats (medians are taken over them)")
    parser.add_argument("--baseline", metavar="REF", help="also time ingest as of this git ref, side by side (e.g. main)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    parts = [p for p in args.parts.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    started, load_at_start = time.perf_counter(), load()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    sections: list[str] = []

    def emit(text: str) -> None:
        print(text, flush=True)
        sections.append(text)

    emit(f"## Run of `{command.strip()}`\n")
    if "ingest" in parts:
        emit(ingest.run(args.quick, args.repeats or plan.repeats, args.baseline))
    if "queries" in parts:
        emit(queries.run(plan.query_sizes, plan.query_repeats, plan.rdflib_load_cap, plan.rdflib_query_cap))
    if "maps" in parts:
        emit(maps.run(plan.map_sizes, plan.map_timeout, plan.map_baseline_sizes))
    emit(machine(when, load_at_start))
    emit(f"Whole run: {time.perf_counter() - started:.0f} s.\n")
    if args.out:
        args.out.write_text("\n".join(sections), encoding="utf-8")


if __name__ == "__main__":
    main()
