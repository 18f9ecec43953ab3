"""The catalogue of saved SPARQL queries: one `.rq` file each, with a header.

A header is a block of comment lines at the top of the file:

    # title: Lineage: what X succeeds and what succeeds it
    # description: Follows bg:succeeds both ways, transitively.
    #   More description on indented continuation lines.
    # param x (thing): the project or document
    # param from (date, default 1900-01-01): first day

Parameters appear in the query as `$name` and are substituted as RDF terms,
never as raw text, so a value cannot change the query's structure. Types:
`thing` (a name, an alias or an IRI: a name is bound as its `bg:nameKey`, which
the store keeps beside every label and alias, so a query finds the thing by
`{ ?x bg:nameKey $x } UNION { BIND($x AS ?x) FILTER(isIRI(?x)) }`), `string`,
`date` (xsd:date), `integer`, `iri`. A query without declared parameters may
still use `$name`s; their values are typed by their form (see `infer`).

`python -m beleidsgraaf.queries` rewrites queries/README.md from the headers.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from beleidsgraaf.errors import UsageError
from beleidsgraaf.ontology import iris

TYPES = ("thing", "string", "date", "integer", "iri")
_XSD = iris.PREFIXES["xsd"]
_HEADER = re.compile(r"#\s*(title|description|param)\b\s*:?\s*(.*)")
_PARAM = re.compile(r"(?P<name>\w+)\s*\((?P<type>\w+)(?:\s*,\s*default\s+(?P<default>[^)]+))?\)\s*:\s*(?P<text>.*)")
# Strings, IRIs and comments are skipped whole, so a `$x` inside them is never touched.
_TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\$(\w+)')


@dataclass(frozen=True)
class Parameter:
    """One `# param name (type[, default value]): description` header line."""

    name: str
    type: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A query file: its name (the file's stem), header fields and full text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def parse(text: str, name: str = "query") -> SavedQuery:
    """A query and its header; a query without a header gets its `$name`s as untyped parameters."""
    fields: dict[str, list[str]] = {"title": [], "description": []}
    parameters: list[Parameter] = []
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match and match.group(1) == "param":
            parameters.append(_parameter(match.group(2), name))
            last = "param"
        elif match:
            last = match.group(1)
            fields[last].append(match.group(2).strip())
        elif last and line[1:].strip():
            if last == "param":
                p = parameters[-1]
                parameters[-1] = Parameter(p.name, p.type, f"{p.description} {line[1:].strip()}", p.default)
            else:
                fields[last].append(line[1:].strip())
    if not parameters:
        parameters = [Parameter(n, "auto", "") for n in dict.fromkeys(used_parameters(text))]
    return SavedQuery(name, " ".join(fields["title"]) or name, " ".join(fields["description"]), tuple(parameters), text)


def _parameter(spec: str, query: str) -> Parameter:
    match = _PARAM.fullmatch(spec.strip())
    if match is None or match["type"] not in TYPES:
        raise UsageError(f"{query}: bad parameter line '{spec}' (expected: name (type): description, type one of {', '.join(TYPES)})")
    return Parameter(match["name"], match["type"], match["text"].strip(), match["default"] and match["default"].strip())


def used_parameters(text: str) -> list[str]:
    return [m.group(1) for m in _TOKENS.finditer(text) if m.group(1)]


def term(parameter: Parameter, value: str) -> NamedNode | Literal:
    """The RDF term a command-line value stands for, checked against the parameter's type."""
    kind = infer(value) if parameter.type == "auto" else parameter.type
    try:
        if kind == "iri" or (kind == "thing" and _looks_like_iri(value)):
            return NamedNode(_expand(value.strip("<>")))
        if kind == "date":
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=NamedNode(_XSD + "date"))
        if kind == "integer":
            return Literal(str(int(value)), datatype=NamedNode(_XSD + "integer"))
    except ValueError as exc:
        raise UsageError(f"--param {parameter.name}={value}: not a valid {kind} ({exc})") from exc
    return Literal(iris.name_key(value) if kind == "thing" else value)


def infer(value: str) -> str:
    """The type of an undeclared parameter's value: <iri> or http(s)://…, YYYY-MM-DD, an integer, else a string."""
    if _looks_like_iri(value):
        return "iri"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "date"
    if re.fullmatch(r"[+-]?\d+", value):
        return "integer"
    return "string"


def _looks_like_iri(value: str) -> bool:
    return (value.startswith("<") and value.endswith(">")) or re.match(r"https?://", value) is not None or value.startswith("bgid:")


def _expand(value: str) -> str:
    prefix, _, local = value.partition(":")
    return iris.PREFIXES[prefix] + local if prefix in iris.PREFIXES and not local.startswith("//") else value


def bind(query: SavedQuery, values: dict[str, str]) -> str:
    """The query text with every `$name` replaced by its value as an RDF term."""
    known = {p.name: p for p in query.parameters}
    for name in values:
        if name not in known:
            names = ", ".join(known) or "none"
            raise UsageError(f"{query.name}: unknown parameter '{name}' (known: {names})")
    terms: dict[str, str] = {}
    for p in query.parameters:
        value = values.get(p.name, p.default)
        if value is None:
            raise UsageError(f"{query.name}: needs --param {p.name}=… ({p.type}: {p.description or 'no description'})")
        terms[p.name] = str(term(p, value))

    def replace(match: re.Match[str]) -> str:
        return terms.get(match.group(1), match.group(0)) if match.group(1) else match.group(0)

    return _TOKENS.sub(replace, query.text)


# --- the catalogue -----------------------------------------------------------


@cache
def catalogue() -> tuple[SavedQuery, ...]:
    """Every saved query shipped with the package, by name."""
    files = sorted((f for f in resources.files(__name__).iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return tuple(parse(f.read_text(encoding="utf-8"), f.name.removesuffix(".rq")) for f in files)


def saved(name: str) -> SavedQuery | None:
    return next((q for q in catalogue() if q.name == name), None)


def readme() -> str:
    """queries/README.md, written from the headers."""
    lines = [
        "# Saved queries",
        "",
        "Generated from the headers of the `.rq` files by `python -m beleidsgraaf.queries`; do not edit by hand.",
        "",
        "Run one by name or file: `beleidsgraaf query lineage --param x=\"ROS Twente\"` or",
        "`beleidsgraaf query queries/lineage.rq --param x=ROS --format csv`. In the editor",
        "(`beleidsgraaf serve`, then /editor) each is one click away.",
        "",
        "Parameters are substituted as RDF terms (escaped literals or IRIs), never as text.",
        "A `thing` is named by any of its labels or aliases (rdfs:label, skos:prefLabel,",
        "skos:altLabel; case, accents and punctuation do not matter: it is looked up by its",
        "`bg:nameKey`), or by its IRI (`<https://…>` or `bgid:project/ros`);",
        "a `date` is `YYYY-MM-DD`. A node with several rdfs:labels (read from different documents)",
        "shows the first in alphabetical order, so each thing is one row.",
        "",
        "| query | title | parameters |",
        "|---|---|---|",
    ]
    for q in catalogue():
        params = ", ".join(f"`{p.name}` ({p.type})" for p in q.parameters) or "none"
        lines.append(f"| [`{q.name}`](#{q.name}) | {q.title} | {params} |")
    for q in catalogue():
        lines += ["", f"## {q.name}", "", f"**{q.title}** — [`{q.name}.rq`]({q.name}.rq)", "", q.description, ""]
        for p in q.parameters:
            default = f" (default `{p.default}`)" if p.default else ""
            lines.append(f"- `{p.name}` ({p.type}){default}: {p.description}")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    path = Path(__file__).with_name("README.md")
    path.write_text(readme(), encoding="utf-8")
    print(f"wrote {path}")
