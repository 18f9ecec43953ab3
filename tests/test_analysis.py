"""Graph questions with exact answers on graphs built for the test: paths,
lineage order, hubs ranking, cluster membership, changes since a date and
since a snapshot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import Quad

from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.analysis import cluster_of, clusters, connect, hubs, lineage
from beleidsgraaf.graph.changes import (
    SnapshotError,
    changes_since,
    compare,
    load_snapshot,
    parse_moment,
    take_snapshot,
)
from beleidsgraaf.graph.network import AmbiguousNameError, Network, UnknownNameError, load_network
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.ontology.iris import entity, graph, term
from tests.graphs import NETWORK_TRIG, iri, relations_store, trig_store


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trig_store(tmp_path_factory.mktemp("analysis") / "store", NETWORK_TRIG.read_text())


def _load(location: Path) -> Network:
    with open_store(str(location), read_only=True) as store:
        return load_network(store)


@pytest.fixture(scope="module")
def network(fixture_store: Path) -> Network:
    return _load(fixture_store)


def _labels(refs: object) -> list[str]:
    return [r.label for r in refs]  # type: ignore[attr-defined]


# --- connect --------------------------------------------------------------------


def test_connect_gives_the_best_explained_shortest_paths_first(network: Network) -> None:
    found = connect(network, "she", "Regionale Samenwerkings- en Investeringsagenda")
    assert (found.source.label, found.target.label) == ("SHE", "RSIA")
    described = [[step.describe() for step in path] for path in found.paths]
    assert described == [
        [
            "SHE — is onderdeel van → ROS Twente (brief-a.pdf, p. 3: 'SHE is een sleutelproject binnen de ROS Twente.')",
            "ROS Twente — is een vervolg op → RSIA (brief-a.pdf, p. 1: 'De ROS Twente is een vervolg op de RSIA.')",
        ],
        # As short, but the letter only names both: no quote, so second.
        ["SHE ← noemt — brief-a.pdf (zonder citaat)", "brief-a.pdf — noemt → RSIA (zonder citaat)"],
        # Three steps: of the two with one quote, ROS Twente sorts before brief-a.pdf;
        # between ROS and the letter "gaat over" (bg:about) sorts before "noemt".
        [
            "SHE — is onderdeel van → ROS Twente (brief-a.pdf, p. 3: 'SHE is een sleutelproject binnen de ROS Twente.')",
            "ROS Twente ← gaat over — brief-a.pdf (zonder citaat)",
            "brief-a.pdf — noemt → RSIA (zonder citaat)",
        ],
    ]
    first = found.paths[0]
    assert [(s.source.iri, s.target.iri, s.predicate, s.forward) for s in first] == [
        (iri("project/she"), iri("project/ros"), "bg:partOf", True),
        (iri("project/ros"), iri("project/rsia"), "bg:succeeds", True),
    ]


def test_connect_reports_steps_against_the_stated_direction(network: Network) -> None:
    [path] = connect(network, "Kennispark Twente", "Ontwikkelperspectief SHE", max_paths=1).paths
    assert [step.describe() for step in path] == [
        "Kennispark Twente — is onderdeel van → ROS Twente (brief-b.pdf, p. 3: 'Het Kennispark Twente is onderdeel van de ROS.')",
        "ROS Twente ← levert input voor — Ontwikkelperspectief SHE (brief-b.pdf, p. 1: 'Het Ontwikkelperspectief SHE levert input voor de ROS.')",
    ]
    assert [step.forward for step in path] == [True, False]


def test_connect_without_a_path_returns_none(network: Network) -> None:
    found = connect(network, "SHE", "Kanaalzone")
    assert found.paths == ()
    assert found.target.iri == iri("project/kanaalzone")


def test_connect_rejects_ambiguous_unknown_and_identical_names(network: Network) -> None:
    with pytest.raises(AmbiguousNameError):
        connect(network, "agenda ROS", "SHE")
    with pytest.raises(UnknownNameError):
        connect(network, "SHE", "Spoorzone")
    with pytest.raises(UsageError, match="^'ROS' en 'ros twente' zijn hetzelfde: ROS Twente$"):
        connect(network, "ROS", "ros twente")
    with pytest.raises(UsageError, match="--max 0"):
        connect(network, "ROS", "SHE", max_paths=0)


# --- lineage --------------------------------------------------------------------

ROS_LINE = ["RSIA", "Omgevingsvisie Enschede", "Ontwikkelperspectief SHE", "ROS Twente",
            "Uitvoeringsagenda ROS Twente", "Investeringsagenda ROS Twente"]  # fmt: skip


def test_lineage_orders_predecessors_and_successors_in_time(network: Network) -> None:
    line = lineage(network, "ROS")
    assert _labels(m.node for m in line.members) == ROS_LINE
    assert [m.role for m in line.members] == ["voorganger"] * 3 + ["onderwerp", "opvolger", "opvolger"]
    assert [m.node.date for m in line.members] == [
        "2019-03-01",
        "2024-02-01",
        None,
        "2025-12-01",
        "2026-06-01",
        "2027-01-01",
    ]
    assert line.chain() == " → ".join(ROS_LINE)
    ros = line.members[3]
    assert [(s.source.label, s.predicate, s.target.label) for s in ros.links] == [
        ("Omgevingsvisie Enschede", "bg:buildingBlockFor", "ROS Twente"),
        ("Ontwikkelperspectief SHE", "bg:inputFor", "ROS Twente"),
        ("ROS Twente", "bg:succeeds", "RSIA"),
    ]
    assert [s.describe() for s in line.members[5].links] == [
        "Uitvoeringsagenda ROS Twente — wordt gevolgd door → Investeringsagenda ROS Twente "
        "(brief-b.pdf, p. 2: 'Tenslotte volgt de investeringsagenda.')"
    ]


def test_lineage_holds_only_the_line_of_the_subject(network: Network) -> None:
    # RSIA's successors, not the other inputs of ROS.
    assert _labels(m.node for m in lineage(network, "RSIA").members) == [
        "RSIA", "ROS Twente", "Uitvoeringsagenda ROS Twente", "Investeringsagenda ROS Twente"]  # fmt: skip
    assert _labels(m.node for m in lineage(network, "Investeringsagenda ROS Twente").members) == ROS_LINE
    lonely = lineage(network, "SHE")  # part of ROS, but in no line
    assert [(m.node.label, m.role, m.links) for m in lonely.members] == [("SHE", "onderwerp", ())]


def test_lineage_follows_subproperties_inverses_and_survives_cycles(tmp_path: Path) -> None:
    network = _load(relations_store(tmp_path / "store", [
        ("project/v2", "bg:replaces", "project/v1"),  # ⊑ bg:succeeds: v2 after v1
        ("project/v2", "bg:succeededBy", "project/v3"),  # inverse of bg:succeeds: v3 after v2
        ("project/v3", "bg:followedBy", "project/v4"),
        ("project/v4", "bg:followedBy", "project/y"),
        ("project/y", "bg:followedBy", "project/x"),  # x and y follow each other: a cycle
        ("project/x", "bg:followedBy", "project/y"),
        ("project/v3", "bg:alignsWith", "project/other"),  # not a lineage relation
    ]))  # fmt: skip
    assert _labels(m.node for m in lineage(network, "v1").members) == ["v1", "v2", "v3", "v4", "x", "y"]
    assert _labels(m.node for m in lineage(network, "x").members) == ["v1", "v2", "v3", "v4", "x", "y"]


def test_lineage_keeps_a_cycle_through_the_subject_together(tmp_path: Path) -> None:
    # As in the seed letters: ROS is a building block for the Omgevingsvisie and the other way round.
    network = _load(relations_store(tmp_path / "store", [
        ("project/ros", "bg:succeeds", "project/rsia"),
        ("project/ros", "bg:buildingBlockFor", "doc/omgevingsvisie"),
        ("doc/omgevingsvisie", "bg:buildingBlockFor", "project/ros"),
        ("project/ros", "bg:followedBy", "doc/uitvoeringsagenda"),
        ("doc/uitvoeringsagenda", "bg:followedBy", "doc/investeringsagenda"),
    ]))  # fmt: skip
    line = lineage(network, "ros")
    assert [(m.node.label, m.role) for m in line.members] == [
        ("rsia", "voorganger"),
        ("omgevingsvisie", "voorganger en opvolger"),
        ("ros", "onderwerp"),
        ("uitvoeringsagenda", "opvolger"),
        ("investeringsagenda", "opvolger"),
    ]


# --- hubs -----------------------------------------------------------------------


def test_hubs_rank_what_others_lean_on(tmp_path: Path) -> None:
    network = _load(relations_store(tmp_path / "store", [
        ("project/a", "bg:partOf", "project/hub"),
        ("project/b", "bg:partOf", "project/hub"),
        ("project/c", "bg:inputFor", "project/hub"),
        ("project/d", "bg:partOf", "project/a"),
        ("project/e", "bg:followedBy", "project/f"),  # f builds on e: e is leaned on
    ]))  # fmt: skip
    ranked = hubs(network)
    assert [(h.rank, h.node.label, h.leaned_on_by) for h in ranked] == [
        (1, "hub", 3), (2, "a", 1), (3, "e", 1), (4, "b", 0), (5, "c", 0), (6, "d", 0), (7, "f", 0)]  # fmt: skip
    assert sum(h.score for h in ranked) == pytest.approx(1.0)
    assert [h.node.label for h in hubs(network, top=2)] == ["hub", "a"]


def test_hubs_on_the_fixture_put_the_programme_first(network: Network) -> None:
    ranked = hubs(network)
    # Leaning on ROS directly: SHE, Kennispark, Omgevingsvisie, Ontwikkelperspectief,
    # the Uitvoeringsagenda (it follows ROS) and both letters (brief-a twice, counted once).
    assert (ranked[0].node.label, ranked[0].leaned_on_by) == ("ROS Twente", 7)
    assert [h.node.label for h in hubs(network, top=3, kind="project")] == ["ROS Twente", "RSIA", "NPVR"]
    with pytest.raises(UsageError, match="--kind plan: onbekende soort"):
        hubs(network, kind="plan")


# --- clusters -------------------------------------------------------------------


def test_clusters_split_communities_and_name_them_by_their_centre(tmp_path: Path) -> None:
    clique = [
        (f"project/{g}{i}", "bg:alignsWith", f"project/{g}{j}")
        for g in "ab"
        for i in range(1, 5)
        for j in range(i + 1, 5)
    ]
    network = _load(relations_store(tmp_path / "store", [
        *clique,
        ("project/a5", "bg:partOf", "project/a1"),
        ("project/a6", "bg:partOf", "project/a1"),
        ("project/a2", "bg:alignsWith", "project/b2"),  # the one bridge
        ("project/z1", "bg:partOf", "project/z2"),
    ]))  # fmt: skip
    found = clusters(network)
    assert [(c.number, c.name, _labels(c.members)) for c in found] == [
        (1, "a1 / a2 / a3", ["a1", "a2", "a3", "a4", "a5", "a6"]),
        (2, "b1 / b2 / b3", ["b1", "b2", "b3", "b4"]),
        (3, "z1 / z2", ["z1", "z2"]),
    ]
    assert clusters(network) == found  # fixed seed: the same every run
    assert cluster_of(found, iri("project/b4")) == found[1]
    assert cluster_of(found, iri("project/nowhere")) is None


def test_clusters_on_the_fixture_keep_an_unconnected_part_apart(network: Network) -> None:
    found = clusters(network)
    assert sum(len(c.members) for c in found) == network.graph.number_of_nodes()
    kanaalzone = cluster_of(found, iri("project/kanaalzone"))
    assert kanaalzone is not None
    assert sorted(_labels(kanaalzone.members)) == ["Havenkwartier Hengelo", "Kanaalzone", "brief-d.pdf"]
    ros = cluster_of(found, iri("project/ros"))
    assert ros is not None and ros.members[0].label == "ROS Twente"
    assert {"SHE", "RSIA", "Kennispark Twente"} <= set(_labels(ros.members))


# --- changes --------------------------------------------------------------------


def test_changes_since_a_date_are_what_later_documents_added(fixture_store: Path, network: Network) -> None:
    with open_store(str(fixture_store), read_only=True) as store:
        found = changes_since(store, network, parse_moment("2026-02-01"))
        latest = changes_since(store, network, parse_moment("2026-03-02T09:00:00+00:00"))
        none = changes_since(store, network, parse_moment("2030-01-01"))
    assert found.removals_known is False and found.removed == type(found.removed)()
    assert _labels(found.added.documents) == ["besluitenlijst-c.pdf", "brief-d.pdf"]
    assert _labels(found.added.decisions) == ["Vaststelling Uitvoeringsagenda ROS Twente"]
    # The gemeenteraad and the Uitvoeringsagenda were known from earlier letters.
    assert _labels(found.added.entities) == ["Commissie Ruimte 15 juni 2026", "Havenkwartier Hengelo", "Kanaalzone"]
    assert [(r.subject.label, r.predicate, r.object.label) for r in found.added.relations] == [
        ("Commissie Ruimte 15 juni 2026", "bg:discusses", "Uitvoeringsagenda ROS Twente"),
        ("Commissie Ruimte 15 juni 2026", "bg:heldBy", "gemeenteraad van Enschede"),
        ("Kanaalzone", "bg:partOf", "Havenkwartier Hengelo"),
        ("Vaststelling Uitvoeringsagenda ROS Twente", "bg:decidedBy", "gemeenteraad van Enschede"),
        ("Vaststelling Uitvoeringsagenda ROS Twente", "bg:about", "Uitvoeringsagenda ROS Twente"),
        ("Vaststelling Uitvoeringsagenda ROS Twente", "bg:reportedIn", "besluitenlijst-c.pdf"),
        ("besluitenlijst-c.pdf", "dcterms:creator", "gemeenteraad van Enschede"),
        ("brief-d.pdf", "bg:mentions", "Kanaalzone"),
    ]
    assert _labels(latest.added.documents) == ["brief-d.pdf"]  # ingested exactly then: included
    assert (len(latest.added.entities), len(latest.added.relations)) == (2, 2)
    assert len(none.added) == 0


@pytest.mark.parametrize("text", ["2026-13-01", "gisteren", ""])
def test_a_bad_date_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="geen datum"):
        parse_moment(text)


def test_changes_since_a_snapshot_find_additions_and_removals(
    fixture_store: Path, network: Network, tmp_path: Path
) -> None:
    saved = tmp_path / "before.json"
    take_snapshot(network, taken_at="2026-04-01T00:00:00+00:00").save(saved)
    before = load_snapshot(saved)
    assert before == take_snapshot(network, taken_at="2026-04-01T00:00:00+00:00")  # a lossless round trip

    location = tmp_path / "store"
    shutil.copytree(fixture_store, location)
    with open_store(str(location)) as store:
        store.remove_documents(["doc/brief-d"])
        store.add([Quad(entity("project/npvr"), term("bg:partOf"), entity("project/ros"), graph("doc/brief-b"))])
    found = compare(before, take_snapshot(_load(location)))
    assert found.since == "2026-04-01T00:00:00+00:00" and found.removals_known
    assert _labels(found.removed.documents) == ["brief-d.pdf"]
    assert _labels(found.removed.entities) == ["Havenkwartier Hengelo", "Kanaalzone"]
    assert [(r.subject.label, r.label, r.object.label) for r in found.removed.relations] == [
        ("Kanaalzone", "is onderdeel van", "Havenkwartier Hengelo"), ("brief-d.pdf", "noemt", "Kanaalzone")]  # fmt: skip
    assert [(r.subject.label, r.label, r.object.label) for r in found.added.relations] == [
        ("NPVR", "is onderdeel van", "ROS Twente")
    ]
    assert len(found.added) == 1 and found.removed.decisions == ()


def test_a_file_that_is_no_snapshot_is_refused(tmp_path: Path) -> None:
    cases = {
        "missing.json": None,
        "text.json": "not json",
        "other.json": json.dumps({"format": "something-else"}),
        "future.json": json.dumps({"format": "beleidsgraaf-snapshot", "version": 99}),
        "broken.json": json.dumps(
            {"format": "beleidsgraaf-snapshot", "version": 1, "taken_at": "x", "nodes": [{"iri": "a"}]}
        ),
    }
    messages = {}
    for name, content in cases.items():
        if content is not None:
            (tmp_path / name).write_text(content)
        with pytest.raises(SnapshotError) as caught:
            load_snapshot(tmp_path / name)
        messages[name] = str(caught.value)
    assert "kan de momentopname niet lezen" in messages["missing.json"]
    assert messages["text.json"].startswith("text.json: geen momentopname (geen geldige JSON")
    assert messages["other.json"] == "other.json: geen momentopname van beleidsgraaf (maak er een met --save-snapshot)"
    assert messages["future.json"] == "future.json: momentopname versie 99, deze versie leest 1"
    assert messages["broken.json"].startswith("broken.json: momentopname is beschadigd")
