"""Graph questions on a `Network`: how two things hang together, a lineage,
hubs and clusters. Every function returns frozen dataclasses (the CLI prints
them, the web app renders them).

- `connect`: the shortest paths between two nodes, relations taken as
  undirected to find them, every step reported in its stated direction with
  its evidence. Paths are ranked by length, then by how many steps lack a
  quote, then by name, so the best explained of equally short paths comes first.
- `lineage`: predecessors and successors over bg:succeeds, bg:followedBy,
  bg:buildingBlockFor, bg:inputFor (and their subproperties), in time order.
- `hubs`: PageRank over "leans on" links (see `leaning_graph`).
- `clusters`: Louvain communities with a fixed seed, named by their most
  connected members.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.network import KIND_NL, EdgeEvidence, Network, NodeRef

# A relation whose subject comes first in time, and one whose subject comes after.
_EARLIER_FIRST = ("bg:followedBy", "bg:buildingBlockFor", "bg:inputFor")
_LATER_FIRST = ("bg:succeeds",)
_NO_DATE = "9999"  # sorts undated nodes after dated ones
# (an ancestor of the subject, a descendant): in a cycle of statements a node is both.
_ROLES = {(True, False): "voorganger", (False, True): "opvolger", (True, True): "voorganger en opvolger"}
CLUSTER_SEED = 7  # Louvain is randomised; a fixed seed gives the same clusters every run
_CLUSTER_NAME_SIZE = 3
_PATH_CANDIDATES = 200  # how many simple paths `connect` looks at before ranking them


@dataclass(frozen=True)
class Step:
    """One relation along a path, walked from `source` to `target`.

    `forward` says whether the relation was stated that way (source predicate
    target) or the other way round (target predicate source).
    """

    source: NodeRef
    target: NodeRef
    predicate: str
    label: str  # the relation in Dutch: "is onderdeel van"
    forward: bool
    evidence: tuple[EdgeEvidence, ...]

    def describe(self, quote_limit: int | None = None) -> str:
        """``SHE — is onderdeel van → ROS Twente (brief.pdf, p. 3: '…')``."""
        arrow = f"— {self.label} →" if self.forward else f"← {self.label} —"
        cite = f" ({self.evidence[0].cite(quote_limit)})" if self.evidence else " (zonder citaat)"
        return f"{self.source.label} {arrow} {self.target.label}{cite}"


Path = tuple[Step, ...]


@dataclass(frozen=True)
class Connection:
    source: NodeRef
    target: NodeRef
    paths: tuple[Path, ...]  # best first; empty when nothing connects them


@dataclass(frozen=True)
class LineageMember:
    node: NodeRef
    role: str  # "voorganger", "onderwerp", "opvolger", or "voorganger en opvolger" (in a cycle with the subject)
    links: tuple[Step, ...]  # the lineage relations to earlier members, as stated


@dataclass(frozen=True)
class Lineage:
    subject: NodeRef
    members: tuple[LineageMember, ...]  # in time order; only the subject when it has no lineage

    def chain(self) -> str:
        """``RSIA → ROS Twente → Uitvoeringsagenda``."""
        return " → ".join(m.node.label for m in self.members)


@dataclass(frozen=True)
class Hub:
    rank: int
    node: NodeRef
    score: float  # PageRank, summing to 1 over the graph
    leaned_on_by: int  # how many nodes lean on it directly


@dataclass(frozen=True)
class Cluster:
    number: int  # 1 = the largest
    name: str  # its most connected members' labels
    members: tuple[NodeRef, ...]  # most connected first


# --- connect --------------------------------------------------------------------


def _steps_between(network: Network, source: str, target: str) -> list[Step]:
    """Every relation between two neighbours, walked from `source`; those with a quote first."""
    graph = network.graph
    steps = [
        Step(network.ref(source), network.ref(target), data["predicate"], data["label"], u == source, data["evidence"])
        for u, v in ((source, target), (target, source))
        if graph.has_edge(u, v)
        for data in graph[u][v].values()
    ]
    return sorted(steps, key=lambda s: (not s.evidence, s.predicate, not s.forward))


def connect(network: Network, a: str, b: str, max_paths: int = 3) -> Connection:
    """The `max_paths` best shortest paths between the nodes named `a` and `b`."""
    if max_paths < 1:
        raise UsageError(f"--max {max_paths}: moet minstens 1 zijn")
    source, target = network.resolve(a), network.resolve(b)
    if source == target:
        raise UsageError(f"'{a}' en '{b}' zijn hetzelfde: {network.ref(source).label}")
    candidates = list(
        itertools.islice(_shortest_first(_weighted(network, nx.Graph()), source, target, max_paths), _PATH_CANDIDATES)
    )
    paths = [tuple(_steps_between(network, u, v)[0] for u, v in itertools.pairwise(nodes)) for nodes in candidates]
    # Among equally short paths, prefer those that go through what the letters say
    # things are to one another over "a letter mentions both", then quoted steps.
    paths.sort(
        key=lambda p: (
            len(p),
            sum(not network.ontology.specialises(s.predicate, "bg:related") for s in p),
            sum(not s.evidence for s in p),
            [s.target.label for s in p],
        )
    )
    return Connection(network.ref(source), network.ref(target), tuple(paths[:max_paths]))


def _shortest_first(graph: nx.Graph, source: str, target: str, wanted: int) -> Iterator[list[str]]:
    """Simple paths by length: at least `wanted`, and every path as short as the last of those."""
    last_length = 0
    try:
        for count, nodes in enumerate(nx.shortest_simple_paths(graph, source, target), start=1):
            if count > wanted and len(nodes) > last_length:
                return
            last_length = len(nodes)
            yield nodes
    except nx.NetworkXNoPath:
        return


# --- lineage --------------------------------------------------------------------


def _precedence(network: Network) -> nx.DiGraph:
    """Earlier → later, over the lineage relations, each link keeping its stated step."""
    order = nx.DiGraph()
    for u, v, data in network.graph.edges(data=True):
        predicate = data["predicate"]
        if any(network.ontology.specialises(predicate, base) for base in _EARLIER_FIRST):
            earlier, later = u, v
        elif any(network.ontology.specialises(predicate, base) for base in _LATER_FIRST):
            earlier, later = v, u
        else:
            continue
        step = Step(network.ref(u), network.ref(v), predicate, data["label"], True, data["evidence"])
        order.add_edge(earlier, later)
        order[earlier][later].setdefault("steps", []).append(step)
    return order


def _time_key(ref: NodeRef) -> tuple[str, str, str]:
    return (ref.date or _NO_DATE, ref.label, ref.iri)


def lineage(network: Network, name: str) -> Lineage:
    """The named node's predecessors and successors, in time order.

    The order is topological (a predecessor always before its successor);
    among nodes the relations do not order, the earlier date and then the
    name come first. A cycle in the statements (A follows B follows A) keeps
    its members together, ordered by date.
    """
    subject = network.resolve(name)
    order = _precedence(network)
    if subject not in order:
        return Lineage(network.ref(subject), (LineageMember(network.ref(subject), "onderwerp", ()),))
    before, after = nx.ancestors(order, subject), nx.descendants(order, subject)
    line = order.subgraph(before | after | {subject})
    components = nx.condensation(line)
    keys = {c: min(_time_key(network.ref(n)) for n in components.nodes[c]["members"]) for c in components}
    ordered = [
        node
        for component in nx.lexicographical_topological_sort(components, key=keys.__getitem__)
        for node in sorted(components.nodes[component]["members"], key=lambda n: _time_key(network.ref(n)))
    ]
    members = []
    for node in ordered:
        role = "onderwerp" if node == subject else _ROLES[(node in before, node in after)]
        links = tuple(step for earlier in sorted(line.predecessors(node)) for step in line[earlier][node]["steps"])
        members.append(LineageMember(network.ref(node), role, links))
    return Lineage(network.ref(subject), tuple(members))


# --- hubs -----------------------------------------------------------------------


def _weighted(network: Network, weighted: nx.Graph, turn_round: frozenset[str] = frozenset()) -> nx.Graph:
    """`network` as a simple graph whose link weights count the relations between
    two nodes; relations specialising one of `turn_round` point the other way."""
    weighted.add_nodes_from(sorted(network.graph.nodes))
    for u, v, data in sorted(network.graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        if u == v:
            continue
        if any(network.ontology.specialises(data["predicate"], base) for base in turn_round):
            u, v = v, u
        weight = weighted[u][v]["weight"] + 1 if weighted.has_edge(u, v) else 1
        weighted.add_edge(u, v, weight=weight)
    return weighted


def leaning_graph(network: Network) -> nx.DiGraph:
    """Who leans on whom: each relation points from a thing to what it builds on,
    belongs to or refers to, which is its stated direction (SHE is onderdeel van
    ROS, a document noemt ROS, ROS is een vervolg op RSIA) except for "wordt
    gevolgd door" and its subproperties, turned round (the later step builds on
    the earlier). Parallel relations add up as the link's weight."""
    leaning = _weighted(network, nx.DiGraph(), turn_round=frozenset({"bg:followedBy"}))
    assert isinstance(leaning, nx.DiGraph)
    return leaning


def hubs(network: Network, top: int | None = None, kind: str | None = None) -> tuple[Hub, ...]:
    """The nodes most leaned on, by PageRank (damping 0.85) over `leaning_graph`;
    the `top` first, of one `kind` (document, body, project, …) when given.

    PageRank rather than in-degree: being leaned on by something that is
    itself leaned on counts more, so the programme that projects, documents
    and decisions all hang from ranks above a body that merely signs letters.
    """
    if top is not None and top < 1:
        raise UsageError(f"--top {top}: moet minstens 1 zijn")
    if kind is not None and kind not in KIND_NL:
        raise UsageError(f"--kind {kind}: onbekende soort (kies uit {', '.join(KIND_NL)})")
    leaning = leaning_graph(network)
    if not leaning:
        return ()
    scores = nx.pagerank(leaning, alpha=0.85, weight="weight")
    ranked = sorted(
        (n for n in leaning if kind is None or network.ref(n).kind == kind),
        key=lambda n: (-round(scores[n], 12), network.ref(n).label, n),
    )[:top]
    return tuple(Hub(rank, network.ref(n), scores[n], leaning.in_degree(n)) for rank, n in enumerate(ranked, start=1))


# --- clusters -------------------------------------------------------------------


def clusters(network: Network) -> tuple[Cluster, ...]:
    """Louvain communities of the undirected graph (parallel relations add weight,
    seed `CLUSTER_SEED`), largest first; members ordered by their links inside
    the cluster, and the cluster named by its first members."""
    weighted = _weighted(network, nx.Graph())
    if not weighted:
        return ()
    communities = nx.community.louvain_communities(weighted, weight="weight", seed=CLUSTER_SEED)
    found = []
    for community in communities:
        inner = weighted.subgraph(community)
        members = sorted(community, key=lambda n: (-inner.degree(n, weight="weight"), network.ref(n).label, n))
        refs = tuple(network.ref(n) for n in members)
        found.append((refs, " / ".join(r.label for r in refs[:_CLUSTER_NAME_SIZE])))
    found.sort(key=lambda c: (-len(c[0]), c[1]))
    return tuple(Cluster(number, name, refs) for number, (refs, name) in enumerate(found, start=1))


def cluster_of(found: Iterable[Cluster], iri: str) -> Cluster | None:
    """The cluster holding the node with this IRI (for an entity page)."""
    return next((c for c in found if any(m.iri == iri for m in c.members)), None)
