"""Distributed ingest: the per-document pipeline on a Dask cluster.

`--executor dask` starts a local cluster (one worker process per core, on
127.0.0.1); `--executor dask://host:port` uses a running scheduler. Workers
run `executors.run_one` on each file and send the `Timed` extraction (or the
error) back; the caller writes to the store, one transaction per document, so
the graph is the same as a serial run's. Workers read the files by path, so
they must see the same file system as the caller (as on a shared disk).

dask.distributed is an optional dependency: `pip install 'beleidsgraaf[dask]'`.
"""
from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from beleidsgraaf.errors import BeleidsgraafError, UsageError
from beleidsgraaf.executors import Executor, run_one

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

    from beleidsgraaf.ingest.pipeline import Options, Timed

# Files in flight per worker thread: enough to keep workers busy while the
# caller writes, few enough that a million-file corpus is not queued at once.
_IN_FLIGHT_PER_THREAD = 4
_CONNECT_TIMEOUT = "5s"


class DaskExecutor(Executor):
    """Runs the pipeline on a Dask cluster: a new local one (`address=None`) or a running scheduler."""

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise UsageError("the Dask executor needs dask.distributed: pip install 'beleidsgraaf[dask]'") from exc
        self._cluster: LocalCluster | None = None
        if address is None:
            self._cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,  # the pipeline is CPU-bound Python: one process per core
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            address = self._cluster.scheduler_address
        try:
            self._client: Client = Client(address, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise UsageError(f"{address}: cannot reach the Dask scheduler ({exc})") from exc

    def run(self, files: Sequence[Path], options: Options) -> Iterator[tuple[Path, Timed | BeleidsgraafError]]:
        from distributed import as_completed

        todo = iter(files)
        paths: dict[str, Path] = {}
        done = as_completed()

        def submit(count: int) -> None:
            for path in itertools.islice(todo, count):
                # Absolute, not resolved: workers may have another working
                # directory, and the file name (a symlink's) must stay the same.
                future = self._client.submit(run_one, path.absolute(), options, pure=False)
                paths[future.key] = path
                done.add(future)

        threads = sum(self._client.nthreads().values()) or 1
        submit(threads * _IN_FLIGHT_PER_THREAD)
        for future in done:
            outcome: Timed | BeleidsgraafError = future.result()
            path = paths.pop(future.key)
            future.release()
            submit(1)
            yield path, outcome

    def close(self) -> None:
        if client := self.__dict__.pop("_client", None):
            client.close()
        if cluster := self.__dict__.pop("_cluster", None):
            cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

