"""PDF → pages. The only module that opens PDFs.

Plain text comes from pypdfium2 (a pdfplumber dependency, ~50x faster than
pdfplumber's `extract_text` with the same words); pdfplumber (pdfminer) is the
second reader for files pdfium refuses, since the two recover different kinds
of damage. Pages are yielded one at a time so a 1,000-page budget is read in
bounded memory.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFPasswordIncorrect

from beleidsgraaf.errors import EncryptedPdfError, InputError
from beleidsgraaf.ingest.model import Page, PageError, SourceFile

log = logging.getLogger(__name__)

# pdfium reports a hyphen at a line end it has joined as one of these.
PDFIUM_LINE_HYPHENS = "\u0002\ufffe"


def source_file(path: Path) -> SourceFile:
    """Identify a file by its bytes; reject what is plainly not a PDF."""
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


class _PdfiumDocument:
    """Context manager so pdfium's handles are closed even on errors."""

    def __init__(self, pdf: pypdfium2.PdfDocument) -> None:
        self.pdf = pdf

    def __enter__(self) -> pypdfium2.PdfDocument:
        return self.pdf

    def __exit__(self, *exc: object) -> None:
        self.pdf.close()


def _open_pdfium(path: Path, password: str | None) -> _PdfiumDocument:
    try:
        return _PdfiumDocument(pypdfium2.PdfDocument(str(path), password=password))
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError(path) from exc
        raise


def read_pages(path: Path, password: str | None = None) -> Iterator[Page | PageError]:
    """Yield each page's raw text, from pdfium or, if it fails, pdfplumber.

    A page that cannot be loaded is yielded as a `PageError`, so one broken
    page costs that page only.
    """
    try:
        handle = _open_pdfium(path, password)
    except pypdfium2.PdfiumError as exc:
        log.info("%s: pdfium cannot open (%s); trying pdfplumber", path.name, exc)
        yield from _read_with_pdfplumber(path, password)
        return
    with handle as pdf:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pypdfium2.PdfiumError as exc:
                yield PageError(page=index + 1, message=str(exc))
                continue
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            yield Page(number=index + 1, text=text)


def _read_with_pdfplumber(path: Path, password: str | None) -> Iterator[Page]:
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdfError(path) from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        raise InputError(path, f"damaged PDF, no text could be recovered ({type(exc).__name__})") from exc
    with pdf:
        for index, page in enumerate(pdf.pages):
            try:
                yield Page(number=index + 1, text=page.extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - a damaged page costs that page only
                yield PageError(page=index + 1, message=f"{type(exc).__name__}: {exc}")
            finally:
                page.close()
