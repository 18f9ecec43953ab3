"""What changed: documents, decisions, entities and relations added or removed.

Two ways to look back:

- `changes_since(store, network, moment)`: what the documents ingested at or
  after `moment` (their bg:ingestedAt in the system graph) brought in that no
  earlier document states. The store keeps no trace of what was removed, so
  this finds additions only.
- a snapshot: `take_snapshot(network)` summarises the graph (every node with
  its kind, label, date and file name; every relation as subject, predicate,
  object), `save` writes it as JSON, `load_snapshot` reads it back and
  `compare(before, after)` finds both additions and removals.

A document is a node of kind document that was ingested (it has a file name);
a decision is a node of kind decision; every other node is an entity.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from pyoxigraph import QuerySolutions

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.network import Network, NodeRef
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.ingest.model import Kind
from beleidsgraaf.ontology import iris

SNAPSHOT_FORMAT = "beleidsgraaf-snapshot"
SNAPSHOT_VERSION = 1


class SnapshotError(UsageError):
    """A snapshot file cannot be read or is not a snapshot."""


@dataclass(frozen=True)
class RelationRef:
    subject: NodeRef
    predicate: str
    label: str  # Dutch
    object: NodeRef

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject.iri, self.predicate, self.object.iri)


@dataclass(frozen=True)
class Snapshot:
    taken_at: str  # ISO 8601, UTC
    nodes: tuple[NodeRef, ...]
    relations: tuple[RelationRef, ...]

    def save(self, path: Path) -> None:
        data = {
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "taken_at": self.taken_at,
            "nodes": [asdict(node) for node in self.nodes],
            # Relations refer to nodes by IRI; their labels are in `nodes`.
            "relations": [{"subject": r.subject.iri, "predicate": r.predicate, "label": r.label, "object": r.object.iri}
                          for r in self.relations],
        }  # fmt: skip
        try:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            raise SnapshotError(f"{path}: kan de momentopname niet schrijven ({exc.strerror or exc})") from exc


@dataclass(frozen=True)
class Delta:
    documents: tuple[NodeRef, ...] = ()
    decisions: tuple[NodeRef, ...] = ()
    entities: tuple[NodeRef, ...] = ()
    relations: tuple[RelationRef, ...] = ()

    def __len__(self) -> int:
        return len(self.documents) + len(self.decisions) + len(self.entities) + len(self.relations)


@dataclass(frozen=True)
class Changes:
    since: str  # the moment or the snapshot's time
    added: Delta
    removed: Delta
    removals_known: bool  # False when looking back by date: the store forgets removals


def take_snapshot(
    network: Network, keep: Callable[[tuple[str, ...]], bool] = lambda graphs: True, taken_at: str | None = None
) -> Snapshot:
    """The network's nodes and relations (those whose document graphs `keep` accepts)."""
    graph = network.graph
    nodes = tuple(network.ref(n) for n, data in sorted(graph.nodes(data=True)) if keep(data["graphs"]))
    relations = tuple(
        RelationRef(network.ref(u), data["predicate"], data["label"], network.ref(v))
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["predicate"], e[1]))
        if keep(data["graphs"])
    )
    return Snapshot(taken_at or _now(), nodes, relations)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def load_snapshot(path: Path) -> Snapshot:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SnapshotError(f"{path}: kan de momentopname niet lezen ({exc.strerror or exc})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{path.name}: geen momentopname (geen geldige JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f"{path.name}: geen momentopname van beleidsgraaf (maak er een met --save-snapshot)")
    if data.get("version") != SNAPSHOT_VERSION:
        raise SnapshotError(
            f"{path.name}: momentopname versie {data.get('version')}, deze versie leest {SNAPSHOT_VERSION}"
        )
    try:
        nodes = {n["iri"]: NodeRef(**n) for n in data["nodes"]}
        relations = tuple(
            RelationRef(nodes[r["subject"]], r["predicate"], r["label"], nodes[r["object"]]) for r in data["relations"]
        )
        return Snapshot(str(data["taken_at"]), tuple(nodes.values()), relations)
    except (KeyError, TypeError) as exc:
        raise SnapshotError(f"{path.name}: momentopname is beschadigd (ontbrekend of onbekend veld {exc})") from exc


def _delta(nodes: Iterable[NodeRef], relations: Iterable[RelationRef]) -> Delta:
    nodes = sorted(nodes, key=lambda n: (n.label, n.iri))
    return Delta(
        documents=tuple(n for n in nodes if n.kind == Kind.DOCUMENT and n.file_name),
        decisions=tuple(n for n in nodes if n.kind == Kind.DECISION),
        entities=tuple(n for n in nodes if n.kind != Kind.DECISION and not (n.kind == Kind.DOCUMENT and n.file_name)),
        relations=tuple(sorted(relations, key=lambda r: (r.subject.label, r.label, r.object.label, r.key))),
    )


def compare(before: Snapshot, after: Snapshot, removals_known: bool = True) -> Changes:
    """What `after` has that `before` had not, and the other way round."""
    old_nodes = {n.iri: n for n in before.nodes}
    new_nodes = {n.iri: n for n in after.nodes}
    old_relations = {r.key: r for r in before.relations}
    new_relations = {r.key: r for r in after.relations}
    return Changes(
        since=before.taken_at,
        added=_delta((new_nodes[i] for i in new_nodes.keys() - old_nodes.keys()),
                     (new_relations[k] for k in new_relations.keys() - old_relations.keys())),
        removed=_delta((old_nodes[i] for i in old_nodes.keys() - new_nodes.keys()),
                       (old_relations[k] for k in old_relations.keys() - new_relations.keys())),
        removals_known=removals_known,
    )  # fmt: skip


def parse_moment(text: str) -> dt.datetime:
    """``2026-02-01`` (midnight UTC) or a full ISO 8601 time; a time without zone is UTC."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--since '{text}': geen datum (gebruik JJJJ-MM-DD, bijvoorbeeld 2026-02-01)") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def ingested_since(store: GraphStore, moment: dt.datetime) -> set[str]:
    """The graphs of the documents ingested at or after `moment`."""
    rows = store.query(
        iris.sparql_prefixes() + f"SELECT ?doc ?at WHERE {{ GRAPH {iris.SYSTEM_GRAPH} {{ ?doc bg:ingestedAt ?at }} }}"
    )
    assert isinstance(rows, QuerySolutions)
    return {
        iris.graph(key).value
        for row in rows
        if (key := iris.key_of(row["doc"].value)) is not None and parse_moment(row["at"].value) >= moment
    }


def changes_since(store: GraphStore, network: Network, moment: dt.datetime) -> Changes:
    """What documents ingested at or after `moment` added (removals are not recorded; use a snapshot)."""
    new = ingested_since(store, moment)

    def known_before(graphs: tuple[str, ...]) -> bool:
        # Stated by an earlier document (or by none: the link graph, untracked graphs).
        return not graphs or any(g not in new for g in graphs)

    before = take_snapshot(network, keep=known_before, taken_at=moment.isoformat())
    return compare(before, take_snapshot(network), removals_known=False)
