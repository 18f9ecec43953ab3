"""How long the graph analytics take on a synthetic corpus of a given size.

    .venv/bin/python bench/network.py --documents 1000 [--seed 1]

Builds a store of `documents` letters (one named graph each, with ingest
bookkeeping), each from one of 40 bodies, mentioning 8 of `documents` × 2
projects and stating 3 project relations with evidence; then times the
projection and every analysis once, as the CLI would run them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pyoxigraph import Literal, Quad

from beleidsgraaf.graph import analysis, changes
from beleidsgraaf.graph.build import literal
from beleidsgraaf.graph.network import load_network
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.ontology import iris
from beleidsgraaf.ontology.iris import term

_RELATIONS = ("bg:partOf", "bg:succeeds", "bg:followedBy", "bg:buildingBlockFor", "bg:inputFor", "bg:alignsWith")
_BATCH = 200  # documents per update
T = TypeVar("T")


def _document(number: int, projects: int, rng: random.Random) -> tuple[list[Quad], list[Quad]]:
    key = f"doc/{number:016x}"
    graph, doc = iris.graph(key), iris.entity(key)
    triples = [
        (doc, term("rdf:type"), term("bg:Raadsinformatiebrief")),
        (doc, term("rdfs:label"), Literal(f"brief-{number}.pdf")),
        (doc, term("bg:fileName"), Literal(f"brief-{number}.pdf")),
        (doc, term("dcterms:date"), literal(dt.date(2020, 1, 1) + dt.timedelta(days=number % 2000))),
        (doc, term("dcterms:creator"), iris.entity(f"org/body-{rng.randrange(40)}")),
    ]
    named = rng.sample(range(projects), 8)
    for p in named:
        project = iris.entity(f"project/p{p}")
        triples += [(project, term("rdf:type"), term("bg:Project")), (project, term("rdfs:label"), Literal(f"Project {p}")),
                    (doc, term("bg:mentions"), project)]  # fmt: skip
    for index in range(3):
        subject, obj = iris.entity(f"project/p{named[index]}"), iris.entity(f"project/p{named[index + 3]}")
        predicate = term(rng.choice(_RELATIONS))
        evidence = iris.evidence(doc.value, subject.value, predicate.value, obj.value)
        quote = Literal(f"Zin {index} van brief {number}.")
        triples += [(subject, predicate, obj), (evidence, term("rdf:type"), term("bg:Evidence")),
                    (evidence, term("rdf:subject"), subject), (evidence, term("rdf:predicate"), predicate),
                    (evidence, term("rdf:object"), obj), (evidence, term("prov:wasDerivedFrom"), doc),
                    (evidence, term("bg:page"), literal(1 + index)), (evidence, term("bg:quote"), quote)]  # fmt: skip
    ingested = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=number)
    system = [Quad(doc, term("bg:ingestedAt"), literal(ingested), iris.SYSTEM_GRAPH)]
    return [Quad(s, p, o, graph) for s, p, o in triples], system


def _bodies() -> list[Quad]:
    graph = iris.LINK_GRAPH
    return [q for b in range(40) for q in (
        Quad(iris.entity(f"org/body-{b}"), term("rdf:type"), term("bg:College"), graph),
        Quad(iris.entity(f"org/body-{b}"), term("rdfs:label"), Literal(f"college {b}"), graph))]  # fmt: skip


def _timed(label: str, run: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = run()
    print(f"{label:<28} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "store")
        start = time.perf_counter()
        with open_store(location) as store:
            for first in range(0, args.documents, _BATCH):
                quads = _bodies() if first == 0 else []
                for number in range(first, min(first + _BATCH, args.documents)):
                    document, system = _document(number, args.documents * 2, rng)
                    quads += document + system
                store.add(quads)
            print(f"{'store filled':<28} {time.perf_counter() - start:8.2f} s  ({sum(1 for _ in store.quads())} quads)")
        # Reopened read-only, as every analytics command opens it.
        with open_store(location, read_only=True) as store:
            network = _timed("load_network", lambda: load_network(store))
            print(f"{'':<28} {network.graph.number_of_nodes()} nodes, {network.graph.number_of_edges()} edges")
            top = _timed("hubs", lambda: analysis.hubs(network, top=20))
            _timed("clusters", lambda: analysis.clusters(network))
            _timed("connect (a project, top hub)", lambda: analysis.connect(network, "Project 1", top[0].node.iri))
            _timed("lineage (top hub)", lambda: analysis.lineage(network, top[0].node.iri))
            since = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
            _timed("changes --since", lambda: changes.changes_since(store, network, since))
            _timed("snapshot", lambda: changes.take_snapshot(network))

if __name__ == "__main__":
    main()
