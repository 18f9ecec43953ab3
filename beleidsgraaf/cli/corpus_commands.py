"""Commands that fill, inspect and empty the store: ingest, export, stats, validate, remove."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from beleidsgraaf.cli.app import StoreOption, app, err, out
from beleidsgraaf.errors import ValidationFailed
from beleidsgraaf.executors import DEFAULT_TIMEOUT


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively for *.pdf).")],
    store: StoreOption = None,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="OCR pages without a usable text layer (Tesseract, Dutch).")] = True,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Files read in parallel (worker processes).")] = 1,
    timeout: Annotated[
        float, typer.Option(min=0, help="Seconds one file may take before it is skipped (0: no limit).")
    ] = DEFAULT_TIMEOUT,
    executor: Annotated[
        str,
        typer.Option(
            help="Where the pipeline runs: local (--jobs worker processes), dask (a local Dask cluster, "
            "one process per core) or dask://host:port (a running scheduler)."
        ),
    ] = "local",
) -> None:
    """Read PDFs into the store: one named graph per document, re-ingest replaces, unchanged files are skipped."""
    from beleidsgraaf.corpus import collect_files
    from beleidsgraaf.corpus import ingest as run_ingest
    from beleidsgraaf.executors import open_executor
    from beleidsgraaf.graph.store import open_store
    from beleidsgraaf.ingest.pipeline import Options

    files = collect_files(paths)
    with open_store(store) as graph_store, open_executor(executor, jobs=jobs, timeout=timeout) as runner:
        graph_store.install_ontology()
        with Progress(
            TextColumn("[bold]inlezen[/bold]"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.description}"), console=err, transient=True,
        ) as bar:  # fmt: skip
            task = bar.add_task("", total=len(files))

            def advance(path: Path) -> None:
                bar.update(task, advance=1, description=path.name)

            report = run_ingest(
                graph_store, files, Options(password=password, ocr=ocr), progress=advance, executor=runner
            )
    out.print(
        f"ingested {len(report.ingested)}, unchanged {len(report.unchanged)}, "
        f"failed {len(report.failed)} ({report.pages} pages) → {graph_store.location}"
    )
    for _, reason in report.partial:
        err.print(f"[yellow]partly read[/yellow] {reason}", highlight=False)
    for _, reason in report.failed:
        err.print(f"[red]skipped[/red] {reason}", highlight=False)
    if report.failed and not report.ingested and not report.unchanged:
        raise typer.Exit(2)


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="Output file; the format follows the extension: .ttl .trig .nq .nt .jsonld .rdf")],
    store: StoreOption = None,
) -> None:
    """Write the whole graph, with the ontology, to one file."""
    from beleidsgraaf.graph.store import export_format, open_store

    fmt = export_format(output)
    with open_store(store, read_only=True) as graph_store:
        count = graph_store.export(output, fmt)
    out.print(f"wrote {count} statements to {output}")


@app.command()
def stats(store: StoreOption = None) -> None:
    """Count documents, nodes per class, relations and evidence."""
    from beleidsgraaf.graph.stats import stats as compute
    from beleidsgraaf.graph.store import open_store

    with open_store(store, read_only=True) as graph_store:
        result = compute(graph_store)
    out.print(f"documents {result.documents}, statements {result.quads}, evidence {result.evidence}")
    for title, rows in (("class", result.classes), ("relation", result.relations)):
        table = Table(title_justify="left")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, count in rows:
            table.add_row(name, str(count))
        out.print(table)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    from beleidsgraaf.graph.store import open_store
    from beleidsgraaf.graph.validate import validate as run

    with open_store(store, read_only=True) as graph_store:
        report = run(graph_store)
    for violation in report.violations:
        out.print(f"{violation.severity}: {violation.focus} {violation.path}: {violation.message}", highlight=False)
    if not report.conforms:
        raise ValidationFailed(f"{len(report.violations)} violations in {report.triples} triples")
    out.print(f"conforms: 0 violations in {report.triples} triples")


@app.command()
def remove(
    files: Annotated[list[Path], typer.Argument(help="Files to take out of the store (by path or by content).")],
    store: StoreOption = None,
) -> None:
    """Take documents out of the store, with everything read from them."""
    from beleidsgraaf.errors import UsageError
    from beleidsgraaf.graph.link import link
    from beleidsgraaf.graph.store import open_store

    with open_store(store) as graph_store:
        stored = graph_store.documents()
        keys = []
        for file in files:
            resolved = str(file.resolve())
            sha = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else None
            match = [d.key for d in stored if d.source_path == resolved or d.sha256 == sha]
            if not match:
                raise UsageError(f"{file.name}: not in the store")
            keys += match
        graph_store.remove_documents(keys)
        link(graph_store)
    out.print(f"removed {len(keys)} document(s)")


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="The PDF to read.")],
    every: Annotated[bool, typer.Option("--all", help="Also the sentences in which nothing was found.")] = False,
    password: Annotated[str | None, typer.Option(help="Password for an encrypted PDF.")] = None,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="OCR pages without a usable text layer.")] = True,
) -> None:
    """Show how one PDF is read, without storing it: each sentence with the names found in it and
    the statements read from it, each with the rule that read it."""
    from beleidsgraaf.graph.network import ontology_info
    from beleidsgraaf.ingest.pipeline import Options, trace

    extraction, traces = trace(file, Options(password=password, ocr=ocr))
    names = {entity.key: entity.label for entity in extraction.entities}
    words = {"rdf:type": "is een", **ontology_info().labels}

    def name(value: object) -> str:
        text = str(value)
        return "deze brief" if text == extraction.document_key else names.get(text, words.get(text, text))

    def say(text: str) -> None:  # PDF text as it is: no markup, no highlighting, no wrapping
        out.print(text, markup=False, highlight=False, soft_wrap=True)

    say(f"{file.name}: {extraction.page_count} pagina's, {len(extraction.statements)} uitspraken")
    for statement in extraction.statements:
        if statement.evidence is None and statement.subject == extraction.document_key:
            say(f"  {words.get(statement.predicate, statement.predicate)}: {name(statement.object)}")
    for item in traces:
        if not (every or item.mentions or item.statements):
            continue
        span = item.span
        say(f"\np. {span.page} [{span.kind}{', OCR' if span.ocr else ''}] {span.text}")
        if item.mentions:
            say("  namen: " + " · ".join(f"{span.text[m.start:m.end]} → {name(m.key)} ({m.kind.value})" for m in item.mentions))
        for statement in item.statements:
            assert statement.evidence is not None
            relation = words.get(statement.predicate, statement.predicate)
            say(f"  → {name(statement.subject)} — {relation} → {name(statement.object)}  [{statement.evidence.rule}]")
