"""Graph analytics: connect, lineage, hubs, clusters, changes, export-network.

Each command projects the store into networkx (`graph/network.py`), asks
`graph/analysis.py` or `graph/changes.py`, and prints the answer in Dutch.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from beleidsgraaf.cli.app import StoreOption, app, out
from beleidsgraaf.errors import BeleidsgraafError, UsageError

if TYPE_CHECKING:
    from beleidsgraaf.graph.changes import Delta
    from beleidsgraaf.graph.network import Network

QUOTE_LIMIT = 160  # characters of a quote shown on a terminal line

CsvOption = Annotated[Path | None, typer.Option("--csv", help="Also write the table as CSV (UTF-8) to this file.")]


class NoPathError(BeleidsgraafError):
    """Two things exist but no chain of relations joins them."""

    exit_code = 1


def _network(store: str | None) -> Network:
    from beleidsgraaf.graph.network import load_network
    from beleidsgraaf.graph.store import open_store

    with open_store(store, read_only=True) as graph_store:
        return load_network(graph_store)


def _print(text: str) -> None:
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        raise UsageError(f"{path}: kan niet schrijven ({exc.strerror or exc})") from exc
    _print(f"CSV geschreven naar {path}")


@app.command()
def connect(
    a: Annotated[str, typer.Argument(help="A name (label or any alias, case and accents do not matter) or IRI.")],
    b: Annotated[str, typer.Argument(help="Another name or IRI.")],
    max_paths: Annotated[int, typer.Option("--max", help="How many paths to show.")] = 3,
    store: StoreOption = None,
) -> None:
    """Show how two things hang together: the shortest paths of relations, each step with its quote."""
    from beleidsgraaf.graph.analysis import connect as find

    connection = find(_network(store), a, b, max_paths)
    if not connection.paths:
        raise NoPathError(f"geen verbinding tussen {connection.source.label} en {connection.target.label}")
    count, hops = len(connection.paths), len(connection.paths[0])
    paths = f"{count} {'pad' if count == 1 else 'paden'}"
    _print(
        f"{connection.source.label} ↔ {connection.target.label}: {paths}, kortste {hops} {'stap' if hops == 1 else 'stappen'}"
    )
    for number, path in enumerate(connection.paths, start=1):
        _print("")
        for index, step in enumerate(path):
            _print(f"{f'{number}.' if index == 0 else '':>3} {step.describe(QUOTE_LIMIT)}")


@app.command()
def lineage(
    name: Annotated[str, typer.Argument(help="A name (label or any alias) or IRI.")],
    store: StoreOption = None,
) -> None:
    """Show the line of predecessors and successors (vervolg op, gevolgd door, bouwsteen, input) in time order."""
    from beleidsgraaf.graph.analysis import lineage as trace

    line = trace(_network(store), name)
    if len(line.members) == 1:
        _print(f"{line.subject.label}: geen voorgangers of opvolgers bekend")
        return
    _print(line.chain())
    for number, member in enumerate(line.members, start=1):
        date = f" ({member.node.date})" if member.node.date else ""
        _print(f"{number:>3}. {member.node.label}{date} · {member.role}")
        for step in member.links:
            _print(f"       {step.describe(QUOTE_LIMIT)}")


@app.command()
def hubs(
    top: Annotated[int, typer.Option("--top", help="How many to show.")] = 20,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind: document, body, project, decision, meeting, person.")
    ] = None,
    csv_file: CsvOption = None,
    store: StoreOption = None,
) -> None:
    """Rank what most other things lean on (PageRank over part-of, builds-on, about, mentions, … links)."""
    from beleidsgraaf.graph.analysis import hubs as rank
    from beleidsgraaf.graph.network import KIND_NL

    ranked = rank(_network(store), top=top, kind=kind)
    table = Table("#", "naam", "soort", "score", "direct op leunend", title_justify="left")
    for hub in ranked:
        table.add_row(str(hub.rank), hub.node.label, KIND_NL[hub.node.kind], f"{hub.score:.4f}", str(hub.leaned_on_by))
    out.print(table, highlight=False)
    if csv_file:
        rows = ((h.rank, h.node.label, h.node.kind, f"{h.score:.6f}", h.leaned_on_by, h.node.iri) for h in ranked)
        _write_csv(csv_file, ("rank", "label", "kind", "score", "leaned_on_by", "iri"), rows)


@app.command()
def clusters(csv_file: CsvOption = None, store: StoreOption = None) -> None:
    """Find clusters of things that hang together (Louvain communities), each named by its most connected members."""
    from beleidsgraaf.graph.analysis import clusters as detect

    found = detect(_network(store))
    table = Table("#", "cluster", "grootte", "leden", title_justify="left")
    for cluster in found:
        table.add_row(
            str(cluster.number), cluster.name, str(len(cluster.members)), "; ".join(m.label for m in cluster.members)
        )
    out.print(table, highlight=False)
    if csv_file:
        _write_csv(csv_file, ("cluster", "cluster_name", "label", "kind", "iri"),
                   ((c.number, c.name, m.label, m.kind, m.iri) for c in found for m in c.members))  # fmt: skip


@app.command()
def changes(
    since: Annotated[
        str | None,
        typer.Option("--since", help="A date (YYYY-MM-DD) or ISO time: what documents ingested since then added."),
    ] = None,
    since_snapshot: Annotated[
        Path | None,
        typer.Option("--since-snapshot", help="A snapshot file: what was added and removed since it was saved."),
    ] = None,
    save_snapshot: Annotated[
        Path | None,
        typer.Option("--save-snapshot", help="Save a snapshot of the graph now (JSON), to compare with later."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Show documents, decisions, entities and relations added or removed since a date or a saved snapshot."""
    from beleidsgraaf.graph.changes import changes_since, compare, load_snapshot, parse_moment, take_snapshot
    from beleidsgraaf.graph.network import load_network
    from beleidsgraaf.graph.store import open_store

    if since and since_snapshot:
        raise UsageError("geef --since of --since-snapshot, niet allebei")
    if not (since or since_snapshot or save_snapshot):
        raise UsageError("geef --since DATUM, --since-snapshot BESTAND of --save-snapshot BESTAND")
    with open_store(store, read_only=True) as graph_store:
        network = load_network(graph_store)
        now = take_snapshot(network)
        if since:
            found = changes_since(graph_store, network, parse_moment(since))
        elif since_snapshot:
            found = compare(load_snapshot(since_snapshot), now)
        else:
            found = None
    if found:
        removed = (
            f"{len(found.removed)} verwijderd"
            if found.removals_known
            else "verwijderingen: alleen te zien met --since-snapshot"
        )
        _print(
            f"Sinds {found.since}: {len(found.added)} toegevoegd"
            + (f", {removed}" if found.removals_known else f" ({removed})")
        )
        if len(found.added) + len(found.removed):
            table = Table("", "soort", "naam", title_justify="left")
            _delta_rows(table, "+", found.added)
            _delta_rows(table, "−", found.removed)
            out.print(table, highlight=False)
    if save_snapshot:
        now.save(save_snapshot)
        _print(f"momentopname ({len(now.nodes)} knopen, {len(now.relations)} relaties) geschreven naar {save_snapshot}")


def _delta_rows(table: Table, sign: str, delta: Delta) -> None:
    for kind, nodes in (("document", delta.documents), ("besluit", delta.decisions), ("entiteit", delta.entities)):
        for node in nodes:
            table.add_row(sign, kind, node.label + (f" ({node.date})" if node.date else ""))
    for relation in delta.relations:
        table.add_row(sign, "relatie", f"{relation.subject.label} — {relation.label} → {relation.object.label}")


@app.command("export-network")
def export_network(
    output: Annotated[Path, typer.Argument(help="Output file: .graphml or .gexf (Gephi, yEd, Cytoscape, networkx).")],
    store: StoreOption = None,
) -> None:
    """Write the network for Gephi and other graph tools (GraphML or GEXF), with types, labels, dates and evidence."""
    from beleidsgraaf.graph.network import write_network

    nodes, edges = write_network(_network(store), output)
    _print(f"{nodes} knopen en {edges} relaties geschreven naar {output}")
