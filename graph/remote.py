"""A store on any SPARQL 1.1 server (Query + Update over the SPARQL 1.1 Protocol).

`--store http(s)://…` selects it. A bare server address (no path) is taken
to be an Oxigraph server: queries go to /query and updates to /update. A
location with a path is the query endpoint itself, and updates go to the same
URL (SPARQL 1.1 allows one endpoint for both) unless $BELEIDSGRAAF_UPDATE_URL
names another.

As in the embedded store, every write keeps the server's default graph the
distinct merge of the document graphs, and queries read that default graph.
This needs a server whose default graph is a graph of its own (Oxigraph,
Fuseki without `unionDefaultGraph`). A store that an older version wrote has
no merge until its first write; until then queries ask for the union with
Oxigraph's `union-default-graph` parameter.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pyoxigraph
from pyoxigraph import NamedNode, Quad, QueryResultsFormat, QuerySolutions, RdfFormat

from beleidsgraaf.errors import QueryError, StoreError
from beleidsgraaf.graph.store import GraphStore, QueryResult, syntax_error

UPDATE_URL_ENV = "BELEIDSGRAAF_UPDATE_URL"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_TRIPLE_FORMATS = {"application/n-triples": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE, "text/plain": RdfFormat.N_TRIPLES}


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


class RemoteStore(GraphStore):
    """A SPARQL 1.1 Protocol client that behaves like the embedded store."""

    def __init__(self, location: str, read_only: bool = False, timeout: float = 120.0) -> None:
        self.location = location.rstrip("/")
        self.read_only = read_only
        if urlsplit(self.location).path in ("", "/"):
            self.query_url, self.update_url = self.location + "/query", self.location + "/update"
        else:
            self.query_url = self.location
            self.update_url = os.environ.get(UPDATE_URL_ENV) or self.location
        self._client = httpx.Client(timeout=timeout)

    def _post(self, url: str, data: dict[str, str], sparql: str, accept: str = "*/*") -> httpx.Response:
        try:
            response = self._client.post(url, data=data, headers={"Accept": accept})
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server ({exc})") from exc
        if response.status_code == 400:
            raise syntax_error(sparql, response.text) if response.text.startswith("error at") else QueryError(
                f"{url}: the server refused the request: {' '.join(response.text.split())[:300]}"
            )
        if response.status_code >= 300:
            raise StoreError(f"{url}: HTTP {response.status_code}: {' '.join(response.text.split())[:300]}")
        return response

    def _query(self, sparql: str, union: bool) -> QueryResult:
        data = {"query": sparql, "union-default-graph": ""} if union else {"query": sparql}
        response = self._post(self.query_url, data, sparql, _ACCEPT)
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type == "application/sparql-results+json":
            return pyoxigraph.parse_query_results(response.content, QueryResultsFormat.JSON)
        if media_type in _TRIPLE_FORMATS:
            # Parsed into a scratch store so callers get the same QueryTriples as from the embedded store.
            scratch = pyoxigraph.Store()
            scratch.load(response.content, _TRIPLE_FORMATS[media_type])
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{self.query_url}: unexpected answer of type '{media_type or 'none'}'")

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only, not updating")
        self._post(self.update_url, {"update": sparql}, sparql)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        result = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH {graph or '?g'} {{ ?s ?p ?o }} }}")
        assert isinstance(result, QuerySolutions)
        return (Quad(row["s"], row["p"], row["o"], graph or row["g"]) for row in result)

    def close(self) -> None:
        self._client.close()
