"""Write small, valid text PDFs for tests, with no PDF library.

`make_pdf([["line", "line"], ["page 2 line"]])` gives the bytes of a PDF
with one Helvetica text line per string (WinAnsi, so Dutch accents work).
Tests build their own letters with this instead of relying on fixtures whose
text they cannot see.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842
_FONT_SIZE, _LEADING, _MARGIN = 10, 14, 56


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Sequence[str]) -> bytes:
    ops = [b"BT", f"/F1 {_FONT_SIZE} Tf {_LEADING} TL {_MARGIN} {_PAGE_HEIGHT - _MARGIN} Td".encode()]
    for line in lines:
        ops.append(b"(" + _escape(line) + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def make_pdf(pages: Sequence[Sequence[str]], title: str = "test") -> bytes:
    """A PDF whose page i shows `pages[i]`, one string per line."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree exists
    page_tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = add(b"<< /Title (" + _escape(title) + b") >>")
    kids = []
    for lines in pages:
        content = _content(lines)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (page_tree, _PAGE_WIDTH, _PAGE_HEIGHT, font, stream)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def write_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    path.write_bytes(make_pdf(pages, title=path.stem))
    return path


def write_image_pdf(path: Path, lines: Sequence[str], dpi: int = 200) -> Path:
    """A one-page PDF that is only a picture of `lines` (no text layer), like a scan."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)  # A4
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(dpi * 0.16))  # ~11.5 pt
    y = dpi
    for line in lines:
        draw.text((dpi, y), line, fill=0, font=font)
        y += round(dpi * 0.26)
    image.save(path, "PDF", resolution=dpi)
    return path


def write_encrypted_pdf(path: Path, pages: Sequence[Sequence[str]], user_password: str, owner_password: str = "eigenaar") -> Path:
    """`make_pdf(pages)` encrypted (RC4-128) with the given user password ("" opens without one)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)
    return path
