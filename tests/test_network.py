"""The networkx projection of a known graph (tests/fixtures/network.trig): nodes,
kinds, names, relations with evidence, name resolution, GraphML/GEXF export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.network import AmbiguousNameError, Network, UnknownNameError, load_network, write_network
from beleidsgraaf.graph.store import open_store
from tests.graphs import NETWORK_TRIG, iri, trig_store


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Network:
    location = trig_store(tmp_path_factory.mktemp("network") / "store", NETWORK_TRIG.read_text())
    with open_store(str(location), read_only=True) as store:
        return load_network(store)


def test_nodes_are_the_instances_with_their_kind(network: Network) -> None:
    kinds = {node: data["kind"] for node, data in network.graph.nodes(data=True)}
    assert len(kinds) == 22  # every typed instance, no evidence nodes
    assert not any("/evidence/" in node for node in kinds)
    assert kinds[iri("project/ros")] == "project"  # a Project and a Strategie: the project names it
    assert kinds[iri("doc/omgevingsvisie-enschede")] == "document"  # bg:Omgevingsvisie ⊑ bg:Document
    assert kinds[iri("org/gm0153/raad")] == "body"
    assert kinds[iri("decision/uitvoeringsagenda-vastgesteld")] == "decision"
    assert kinds[iri("meeting/commissie-ruimte-2026-06-15")] == "meeting"
    assert kinds[iri("person/noel-wessels")] == "person"


def test_node_attributes_collect_names_dates_and_documents(network: Network) -> None:
    ros = network.graph.nodes[iri("project/ros")]
    assert ros["label"] == "ROS Twente"
    assert ros["aliases"] == ("ROS", "Regionale Ontwikkel Strategie Twente", "Ruimtelijke Ontwikkelstrategie Twente")
    assert ros["classes"] == ("bg:Project", "bg:Strategie")
    assert ros["date"] == "2025-12-01"
    assert ros["graphs"] == (
        "https://w3id.org/beleidsgraaf/graph/doc/brief-a",
        "https://w3id.org/beleidsgraaf/graph/doc/brief-b",
    )
    letter = network.graph.nodes[iri("doc/brief-a")]
    assert (letter["file_name"], letter["date"]) == ("brief-a.pdf", "2025-05-20")
    assert network.graph.nodes[iri("decision/uitvoeringsagenda-vastgesteld")]["date"] == "2026-07-01"  # bg:decisionDate
    assert network.graph.nodes[iri("meeting/commissie-ruimte-2026-06-15")]["date"] == "2026-06-15"  # bg:date


def test_edges_are_relations_keyed_by_predicate_with_evidence(network: Network) -> None:
    graph = network.graph
    assert graph.number_of_edges() == 28
    edge = graph[iri("project/she")][iri("project/ros")]["bg:partOf"]
    assert edge["label"] == "is onderdeel van"
    [evidence] = edge["evidence"]
    assert (evidence.file_name, evidence.page, evidence.quote) == (
        "brief-a.pdf",
        3,
        "SHE is een sleutelproject binnen de ROS Twente.",
    )
    assert evidence.cite() == "brief-a.pdf, p. 3: 'SHE is een sleutelproject binnen de ROS Twente.'"
    assert evidence.cite(limit=12) == "brief-a.pdf, p. 3: 'SHE is een…'"
    # Parallel relations between the same two nodes stay apart.
    assert set(graph[iri("doc/brief-a")][iri("project/ros")]) == {"bg:mentions", "bg:about"}
    assert graph[iri("doc/brief-a")][iri("project/ros")]["bg:mentions"]["evidence"] == ()


def test_an_inverse_property_is_turned_round_with_its_evidence(network: Network) -> None:
    # The fixture says ROS bg:hasPart Kennispark; owl:inverseOf makes it Kennispark bg:partOf ROS.
    graph = network.graph
    assert not graph.has_edge(iri("project/ros"), iri("project/kennispark"))
    edge = graph[iri("project/kennispark")][iri("project/ros")]["bg:partOf"]
    assert [e.quote for e in edge["evidence"]] == ["Het Kennispark Twente is onderdeel van de ROS."]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ROS", "project/ros"),
        ("ros twente", "project/ros"),
        ("Regionale ontwikkel-strategie  TWENTE", "project/ros"),  # punctuation and spacing do not matter
        ("Noel Wessels", "person/noel-wessels"),  # nor accents
        ("NOËL WESSELS", "person/noel-wessels"),
        ("bgid:project/she", "project/she"),
        ("https://w3id.org/beleidsgraaf/id/project/rsia", "project/rsia"),
        ("Enschede", "org/gm0153"),
    ],
)
def test_resolve_by_any_name(network: Network, name: str, key: str) -> None:
    assert network.resolve(name) == iri(key)


def test_an_ambiguous_name_lists_its_candidates(network: Network) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        network.resolve("Agenda ROS")
    assert [c.label for c in caught.value.candidates] == [
        "Investeringsagenda ROS Twente",
        "Uitvoeringsagenda ROS Twente",
    ]
    assert isinstance(caught.value, UsageError)
    assert str(caught.value) == (
        "'Agenda ROS' is dubbelzinnig, dat kan zijn: Investeringsagenda ROS Twente (document, bgid:doc/investeringsagenda); "
        "Uitvoeringsagenda ROS Twente (document, bgid:doc/uitvoeringsagenda) (geef een preciezere naam of de IRI)"
    )


def test_an_unknown_name_suggests_close_ones(network: Network) -> None:
    with pytest.raises(UnknownNameError, match=r"^'Spoorzone': geen .* heet zo$"):
        network.resolve("Spoorzone")
    with pytest.raises(UnknownNameError) as caught:
        network.resolve("Kennispark Twent")
    assert caught.value.suggestions == ("Kennispark Twente",)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_reads_back_with_the_same_nodes_edges_and_attributes(
    network: Network, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"net{suffix}"
    assert write_network(network, path) == (22, 28)
    read = nx.read_graphml(path, force_multigraph=True) if suffix == ".graphml" else nx.read_gexf(path)
    assert read.is_multigraph() and read.is_directed()
    assert (read.number_of_nodes(), read.number_of_edges()) == (22, 28)
    assert set(read.nodes) == set(network.graph.nodes)
    ros = read.nodes[iri("project/ros")]
    assert (ros["label"], ros["kind"], ros["date"]) == ("ROS Twente", "project", "2025-12-01")
    assert ros["aliases"] == "ROS | Regionale Ontwikkel Strategie Twente | Ruimtelijke Ontwikkelstrategie Twente"
    assert read.nodes[iri("project/she")]["date"] == ""  # no date: an empty string, not a missing attribute
    [succeeds] = [d for d in read[iri("project/ros")][iri("project/rsia")].values()]
    assert succeeds["predicate"] == "bg:succeeds" and succeeds["label"] == "is een vervolg op"
    assert (succeeds["evidence"], succeeds["quote"], str(succeeds["page"]), succeeds["document"]) == (
        1, "De ROS Twente is een vervolg op de RSIA.", "1", "brief-a.pdf")  # fmt: skip
    parallel = read[iri("doc/brief-a")][iri("project/ros")]
    assert sorted(d["predicate"] for d in parallel.values()) == ["bg:about", "bg:mentions"]
    predicates = sorted(d["predicate"] for _, _, d in read.edges(data=True))
    assert predicates == sorted(d["predicate"] for _, _, d in network.graph.edges(data=True))


def test_export_refuses_an_unknown_format(network: Network, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^net\.dot: onbekend formaat \(gebruik \.graphml of \.gexf\)$"):
        write_network(network, tmp_path / "net.dot")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_drops_characters_xml_cannot_hold(tmp_path: Path, suffix: str) -> None:
    location = trig_store(
        tmp_path / "store",
        r"""
        PREFIX bg: <https://w3id.org/beleidsgraaf/def#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        BASE <https://w3id.org/beleidsgraaf/id/>
        <https://w3id.org/beleidsgraaf/graph/doc/x> {
          <project/a> a bg:Project ; rdfs:label "A\u000Bkwartier" ; bg:partOf <project/b> .
          <project/b> a bg:Project ; rdfs:label "B" .
          <evidence/x> a bg:Evidence ; rdf:subject <project/a> ; rdf:predicate bg:partOf ; rdf:object <project/b> ;
              prov:wasDerivedFrom <doc/x> ; bg:page 2 ; bg:quote "Eerst A,\u000Cdaarna B." .
        }""",
    )
    with open_store(str(location), read_only=True) as store:
        network = load_network(store)
    path = tmp_path / f"x{suffix}"
    write_network(network, path)
    read = nx.read_graphml(path, force_multigraph=True) if suffix == ".graphml" else nx.read_gexf(path)
    assert read.nodes[iri("project/a")]["label"] == "Akwartier"
    [edge] = [data for _, _, data in read.edges(data=True)]
    assert (edge["quote"], str(edge["page"]), edge["document"]) == ("Eerst A,daarna B.", "2", "bgid:doc/x")
