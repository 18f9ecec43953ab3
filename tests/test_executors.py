"""Worker processes: outcomes cross the process boundary intact, a file that
hangs or crashes its worker costs that file only, and --jobs gives the same graph."""
from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from beleidsgraaf.errors import BeleidsgraafError, EncryptedPdfError, InputError, OcrError, StoreLockedError
from beleidsgraaf.executors import ProcessExecutor, SerialExecutor, run_one
from beleidsgraaf.ingest.pipeline import Options, Timed
from tests.conftest import Run
from tests.pdfs import write_pdf
from tests.test_store_cli import LETTER, export_nq


def _letters(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        write_pdf(folder / f"brief-{i:02}.pdf", [[*LETTER[:2], f"Dit is brief nummer {i} over de binnenstad.", *LETTER[2:]]])
        for i in range(count)
    ]


# Module-level so worker processes can unpickle them.
def _hang_or_crash(path: Path, options: Options) -> Timed | BeleidsgraafError:
    if path.stem == "hangt":
        # A child in the worker's process group, as Tesseract would be.
        child = subprocess.Popen(["sleep", "300"])
        path.with_suffix(".pid").write_text(str(child.pid))
        time.sleep(300)
    if path.stem == "crasht":
        os.kill(os.getpid(), signal.SIGSEGV)
    return run_one(path, options)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie waiting for init to reap it is dead


def test_outcomes_survive_pickling(samples: Path, tmp_path: Path) -> None:
    timed = run_one(next(samples.glob("*.pdf")), Options())
    assert isinstance(timed, Timed)
    assert pickle.loads(pickle.dumps(timed)).extraction == timed.extraction
    errors = [
        InputError(tmp_path / "a.pdf", "empty file"),
        EncryptedPdfError(tmp_path / "b.pdf"),
        OcrError("tesseract failed"),
        StoreLockedError("busy"),
    ]
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
    assert pickle.loads(pickle.dumps(errors[1])).path == tmp_path / "b.pdf"


def test_a_hanging_file_is_stopped_with_its_children_and_a_crash_costs_one_file(tmp_path: Path) -> None:
    good = _letters(tmp_path, 3)
    hangs = shutil.copy(good[0], tmp_path / "hangt.pdf")
    crashes = shutil.copy(good[1], tmp_path / "crasht.pdf")
    executor = ProcessExecutor(jobs=2, timeout=2, work=_hang_or_crash)
    started = time.monotonic()
    outcomes = dict(executor.run([Path(hangs), *good, Path(crashes)], Options()))
    assert time.monotonic() - started < 20
    assert "gave up after 2 s (--timeout)" in str(outcomes[Path(hangs)])
    assert "the reader crashed on this file (killed by signal 11)" in str(outcomes[Path(crashes)])
    assert all(isinstance(outcomes[path], Timed) for path in good)
    child = int((tmp_path / "hangt.pid").read_text())
    deadline = time.monotonic() + 5
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child), "the hanging worker's child outlived the timeout"


def test_workers_give_what_this_process_gives(tmp_path: Path, shared: Path) -> None:
    files = [*_letters(tmp_path, 4), *sorted((shared / "corpus" / "malformed").glob("qpdf__*.pdf"))]
    serial = {path: outcome for path, outcome in SerialExecutor().run(files, Options(ocr=False))}
    parallel = dict(ProcessExecutor(jobs=2).run(files, Options(ocr=False)))
    assert parallel.keys() == serial.keys()
    for path, outcome in serial.items():
        other = parallel[path]
        if isinstance(outcome, Timed):
            assert isinstance(other, Timed) and other.extraction == outcome.extraction
        else:
            assert type(other) is type(outcome) and str(other) == str(outcome)


def test_parallel_ingest_gives_the_serial_graph(cli: Run, tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(samples, folder)
    _letters(folder, 5)
    cli("ingest", folder, "--store", tmp_path / "serial", "--jobs", "1")
    cli("ingest", folder, "--store", tmp_path / "parallel", "--jobs", "3")
    assert export_nq(cli, tmp_path / "serial", tmp_path / "s.nq") == export_nq(cli, tmp_path / "parallel", tmp_path / "p.nq")


def test_a_pathological_pdf_is_stopped_by_the_timeout(cli: Run, tmp_path: Path) -> None:
    """200,000 pages that are one page referenced over and over: tiny file, minutes of work."""
    folder = tmp_path / "in"
    (letter,) = _letters(folder, 1)
    data = letter.read_bytes()
    bomb = data.replace(b"/Kids [6 0 R] /Count 1", b"/Kids [" + b"6 0 R " * 200_000 + b"] /Count 200000")
    assert bomb != data
    (folder / "bom.pdf").write_bytes(bomb)
    started = time.monotonic()
    result = cli("ingest", folder, "--store", tmp_path / "store", "--timeout", "2")
    assert time.monotonic() - started < 30
    assert "ingested 1," in result.stdout and "failed 1" in result.stdout
    assert "skipped bom.pdf: gave up after 2 s (--timeout)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_must_be_positive(cli: Run, tmp_path: Path, jobs: str) -> None:
    result = cli("ingest", tmp_path, "--store", tmp_path / "store", "--jobs", jobs, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
