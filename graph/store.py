"""The store: an on-disk Oxigraph database, one named graph per document.

Every document's statements live in its own named graph, so a re-ingest or a
removal touches exactly that document, in one transaction: a document is in
the store whole or not at all.

Queries see the default graph, which holds the distinct merge of the document
graphs and the ontology (not the ingest bookkeeping). Oxigraph's own union of
the named graphs is a bag: a fact restated by twenty letters (a project's
label) would match twenty times and multiply the work of every path query.
Each write keeps the merge up to date inside its own transaction; a store
written before the merge existed is merged by its first write, and is read
through the union until then.
"""
from __future__ import annotations

import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat

from beleidsgraaf import ontology
from beleidsgraaf.errors import QueryError, SparqlSyntaxError, StoreError, StoreLockedError
from beleidsgraaf.graph.locks import StoreLocks
from beleidsgraaf.ontology import iris

STORE_ENV = "BELEIDSGRAAF_STORE"
# In the bookkeeping graph: this store's default graph holds the merge.
_MERGE_MARK = f'{iris.STORE} {iris.term("bg:defaultGraph")} "merge of the document graphs and the ontology"'
IS_MERGED = f"ASK {{ GRAPH {iris.SYSTEM_GRAPH} {{ {_MERGE_MARK} }} }}"
_MERGE = (
    f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {iris.SYSTEM_GRAPH}) }} ;\n"
    f"INSERT DATA {{ GRAPH {iris.SYSTEM_GRAPH} {{ {_MERGE_MARK} }} }}"
)
# Names that lookups find a thing by; each gets a bg:nameKey beside it (see `name_keys`).
NAME_PREDICATES = frozenset(iris.term(c) for c in ("rdfs:label", "skos:prefLabel", "skos:altLabel", "foaf:name", "bg:fileName", "bg:organisationCode"))
_NAME_KEY, _TYPE, _EVIDENCE = iris.term("bg:nameKey"), iris.term("rdf:type"), iris.term("bg:Evidence")
QueryResult = QuerySolutions | QueryBoolean | QueryTriples
_EXPORT_FORMATS = {".ttl": RdfFormat.TURTLE, ".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS,
                   ".nt": RdfFormat.N_TRIPLES, ".jsonld": RdfFormat.JSON_LD, ".rdf": RdfFormat.RDF_XML}  # fmt: skip


def default_location() -> str:
    """--store, else $BELEIDSGRAAF_STORE, else the user's data folder."""
    if os.environ.get(STORE_ENV):
        return os.environ[STORE_ENV]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return str(base / "beleidsgraaf" / "store")


@dataclass(frozen=True)
class StoredDocument:
    key: str
    sha256: str
    file_name: str
    source_path: str | None


def sparql_data(quads: Iterable[Quad]) -> str:
    """Quads as the body of an INSERT DATA, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    return "\n".join(f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}" for graph, lines in by_graph.items())


class GraphStore(ABC):
    """What the rest of the program needs from a store, embedded or remote."""

    location: str
    _merged: bool | None = None  # whether the default graph holds the merge, once asked

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the merge of all document graphs and the ontology
        (over the union of the named graphs in a store that has no merge yet)."""
        return self._query(sparql, union=not self.is_merged())

    @abstractmethod
    def _query(self, sparql: str, union: bool) -> QueryResult:
        """Run a SPARQL query over the default graph, or over the union of the named graphs."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction."""

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad of the named graphs (not the merge), or those of one graph."""

    def close(self) -> None:  # noqa: B027 - stores without resources need nothing
        """Release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- documents -------------------------------------------------------------

    def is_merged(self) -> bool:
        """Whether the default graph holds the merge (every store this version wrote does)."""
        if self._merged is None:
            self._merged = bool(self._query(IS_MERGED, union=False))
        return self._merged

    def write(self, sparql: str) -> None:
        """Run an update that keeps the merge, merging an older store first (in the same transaction)."""
        self.update(sparql if self.is_merged() else self._merging() + " ;\n" + sparql)
        self._merged = True

    def merge(self) -> None:
        """Build the merge of a store that has none (one written by an older version, or bulk-loaded)."""
        if not self.is_merged():
            self.update(self._merging())
            self._merged = True

    def _merging(self) -> str:
        """The update that gives an unmerged store its name keys, its merge and the mark that says so."""
        rows = self.query(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ {' '.join(map(str, NAME_PREDICATES))} }} "
            f"FILTER(?g != {iris.SYSTEM_GRAPH} && STRSTARTS(STR(?s), {sparql_string(iris.ID)})) "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s a {_EVIDENCE} }} }} }}"
        )
        assert isinstance(rows, QuerySolutions)
        keys = name_keys(Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows)
        return (f"INSERT DATA {{\n{sparql_data(keys)}\n}} ;\n" if keys else "") + _MERGE

    def replace_document(self, key: str, quads: Sequence[Quad], system: Sequence[Quad], replaces: Sequence[str] = ()) -> None:
        """Write one document's graph and bookkeeping in one transaction,
        dropping its earlier version and any documents it replaces."""
        keys = list(dict.fromkeys([key, *replaces]))
        self.write(_drop_graphs([iris.graph(k) for k in keys]) + _drop_bookkeeping(keys) + _insert(quads, system))

    def remove_documents(self, keys: Sequence[str]) -> None:
        keys = list(dict.fromkeys(keys))
        self.write((_drop_graphs([iris.graph(k) for k in keys]) + _drop_bookkeeping(keys)).rstrip(" ;\n"))

    def add(self, quads: Iterable[Quad]) -> None:
        """Add quads to their named graphs (and to the merge), in one transaction."""
        quads = list(quads)
        self.write(_insert([q for q in quads if q.graph_name != iris.SYSTEM_GRAPH], [q for q in quads if q.graph_name == iris.SYSTEM_GRAPH]))

    def rewrite_graphs(self, operations: Sequence[Rewrite]) -> None:
        """Apply the same rewrite to every document graph and to the merge, in one
        transaction. A rewrite that maps each triple on its own (a node renamed,
        a label demoted) commutes with the merge, so the merge stays exact."""
        where = f"FILTER(STRSTARTS(STR(?g), {sparql_string(iris.GRAPH + 'doc/')}))"
        updates = []
        for op in operations:
            updates.append(f"DELETE {{ GRAPH ?g {{ {op.delete} }} }} INSERT {{ GRAPH ?g {{ {op.insert} }} }} "
                           f"WHERE {{ GRAPH ?g {{ {op.where} }} {where} }}")  # fmt: skip
            updates.append(f"DELETE {{ {op.delete} }} INSERT {{ {op.insert} }} WHERE {{ {op.where} }}")
        if updates:
            self.write(iris.sparql_prefixes() + " ;\n".join(updates))

    def documents(self) -> list[StoredDocument]:
        rows = self.query(
            iris.sparql_prefixes()
            + f"""SELECT ?doc ?sha ?name ?path WHERE {{
                ?doc bg:sha256 ?sha ; bg:fileName ?name .
                OPTIONAL {{ GRAPH {iris.SYSTEM_GRAPH} {{ ?doc bg:sourcePath ?path }} }}
            }} ORDER BY ?name"""
        )
        assert isinstance(rows, QuerySolutions)
        return [
            StoredDocument(
                key=iris.key_of(row["doc"].value) or row["doc"].value,
                sha256=row["sha"].value,
                file_name=row["name"].value,
                source_path=row["path"].value if row["path"] else None,
            )
            for row in rows
        ]

    def install_ontology(self) -> None:
        """(Re)load the package's ontology into its own graph."""
        quads = [
            Quad(t.subject, t.predicate, t.object, iris.ONTOLOGY_GRAPH)
            for name in ontology.ONTOLOGY_FILES
            for t in pyoxigraph.parse(ontology.read(name).encode(), RdfFormat.TURTLE)
        ]
        self.write(_drop_graphs([iris.ONTOLOGY_GRAPH]) + _insert(quads, ()))

    # --- export ----------------------------------------------------------------

    def export(self, out: Path | IO[bytes], fmt: RdfFormat, include_system: bool = False) -> int:
        """Write every named graph (not the system graph unless asked) and return the number of statements."""
        quads = [q for q in self.quads() if include_system or q.graph_name != iris.SYSTEM_GRAPH]
        if fmt.supports_datasets:
            pyoxigraph.serialize(quads, out, fmt, prefixes=_prefixes(fmt))
            return len(quads)
        triples = sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        pyoxigraph.serialize(triples, out, fmt, prefixes=_prefixes(fmt))
        return len(triples)


@dataclass(frozen=True)
class Rewrite:
    """A DELETE/INSERT over triple patterns, applied to every document graph and the merge."""

    delete: str
    insert: str
    where: str


def sparql_string(text: str) -> str:
    """Text as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _drop_graphs(graphs: Sequence[NamedNode]) -> str:
    """Drop named graphs, and from the merge every triple that no other graph (but bookkeeping) holds."""
    kept = f"?h NOT IN ({', '.join(map(str, graphs))}, {iris.SYSTEM_GRAPH})"
    # One DELETE per graph, each naming its graph: `GRAPH ?g … FILTER(?g IN …)` would scan every graph.
    return "".join(
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER({kept}) }} }} ;\n"
        for graph in graphs
    ) + "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in graphs)


def _drop_bookkeeping(keys: Iterable[str]) -> str:
    return "".join(f"DELETE WHERE {{ GRAPH {iris.SYSTEM_GRAPH} {{ {iris.entity(key)} ?p ?o }} }} ;\n" for key in keys)


def name_keys(quads: Iterable[Quad]) -> list[Quad]:
    """A bg:nameKey (`iris.name_key`) beside every name of a thing of ours (not of
    evidence), in the name's graph: saved queries find "ROS twente" or "Enschede"
    by an index lookup instead of comparing every label in the store."""
    quads = list(quads)
    evidence = {q.subject for q in quads if q.predicate == _TYPE and q.object == _EVIDENCE}
    return [
        Quad(q.subject, _NAME_KEY, Literal(iris.name_key(q.object.value)), q.graph_name)
        for q in quads
        if q.predicate in NAME_PREDICATES and isinstance(q.object, Literal) and isinstance(q.subject, NamedNode)
        and q.subject.value.startswith(iris.ID) and q.subject not in evidence
    ]  # fmt: skip


def _insert(quads: Sequence[Quad], system: Sequence[Quad]) -> str:
    """INSERT DATA of the quads (with their name keys) into their graphs and the merge, and of the bookkeeping."""
    quads = list(dict.fromkeys([*quads, *name_keys(quads)]))
    merge = "\n".join(sorted({f"{q.subject} {q.predicate} {q.object} ." for q in quads}))
    return f"INSERT DATA {{\n{sparql_data([*quads, *system])}\n{merge}\n}}"


def _prefixes(fmt: RdfFormat) -> dict[str, str] | None:
    return dict(iris.PREFIXES) if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None


def export_format(path: Path) -> RdfFormat:
    fmt = _EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path.name}: unknown export format (use one of {', '.join(_EXPORT_FORMATS)})")
    return fmt


class _Oxigraph(GraphStore):
    """Queries and updates on an Oxigraph database, however it was opened."""

    @abstractmethod
    def _db(self) -> pyoxigraph.Store:
        """The open database."""

    def _query(self, sparql: str, union: bool) -> QueryResult:
        try:
            return self._db().query(sparql, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise syntax_error(sparql, str(exc)) from exc
        except OSError as exc:  # a failed read, or a SERVICE call that failed
            raise QueryError(f"the query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            self._db().update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error in update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed ({exc})") from exc

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        quads = self._db().quads_for_pattern(None, None, None, graph)
        return quads if graph is not None else (q for q in quads if not isinstance(q.graph_name, DefaultGraph))


def _open_database(path: Path, read_only: bool) -> pyoxigraph.Store:
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(f"{path}: the store is in use by a process that does not take beleidsgraaf's locks") from exc
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc


def _existing(path: Path) -> Path:
    if not (path / "CURRENT").exists():
        raise StoreError(f"{path}: no store here (ingest something first, or pass --store)")
    return path


class OxigraphStore(_Oxigraph):
    """The embedded store: Oxigraph (RocksDB) in a folder, shared with other
    processes through the locks in `graph.locks`.

    A reader holds shared access from open to close: open it per command, or
    use `SharedReader` in a long-running process, or writers wait on it. A
    writer opens the database lazily under exclusive access and closes it
    between transactions when a reader is waiting.
    """

    def __init__(self, path: Path, read_only: bool = False, wait: float | None = None) -> None:
        self.location = str(path)
        self.read_only = read_only
        self._store: pyoxigraph.Store | None = None
        if read_only:
            _existing(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the store folder ({exc.strerror or exc})") from exc
        self._locks = StoreLocks(path, wait)
        try:
            if read_only:
                self._db()
            else:
                self._locks.become_writer()
        except BaseException:
            self._locks.close()
            raise

    def _db(self) -> pyoxigraph.Store:
        """The open database, opened (under the access lock) if need be."""
        if self._store is None:
            if not self._locks.has_access:
                self._locks.acquire_access(shared=self.read_only)
            self._store = _open_database(Path(self.location), self.read_only)
        return self._store

    def update(self, sparql: str) -> None:
        super().update(sparql)
        if self._locks.someone_waiting():
            self._release()  # between transactions: let the reader at the gate in

    def _release(self) -> None:
        # Dropping the handle closes RocksDB (waiting for its background work).
        self._store = None
        self._locks.release_access()

    def close(self) -> None:
        self._release()
        self._locks.close()


class _Snapshot(_Oxigraph):
    """A read-only database that `SharedReader` opened, for one session."""

    def __init__(self, db: pyoxigraph.Store, location: str) -> None:
        self.location = location
        self._database = db

    def _db(self) -> pyoxigraph.Store:
        return self._database


class SharedReader:
    """The way in for a long-running reader (a server): shared access per
    session (one request), the database kept open between sessions and
    reopened only when a writer has had the store since.

        reader = SharedReader(location)
        with reader.session() as store:  # a writer waits until this ends
            rows = list(store.query(sparql))  # consume results inside

    Sessions may overlap (one per request thread): the first takes the
    shared lock, the last lets it go, and none joins while the writer waits
    at the gate, so a busy server cannot starve an ingest.
    """

    def __init__(self, location: str | None = None, wait: float | None = None) -> None:
        path = _existing(Path(location or default_location()))
        self.location = str(path)
        self._locks = StoreLocks(path, wait)
        self._database: pyoxigraph.Store | None = None
        self._generation = ""
        self._active = 0
        self._turn = threading.Condition()

    @contextmanager
    def session(self) -> Iterator[GraphStore]:
        with self._turn:
            while self._active and self._locks.someone_waiting():
                self._turn.wait(0.05)  # let the writer in first
            if not self._active:
                self._enter()
            self._active += 1
            database = self._database
        assert database is not None
        try:
            yield _Snapshot(database, self.location)
        finally:
            with self._turn:
                self._active -= 1
                if not self._active:
                    self._locks.release_access()
                    self._turn.notify_all()

    def _enter(self) -> None:
        self._locks.acquire_access(shared=True)
        try:
            generation = self._locks.generation()
            if self._database is None or generation != self._generation:
                self._database = None  # close the old one first
                self._database = _open_database(Path(self.location), read_only=True)
                self._generation = generation
        except BaseException:
            self._locks.release_access()
            raise

    def close(self) -> None:
        self._database = None
        self._locks.close()


def detached(result: QueryResult) -> QueryResult:
    """The same answer, read out of the database so that it can be closed (or
    handed to a writer) before the caller looks at it."""
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        return pyoxigraph.parse_query_results(result.serialize(format=QueryResultsFormat.JSON), QueryResultsFormat.JSON)
    scratch = pyoxigraph.Store()
    scratch.extend(Quad(t.subject, t.predicate, t.object) for t in result)
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


class SharedStore(GraphStore):
    """A read-only store for a server: every call is one `SharedReader` session,
    so an ingest can write between two requests and a request never sees half
    a document."""

    def __init__(self, location: str | None = None, wait: float | None = None) -> None:
        self._reader = SharedReader(location, wait)
        self.location = self._reader.location

    def query(self, sparql: str) -> QueryResult:
        # Each session asks its own snapshot: an ingest may merge an older store meanwhile.
        with self._reader.session() as store:
            return detached(store.query(sparql))

    def _query(self, sparql: str, union: bool) -> QueryResult:
        with self._reader.session() as store:
            return detached(store._query(sparql, union))

    def update(self, sparql: str) -> None:
        raise StoreError(f"{self.location}: the server reads this store, it does not write it")

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        with self._reader.session() as store:
            return iter(list(store.quads(graph)))

    def close(self) -> None:
        self._reader.close()


def syntax_error(sparql: str, message: str) -> QueryError:
    """Oxigraph's "error at 3:2: expected …" as one line naming the line, column, its text and the cause."""
    match = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", message, re.S)
    if match is None:
        return QueryError(f"SPARQL syntax error: {' '.join(message.split())}")
    line, column, cause = int(match[1]), int(match[2]), " ".join(match[3].split())
    if "Prefix not found" in cause:
        cause = "unknown prefix (declare it with PREFIX)"
    elif len(cause) > 100:  # the parser lists every character class it would accept: keep the tokens
        tokens = re.findall(r'"([^"]+)"', cause)
        cause = "unexpected text" + (f", expected one of {' '.join(tokens[:12])}" if tokens else "")
    lines = sparql.splitlines()
    return SparqlSyntaxError(line, column, cause, lines[line - 1].strip() if 0 < line <= len(lines) else "")


def open_store(location: str | None = None, read_only: bool = False, wait: float | None = None) -> GraphStore:
    """The store at `location` (a folder or a SPARQL server's http(s) address), or the default one;
    `wait`: seconds to wait for another process's lock (default $BELEIDSGRAAF_LOCK_WAIT or 30)."""
    from beleidsgraaf.graph.remote import RemoteStore, is_remote  # remote imports this module

    location = location or default_location()
    if is_remote(location):
        return RemoteStore(location, read_only=read_only)
    return OxigraphStore(Path(location), read_only=read_only, wait=wait)
