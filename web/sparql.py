"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, with a time limit and a row cap.

GET ?query=… and POST (application/x-www-form-urlencoded or application/sparql-query).
SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in
Turtle, N-Triples, JSON-LD or RDF/XML: chosen by the `format` (or `output`) parameter, else by
the Accept header. Updates are refused with 403. The query runs in a worker thread
(Oxigraph releases the GIL), so a query over its time limit is answered with 503
while the server keeps serving others.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from urllib.parse import parse_qsl
from dataclasses import dataclass
from typing import Any

import anyio
import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Triple
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from beleidsgraaf.errors import QueryError, SparqlSyntaxError, StoreError
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ontology import iris

RESULT_TYPES = {
    "json": ("application/sparql-results+json", QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", QueryResultsFormat.XML),
    "csv": ("text/csv", QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", QueryResultsFormat.TSV),
}
GRAPH_TYPES = {
    "turtle": ("text/turtle", RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", RdfFormat.RDF_XML),
}
# Other names clients use (SPARQLWrapper sends format=xml or json for every query form).
RESULT_ALIASES = {"application/json": "json", "srj": "json", "srx": "xml"}
GRAPH_ALIASES = {"ttl": "turtle", "nt": "ntriples", "text/plain": "ntriples", "json-ld": "jsonld", "json": "jsonld",
                 "application/json": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}  # fmt: skip
_UPDATE = re.compile(r"(?is)^\s*(?:(?:#[^\n]*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b")  # fmt: skip
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds a query may take
    max_rows: int = 10_000  # solutions (or triples) returned at most


class QueryTimeout(Exception):
    pass


@dataclass(frozen=True)
class Answer:
    """A query's result taken out of the store: rows (SELECT), a boolean (ASK) or triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[NamedNode | BlankNode | Literal | Triple | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] | None = None
    truncated: bool = False


def evaluate(store: GraphStore, sparql: str, limits: Limits) -> Answer:
    """Run the query and collect at most `max_rows` results, giving up at the deadline."""
    deadline = time.monotonic() + limits.timeout
    result = store.query(sparql)
    if isinstance(result, QueryBoolean):
        return Answer(boolean=bool(result))
    collected: list[Any] = []
    truncated = False
    for item in result:
        if time.monotonic() > deadline:
            raise QueryTimeout
        if len(collected) == limits.max_rows:
            truncated = True
            break
        collected.append(item)
    if isinstance(result, QuerySolutions):
        names = tuple(v.value for v in result.variables)
        return Answer(variables=names, rows=tuple(tuple(row[n] for n in names) for row in collected), truncated=truncated)
    return Answer(triples=tuple(collected), truncated=truncated)


async def read_query(request: Request) -> tuple[str, Mapping[str, str]] | Response:
    """The query text and the request's parameters (URL and form), or the response that refuses it."""
    params: Mapping[str, str]
    if request.method == "GET":
        params = request.query_params
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            return PlainTextResponse(READ_ONLY, status_code=403)
        if content_type == "application/sparql-query":
            return (await request.body()).decode("utf-8", errors="replace"), request.query_params
        if content_type != "application/x-www-form-urlencoded":
            return PlainTextResponse(
                "POST the query as application/x-www-form-urlencoded (query=…) or application/sparql-query", status_code=415
            )
        form = parse_qsl((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
        params = {**request.query_params, **dict(form)}
    if "update" in params:
        return PlainTextResponse(READ_ONLY, status_code=403)
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        return PlainTextResponse("no query given: pass it as the 'query' parameter or POST it as application/sparql-query", status_code=400)
    return query, params


def choose(params: Mapping[str, str], accept: str, table: dict[str, tuple[str, object]], aliases: dict[str, str]) -> str | None:
    """The format asked for by parameter, else by Accept (in order of preference), else the first."""
    asked = params.get("format") or params.get("output")
    if asked:
        key = aliases.get(asked.lower(), asked.lower())
        return key if key in table else next((k for k, (t, _) in table.items() if t == key), None)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, _, rest = part.strip().partition(";")
        quality = float(m[1]) if (m := re.search(r"q=([0-9.]+)", rest)) else 1.0
        ranked.append((-quality, position, media.strip().lower()))
    for _, _, media in sorted(ranked):
        media = aliases.get(media, media)
        for key, (media_type, _) in table.items():
            if media in (media_type, key) or media in ("*/*", media_type.split("/")[0] + "/*"):
                return key
    return next(iter(table))


def _json_term(term: NamedNode | BlankNode | Literal | Triple) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        value: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != iris.PREFIXES["xsd"] + "string":
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def render(answer: Answer, params: Mapping[str, str], accept: str) -> Response:
    headers = {"X-Result-Truncated": "true"} if answer.truncated else {}
    if answer.triples is not None:
        key = choose(params, accept, GRAPH_TYPES, GRAPH_ALIASES)
        if key is None:
            return PlainTextResponse(f"unknown format; use one of {', '.join(GRAPH_TYPES)}", status_code=406)
        media_type, fmt = GRAPH_TYPES[key]
        prefixes = dict(iris.PREFIXES) if fmt is RdfFormat.TURTLE else None
        body = pyoxigraph.serialize(list(answer.triples), format=fmt, prefixes=prefixes) or b""
        return Response(body, media_type=media_type, headers=headers)
    key = choose(params, accept, RESULT_TYPES, RESULT_ALIASES)
    if key is None:
        return PlainTextResponse(f"unknown format; use one of {', '.join(RESULT_TYPES)}", status_code=406)
    media_type, fmt = RESULT_TYPES[key]
    if answer.boolean is not None:
        document: dict[str, object] = {"head": {}, "boolean": answer.boolean}
    else:
        bindings = [{n: _json_term(t) for n, t in zip(answer.variables, row, strict=True) if t is not None} for row in answer.rows]
        document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
    body = json.dumps(document, ensure_ascii=False).encode()
    if fmt is not QueryResultsFormat.JSON:
        # Oxigraph writes the other result formats; going through JSON keeps the row cap in one place.
        body = pyoxigraph.parse_query_results(body, QueryResultsFormat.JSON).serialize(format=fmt)
    return Response(body, media_type=media_type, headers=headers)


async def sparql_endpoint(request: Request) -> Response:
    read = await read_query(request)
    if isinstance(read, Response):
        return read
    query, params = read
    store: GraphStore = request.app.state.store
    limits: Limits = request.app.state.limits
    try:
        with anyio.fail_after(limits.timeout):
            answer = await anyio.to_thread.run_sync(evaluate, store, query, limits, abandon_on_cancel=True)
    except (TimeoutError, QueryTimeout):
        return PlainTextResponse(f"the query took longer than the limit of {limits.timeout:g} s", status_code=503)
    except SparqlSyntaxError as exc:
        if _UPDATE.match(query):
            return PlainTextResponse(READ_ONLY, status_code=403)
        return PlainTextResponse(str(exc), status_code=400)
    except QueryError as exc:
        return PlainTextResponse(str(exc), status_code=400)
    except StoreError as exc:  # a remote store that does not answer
        return PlainTextResponse(str(exc), status_code=502)
    return render(answer, params, request.headers.get("accept", ""))
