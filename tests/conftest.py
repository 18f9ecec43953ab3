"""Shared fixtures: the seed letters, a store with them ingested, a CLI runner."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (corpus, gold facts, scorer) is not next to this checkout")
    return SHARED


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def cli() -> Run:
    """Run the installed command as a user would, in a subprocess."""

    def run(*args: str | Path, check: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "beleidsgraaf", *map(str, args)], capture_output=True, text=True, **kwargs
        )
        if check and result.returncode != 0:
            raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    return run


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, cli: Run) -> Path:
    """A store holding the three sample letters (read-only for tests: copy it to write)."""
    store = tmp_path_factory.mktemp("seed") / "store"
    cli("ingest", SAMPLES, "--store", store)
    return store


@pytest.fixture
def writable_store(seed_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    return copy
