"""The web app's pages for griffiers (mounted by `beleidsgraaf serve`).

Home with search by any name, a page per entity (facts, relations both ways
with their quotes, documents, timeline, a focused map), a page per document
(what it states, with links to the PDF page), the list of documents, maps to
download, and the ingested PDFs themselves. Everything is rendered on the
server with autoescaping Jinja templates and our own stylesheet: no CDN, no
script on these pages except inside the map frame.

The app gives the store as `request.app.state.store`.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.web import graphdata, maps
from beleidsgraaf.web.graphdata import Edge, Graph, Node, Selection

# Pages show the graph as read at most this long ago (a remote store may change meanwhile).
_GRAPH_SECONDS = 30.0
_EMBEDDED_HOPS = 1  # the map on an entity page: its direct neighbours, readable at a glance


@dataclass(frozen=True)
class Relation:
    """An edge as seen from one of its ends: "subject phrase object", with quotes."""

    edge: Edge
    subject: Node
    object: Node
    other: Node  # the end that is not the page's node


def _store(request: Request) -> GraphStore:
    return request.app.state.store  # type: ignore[no-any-return]


def _graph(request: Request) -> Graph:
    """The graph as pages show it, read at most every few seconds: an entity page and
    the map in its frame then share one read, which on a big store takes a second."""
    store, state = _store(request), request.app.state
    cached = getattr(state, "griffier_graph", None)
    if cached and cached[0] is store and time.monotonic() - cached[1] < _GRAPH_SECONDS:
        return cached[2]  # type: ignore[no-any-return]
    graph = graphdata.load(store)
    state.griffier_graph = (store, time.monotonic(), graph)
    return graph


def _page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = maps.templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)


def _not_found(message: str) -> HTMLResponse:
    return _page("error.html", status_code=404, message=message)


def _relations(graph: Graph, key: str) -> list[Relation]:
    nodes = graph.nodes
    return [
        Relation(e, nodes[e.source], nodes[e.target], nodes[e.target] if e.source == key else nodes[e.source])
        for e in graph.edges_of(key)
    ]


def home(request: Request) -> HTMLResponse:
    graph = _graph(request)
    query = request.query_params.get("q", "").strip()
    results = graphdata.search(graph, query, limit=50) if query else []
    degree: dict[str, int] = {}
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    central = sorted((n for n in graph.nodes.values() if n.kind.name in ("project", "decision", "document")),
                     key=lambda n: (-degree.get(n.key, 0), n.label))[:12]  # fmt: skip
    counts = [(n, k.label if n == 1 else k.plural) for k in graphdata.KINDS if (n := sum(1 for x in graph.nodes.values() if x.kind is k))]
    return _page("home.html", query=query, results=results, central=central, counts=counts)


def entity(request: Request) -> HTMLResponse:
    graph = _graph(request)
    node = graph.nodes.get(request.path_params["key"])
    if node is None:
        return _not_found("Deze pagina bestaat niet: er is niets met deze naam in de graaf.")
    relations = _relations(graph, node.key)
    statements = graph.quotes_about(node.key)
    facts = [s for s in statements if not s.object_is_node and s.subject == node.key]
    documents: dict[str, str] = {}
    for s in statements:
        if s.quote.document:
            documents.setdefault(s.quote.document, s.quote.document_label)
    for relation in relations:
        if relation.other.file_name:
            documents.setdefault(relation.other.key, relation.other.label)
    events = [n for n in [node, *(r.other for r in relations)] if n.kind.name in ("decision", "meeting") and n.dates]
    timeline = sorted({(d, n.key): n for n in events for d in n.dates}.items())
    return _page(
        "entity.html",
        node=node,
        relations=relations,
        facts=facts,
        documents=sorted(documents.items(), key=lambda d: d[1].lower()),
        timeline=[(d, n) for (d, _), n in timeline],
        embedded_hops=_EMBEDDED_HOPS,
        predicate_label=graphdata.predicate_label,
    )


def document(request: Request) -> HTMLResponse:
    graph = _graph(request)
    node = graph.nodes.get(request.path_params["key"])
    if node is None or node.file_name is None:
        return _not_found("Dit document is niet ingelezen.")
    stated = sorted((s for s in graph.statements if s.quote.document == node.key), key=lambda s: (s.quote.page or 0, s.quote.text))
    return _page(
        "document.html",
        node=node,
        relations=_relations(graph, node.key),
        stated=stated,
        nodes=graph.nodes,
        has_pdf=node.key in _sources(_store(request)),
        predicate_label=graphdata.predicate_label,
    )


def documents(request: Request) -> HTMLResponse:
    graph = _graph(request)
    rows = [graph.nodes[d.key] for d in _store(request).documents() if d.key in graph.nodes]
    rows.sort(key=lambda n: (n.dates[-1] if n.dates else "", n.label), reverse=True)
    return _page("documents.html", documents=rows)


def _sources(store: GraphStore) -> Mapping[str, str]:
    """Document key → the path the PDF was ingested from (system graph)."""
    return {d.key: d.source_path for d in store.documents() if d.source_path}


def pdf(request: Request) -> Response:
    # Only paths the store recorded for an ingested document are served.
    path = _sources(_store(request)).get(request.path_params["key"])
    if path is None or not Path(path).is_file():
        return _not_found("Dit PDF-bestand is niet (meer) beschikbaar op de plek waar het werd ingelezen.")
    return FileResponse(path, media_type="application/pdf", content_disposition_type="inline", filename=Path(path).name)


def kaart(request: Request) -> Response:
    """A map as HTML: in a frame on the entity page, or as a file to download and mail."""
    params = request.query_params
    download = params.get("download") == "1"
    try:
        selection = Selection(
            focus=params.get("focus") or None,
            hops=int(params.get("hops") or graphdata.DEFAULT_HOPS),
            kinds=graphdata.parse_kinds(params.getlist("types")),
            relations=graphdata.parse_relations(params.getlist("relations")),
            since=graphdata.parse_date(params["since"], "van") if params.get("since") else None,
            until=graphdata.parse_date(params["until"], "tot") if params.get("until") else None,
        )
        # A downloaded map is opened without the server: no links to its pages.
        html, _ = maps.build(_graph(request), selection, links=not download)
    except (BeleidsgraafError, ValueError) as exc:
        return _page("error.html", status_code=400, message=str(exc))
    headers = {}
    if download:
        name = graphdata.fold(selection.focus or "beleidsgraaf") or "beleidsgraaf"
        headers["Content-Disposition"] = f'attachment; filename="kaart-{name}.html"'
    return HTMLResponse(html, headers=headers)


def stylesheet(request: Request) -> Response:
    return Response(maps.asset("stijl.css"), media_type="text/css")


routes: list[BaseRoute] = [
    Route("/", home, name="home"),
    Route("/entiteit/{key:path}", entity, name="entiteit"),
    Route("/document/{key:path}", document, name="document"),
    Route("/documenten", documents, name="documenten"),
    Route("/kaart", kaart, name="kaart"),
    Route("/pdf/{key:path}", pdf, name="pdf"),
    Route("/stijl.css", stylesheet, name="stijl"),
]
