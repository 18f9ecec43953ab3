"""An `Extraction` → RDF quads in the document's own named graph.

Entities become typed, labelled nodes; statements become triples; every
statement read from text also gets a `bg:Evidence` node (reified statement,
document, page, quote, rule). Ingest bookkeeping (where the file was read,
when) goes to the system graph, which exports leave out.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from beleidsgraaf.ingest.bodies import organisation_entity
from beleidsgraaf.ingest.model import Entity, Extraction, Kind, ObjectKind, Statement, Value
from beleidsgraaf.ontology import iris
from beleidsgraaf.ontology.iris import term
from beleidsgraaf.ontology.tooi import by_code

_XSD = iris.PREFIXES["xsd"]
RDF_TYPE = term("rdf:type")
LABEL = term("rdfs:label")
ALT_LABEL = term("skos:altLabel")
KIND_CLASS = {
    Kind.DOCUMENT: "Document",
    Kind.BODY: "Body",
    Kind.PROJECT: "Project",
    Kind.DECISION: "Decision",
    Kind.MEETING: "Meeting",
    Kind.PERSON: "foaf:Person",
}


def literal(value: Value) -> Literal:
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(_XSD + "integer"))
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(timespec="seconds"), datatype=NamedNode(_XSD + "dateTime"))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=NamedNode(_XSD + "date"))
    return Literal(str(value))


def _object(statement: Statement) -> NamedNode | Literal:
    if statement.object_kind is ObjectKind.ENTITY:
        return iris.entity(str(statement.object))
    if statement.object_kind is ObjectKind.TERM:
        return term(str(statement.object))
    return literal(statement.object)


def merge_entities(entities: Iterable[Entity]) -> dict[str, Entity]:
    """One entity per key: classes, aliases and former names united."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        seen = merged.get(entity.key)
        if seen is None:
            merged[entity.key] = entity
            continue
        merged[entity.key] = Entity(
            key=seen.key,
            kind=seen.kind,
            label=seen.label,
            classes=seen.classes | entity.classes,
            aliases=seen.aliases | entity.aliases | ({entity.label} - {seen.label}),
            former_names=seen.former_names | entity.former_names,
            tooi=seen.tooi or entity.tooi,
        )
    return merged


def entity_triples(entity: Entity) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    node = iris.entity(entity.key)
    for cls in sorted({KIND_CLASS[entity.kind], *entity.classes}):
        yield node, RDF_TYPE, iris.bg_class(cls)
    yield node, LABEL, Literal(entity.label)
    if entity.kind is Kind.PERSON:
        yield node, term("foaf:name"), Literal(entity.label)
    for alias in sorted((entity.aliases | entity.former_names) - {entity.label}):
        yield node, ALT_LABEL, Literal(alias)
    for former in sorted(entity.former_names):
        yield node, term("bg:formerName"), Literal(former)
    if entity.tooi:
        yield from _reference_triples(node, entity.tooi.rsplit("/", 1)[-1])


def _reference_triples(node: NamedNode, code: str) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    """What the TOOI reference data says of a body: its identifiers, its
    province (itself described, so the graph stays self-contained) and, for a
    gemeente merged away, what it became."""
    org = by_code().get(code)
    if org is None:
        return
    yield node, term("bg:tooi"), NamedNode(org.iri)
    yield node, term("bg:organisationCode"), Literal(org.code)
    if org.cbs_code:
        yield node, term("bg:cbsCode"), Literal(org.cbs_code)
    if org.province and (province := by_code().get(org.province)):
        yield node, term("bg:inProvince"), iris.entity(f"org/{province.code}")
        yield from entity_triples(organisation_entity(province))
    for successor in org.successors:
        yield node, term("bg:succeededByBody"), iris.entity(f"org/{successor}")


def statement_triples(statement: Statement, document: NamedNode) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    subject, predicate, obj = iris.entity(statement.subject), term(statement.predicate), _object(statement)
    yield subject, predicate, obj
    evidence = statement.evidence
    if evidence is None:
        return
    node = iris.evidence(document.value, subject.value, predicate.value, str(obj), evidence.page, evidence.quote)
    yield node, RDF_TYPE, term("bg:Evidence")
    yield node, LABEL, Literal(f"p. {evidence.page}: {evidence.quote[:80]}")
    yield node, term("rdf:subject"), subject
    yield node, term("rdf:predicate"), predicate
    yield node, term("rdf:object"), obj
    yield node, term("prov:wasDerivedFrom"), document
    yield node, term("bg:page"), literal(evidence.page)
    yield node, term("bg:quote"), Literal(evidence.quote)
    yield node, term("bg:rule"), Literal(evidence.rule)
    yield node, term("bg:ocr"), literal(evidence.ocr)


def document_quads(extraction: Extraction) -> list[Quad]:
    """Everything one document states, in its own named graph, deduplicated and sorted."""
    graph = iris.graph(extraction.document_key)
    document = iris.entity(extraction.document_key)
    triples: set[tuple[NamedNode, NamedNode, NamedNode | Literal]] = set()
    for entity in merge_entities(extraction.entities).values():
        triples.update(entity_triples(entity))
    for statement in extraction.statements:
        triples.update(statement_triples(statement, document))
    return [Quad(s, p, o, graph) for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))]


def system_quads(extraction: Extraction, source_path: str, ingested_at: dt.datetime) -> list[Quad]:
    """Ingest bookkeeping for one document: where it was read, when, how it went."""
    document = iris.entity(extraction.document_key)
    g = iris.SYSTEM_GRAPH
    quads = [
        Quad(document, term("bg:sourcePath"), Literal(source_path), g),
        Quad(document, term("bg:ingestedAt"), literal(ingested_at), g),
        Quad(document, term("bg:status"), Literal(str(extraction.status)), g),
    ]
    quads += [Quad(document, term("rdfs:comment"), Literal(f"p. {e.page}: {e.message}"), g) for e in extraction.errors]
    return quads
