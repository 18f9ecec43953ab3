"""`beleidsgraaf query` as a user runs it, and the same commands against a real `oxigraph serve`."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from beleidsgraaf import queries
from tests.conftest import ROOT, Run
from tests.known import known_store
from tests.servers import oxigraph_server

PARAMETERLESS = [q.name for q in queries.catalogue() if not q.parameters]


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return known_store(tmp_path_factory.mktemp("known") / "store")


@pytest.fixture(scope="module")
def remote_seed(tmp_path_factory: pytest.TempPathFactory, cli: Run, samples: Path) -> Iterator[str]:
    """A real Oxigraph server holding the sample letters, ingested through --store http://…"""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        result = cli("ingest", samples, "--store", url)
        assert "ingested 3, unchanged 0, failed 0" in result.stdout
        yield url


def test_a_saved_query_file_with_parameters_as_csv(cli: Run, known: Path) -> None:
    result = cli("query", ROOT / "queries" / "lineage.rq", "--param", "x=ros twente", "--format", "csv", "--store", known)
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["direction", "node", "label"],
        ["predecessor", "https://w3id.org/beleidsgraaf/id/project/agenda-van-twente", "Agenda van Twente"],
        ["predecessor", "https://w3id.org/beleidsgraaf/id/project/rsia", "RSIA"],
    ]


def test_saved_query_by_name_as_table_and_json(cli: Run, known: Path) -> None:
    table = cli("query", "lineage", "-p", "x=RSIA", "--store", known).stdout
    assert "bgid:project/agenda-van-twente" in table and "successor" in table and "2 row(s)" in table
    result = json.loads(cli("query", "co-authors", "--format", "json", "--store", known).stdout)
    assert result["head"]["vars"] == ["a", "aLabel", "b", "bLabel", "documents"]
    assert [b["bLabel"]["value"] for b in result["results"]["bindings"]] == [
        "Provincie Overijssel", "college van burgemeester en wethouders van Losser"]


def test_inline_sparql_with_usual_prefixes_ask_and_construct(cli: Run, known: Path) -> None:
    tsv = cli("query", "SELECT ?o WHERE { $s bg:succeeds ?o }", "-p", "s=bgid:project/ros", "-f", "tsv", "--store", known)
    assert tsv.stdout.splitlines() == ["?o", "<https://w3id.org/beleidsgraaf/id/project/rsia>"]
    assert cli("query", "ASK { bgid:project\\/she bg:partOf bgid:project\\/ros }", "--store", known).stdout.strip() == "true"
    ttl = cli("query", "CONSTRUCT WHERE { ?a bg:succeeds ?b }", "-f", "ttl", "--store", known).stdout
    triples = {(t.subject.value, t.object.value) for t in pyoxigraph.parse(ttl.encode(), pyoxigraph.RdfFormat.TURTLE)}
    ids = "https://w3id.org/beleidsgraaf/id/project/"
    assert triples == {(ids + "ros", ids + "rsia"), (ids + "rsia", ids + "agenda-van-twente")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT * WHERE {\n  ?s ?p ?o\n  FILTER(\n}"], "SPARQL syntax error at line 4, column"),
        (["lineage", "--param", "y=ROS"], "lineage: unknown parameter 'y' (known: x)"),
        (["decided-by", "--param", "body=Losser", "--param", "to=gisteren"], "--param to=gisteren: not a valid date"),
        (["lineage"], "lineage: needs --param x="),
        (["missing.rq"], "missing.rq: no such query file"),
        (["SELECT * { ?s ?p ?o }", "--format", "ttl"], "--format ttl is for CONSTRUCT and DESCRIBE"),
    ],
)
def test_bad_queries_give_one_line(cli: Run, known: Path, args: list[str], message: str) -> None:
    result = cli("query", *args, "--store", known, check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", PARAMETERLESS)
def test_every_parameterless_query_runs_on_the_seeds_as_csv(cli: Run, seed_store: Path, name: str) -> None:
    result = cli("query", name, "--format", "csv", "--store", seed_store)
    header = result.stdout.splitlines()[0]
    assert header == ",".join(v for v in _variables(name))


def _variables(name: str) -> list[str]:
    query = queries.saved(name)
    assert query is not None
    store = pyoxigraph.Store()
    solutions = store.query(query.text)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return [v.value for v in solutions.variables]


def test_ingest_export_and_query_through_a_remote_store(cli: Run, remote_seed: str, seed_store: Path, samples: Path, tmp_path: Path) -> None:
    assert "ingested 0, unchanged 3" in cli("ingest", samples, "--store", remote_seed).stdout
    cli("export", tmp_path / "remote.nq", "--store", remote_seed)
    cli("export", tmp_path / "local.nq", "--store", seed_store)
    remote = set(pyoxigraph.parse(path=tmp_path / "remote.nq"))
    assert remote and remote == set(pyoxigraph.parse(path=tmp_path / "local.nq"))
    for name in PARAMETERLESS:
        embedded = cli("query", name, "--format", "csv", "--store", seed_store).stdout
        assert cli("query", name, "--format", "csv", "--store", remote_seed).stdout == embedded, name
    stats = cli("stats", "--store", remote_seed).stdout
    assert stats.splitlines()[0] == cli("stats", "--store", seed_store).stdout.splitlines()[0]


def test_remote_errors_are_one_line(cli: Run, remote_seed: str) -> None:
    bad = cli("query", "SELECT * WHERE { ?s ?p }", "--store", remote_seed, check=False)
    assert bad.returncode == 2 and "SPARQL syntax error at line 1" in bad.stderr and bad.stderr.count("\n") == 1
    gone = cli("query", "ASK {}", "--store", "http://127.0.0.1:9/", check=False)
    assert gone.returncode == 2 and "cannot reach the SPARQL server" in gone.stderr
