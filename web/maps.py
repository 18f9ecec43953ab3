"""A relation map as ONE standalone HTML file: a griffier mails it to a council
member, who opens it without internet.

pyvis builds the vis-network nodes and edges; the page itself is our own
template, because pyvis's templates load Bootstrap (and, even "in_line",
tom-select) from a CDN. vis-network's script and stylesheet, taken from the
copy pyvis ships, are inlined; all data goes in as one JSON block that
Jinja's `tojson` makes safe inside <script> (so a quote containing
`</script>` stays text), and our script only ever writes text with
`textContent`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from pyvis.network import Network

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.store import GraphStore
from beleidsgraaf.web import graphdata
from beleidsgraaf.web.graphdata import KINDS, RELATIONS, Graph, Node, Selection, dutch_date

# Past this many nodes the browser's physics takes seconds to settle (bench/maps.py:
# 100 nodes ~3 s, 300 ~7 s in headless Chromium on 2 busy cores; laid out here, 2000
# nodes open in under 2 s): lay the map out with networkx and switch physics off.
LAYOUT_THRESHOLD = 100
_SCALE = 1000  # networkx positions lie in [-1, 1]; vis-network works in pixels


@cache
def templates() -> jinja2.Environment:
    """The map's and the web app's templates; autoescaping everything."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("beleidsgraaf.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = dutch_date
    return env


@cache
def asset(name: str) -> str:
    """Our own script or stylesheet (web/static/), for inlining."""
    return resources.files("beleidsgraaf.web").joinpath("static", name).read_text(encoding="utf-8")


@cache
def _vis(name: str) -> str:
    text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    # Inlined verbatim: it must not be able to close its own element.
    assert "</script" not in text.lower() and "</style" not in text.lower() and "<!--" not in text
    return text


@dataclass(frozen=True)
class MapInfo:
    nodes: int
    edges: int
    layout: str  # "physics" (laid out in the browser) or "networkx"
    seconds: float


def _layout(graph: Graph) -> dict[str, tuple[float, float]]:
    g = nx.Graph()
    g.add_nodes_from(graph.nodes)
    g.add_edges_from((e.source, e.target) for e in graph.edges)
    # Fewer iterations for bigger graphs keeps generation time bounded; the seed
    # keeps the same graph drawn the same way every time.
    iterations = max(10, min(50, 20_000 // max(1, len(g))))
    positions = nx.spring_layout(g, seed=7, iterations=iterations)
    return {key: (float(x) * _SCALE * len(g) ** 0.5 / 10, float(y) * _SCALE * len(g) ** 0.5 / 10) for key, (x, y) in positions.items()}


def _options(physics: bool) -> dict[str, Any]:
    return {
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
        "interaction": {"hover": True, "navigationButtons": False, "tooltipDelay": 200, "hideEdgesOnDrag": not physics},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "size": 18, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "color": "#333", "strokeWidth": 3},
            "color": {"color": "#8a8f98", "highlight": "#222", "hover": "#222"},
            "smooth": {"enabled": physics, "type": "dynamic"},
        },
    }


def map_data(graph: Graph, focus: Node | None, links: bool) -> tuple[dict[str, Any], str]:
    """What the page's script needs, and which layout was used."""
    big = len(graph.nodes) > LAYOUT_THRESHOLD
    positions = _layout(graph) if big else {}
    net = Network(directed=True)
    for node in graph.nodes.values():
        extra = {"x": positions[node.key][0], "y": positions[node.key][1], "physics": False} if big else {}
        net.add_node(
            node.key,
            label=node.label if len(node.label) <= 40 else node.label[:38] + "…",
            shape=node.kind.shape,
            color=node.kind.color,
            borderWidth=4 if focus and node.key == focus.key else 1,
            **extra,
        )
    between: dict[frozenset[str], int] = {}
    for i, edge in enumerate(graph.edges):
        # A second relation between the same two nodes ("gaat over" and "noemt") bends
        # away from the first, so both lines and labels can be read and clicked.
        nth = between[frozenset((edge.source, edge.target))] = between.get(frozenset((edge.source, edge.target)), -1) + 1
        bend = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}} if nth else {}
        net.add_edge(edge.source, edge.target, id=f"e{i}", label=edge.label, **bend)

    quotes: dict[graphdata.Quote, int] = {}

    def quote_id(quote: graphdata.Quote) -> int:
        return quotes.setdefault(quote, len(quotes))

    statements = [{"s": s.subject, "o": s.object if s.object_is_node else None, "text": s.text, "q": quote_id(s.quote)}
                  for s in graph.statements]  # fmt: skip
    data = {
        "title": focus.label if focus else None,
        "focus": focus.key if focus else None,
        "links": links,
        "kinds": [{"id": k.name, "label": k.label, "plural": k.plural, "color": k.color, "shape": k.shape} for k in KINDS],
        "relations": [{"id": curie, "label": label} for curie, label in RELATIONS.items()],
        "nodes": [
            {"id": n.key, "label": n.label, "kind": n.kind.name, "type": n.type_label, "aliases": list(n.aliases),
             "dates": list(n.dates), "dateText": ", ".join(map(dutch_date, n.dates)), "file": n.file_name,
             "search": sorted({graphdata.fold(x) for x in n.names})}
            for n in graph.nodes.values()
        ],  # fmt: skip
        "edges": [{"id": f"e{i}", "from": e.source, "to": e.target, "rel": e.predicate, "q": [quote_id(q) for q in e.quotes]}
                  for i, e in enumerate(graph.edges)],  # fmt: skip
        "statements": statements,
        "quotes": [{"doc": q.document, "docLabel": q.document_label, "file": q.file_name, "page": q.page, "text": q.text} for q in quotes],
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": _options(physics=not big)},
    }
    return data, "networkx" if big else "physics"


def render(graph: Graph, focus: Node | None = None, links: bool = False) -> tuple[str, str]:
    """The map page (HTML) and its layout kind. `links`: the page is served by
    `beleidsgraaf serve`, so quotes may link to the entity and PDF pages."""
    data, layout = map_data(graph, focus, links)
    title = f"Kaart rond {focus.label}" if focus else "Kaart van de beleidsgraaf"
    html = templates().get_template("map.html").render(
        title=title,
        data=data,
        vis_js=_vis("vis-network.min.js"),
        vis_css=_vis("vis-network.css"),
        map_js=asset("map.js"),
        map_css=asset("map.css"),
    )
    return html, layout


def build(whole: Graph, selection: Selection, links: bool = False) -> tuple[str, MapInfo]:
    """Select and render: the map's HTML and what went into it."""
    start = time.perf_counter()
    graph, focus = graphdata.select(whole, selection)
    if not graph.nodes:
        raise UsageError("niets te tonen: geen knopen voldoen aan deze selectie")
    html, layout = render(graph, focus, links)
    return html, MapInfo(len(graph.nodes), len(graph.edges), layout, time.perf_counter() - start)


def write(store: GraphStore, selection: Selection, out: Path) -> MapInfo:
    start = time.perf_counter()
    html, info = build(graphdata.load(store), selection)
    info = replace(info, seconds=time.perf_counter() - start)  # reading the store included
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: kan niet schrijven ({exc.strerror or exc})") from exc
    return info
