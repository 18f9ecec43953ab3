"""The corpus-wide pass: one real-world thing is one node across all documents.

Each document names its projects, documents and bodies by its own keys
(`project/ruimtelijke-ontwikkelstrategie-twente` in one letter,
`project/regionale-ontwikkel-strategie-twente` in another). This pass joins
nodes that share a distinctive name (a full name, or an abbreviation such as
"ROS" when nothing contradicts it), picks one IRI and one label per thing, and
rewrites the document graphs to use them — in one transaction, so a store is
never half-linked. It is a pure function of what is stored, so any ingest
order gives the same graph.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import QuerySolutions

from beleidsgraaf.graph.store import GraphStore, Rewrite, sparql_string
from beleidsgraaf.ingest import lexicon
from beleidsgraaf.ingest.entities import is_abbreviation
from beleidsgraaf.ontology import iris
from beleidsgraaf.ontology.iris import slug

LINKED_PREFIXES = ("project/", "document/", "body/")
_PREFERENCE = {"project/": 0, "document/": 1, "body/": 2}
_GENERIC = set(lexicon.GENERIC_DOCUMENTS) | set(lexicon.BODY_HEADS) | set(lexicon.DOCUMENT_HEADS) | set(lexicon.PROJECT_HEADS)


def normal(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    text = re.sub(r"[–—‐‑]", "-", text)
    return " ".join(text.split()).strip(" .,;:!")


@dataclass
class _Node:
    iri: str
    names: set[str] = field(default_factory=set)
    spellings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # normal name → as written
    name_graphs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # normal name → graphs

    @property
    def family(self) -> str:
        return "body" if iris.key_of(self.iri).startswith("body/") else "thing"  # type: ignore[union-attr]

    def distinctive(self) -> set[str]:
        return {n for n in self.names if len(n) > 2 and n not in _GENERIC}

    def places(self) -> set[str]:
        """The places an abbreviation is qualified with ('ros twente' → twente)."""
        return {n.split(None, 1)[1] for n in self.names if " " in n and _abbreviated(self.spellings[n])}


def _abbreviated(spellings: set[str]) -> bool:
    """Whether a name is an abbreviation (possibly with a place: 'ROS Twente'), as written."""
    return any(is_abbreviation(spelling.split()[0]) for spelling in spellings if spelling.split())


@dataclass(frozen=True)
class LinkReport:
    merged: int  # nodes folded into another
    clusters: int


def _nodes(store: GraphStore) -> dict[str, _Node]:
    filters = " || ".join(f'STRSTARTS(STR(?node), "{iris.ID}{prefix}")' for prefix in LINKED_PREFIXES)
    rows = store.query(
        iris.sparql_prefixes()
        + f"""SELECT ?g ?node ?p ?name WHERE {{
            GRAPH ?g {{ ?node ?p ?name . VALUES ?p {{ rdfs:label skos:altLabel }} }}
            FILTER(STRSTARTS(STR(?g), "{iris.GRAPH}doc/") && ({filters}))
        }}"""
    )
    assert isinstance(rows, QuerySolutions)
    nodes: dict[str, _Node] = {}
    for row in rows:
        node = nodes.setdefault(row["node"].value, _Node(row["node"].value))
        name = normal(row["name"].value)
        node.names.add(name)
        node.spellings[name].add(row["name"].value)
        node.name_graphs[name].add(row["g"].value)
    return nodes


def _clusters(nodes: dict[str, _Node]) -> list[list[_Node]]:
    parent = {iri: iri for iri in nodes}

    def find(iri: str) -> str:
        while parent[iri] != iri:
            parent[iri] = parent[parent[iri]]
            iri = parent[iri]
        return iri

    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in nodes.values():
        for name in node.distinctive():
            by_name[(node.family, name)].append(node.iri)
    for (_, name), members in sorted(by_name.items()):
        for other in members[1:]:
            a, b = nodes[members[0]], nodes[other]
            # "RES" may be two different strategies: an abbreviation joins only
            # when the places it is qualified with do not disagree.
            if " " not in name and _abbreviated(a.spellings[name]) and a.places() and b.places() and not a.places() & b.places():
                continue
            parent[find(a.iri)] = find(b.iri)
    groups: dict[str, list[_Node]] = defaultdict(list)
    for iri in sorted(nodes):
        groups[find(iri)].append(nodes[iri])
    return [group for group in groups.values() if len(group) > 1]


def _canonical(group: list[_Node]) -> tuple[str, str]:
    """The label a cluster keeps and the IRI minted from it.

    Both are computed from the (document, name) pairs of the cluster only,
    which rewriting never changes, so the result does not depend on the order
    documents were ingested in: the full name most documents use (longest, then
    alphabetical, at a tie), and a project IRI if any member is a project.
    """
    graphs: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, set[str]] = defaultdict(set)
    for node in group:
        for name, found_in in node.name_graphs.items():
            graphs[name] |= found_in
            spellings[name] |= node.spellings[name]
    full = [n for n in graphs if n not in _GENERIC and not _abbreviated(spellings[n])] or list(graphs)
    name = min(full, key=lambda n: (-len(graphs[n]), -len(n), n))
    label = min(spellings[name])
    keys = [iris.key_of(node.iri) or "" for node in group]
    prefix = min((p for p in LINKED_PREFIXES for key in keys if key.startswith(p)), key=_PREFERENCE.__getitem__)
    return iris.ID + prefix + slug(label), label


def link(store: GraphStore) -> LinkReport:
    """Join nodes that name the same thing across documents; return what changed."""
    groups = _clusters(_nodes(store))
    rewrites: list[Rewrite] = []
    merged = 0
    for group in groups:
        target, label = _canonical(group)
        for node in group:
            if node.iri == target:
                continue
            merged += 1
            old, new = f"<{node.iri}>", f"<{target}>"
            rewrites += [Rewrite(f"{old} ?p ?o", f"{new} ?p ?o", f"{old} ?p ?o"), Rewrite(f"?s ?p {old}", f"?s ?p {new}", f"?s ?p {old}")]
        name = sparql_string(label)
        rewrites.append(
            Rewrite(
                f"<{target}> rdfs:label ?l",
                f"<{target}> skos:altLabel ?l . <{target}> rdfs:label {name}",
                f"<{target}> rdfs:label ?l FILTER(?l != {name})",
            )
        )
    store.rewrite_graphs(rewrites)
    return LinkReport(merged=merged, clusters=len(groups))
