"""Maps: generation time and time until the map is drawn and interactive in headless Chromium.

The product's map is measured end to end on a synthetic store of N nodes
(projects, documents, decisions, bodies; about 1.5 relations per node, each
with a quote): reading the graph (`web.graphdata.load`), rendering the file
(`web.maps.render`, a networkx layout with physics off past a few hundred
nodes), and opening it until `window.bgKaart.ready` and the first frame is
painted. Next to it: a plain pyvis page of the same graph with default
physics, the baseline the issue quotes.
"""
from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from bench.report import table
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.ontology import iris
from beleidsgraaf.web import graphdata, maps

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
TARGET_SECONDS = 2.0
_CLASSES = ("bg:Project", "bg:Document", "bg:Decision", "bg:Body")
_RELATIONS = ("bg:succeeds", "bg:partOf", "bg:buildingBlockFor", "bg:about", "bg:mentions", "dcterms:creator")
# The pyvis page keeps its vis-network in the global `network`: trap the
# assignment to learn when it first draws.
_PYVIS_DRAWN = """
let bench_network;
Object.defineProperty(window, "network", {configurable: true, get() { return bench_network; }, set(value) {
  bench_network = value;
  value.once("afterDrawing", () => { window.benchDrawn = Date.now(); });
}});
"""
# Our map says when it stands still (`bgKaart.ready`); the next frame is the first it paints.
_PRODUCT_DRAWN = """
(function wait() {
  if (window.bgKaart && window.bgKaart.ready) requestAnimationFrame(() => { window.benchDrawn = Date.now(); });
  else setTimeout(wait, 10);
})();
"""


def synthetic(n: int, seed: int = 1) -> list[Quad]:
    """A corpus-like graph of `n` nodes in one document graph, every relation with its evidence."""
    rng = random.Random(seed)
    graph = iris.graph("doc/bench")
    t = iris.term
    quads = []
    nodes = [iris.entity(f"bench/n{i}") for i in range(n)]
    for i, node in enumerate(nodes):
        quads += [Quad(node, t("rdf:type"), t(_CLASSES[i % 4]), graph), Quad(node, t("rdfs:label"), Literal(f"Knoop {i}"), graph),
                  Quad(node, t("skos:altLabel"), Literal(f"K{i}"), graph)]  # fmt: skip
        if i % 4 in (1, 2):
            quads.append(Quad(node, t("dcterms:date"), Literal(f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", datatype=t("xsd:date")), graph))
    for i in range(int(n * 1.5)):
        s, o = rng.sample(nodes, 2)
        p = t(rng.choice(_RELATIONS))
        e = NamedNode(f"{iris.ID}evidence/bench-{i}")
        quads += [Quad(s, p, o, graph), Quad(e, t("rdf:type"), t("bg:Evidence"), graph), Quad(e, t("rdf:subject"), s, graph),
                  Quad(e, t("rdf:predicate"), p, graph), Quad(e, t("rdf:object"), o, graph),
                  Quad(e, t("prov:wasDerivedFrom"), nodes[1], graph), Quad(e, t("bg:page"), Literal("1", datatype=t("xsd:integer")), graph),
                  Quad(e, t("bg:quote"), Literal(f"Zin {i} waarin dit staat."), graph)]  # fmt: skip
    return quads


def pyvis_default(graph: graphdata.Graph) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for key, node in graph.nodes.items():
        net.add_node(key, label=node.label, group=node.kind.name)
    for edge in graph.edges:
        net.add_edge(edge.source, edge.target, title=edge.predicate)
    return net.generate_html()


def product(graph: graphdata.Graph) -> str:
    return maps.render(graph)[0]


def drawn_after(page: object, html: Path, script: str, timeout: float) -> float | None:
    """Seconds from asking for the page until it is drawn (both on the wall clock), or None past the timeout."""
    page.add_init_script(script)  # type: ignore[attr-defined]
    asked = time.time()
    page.goto(html.as_uri(), wait_until="load", timeout=timeout * 1000)  # type: ignore[attr-defined]
    try:
        page.wait_for_function("() => window.benchDrawn !== undefined", timeout=timeout * 1000, polling=50)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the map did not draw in time
        return None
    return page.evaluate("() => window.benchDrawn") / 1000 - asked  # type: ignore[attr-defined,no-any-return]


def run(sizes: list[int], timeout: float, baseline_sizes: list[int]) -> str:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "### Maps\n\nskipped: playwright is not installed (pip install -e '.[test]').\n"
    if not Path(CHROMIUM).exists():
        return f"### Maps\n\nskipped: no Chromium at {CHROMIUM} (apt-get install chromium).\n"
    makers: list[tuple[str, Callable[[graphdata.Graph], str], str, list[int]]] = [
        ("beleidsgraaf map", product, _PRODUCT_DRAWN, sizes),
        ("pyvis, default physics", pyvis_default, _PYVIS_DRAWN, baseline_sizes),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, make, script, some_sizes in makers:
                for size in some_sizes:
                    with open_store(str(Path(tmp) / f"store-{name[:4]}-{size}")) as store:
                        store.add(synthetic(size))
                        began = time.perf_counter()
                        graph = graphdata.load(store)
                    read = time.perf_counter() - began
                    began = time.perf_counter()
                    html = make(graph)
                    generated = time.perf_counter() - began
                    path = Path(tmp) / f"map-{size}.html"
                    path.write_text(html, encoding="utf-8")
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    # No network here (nor at a griffie's desk): fail external fetches at once.
                    page.route("http*://**", lambda route: route.abort())
                    drawn = drawn_after(page, path, script, timeout)
                    page.close()
                    shown = f"{drawn:.2f}" if drawn is not None else f"not in {timeout:.0f} s"
                    met = "yes" if drawn is not None and drawn <= TARGET_SECONDS else "no"
                    rows.append((name, len(graph.nodes), len(graph.edges), f"{read:.2f}", f"{generated:.2f}",
                                 f"{len(html) / 1e6:.1f}", shown, met))  # fmt: skip
        finally:
            browser.close()
    header = ("map", "nodes", "edges", "read graph s", "generate s", "HTML MB", "drawn and interactive s", f"<= {TARGET_SECONDS:.0f} s")
    return table("Maps: generation and first render in headless Chromium", header, rows)
