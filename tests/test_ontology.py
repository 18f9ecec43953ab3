"""The ontology implements the contract; the reference data matches TOOI."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from beleidsgraaf import ontology
from beleidsgraaf.ontology import tooi

BG = rdflib.Namespace("https://w3id.org/beleidsgraaf/def#")


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in ontology.ONTOLOGY_FILES:
        graph.parse(data=ontology.read(name), format="turtle")
    return graph


def contract_terms(shared: Path) -> set[str]:
    text = (shared / "contract.md").read_text(encoding="utf-8")
    return set(re.findall(r"`bg:([A-Za-z]+)`", text))


def test_every_contract_term_is_defined_with_dutch_and_english_labels(onto: rdflib.Graph, shared: Path) -> None:
    for name in sorted(contract_terms(shared)):
        node = BG[name]
        assert (node, RDF.type, None) in onto, f"bg:{name} is not defined"
        languages = {label.language for label in onto.objects(node, RDFS.label)}
        assert {"nl", "en"} <= languages, f"bg:{name} lacks a Dutch or English label"


def test_document_and_body_subclasses_reach_their_root(onto: rdflib.Graph) -> None:
    def ancestors(cls: rdflib.URIRef) -> set[rdflib.URIRef]:
        return set(onto.transitive_objects(cls, RDFS.subClassOf))

    assert BG.Document in ancestors(BG.Raadsinformatiebrief)
    assert BG.Body in ancestors(BG.GedeputeerdeStaten)
    assert BG.Body in ancestors(BG.Gemeenteraad)
    assert (BG.succeededBy, OWL.inverseOf, BG.succeeds) in onto


def test_every_document_type_names_a_class_of_the_ontology(onto: rdflib.Graph) -> None:
    classes = set(onto.objects(None, BG.documentClass))
    assert len(classes) >= 15
    for cls in classes:
        assert BG.Document in set(onto.transitive_objects(cls, RDFS.subClassOf)), cls


def test_shapes_parse_and_target_contract_classes() -> None:
    shapes = rdflib.Graph().parse(data=ontology.read(ontology.SHAPES_FILE), format="turtle")
    targets = set(shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {BG.Decision, BG.Evidence, BG.Meeting} <= targets


def test_reference_data_counts() -> None:
    current = [o for o in tooi.organisations() if o.current]
    count = lambda kind: sum(o.kind == kind for o in current)  # noqa: E731
    assert (count("gemeente"), count("provincie"), count("waterschap")) == (342, 12, 21)
    assert tooi.by_code()["gm0153"].name == "Enschede" and tooi.by_code()["gm0153"].province == "pv23"
    assert tooi.by_code()["ws0663"].name == "Vechtstromen"


def test_merged_gemeenten_point_to_their_successor() -> None:
    appingedam = tooi.by_code()["gm0003"]
    assert not appingedam.current and appingedam.successors == ("gm1979",)
    assert tooi.by_code()["gm1979"].name == "Eemsdelta"


def test_shipped_reference_data_is_what_the_tooi_lists_give(shared: Path) -> None:
    assert tooi.build(shared / "reference" / "tooi") == list(tooi.organisations())
