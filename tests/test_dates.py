"""Dutch dates, absolute and relative to the letter's date."""
from __future__ import annotations

import datetime as dt

import pytest

from beleidsgraaf.ingest.dates import find_dates, last_year

LETTER = dt.date(2025, 6, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Datum: 20 mei 2025", dt.date(2025, 5, 20)),
        ("Enschede, 3 juni 2025", dt.date(2025, 6, 3)),
        ("brief van 27.11.2022", dt.date(2022, 11, 27)),
        ("Datum 28-06-2022", dt.date(2022, 6, 28)),
        ("vergadering 9-7-2024", dt.date(2024, 7, 9)),
        ("d.d. 10 dec. 2024", dt.date(2024, 12, 10)),
        ("op 1e februari 2021", dt.date(2021, 2, 1)),
        ("gepubliceerd 2023-10-12", dt.date(2023, 10, 12)),
    ],
)
def test_absolute_dates(text: str, expected: dt.date) -> None:
    assert [m.date for m in find_dates(text)] == [expected]


def test_jl_means_the_most_recent_past_date() -> None:
    assert [m.date for m in find_dates("In onze vergadering van 20 mei jl.", LETTER)] == [dt.date(2025, 5, 20)]
    # In January, "15 december jl." is last year's December.
    assert [m.date for m in find_dates("op 15 december jl.", dt.date(2025, 1, 10))] == [dt.date(2024, 12, 15)]


def test_yearless_dates_take_the_nearest_year_and_need_a_reference() -> None:
    assert [m.date for m in find_dates("op 23 juni besproken", LETTER)] == [dt.date(2025, 6, 23)]
    assert list(find_dates("op 23 juni besproken")) == []
    match = next(find_dates("op 23 juni", LETTER))
    assert not match.explicit_year


def test_impossible_dates_are_ignored() -> None:
    assert list(find_dates("31 februari 2024 en 32.13.2020")) == []


def test_vorig_jaar() -> None:
    assert last_year("U heeft vorig jaar opdracht gegeven", LETTER) == 2024
    assert last_year("U heeft opdracht gegeven", LETTER) is None
