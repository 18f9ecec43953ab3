"""Concurrent use of one store: one writer at a time, readers see whole
documents and get in between the writer's transactions, nobody waits forever."""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from beleidsgraaf.corpus import ingest
from beleidsgraaf.errors import StoreLockedError
from beleidsgraaf.executors import SerialExecutor
from beleidsgraaf.graph.locks import LOCK_WAIT_ENV, StoreLocks
from beleidsgraaf.graph.store import GraphStore, SharedReader, open_store
from tests.conftest import Run
from tests.pdfs import write_pdf
from tests.servers import free_port, running
from tests.test_executors import _letters


def _ingest(store: GraphStore, *paths: Path) -> None:
    report = ingest(store, paths, executor=SerialExecutor())
    assert len(report.ingested) == len(paths)


def _names(store: GraphStore) -> list[str]:
    return [doc.file_name for doc in store.documents()]


def test_a_second_writer_is_refused_with_one_clear_line(cli: Run, tmp_path: Path) -> None:
    (letter,) = _letters(tmp_path / "in", 1)
    store = tmp_path / "store"
    with open_store(str(store)) as writer:
        _ingest(writer, letter)
        env = {**os.environ, LOCK_WAIT_ENV: "0.5"}
        result = cli("ingest", letter, "--store", store, check=False, env=env)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"beleidsgraaf: {store}: another process (pid {os.getpid()}) is writing to this store "
            "(an ingest or remove); waited 0.5 s, try again when it is done"
        )
        # A reader asking while the writer holds the database open is told so, too.
        result = cli("stats", "--store", store, check=False, env=env)
        assert result.returncode == 2 and "another process is writing to the store" in result.stderr
    assert cli("stats", "--store", store).stdout.startswith("documents 1,")


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    first, second = _letters(tmp_path / "in", 2)
    store = str(tmp_path / "store")
    writer = open_store(store)
    _ingest(writer, first)
    threading.Timer(0.5, writer.close).start()
    started = time.monotonic()
    with open_store(store, wait=10) as other:
        assert time.monotonic() - started >= 0.4
        _ingest(other, second)
        assert _names(other) == ["brief-00.pdf", "brief-01.pdf"]


def test_a_reader_gets_in_between_transactions_and_sees_whole_documents(tmp_path: Path) -> None:
    letters = _letters(tmp_path / "in", 3)
    store = str(tmp_path / "store")
    seen: list[list[str]] = []
    with open_store(store) as writer:
        _ingest(writer, letters[0])

        def read() -> None:
            with open_store(store, read_only=True, wait=10) as reader:
                seen.append(_names(reader))
                time.sleep(0.3)  # the writer's next transaction waits for this

        thread = threading.Thread(target=read)
        thread.start()
        gate = StoreLocks(tmp_path / "store")
        while not gate.someone_waiting():  # the reader stands at the gate
            time.sleep(0.01)
        gate.close()
        started = time.monotonic()
        _ingest(writer, letters[1])  # commits, sees the reader waiting, steps aside; its next write waits
        _ingest(writer, letters[2])
        assert time.monotonic() - started >= 0.2, "the writer did not wait for the reader"
        thread.join()
        assert seen == [["brief-00.pdf", "brief-01.pdf"]]
        assert _names(writer) == ["brief-00.pdf", "brief-01.pdf", "brief-02.pdf"]


def test_a_writer_gives_up_on_a_reader_that_never_leaves(tmp_path: Path) -> None:
    first, second = _letters(tmp_path / "in", 2)
    store = str(tmp_path / "store")
    with open_store(store) as writer:
        _ingest(writer, first)
    with open_store(store, read_only=True) as reader, open_store(store, wait=0.3) as writer:
        with pytest.raises(StoreLockedError, match="readers are using the store; waited 0.3 s"):
            _ingest(writer, second)
        assert _names(reader) == ["brief-00.pdf"]


def test_a_long_running_reader_holds_nothing_between_sessions_and_sees_each_commit(tmp_path: Path) -> None:
    letters = _letters(tmp_path / "in", 3)
    store = str(tmp_path / "store")
    with open_store(store) as writer:
        _ingest(writer, letters[0])
    reader = SharedReader(store)
    try:
        with reader.session() as snapshot:
            assert _names(snapshot) == ["brief-00.pdf"]
            database = reader._database  # kept open between sessions (white box: that is the point)
        with reader.session() as snapshot:
            assert reader._database is database and _names(snapshot) == ["brief-00.pdf"]
        # Between sessions a writer is not kept waiting ...
        with open_store(store, wait=0.5) as writer:
            _ingest(writer, letters[1])
            impatient = SharedReader(store, wait=0.3)
            with pytest.raises(StoreLockedError, match="another process is writing to the store"):
                with impatient.session():
                    pass  # ... and while it has the database, no session starts
            impatient.close()
        # After a writer has been, the next session reopens and sees its commit.
        with reader.session() as snapshot:
            assert reader._database is not database
            assert _names(snapshot) == ["brief-00.pdf", "brief-01.pdf"]
    finally:
        reader.close()


def test_overlapping_sessions_keep_the_store_until_the_last_one_ends(tmp_path: Path) -> None:
    first, second = _letters(tmp_path / "in", 2)
    store = str(tmp_path / "store")
    with open_store(store) as writer:
        _ingest(writer, first)
    reader = SharedReader(store)
    try:
        with reader.session():
            with reader.session():
                pass  # one request ends while another is still reading
            with pytest.raises(StoreLockedError, match="readers are using the store"):
                with open_store(store, wait=0.3) as writer:
                    _ingest(writer, second)
        with open_store(store, wait=5) as writer:
            _ingest(writer, second)
    finally:
        reader.close()


def test_a_busy_server_does_not_starve_an_ingest(tmp_path: Path) -> None:
    letters = _letters(tmp_path / "in", 3)
    store = str(tmp_path / "store")
    with open_store(store) as writer:
        _ingest(writer, letters[0])
    reader = SharedReader(store, wait=10)
    stop = threading.Event()
    seen: list[list[str]] = []

    def serve() -> None:  # requests that always overlap one another
        while not stop.is_set():
            with reader.session() as snapshot:
                seen.append(_names(snapshot))
                time.sleep(0.05)

    threads = [threading.Thread(target=serve) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        with open_store(store, wait=5) as writer:
            _ingest(writer, letters[1], letters[2])
        time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        reader.close()
    whole = {("brief-00.pdf",), ("brief-00.pdf", "brief-01.pdf"), ("brief-00.pdf", "brief-01.pdf", "brief-02.pdf")}
    assert {tuple(names) for names in seen} <= whole
    assert seen[0] == ["brief-00.pdf"] and seen[-1] == ["brief-00.pdf", "brief-01.pdf", "brief-02.pdf"]


def test_an_ingest_lands_while_the_server_runs_and_the_server_then_sees_it(cli: Run, writable_store: Path, tmp_path: Path) -> None:
    """`serve` shares the store per request, so ingests need not wait for it to stop."""
    port = free_port()
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d <https://w3id.org/beleidsgraaf/def#sha256> ?s }"
    command = [sys.executable, "-m", "beleidsgraaf", "serve", "--store", writable_store, "--port", str(port)]
    with running(command, f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"):

        def documents() -> int:
            answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": count}, headers={"Accept": "application/sparql-results+json"})
            return int(answer.json()["results"]["bindings"][0]["n"]["value"])

        assert documents() == 3
        letter = write_pdf(tmp_path / "nieuw.pdf", [["Geachte leden van de raad,", "Een nieuwe brief over de binnenstad van Deventer."]])
        result = cli("ingest", letter, "--store", writable_store, env={**os.environ, "BELEIDSGRAAF_LOCK_WAIT": "20"})
        assert "ingested 1" in result.stdout
        assert documents() == 4
