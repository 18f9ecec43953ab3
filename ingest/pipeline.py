"""One PDF through the stages, in order: read → clean → segment → metadata →
mentions and relations. Each stage is timed; a page that fails is recorded and
the document ends PARTIAL_SUCCESS; a file that yields no page fails whole.

`process` is a pure function of the file's bytes and the options, so it can
run in any process or on any worker and give the same `Extraction`.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from beleidsgraaf.errors import InputError
from beleidsgraaf.ingest.clean import clean_pages
from beleidsgraaf.ingest.entities import Mention, Resolver
from beleidsgraaf.ingest.events import Context, EventReader
from beleidsgraaf.ingest.metadata import Metadata, read_metadata
from beleidsgraaf.ingest.model import (
    CleanText,
    Entity,
    Evidence,
    Extraction,
    Kind,
    ObjectKind,
    Page,
    PageError,
    SourceFile,
    Span,
    Statement,
    Status,
)
from beleidsgraaf.ingest.pdf import read_pages, source_file
from beleidsgraaf.ingest.relations import RelationReader
from beleidsgraaf.ingest.spans import split_spans
from beleidsgraaf.ontology.iris import document_key


@dataclass(frozen=True)
class Options:
    password: str | None = None
    ocr: bool = True  # OCR pages without a usable text layer (Tesseract, Dutch)


@dataclass
class _Work:
    """What the stages build up for one document (private to this module)."""

    path: Path
    options: Options
    source: SourceFile | None = None
    pages: list[Page] = field(default_factory=list)
    errors: list[PageError] = field(default_factory=list)
    page_count: int = 0
    clean: CleanText | None = None
    spans: list[Span] = field(default_factory=list)
    meta: Metadata | None = None
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    mentions: list[list[Mention]] = field(default_factory=list)  # per span
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        assert self.source is not None
        return document_key(self.source.sha256)


def _identify(work: _Work) -> None:
    work.source = source_file(work.path)


def _read(work: _Work) -> None:
    for item in read_pages(work.path, work.options.password, use_ocr=work.options.ocr):
        work.page_count += 1
        if isinstance(item, PageError):
            work.errors.append(item)
        else:
            work.pages.append(item)
    if work.page_count == 0:
        raise InputError(work.path, "the PDF has no pages")
    if not work.pages:
        raise InputError(work.path, f"no page could be read ({work.errors[0].message})")
    ocr_pages = sum(page.ocr for page in work.pages)
    if ocr_pages:
        work.statements.append(Statement(work.key, "bg:ocrPages", ocr_pages, ObjectKind.LITERAL))


def _clean(work: _Work) -> None:
    work.clean = clean_pages(work.pages)


def _segment(work: _Work) -> None:
    assert work.clean is not None
    work.spans = split_spans(work.clean)


def _metadata(work: _Work) -> None:
    assert work.clean is not None and work.source is not None
    meta = work.meta = read_metadata(work.clean.text, work.spans, work.key)
    label = meta.title or work.source.file_name
    work.entities += [Entity(key=work.key, kind=Kind.DOCUMENT, label=label, classes=frozenset({"Document"})), *meta.entities]
    literal = ObjectKind.LITERAL
    work.statements += [
        Statement(work.key, "bg:fileName", work.source.file_name, literal),
        Statement(work.key, "bg:sha256", work.source.sha256, literal),
        Statement(work.key, "bg:pageCount", work.page_count, literal),
        *meta.statements,
    ]


def _relations(work: _Work) -> None:
    """Mentions, entities, relations, decisions and meetings, sentence by sentence."""
    assert work.meta is not None
    meta = work.meta
    resolver = Resolver(work.key, meta.home)
    resolver.know(meta.entities)
    resolver.learn(work.spans)
    relations = RelationReader(resolver, meta.sender)
    events = EventReader(resolver, Context(work.key, meta.date, meta.sender, meta.addressee, meta.doc_class))
    mentions = work.mentions
    for span in work.spans:
        found = resolver.mentions(span)
        mentions.append(found)
        relations.sentence(span, found)
        events.sentence(span, found)
    relations.opening(work.key, work.spans, mentions)
    relations.sections(work.spans, mentions)
    relations.lists(work.spans, mentions)
    events.besluitenlijst(work.spans, mentions)
    events.verslag(meta.title, work.spans, mentions)
    work.entities += [*resolver.entities(), *events.entities]
    work.statements += [*resolver.statements, *relations.statements, *events.statements]
    work.statements += _document_links(work.key, resolver.topic, work.spans, mentions)


def _document_links(key: str, topic: str | None, spans: list[Span], mentions: list[list[Mention]]) -> list[Statement]:
    """The letter references the documents it names, mentions the rest, and is
    about its topic; each cited at its first mention."""
    first: dict[str, tuple[Span, Mention]] = {}
    for span, found in zip(spans, mentions):
        for mention in found:
            first.setdefault(mention.key, (span, mention))
    links = []
    for target, (span, mention) in first.items():
        predicate = "dcterms:references" if mention.kind is Kind.DOCUMENT else "bg:mentions"
        links.append(Statement(key, predicate, target, evidence=Evidence(span.page, span.text, "mention", span.ocr)))
        if target == topic:
            links.append(Statement(key, "bg:about", target, evidence=Evidence(span.page, span.text, "topic-most-mentioned", span.ocr)))
    return links


STAGES: tuple[tuple[str, Callable[[_Work], None]], ...] = (
    ("identify", _identify),
    ("read", _read),
    ("clean", _clean),
    ("segment", _segment),
    ("metadata", _metadata),
    ("relations", _relations),
)


@dataclass(frozen=True)
class Timed:
    extraction: Extraction
    timings: dict[str, float]


def _run(path: Path, options: Options) -> _Work:
    work = _Work(path=path, options=options)
    for name, stage in STAGES:
        started = time.perf_counter()
        stage(work)
        work.timings[name] = time.perf_counter() - started
    return work


def _extraction(work: _Work) -> Extraction:
    assert work.source is not None
    return Extraction(
        source=work.source,
        document_key=work.key,
        page_count=work.page_count,
        status=Status.PARTIAL_SUCCESS if work.errors else Status.SUCCESS,
        entities=tuple(work.entities),
        statements=tuple(work.statements),
        errors=tuple(work.errors),
    )


def process(path: Path, options: Options = Options()) -> Timed:
    """Run every stage on one file. Raises `InputError` when nothing usable comes out."""
    work = _run(path, options)
    return Timed(_extraction(work), dict(work.timings))


@dataclass(frozen=True)
class SpanTrace:
    """One sentence (heading, list item) as the rules read it: its mentions and what was read from it."""

    span: Span
    mentions: tuple[Mention, ...]
    statements: tuple[Statement, ...]


def trace(path: Path, options: Options = Options()) -> tuple[Extraction, list[SpanTrace]]:
    """`process`, and for every span the mentions found in it and the statements it is the evidence of."""
    work = _run(path, options)
    cited: dict[tuple[int, str], list[Statement]] = {}
    for statement in work.statements:
        if statement.evidence is not None:
            cited.setdefault((statement.evidence.page, statement.evidence.quote), []).append(statement)
    traces = [
        SpanTrace(span, tuple(found), tuple(cited.get((span.page, span.text), ())))
        for span, found in zip(work.spans, work.mentions)
    ]
    return _extraction(work), traces
