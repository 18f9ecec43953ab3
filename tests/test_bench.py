"""The benchmark harness runs on a tiny input (timings are not checked: benchmarks are not tests)."""
from __future__ import annotations

from pathlib import Path

from bench import ingest, maps, queries, synth
from bench.report import table
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.web import graphdata
from tests.pdfs import write_pdf


def test_ingest_readers_measure_the_same_pages(tmp_path: Path) -> None:
    files = [
        write_pdf(tmp_path / "a.pdf", [["Geachte raadsleden,", "Wij informeren u."], ["Hoogachtend,"]]),
        write_pdf(tmp_path / "b.pdf", [["Besluitenlijst B&W-vergadering"]]),
    ]
    ours = ingest.measure("ingest", files, repeats=1)
    plumber = ingest.measure("pdfplumber", files, repeats=1)
    assert ours.pages == plumber.pages == 3
    assert {"read", "clean", "segment", "metadata", "graph+store"} <= set(ours.stages)
    assert ours.peak_rss_mb > 0 and len(ours.runs) == 1
    text = ingest.readers_table("t", [ours, plumber], plumber)
    assert text.count("\n| ") == 3  # header and two readers


def test_synthetic_graph_answers_the_lineage_query_exactly(tmp_path: Path) -> None:
    data = tmp_path / "g.nq"
    count = synth.write(3_000, data)
    assert count >= 3_000
    queries.build_store(data, tmp_path / "store")
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        labels = {row["label"].value for row in store.query(queries.saved_queries()["lineage"])}  # type: ignore[union-attr]
    # Zonneveld 9 succeeds 8 … 0 (a chain of ten).
    assert synth.parameters()["x"] == synth.project_label(9)
    assert labels == {synth.project_label(j) for j in range(9)}


def test_query_bench_runs_both_engines_on_a_tiny_graph() -> None:
    text = queries.run([3_000], repeats=1, rdflib_load_cap=60, rdflib_query_cap=2)
    for name in queries.saved_queries():
        assert f"| {name} |" in text
    assert "error:" not in text  # every saved query binds and runs on the synthetic graph
    assert "(rdflib: " not in text  # where rdflib finishes, it finds the same rows
    assert "x | " in text  # speed-ups were computed
    assert "rdflib load" in text


def test_map_bench_graph_loads_as_the_product_reads_it(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as store:
        store.add(maps.synthetic(40))
        graph = graphdata.load(store)
    assert len(graph.nodes) == 40 and len(graph.edges) >= 30
    assert {node.kind.name for node in graph.nodes.values()} >= {"project", "document"}
    assert "vis.Network" in maps.product(graph) and "vis.Network" in maps.pyvis_default(graph)
    assert table("x", ("a", "b"), [(1, 2)]).splitlines()[-1] == "| 1 | 2 |"
