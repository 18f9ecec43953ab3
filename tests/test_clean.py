"""PDF text → cleaned text: hyphens, headers/footers, page numbers, offsets."""
from __future__ import annotations

from pathlib import Path

from beleidsgraaf.ingest.clean import clean_pages
from beleidsgraaf.ingest.model import Page
from beleidsgraaf.ingest.pdf import read_pages
from tests.pdfs import write_pdf


def test_line_end_hyphen_joins_a_split_word_but_keeps_a_compound() -> None:
    clean = clean_pages([Page(1, "op de volgen\ufffede pagina en de Spoorzone Hengelo\ufffeEnschede")])
    assert "volgende pagina" in clean.text
    assert "Hengelo-Enschede" in clean.text


def test_plain_hyphen_at_line_end_is_joined_like_pdfium_marker() -> None:
    clean = clean_pages([Page(1, "een ruimtelijke ontwikkel-\nstrategie voor Noord-\nHolland en zee-\negels")])
    assert "ontwikkelstrategie" in clean.text
    assert "Noord-Holland" in clean.text
    assert "zee-egels" in clean.text  # vowel clash keeps the hyphen


def test_running_headers_and_page_numbers_are_dropped() -> None:
    pages = [
        Page(n, f"Gemeente Voorbeeld | kenmerk 2025/{n}\nInhoud van pagina {n}.\nPagina {n} van 3")
        for n in (1, 2, 3)
    ]
    clean = clean_pages(pages)
    assert "kenmerk" not in clean.text
    assert "Pagina" not in clean.text
    assert [line for line in clean.text.split("\n")] == [f"Inhoud van pagina {n}." for n in (1, 2, 3)]


def test_every_character_knows_its_page_and_raw_offset() -> None:
    raw = ["Eerste  pagina.\r\nTweede regel.", "Derde regel op pagina twee."]
    clean = clean_pages([Page(i + 1, t) for i, t in enumerate(raw)])
    where = clean.text.index("Derde")
    assert clean.page_at(where) == 2
    origin = clean.origins[1][where - clean.page_starts[1]]
    assert raw[1][origin:].startswith("Derde")
    tweede = clean.text.index("Tweede")
    assert raw[0][clean.origins[0][tweede]:].startswith("Tweede")
    assert "Eerste pagina." in clean.text  # double space collapsed


def test_symbol_font_bullets_and_odd_spaces_are_normalised() -> None:
    clean = clean_pages([Page(1, "\uf0b7 punt een\n\u25cf punt\u00a0twee")])
    assert clean.text == "• punt een\n• punt twee"


def test_a_real_pdf_reads_and_cleans(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "brief.pdf", [["Geachte leden van de raad,", "De bouw-", "stenen liggen klaar."], ["Pagina 2 van 2", "Slot."]])
    clean = clean_pages([p for p in read_pages(pdf) if isinstance(p, Page)])
    assert "bouwstenen liggen klaar." in clean.text
    assert "Pagina 2" not in clean.text
    assert clean.page_at(clean.text.index("Slot")) == 2
