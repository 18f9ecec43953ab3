"""kill -9 in the middle of a folder ingest: every document is in the store
whole or not at all, readers during the run see the same, and running the
ingest again completes the rest."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from beleidsgraaf import corpus
from beleidsgraaf.executors import SerialExecutor, run_one
from beleidsgraaf.graph.build import document_quads
from beleidsgraaf.graph.store import GraphStore, name_keys, open_store
from beleidsgraaf.ingest.pipeline import Options, Timed
from beleidsgraaf.ontology import iris
from tests.conftest import Run
from tests.test_executors import _letters
from tests.test_store_cli import export_nq

LETTERS = 40


def _expected(files: list[Path]) -> dict[str, set[str]]:
    """Each document's graph as a clean single-document run builds it."""
    expected = {}
    for path in files:
        timed = run_one(path, Options())
        assert isinstance(timed, Timed)
        quads = document_quads(timed.extraction)
        expected[timed.extraction.document_key] = {str(q) for q in [*quads, *name_keys(quads)]}
    return expected


def _check_whole(store: GraphStore, expected: dict[str, set[str]]) -> set[str]:
    """Every document in the store is exactly its clean graph, bookkeeping included."""
    keys = {doc.key for doc in store.documents()}
    assert keys <= expected.keys()
    graphs = {g.value for g in (q.graph_name for q in store.quads()) if iris.is_document_graph(g.value)}
    assert graphs == {iris.graph(key).value for key in keys}, "a document graph without its document"
    for key in keys:
        assert {str(q) for q in store.quads(iris.graph(key))} == expected[key], f"document {key} is incomplete"
        bookkeeping = {q.predicate for q in store.quads(iris.SYSTEM_GRAPH) if q.subject == iris.entity(key)}
        assert {iris.term("bg:sourcePath"), iris.term("bg:ingestedAt"), iris.term("bg:status")} <= bookkeeping
    return keys


def test_kill_9_mid_ingest_leaves_whole_documents_and_a_rerun_completes(cli: Run, tmp_path: Path) -> None:
    files = _letters(tmp_path / "in", LETTERS)
    expected = _expected(files)
    store = tmp_path / "store"
    run = subprocess.Popen(
        [sys.executable, "-m", "beleidsgraaf", "ingest", tmp_path / "in", "--store", store],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    counts = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if (store / "CURRENT").exists():
            # Readers during the ingest: whole documents only, never fewer than before.
            with open_store(str(store), read_only=True, wait=30) as reader:
                counts.append(len(_check_whole(reader, expected)))
            if counts[-1] >= 5:
                break
        time.sleep(0.05)
    assert run.poll() is None, f"the ingest finished before it could be killed: {counts}"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert counts == sorted(counts)

    with open_store(str(store), read_only=True) as reader:
        survived = _check_whole(reader, expected)
    assert 5 <= len(survived) < LETTERS

    result = cli("ingest", tmp_path / "in", "--store", store)
    assert f"ingested {LETTERS - len(survived)}, unchanged {len(survived)}, failed 0" in result.stdout
    with open_store(str(store), read_only=True) as reader:
        assert _check_whole(reader, expected) == expected.keys()


def test_a_run_killed_before_linking_is_completed_by_the_next(
    cli: Run, tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents stored, the corpus-wide link pass never ran: the next run links."""
    clean = tmp_path / "clean"
    cli("ingest", samples, "--store", clean)

    def killed(store: GraphStore) -> None:
        raise KeyboardInterrupt  # the machine dies here

    crashed = tmp_path / "crashed"
    monkeypatch.setattr(corpus, "link", killed)
    with open_store(str(crashed)) as store, pytest.raises(KeyboardInterrupt):
        corpus.ingest(store, [samples], executor=SerialExecutor())
    monkeypatch.undo()
    assert "ingested 0, unchanged 3" in cli("ingest", samples, "--store", crashed).stdout
    assert export_nq(cli, crashed, tmp_path / "a.nq") == export_nq(cli, clean, tmp_path / "b.nq")
