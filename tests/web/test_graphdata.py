"""Reading the graph for griffiers: nodes, Dutch relations, evidence, names, selection."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.web import graphdata
from beleidsgraaf.web.graphdata import Graph, Selection
from tests.web.conftest import KNOWN_EDGES, KNOWN_NODES, XSS


@pytest.fixture(scope="module")
def graph(known_store: Path) -> Graph:
    with open_store(str(known_store), read_only=True) as store:
        return graphdata.load(store)


def test_load_reads_every_node_and_relation(graph: Graph) -> None:
    assert len(graph.nodes) == KNOWN_NODES
    assert len(graph.edges) == KNOWN_EDGES
    kinds = {k.name: sum(1 for n in graph.nodes.values() if n.kind is k) for k in graphdata.KINDS}
    assert kinds == {"decision": 2, "meeting": 1, "project": 5, "body": 4, "person": 1, "document": 4}


def test_a_node_typed_project_and_document_is_a_project(graph: Graph) -> None:
    ros = graph.nodes["project/ros"]
    assert ros.kind.name == "project"
    assert ros.type_label == "project"
    assert graph.nodes["doc/brief1"].type_label == "raadsinformatiebrief"  # the ontology's Dutch label of its own class
    assert set(ros.aliases) == {"ROS Twente", "Ruimtelijke Ontwikkelstrategie Twente", "Regionale Ontwikkel Strategie Twente"}


def test_edges_carry_their_quotes_and_dutch_labels(graph: Graph) -> None:
    (edge,) = [e for e in graph.edges if e.predicate == "bg:succeeds"]
    assert (edge.source, edge.target, edge.label) == ("project/ros", "project/rsia", "is vervolg op")
    (quote,) = edge.quotes
    assert (quote.document, quote.document_label, quote.file_name, quote.page) == (
        "doc/brief1", "Raadsinformatiebrief ROS Twente", "brief-ros.pdf", 1)  # fmt: skip
    assert quote.text == "De ROS Twente is een vervolg op de RSIA."
    unquoted = [e for e in graph.edges if e.predicate == "bg:signedBy"]
    assert unquoted and unquoted[0].quotes == ()


def test_dates_of_documents_decisions_and_meetings(graph: Graph) -> None:
    assert graph.nodes["doc/brief1"].dates == ("2025-05-20",)
    assert graph.nodes["decision/ros-pva"].dates == ("2024-03-12",)
    assert graph.nodes["meeting/twenteraad-2025-06-12"].dates == ("2025-06-12",)
    assert graph.nodes["project/ros"].dates == ()


@pytest.mark.parametrize("query", ["ruimtelijke ontwikkelstrategie twente", "RUIMTELIJKE   Ontwikkelstratégie Twénte", "ROS", "ros-twente"])
def test_search_by_any_alias_forgives_case_and_accents(graph: Graph, query: str) -> None:
    assert graphdata.search(graph, query)[0].key == "project/ros"


def test_search_matches_word_starts_not_inner_letters(graph: Graph) -> None:
    found = {n.key for n in graphdata.search(graph, "ontwikkel")}
    assert "project/ros" in found
    assert not graphdata.search(graph, "ntwikkel")


def test_resolve_names_the_candidates_when_unknown_or_ambiguous(graph: Graph) -> None:
    assert graphdata.resolve(graph, "ros twente").key == "project/ros"
    both = r"meerdere knopen.*Omgevingsvisie Enschede \(omgevingsvisie\).*Vaststellen Omgevingsvisie Enschede \(besluit\)"
    with pytest.raises(UsageError, match=both):
        graphdata.resolve(graph, "omgevingsvisie enschede")
    with pytest.raises(UsageError, match=r"geen knoop heet 'Twente'; bedoelt u: .*ROS"):
        graphdata.resolve(graph, "Twente")
    with pytest.raises(UsageError, match="geen knoop heet 'Zwolle'"):
        graphdata.resolve(graph, "Zwolle")


def test_focus_and_hops(graph: Graph) -> None:
    one, focus = graphdata.select(graph, Selection(focus="ROS", hops=1))
    assert focus is not None and focus.key == "project/ros"
    assert len(one.nodes) == 9 and len(one.edges) == 8
    two, _ = graphdata.select(graph, Selection(focus="ROS", hops=2))
    assert len(two.nodes) == 16 and "org/gm0153" not in two.nodes


def test_types_relations_and_dates_filter(graph: Graph) -> None:
    projects, _ = graphdata.select(graph, Selection(kinds=graphdata.parse_kinds(["projecten"])))
    assert len(projects.nodes) == 5 and len(projects.edges) == 4
    part_of, _ = graphdata.select(graph, Selection(focus="SHE", hops=5, relations=graphdata.parse_relations(["onderdeel van"])))
    assert set(part_of.nodes) == {"project/she", "project/ros", "project/xss"}
    recent, _ = graphdata.select(graph, Selection(since=graphdata.parse_date("2025", "--since")))
    assert len(recent.nodes) == KNOWN_NODES - 4
    until, _ = graphdata.select(graph, Selection(until=graphdata.parse_date("2024-03", "--until")))
    assert {"decision/ros-pva", "doc/besluitenlijst"} <= set(until.nodes) and "doc/brief1" not in until.nodes


def test_bad_options_are_one_clear_line() -> None:
    with pytest.raises(UsageError, match="--types taart: onbekend"):
        graphdata.parse_kinds(["project,taart"])
    with pytest.raises(UsageError, match="--relations houdt van: onbekend"):
        graphdata.parse_relations(["houdt van"])
    with pytest.raises(UsageError, match="--since 2025-02-30: geen bestaande datum"):
        graphdata.parse_date("2025-02-30", "--since")
    with pytest.raises(UsageError, match="geen datum"):
        graphdata.parse_date("gisteren", "--until")


def test_labels_are_kept_verbatim_for_escaping_later(graph: Graph) -> None:
    assert graph.nodes["project/xss"].label == f"Wijkplan {XSS}"


def test_an_untitled_letter_is_named_by_type_and_date(tmp_path: Path) -> None:
    trig = """
    @prefix bg: <https://w3id.org/beleidsgraaf/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/beleidsgraaf/graph/doc/x> {
      <https://w3id.org/beleidsgraaf/id/doc/x> a bg:Document, bg:Raadsinformatiebrief ; rdfs:label "000_d65a.pdf" ;
        bg:fileName "000_d65a.pdf" ; dcterms:date "2025-06-03"^^xsd:date . }"""
    with open_store(str(tmp_path / "store")) as store:
        store.add(list(pyoxigraph.parse(trig.encode(), pyoxigraph.RdfFormat.TRIG)))
        store.install_ontology()
        node = graphdata.load(store).nodes["doc/x"]
    assert (node.label, node.aliases) == ("Raadsinformatiebrief 3 juni 2025", ("000_d65a.pdf",))
