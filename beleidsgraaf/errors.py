"""The error hierarchy: every failure a user can cause has one class here.

The CLI maps these to one-line messages and exit codes in one place
(`beleidsgraaf.cli`); nothing else prints tracebacks or exits.
"""
from __future__ import annotations

from pathlib import Path


class BeleidsgraafError(Exception):
    """Base class: a problem the user can act on, reported as one line."""

    exit_code = 2


class InputError(BeleidsgraafError):
    """A file given to ingest cannot be read as a usable PDF."""

    def __init__(self, path: Path | str, cause: str) -> None:
        self.path = Path(path)
        self.cause = cause
        super().__init__(f"{self.path.name}: {cause}")

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from path and cause (not from the message), so the error
        # crosses to and from worker processes intact.
        return _rebuild_input_error, (type(self), self.path, self.cause)


def _rebuild_input_error(cls: type[InputError], path: Path, cause: str) -> InputError:
    error = InputError.__new__(cls)
    InputError.__init__(error, path, cause)
    return error


class EncryptedPdfError(InputError):
    """The PDF needs a password we do not have."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "encrypted, password required (use --password)")


class StoreError(BeleidsgraafError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""


class QueryError(BeleidsgraafError):
    """A SPARQL query is malformed or asks for something unknown."""


class UsageError(BeleidsgraafError):
    """The command line asks for something impossible (unknown name, bad date, …)."""


class ValidationFailed(BeleidsgraafError):
    """SHACL found violations; the report has been printed."""

    exit_code = 1
