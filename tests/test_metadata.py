"""A document's own metadata, from letters written for these tests."""
from __future__ import annotations

import datetime as dt

from beleidsgraaf.ingest.clean import clean_pages
from beleidsgraaf.ingest.metadata import Metadata, read_metadata
from beleidsgraaf.ingest.model import Page
from beleidsgraaf.ingest.spans import split_spans

FILLER = "Deze regel is lang genoeg om als volle regel van de brief te tellen in de test."


def meta(*pages: str) -> Metadata:
    clean = clean_pages([Page(i + 1, text) for i, text in enumerate(pages)])
    return read_metadata(clean.text, split_spans(clean), "doc/test")


def facts(m: Metadata, predicate: str) -> list[object]:
    return [s.object for s in m.statements if s.subject == "doc/test" and s.predicate == predicate]


def test_college_letter_to_the_raad_with_signature() -> None:
    m = meta(
        "Geachte leden van de raad,\n"
        f"{FILLER}\n"
        "Met deze brief informeren wij u over de voortgang.\n"
        "Met vriendelijke groet,\n"
        "Burgemeester en wethouders van Almelo,\n"
        "de secretaris, de burgemeester,\n"
        "(J. Jansen) (A. de Vries)"
    )
    assert facts(m, "dcterms:creator") == ["org/gm0141/college"]
    assert facts(m, "bg:addressee") == ["org/gm0141/raad"]
    assert facts(m, "rdf:type") == ["bg:Raadsinformatiebrief"]
    assert sorted(facts(m, "bg:signedBy")) == ["person/a-de-vries", "person/j-jansen"]
    roles = {s.subject: s.object for s in m.statements if s.predicate == "bg:role"}
    assert roles == {"person/j-jansen": "secretaris", "person/a-de-vries": "burgemeester"}


def test_gemeente_known_only_from_an_adjective_and_we_as_the_college() -> None:
    m = meta(
        "Geachte leden van de gemeenteraad,\n"
        "Datum: 3 februari 2025\n"
        "In onze collegevergadering van 28 januari jl. hebben wij het plan besproken.\n"
        f"{FILLER}\n"
        "Dit past binnen de Zwolse omgevingsvisie en het beleid van de regio."
    )
    assert m.home is not None and m.home.code == "gm0193"
    assert facts(m, "dcterms:creator") == ["org/gm0193/college"]
    assert facts(m, "bg:addressee") == ["org/gm0193/raad"]
    assert facts(m, "dcterms:date") == [dt.date(2025, 2, 3)]


def test_provincial_letter_to_a_college_from_letterhead_and_signature() -> None:
    m = meta(
        "Gemeente Deventer\nPostbus 5000\n7400 GC Deventer\n"
        "Provincie Overijssel\nLuttenbergstraat 2\nTelefoon 038 499 88 99\nwww.overijssel.nl\n"
        "Datum\n06.12.2022\nOnderwerp: reactie op uw zienswijze\n"
        "Geacht college,\n"
        f"{FILLER}\n"
        "Gedeputeerde Staten van Overijssel,\nvoorzitter\nA.B. PIETERSEN\nsecretaris\nC. KLAASEN"
    )
    assert facts(m, "dcterms:creator") == ["org/pv23/gs"]
    assert facts(m, "bg:addressee") == ["org/gm0150/college"]
    assert facts(m, "dcterms:date") == [dt.date(2022, 12, 6)]
    assert m.title == "reactie op uw zienswijze"
    names = {e.label for e in m.entities if e.key.startswith("person/")}
    assert names == {"A.B. Pietersen", "C. Klaasen"}


def test_document_type_from_the_title_not_from_the_body() -> None:
    besluitenlijst = meta("Besluitenlijst Openbaar B&W-vergadering Leiden\nDatum 28-06-2022\n1 Opening\n2 Mededelingen")
    assert facts(besluitenlijst, "rdf:type") == ["bg:Besluitenlijst"]
    assert facts(besluitenlijst, "dcterms:creator") == ["org/gm0546/college"]
    assert facts(besluitenlijst, "dcterms:date") == [dt.date(2022, 6, 28)]
    letter = meta("Geachte leden van de raad,\nMet deze brief sturen wij u het plan van aanpak.\n" + FILLER)
    assert facts(letter, "rdf:type") != ["bg:PlanVanAanpak"]


def test_press_release_with_place_and_date_line() -> None:
    m = meta("P E R S B E R I C H T\nArnhem, 12 oktober 2023\nDe provincie Gelderland gaat aan de slag.")
    assert facts(m, "rdf:type") == ["bg:Persbericht"]
    assert facts(m, "dcterms:date") == [dt.date(2023, 10, 12)]


def test_every_metadata_statement_about_the_document_cites_a_sentence() -> None:
    m = meta("Geachte leden van de raad,\n" + FILLER + "\nBurgemeester en wethouders van Hengelo,\nde burgemeester,\n(S. Smit)")
    cited = [s for s in m.statements if s.subject == "doc/test" and s.predicate != "dcterms:title"]
    assert cited and all(s.evidence and s.evidence.quote and s.evidence.page == 1 for s in cited)


def test_statenbrief_with_name_and_role_on_one_line() -> None:
    m = meta(
        "Aan Provinciale Staten van Gelderland\nDatum 12 maart 2024\nOnderwerp: voortgang energiestrategie\n"
        "Geachte Statenleden,\n" + FILLER + "\n"
        "Gedeputeerde Staten van Gelderland,\nJ.C. Berends, voorzitter\nM. de Vries, secretaris"
    )
    assert facts(m, "dcterms:creator") == ["org/pv25/gs"]
    assert facts(m, "bg:addressee") == ["org/pv25/staten"]
    assert facts(m, "rdf:type") == ["bg:Statenbrief"]
    roles = {e.label: s.object for e in m.entities for s in m.statements if s.subject == e.key and s.predicate == "bg:role"}
    assert roles == {"J.C. Berends": "voorzitter", "M. de Vries": "secretaris"}
