"""SHACL validation of the stored graph against ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from beleidsgraaf import ontology
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ontology import iris


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


def _data_graph(store: GraphStore) -> rdflib.Graph:
    """The union of every graph but the system graph, as rdflib reads it."""
    quads = (q for q in store.quads() if q.graph_name != iris.SYSTEM_GRAPH)
    triples = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads}
    graph = rdflib.Graph()
    graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    for name in ontology.ONTOLOGY_FILES:
        graph.parse(data=ontology.read(name), format="turtle")
    return graph


def validate(store: GraphStore) -> Report:
    data = _data_graph(store)
    shapes = rdflib.Graph().parse(data=ontology.read(ontology.SHAPES_FILE), format="turtle")
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = tuple(
        sorted(
            Violation(
                focus=str(results.value(r, SH.focusNode)),
                path=str(results.value(r, SH.resultPath) or ""),
                message=str(results.value(r, SH.resultMessage) or ""),
                severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
            for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
        )
    )
    return Report(conforms=bool(conforms), violations=violations, triples=len(data))
