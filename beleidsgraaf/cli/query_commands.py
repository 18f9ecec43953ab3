"""Commands for analysts: `query` (SPARQL from the command line) and `serve` (the SPARQL endpoint and editor)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from beleidsgraaf.cli.app import StoreOption, app, out
from beleidsgraaf.errors import UsageError

if TYPE_CHECKING:
    from beleidsgraaf.graph.store import GraphStore, QueryResult
    from beleidsgraaf.queries import SavedQuery


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    ttl = "ttl"


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file, a saved query's name (see queries/README.md) or SPARQL text.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value for the query's $name; repeatable.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, csv, tsv, json (SPARQL JSON; JSON-LD for graphs) or ttl (graphs).")] = Format.table,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the union of all graphs; --param fills in $name safely as an RDF term."""
    from beleidsgraaf import queries
    from beleidsgraaf.graph.store import open_store

    saved = load_query(sparql)
    values: dict[str, str] = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item}: expected name=value")
        values[name.strip().lstrip("$?")] = value
    text = queries.bind(saved, values)
    with open_store(store, read_only=True) as graph_store:
        write_result(run_with_prefixes(graph_store, text), fmt)


def run_with_prefixes(graph_store: GraphStore, text: str) -> QueryResult:
    """Run the query with the graph's usual prefixes (bg:, bgid:, rdfs:, …) declared for it.

    They go on the query's first line, so line numbers in syntax errors stay the user's;
    the query's own PREFIX lines come later and win."""
    from beleidsgraaf.errors import SparqlSyntaxError
    from beleidsgraaf.ontology import iris

    preamble = iris.sparql_prefixes().replace("\n", " ")
    try:
        return graph_store.query(preamble + text)
    except SparqlSyntaxError as exc:
        column = exc.column - len(preamble) if exc.line == 1 else exc.column
        lines = text.splitlines()
        line_text = lines[exc.line - 1].strip() if 0 < exc.line <= len(lines) else ""
        raise SparqlSyntaxError(exc.line, max(column, 0), exc.cause, line_text) from exc


def load_query(argument: str) -> SavedQuery:
    """A query from a .rq file, the catalogue, or the argument's own text."""
    from beleidsgraaf import queries

    path = Path(argument)
    if argument.endswith(".rq") or (len(argument) < 256 and "\n" not in argument and path.is_file()):
        if not path.is_file():
            raise UsageError(f"{argument}: no such query file")
        return queries.parse(path.read_text(encoding="utf-8"), path.stem)
    return queries.saved(argument) or queries.parse(argument)


def write_result(result: QueryResult, fmt: Format) -> None:
    import pyoxigraph
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from beleidsgraaf.ontology import iris

    if isinstance(result, QueryBoolean):
        if fmt in (Format.json, Format.csv, Format.tsv):
            sys.stdout.buffer.write(result.serialize(format=getattr(QueryResultsFormat, fmt.name.upper())) + b"\n")
        else:
            out.print("true" if result else "false")
        return
    if isinstance(result, QuerySolutions):
        if fmt is Format.ttl:
            raise UsageError("--format ttl is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")
        if fmt is Format.table:
            names = [v.value for v in result.variables]
            table = Table(*names)
            rows = [[Text(short_term(row[n])) for n in names] for row in result]
            for row in rows:
                table.add_row(*row)
            out.print(table)
            out.print(f"{len(rows)} row(s)", style="dim")
            return
        sys.stdout.buffer.write(result.serialize(format=getattr(QueryResultsFormat, fmt.name.upper())))
        return
    triples = list(result)
    if fmt in (Format.csv, Format.tsv):
        raise UsageError(f"--format {fmt.value} is for SELECT and ASK queries; use table, ttl or json (JSON-LD)")
    if fmt is Format.table:
        table = Table("subject", "predicate", "object")
        for t in triples:
            table.add_row(Text(short_term(t.subject)), Text(short_term(t.predicate)), Text(short_term(t.object)))
        out.print(table)
        return
    rdf_format = RdfFormat.TURTLE if fmt is Format.ttl else RdfFormat.JSON_LD
    prefixes = dict(iris.PREFIXES) if fmt is Format.ttl else None
    sys.stdout.buffer.write(pyoxigraph.serialize(triples, format=rdf_format, prefixes=prefixes) or b"")


def short_term(term: object) -> str:
    """A term as an analyst reads it: prefixed names for our IRIs, plain text for literals."""
    from pyoxigraph import Literal, NamedNode

    from beleidsgraaf.ontology import iris

    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, namespace in iris.PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value if isinstance(term, Literal) else str(term)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    timeout: Annotated[float, typer.Option(help="Seconds a query may take before it is answered with 503.")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Most rows (or triples) one query returns.")] = 10_000,
) -> None:
    """Serve the SPARQL 1.1 endpoint (/sparql, read-only), the query editor (/editor) and the web pages."""
    import uvicorn

    from beleidsgraaf.graph.remote import is_remote
    from beleidsgraaf.graph.store import SharedStore, default_location, open_store
    from beleidsgraaf.web.app import create_app
    from beleidsgraaf.web.sparql import Limits

    if timeout <= 0 or max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be positive")
    location = store or default_location()
    # A local store is shared per request, so ingests can run while the server does.
    with open_store(location, read_only=True) if is_remote(location) else SharedStore(location) as graph_store:
        out.print(f"serving {graph_store.location} at http://{host}:{port}/ (SPARQL: /sparql, editor: /editor)")
        uvicorn.run(create_app(graph_store, Limits(timeout=timeout, max_rows=max_rows)), host=host, port=port, log_level="warning")
