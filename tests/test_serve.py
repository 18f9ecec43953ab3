"""`beleidsgraaf serve`: the SPARQL 1.1 Protocol endpoint, its limits, the offline editor in a
real Chromium, and clients analysts use (SPARQLWrapper, rdflib's SPARQLStore)."""
from __future__ import annotations

import csv
import io
import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from tests.conftest import Run
from tests.known import known_store
from tests.servers import free_port, running

BG = "https://w3id.org/beleidsgraaf/def#"
ID = "https://w3id.org/beleidsgraaf/id/"
SUCCEEDS = f"SELECT ?a ?b WHERE {{ ?a <{BG}succeeds> ?b }} ORDER BY ?a"
SUCCEEDS_ROWS = [[f"{ID}project/ros", f"{ID}project/rsia"], [f"{ID}project/rsia", f"{ID}project/agenda-van-twente"]]
CONSTRUCT = f"CONSTRUCT WHERE {{ ?a <{BG}succeeds> ?b }}"
TRIPLES = {tuple(row) for row in SUCCEEDS_ROWS}
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]  # fmt: skip


def serve(store: Path, *options: str) -> tuple[list[str], str]:
    port = free_port()
    command = [sys.executable, "-m", "beleidsgraaf", "serve", "--store", str(store), "--port", str(port), *options]
    return command, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return known_store(tmp_path_factory.mktemp("known") / "store")


@pytest.fixture(scope="module")
def server(known: Path) -> Iterator[str]:
    command, url = serve(known)
    with running(command, url + "/editor"):
        yield url


def sparql(server: str, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(server + "/sparql", params={"query": query, **params}, headers=headers, timeout=10)


def test_ask_answers_sparql_json(server: str) -> None:
    response = sparql(server, f"ASK {{ <{ID}project/she> <{BG}partOf> <{ID}project/ros> }}", "application/sparql-results+json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "params", "media_type", "parse"),
    [
        ("application/sparql-results+json", {}, "application/sparql-results+json", pyoxigraph.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", {}, "application/sparql-results+xml", pyoxigraph.QueryResultsFormat.XML),
        ("text/csv", {}, "text/csv", None),
        ("text/tab-separated-values", {}, "text/tab-separated-values", pyoxigraph.QueryResultsFormat.TSV),
        ("text/html, text/csv;q=0.5, application/sparql-results+xml;q=0.9", {}, "application/sparql-results+xml",
         pyoxigraph.QueryResultsFormat.XML),
        ("application/sparql-results+json", {"format": "tsv"}, "text/tab-separated-values", pyoxigraph.QueryResultsFormat.TSV),
    ],
)
def test_select_results_by_content_negotiation(server: str, accept: str, params: dict[str, str], media_type: str,
                                               parse: pyoxigraph.QueryResultsFormat | None) -> None:  # fmt: skip
    response = sparql(server, SUCCEEDS, accept, **params)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert select_rows(response, parse) == SUCCEEDS_ROWS


def select_rows(response: httpx.Response, parse: pyoxigraph.QueryResultsFormat | None) -> list[list[str]]:
    if parse is None:  # CSV is lossy; Oxigraph does not read it back
        return list(csv.reader(io.StringIO(response.text)))[1:]
    return [[row["a"].value, row["b"].value] for row in pyoxigraph.parse_query_results(response.content, parse)]


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        ("text/turtle", "text/turtle", pyoxigraph.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", pyoxigraph.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", pyoxigraph.RdfFormat.JSON_LD),
    ],
)
def test_construct_as_turtle_ntriples_jsonld(server: str, accept: str, media_type: str, fmt: pyoxigraph.RdfFormat) -> None:
    response = sparql(server, CONSTRUCT, accept)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert {(t.subject.value, t.object.value) for t in pyoxigraph.parse(response.content, fmt)} == TRIPLES


def test_post_form_and_sparql_query_bodies(server: str) -> None:
    form = httpx.post(server + "/sparql", data={"query": SUCCEEDS}, headers={"Accept": "text/csv"})
    body = httpx.post(server + "/sparql", content=SUCCEEDS.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    for response in (form, body):
        assert response.status_code == 200 and select_rows(response, None) == SUCCEEDS_ROWS


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "DROP ALL"}},
        {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"query": f"PREFIX bg: <{BG}>\n# a comment\nDELETE WHERE {{ ?a bg:succeeds ?b }}"}},
    ],
    ids=["update-parameter", "sparql-update-body", "update-as-query"],
)
def test_updates_are_refused(server: str, request_kwargs: dict) -> None:
    response = httpx.post(server + "/sparql", **request_kwargs)
    assert response.status_code == 403
    assert response.text == "this endpoint is read-only: SPARQL Update is not accepted"
    assert select_rows(sparql(server, SUCCEEDS, "text/csv"), None) == SUCCEEDS_ROWS  # nothing was deleted


def test_bad_requests_say_why(server: str) -> None:
    syntax = sparql(server, "SELECT * WHERE {\n ?s ?p \n}")
    assert syntax.status_code == 400 and syntax.text.startswith("SPARQL syntax error at line 3")
    missing = httpx.get(server + "/sparql")
    assert missing.status_code == 400 and "no query given" in missing.text
    assert sparql(server, SUCCEEDS, format="yaml").status_code == 406


def test_row_cap_and_time_limit(known: Path) -> None:
    command, url = serve(known, "--max-rows", "3", "--timeout", "0.5")
    with running(command, url + "/editor"):
        capped = sparql(url, "SELECT ?s WHERE { ?s ?p ?o }", "application/sparql-results+json")
        assert capped.headers["X-Result-Truncated"] == "true"
        assert len(capped.json()["results"]["bindings"]) == 3
        small = sparql(url, SUCCEEDS, "application/sparql-results+json")
        assert "X-Result-Truncated" not in small.headers and len(small.json()["results"]["bindings"]) == 2
        slow = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert slow.status_code == 503 and "longer than the limit of 0.5 s" in slow.text
        assert sparql(url, SUCCEEDS, "text/csv").status_code == 200  # still serving


def test_binds_to_loopback_only_by_default(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=2):
        pass


def test_saved_queries_for_the_editor(server: str) -> None:
    catalogue = httpx.get(server + "/editor/queries.json").json()
    assert len(catalogue) >= 12 and {"name": "x", "type": "thing", "description": "the project or document", "default": None} in next(
        q for q in catalogue if q["name"] == "lineage")["parameters"]
    bound = httpx.get(server + "/editor/queries/lineage.rq", params={"x": 'R"OS Twénte'})  # a name is bound as its key
    assert bound.status_code == 200 and '{ ?x bg:nameKey "r-os-twente" }' in bound.text and "R\"OS" not in bound.text
    unknown = httpx.get(server + "/editor/queries/lineage.rq", params={"y": "ROS"})
    assert unknown.status_code == 400 and "known: x" in unknown.text
    assert httpx.get(server + "/editor/queries/nope.rq").status_code == 404


def test_editor_runs_offline_in_chromium(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(server + "/editor")
            form = page.locator("form[data-query=lineage]")
            form.locator("input[name=x]").fill("ruimtelijke ontwikkelstrategie twente")
            form.locator("button").click()
            # The new tab fills in once the bound query has been fetched: wait for it before running.
            page.locator(".tabPanel.active .CodeMirror-code", has_text="ruimtelijke-ontwikkelstrategie-twente").wait_for(timeout=15_000)
            page.locator(".tabPanel.active .yasqe_queryButton").click()
            table = page.locator(".tabPanel.active .yasr table")
            table.wait_for(timeout=15_000)
            text = table.inner_text()
            assert "Agenda van Twente" in text and "RSIA" in text
            assert page.locator(".tabPanel.active .yasr").inner_text().count("predecessor") == 2
        finally:
            browser.close()
    assert requested and all(url.startswith(server + "/") for url in requested), requested
    assert server + "/sparql" in requested


def test_sparqlwrapper_and_rdflib_read_documents(server: str) -> None:
    wrapper = SPARQLWrapper(server + "/sparql")
    wrapper.setQuery(f"SELECT ?name WHERE {{ ?d <{BG}fileName> ?name }} ORDER BY ?name")
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert isinstance(result, dict)
    names = ["besluitenlijst-losser.pdf", "plan-van-aanpak-ros.pdf", "rib-ros.pdf"]
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == names
    wrapper.setQuery(f"ASK {{ <{ID}project/ros> <{BG}succeeds> <{ID}project/rsia> }}")
    assert wrapper.query().convert()["boolean"] is True

    graph = Graph(store=SPARQLStore(server + "/sparql"))
    assert [str(row[0]) for row in graph.query(f"SELECT ?name WHERE {{ ?d <{BG}fileName> ?name }} ORDER BY ?name")] == names
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None and {(str(s), str(o)) for s, _, o in constructed} == TRIPLES

    wrapper.setMethod("POST")
    wrapper.setQuery(CONSTRUCT)  # SPARQLWrapper asks for format=xml: RDF/XML for a graph
    triples = wrapper.query().convert()
    assert isinstance(triples, Graph) and {(str(s), str(o)) for s, _, o in triples} == TRIPLES


def test_another_store_federates_with_service(server: str) -> None:
    query = f"SELECT ?b WHERE {{ SERVICE <{server}/sparql> {{ <{ID}project/ros> <{BG}succeeds> ?b }} }}"
    assert [row["b"].value for row in pyoxigraph.Store().query(query)] == [f"{ID}project/rsia"]


def test_seeds_served_answer_ask_and_documents(cli: Run, seed_store: Path) -> None:
    command, url = serve(seed_store)
    with running(command, url + "/editor"):
        ask = sparql(url, "ASK { ?d a <https://w3id.org/beleidsgraaf/def#Raadsinformatiebrief> }", "application/sparql-results+json")
        assert ask.headers["content-type"] == "application/sparql-results+json" and ask.json()["boolean"] is True
        wrapper = SPARQLWrapper(url + "/sparql")
        wrapper.setQuery(f"SELECT ?d WHERE {{ ?d <{BG}fileName> ?n }}")
        wrapper.setReturnFormat(JSON)
        assert len(json.loads(json.dumps(wrapper.query().convert()))["results"]["bindings"]) == 3
