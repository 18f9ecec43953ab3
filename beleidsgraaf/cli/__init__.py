"""The `beleidsgraaf` command.

Errors are mapped to messages and exit codes in one place (`main`): a user
never sees a traceback, only one line naming the file or thing and the cause.
Exit codes: 0 ok, 1 validation found violations, 2 bad input or usage,
3 internal error, 130 interrupted.
"""
from __future__ import annotations

import os
import sys

# Each module registers its commands on `app` when imported.
from beleidsgraaf.cli import analysis_commands  # noqa: F401
from beleidsgraaf.cli import corpus_commands  # noqa: F401
from beleidsgraaf.cli import query_commands  # noqa: F401
from beleidsgraaf.cli.app import app, err
from beleidsgraaf.errors import BeleidsgraafError


def main() -> None:
    """Entry point: run the app, turning every known error into one line."""
    try:
        app()
    except BeleidsgraafError as exc:
        err.print(f"beleidsgraaf: {exc}", highlight=False, markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("beleidsgraaf: interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("BELEIDSGRAAF_DEBUG"):
            raise
        err.print(f"beleidsgraaf: internal error: {type(exc).__name__}: {exc} (set BELEIDSGRAAF_DEBUG=1 for details)", markup=False)
        sys.exit(3)
