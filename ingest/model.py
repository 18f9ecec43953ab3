"""The small frozen values that pass between the pipeline's stages.

PDF → `Page` → `CleanText` → `Span` (sentences) → `Mention` → `Entity`
→ `Statement` (with `Evidence`) → `Extraction`. None of these know IRIs:
`beleidsgraaf.ontology.iris` turns keys into IRIs when the graph is built.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    """How a document's pipeline run ended (as in docling's ConversionStatus)."""

    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial_success"  # some pages failed or were unreadable
    FAILURE = "failure"


class Kind(StrEnum):
    """The contract's kinds of node; the graph module maps each to a class."""

    DOCUMENT = "document"
    BODY = "body"
    PROJECT = "project"
    DECISION = "decision"
    MEETING = "meeting"
    PERSON = "person"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    file_name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Page:
    """One page's text as the PDF gives it (1-based number)."""

    number: int
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class PageError:
    page: int
    message: str


@dataclass(frozen=True)
class CleanText:
    """The document's cleaned text, pages joined by a newline.

    `page_starts[i]` is the offset where page i+1 begins, so every character
    can be traced back to its page (and `origins` to its offset in the raw page
    text, for exact citation).
    """

    text: str
    page_starts: tuple[int, ...]
    page_ocr: tuple[bool, ...]
    origins: tuple[Sequence[int], ...] = field(repr=False, default=(), compare=False)

    def page_at(self, offset: int) -> int:
        """The 1-based page number holding the character at `offset`."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def is_ocr(self, offset: int) -> bool:
        page = self.page_at(offset)
        return bool(self.page_ocr) and self.page_ocr[page - 1]


@dataclass(frozen=True)
class Span:
    """A sentence, heading or list item: the unit quoted as evidence."""

    start: int
    end: int
    page: int
    text: str
    kind: str = "sentence"  # sentence | heading | item (a list item)
    ocr: bool = False


@dataclass(frozen=True)
class Evidence:
    """Where a statement was read: the page and the sentence as quoted."""

    page: int
    quote: str
    rule: str
    ocr: bool = False


@dataclass(frozen=True)
class Entity:
    """A thing the document speaks of, identified by a stable key.

    `key` is what the IRI is minted from (e.g. ``gm0153/college`` or
    ``project/ruimtelijke-ontwikkelstrategie-twente``); two entities with the
    same key are the same node.
    """

    key: str
    kind: Kind
    label: str
    classes: frozenset[str] = frozenset()
    aliases: frozenset[str] = frozenset()
    former_names: frozenset[str] = frozenset()
    tooi: str | None = None


Value = str | int | dt.date | dt.datetime | bool


class ObjectKind(StrEnum):
    ENTITY = "entity"  # an entity key
    TERM = "term"  # an ontology term as a CURIE ("bg:Raadsinformatiebrief", "dt:besluitenlijst")
    LITERAL = "literal"  # a value, typed by its Python type


@dataclass(frozen=True)
class Statement:
    """`subject predicate object`, the subject an entity key.

    Predicates are contract CURIEs (``bg:succeeds``, ``dcterms:creator``).
    """

    subject: str
    predicate: str
    object: Value
    object_kind: ObjectKind = ObjectKind.ENTITY
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything one PDF yielded: the unit written to the store at once."""

    source: SourceFile
    document_key: str
    page_count: int
    status: Status
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    errors: tuple[PageError, ...] = ()
