"""Dutch dates in running text, resolved against the letter's own date.

Covers "20 mei 2025", "5 juni 2023", "10 dec. 2024", "27.11.2022",
"28-06-2022", "9-7-2024", and dates without a year ("20 mei jl.",
"op 23 juni", "donderdag 8 februari"), which take the year that puts them
nearest the letter's date (before it for "jl.", "vorig jaar" one year back).
dateparser misses several of these; a small table of month names does not.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WRITTEN = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:e|ste|de)?\s+(?P<month>{_MONTH})\.?(?![a-z])"
    rf"(?:\s+(?P<year>(?:19|20)\d\d)\b|(?P<past>\s+jl\.?)|(?P<next>\s+a\.?s\.?))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)(?P<sep>[.\-/])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_LAST_YEAR = re.compile(r"\bvorig(?:e)?\s+jaar\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    date: dt.date
    explicit_year: bool  # False when the year was inferred from the letter's date


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, reference: dt.date, past: bool, future: bool) -> dt.date | None:
    """The year that places day-month nearest the reference date, in the asked direction."""
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _make(y, month, day))]
    if past:
        candidates = [d for d in candidates if d <= reference]
    elif future:
        candidates = [d for d in candidates if d >= reference]
    return min(candidates, key=lambda d: abs((d - reference).days), default=None)


def find_dates(text: str, reference: dt.date | None = None) -> Iterator[DateMatch]:
    """Every date in `text`; yearless ones only when a reference date is known."""
    taken: list[tuple[int, int]] = []
    for match in _ISO.finditer(text):
        if date := _make(int(match["year"]), int(match["month"]), int(match["day"])):
            taken.append(match.span())
            yield DateMatch(match.start(), match.end(), date, True)
    for match in _NUMERIC.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        if date := _make(int(match["year"]), int(match["month"]), int(match["day"])):
            yield DateMatch(match.start(), match.end(), date, True)
    for match in _WRITTEN.finditer(text):
        month, day = MONTHS[match["month"].lower()], int(match["day"])
        if match["year"]:
            date = _make(int(match["year"]), month, day)
        elif reference is not None:
            date = _infer_year(month, day, reference, past=bool(match["past"]), future=bool(match["next"]))
        else:
            date = None
        if date:
            yield DateMatch(match.start(), match.end(), date, bool(match["year"]))


def first_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    found = sorted(find_dates(text, reference), key=lambda m: m.start)
    return found[0].date if found else None


def last_year(text: str, reference: dt.date | None) -> int | None:
    """The year meant by "vorig jaar" in `text`, if it says so and the letter is dated."""
    return reference.year - 1 if reference and _LAST_YEAR.search(text) else None
