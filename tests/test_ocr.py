"""Scanned pages: OCR where the text layer is missing or garbage, never where it is good."""
from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from beleidsgraaf.graph.store import open_store
from beleidsgraaf.ingest import ocr
from beleidsgraaf.ingest.model import Page
from beleidsgraaf.ingest.pdf import read_pages
from beleidsgraaf.ontology import iris
from tests.conftest import Run
from tests.pdfs import write_image_pdf, write_pdf

LETTER = [
    "Gemeente Deventer",
    "Datum: 3 juni 2025",
    "Geachte leden van de raad,",
    "Met deze brief informeren wij u over de voortgang van het programma voor de binnenstad.",
    "Hoogachtend,",
    "Burgemeester en wethouders van Deventer,",
    "de secretaris, de burgemeester,",
    "(K. Mulder) (R. Koning)",
]


@pytest.mark.parametrize(
    ("text", "layer"),
    [
        ("", ocr.TextLayer.SPARSE),
        ("22", ocr.TextLayer.SPARSE),
        ("Pagina 4 van 120", ocr.TextLayer.SPARSE),
        ("(cid:12)(cid:13)(cid:14) (cid:15)(cid:16)" * 20, ocr.TextLayer.GARBAGE),
        ("Geachte (cid:3)(cid:4)(cid:5)(cid:6)(cid:7)(cid:8) raad", ocr.TextLayer.GARBAGE),
        ("\x01\x02\x03\x04\x05 \x06\x07\x08 abcdefghijklmnopq", ocr.TextLayer.GARBAGE),
        ("!\"#$%&'()*+,:;<=>? !\"#$%&'()*+ ~{}[]^" * 3, ocr.TextLayer.GARBAGE),
        ("Inleiding ......................... 5\nHoofdstuk 1 ...................... 7\n" * 5, ocr.TextLayer.USABLE),
        ("0.61 OZB Woningen 7.821.310 -273.005 7.548.305\n0.62 OZB Niet-Woningen 2.891.798\n", ocr.TextLayer.USABLE),
        ("\uf0b7 Geachte leden van de raad, hierbij informeren wij u.", ocr.TextLayer.USABLE),
    ],
)
def test_text_layers_are_classified(text: str, layer: ocr.TextLayer) -> None:
    assert ocr.classify(text) is layer


def test_a_statement_read_from_an_ocrd_page_is_marked_ocr(cli: Run, tmp_path: Path) -> None:
    scan = write_image_pdf(tmp_path / "scan.pdf", LETTER)
    store = tmp_path / "store"
    cli("ingest", scan, "--store", store)
    with open_store(str(store), read_only=True) as db:
        rows = db.query(
            iris.sparql_prefixes()
            + """SELECT ?p ?quote ?ocr ?pages WHERE {
                ?e a bg:Evidence ; rdf:predicate ?p ; bg:quote ?quote ; bg:ocr ?ocr ; prov:wasDerivedFrom ?doc .
                ?doc bg:ocrPages ?pages }"""
        )
        assert isinstance(rows, QuerySolutions)
        found = {(row["p"], row["quote"].value, row["ocr"].value, row["pages"].value) for row in rows}
    assert (iris.term("dcterms:date"), "Datum: 3 juni 2025", "true", "1") in found
    assert found and all(ocr_flag == "true" for _, _, ocr_flag, _ in found)


def test_no_ocr_leaves_a_scan_unread(cli: Run, tmp_path: Path) -> None:
    scan = write_image_pdf(tmp_path / "scan.pdf", LETTER)
    store = tmp_path / "store"
    cli("ingest", scan, "--store", store, "--no-ocr")
    with open_store(str(store), read_only=True) as db:
        asked = db.query(iris.sparql_prefixes() + "ASK { { ?e a bg:Evidence } UNION { ?d bg:ocrPages ?n } }")
        documents = db.documents()
    assert not bool(asked)
    assert [d.file_name for d in documents] == ["scan.pdf"]


def test_pages_with_a_good_text_layer_are_never_ocrd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared: Path) -> None:
    def fail(page: object) -> str:
        raise AssertionError("OCR was called on a page with a text layer")

    monkeypatch.setattr(ocr, "ocr_page", fail)
    letter = write_pdf(tmp_path / "brief.pdf", [LETTER, LETTER[2:]])
    files = [letter, *sorted((shared / "corpus" / "seeds").glob("*.pdf"))]
    pages = [page for path in files for page in read_pages(path)]
    assert len(pages) == 2 + 9
    assert all(isinstance(page, Page) and not page.ocr for page in pages)


def test_an_ocr_layer_under_a_scan_is_read_as_it_stands_and_marked_ocr(monkeypatch: pytest.MonkeyPatch, shared: Path) -> None:
    """The VWS scans carry an earlier OCR's invisible text: Dutch, kept, flagged."""
    monkeypatch.setattr(ocr, "ocr_page", lambda page: pytest.fail("re-OCR'd a page that has an OCR layer"))
    scans = sorted((shared / "corpus" / "scanned").glob("*OCRLAYER.pdf"))
    assert len(scans) == 3
    for scan in scans:
        pages = list(read_pages(scan))
        assert pages and all(isinstance(page, Page) and page.ocr for page in pages), scan.name
        text = " ".join(page.text for page in pages if isinstance(page, Page))
        assert "Ministerie van" in text and "Volksgezondheid" in text, scan.name
        assert sum(word in text.split() for word in ("de", "het", "van", "een", "en")) == 5, scan.name


def test_an_image_only_scan_yields_dutch_text(shared: Path) -> None:
    kaart = next((shared / "corpus" / "scanned").glob("*kaart*IMAGEONLY.pdf"))
    (page,) = list(read_pages(kaart))
    assert isinstance(page, Page) and page.ocr
    assert "Omgevingsverordening Overijssel" in page.text
    assert "windenergie" in page.text and "kaart" in page.text


def test_ocr_failure_costs_the_page_not_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)  # no tesseract on this machine
    scan = write_image_pdf(tmp_path / "scan.pdf", LETTER[:3])
    (page,) = list(read_pages(scan))
    assert not isinstance(page, Page)
    assert "tesseract is not installed" in page.message
