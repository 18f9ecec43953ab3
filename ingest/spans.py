"""Cleaned text → spans: sentences, headings and list items.

A span is what evidence quotes, so it must be a whole sentence as the letter
has it. Lines are first grouped into blocks (a heading, a list item, a
paragraph), then paragraphs are cut into sentences at `. ! ?` followed by a
capital, except after Dutch abbreviations and initials ("d.d.", "o.a.",
"R.W. Bleker").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from beleidsgraaf.ingest.model import CleanText, Span

_ITEM_START = re.compile(r"(?:[•\-–*>▪o]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|\d{1,2}(?:\.[a-z0-9]{1,2})+\.?\s+(?=[A-Z]))")
# "Besluit: …", "Datum: 4 juli 2024": a labelled field starts a block of its own.
_FIELD_START = re.compile(r"[A-Z][a-zà-ÿ]+(?:\s[a-zà-ÿ]+){0,2}\s?:\s")
_TERMINAL = ".:;!?"
# Abbreviations after which a period does not end a sentence even before a capital.
_ABBREVIATIONS = frozenset(
    """dhr mevr mr drs dr ir ing prof bijv bv o.a t.a.v i.s.m m.b.t i.v.m i.p.v nr art vs ca st d.d
    z.s.m incl excl evt resp ong jl e.d c.q m.u.v t.o.v a.s blz pag vgl zgn o.b.v e.e.a""".split()
)
# A sentence ends at . ! ? (with any closing quotes and brackets) before a capital;
# "!" or "?" right before a closing quote ends a quoted title, not the sentence.
_BOUNDARY = re.compile(r"(?:\.[\"”’)]*|[!?](?![\"”’])\)*)\s+(?=[\"“‘(]?[A-Z0-9ÀÉÈËÏÖÜ•])")
_LIST_MARKER = re.compile(r"[•\-–*>▪o]|\(?\d{1,2}[.)]|\(?[a-z][.)]")
_MARKER_MAX = 4  # the longest head a list marker can be: "(12)"
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_HEADING_MAX_WORDS = 10
_FULL_LINE = 0.75  # a line shorter than this share of the text width ends its paragraph


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer("\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _is_heading(line: str, previous: str, following: str) -> bool:
    """A short line without end punctuation, standing between sentences."""
    if not line or line[-1] in _TERMINAL + "," or len(line.split()) > _HEADING_MAX_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    previous_closed = not previous or previous[-1] in _TERMINAL or previous[-1] == ","
    following_opens = not following or following[0].isupper() or bool(_ITEM_START.match(following))
    return previous_closed and following_opens


def _text_width(lengths: list[int]) -> int:
    """The length of a full line: the 90th percentile of line lengths."""
    ordered = sorted(lengths)
    return ordered[int(len(ordered) * 0.9)] if ordered else 0


def _blocks(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each heading, list item and paragraph."""
    lines = [(s, e) for s, e in _lines(text) if e > s]
    width = _text_width([e - s for s, e in lines])
    block_start: int | None = None
    block_kind = "sentence"
    block_end = 0
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        previous = text[lines[index - 1][0] : lines[index - 1][1]] if index else ""
        following = text[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else ""
        heading = _is_heading(line, previous, following)
        item = bool(_ITEM_START.match(line))
        salutation = previous.endswith(",") and previous.split()[0] in {"Geachte", "Beste", "Hoogachtend,"}
        paragraph_ended = len(previous) < _FULL_LINE * width and (line[0].isupper() or line[0].isdigit())
        field = bool(_FIELD_START.match(line))
        if block_start is not None and (heading or item or field or salutation or paragraph_ended or block_kind == "heading"):
            yield block_start, block_end, block_kind
            block_start = None
        if block_start is None:
            block_start, block_kind = start, "heading" if heading else "item" if item else "sentence"
        block_end = end
    if block_start is not None:
        yield block_start, block_end, block_kind


def _sentence_cuts(block: str) -> Iterator[int]:
    # Only the text just before each boundary is looked at (the last word, and
    # the whole head when it is short enough to be a list marker): copying the
    # block's whole head per boundary made long paragraphs quadratic.
    first = len(block) - len(block.lstrip())
    for match in _BOUNDARY.finditer(block):
        end = match.start()
        while end > first and block[end - 1].isspace():
            end -= 1
        if end <= first:
            continue
        if end - first <= _MARKER_MAX and _LIST_MARKER.fullmatch(block[first:end] + block[match.start()]):
            continue
        word = end
        while word > first and not block[word - 1].isspace():
            word -= 1
        before = block[word:end].lstrip("(\"“‘")
        if before.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(before):
            continue
        yield match.start() + len(match.group().rstrip())


def split_spans(clean: CleanText) -> list[Span]:
    spans: list[Span] = []
    text = clean.text
    for start, end, kind in _blocks(text):
        block = text[start:end]
        cuts = [0, *(c for c in _sentence_cuts(block) if kind != "heading"), len(block)]
        for a, b in zip(cuts, cuts[1:]):
            raw = block[a:b]
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if not body:
                continue
            s = start + a + lead
            spans.append(
                Span(
                    start=s,
                    end=s + len(body),
                    page=clean.page_at(s),
                    text=" ".join(body.split()),
                    kind=kind if a == 0 else "sentence",
                    ocr=clean.is_ocr(s),
                )
            )
    return spans
