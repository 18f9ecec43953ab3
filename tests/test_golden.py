"""The sample letters → graph: key facts, read back with SPARQL from the store."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph
import pytest

from beleidsgraaf.ontology.iris import sparql_prefixes


@pytest.fixture(scope="module")
def db(seed_store: Path) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str(seed_store))


def rows(db: pyoxigraph.Store, query: str) -> set[tuple[str, ...]]:
    return {tuple(term.value for term in row) for row in db.query(sparql_prefixes() + query, use_default_graph_as_union=True)}


def test_letter_metadata(db: pyoxigraph.Store, samples: Path) -> None:
    found = rows(db, """SELECT ?file ?pages ?sha ?type ?sender ?to WHERE {
        ?d bg:fileName ?file ; bg:pageCount ?pages ; bg:sha256 ?sha ; bg:documentType/skos:prefLabel ?type ;
           dcterms:creator/rdfs:label ?sender ; bg:addressee/rdfs:label ?to }""")
    expected = set()
    for pdf in sorted(samples.glob("*.pdf")):
        place = "Losser" if pdf.name.startswith("001") else "Enschede"
        pages = {"000": "3", "001": "2", "004": "4"}[pdf.name[:3]]
        expected.add((pdf.name, pages, hashlib.sha256(pdf.read_bytes()).hexdigest(), "raadsinformatiebrief",
                      f"college van burgemeester en wethouders van {place}", f"gemeenteraad van {place}"))  # fmt: skip
    assert found == expected


def test_signatories_with_roles(db: pyoxigraph.Store) -> None:
    found = rows(db, "SELECT DISTINCT ?file ?name ?role WHERE { ?d bg:fileName ?file ; bg:signedBy ?p . ?p foaf:name ?name ; bg:role ?role }")
    assert {(name, role) for _, name, role in found} == {("E.A. Smit", "loco-secretaris"), ("R.W. Bleker", "burgemeester")}
    assert {file[:3] for file, _, _ in found} == {"000", "004"}


def test_date_only_where_the_letter_gives_one(db: pyoxigraph.Store) -> None:
    assert rows(db, "SELECT ?file ?date WHERE { ?d bg:fileName ?file ; dcterms:date ?date }") == {("001_146b2ff20e8d62e0.pdf", "2025-05-20")}


def test_bodies_carry_tooi_identifiers(db: pyoxigraph.Store) -> None:
    found = rows(db, "SELECT DISTINCT ?code ?label WHERE { ?b bg:organisationCode ?code ; rdfs:label ?label ; a bg:Gemeente }")
    assert {("gm0153", "gemeente Enschede"), ("gm0164", "gemeente Hengelo"), ("gm0168", "gemeente Losser")} <= found
    assert rows(db, "SELECT ?o WHERE { ?r a bg:Gemeenteraad ; bg:organOf ?o . ?o bg:organisationCode 'gm0153' }")


def test_every_relation_has_its_quote_on_the_cited_page(db: pyoxigraph.Store, samples: Path) -> None:
    from beleidsgraaf.ingest.clean import clean_pages
    from beleidsgraaf.ingest.model import Page
    from beleidsgraaf.ingest.pdf import read_pages

    pages = {}
    for pdf in samples.glob("*.pdf"):
        clean = clean_pages([p for p in read_pages(pdf) if isinstance(p, Page)])
        starts = [*clean.page_starts, len(clean.text) + 1]
        pages[pdf.name] = [" ".join(clean.text[a:b].split()) for a, b in zip(starts, starts[1:])]
    evidence = rows(db, """SELECT ?file ?page ?quote WHERE {
        ?e a bg:Evidence ; bg:page ?page ; bg:quote ?quote ; prov:wasDerivedFrom/bg:fileName ?file }""")
    assert len(evidence) > 50
    for file, page, quote in evidence:
        assert quote in " ".join(pages[file][int(page) - 1 :]), (file, page, quote)
