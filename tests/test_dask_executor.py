"""Distributed ingest on a real local Dask cluster gives the serial run's graph, byte for byte."""
from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from beleidsgraaf.dask_executor import DaskExecutor
from beleidsgraaf.errors import EncryptedPdfError, InputError
from beleidsgraaf.executors import SerialExecutor
from beleidsgraaf.ingest.pipeline import Options, Timed
from tests.conftest import Run
from tests.pdfs import write_pdf

LETTER = [
    [
        "Gemeente Enschede",
        "Aan de gemeenteraad",
        "Datum: 3 juni 2025",
        "Onderwerp: Voortgang Ruimtelijke Ontwikkelstrategie Twente",
        "Geachte raadsleden,",
        "In onze collegevergadering hebben wij besloten u te informeren over de ROS.",
        "De ROS is een vervolg op de RSIA en sluit aan bij het NPVR.",
    ],
    ["Hoogachtend,", "Burgemeester en wethouders van Enschede,", "de secretaris, de burgemeester,", "(E.A. Smit) (R.W. Bleker)"],
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A scheduler and two worker processes on 127.0.0.1, as `dask://host:port`."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster.scheduler_address.replace("tcp://", "dask://")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for sample in samples.glob("*.pdf"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    write_pdf(folder / "brief.pdf", LETTER)
    write_pdf(folder / "kort.pdf", [["Besluitenlijst B&W-vergadering", "Het college besluit de nota vast te stellen."]])
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\nthis is no pdf body")
    return folder


def _export(cli: Run, store: Path, out: Path) -> bytes:
    cli("export", out, "--store", store)
    return out.read_bytes()


@pytest.mark.parametrize("spec", ["scheduler", "dask"])
def test_dask_ingest_exports_the_serial_graph(spec: str, request: pytest.FixtureRequest, cli: Run, corpus: Path, tmp_path: Path) -> None:
    executor = request.getfixturevalue("scheduler") if spec == "scheduler" else "dask"
    serial = cli("ingest", corpus, "--store", tmp_path / "serial")
    distributed = cli("ingest", corpus, "--store", tmp_path / "dask", "--executor", executor)
    assert "ingested 5, unchanged 0, failed 1" in serial.stdout
    assert distributed.stdout.split("→")[0] == serial.stdout.split("→")[0]
    assert "kapot.pdf" in distributed.stderr
    serial_graph = _export(cli, tmp_path / "serial", tmp_path / "serial.nq")
    assert b"Enschede" in serial_graph
    assert _export(cli, tmp_path / "dask", tmp_path / "dask.nq") == serial_graph


def test_outcomes_come_back_per_file_with_errors_as_values(scheduler: str, corpus: Path) -> None:
    files = [corpus / "brief.pdf", corpus / "ontbreekt.pdf", corpus / "kapot.pdf"]
    with DaskExecutor("tcp://" + scheduler.removeprefix("dask://")) as executor:
        outcomes = dict(executor.run(files, Options()))
    serial = dict(SerialExecutor().run(files, Options()))
    assert set(outcomes) == set(files)
    brief = outcomes[corpus / "brief.pdf"]
    assert isinstance(brief, Timed)
    assert brief.extraction == serial[corpus / "brief.pdf"].extraction  # type: ignore[union-attr]
    missing = outcomes[corpus / "ontbreekt.pdf"]
    assert isinstance(missing, InputError) and missing.cause == "no such file"
    assert str(outcomes[corpus / "kapot.pdf"]) == str(serial[corpus / "kapot.pdf"])


def test_unreachable_scheduler_is_one_line(cli: Run, corpus: Path, tmp_path: Path) -> None:
    result = cli("ingest", corpus, "--store", tmp_path / "s", "--executor", "dask://127.0.0.1:9", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "127.0.0.1:9: cannot reach the Dask scheduler" in result.stderr


def test_unknown_executor_is_a_usage_error(cli: Run, corpus: Path, tmp_path: Path) -> None:
    result = cli("ingest", corpus, "--store", tmp_path / "s", "--executor", "ray", check=False)
    assert result.returncode == 2
    assert "--executor ray: unknown executor" in result.stderr


@pytest.mark.parametrize("error", [InputError("/data/a.pdf", "empty file"), EncryptedPdfError("/data/b.pdf")])
def test_input_errors_survive_pickling(error: InputError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.path, copy.cause, str(copy)) == (error.path, error.cause, str(error))
