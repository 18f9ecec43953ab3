"""`beleidsgraaf map`: a relation map as one standalone HTML file, for griffiers."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beleidsgraaf.cli.app import StoreOption, app, out


@app.command(name="map")
def map_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Het HTML-bestand dat wordt geschreven (bijv. kaart.html).")],
    focus: Annotated[str | None, typer.Option(help="Begin bij deze naam (elke naam of afkorting, bijv. ROS).")] = None,
    hops: Annotated[int, typer.Option(min=0, max=10, help="Hoeveel stappen vanaf --focus (standaard 2).")] = 2,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--types", help="Alleen deze soorten: document, besluit, orgaan, project, vergadering, persoon (komma's of herhalen)."
        ),
    ] = None,
    relations: Annotated[
        list[str] | None,
        typer.Option("--relations", help="Alleen deze relaties, bijv. succeeds,partOf of 'is vervolg op' (komma's of herhalen)."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="Alleen gedateerde knopen vanaf deze datum (JJJJ, JJJJ-MM of JJJJ-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Alleen gedateerde knopen tot en met deze datum.")] = None,
    store: StoreOption = None,
) -> None:
    """Write an interactive relation map (one HTML file that opens without internet): search, filters, quotes per line."""
    from beleidsgraaf.graph.store import open_store
    from beleidsgraaf.web import graphdata, maps

    selection = graphdata.Selection(
        focus=focus,
        hops=hops,
        kinds=graphdata.parse_kinds(types or []),
        relations=graphdata.parse_relations(relations or []),
        since=graphdata.parse_date(since, "--since") if since else None,
        until=graphdata.parse_date(until, "--until") if until else None,
    )
    with open_store(store, read_only=True) as graph_store:
        info = maps.write(graph_store, selection, output)
    out.print(f"kaart met {info.nodes} knopen en {info.edges} relaties geschreven naar {output} ({info.seconds:.1f} s)", highlight=False)
