"""Maps: generation time and time to first render in headless Chromium.

Measures the product's map (`beleidsgraaf.web.maps.map_html(graph) -> str`,
a networkx DiGraph whose nodes carry `label` and `kind`, to a standalone HTML
page that keeps its vis-network in the global `network`, as pyvis pages do)
next to a plain pyvis page with default physics, the baseline the issue
quotes. The product's row is skipped, with a line saying so, while
`beleidsgraaf.web.maps` does not exist.
"""
from __future__ import annotations

import importlib
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from bench.report import table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
TARGET_SECONDS = 2.0
KINDS = ("document", "project", "body", "decision")
# Record when the page's vis-network first draws: trap the assignment to the
# global `network` (pyvis declares `var network` and assigns it once).
FIRST_DRAW = """
let bench_network;
Object.defineProperty(window, "network", {configurable: true, get() { return bench_network; }, set(value) {
  bench_network = value;
  value.once("afterDrawing", () => { window.benchFirstDraw = Date.now(); });
}});
"""


def graph(nodes: int, seed: int = 7) -> nx.DiGraph:
    """A corpus-like map: nodes of four kinds, about 1.5 edges per node."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    for n in range(nodes):
        kind = KINDS[n % len(KINDS)]
        g.add_node(f"n{n}", label=f"{kind} {n}", kind=kind)
    for n in range(1, nodes):
        g.add_edge(f"n{n}", f"n{rng.randrange(n)}", label="bg:partOf")
        if n % 2:
            g.add_edge(f"n{n}", f"n{rng.randrange(nodes)}", label="bg:mentions")
    return g


def pyvis_default(g: nx.DiGraph) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, data in g.nodes(data=True):
        net.add_node(node, label=data["label"], group=data["kind"])
    for a, b, data in g.edges(data=True):
        net.add_edge(a, b, title=data["label"])
    return net.generate_html()


def product_map() -> Callable[[nx.DiGraph], str] | None:
    try:
        return importlib.import_module("beleidsgraaf.web.maps").map_html  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def first_render(page: object, html: Path, timeout: float) -> float | None:
    """Seconds from asking for the page to the first drawing of the network
    (both on the wall clock), or None past the timeout."""
    asked = time.time()
    page.goto(html.as_uri(), wait_until="load", timeout=timeout * 1000)  # type: ignore[attr-defined]
    try:
        page.wait_for_function("() => window.benchFirstDraw !== undefined", timeout=timeout * 1000, polling=50)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the map did not draw in time
        return None
    return page.evaluate("() => window.benchFirstDraw") / 1000 - asked  # type: ignore[attr-defined,no-any-return]


def run(sizes: list[int], timeout: float, baseline_sizes: list[int]) -> str:
    makers: list[tuple[str, Callable[[nx.DiGraph], str], list[int]]] = [("pyvis, default physics", pyvis_default, baseline_sizes)]
    notes = []
    if (product := product_map()) is not None:
        makers.insert(0, ("beleidsgraaf.web.maps.map_html", product, sizes))
    else:
        notes.append("- beleidsgraaf.web.maps.map_html is not in this tree: the product's map is skipped (only the pyvis baseline ran).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "### Maps\n\nskipped: playwright is not installed (pip install -e '.[bench]').\n"
    if not Path(CHROMIUM).exists():
        return f"### Maps\n\nskipped: no Chromium at {CHROMIUM} (apt-get install chromium).\n"
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, make, some_sizes in makers:
                for size in some_sizes:
                    g = graph(size)
                    began = time.perf_counter()
                    html = make(g)
                    generated = time.perf_counter() - began
                    path = Path(tmp) / f"map-{size}.html"
                    path.write_text(html, encoding="utf-8")
                    page = browser.new_page()
                    page.add_init_script(FIRST_DRAW)
                    # No network here (nor at a griffie's desk): fail external fetches at once.
                    page.route("http*://**", lambda route: route.abort())
                    drawn = first_render(page, path, timeout)
                    page.close()
                    shown = f"{drawn:.2f}" if drawn is not None else f"did not draw in {timeout:.0f} s"
                    met = "yes" if drawn is not None and drawn <= TARGET_SECONDS else "no"
                    rows.append((name, size, g.number_of_edges(), f"{generated:.2f}", f"{len(html) / 1e6:.1f}", shown, met))
        finally:
            browser.close()
    header = ("map", "nodes", "edges", "generate s", "HTML MB", "first render s", f"<= {TARGET_SECONDS:.0f} s")
    return table("Maps: generation and first render in headless Chromium", header, rows) + "\n".join(notes) + "\n"
