"""The one module that knows IRIs: namespaces, and how keys become IRIs.

Pipeline stages speak of things by *keys* (``org/gm0153/college``,
``project/ros``, ``doc/<sha256 prefix>``); this module turns keys into
instance IRIs under https://w3id.org/beleidsgraaf/id/ and names the
ontology's terms. Keys are derived from what a thing is (a TOOI code, a
normalised name, a file's bytes), never from run order, so IRIs are stable
across runs and machines.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

BG = "https://w3id.org/beleidsgraaf/def#"
ID = "https://w3id.org/beleidsgraaf/id/"
GRAPH = "https://w3id.org/beleidsgraaf/graph/"
DOCUMENT_TYPE = "https://w3id.org/beleidsgraaf/def/documentsoort/"

PREFIXES = {
    "bg": BG,
    "bgid": ID,
    "dt": DOCUMENT_TYPE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "schema": "http://schema.org/",
}

ONTOLOGY_GRAPH = NamedNode(GRAPH + "ontology")
SYSTEM_GRAPH = NamedNode(GRAPH + "system")  # ingest bookkeeping; not exported
LINK_GRAPH = NamedNode(GRAPH + "links")  # corpus-wide names, derived from all documents
STORE = NamedNode(ID + "store")  # the store itself, as its bookkeeping speaks of it

# How many hex digits of a file's SHA-256 name its document: 64 bits keep
# collisions out of reach for any council archive while IRIs stay readable.
_DOC_ID_LENGTH = 16


def term(curie: str) -> NamedNode:
    """``bg:succeeds`` → the NamedNode of that term."""
    prefix, _, local = curie.partition(":")
    return NamedNode(PREFIXES[prefix] + local)


def curie(iri: str) -> str:
    """The shortest readable name of an IRI: ``bg:succeeds`` for a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def slug(text: str) -> str:
    """A readable, stable key part: lower case, no accents, dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def name_key(name: str) -> str:
    """A name as every lookup compares it: no case, no accents, no punctuation
    ("Ruimtelijke Ontwikkelstrategie Twénte" → "ruimtelijke-ontwikkelstrategie-twente")."""
    return slug(name)


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def document_key(sha256: str) -> str:
    return f"doc/{sha256[:_DOC_ID_LENGTH]}"


def entity(key: str) -> NamedNode:
    return NamedNode(ID + key)


def key_of(iri: str) -> str | None:
    """The key an instance IRI was minted from, or None if it is not ours."""
    return iri[len(ID) :] if iri.startswith(ID) else None


def graph(key: str) -> NamedNode:
    """The named graph that holds everything read from the document with this key."""
    return NamedNode(GRAPH + key)


def is_document_graph(iri: str) -> bool:
    return iri.startswith(GRAPH + "doc/")


def evidence(document: str, *statement: object) -> NamedNode:
    return NamedNode(f"{ID}evidence/{document.rsplit('/', 1)[-1]}-{short_hash(*statement)}")


def bg_class(name: str) -> NamedNode:
    """A class of the ontology by local name; `foaf:Person` style CURIEs pass through."""
    return term(name) if ":" in name else NamedNode(BG + name)


