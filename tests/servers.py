"""Start real servers for tests: a free port on 127.0.0.1, a bounded wait, always stopped."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(command: Sequence[str | Path], url: str, timeout: float = 20.0) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` until the block ends; wait (at most `timeout` s) until `url` answers."""
    process = subprocess.Popen([str(c) for c in command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {process.stderr.read().decode() if process.stderr else ''}")
            try:
                httpx.get(url, timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url} did not answer within {timeout} s") from None
                time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """A real `oxigraph serve` (from the PyPI package `oxigraph`) on a free port; yields its base URL."""
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    with running([binary, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}"], f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}"
