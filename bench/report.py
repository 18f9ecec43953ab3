"""Tables and numbers for the bench output (Markdown, so a run pastes into BENCHMARKS.md)."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Iterable, Sequence
from importlib import metadata


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds * 1000:.0f}"


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}x" if fast > 0 else "n/a"


def table(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(meminfo.readline().split()[1])
        return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium() -> str:
    try:
        return subprocess.run(["chromium", "--version"], capture_output=True, text=True, timeout=20).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not installed"


LIBRARIES = ("pyoxigraph", "rdflib", "pdfplumber", "pypdfium2", "distributed", "pyvis", "playwright")


def load() -> str:
    """The 1-, 5- and 15-minute load averages: other work on the machine skews wall times."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def machine(when: str, load_at_start: str) -> str:
    rows = [
        ("date (UTC)", when),
        ("load average 1/5/15 min, at start / at end", f"{load_at_start}; {load()}"),
        ("cores (nproc)", os.cpu_count()),
        ("CPU", _cpu_model()),
        ("RAM", _ram_gib()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Chromium", _chromium()),
        *((lib, _version(lib)) for lib in LIBRARIES),
    ]
    return table("Machine", ("what", "value"), rows)
