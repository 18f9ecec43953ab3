"""Who may open the on-disk store when: advisory file locks in the store folder.

RocksDB lets one process open a store for writing, and opening it read-only
while another process writes is undefined behaviour. So no reader ever has the
database open while a writer has it open; three `flock` locks arrange that:

- `beleidsgraaf-writer.lock`, held exclusively by the one process that writes
  (ingest, remove) for as long as its store is open. A second writer waits up
  to `wait` seconds for it, then gets `StoreLockedError` naming the holder.
- `beleidsgraaf-access.lock`: the writer holds it exclusively while it has the
  database open (it commits one document per transaction); readers (export,
  stats, validate, query, the server) hold it shared while they have the
  database open, which is from open to close.
- `beleidsgraaf-gate.lock`, the turnstile that keeps readers from starving: a
  reader takes it, waits for the shared access lock, then lets it go. After
  each transaction the writer checks the gate; if a reader holds it, the
  writer closes the database (RocksDB finishes its background work on close)
  and releases access until the reader is done.

A reader therefore sees the store as of a commit: whole documents only. The
locks are released by the kernel when a process dies (kill -9 included).

A long-running reader (`graph.store.SharedReader`) keeps its read-only
database open between sessions but uses it only under shared access and only
while `beleidsgraaf-generation` is unchanged: the writer rewrites that file each
time it takes exclusive access, so a changed store is always reopened.
"""
from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path

from beleidsgraaf.errors import StoreLockedError

LOCK_WAIT_ENV = "BELEIDSGRAAF_LOCK_WAIT"
DEFAULT_WAIT = 30.0  # seconds a command waits for another process's lock
_POLL = 0.02
_GENERATION = "beleidsgraaf-generation"


def default_wait() -> float:
    try:
        return float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


class _LockFile:
    """One flock lock file (per open file description, so two stores in one
    process exclude each other like two processes do)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        self.held = False

    def _open(self) -> int | None:
        if self.fd is None:
            try:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                try:  # a store on read-only media: lock what is there, or nothing
                    self.fd = os.open(self.path, os.O_RDONLY)
                except OSError:
                    return None
        return self.fd

    def try_lock(self, shared: bool = False) -> bool:
        fd = self._open()
        if fd is None:
            return True
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                return False
            raise
        self.held = True
        return True

    def lock(self, deadline: float, shared: bool = False) -> bool:
        """Wait until `deadline` (time.monotonic) for the lock; False if it did not come."""
        while not self.try_lock(shared):
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)
        return True

    def unlock(self) -> None:
        if self.held and self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.held = False

    def close(self) -> None:
        self.unlock()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class StoreLocks:
    """The three locks of one store folder, as one writer or one reader uses them."""

    def __init__(self, folder: Path, wait: float | None = None) -> None:
        self.folder = folder
        self.wait = default_wait() if wait is None else wait
        self._writer = _LockFile(folder / "beleidsgraaf-writer.lock")
        self._gate = _LockFile(folder / "beleidsgraaf-gate.lock")
        self._access = _LockFile(folder / "beleidsgraaf-access.lock")

    # --- writer ------------------------------------------------------------------

    def become_writer(self) -> None:
        """Take the writer lock for this process's lifetime with the store."""
        if not self._writer.lock(time.monotonic() + self.wait):
            holder = self._writer_pid()
            who = f" (pid {holder})" if holder else ""
            raise StoreLockedError(
                f"{self.folder}: another process{who} is writing to this store (an ingest or remove); "
                f"waited {self.wait:g} s, try again when it is done"
            )
        assert self._writer.fd is not None
        os.ftruncate(self._writer.fd, 0)
        os.pwrite(self._writer.fd, str(os.getpid()).encode(), 0)

    def _writer_pid(self) -> str:
        try:
            return self._writer.path.read_text().strip()
        except OSError:
            return ""

    # --- access ------------------------------------------------------------------

    @property
    def has_access(self) -> bool:
        return self._access.held

    def acquire_access(self, shared: bool) -> None:
        """Pass the gate, then take access: shared to read, exclusive to write."""
        deadline = time.monotonic() + self.wait
        if not self._gate.lock(deadline):
            raise self._busy("the store is busy")
        try:
            if not self._access.lock(deadline, shared=shared):
                raise self._busy("readers are using the store" if not shared else "another process is writing to the store")
        finally:
            self._gate.unlock()
        if not shared:
            # Before the first write: a reader that kept its database open
            # since an earlier generation must reopen it (even if we die).
            token = self.folder / f"{_GENERATION}.{os.getpid()}"
            token.write_text(f"{time.time_ns()}-{os.getpid()}")
            token.replace(self.folder / _GENERATION)

    def generation(self) -> str:
        """Changes whenever a writer has taken exclusive access."""
        try:
            return (self.folder / _GENERATION).read_text()
        except OSError:
            return ""

    def someone_waiting(self) -> bool:
        """True when another process stands at the gate: a reader (for the
        writer, between transactions) or the writer (for a shared reader)."""
        if self._gate.try_lock():
            self._gate.unlock()
            return False
        return True

    def release_access(self) -> None:
        self._access.unlock()

    def _busy(self, what: str) -> StoreLockedError:
        return StoreLockedError(f"{self.folder}: {what}; waited {self.wait:g} s (set ${LOCK_WAIT_ENV} to wait longer)")

    def close(self) -> None:
        for lock in (self._access, self._gate, self._writer):
            lock.close()
