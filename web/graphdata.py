"""The graph as griffiers see it: nodes of the contract's classes, the relations
between them in Dutch, and the quoted evidence of every statement.

Read from any `GraphStore` with a handful of SPARQL queries over the document
graphs, then filtered in memory (focus and hops, types, relations, dates): a
council's archive is thousands of nodes, not millions, and every view (a map
file, an entity page) needs the same selection rules.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from pyoxigraph import NamedNode, QuerySolutions

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.network import load_network
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ontology import iris


@dataclass(frozen=True)
class Kind:
    """One of the contract's node classes, as drawn and named for a griffier."""

    name: str  # stable id, used on the command line and in the page's filters
    root: str  # the contract class (CURIE)
    label: str  # Dutch, singular
    plural: str  # Dutch, for legends and filters
    color: str
    shape: str  # a vis-network shape


# Order is priority: a node typed both bg:Project and a document class (ROS as
# programme and strategy) is drawn as a project.
KINDS: tuple[Kind, ...] = (
    Kind("decision", "bg:Decision", "besluit", "besluiten", "#c0392b", "diamond"),
    Kind("meeting", "bg:Meeting", "vergadering", "vergaderingen", "#8e44ad", "triangle"),
    Kind("project", "bg:Project", "project", "projecten", "#d35400", "star"),
    Kind("body", "bg:Body", "orgaan", "organen", "#27ae60", "dot"),
    Kind("person", "foaf:Person", "persoon", "personen", "#7f6a4f", "hexagon"),
    Kind("document", "bg:Document", "document", "documenten", "#2e6da4", "square"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}

# The contract's relations between nodes, in the order a griffier reads them,
# with a short Dutch phrase: "X <phrase> Y".
RELATIONS: Mapping[str, str] = {
    "bg:succeeds": "is vervolg op",
    "bg:replaces": "komt in de plaats van",
    "bg:buildingBlockFor": "bouwsteen voor",
    "bg:inputFor": "input voor",
    "bg:partOf": "onderdeel van",
    "bg:alignsWith": "sluit aan op",
    "bg:followedBy": "wordt gevolgd door",
    "bg:about": "gaat over",
    "bg:decidedBy": "besloten door",
    "bg:reportedIn": "vermeld in",
    "bg:heldBy": "gehouden door",
    "bg:discusses": "bespreekt",
    "dcterms:creator": "opgesteld door",
    "bg:addressee": "gericht aan",
    "bg:signedBy": "ondertekend door",
    "bg:organOf": "orgaan van",
    "dcterms:references": "verwijst naar",
    "bg:mentions": "noemt",
}
# Statements about one node that evidence also backs (shown in its panel).
_FACT_LABELS: Mapping[str, str] = {
    "rdf:type": "is een",
    "bg:documentType": "documentsoort",
    "dcterms:date": "datum",
    "bg:decisionDate": "datum van besluit",
    "bg:date": "datum",
    "bg:decisionKind": "soort besluit",
    "rdfs:label": "naam",
    "skos:altLabel": "andere naam",
}
DEFAULT_HOPS = 2


_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def dutch_date(iso: str) -> str:
    """2025-05-20 → 20 mei 2025 (other strings unchanged)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def predicate_label(curie: str) -> str:
    """The Dutch phrase for a relation or fact, else its CURIE."""
    return RELATIONS.get(curie) or _FACT_LABELS.get(curie) or curie


@dataclass(frozen=True)
class Quote:
    """Where a statement was read: document, page, the sentence as it stands."""

    document: str  # the document's key
    document_label: str
    file_name: str | None
    page: int | None
    text: str


@dataclass(frozen=True)
class Statement:
    """A statement with its evidence; the object is a node key or a value."""

    subject: str
    predicate: str  # CURIE
    object: str
    object_is_node: bool
    quote: Quote
    # As a griffier reads it: "SHE · onderdeel van · ROS", labels kept even when a
    # selection leaves one end out of the map.
    text: str = ""


@dataclass(frozen=True)
class Node:
    key: str
    kind: Kind
    label: str
    type_label: str  # the most specific Dutch class name ("raadsinformatiebrief")
    aliases: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # ISO dates
    file_name: str | None = None  # set for ingested documents
    page_count: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    predicate: str  # CURIE, a key of RELATIONS
    quotes: tuple[Quote, ...] = ()

    @property
    def label(self) -> str:
        return RELATIONS[self.predicate]


@dataclass(frozen=True)
class Graph:
    nodes: Mapping[str, Node]
    edges: tuple[Edge, ...]
    statements: tuple[Statement, ...] = field(repr=False, default=())

    def quotes_about(self, key: str) -> list[Statement]:
        """Evidence of every statement with this node as subject or object."""
        return [s for s in self.statements if s.subject == key or (s.object_is_node and s.object == key)]

    def edges_of(self, key: str) -> list[Edge]:
        return [e for e in self.edges if key in (e.source, e.target)]


# --- reading -------------------------------------------------------------------


def _rows(store: GraphStore, sparql: str) -> QuerySolutions:
    result = store.query(iris.sparql_prefixes() + sparql)
    assert isinstance(result, QuerySolutions)
    return result


def load(store: GraphStore) -> Graph:
    """Every node of the contract's classes, their relations and all evidence.

    Built on the analysts' projection (`graph.network.load_network`: kinds from
    the ontology's subclasses, inverse properties turned round, names, edge
    evidence); added here are the griffier's choice of relations, readable names
    for untitled letters, page counts, and the evidence of every statement about
    a node (its date, its type: not only its relations), which its panel quotes.
    """
    network = load_network(store)
    info = network.ontology
    page_counts = {
        iris.key_of(row["doc"].value): int(row["pages"].value)
        for row in _rows(store, "SELECT ?doc ?pages WHERE { ?doc bg:pageCount ?pages }")
    }
    nodes: dict[str, Node] = {}
    for iri, data in network.graph.nodes(data=True):
        key = iris.key_of(iri)
        if key is None or data["kind"] not in KIND_BY_NAME:
            continue
        kind = KIND_BY_NAME[data["kind"]]
        specific = sorted(info.labels[c] for c in data["classes"]
                          if c != kind.root and c in info.labels and info.kind_of_class.get(c) == kind.name)  # fmt: skip
        label, dates = data["label"], (data["date"],) if data["date"] else ()
        if label == data["file_name"] and specific and dates:
            # A letter without a title: "Raadsinformatiebrief 20 mei 2025" reads better than its file name.
            label = f"{specific[0][:1].upper()}{specific[0][1:]} {dutch_date(dates[0])}"
        nodes[key] = Node(
            key=key,
            kind=kind,
            label=label,
            type_label=specific[0] if specific else kind.label,
            aliases=tuple(sorted({data["label"], *data["aliases"]} - {label})),
            dates=dates,
            file_name=data["file_name"],
            page_count=page_counts.get(key),
        )

    edges = []
    for source_iri, target_iri, predicate, data in network.graph.edges(keys=True, data=True):
        source, target = iris.key_of(source_iri), iris.key_of(target_iri)
        if predicate in RELATIONS and source in nodes and target in nodes and source != target:
            assert source is not None and target is not None
            edges.append(Edge(source, target, predicate, tuple(_quote(nodes, e.document, e.page, e.quote) for e in data["evidence"])))
    order = {p: i for i, p in enumerate(RELATIONS)}
    edges.sort(key=lambda e: (order[e.predicate], e.source, e.target))
    return Graph(nodes=nodes, edges=tuple(edges), statements=tuple(_statements(store, nodes)))


def _quote(nodes: Mapping[str, Node], document_iri: str, page: int | None, text: str) -> Quote:
    document = iris.key_of(document_iri) or document_iri
    known = nodes.get(document)
    return Quote(document, known.label if known else document, known.file_name if known else None, page, text)


def _statements(store: GraphStore, nodes: Mapping[str, Node]) -> Iterable[Statement]:
    rows = _rows(
        store,
        """SELECT ?s ?p ?o ?doc ?page ?quote WHERE {
              ?e a bg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; bg:quote ?quote .
              OPTIONAL { ?e prov:wasDerivedFrom ?doc } OPTIONAL { ?e bg:page ?page }
            }""",
    )
    seen: set[Statement] = set()
    for row in rows:
        subject = iris.key_of(row["s"].value)
        if subject is None or subject not in nodes:
            continue
        obj = row["o"]
        obj_key = iris.key_of(obj.value) if isinstance(obj, NamedNode) else None
        page = int(row["page"].value) if row["page"] else None
        quote = _quote(nodes, row["doc"].value if row["doc"] else "", page, row["quote"].value)
        if obj_key is not None and obj_key in nodes:
            value, is_node = obj_key, True
        elif isinstance(obj, NamedNode):  # a class or a concept: its local name reads best
            value, is_node = iris.curie(obj.value).split(":", 1)[-1], False
        else:
            value, is_node = obj.value, False
        predicate = iris.curie(row["p"].value)
        text = f"{nodes[subject].label} · {predicate_label(predicate)} · {nodes[value].label if is_node else value}"
        statement = Statement(subject, predicate, value, is_node, quote, text)
        if statement not in seen:
            seen.add(statement)
            yield statement


# --- names ---------------------------------------------------------------------


def fold(text: str) -> str:
    """A name as compared: no case, no accents, words joined by dashes ("Ruimtelijke
    Ontwikkelstrategie Twénte" → "ruimtelijke-ontwikkelstrategie-twente")."""
    return iris.name_key(text) if text.strip() else ""


def search(graph: Graph, query: str, limit: int = 20) -> list[Node]:
    """Nodes any of whose names match: exact first, then a name starting with the
    query, then any word of a name starting with it."""
    wanted = fold(query)
    if not wanted:
        return []
    ranked = []
    for node in graph.nodes.values():
        folded = [fold(name) for name in node.names]
        if wanted in folded or wanted == fold(node.key):
            rank = 0
        elif any(f.startswith(wanted) for f in folded):
            rank = 1
        elif any(f"-{wanted}" in f"-{f}" for f in folded):
            rank = 2
        else:
            continue
        ranked.append((rank, node.label.lower(), node))
    return [node for *_, node in sorted(ranked, key=lambda r: r[:2])][:limit]


def describe(node: Node) -> str:
    return f"{node.label} ({node.type_label})"


def resolve(graph: Graph, name: str) -> Node:
    """The one node named `name` (any alias, or its key), or a UsageError that lists candidates."""
    if name in graph.nodes:
        return graph.nodes[name]
    found = search(graph, name)
    exact = [n for n in found if fold(name) in {fold(x) for x in n.names}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise UsageError(f"'{name}' is meerdere knopen; kies er een: " + "; ".join(describe(n) for n in exact))
    if found:
        raise UsageError(f"geen knoop heet '{name}'; bedoelt u: " + "; ".join(describe(n) for n in found[:8]) + "?")
    raise UsageError(f"geen knoop heet '{name}' (zoek op een naam of afkorting uit de documenten)")


# --- selection -----------------------------------------------------------------


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def parse_date(text: str, option: str) -> str:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD, kept as an ISO prefix."""
    if not _DATE.fullmatch(text):
        raise UsageError(f"{option} {text}: geen datum (gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD)")
    try:
        dt.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        raise UsageError(f"{option} {text}: geen bestaande datum") from None
    return text


def parse_kinds(names: Sequence[str]) -> frozenset[str]:
    """Kind names as typed (English id or Dutch singular/plural, comma-separated allowed)."""
    lookup = {fold(n): k.name for k in KINDS for n in (k.name, k.label, k.plural)}
    return frozenset(_parse(names, lookup, "--types", ", ".join(k.label for k in KINDS)))


def parse_relations(names: Sequence[str]) -> frozenset[str]:
    """Relations as typed: the property's name (succeeds, bg:partOf) or its Dutch phrase."""
    lookup = {}
    for curie, label in RELATIONS.items():
        for name in (curie, curie.split(":")[1], label):
            lookup[fold(name)] = curie
    return frozenset(_parse(names, lookup, "--relations", ", ".join(c.split(":")[1] for c in RELATIONS)))


def _parse(names: Sequence[str], lookup: Mapping[str, str], option: str, known: str) -> list[str]:
    parsed = []
    for name in (part.strip() for value in names for part in value.split(",")):
        if not name:
            continue
        if fold(name) not in lookup:
            raise UsageError(f"{option} {name}: onbekend (kies uit: {known})")
        parsed.append(lookup[fold(name)])
    return parsed


def in_period(node: Node, since: str | None, until: str | None) -> bool:
    """Undated nodes (bodies, projects) are always in; dated ones when any date falls in."""
    if not node.dates or (since is None and until is None):
        return True
    return any((since is None or d[: len(since)] >= since) and (until is None or d[: len(until)] <= until) for d in node.dates)


@dataclass(frozen=True)
class Selection:
    focus: str | None = None  # any name of a node, or its key
    hops: int = DEFAULT_HOPS
    kinds: frozenset[str] = frozenset()  # empty: all
    relations: frozenset[str] = frozenset()  # empty: all
    since: str | None = None
    until: str | None = None


def select(graph: Graph, selection: Selection) -> tuple[Graph, Node | None]:
    """The part of the graph a map shows, and the focus node if one was named.

    Types, relations and dates filter first; then the focus keeps what lies
    within `hops` steps of it, whatever the direction of the relations. The
    focus itself stays, whatever its type or date.
    """
    focus = resolve(graph, selection.focus) if selection.focus else None
    keep = {
        key
        for key, node in graph.nodes.items()
        if (not selection.kinds or node.kind.name in selection.kinds) and in_period(node, selection.since, selection.until)
    }
    if focus:
        keep.add(focus.key)
    edges = [
        e for e in graph.edges if e.source in keep and e.target in keep and (not selection.relations or e.predicate in selection.relations)
    ]
    if focus:
        keep = _within(focus.key, edges, selection.hops)
        edges = [e for e in edges if e.source in keep and e.target in keep]
    nodes = {key: node for key, node in graph.nodes.items() if key in keep}
    statements = tuple(s for s in graph.statements if s.subject in nodes or (s.object_is_node and s.object in nodes))
    return replace(graph, nodes=nodes, edges=tuple(edges), statements=statements), focus


def _within(start: str, edges: Sequence[Edge], hops: int) -> set[str]:
    neighbours: dict[str, set[str]] = {}
    for edge in edges:
        neighbours.setdefault(edge.source, set()).add(edge.target)
        neighbours.setdefault(edge.target, set()).add(edge.source)
    seen, queue = {start: 0}, deque([start])
    while queue:
        key = queue.popleft()
        if seen[key] >= hops:
            continue
        for other in neighbours.get(key, ()):
            if other not in seen:
                seen[other] = seen[key] + 1
                queue.append(other)
    return set(seen)
