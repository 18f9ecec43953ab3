"""The known graph (tests/data/known.trig): a few documents, projects, decisions, evidence and
bodies written by hand per contract.md, so tests can check exact answers."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from beleidsgraaf.graph.store import GraphStore, open_store
from tests.conftest import ROOT

KNOWN = ROOT / "tests" / "data" / "known.trig"


def load_known(store: GraphStore) -> GraphStore:
    """The known graph and the ontology, written through the store's own interface."""
    store.install_ontology()
    store.add(list(pyoxigraph.parse(path=KNOWN, format=RdfFormat.TRIG)))
    return store


def known_store(folder: Path) -> Path:
    """An embedded store in `folder` holding the known graph, closed again for others to open."""
    with open_store(str(folder)) as store:
        load_known(store)
    return folder
