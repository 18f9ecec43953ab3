"""Fixtures for the griffier views: a store holding a known graph, a store with a
hostile letter ingested, a real headless Chromium, and `beleidsgraaf serve` on a free port.

The known graph is written here, per contract.md, so tests check exact
answers (17 nodes, 20 relations) without depending on relation extraction.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest

from beleidsgraaf.graph.store import open_store
from tests.conftest import Run
from tests.pdfs import write_pdf
from tests.servers import free_port, running

XSS = "</script><img src=x onerror=alert(1)>"
XSS_QUOTE = 'Het <b>Wijkplan</b> & "Zuid" is onderdeel van SHE </script><script>alert(2)</script>.'
KNOWN_NODES = 17
KNOWN_EDGES = 20

_PREFIXES = """
@prefix bg: <https://w3id.org/beleidsgraaf/def#> .
@prefix bgid: <https://w3id.org/beleidsgraaf/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# (subject, predicate, object, page, quote) of the statements the letters make.
_EVIDENCE = {
    "brief1": [
        ("project/ros", "bg:succeeds", "project/rsia", 1, "De ROS Twente is een vervolg op de RSIA."),
        ("doc/omgevingsvisie-enschede", "bg:buildingBlockFor", "project/ros", 1,
         "De Omgevingsvisie Enschede is een bouwsteen voor de Ruimtelijke Ontwikkelstrategie Twente."),
        ("doc/brief1", "dcterms:creator", "org/gm0153/college", 1, "In onze collegevergadering van 20 mei 2025 hebben wij ingestemd."),
        ("doc/brief1", "bg:addressee", "org/gm0153/raad", 1, "Geachte leden van de raad,"),
        ("project/she", "bg:partOf", "project/ros", 2, "SHE is een sleutelproject binnen de ROS."),
        ("project/ros", "bg:alignsWith", "project/npvr", 2, "De ROS sluit aan op het NPVR."),
        ("project/ros", "bg:followedBy", "doc/uitvoeringsagenda-ros", 2, "Daarna volgt de Uitvoeringsagenda ROS."),
        ("meeting/twenteraad-2025-06-12", "bg:discusses", "project/ros", 2, "Op 12 juni 2025 bespreekt de Twenteraad de ROS."),
        ("project/xss", "bg:partOf", "project/she", 2, XSS_QUOTE),
    ],
    "besluitenlijst": [
        ("decision/ros-pva", "bg:decidedBy", "org/gm0153/college", 1, "Het college stemt in met het plan van aanpak ROS."),
        ("decision/ros-pva", "bg:about", "project/ros", 1, "Het college stemt in met het plan van aanpak ROS."),
    ],
}


def _evidence_trig(doc: str) -> str:
    out = []
    for i, (s, p, o, page, quote) in enumerate(_EVIDENCE[doc]):
        text = quote.replace("\\", "\\\\").replace('"', '\\"')
        out.append(
            f"bgid:evidence\\/{doc}-{i} a bg:Evidence ; rdf:subject bgid:{s.replace('/', chr(92) + '/')} ; rdf:predicate {p} ;"
            f" rdf:object bgid:{o.replace('/', chr(92) + '/')} ; prov:wasDerivedFrom bgid:doc\\/{doc} ; bg:page {page} ;"
            f' bg:quote "{text}" .'
        )
    return "\n".join(out)


def known_trig(pdfs: Path) -> str:
    """The known graph: two ingested letters' graphs and their system bookkeeping."""
    xss_label = f"Wijkplan {XSS}".replace('"', '\\"')
    return _PREFIXES + f"""
<https://w3id.org/beleidsgraaf/graph/doc/brief1> {{
  bgid:project\\/ros a bg:Project, bg:Strategie ; rdfs:label "ROS" ;
    skos:altLabel "ROS Twente", "Ruimtelijke Ontwikkelstrategie Twente", "Regionale Ontwikkel Strategie Twente" ;
    bg:succeeds bgid:project\\/rsia ; bg:alignsWith bgid:project\\/npvr ; bg:followedBy bgid:doc\\/uitvoeringsagenda-ros .
  bgid:project\\/rsia a bg:Project ; rdfs:label "RSIA" ; skos:altLabel "Regionale Samenwerkings- en Investeringsagenda" .
  bgid:project\\/she a bg:Project ; rdfs:label "SHE" ; skos:altLabel "Stedelijk Netwerk Hengelo-Enschede" ; bg:partOf bgid:project\\/ros .
  bgid:project\\/npvr a bg:Project ; rdfs:label "NPVR" ; skos:altLabel "Nationaal Programma Vitaal Platteland" .
  bgid:project\\/xss a bg:Project ; rdfs:label "{xss_label}" ; skos:altLabel "Wijkplan Zuid" ; bg:partOf bgid:project\\/she .
  bgid:doc\\/omgevingsvisie-enschede a bg:Document, bg:Omgevingsvisie ; rdfs:label "Omgevingsvisie Enschede" ;
    dcterms:date "2023-11-06"^^xsd:date ; bg:buildingBlockFor bgid:project\\/ros .
  bgid:doc\\/uitvoeringsagenda-ros a bg:Document, bg:Agenda ; rdfs:label "Uitvoeringsagenda ROS" .
  bgid:doc\\/brief1 a bg:Document, bg:Raadsinformatiebrief ; rdfs:label "Raadsinformatiebrief ROS Twente" ;
    bg:fileName "brief-ros.pdf" ; bg:sha256 "{'1' * 64}" ; bg:pageCount 2 ; dcterms:date "2025-05-20"^^xsd:date ;
    dcterms:creator bgid:org\\/gm0153\\/college ; bg:addressee bgid:org\\/gm0153\\/raad ; bg:signedBy bgid:person\\/j-jansen ;
    bg:about bgid:project\\/ros .
  bgid:person\\/j-jansen a foaf:Person ; rdfs:label "J. Jansen" ; foaf:name "J. Jansen" ; bg:role "burgemeester" .
  bgid:org\\/gm0153 a bg:Body, bg:Gemeente ; rdfs:label "gemeente Enschede" ; skos:altLabel "Enschede" .
  bgid:org\\/gm0153\\/college a bg:Body, bg:College ; rdfs:label "college van burgemeester en wethouders van Enschede" ;
    skos:altLabel "college van Enschede" ; bg:organOf bgid:org\\/gm0153 .
  bgid:org\\/gm0153\\/raad a bg:Body, bg:Gemeenteraad ; rdfs:label "gemeenteraad van Enschede" ; bg:organOf bgid:org\\/gm0153 .
  bgid:org\\/twenteraad a bg:Body, bg:Overlegorgaan ; rdfs:label "Twenteraad" .
  bgid:meeting\\/twenteraad-2025-06-12 a bg:Meeting ; rdfs:label "Twenteraad 12 juni 2025" ; bg:date "2025-06-12"^^xsd:date ;
    bg:heldBy bgid:org\\/twenteraad ; bg:discusses bgid:project\\/ros .
  {_evidence_trig("brief1")}
}}
<https://w3id.org/beleidsgraaf/graph/doc/besluitenlijst> {{
  bgid:doc\\/besluitenlijst a bg:Document, bg:Besluitenlijst ; rdfs:label "Besluitenlijst college 12 maart 2024" ;
    bg:fileName "besluitenlijst.pdf" ; bg:sha256 "{'2' * 64}" ; bg:pageCount 1 ; dcterms:date "2024-03-12"^^xsd:date ;
    dcterms:creator bgid:org\\/gm0153\\/college .
  bgid:decision\\/ros-pva a bg:Decision ; rdfs:label "Instemmen met het plan van aanpak ROS" ;
    bg:decidedBy bgid:org\\/gm0153\\/college ; bg:decisionDate "2024-03-12"^^xsd:date ; bg:about bgid:project\\/ros ;
    bg:reportedIn bgid:doc\\/besluitenlijst .
  bgid:decision\\/omgevingsvisie a bg:Decision ; rdfs:label "Vaststellen Omgevingsvisie Enschede" ;
    skos:altLabel "Omgevingsvisie Enschede" ;
    bg:decidedBy bgid:org\\/gm0153\\/raad ; bg:decisionDate "2023-11-06"^^xsd:date ; bg:about bgid:doc\\/omgevingsvisie-enschede .
  {_evidence_trig("besluitenlijst")}
}}
<https://w3id.org/beleidsgraaf/graph/system> {{
  bgid:doc\\/brief1 bg:sourcePath "{pdfs / 'brief-ros.pdf'}" .
  bgid:doc\\/besluitenlijst bg:sourcePath "{pdfs / 'besluitenlijst.pdf'}" .
}}
"""


def _letters(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pages: dict[str, list[list[str]]] = {"brief1": [[], []], "besluitenlijst": [[]]}
    for doc, statements in _EVIDENCE.items():
        for *_, page, quote in statements:
            pages[doc][page - 1].append(quote)
    write_pdf(folder / "brief-ros.pdf", pages["brief1"])
    write_pdf(folder / "besluitenlijst.pdf", pages["besluitenlijst"])


@pytest.fixture(scope="session")
def known_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding exactly the known graph (plus the ontology, as ingest installs it)."""
    root = tmp_path_factory.mktemp("known")
    _letters(root / "pdfs")
    quads = pyoxigraph.parse(known_trig(root / "pdfs").encode(), pyoxigraph.RdfFormat.TRIG)
    with open_store(str(root / "store")) as store:
        store.add(quads)
        store.install_ontology()
    return root / "store"


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory: pytest.TempPathFactory, cli: Run) -> Path:
    """A real letter whose subject line is an HTML/script injection, ingested."""
    root = tmp_path_factory.mktemp("xss")
    letter = write_pdf(
        root / "brief-xss.pdf",
        [["Raadsinformatiebrief", "Datum: 3 juni 2025", f"Onderwerp: {XSS} en de ROS", "Geachte leden van de gemeenteraad,",
          "In onze collegevergadering van 3 juni 2025 hebben wij ingestemd met het plan van aanpak.",
          "Met vriendelijke groet,", "Burgemeester en Wethouders van Enschede,", "de secretaris, de burgemeester,",
          "(A. de Vries) (R.W. Bleker)"]],
    )  # fmt: skip
    cli("ingest", letter, "--store", root / "store")
    return root / "store"


# --- the browser ----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in a fresh browser context that lets only `allowed` URLs through
    and records everything else it tried to fetch, and every dialog."""

    page: object
    folder: Path
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        path = self.folder / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
        return path


@pytest.fixture
def tab(browser: object, tmp_path: Path) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL", accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    result = Tab(page, tmp_path)

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("file://", *_SERVERS)):
            route.continue_()  # type: ignore[attr-defined]
        else:
            result.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    def dialog(d: object) -> None:
        result.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: result.errors.append(str(exc)))
    yield result
    context.close()


# --- servers --------------------------------------------------------------------

_SERVERS: set[str] = set()  # base URLs of servers the tests started: the only http the browser may reach


@contextmanager
def serve(store: Path) -> Iterator[str]:
    """`beleidsgraaf serve` over a store, a real server in a subprocess on a free port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([sys.executable, "-m", "beleidsgraaf", "serve", "--store", store, "--port", str(port)], base + "/stijl.css"):
        _SERVERS.add(base)
        yield base


@pytest.fixture(scope="session")
def pages_server(known_store: Path) -> Iterator[str]:
    with serve(known_store) as base:
        yield base


@pytest.fixture(scope="session")
def xss_server(xss_store: Path) -> Iterator[str]:
    with serve(xss_store) as base:
        yield base
