"""The ontology (Turtle), its SHACL shapes, the document-type scheme, the TOOI
reference data, and the one module that mints IRIs (`iris`)."""
from __future__ import annotations

from functools import cache
from importlib import resources

ONTOLOGY_FILES = ("beleidsgraaf.ttl", "documenttypes.ttl")
SHAPES_FILE = "shapes.ttl"


@cache
def read(file_name: str) -> str:
    """The text of one of the package's Turtle files."""
    return resources.files(__name__).joinpath(file_name).read_text(encoding="utf-8")
