"""Counts that describe a store: documents, nodes per class, relations, evidence."""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QuerySolutions

from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ontology import iris


@dataclass(frozen=True)
class Stats:
    documents: int
    quads: int
    classes: tuple[tuple[str, int], ...]
    relations: tuple[tuple[str, int], ...]
    evidence: int


def _rows(store: GraphStore, sparql: str) -> list[tuple[str, int]]:
    result = store.query(iris.sparql_prefixes() + sparql)
    assert isinstance(result, QuerySolutions)
    return [(row[0].value, int(row[1].value)) for row in result]


def stats(store: GraphStore) -> Stats:
    classes = _rows(
        store,
        f"""SELECT ?class (COUNT(DISTINCT ?node) AS ?n) WHERE {{
              ?node a ?class . FILTER(STRSTARTS(STR(?node), "{iris.ID}"))
            }} GROUP BY ?class ORDER BY DESC(?n) ?class""",
    )
    relations = _rows(
        store,
        """SELECT ?p (COUNT(*) AS ?n) WHERE {
              { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . ?p rdfs:subPropertyOf* bg:related . } }
            } GROUP BY ?p ORDER BY DESC(?n) ?p""",
    )
    documents = _rows(store, "SELECT (1 AS ?x) (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d bg:sha256 ?sha }")
    evidence = _rows(store, "SELECT (1 AS ?x) (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a bg:Evidence }")
    return Stats(
        documents=documents[0][1],
        quads=sum(1 for _ in store.quads()),
        classes=tuple((iris.curie(c), n) for c, n in classes),
        relations=tuple((iris.curie(p), n) for p, n in relations),
        evidence=evidence[0][1],
    )
