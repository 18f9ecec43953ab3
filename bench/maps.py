"""Map generation and opening time for synthetic graphs:
`python bench/maps.py [--sizes 100,300,1000,2000] [--no-browser]`.

For each size N it writes a store of N nodes (projects, documents, decisions,
bodies; about 1.5 relations per node, each with a quote), then times reading
the graph, rendering the map file (networkx layout past 300 nodes), and, in
headless Chromium, how long the file takes until the map stands still.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from beleidsgraaf.graph.store import open_store, sparql_data
from beleidsgraaf.ontology import iris
from beleidsgraaf.web import graphdata, maps

_CLASSES = ("bg:Project", "bg:Document", "bg:Decision", "bg:Body")
_RELATIONS = ("bg:succeeds", "bg:partOf", "bg:buildingBlockFor", "bg:about", "bg:mentions", "dcterms:creator")


def synthetic(n: int, seed: int = 1) -> list[Quad]:
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


def open_time(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.bgKaart && window.bgKaart.ready", timeout=300_000, polling=50)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,300,1000,2000")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print("nodes  edges  layout    read s  render s  size MB  open s")
    for n in map(int, args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            with open_store(str(Path(folder) / "store")) as store:
                store.update(f"INSERT DATA {{\n{sparql_data(synthetic(n))}\n}}")
                start = time.perf_counter()
                graph = graphdata.load(store)
                read = time.perf_counter() - start
            start = time.perf_counter()
            html, layout = maps.render(graph)
            render = time.perf_counter() - start
            out = Path(folder) / "kaart.html"
            out.write_text(html, encoding="utf-8")
            opened = "-" if args.no_browser else f"{open_time(out):.2f}"
            size = len(html) / 1e6
            print(f"{len(graph.nodes):5d}  {len(graph.edges):5d}  {layout:8s}  {read:6.2f}  {render:8.2f}  {size:7.2f}  {opened}")


if __name__ == "__main__":
    main()
