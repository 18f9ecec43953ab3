"""The analytics commands end to end, as a user runs them (subprocess), on the fixture graph."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import networkx as nx
import pytest

from beleidsgraaf.graph.store import open_store
from tests.conftest import Run
from tests.graphs import NETWORK_TRIG, trig_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trig_store(tmp_path_factory.mktemp("cli") / "store", NETWORK_TRIG.read_text())


def test_connect_prints_each_step_with_its_quote(cli: Run, store: Path) -> None:
    lines = cli("connect", "SHE", "rsia", "--max", "1", "--store", store).stdout.splitlines()
    assert lines == [
        "SHE ↔ RSIA: 1 pad, kortste 2 stappen",
        "",
        " 1. SHE — is onderdeel van → ROS Twente (brief-a.pdf, p. 3: 'SHE is een sleutelproject binnen de ROS Twente.')",
        "    ROS Twente — is een vervolg op → RSIA (brief-a.pdf, p. 1: 'De ROS Twente is een vervolg op de RSIA.')",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("SHE", "Kanaalzone"), 1, "beleidsgraaf: geen verbinding tussen SHE en Kanaalzone"),
        (("agenda ROS", "SHE"), 2, "beleidsgraaf: 'agenda ROS' is dubbelzinnig, dat kan zijn: Investeringsagenda ROS Twente "
         "(document, bgid:doc/investeringsagenda); Uitvoeringsagenda ROS Twente (document, bgid:doc/uitvoeringsagenda) "
         "(geef een preciezere naam of de IRI)"),
        (("Spoorzone", "SHE"), 2, "beleidsgraaf: 'Spoorzone': geen document, orgaan, project, besluit, vergadering of persoon heet zo"),
    ],
)  # fmt: skip
def test_connect_failures_are_one_clear_line(
    cli: Run, store: Path, args: tuple[str, str], code: int, message: str
) -> None:
    result = cli("connect", *args, "--store", store, check=False)
    assert result.returncode == code
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stderr


def test_lineage_prints_the_chain_in_order(cli: Run, store: Path) -> None:
    lines = cli("lineage", "Ruimtelijke Ontwikkelstrategie Twente", "--store", store).stdout.splitlines()
    assert lines[0] == ("RSIA → Omgevingsvisie Enschede → Ontwikkelperspectief SHE → ROS Twente → "
                        "Uitvoeringsagenda ROS Twente → Investeringsagenda ROS Twente")  # fmt: skip
    assert lines[1:5] == [
        "  1. RSIA (2019-03-01) · voorganger",
        "  2. Omgevingsvisie Enschede (2024-02-01) · voorganger",
        "  3. Ontwikkelperspectief SHE · voorganger",
        "  4. ROS Twente (2025-12-01) · onderwerp",
    ]
    assert (
        "       ROS Twente — is een vervolg op → RSIA (brief-a.pdf, p. 1: 'De ROS Twente is een vervolg op de RSIA.')"
        in lines
    )
    assert cli("lineage", "SHE", "--store", store).stdout.strip() == "SHE: geen voorgangers of opvolgers bekend"


def test_hubs_and_clusters_write_csv(cli: Run, store: Path, tmp_path: Path) -> None:
    result = cli("hubs", "--top", "3", "--kind", "project", "--csv", tmp_path / "hubs.csv", "--store", store)
    assert "ROS Twente" in result.stdout
    with (tmp_path / "hubs.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["rank"], r["label"], r["kind"], r["leaned_on_by"]) for r in rows] == [
        ("1", "ROS Twente", "project", "7"), ("2", "RSIA", "project", "2"), ("3", "NPVR", "project", "1")]  # fmt: skip

    cli("clusters", "--csv", tmp_path / "clusters.csv", "--store", store)
    with (tmp_path / "clusters.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 22  # every node in exactly one cluster
    by_label = {r["label"]: r["cluster"] for r in rows}
    assert by_label["Kanaalzone"] == by_label["Havenkwartier Hengelo"] == by_label["brief-d.pdf"]
    assert by_label["Kanaalzone"] != by_label["ROS Twente"]


def test_changes_since_a_date_and_a_snapshot(cli: Run, store: Path, tmp_path: Path) -> None:
    since = cli("changes", "--since", "2026-03-02", "--store", store).stdout
    assert (
        since.splitlines()[0]
        == "Sinds 2026-03-02T00:00:00+00:00: 5 toegevoegd (verwijderingen: alleen te zien met --since-snapshot)"
    )
    assert "brief-d.pdf — noemt → Kanaalzone" in since and "besluitenlijst" not in since

    snapshot = tmp_path / "snapshot.json"
    saved = cli("changes", "--save-snapshot", snapshot, "--store", store).stdout
    assert saved.strip() == f"momentopname (22 knopen, 28 relaties) geschreven naar {snapshot}"
    changed = tmp_path / "changed"
    shutil.copytree(store, changed)
    with open_store(str(changed)) as graph_store:
        graph_store.remove_documents(["doc/besluitenlijst-c"])
    lines = cli("changes", "--since-snapshot", snapshot, "--store", changed).stdout.splitlines()
    assert lines[0].endswith(": 0 toegevoegd, 9 verwijderd")  # the list, its decision, the meeting, their 6 relations
    assert any("−" in line and "besluitenlijst-c.pdf" in line for line in lines)

    bad = cli("changes", "--since", "morgen", "--store", store, check=False)
    assert (bad.returncode, bad.stderr.strip()) == (
        2,
        "beleidsgraaf: --since 'morgen': geen datum (gebruik JJJJ-MM-DD, bijvoorbeeld 2026-02-01)",
    )
    nothing = cli("changes", "--store", store, check=False)
    assert nothing.returncode == 2 and "--since" in nothing.stderr


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_network_for_gephi(cli: Run, store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"netwerk{suffix}"
    assert (
        cli("export-network", out, "--store", store).stdout.strip() == f"22 knopen en 28 relaties geschreven naar {out}"
    )
    read = nx.read_graphml(out, force_multigraph=True) if suffix == ".graphml" else nx.read_gexf(out)
    assert (read.number_of_nodes(), read.number_of_edges()) == (22, 28)


def _on_seed(cli: Run, seed_store: Path, *args: str) -> str:
    result = cli(*args, "--store", seed_store, check=False)
    if "heet zo" in result.stderr:
        pytest.skip(
            "the seed graph names no projects yet (relation extraction is not merged): " + result.stderr.strip()
        )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_seed_letters_connect_she_and_rsia_with_a_quote_for_every_step(cli: Run, seed_store: Path) -> None:
    """The issue's acceptance check on the real letters, once extraction names the projects."""
    lines = _on_seed(cli, seed_store, "connect", "SHE", "RSIA", "--max", "1").splitlines()
    steps = [line for line in lines[2:] if line.strip()]
    assert steps and all("zonder citaat" not in step and ", p. " in step for step in steps), steps


def test_seed_letters_lineage_of_ros(cli: Run, seed_store: Path) -> None:
    chain = [name.lower() for name in _on_seed(cli, seed_store, "lineage", "ROS").splitlines()[0].split(" → ")]

    def where(*names: str) -> int:
        return next(i for i, name in enumerate(chain) if name in names)

    rsia = where("regionale stedelijke investeringsagenda", "regionale strategische investerings agenda", "rsia")
    ros = where("ruimtelijke ontwikkelstrategie twente", "regionale ontwikkel strategie twente", "ros")
    assert rsia < ros < where("uitvoeringsagenda ros") < where("investeringsagenda ros"), chain
