"""Pages without a usable text layer → text, through Tesseract's Dutch model.

Two questions, one per function: does the text a PDF gives for a page deserve
to be trusted (`classify`), and what does Tesseract read on the
rendered page (`ocr_page`). Tesseract runs as its command-line program (Debian
`tesseract-ocr` + `tesseract-ocr-nld`), one page at a time, so only one page
image is in memory and a killed worker takes its Tesseract with it (same
process group).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from enum import StrEnum

import pypdfium2

from beleidsgraaf.errors import OcrError

LANGUAGE = "nld"
DPI = 300
# A1 maps at 300 dpi would be ~70 Mpx; cap the bitmap so one page stays well
# under 100 MB however large its media box.
MAX_PIXELS = 40_000_000
# A page with fewer letters and digits than this has no text layer worth the
# name (a page number, a stray stamp): if it shows an image, it is read by OCR.
MIN_TEXT_CHARS = 16
# Glyph garbage: more than this share of unmappable characters, or fewer than
# this share of letters and digits among the marks that are not leaders.
MAX_GARBAGE_SHARE = 0.2
MIN_ALNUM_SHARE = 0.5

_CID = re.compile(r"\(cid:\d+\)")
_LEADERS = set(".…_-–—·•=*|/\\")  # dot leaders and rules in tables of contents
_GARBAGE_CATEGORIES = {"Cc", "Co", "Cn", "Cs"}  # control, private use, unassigned, surrogate
# Private-use bullets that clean.py maps to "•": real text, not garbage.
_PRIVATE_BULLETS = set("\uf0b7\uf0a7\uf0d8\uf076\uf0fc")


class TextLayer(StrEnum):
    USABLE = "usable"
    SPARSE = "sparse"  # (next to) no text: a blank page, or a scan with a page number
    GARBAGE = "garbage"  # glyphs without a usable mapping to characters


def alnum_count(text: str) -> int:
    return sum(ch.isalnum() for ch in _CID.sub("", text))


def classify(text: str) -> TextLayer:
    """Whether a page's text layer can be trusted: garbage is `(cid:12)` runs,
    unmapped codes, or mostly marks that are neither letters nor digits."""
    marks = [ch for ch in _CID.sub("\ufffd", text) if not ch.isspace() and ch not in _LEADERS]
    alnum = sum(ch.isalnum() for ch in marks)
    garbage = sum(ch == "\ufffd" or (unicodedata.category(ch) in _GARBAGE_CATEGORIES and ch not in _PRIVATE_BULLETS) for ch in marks)
    if garbage > MAX_GARBAGE_SHARE * len(marks) or (len(marks) >= MIN_TEXT_CHARS and alnum < MIN_ALNUM_SHARE * len(marks)):
        return TextLayer.GARBAGE
    return TextLayer.SPARSE if alnum < MIN_TEXT_CHARS else TextLayer.USABLE


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_page(page: pypdfium2.PdfPage) -> str:
    """Render one page and return what Tesseract reads on it ("" for a blank page)."""
    width, height = page.get_size()
    scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        low, high = image.getextrema()
        if high - low < 32:  # one flat colour: nothing to read
            return ""
        # PGM: no compression to spend time on, and Tesseract reads it from stdin.
        header = b"P5 %d %d 255\n" % image.size
        data = header + image.tobytes()
        image.close()
    finally:
        bitmap.close()
    return _tesseract(data, dpi=round(scale * 72))


def _tesseract(image: bytes, dpi: int) -> str:
    if not tesseract_available():
        raise OcrError("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-nld)")
    # One thread per page: parallelism comes from --jobs, not from OpenMP.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi)],
        input=image, capture_output=True, env=env, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise OcrError(f"tesseract failed ({message[-1] if message else f'exit {result.returncode}'})")
    return result.stdout.decode("utf-8", errors="replace")
