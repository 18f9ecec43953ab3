"""The web server: the SPARQL endpoint and query editor for analysts, the griffiers' pages.

One Starlette app over one store, read per request (so ingests can run meanwhile) and kept
on `app.state.store`. Analysts' paths: /sparql, /editor, /static/editor/…; the
griffiers' pages (`beleidsgraaf.web.pages.routes`) are mounted at the root.
"""
from __future__ import annotations

from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from beleidsgraaf import queries
from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.web import pages
from beleidsgraaf.web.sparql import Limits, sparql_endpoint

STATIC = resources.files(__package__ or "beleidsgraaf.web").joinpath("static")


def create_app(store: GraphStore, limits: Limits | None = None) -> Starlette:
    app = Starlette(
        routes=[
            Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
            Route("/editor", editor),
            Route("/editor/queries.json", saved_queries),
            Route("/editor/queries/{name}.rq", saved_query_text),
            Mount("/static/editor", StaticFiles(directory=str(STATIC.joinpath("editor"))), name="editor-static"),
            *pages.routes,
        ]
    )
    app.state.store = store
    app.state.limits = limits or Limits()
    return app


async def editor(request: Request) -> Response:
    return HTMLResponse(STATIC.joinpath("editor", "index.html").read_text(encoding="utf-8"))


async def saved_queries(request: Request) -> Response:
    """The catalogue for the editor's list: names, titles, descriptions, parameters."""
    return JSONResponse([
        {"name": q.name, "title": q.title, "description": q.description,
         "parameters": [{"name": p.name, "type": p.type, "description": p.description, "default": p.default} for p in q.parameters]}
        for q in queries.catalogue()
    ])  # fmt: skip


async def saved_query_text(request: Request) -> Response:
    """A saved query with the parameters given in the URL filled in (as RDF terms, like the CLI does)."""
    query = queries.saved(request.path_params["name"])
    if query is None:
        return PlainTextResponse(f"no saved query named '{request.path_params['name']}'", status_code=404)
    values = {k: v for k, v in request.query_params.items() if v != ""}
    if not values:
        return PlainTextResponse(query.text, media_type="application/sparql-query")
    try:
        return PlainTextResponse(queries.bind(query, values), media_type="application/sparql-query")
    except UsageError as exc:
        return PlainTextResponse(str(exc), status_code=400)
