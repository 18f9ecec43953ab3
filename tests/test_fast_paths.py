"""The fast paths of the pipeline (bench/ showed where it was slow) keep its behaviour:
cleaning by runs instead of per character, the gazetteer as a trie, spans found by bisection."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from beleidsgraaf.ingest.bodies import Gazetteer
from beleidsgraaf.ingest.clean import _CHAR_MAP, _normalise, _split_lines
from beleidsgraaf.ingest.metadata import _span_at
from beleidsgraaf.ingest.model import Span
from beleidsgraaf.ingest.pdf import PDFIUM_LINE_HYPHENS
from beleidsgraaf.ontology.tooi import Organisation

# Ordinary letters and every kind of character cleaning treats specially.
RAW = st.text(alphabet=st.sampled_from(list("abeoAE1 .-\n\r\t\u00a0\u00ad\u200b\ufb01\ufb03\u2010\uf0b7\u0002\ufffe")), max_size=60)


@given(RAW)
def test_every_cleaned_character_comes_from_its_origin(raw: str) -> None:
    text, origins = _normalise(raw)
    assert len(text) == len(origins)
    assert origins == sorted(origins)
    for ch, origin in zip(text, origins):
        source = raw[origin]
        assert ch == source or ch in _CHAR_MAP.get(ord(source), "") or (ch == "-" and source in "-" + PDFIUM_LINE_HYPHENS)


@given(RAW)
def test_lines_are_trimmed_with_single_spaces_and_only_drop_characters(raw: str) -> None:
    text, origins = _normalise(raw)
    lines = _split_lines(text, origins)
    assert len(lines) == text.count("\n") + 1
    written = iter(zip(text, origins))
    for line in lines:
        assert "  " not in line.text and line.text == line.text.strip(" ")
        assert len(line.origins) == len(line.text)
        # Each kept character, with its origin, is one of the normalised text's, in order.
        assert all(pair in written for pair in zip(line.text, line.origins))


def test_a_collapsed_run_of_spaces_keeps_its_first_space_origin() -> None:
    text, origins = _normalise("  ab   c \n d")
    first, second = _split_lines(text, origins)
    assert (first.text, list(first.origins)) == ("ab c", [2, 3, 4, 7])
    assert (second.text, list(second.origins)) == ("d", [11])


def test_line_end_hyphen_uses_the_last_written_character_for_the_vowel_rule() -> None:
    # "ﬃ" is written as "ffi": its last letter, a vowel, keeps the hyphen before "e".
    assert _normalise("a\ufb03-\nei")[0] == "affi-ei"
    assert _normalise("af-\nei")[0] == "afei"


def _org(code: str, name: str) -> Organisation:
    return Organisation(code=code, kind="gemeente", name=name, full_name=f"gemeente {name}", official_name=name, iri=f"tooi:{code}")


GAZETTEER = Gazetteer((_org("gm0001", "Bergen"), _org("gm0002", "Bergen op Zoom"), _org("gm0003", "Zoom")))


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.org.code, m.form) for m in GAZETTEER.find(text)]


def test_the_longest_name_wins_and_a_shorter_one_when_the_longer_runs_into_a_word() -> None:
    assert _found("naar Bergen op Zoom.") == [("Bergen op Zoom", "gm0002", "name")]
    assert _found("Bergen op Zoomer") == [("Bergen", "gm0001", "name")]
    assert _found("de Bergen op Zoomse aanpak") == [("Bergen op Zoomse", "gm0002", "adjective")]


def test_the_kind_word_matches_in_either_case_and_nothing_else_does() -> None:
    assert _found("Gemeente Bergen en gemeente Zoom") == [("Gemeente Bergen", "gm0001", "full"), ("gemeente Zoom", "gm0003", "full")]
    assert _found("GEMEENTE Bergen, bergen, Bergen-Noord") == [("Bergen", "gm0001", "name")]


SPANS = [Span(0, 5, 1, "Eerst"), Span(7, 7, 1, ""), Span(9, 20, 2, "Daarna iets")]


def test_span_at_finds_the_span_holding_an_offset() -> None:
    assert [(_span_at(SPANS, offset) or Span(-1, -1, 0, "-")).start for offset in (0, 4, 5, 6, 7, 8, 9, 19, 20)] == [
        0, 0, -1, -1, 7, -1, 9, 9, -1,
    ]  # fmt: skip
    assert _span_at([], 3) is None


def test_sentence_cuts_skip_abbreviations_initials_and_list_markers() -> None:
    from beleidsgraaf.ingest.spans import _sentence_cuts

    block = "1. Dhr. R.W. Bleker sprak (o.a. over de ROS). Daarna volgde het besluit. Klaar"
    cuts = list(_sentence_cuts(block))
    assert [block[:c].rsplit(" ", 1)[-1] for c in cuts] == ["ROS).", "besluit."]
