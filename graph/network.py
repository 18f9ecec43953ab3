"""The RDF graph as a networkx graph: the one projection every analysis uses.

`load_network(store)` reads the union of the document graphs and returns a
`Network`: a `networkx.MultiDiGraph` whose nodes are the instances (documents,
bodies, projects, decisions, meetings, people), keyed by IRI, and whose edges
are the relations between them, keyed by predicate, each with the evidence
(quote, page, document) it was read from. What a class or property *is* comes
from the package's ontology: subclasses give a node its kind, `owl:inverseOf`
turns `bg:hasPart` into `bg:partOf` the other way round, Dutch labels name the
relations. `resolve` finds a node by any of its names.

Node attributes: kind, classes, label, aliases, date, file_name, graphs.
Edge attributes: predicate, label, evidence (tuple of `EdgeEvidence`), graphs.
`write_network` flattens these for GraphML and GEXF (Gephi).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph
from pyoxigraph import QuerySolutions, RdfFormat

from beleidsgraaf import ontology
from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.build import KIND_CLASS
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ingest.model import Kind
from beleidsgraaf.ontology import iris

OTHER = "other"  # an endpoint of a relation whose class says nothing we know
# When a node has several kinds (ROS: a programme and its strategy document),
# the first of these names it.
_KIND_ORDER = (Kind.PROJECT, Kind.DECISION, Kind.MEETING, Kind.BODY, Kind.PERSON, Kind.DOCUMENT)
KIND_NL = {Kind.DOCUMENT: "document", Kind.BODY: "orgaan", Kind.PROJECT: "project", Kind.DECISION: "besluit",
           Kind.MEETING: "vergadering", Kind.PERSON: "persoon", OTHER: "overig"}  # fmt: skip
# Predicates that tie an evidence node to its statement: never relations themselves.
_REIFICATION = ("rdf:subject", "rdf:predicate", "rdf:object", "prov:wasDerivedFrom", "rdf:type")
_NAME_PROPERTIES = ("rdfs:label", "skos:prefLabel", "foaf:name")
_DATE_PROPERTIES = ("dcterms:date", "bg:decisionDate", "bg:date")
_GEPHI_FORMATS = (".graphml", ".gexf")
_SEPARATOR = " | "  # joins the parts of a list in GraphML/GEXF, position by position
# Characters XML 1.0 cannot hold; PDF text brings them along (form feeds, stray controls).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class UnknownNameError(UsageError):
    """No node is called that."""

    def __init__(self, name: str, suggestions: Iterable[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f" (bedoelde u: {', '.join(self.suggestions)}?)" if self.suggestions else ""
        super().__init__(f"'{name}': geen document, orgaan, project, besluit, vergadering of persoon heet zo{hint}")


class AmbiguousNameError(UsageError):
    """Several nodes are called that; the message lists them."""

    def __init__(self, name: str, candidates: Iterable[NodeRef]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{c.label} ({KIND_NL[c.kind]}, {iris.curie(c.iri)})" for c in self.candidates)
        super().__init__(f"'{name}' is dubbelzinnig, dat kan zijn: {listed} (geef een preciezere naam of de IRI)")


@dataclass(frozen=True)
class NodeRef:
    """A node as results name it."""

    iri: str
    label: str
    kind: str
    date: str | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class EdgeEvidence:
    """Where one relation was read."""

    document: str  # IRI of the ingested document
    document_label: str
    file_name: str | None
    page: int | None
    quote: str

    def cite(self, limit: int | None = None) -> str:
        """``brief.pdf, p. 3: '…'``: the quote cut at `limit` characters when asked."""
        quote = self.quote if limit is None or len(self.quote) <= limit else self.quote[: limit - 1].rstrip() + "…"
        page = f", p. {self.page}" if self.page is not None else ""
        return f"{self.file_name or self.document_label}{page}: '{quote}'"


@dataclass(frozen=True)
class Ontology:
    """What the projection needs from the ontology, read once from the package's Turtle."""

    labels: Mapping[str, str]  # property or class CURIE → Dutch label
    inverse_of: Mapping[str, str]  # bg:hasPart → bg:partOf
    super_properties: Mapping[str, frozenset[str]]  # reflexive-transitive rdfs:subPropertyOf
    kind_of_class: Mapping[str, Kind]
    alias_properties: tuple[str, ...]  # skos:altLabel and its subproperties

    def specialises(self, predicate: str, base: str) -> bool:
        return base in self.super_properties.get(predicate, frozenset({predicate}))

    def label(self, predicate: str) -> str:
        return self.labels.get(predicate, predicate)


@cache
def ontology_info() -> Ontology:
    store = pyoxigraph.Store()
    for name in ontology.ONTOLOGY_FILES:
        store.load(ontology.read(name).encode(), RdfFormat.TURTLE)

    def pairs(sparql: str) -> list[tuple[str, str]]:
        rows = store.query(iris.sparql_prefixes() + sparql)
        assert isinstance(rows, QuerySolutions)
        return [
            (
                iris.curie(row[0].value),
                row[1].value if isinstance(row[1], pyoxigraph.Literal) else iris.curie(row[1].value),
            )
            for row in rows
        ]

    supers: dict[str, set[str]] = defaultdict(set)
    for prop, sup in pairs("SELECT ?p ?q WHERE { ?p rdfs:subPropertyOf* ?q . ?p a ?t . FILTER(isIRI(?p)) }"):
        supers[prop] |= {prop, sup}
    classes = {iris.curie(iris.bg_class(KIND_CLASS[kind]).value): kind for kind in Kind}
    kind_of_class = {
        sub: classes[sup] for sub, sup in pairs("SELECT ?c ?k WHERE { ?c rdfs:subClassOf* ?k }") if sup in classes
    }
    return Ontology(
        labels=dict(pairs('SELECT ?p ?l WHERE { ?p rdfs:label ?l FILTER(lang(?l) = "nl") }')),
        inverse_of=dict(pairs("SELECT ?p ?q WHERE { ?p owl:inverseOf ?q }")),
        super_properties={p: frozenset(s) for p, s in supers.items()},
        kind_of_class={**classes, **kind_of_class},
        alias_properties=(
            "skos:altLabel",
            *sorted(p for p, s in supers.items() if "skos:altLabel" in s and p != "skos:altLabel"),
        ),
    )


@dataclass(frozen=True, eq=False)
class Network:
    """The projected graph and the index of every node's names.

    Compared and hashed by identity, so a caller may cache answers per loaded network.
    """

    graph: nx.MultiDiGraph
    names: Mapping[str, tuple[tuple[str, bool], ...]]  # normalised name → (node, is its main label)
    ontology: Ontology

    def ref(self, node: str) -> NodeRef:
        data = self.graph.nodes[node]
        return NodeRef(node, data["label"], data["kind"], data["date"], data["file_name"])

    def resolve(self, name: str) -> str:
        """The node called `name`: its IRI or CURIE, or any of its names (label or
        alias, compared without case, accents or punctuation).

        When some nodes carry the name as their main label only those count (a
        main label beats an alias); one match is the answer, several raise
        `AmbiguousNameError` listing them, none `UnknownNameError` with the
        closest names as suggestions.
        """
        for candidate in (name, _expand(name)):
            if candidate in self.graph:
                return candidate
        matches = self.names.get(iris.name_key(name), ())
        labelled = [node for node, is_label in matches if is_label]
        found = sorted(set(labelled or [node for node, _ in matches]))
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError(name, sorted((self.ref(n) for n in found), key=lambda r: (r.label, r.iri)))
        close = difflib.get_close_matches(iris.name_key(name), list(self.names), n=3, cutoff=0.75)
        raise UnknownNameError(name, [self.ref(self.names[c][0][0]).label for c in close])


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return iris.PREFIXES[prefix] + local if prefix in iris.PREFIXES and local and not local.startswith("//") else name


def _rows(store: GraphStore, sparql: str) -> QuerySolutions:
    rows = store.query(iris.sparql_prefixes() + sparql)
    assert isinstance(rows, QuerySolutions)
    return rows


# Only instances count, and never the bookkeeping or ontology graphs.
_INSTANCE_FILTER = f'STRSTARTS(STR(?n), "{iris.ID}") && ?g != {iris.SYSTEM_GRAPH} && ?g != {iris.ONTOLOGY_GRAPH}'


def load_network(store: GraphStore) -> Network:
    """Project the store (union of its document graphs) into a `Network`."""
    info = ontology_info()
    classes: dict[str, set[str]] = defaultdict(set)
    graphs: dict[str, set[str]] = defaultdict(set)
    for row in _rows(
        store, f"SELECT ?n ?c ?g WHERE {{ GRAPH ?g {{ ?n a ?c }} FILTER({_INSTANCE_FILTER} && isIRI(?c)) }}"
    ):
        classes[row["n"].value].add(iris.curie(row["c"].value))
        graphs[row["n"].value].add(row["g"].value)
    evidence_nodes = {n for n, cs in classes.items() if "bg:Evidence" in cs}

    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    name_properties = (*_NAME_PROPERTIES, *info.alias_properties)
    for row in _rows(
        store,
        f"""SELECT ?n ?p ?v ?g WHERE {{ GRAPH ?g {{ ?n ?p ?v }}
                     VALUES ?p {{ {" ".join((*name_properties, *_DATE_PROPERTIES, "bg:fileName"))} }}
                     FILTER({_INSTANCE_FILTER} && isLiteral(?v)) }}""",
    ):
        names[row["n"].value][iris.curie(row["p"].value)].add(row["v"].value)
        graphs[row["n"].value].add(row["g"].value)

    relations: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in _rows(
        store,
        f"""SELECT ?n ?p ?o ?g WHERE {{ GRAPH ?g {{ ?n ?p ?o }}
                     FILTER({_INSTANCE_FILTER} && isIRI(?o) && STRSTARTS(STR(?o), "{iris.ID}")
                            && ?p NOT IN ({", ".join(_REIFICATION)})) }}""",
    ):
        subject, predicate, obj = row["n"].value, iris.curie(row["p"].value), row["o"].value
        if subject in evidence_nodes or obj in evidence_nodes:
            continue
        if predicate in info.inverse_of:  # state it one way only
            subject, predicate, obj = obj, info.inverse_of[predicate], subject
        relations[(subject, predicate, obj)].add(row["g"].value)

    graph = nx.MultiDiGraph()
    nodes = sorted({n for n in (classes.keys() | names.keys()) - evidence_nodes if _kind(classes[n], info) != OTHER}
                   | {n for s, _, o in relations for n in (s, o)})  # fmt: skip
    for node in nodes:
        graph.add_node(node, **_node_attributes(node, classes[node], names[node], graphs[node], info))
    for (subject, _, obj), stated_in in relations.items():
        graphs[subject] |= stated_in
        graphs[obj] |= stated_in
    for node in nodes:
        graph.nodes[node]["graphs"] = _document_graphs(graphs[node])

    evidence = _evidence(store, graph, info)
    for (subject, predicate, obj), stated_in in sorted(relations.items()):
        graph.add_edge(
            subject, obj, key=predicate, predicate=predicate, label=info.label(predicate),
            evidence=tuple(sorted(evidence.get((subject, predicate, obj), ()), key=_evidence_order)),
            graphs=_document_graphs(stated_in),
        )  # fmt: skip
    return Network(graph, _name_index(graph), info)


def _kind(classes: set[str], info: Ontology) -> str:
    kinds = {info.kind_of_class[c] for c in classes if c in info.kind_of_class}
    return next((kind.value for kind in _KIND_ORDER if kind in kinds), OTHER)


def _node_attributes(
    node: str, classes: set[str], names: Mapping[str, set[str]], graphs: set[str], info: Ontology
) -> dict[str, object]:
    main = sorted(
        names.get("rdfs:label") or names.get("skos:prefLabel") or names.get("foaf:name") or {iris.key_of(node) or node}
    )
    every = {v for p in (*_NAME_PROPERTIES, *info.alias_properties) for v in names.get(p, ())}
    dates = sorted(v[:10] for p in _DATE_PROPERTIES for v in names.get(p, ()))
    file_names = sorted(names.get("bg:fileName", ()))
    return {
        "kind": _kind(classes, info),
        "classes": tuple(sorted(classes)),
        "label": main[0],
        "aliases": tuple(sorted(every - {main[0]})),
        "date": dates[0] if dates else None,
        "file_name": file_names[0] if file_names else None,
    }


def _document_graphs(graphs: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(g for g in graphs if iris.is_document_graph(g)))


def _evidence_order(evidence: EdgeEvidence) -> tuple[str, int, str]:
    return (evidence.file_name or evidence.document_label, evidence.page or 0, evidence.quote)


def _evidence(
    store: GraphStore, graph: nx.MultiDiGraph, info: Ontology
) -> dict[tuple[str, str, str], set[EdgeEvidence]]:
    found: dict[tuple[str, str, str], set[EdgeEvidence]] = defaultdict(set)
    rows = _rows(
        store,
        """SELECT ?s ?p ?o ?doc ?page ?quote WHERE {
        ?e a bg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ; bg:quote ?quote .
        OPTIONAL { ?e bg:page ?page } FILTER(isIRI(?o)) }""",
    )
    for row in rows:
        subject, predicate, obj = row["s"].value, iris.curie(row["p"].value), row["o"].value
        if predicate in info.inverse_of:
            subject, predicate, obj = obj, info.inverse_of[predicate], subject
        document = row["doc"].value
        known = graph.nodes.get(document, {})  # the ingested document is a node: its label and file name
        found[(subject, predicate, obj)].add(EdgeEvidence(
            document=document,
            document_label=known.get("label", iris.curie(document)),
            file_name=known.get("file_name"),
            page=int(row["page"].value) if row["page"] else None,
            quote=row["quote"].value,
        ))  # fmt: skip
    return found


def _name_index(graph: nx.MultiDiGraph) -> dict[str, tuple[tuple[str, bool], ...]]:
    index: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for node, data in graph.nodes(data=True):
        index[iris.name_key(data["label"])].add((node, True))
        for alias in data["aliases"]:
            index[iris.name_key(alias)].add((node, False))
    return {name: tuple(sorted(entries, key=lambda e: (not e[1], e[0]))) for name, entries in index.items()}


# --- GraphML / GEXF -----------------------------------------------------------


def flat_graph(network: Network) -> nx.MultiDiGraph:
    """The graph with only strings and numbers as attributes, as GraphML and GEXF need.

    Lists become one string joined by " | " (aliases, classes) and evidence
    becomes three such strings, position by position (quote, page, document),
    so a quote can be matched to its page again; an unknown value is "".
    Characters XML cannot hold are dropped. Edges get unique ids (GEXF and
    Gephi want them); the relation is in `predicate` and its Dutch name in `label`.
    """
    flat = nx.MultiDiGraph()
    for node, data in network.graph.nodes(data=True):
        flat.add_node(node, **_xml_safe(
            label=data["label"], kind=data["kind"], classes=_SEPARATOR.join(data["classes"]),
            aliases=_SEPARATOR.join(data["aliases"]), date=data["date"] or "", file_name=data["file_name"] or "",
        ))  # fmt: skip
    for number, (subject, obj, data) in enumerate(network.graph.edges(data=True), start=1):
        evidence: tuple[EdgeEvidence, ...] = data["evidence"]
        flat.add_edge(subject, obj, key=f"e{number}", evidence=len(evidence), **_xml_safe(
            predicate=data["predicate"], label=data["label"], quote=_SEPARATOR.join(e.quote for e in evidence),
            page=_SEPARATOR.join("" if e.page is None else str(e.page) for e in evidence),
            document=_SEPARATOR.join(e.file_name or e.document_label for e in evidence),
        ))  # fmt: skip
    return flat


def _xml_safe(**attributes: str) -> dict[str, str]:
    return {name: _NOT_XML.sub("", value) for name, value in attributes.items()}


def write_network(network: Network, path: Path) -> tuple[int, int]:
    """Write GraphML or GEXF (by the file's extension); returns (nodes, edges)."""
    suffix = path.suffix.lower()
    if suffix not in _GEPHI_FORMATS:
        raise UsageError(f"{path.name}: onbekend formaat (gebruik {' of '.join(_GEPHI_FORMATS)})")
    flat = flat_graph(network)
    try:
        if suffix == ".graphml":
            nx.write_graphml(flat, path)
        else:
            nx.write_gexf(flat, path)
    except OSError as exc:
        raise UsageError(f"{path}: kan niet schrijven ({exc.strerror or exc})") from exc
    return flat.number_of_nodes(), flat.number_of_edges()
