"""Stores holding graphs built for a test: a TriG file, or relations written as
(subject key, predicate, object key) with every node a labelled bg:Project."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph

from beleidsgraaf.graph.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NETWORK_TRIG = FIXTURES / "network.trig"
_ID = "https://w3id.org/beleidsgraaf/id/"
_PREFIXES = """PREFIX bg: <https://w3id.org/beleidsgraaf/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
BASE <https://w3id.org/beleidsgraaf/id/>
"""


def trig_store(location: Path, trig: str) -> Path:
    """A new Oxigraph store at `location` holding the TriG, written through GraphStore.add."""
    quads = list(pyoxigraph.parse(trig.encode(), pyoxigraph.RdfFormat.TRIG))
    with open_store(str(location)) as store:
        store.add(quads)
    return location


def relations_store(location: Path, relations: Iterable[tuple[str, str, str]], graph: str = "doc/test") -> Path:
    """Each key becomes a bg:Project labelled with its last part (project/a → "a")."""
    relations = list(relations)
    keys = sorted({k for s, _, o in relations for k in (s, o)})
    nodes = "\n".join(f'<{k}> a bg:Project ; rdfs:label "{k.rsplit("/", 1)[-1]}" .' for k in keys)
    links = "\n".join(f"<{s}> {p} <{o}> ." for s, p, o in relations)
    return trig_store(location, f"{_PREFIXES}<https://w3id.org/beleidsgraaf/graph/{graph}> {{\n{nodes}\n{links}\n}}")


def iri(key: str) -> str:
    return _ID + key
