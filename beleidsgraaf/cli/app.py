"""The Typer application and what every command shares: consoles and options.

Commands live in one module per area (`corpus_commands`, …) and register on
`app`; `beleidsgraaf.cli.main` maps errors to messages and exit codes.
"""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from beleidsgraaf import __version__

app = typer.Typer(
    name="beleidsgraaf",
    help="Een kennisgraaf van beleidsdocumenten: PDF's in, een RDF-graaf met bewijs per uitspraak uit.\n\n"
    "A knowledge graph of Dutch policy documents: PDFs in, an RDF graph with evidence for every statement out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store folder, or a SPARQL server's http(s):// address (default: $BELEIDSGRAAF_STORE or ~/.local/share/beleidsgraaf/store)."),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"beleidsgraaf {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Een kennisgraaf van beleidsdocumenten."""
