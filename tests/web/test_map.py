"""`beleidsgraaf map`: one standalone, offline, escaped HTML file, driven in real Chromium."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.web.conftest import KNOWN_EDGES, KNOWN_NODES, XSS, XSS_QUOTE, Tab


class _Sources(HTMLParser):
    """Every URL the page would load: script/img/iframe src, link href, CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0
        self.data: str | None = None
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self._in_data = values.get("id") == "kaartdata"
        for name in ("src", "href") if tag in ("script", "link", "img", "iframe", "source", "embed") else ():
            if values.get(name):
                self.urls.append(values[name] or "")

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data = (self.data or "") + data
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
        self.urls += re.findall(r"@import\s+['\"]([^'\"]+)", data)

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def parse(html: str) -> _Sources:
    parser = _Sources()
    parser.feed(html)
    return parser


def assert_offline_and_escaped(html: str) -> dict:
    page = parse(html)
    external = [u for u in page.urls if re.match(r"(https?:)?//", u.strip(), re.I)]
    assert external == []
    assert all(u.startswith("data:") for u in page.urls)  # vis-network's icons, inlined
    # Exactly our four script elements: nothing in the data closed one early.
    assert page.scripts == html.count("</script>") == 3
    assert XSS not in html and "<img" not in html
    assert page.data is not None
    return json.loads(page.data)


@pytest.fixture(scope="module")
def known_map(known_store: Path, cli: Run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("map") / "kaart.html"
    result = cli("map", "-o", out, "--store", known_store)
    assert f"kaart met {KNOWN_NODES} knopen en {KNOWN_EDGES} relaties" in result.stdout
    return out


def test_map_file_is_standalone_and_escaped(known_map: Path) -> None:
    data = assert_offline_and_escaped(known_map.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == KNOWN_NODES and len(data["edges"]) == KNOWN_EDGES
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["project/xss"] == f"Wijkplan {XSS}"  # kept literally, as data
    assert XSS_QUOTE in [q["text"] for q in data["quotes"]]
    assert {e["label"] for e in data["vis"]["edges"]} >= {"is vervolg op", "bouwsteen voor", "onderdeel van", "sluit aan op",
                                                           "wordt gevolgd door", "gaat over", "opgesteld door", "besloten door"}


def test_seed_map_and_focus_map_are_offline(seed_store: Path, known_store: Path, cli: Run, tmp_path: Path) -> None:
    cli("map", "-o", tmp_path / "m.html", "--store", seed_store)
    assert_offline_and_escaped((tmp_path / "m.html").read_text(encoding="utf-8"))
    cli("map", "--focus", "ROS", "-o", tmp_path / "seed-ros.html", "--store", seed_store)
    seeds = assert_offline_and_escaped((tmp_path / "seed-ros.html").read_text(encoding="utf-8"))
    assert "ROS" in next(n["aliases"] + [n["label"]] for n in seeds["nodes"] if n["id"] == seeds["focus"])
    out = tmp_path / "ros.html"
    result = cli("map", "--focus", "Ruimtelijke Ontwikkelstrategie Twente", "--hops", "1", "-o", out, "--store", known_store)
    assert "kaart met 9 knopen en 8 relaties" in result.stdout
    data = assert_offline_and_escaped(out.read_text(encoding="utf-8"))
    assert data["focus"] == "project/ros"


def test_map_options_select(known_store: Path, cli: Run, tmp_path: Path) -> None:
    result = cli("map", "--types", "project", "--types", "besluit", "--relations", "partOf,gaat over", "--since", "2024",
                 "-o", tmp_path / "m.html", "--store", known_store)  # fmt: skip
    # 5 projects + 1 decision of 2024 (the 2023 one falls out); SHE, xss part of; decision about ROS
    assert "kaart met 6 knopen en 3 relaties" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Twente"], "beleidsgraaf: geen knoop heet 'Twente'; bedoelt u: "),
        (["--focus", "omgevingsvisie enschede"], "beleidsgraaf: 'omgevingsvisie enschede' is meerdere knopen; kies er een: "),
        (["--types", "taart"], "beleidsgraaf: --types taart: onbekend"),
        (["--since", "morgen"], "beleidsgraaf: --since morgen: geen datum"),
    ],
)
def test_bad_input_is_one_line(known_store: Path, cli: Run, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli("map", *args, "-o", tmp_path / "m.html", "--store", known_store, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert not (tmp_path / "m.html").exists()


# --- in the browser ---------------------------------------------------------------


def open_map(tab: Tab, path: Path) -> None:
    tab.page.goto(path.as_uri())
    tab.page.wait_for_function("window.bgKaart && window.bgKaart.ready", timeout=30_000)


def rendered(tab: Tab) -> tuple[int, int]:
    """Nodes and edges vis-network draws (its own visible indices)."""
    return tuple(tab.page.evaluate("[bgKaart.network.body.nodeIndices.length, bgKaart.network.body.edgeIndices.length]"))


def click_node(tab: Tab, key: str) -> None:
    point = tab.page.evaluate("k => bgKaart.network.canvasToDOM(bgKaart.network.getPositions([k])[k])", key)
    box = tab.page.locator("#kaart canvas").bounding_box()
    tab.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def click_edge(tab: Tab, source: str, target: str) -> None:
    point = tab.page.evaluate(
        """([s, t]) => { const id = bgKaart.edges.get({filter: e => e.from === s && e.to === t})[0].id;
                         const p = bgKaart.network.body.edges[id].edgeType.getPoint(0.5);
                         return bgKaart.network.canvasToDOM(p); }""",
        [source, target],
    )
    box = tab.page.locator("#kaart canvas").bounding_box()
    tab.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_map_renders_every_node_offline(tab: Tab, known_map: Path) -> None:
    open_map(tab, known_map)
    assert rendered(tab) == (KNOWN_NODES, KNOWN_EDGES)
    assert tab.page.inner_text("#status") == f"{KNOWN_NODES} van {KNOWN_NODES} knopen en {KNOWN_EDGES} van {KNOWN_EDGES} relaties zichtbaar"
    legend = tab.page.inner_text("#filter-soorten")
    assert "projecten (5)" in legend and "besluiten (2)" in legend
    tab.shot("kaart")
    assert tab.blocked == [] and tab.errors == []


def test_search_finds_ros_by_its_long_name(tab: Tab, known_map: Path) -> None:
    open_map(tab, known_map)
    tab.page.fill("#zoek", "ruimtelijke ONTWIKKELSTRATEGIE twénte")
    first = tab.page.locator("#zoekresultaten button").first
    assert first.inner_text().startswith("ROS")
    first.click()
    assert tab.page.inner_text("#paneel h2") == "ROS"
    assert tab.page.evaluate("bgKaart.network.getSelectedNodes()") == ["project/ros"]
    assert "Ruimtelijke Ontwikkelstrategie Twente" in tab.page.inner_text("#paneel")
    tab.shot("zoeken")


def test_clicking_a_node_and_an_edge_shows_the_quote(tab: Tab, known_map: Path) -> None:
    open_map(tab, known_map)
    click_node(tab, "project/she")
    panel = tab.page.locator("#paneel")
    assert panel.is_visible()
    assert tab.page.inner_text("#paneel h2") == "SHE"
    text = panel.inner_text()
    assert "SHE is een sleutelproject binnen de ROS." in text
    assert "Raadsinformatiebrief ROS Twente (brief-ros.pdf), pagina 2" in text
    tab.shot("knoop")
    click_edge(tab, "project/ros", "project/rsia")
    assert tab.page.inner_text("#paneel h2") == "ROS is vervolg op RSIA"
    assert "De ROS Twente is een vervolg op de RSIA." in panel.inner_text()
    assert "pagina 1" in panel.inner_text()
    tab.shot("lijn")


def test_filters_hide_types_relations_and_periods(tab: Tab, known_map: Path) -> None:
    open_map(tab, known_map)
    page = tab.page
    page.locator("#filter-soorten label", has_text="besluiten").click()
    assert rendered(tab) == (KNOWN_NODES - 2, KNOWN_EDGES - 5)  # two decisions and their five relations
    assert not {"decision/ros-pva", "decision/omgevingsvisie"} & set(page.evaluate("bgKaart.visible()"))
    page.locator("#filter-soorten label", has_text="besluiten").click()
    page.locator("#filter-relaties label", has_text="onderdeel van").click()
    assert rendered(tab) == (KNOWN_NODES, KNOWN_EDGES - 2)
    page.locator("#filter-relaties label", has_text="onderdeel van").click()
    page.fill("#datum-van", "2025-01-01")
    page.dispatch_event("#datum-van", "change")
    visible = set(page.evaluate("bgKaart.visible()"))
    assert len(visible) == KNOWN_NODES - 4
    assert "doc/brief1" in visible and "doc/besluitenlijst" not in visible and "project/ros" in visible
    assert page.inner_text("#status").startswith(f"{KNOWN_NODES - 4} van {KNOWN_NODES} knopen")
    tab.shot("filter")


def test_injected_html_shows_as_text(tab: Tab, known_map: Path, xss_store: Path, cli: Run, tmp_path: Path) -> None:
    # The hand-built graph: a label and a quote that try to break out.
    open_map(tab, known_map)
    tab.page.fill("#zoek", "wijkplan zuid")
    tab.page.locator("#zoekresultaten button").first.click()
    assert tab.page.inner_text("#paneel h2") == f"Wijkplan {XSS}"
    assert XSS_QUOTE in tab.page.inner_text("#paneel")
    # The ingested letter whose subject line is the injection.
    out = tmp_path / "xss.html"
    cli("map", "-o", out, "--store", xss_store)
    assert_offline_and_escaped(out.read_text(encoding="utf-8"))
    open_map(tab, out)
    tab.page.fill("#zoek", "onerror")
    tab.page.locator("#zoekresultaten button").first.click()
    assert tab.page.inner_text("#paneel h2") == f"{XSS} en de ROS"
    assert tab.page.locator("img").count() == 0
    tab.page.wait_for_timeout(300)  # give a stray onerror handler the time to fire
    tab.shot("xss")
    assert tab.dialogs == [] and tab.errors == [] and tab.blocked == []


def test_big_maps_are_laid_out_beforehand(tab: Tab, tmp_path: Path) -> None:
    from beleidsgraaf.web import maps
    from beleidsgraaf.web.graphdata import KIND_BY_NAME, Edge, Graph, Node

    n = maps.LAYOUT_THRESHOLD + 20
    nodes = {f"project/p{i}": Node(f"project/p{i}", KIND_BY_NAME["project"], f"Project {i}", "project") for i in range(n)}
    edges = tuple(Edge(f"project/p{i}", f"project/p{i // 2}", "bg:partOf") for i in range(1, n))
    html, layout = maps.render(Graph(nodes=nodes, edges=edges))
    data = assert_offline_and_escaped(html)
    assert layout == "networkx" and data["vis"]["options"]["physics"]["enabled"] is False
    positions = {(node["x"], node["y"]) for node in data["vis"]["nodes"]}
    assert len(positions) == n  # every node has its own place
    small, small_layout = maps.render(Graph(nodes=dict(list(nodes.items())[:10]), edges=()))
    assert small_layout == "physics" and "x" not in assert_offline_and_escaped(small)["vis"]["nodes"][0]
    out = tmp_path / "groot.html"
    out.write_text(html, encoding="utf-8")
    tab.page.goto(out.as_uri())
    tab.page.wait_for_function("window.bgKaart && window.bgKaart.ready", timeout=30_000)
    assert rendered(tab) == (n, n - 1)
    # Without physics nothing moves after drawing: positions in the browser are ours.
    drawn = tab.page.evaluate("bgKaart.network.getPositions(['project/p7'])['project/p7']")
    ours = next(v for v in data["vis"]["nodes"] if v["id"] == "project/p7")
    assert drawn["x"] == pytest.approx(ours["x"], abs=1) and drawn["y"] == pytest.approx(ours["y"], abs=1)
    tab.shot("grote-kaart")
