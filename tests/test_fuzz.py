"""Bounded fuzzing: damaged PDFs and Dutch-looking noise through the pipeline.

Whatever goes in, what comes out is an `Extraction` or a documented error
(a `BeleidsgraafError`), never another exception. Bounded so it runs in seconds.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beleidsgraaf.errors import BeleidsgraafError
from beleidsgraaf.graph.build import document_quads
from beleidsgraaf.ingest.clean import clean_pages
from beleidsgraaf.ingest.metadata import read_metadata
from beleidsgraaf.ingest.model import Page
from beleidsgraaf.ingest.pipeline import Options, process
from beleidsgraaf.ingest.spans import split_spans
from tests.pdfs import make_pdf
from tests.test_store_cli import LETTER

SEED = make_pdf([["Datum: 3 juni 2025", *LETTER], ["Bijlage 1", "Zie pagina 2 van 2."]])

WORDS = [
    "Geachte", "leden", "van", "de", "raad", "gemeente", "Enschede", "Losserse", "omgevingsvisie", "Hoogachtend",
    "Burgemeester", "en", "wethouders", "college", "Datum:", "3", "juni", "2025", "27.11.2022", "Pagina", "1",
    "besluitenlijst", "raadsinformatiebrief", "•", "-", "–", "(K.", "Mulder)", "Provinciale", "Staten", "Overijssel",
    "ROS", "Twente", "zee-", "egel", "vol-", "gende", "________", "......", "\u00ad", "\ufb01", "\uf0b7", "(cid:12)",
]  # fmt: skip
dutchish = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=6), st.sampled_from([" ", "\n", "\n\n", ",", ".", ":", "\r\n"])),
    max_size=80,
).map(" ".join)


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(0, 12))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data)))
        del data[start : start + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pdfs())
def test_damaged_pdfs_give_an_extraction_or_a_documented_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kapot.pdf"
        path.write_bytes(data)
        try:
            timed = process(path, Options(ocr=False))
        except BeleidsgraafError as exc:
            assert str(exc).startswith("kapot.pdf: ")
            return
        document_quads(timed.extraction)  # and it can be written


@settings(max_examples=200, deadline=None)
@given(st.lists(dutchish, min_size=1, max_size=4), st.lists(st.booleans(), min_size=4, max_size=4))
def test_dutch_looking_noise_passes_the_text_stages(pages: list[str], ocr: list[bool]) -> None:
    clean = clean_pages([Page(number=i + 1, text=text, ocr=ocr[i]) for i, text in enumerate(pages)])
    spans = split_spans(clean)
    for span in spans:
        assert clean.text[span.start : span.end].strip() and 1 <= span.page <= len(pages)
    try:
        read_metadata(clean.text, spans, "doc/fuzz")
    except BeleidsgraafError:
        pass
