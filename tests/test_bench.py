"""The benchmark harness runs on a tiny input (timings are not checked: benchmarks are not tests)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph

from bench import ingest, maps, queries, synth
from bench.report import table
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
    store = pyoxigraph.Store()
    store.load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)
    sparql = (queries.OWN / "lineage.rq").read_text(encoding="utf-8")
    labels = {row["label"].value for row in store.query(sparql, use_default_graph_as_union=True)}
    # Zonneveld 9 succeeds 8 … 1 (chains of ten); 8 and 9 are part of 1, 1…7 of 0.
    assert labels == {synth.project_label(j) for j in range(9)}


def test_query_bench_runs_both_engines_on_a_tiny_graph() -> None:
    text = queries.run([400], repeats=1, rdflib_load_cap=60, rdflib_query_cap=20)
    _, saved = queries.saved_queries()
    for name in saved:
        assert f"| {name} |" in text
    assert "did not finish" not in text
    assert "rdflib load" in text


def test_map_graph_and_table_shape() -> None:
    g = maps.graph(50)
    assert g.number_of_nodes() == 50 and g.number_of_edges() >= 49
    assert {data["kind"] for _, data in g.nodes(data=True)} == set(maps.KINDS)
    assert table("x", ("a", "b"), [(1, 2)]).splitlines()[-1] == "| 1 | 2 |"
