"""Synthetic graphs of a given size, shaped as ingest shapes them.

Each synthetic document is an `Extraction` (the pipeline's output) turned
into quads by the real `graph.build.document_quads`, so nodes, evidence and
named graphs look exactly like an ingested corpus: documents with type, date,
sender and addressee; projects in `bg:succeeds` chains of ten and a
`bg:partOf` tree; decisions by a college on a date about a project; evidence
with page and quote for every statement read from text. Deterministic: the
same size gives the same graph, so `parameters()` names nodes that exist at
every size.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph

from beleidsgraaf.graph.build import document_quads
from beleidsgraaf.ingest.bodies import organ_entity, organisation_entity
from beleidsgraaf.ingest.model import Entity, Evidence, Extraction, Kind, ObjectKind, SourceFile, Statement, Status
from beleidsgraaf.ontology.tooi import organisations

TYPES = ("Raadsinformatiebrief", "Raadsvoorstel", "Besluitenlijst", "Collegebesluit", "Verslag", "Visie")
WORDS = ("Windpark", "Zonneveld", "Omgevingsvisie", "Woningbouw", "Mobiliteit", "Energiestrategie", "Binnenstad", "Warmtenet")
GEMEENTEN = 50
DOCS_PER_PROJECT = 4
CHAIN = 10  # project j succeeds j-1 within runs of ten
BRANCHING = 8  # project j is part of project j // 8
FIRST_DAY = dt.date(2015, 1, 1)
L = ObjectKind.LITERAL


def project_label(j: int) -> str:
    return f"{WORDS[j % len(WORDS)]} {j}"


def _gemeenten() -> list:
    return [o for o in organisations() if o.kind == "gemeente" and o.current][:GEMEENTEN]


def parameters() -> dict[str, str]:
    """Values for the saved queries' parameters that name things in every synthetic graph."""
    gemeente = _gemeenten()[0]
    return {
        "x": project_label(9), "y": project_label(0), "project": project_label(1),
        "body": organ_entity(gemeente, "college").label, "gemeente": gemeente.name,
        "letter": f"{TYPES[0]} over {project_label(0)}",
        "since": "2019-01-01", "from": "2016-01-01", "to": "2020-12-31",
    }  # fmt: skip


def _project(j: int) -> Entity:
    label = project_label(j)
    return Entity(key=f"project/bench-{j}", kind=Kind.PROJECT, label=label, classes=frozenset({"Project"}), aliases=frozenset({f"{label} (programma)"}))


def _document(i: int, projects: int, gemeenten: list) -> Extraction:
    sha = hashlib.sha256(f"bench document {i}".encode()).hexdigest()
    key = f"doc/{sha[:16]}"
    org = gemeenten[i % len(gemeenten)]
    college, raad = organ_entity(org, "college"), organ_entity(org, "raad")
    j = i % projects
    project, other = _project(j), _project((j * 7 + 3) % projects)
    date = FIRST_DAY + dt.timedelta(days=(i * 37) % 3650)
    doc_type = TYPES[i % len(TYPES)]
    title = f"{doc_type} over {project.label}"

    def said(page: int, quote: str, rule: str) -> Evidence:
        return Evidence(page=page, quote=quote, rule=rule)

    entities = [
        Entity(key=key, kind=Kind.DOCUMENT, label=title, classes=frozenset({"Document"})),
        college, raad, organisation_entity(org), project, other,
    ]  # fmt: skip
    statements = [
        Statement(key, "bg:fileName", f"bench_{i:07d}.pdf", L),
        Statement(key, "bg:sha256", sha, L),
        Statement(key, "bg:pageCount", 1 + i % 12, L),
        Statement(key, "dcterms:title", title, L),
        Statement(key, "rdf:type", f"bg:{doc_type}", ObjectKind.TERM, said(1, title, "type-title")),
        Statement(key, "dcterms:date", date, L, said(1, f"Datum: {date.isoformat()}", "letter-date")),
        Statement(key, "dcterms:creator", college.key, evidence=said(3, f"Burgemeester en wethouders van {org.name},", "sender-signature")),
        Statement(key, "bg:addressee", raad.key, evidence=said(1, "Geachte leden van de raad,", "addressee-salutation")),
        Statement(college.key, "bg:organOf", organisation_entity(org).key),
        Statement(raad.key, "bg:organOf", organisation_entity(org).key),
        Statement(key, "bg:mentions", project.key, evidence=said(2, f"Wij informeren u over de voortgang van {project.label}.", "mention")),
        Statement(key, "bg:mentions", other.key, evidence=said(2, f"Dit raakt ook aan {other.label} en de regio.", "mention")),
    ]
    if (i // projects) % 2 == 0 and j % CHAIN:
        earlier = _project(j - 1)
        entities.append(earlier)
        statements.append(Statement(project.key, "bg:succeeds", earlier.key, evidence=said(2, f"{project.label} is een vervolg op {earlier.label}.", "relation")))
    elif j:
        parent = _project(j // BRANCHING)
        entities.append(parent)
        statements.append(Statement(project.key, "bg:partOf", parent.key, evidence=said(2, f"{project.label} is onderdeel van {parent.label}.", "relation")))
    if i % 2 == 0:
        decision = Entity(key=f"decision/bench-{i}", kind=Kind.DECISION, label=f"Besluit over {project.label}", classes=frozenset({"Decision"}))
        quote = f"Het college heeft op {date.isoformat()} besloten {project.label} vast te stellen."
        entities.append(decision)
        statements += [
            Statement(decision.key, "bg:decidedBy", college.key, evidence=said(1, quote, "decision")),
            Statement(decision.key, "bg:decisionDate", date, L),
            Statement(decision.key, "bg:about", project.key),
            Statement(decision.key, "bg:reportedIn", key),
            Statement(decision.key, "bg:decisionKind", "vaststellen", L),
        ]
    return Extraction(
        source=SourceFile(path=Path(f"bench_{i:07d}.pdf"), file_name=f"bench_{i:07d}.pdf", sha256=sha, size=1),
        document_key=key, page_count=1 + i % 12, status=Status.SUCCESS,
        entities=tuple(entities), statements=tuple(statements),
    )  # fmt: skip


def quads(triples: int) -> Iterator[pyoxigraph.Quad]:
    """At least `triples` quads (whole documents), about 100 per document."""
    documents = max(8, triples // 100)
    projects = max(CHAIN, documents // DOCS_PER_PROJECT)
    gemeenten = _gemeenten()
    count, i = 0, 0
    while count < triples:
        for quad in document_quads(_document(i, projects, gemeenten)):
            yield quad
            count += 1
        i += 1


def write(triples: int, out: Path) -> int:
    """Write the graph as N-Quads and return how many quads it holds."""
    items = list(quads(triples))
    pyoxigraph.serialize(items, str(out), pyoxigraph.RdfFormat.N_QUADS)
    return len(items)
