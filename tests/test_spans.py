"""Cleaned text → sentences, headings and list items."""
from __future__ import annotations

from beleidsgraaf.ingest.clean import clean_pages
from beleidsgraaf.ingest.model import Page
from beleidsgraaf.ingest.spans import split_spans


def spans_of(*pages: str) -> list[tuple[int, str, str]]:
    clean = clean_pages([Page(i + 1, text) for i, text in enumerate(pages)])
    return [(s.page, s.kind, s.text) for s in split_spans(clean)]


WIDE = "Dit is een volle regel die de breedte van de tekst voor deze test bepaalt"


def test_sentences_split_at_periods_but_not_after_abbreviations_or_initials() -> None:
    texts = [t for _, _, t in spans_of("Op 18 september jl. sprak dhr. A.B. de Vries met o.a. de raad. Daarna volgde de wethouder.")]
    assert texts == ["Op 18 september jl. sprak dhr. A.B. de Vries met o.a. de raad.", "Daarna volgde de wethouder."]


def test_wrapped_lines_join_into_one_sentence() -> None:
    found = spans_of(
        "De raad van Almere heeft op 3 juni besloten om het plan van aanpak voor de\n"
        "Ruimtelijke Ontwikkelstrategie vast te stellen.\n" + WIDE + "."
    )
    assert found[0][2] == "De raad van Almere heeft op 3 juni besloten om het plan van aanpak voor de Ruimtelijke Ontwikkelstrategie vast te stellen."


def test_headings_and_list_items_are_their_own_spans() -> None:
    found = spans_of(
        "Aansluiting op de omgevingsvisie\n"
        "De strategie sluit aan op de omgevingsvisie van de gemeente en de regio.\n"
        "Het plan bevat:\n"
        "• de doelen,\n"
        "• de planning.\n"
        "1. Ruimtelijke strategie – waar bouwen we?"
    )
    kinds = [(kind, text) for _, kind, text in found]
    assert kinds[0] == ("heading", "Aansluiting op de omgevingsvisie")
    assert ("item", "• de doelen,") in kinds
    assert ("item", "1. Ruimtelijke strategie – waar bouwen we?") in kinds


def test_a_quoted_title_ending_in_an_exclamation_mark_does_not_end_the_sentence() -> None:
    found = spans_of("De visie staat in “Samen Sterk!” Op 5 juni stelde u dit document vast.")
    assert [t for _, _, t in found] == ["De visie staat in “Samen Sterk!” Op 5 juni stelde u dit document vast."]


def test_a_sentence_running_over_a_page_break_is_cited_on_its_first_page() -> None:
    found = spans_of(
        "Eerste zin.\nVerder wordt de strategie niet alleen door de gemeenten maar ook door de provincie",
        "opgesteld en besproken.",
    )
    assert found[-1] == (1, "sentence", "Verder wordt de strategie niet alleen door de gemeenten maar ook door de provincie opgesteld en besproken.")
