"""Pages → one cleaned text whose every character knows its page and offset.

Cleaning keeps the words as written and only removes layout noise:
- a hyphen that splits a word at a line end is joined ("volgen-/de" →
  "volgende"), a real compound keeps it ("Hengelo-/Enschede");
- running headers and footers (lines repeated at the top or bottom of many
  pages, digits ignored) and page numbers ("Pagina 2 van 2") are dropped;
- rules of underscores or dots are dropped;
- odd spaces and symbol-font bullets are normalised; lines and bullets stay.
"""
from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from beleidsgraaf.ingest.model import CleanText, Page
from beleidsgraaf.ingest.pdf import PDFIUM_LINE_HYPHENS

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u200a\t\f\v"), " ")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011"), "-")
# Private-use bullets from Symbol/Wingdings fonts, and other bullet glyphs.
_BULLETS = dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u00b7"), "•")
_LIGATURES = {ord("\ufb00"): "ff", ord("\ufb01"): "fi", ord("\ufb02"): "fl", ord("\ufb03"): "ffi", ord("\ufb04"): "ffl"}
_CHAR_MAP = {**_SPACES, **_DASHES, **_BULLETS, **_LIGATURES}
_DROPPED = set("\r\u00ad\u200b\ufeff")  # carriage returns, soft hyphens, zero-width

# Dutch writes a hyphen between vowels that would otherwise merge
# ("zee-egel", "auto-ongeluk"): such a line-end hyphen is part of the word.
_VOWELS = set("aeiouyAEIOUY")

_PAGE_NUMBER = re.compile(
    r"(?:pagina|blad|page|pag\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?|-?\s*\d{1,4}\s*-?|\d+\s*/\s*\d+", re.IGNORECASE
)
_RULE = re.compile(r"[\s_.\-–—=*·]{3,}")
_SPECIAL = re.compile("[" + re.escape("".join(sorted({*PDFIUM_LINE_HYPHENS, "-", *_DROPPED, *map(chr, _CHAR_MAP)}))) + "]")
_SPACE_RUN = re.compile(" {2,}")
_DIGITS = re.compile(r"\d+")
_EDGE_LINES = 3  # lines at the top and bottom of a page that may be a running header/footer


@dataclass
class _Line:
    text: str
    origins: array


def _normalise(raw: str) -> tuple[str, list[int]]:
    """Map odd characters and join line-end hyphens, remembering origins.

    Runs of ordinary characters are copied whole; only the characters in
    `_SPECIAL` are looked at one by one (a per-character loop was the
    pipeline's slowest step).
    """
    parts: list[str] = []
    origins: list[int] = []
    last = ""  # the last character written, for the vowel rule of _keeps_hyphen
    i, n = 0, len(raw)
    while True:
        found = _SPECIAL.search(raw, i)
        j = found.start() if found else n
        if j > i:
            parts.append(raw[i:j])
            origins.extend(range(i, j))
            last = raw[j - 1]
        if found is None:
            break
        ch = raw[j]
        if ch in PDFIUM_LINE_HYPHENS or (ch == "-" and _is_line_end_hyphen(raw, j)):
            nxt = _next_word_start(raw, j + 1)
            if nxt < n and _keeps_hyphen(last, raw[nxt]):
                parts.append("-")
                origins.append(j)
                last = "-"
            i = nxt
            continue
        if ch not in _DROPPED:
            mapped = _CHAR_MAP.get(ord(ch), ch)
            parts.append(mapped)
            origins.extend([j] * len(mapped))
            last = mapped[-1]
        i = j + 1
    return "".join(parts), origins


def _is_line_end_hyphen(raw: str, i: int) -> bool:
    """A '-' right after a letter and right before a line break."""
    if i == 0 or not raw[i - 1].isalpha():
        return False
    j = i + 1
    while j < len(raw) and raw[j] in " \r":
        j += 1
    return j < len(raw) and raw[j] == "\n" and _next_word_start(raw, j) < len(raw) and raw[_next_word_start(raw, j)].isalpha()


def _next_word_start(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in " \r\n":
        i += 1
    return i


def _keeps_hyphen(before: str, after: str) -> bool:
    return after.isupper() or after.isdigit() or (before in _VOWELS and after in _VOWELS)


def _split_lines(text: str, origins: list[int]) -> list[_Line]:
    lines, start = [], 0
    for part in text.split("\n"):
        end = start + len(part)
        lines.append(_strip(part, origins[start:end]))
        start = end + 1
    return lines


def _strip(text: str, origins: list[int]) -> _Line:
    """Trim the line and collapse runs of spaces, keeping origins aligned
    (a collapsed run keeps its first space's origin)."""
    start, end = len(text) - len(text.lstrip(" ")), len(text.rstrip(" "))
    body, kept = text[start:end], origins[start:end]
    # Origins as machine ints (4 bytes a character, not ~36): every page's lines
    # are held until the running headers are known.
    if "  " not in body:
        return _Line(body, array("I", kept))
    chars: list[str] = []
    collapsed: list[int] = []
    done = 0
    for run in _SPACE_RUN.finditer(body):
        chars.append(body[done : run.start() + 1])
        collapsed.extend(kept[done : run.start() + 1])
        done = run.end()
    chars.append(body[done:])
    collapsed.extend(kept[done:])
    return _Line("".join(chars), array("I", collapsed))


def _edge_size(lines: int) -> int:
    """How many lines at each end of a page may be header or footer: up to
    three, but never the middle third of a short page."""
    return max(1, min(_EDGE_LINES, lines // 3))


def _signature(line: str) -> str:
    return _DIGITS.sub("#", line.lower())


def _running_lines(pages: Sequence[list[_Line]]) -> set[str]:
    """Signatures of lines that recur at the top or bottom of many pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [line.text for line in lines if line.text]
        size = _edge_size(len(filled))
        edge = set(filled[:size] + filled[-size:])
        counts.update({_signature(text) for text in edge})
    needed = max(2, (len(pages) + 1) // 2)
    return {sig for sig, count in counts.items() if count >= needed and len(sig) > 1}


def _is_noise(line: str, at_edge: bool, running: set[str]) -> bool:
    if _RULE.fullmatch(line):
        return True
    if at_edge and (_PAGE_NUMBER.fullmatch(line) or _signature(line) in running):
        return True
    return False


def clean_pages(pages: Sequence[Page]) -> CleanText:
    """Clean every page and join them into one text, one newline between pages."""
    split = [_split_lines(*_normalise(page.text)) for page in pages]
    running = _running_lines(split)
    parts: list[str] = []
    page_starts: list[int] = []
    all_origins: list[array] = []
    offset = 0
    for lines in split:
        filled = [i for i, line in enumerate(lines) if line.text]
        size = _edge_size(len(filled))
        edges = set(filled[:size] + filled[-size:])
        kept = [line for i, line in enumerate(lines) if line.text and not _is_noise(line.text, i in edges, running)]
        page_text = "\n".join(line.text for line in kept)
        origins = array("I")
        for index, line in enumerate(kept):
            if index:
                origins.append(line.origins[0])  # the joining newline
            origins.extend(line.origins)
        page_starts.append(offset)
        parts.append(page_text)
        all_origins.append(origins)
        offset += len(page_text) + 1
    return CleanText(
        text="\n".join(parts),
        page_starts=tuple(page_starts),
        page_ocr=tuple(page.ocr for page in pages),
        origins=tuple(all_origins),
    )
