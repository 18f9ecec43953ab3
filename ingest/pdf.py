"""PDF → pages. The only module that opens PDFs.

Plain text comes from pypdfium2 (a pdfplumber dependency, ~50x faster than
pdfplumber's `extract_text` with the same words); pdfplumber (pdfminer) is the
second reader for files pdfium refuses, since the two recover different kinds
of damage. Pages are yielded one at a time so a 1,000-page budget is read in
bounded memory: at most one page (and its rendered image, when it is OCR'd)
is held at once.

A page whose text layer is missing or glyph garbage is rendered and read by
Tesseract (`ingest.ocr`) and yielded with `ocr=True`; so is a page whose only
text is invisible (render mode 3: the layer an earlier OCR put under a scan),
which is trusted as it stands.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from beleidsgraaf.errors import EncryptedPdfError, InputError, OcrError
from beleidsgraaf.ingest import ocr
from beleidsgraaf.ingest.model import Page, PageError, SourceFile

log = logging.getLogger(__name__)

# pdfium reports a hyphen at a line end it has joined as one of these.
PDFIUM_LINE_HYPHENS = "\u0002\ufffe"
_NO_LINE_HYPHENS = dict.fromkeys(map(ord, PDFIUM_LINE_HYPHENS))  # real text, though not printable


def source_file(path: Path) -> SourceFile:
    """Identify a file by its bytes; reject what is plainly not a PDF."""
    if path.exists() and not path.is_file():
        raise InputError(path, "not a regular file")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not data:
        raise InputError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF (no %PDF header)")
    return SourceFile(path=path, file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def read_pages(path: Path, password: str | None = None, use_ocr: bool = True) -> Iterator[Page | PageError]:
    """Yield each page's text, from pdfium or, if it fails, pdfplumber; a
    file cut off before its trailer gets one more try with a trailer added.

    A page that cannot be loaded (or OCR'd) is yielded as a `PageError`, so
    one broken page costs that page only.
    """
    try:
        pdf = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as exc:
        # pdfium's error text is process-global and can be stale, so whether
        # the file is encrypted is settled by pdfminer, which says so exactly.
        log.info("%s: pdfium cannot open (%s); trying pdfplumber", path.name, exc)
        try:
            plumber = _open_pdfplumber(path, password, pdfium_says_password="password" in str(exc).lower())
        except EncryptedPdfError:
            raise
        except InputError:
            repaired = _with_trailer(path, password)
            if repaired is None:
                raise
            pdf = repaired
        else:
            yield from _pdfplumber_pages(path, plumber)
            return
    with contextlib.closing(pdf):  # pdfium's handles are closed even on errors
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pypdfium2.PdfiumError as exc:
                yield PageError(page=index + 1, message=str(exc))
                continue
            try:
                yield _read_page(page, index + 1, use_ocr)
            finally:
                page.close()


_CATALOG = re.compile(rb"(\d+)\s+0\s+obj\s*<<(?:(?!endobj).){0,2000}?/Type\s*/Catalog", re.DOTALL)


def _with_trailer(path: Path, password: str | None) -> pypdfium2.PdfDocument | None:
    """A download cut off before its cross-reference table and trailer lost
    only the pointer to its catalog: add one and let pdfium rebuild the rest."""
    data = path.read_bytes()
    if b"trailer" in data[-4096:] or b"startxref" in data[-4096:]:
        return None  # the end is there: this damage is of another kind
    catalog = _CATALOG.search(data)
    if catalog is None:
        return None
    try:
        return pypdfium2.PdfDocument(data + b"\ntrailer\n<< /Root %s 0 R >>\n%%%%EOF\n" % catalog.group(1), password=password)
    except pypdfium2.PdfiumError:
        return None


def _read_page(page: pypdfium2.PdfPage, number: int, use_ocr: bool) -> Page | PageError:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    images, text_modes = _objects(page)
    layer = ocr.classify(text.translate(_NO_LINE_HYPHENS))
    if layer is ocr.TextLayer.USABLE:
        # Text drawn invisibly over a scan is an earlier OCR's reading.
        return Page(number=number, text=text, ocr=images > 0 and text_modes == {pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE})
    # A sparse page without images is blank or nearly so: nothing to OCR.
    # Garbage glyphs render correctly, so such a page is OCR'd whatever it holds.
    if not use_ocr or (layer is ocr.TextLayer.SPARSE and images == 0):
        return Page(number=number, text=text)
    try:
        read = ocr.ocr_page(page)
    except OcrError as exc:
        return PageError(page=number, message=f"OCR failed: {exc}")
    if layer is ocr.TextLayer.SPARSE and ocr.alnum_count(read) <= ocr.alnum_count(text):
        return Page(number=number, text=text)  # the scan says no more than the layer
    return Page(number=number, text=read, ocr=True)


def _objects(page: pypdfium2.PdfPage) -> tuple[int, set[int]]:
    """How many images the page shows, and the render modes of its text."""
    images, modes = 0, set()
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            modes.add(pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw))
    return images, modes


def _open_pdfplumber(path: Path, password: str | None, pdfium_says_password: bool) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path, password=password or "")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or pdfium_says_password:
            raise EncryptedPdfError(path) from exc
        raise InputError(path, f"damaged PDF, no text could be recovered ({type(cause).__name__})") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        if pdfium_says_password:
            raise EncryptedPdfError(path) from exc
        raise InputError(path, f"damaged PDF, no text could be recovered ({type(exc).__name__})") from exc


def _pdfplumber_pages(path: Path, pdf: pdfplumber.PDF) -> Iterator[Page | PageError]:
    try:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001 - a page tree pdfminer cannot walk
            raise InputError(path, f"damaged PDF, its page tree cannot be read ({type(exc).__name__})") from exc
        for index, page in enumerate(pages):
            try:
                yield Page(number=index + 1, text=page.extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - a damaged page costs that page only
                yield PageError(page=index + 1, message=f"{type(exc).__name__}: {exc}")
            finally:
                page.close()
    finally:
        # pdfplumber's close() walks the page tree again, which is what failed.
        with contextlib.suppress(Exception):
            pdf.close()
        pdf.stream.close()
