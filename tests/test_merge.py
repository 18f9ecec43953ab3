"""The default graph holds the distinct merge of the document graphs and the
ontology, kept exact by every write: ingest, re-ingest, link, remove."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, Quad, QuerySolutions

from beleidsgraaf.graph.store import GraphStore, open_store
from beleidsgraaf.ontology import iris
from tests.conftest import Run
from tests.graphs import trig_store
from tests.pdfs import write_pdf

TWO_LETTERS = """
@prefix bg: <https://w3id.org/beleidsgraaf/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@base <https://w3id.org/beleidsgraaf/id/> .
<../graph/doc/a> { <project/ros> a bg:Project ; rdfs:label "ROS" . <doc/a> bg:mentions <project/ros> . }
<../graph/doc/b> { <project/ros> a bg:Project ; rdfs:label "ROS" . <doc/b> bg:mentions <project/ros> . }
"""


def _triples(quads: object) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}  # type: ignore[attr-defined]


def assert_exact_merge(location: Path) -> None:
    """The default graph is exactly the set of triples of the document and ontology graphs."""
    database = pyoxigraph.Store.read_only(str(location))
    named = [q for q in database if not isinstance(q.graph_name, DefaultGraph) and q.graph_name != iris.SYSTEM_GRAPH]
    merged = database.quads_for_pattern(None, None, None, DefaultGraph())
    assert _triples(merged) == _triples(named)
    del database


def _count(store: GraphStore, sparql: str) -> int:
    rows = store.query(iris.sparql_prefixes() + sparql)
    assert isinstance(rows, QuerySolutions)
    return len(list(rows))


def test_a_fact_two_letters_state_matches_once_and_graph_tells_who_said_it(tmp_path: Path) -> None:
    location = trig_store(tmp_path / "store", TWO_LETTERS)
    with open_store(str(location), read_only=True) as store:
        assert _count(store, "SELECT ?p WHERE { ?p a bg:Project }") == 1
        assert _count(store, "SELECT ?g WHERE { GRAPH ?g { ?p a bg:Project } }") == 2
    assert_exact_merge(location)


def test_removing_one_letter_keeps_what_the_other_still_says(tmp_path: Path) -> None:
    location = trig_store(tmp_path / "store", TWO_LETTERS)
    with open_store(str(location)) as store:
        store.remove_documents(["doc/a"])
        assert _count(store, "SELECT ?p WHERE { ?p a bg:Project }") == 1
        assert _count(store, "SELECT ?d WHERE { ?d bg:mentions ?p }") == 1
        store.remove_documents(["doc/b"])
        assert _count(store, "SELECT ?p WHERE { ?p a bg:Project }") == 0
    assert_exact_merge(location)


def test_ingest_link_reingest_and_remove_keep_the_merge_exact(cli: Run, writable_store: Path, samples: Path, tmp_path: Path) -> None:
    assert_exact_merge(writable_store)  # after the seeds' ingest and the linking pass
    letters = tmp_path / "letters"
    letters.mkdir()
    shutil.copy(samples / "000_d65a6cbb5493415a.pdf", letters / "ros.pdf")
    cli("ingest", letters, "--store", writable_store)  # the same bytes again: unchanged
    write_pdf(letters / "ros.pdf", [["Raadsinformatiebrief", "De ROS Twente is een vervolg op de RSIA."]])
    cli("ingest", letters, "--store", writable_store)  # the same path, new bytes: replaces its graph
    assert_exact_merge(writable_store)
    cli("remove", samples / "004_690b807fc9c0a54b.pdf", "--store", writable_store)
    assert_exact_merge(writable_store)


def test_a_store_without_the_merge_is_read_through_the_union_and_merged_by_its_next_write(tmp_path: Path) -> None:
    location = tmp_path / "old"
    database = pyoxigraph.Store(str(location))  # as an older version wrote it: named graphs only
    database.extend(pyoxigraph.parse(TWO_LETTERS.encode(), pyoxigraph.RdfFormat.TRIG))
    del database
    with open_store(str(location), read_only=True) as store:
        assert not store.is_merged()
        assert _count(store, "SELECT DISTINCT ?p WHERE { ?p a bg:Project }") == 1
    with open_store(str(location)) as store:
        store.add([Quad(iris.entity("project/rsia"), iris.term("rdf:type"), iris.term("bg:Project"), iris.graph("doc/c"))])
        assert store.is_merged()
        assert _count(store, "SELECT ?p WHERE { ?p a bg:Project }") == 2
    assert_exact_merge(location)
