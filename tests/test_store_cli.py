"""The main path through the command line: ingest, re-ingest, remove, export, validate."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph
import rdflib

from tests.conftest import Run
from tests.pdfs import write_pdf

LETTER = [
    "Geachte leden van de raad,",
    "Met deze brief informeren wij u over de voortgang van het programma voor de binnenstad.",
    "Hoogachtend,",
    "Burgemeester en wethouders van Deventer,",
    "de secretaris, de burgemeester,",
    "(K. Mulder) (R. König)",
]


def export_nq(cli: Run, store: Path, out: Path) -> bytes:
    cli("export", out, "--store", store)
    return out.read_bytes()


def test_ingest_twice_changes_nothing(cli: Run, writable_store: Path, samples: Path, tmp_path: Path) -> None:
    before = export_nq(cli, writable_store, tmp_path / "a.nq")
    result = cli("ingest", samples, "--store", writable_store)
    assert "ingested 0, unchanged 3" in result.stdout
    assert export_nq(cli, writable_store, tmp_path / "b.nq") == before


def test_fresh_stores_give_identical_exports(cli: Run, seed_store: Path, samples: Path, tmp_path: Path) -> None:
    """Identifiers and statements depend on the files only, not on the run."""
    other = tmp_path / "other"
    cli("ingest", samples, "--store", other)
    assert export_nq(cli, other, tmp_path / "a.nq") == export_nq(cli, seed_store, tmp_path / "b.nq")


def test_changed_file_replaces_its_old_graph_and_remove_takes_it_out(cli: Run, tmp_path: Path) -> None:
    store = tmp_path / "store"
    letter = write_pdf(tmp_path / "brief.pdf", [LETTER])
    cli("ingest", letter, "--store", store)
    write_pdf(letter, [[*LETTER[:2], "Een nieuwe zin over de binnenstad van Deventer.", *LETTER[2:]]])
    result = cli("ingest", letter, "--store", store)
    assert "ingested 1" in result.stdout
    db = pyoxigraph.Store.read_only(str(store))
    docs = list(db.query("SELECT DISTINCT ?d WHERE { ?d <https://w3id.org/beleidsgraaf/def#fileName> ?n }", use_default_graph_as_union=True))
    assert len(docs) == 1
    graphs = {g.value for g in db.named_graphs() if "/graph/doc/" in g.value}
    assert len(graphs) == 1
    del db
    cli("remove", letter, "--store", store)
    db = pyoxigraph.Store.read_only(str(store))
    assert not {g.value for g in db.named_graphs() if "/graph/doc/" in g.value}
    assert not list(db.query("SELECT ?s WHERE { ?s <https://w3id.org/beleidsgraaf/def#sourcePath> ?p }", use_default_graph_as_union=True))


def test_one_bad_file_is_reported_and_the_others_land(cli: Run, tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(samples, folder)
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (folder / "leeg.pdf").write_bytes(b"")
    (folder / "nep.pdf").write_text("dit is geen pdf")
    result = cli("ingest", folder, "--store", tmp_path / "store")
    assert "ingested 3" in result.stdout and "failed 3" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert sorted(line.split()[1] for line in lines) == ["kapot.pdf:", "leeg.pdf:", "nep.pdf:"]
    assert "empty file" in result.stderr and "not a PDF" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_round_trip_in_every_format(cli: Run, seed_store: Path, tmp_path: Path) -> None:
    export_nq(cli, seed_store, tmp_path / "ref.nq")
    reference = rdflib.Dataset()
    reference.parse(tmp_path / "ref.nq", format="nquads")
    triples = {(s, p, o) for s, p, o, _ in reference.quads((None, None, None, None))}
    assert len(triples) > 500
    for suffix, fmt in ((".ttl", "turtle"), (".trig", "trig"), (".jsonld", "json-ld"), (".nt", "nt")):
        out = tmp_path / f"g{suffix}"
        cli("export", out, "--store", seed_store)
        parsed = rdflib.Dataset()
        parsed.parse(out, format=fmt)
        again = {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))}
        assert again == triples, suffix


def test_export_includes_the_ontology_but_not_local_paths(cli: Run, seed_store: Path, tmp_path: Path) -> None:
    text = export_nq(cli, seed_store, tmp_path / "g.nq").decode()
    assert "<https://w3id.org/beleidsgraaf/def#Raadsinformatiebrief> <http://www.w3.org/2000/01/rdf-schema#subClassOf>" in text
    assert str(seed_store.parent) not in text
    assert '<https://w3id.org/beleidsgraaf/def#sourcePath> "' not in text
    assert not any("/graph/system" in line for line in text.splitlines())


def test_validate_reports_zero_violations_on_the_seed_graph(cli: Run, seed_store: Path) -> None:
    result = cli("validate", "--store", seed_store)
    assert "conforms: 0 violations" in result.stdout


def test_validate_exits_1_on_a_broken_graph(cli: Run, writable_store: Path) -> None:
    db = pyoxigraph.Store(str(writable_store))
    db.update(
        "INSERT DATA { GRAPH <https://w3id.org/beleidsgraaf/graph/doc/broken> {"
        " <https://w3id.org/beleidsgraaf/id/decision/x> a <https://w3id.org/beleidsgraaf/def#Decision> ;"
        " <http://www.w3.org/2000/01/rdf-schema#label> \"besluit zonder orgaan\" } }"
    )
    del db
    result = cli("validate", "--store", writable_store, check=False)
    assert result.returncode == 1
    assert "decidedBy" in result.stdout
    assert "reportedIn" in result.stdout
    assert result.stderr.strip().startswith("beleidsgraaf: 2 violations")


def test_errors_are_one_line_with_exit_2(cli: Run, tmp_path: Path) -> None:
    result = cli("stats", "--store", tmp_path / "nowhere", check=False)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "no store here" in result.stderr
    result = cli("export", tmp_path / "out.xyz", "--store", tmp_path, check=False)
    assert result.returncode == 2 and "unknown export format" in result.stderr


def test_stats_counts_documents_and_classes(cli: Run, seed_store: Path) -> None:
    result = cli("stats", "--store", seed_store)
    assert result.stdout.startswith("documents 3,")
    assert "bg:Raadsinformatiebrief" in result.stdout


def test_explain_shows_each_sentence_its_names_and_the_rule_behind_each_statement(cli: Run, tmp_path: Path) -> None:
    letter = write_pdf(tmp_path / "brief.pdf", [[*LETTER[:2], "Het Programma Binnenstad (PB) is een vervolg op het Centrumplan Deventer (CPD).", *LETTER[2:]]])
    lines = cli("explain", letter, env={**os.environ, "BELEIDSGRAAF_STORE": str(tmp_path / "store")}).stdout.splitlines()
    sentence = lines.index("p. 1 [sentence] Het Programma Binnenstad (PB) is een vervolg op het Centrumplan Deventer (CPD).")
    assert lines[sentence + 1].startswith("  namen: Programma Binnenstad → Programma Binnenstad (project) · PB → Programma Binnenstad (project)")
    assert "  → Programma Binnenstad — is een vervolg op → Centrumplan Deventer  [vervolg-op]" in lines[sentence + 2 :]
    assert "  → deze brief — ondertekend door → R. König  [signature]" in lines
    assert not (tmp_path / "store").exists()  # explaining stores nothing
    bad = cli("explain", tmp_path / "missing.pdf", check=False)
    assert bad.returncode == 2 and bad.stderr.strip() == "beleidsgraaf: missing.pdf: no such file"
