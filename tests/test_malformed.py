"""Bad input: damaged, encrypted, empty and fake PDFs are read when their text
can be recovered and otherwise named with one line of reason; the run finishes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from beleidsgraaf.errors import EncryptedPdfError, InputError
from beleidsgraaf.graph.store import open_store
from beleidsgraaf.ingest.model import Page, Status
from beleidsgraaf.ingest.pdf import read_pages
from beleidsgraaf.ingest.pipeline import Options, process
from tests.conftest import Run
from tests.pdfs import make_pdf, write_encrypted_pdf
from tests.test_store_cli import LETTER


def test_the_issue_done_criteria(cli: Run, tmp_path: Path, shared: Path) -> None:
    """Seed letters + the whole malformed corpus + a fake PDF + an empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted((shared / "corpus" / "seeds").glob("*.pdf"))
    malformed = sorted((shared / "corpus" / "malformed").glob("*.pdf"))
    for path in [*seeds, *malformed]:
        shutil.copy(path, folder)
    (folder / "nep.pdf").write_text("Dit is geen PDF maar platte tekst.\n")
    (folder / "leeg.pdf").write_bytes(b"")
    everything = {path.name for path in folder.iterdir()}

    result = cli("ingest", folder, "--store", tmp_path / "store", "--jobs", "2")

    assert "Traceback" not in result.stdout + result.stderr
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        stored = {doc.file_name for doc in store.documents()}
    skipped = dict(line.removeprefix("skipped ").split(": ", 1) for line in result.stderr.splitlines() if line.startswith("skipped "))
    assert {path.name for path in seeds} <= stored
    assert stored | skipped.keys() == everything and not stored & skipped.keys()
    assert f"ingested {len(stored)}, unchanged 0, failed {len(skipped)}" in result.stdout
    assert skipped["nep.pdf"] == "not a PDF (no %PDF header)"
    assert skipped["leeg.pdf"] == "empty file"
    assert skipped["qpdf__empty_zero_pages.pdf"] == "the PDF has no pages"
    for name in ("pdfminer__rc4-40_pw-foo.pdf", "pdfminer__aes-256-r6_pw-usersecret.pdf", "qpdf__encrypted-40-bit-R3_pw623.pdf"):
        assert skipped[name] == "encrypted, password required (use --password)"
    # Broken xref tables, a bad startxref, a page tree without /Type, a damaged
    # stream, a missing trailer: the text is recovered.
    recovered = {"qpdf__bad-xref.pdf", "qpdf__xref-errors.pdf", "qpdf__bad-token-startxref.pdf", "qpdf__no-pages-types.pdf",
                 "qpdf__damaged-stream.pdf", "pdfminer__missing_xref_trailer.pdf", "pdfminer__zen_of_python_corrupted.pdf"}  # fmt: skip
    assert recovered <= stored


@pytest.mark.parametrize(
    ("name", "password", "text"),
    [
        ("pdfminer__rc4-40_pw-foo.pdf", "foo", "Secret!"),
        ("pdfminer__aes-256-r6_pw-usersecret.pdf", "usersecret", "Hello World"),
        ("qpdf__encrypted-40-bit-R3_pw623.pdf", "623", "Potato"),
    ],
)
def test_password_opens_encrypted_files(shared: Path, name: str, password: str, text: str) -> None:
    path = shared / "corpus" / "malformed" / name
    with pytest.raises(EncryptedPdfError):
        process(path)
    with pytest.raises(EncryptedPdfError):
        process(path, Options(password="fout"))
    pages = list(read_pages(path, password))
    assert [page.text.strip() for page in pages if isinstance(page, Page)] == [text]


def test_encrypted_with_an_empty_user_password_is_ingested(cli: Run, tmp_path: Path) -> None:
    open_letter = write_encrypted_pdf(tmp_path / "open.pdf", [LETTER], user_password="")
    locked = write_encrypted_pdf(tmp_path / "dicht.pdf", [LETTER], user_password="geheim")
    store = tmp_path / "store"
    result = cli("ingest", open_letter, locked, "--store", store)
    assert "ingested 1," in result.stdout
    assert "skipped dicht.pdf: encrypted, password required (use --password)" in result.stderr
    result = cli("ingest", locked, "--store", store, "--password", "geheim")
    # Same letter, other bytes: stored as a second document.
    assert "ingested 1," in result.stdout
    with open_store(str(store), read_only=True) as db:
        assert sorted(doc.file_name for doc in db.documents()) == ["dicht.pdf", "open.pdf"]


def test_encryption_is_judged_per_file_not_by_pdfium_left_over_error(shared: Path) -> None:
    """pdfium's last error is process-wide: a zero-page file read right after an
    encrypted one must not be called encrypted."""
    malformed = shared / "corpus" / "malformed"
    with pytest.raises(EncryptedPdfError):
        process(malformed / "qpdf__bad-encryption-length.pdf")
    with pytest.raises(InputError, match="the PDF has no pages"):
        process(malformed / "qpdf__empty_zero_pages.pdf")


def test_a_download_cut_off_is_read_as_far_as_it_goes(cli: Run, tmp_path: Path) -> None:
    """No xref, no trailer, no second page: the first page is still read."""
    data = make_pdf([LETTER, ["De tweede pagina is bij het downloaden verloren gegaan."]])
    cut = tmp_path / "afgebroken.pdf"
    cut.write_bytes(data[: data.index(b"8 0 obj")])
    timed = process(cut)
    assert timed.extraction.status is Status.PARTIAL_SUCCESS and timed.extraction.page_count == 2
    assert [error.page for error in timed.extraction.errors] == [2]
    result = cli("ingest", cut, "--store", tmp_path / "store")
    assert "ingested 1," in result.stdout
    assert "partly read afgebroken.pdf: pages 2 could not be read" in result.stderr
    cut.write_bytes(data[:300])  # nothing of a page left
    with pytest.raises(InputError, match="afgebroken.pdf: no page could be read"):
        process(cut)


def test_a_page_tree_that_loops_costs_the_looping_page(tmp_path: Path) -> None:
    data = make_pdf([LETTER, ["Tweede pagina."]])
    loop = data.replace(b"/Kids [6 0 R 8 0 R] /Count 2", b"/Kids [6 0 R 2 0 R] /Count 2")
    assert loop != data
    (tmp_path / "lus.pdf").write_bytes(loop)
    timed = process(tmp_path / "lus.pdf")
    assert timed.extraction.status is Status.PARTIAL_SUCCESS
    assert [error.page for error in timed.extraction.errors] == [2]


def test_a_folder_or_pipe_given_as_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "map.pdf").mkdir()
    with pytest.raises(InputError, match="map.pdf: not a regular file"):
        process(tmp_path / "map.pdf")
    with pytest.raises(InputError, match="weg.pdf: no such file"):
        process(tmp_path / "weg.pdf")
