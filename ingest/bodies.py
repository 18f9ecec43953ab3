"""Government bodies: the TOOI reference list as a gazetteer, and their organs.

A gemeente, provincie or waterschap is one node keyed by its TOOI code
(``org/gm0153``); its organs hang under it (``org/gm0153/raad``,
``org/gm0153/college``, ``org/pv23/gs``). Names are found in text by one
compiled pattern over every official and preferred name, plus the adjectives
Dutch forms from place names ("de Losserse omgevingsvisie").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from beleidsgraaf.ingest.model import Entity, Kind, Statement
from beleidsgraaf.ontology.tooi import Organisation, by_code, organisations

RIJK_KEY = "org/rijk"
RIJK = Entity(
    key=RIJK_KEY,
    kind=Kind.BODY,
    label="het Rijk",
    classes=frozenset({"Rijk"}),
    aliases=frozenset({"Rijk", "Rijksoverheid", "het Rijk"}),
)

_KIND_CLASS = {"gemeente": "Gemeente", "provincie": "Provincie", "waterschap": "Waterschap", "ministerie": "Ministerie"}


@dataclass(frozen=True)
class Organ:
    """An organ of an organisation: its key suffix, class and name forms."""

    suffix: str
    cls: str
    label: str  # "{name}" is replaced by the organisation's name
    aliases: tuple[str, ...]


ORGANS: dict[str, dict[str, Organ]] = {
    "gemeente": {
        "raad": Organ("raad", "Gemeenteraad", "gemeenteraad van {name}", ("raad van {name}", "gemeenteraad {name}")),
        "college": Organ(
            "college",
            "College",
            "college van burgemeester en wethouders van {name}",
            ("college van B&W van {name}", "Burgemeester en Wethouders van {name}", "college van {name}"),
        ),
        "burgemeester": Organ("burgemeester", "Body", "burgemeester van {name}", ()),
    },
    "provincie": {
        "staten": Organ("staten", "ProvincialeStaten", "Provinciale Staten van {name}", ("Staten van {name}",)),
        "gs": Organ("gs", "GedeputeerdeStaten", "Gedeputeerde Staten van {name}", ("college van Gedeputeerde Staten van {name}", "GS van {name}")),
    },
    "waterschap": {
        "ab": Organ("ab", "Volksvertegenwoordiging", "algemeen bestuur van waterschap {name}", ()),
        "db": Organ("db", "College", "dagelijks bestuur van waterschap {name}", ()),
    },
}


def organisation_key(org: Organisation) -> str:
    return f"org/{org.code}"


def organisation_entity(org: Organisation) -> Entity:
    aliases = {org.name, org.full_name, org.official_name}
    if org.abbreviation and org.kind == "ministerie":
        aliases |= {org.abbreviation, f"ministerie van {org.abbreviation}"}
    return Entity(
        key=organisation_key(org),
        kind=Kind.BODY,
        label=org.full_name if org.kind != "ministerie" else org.full_name[:1].upper() + org.full_name[1:],
        classes=frozenset({_KIND_CLASS.get(org.kind, "Body")}),
        aliases=frozenset(aliases - {org.full_name}),
        tooi=org.iri,
    )


def organ_entity(org: Organisation, organ: str) -> Entity:
    spec = ORGANS[org.kind][organ]
    return Entity(
        key=f"{organisation_key(org)}/{spec.suffix}",
        kind=Kind.BODY,
        label=spec.label.format(name=org.name),
        classes=frozenset({spec.cls}),
        aliases=frozenset(alias.format(name=org.name) for alias in spec.aliases),
    )


def organ_facts(org: Organisation, organ: str) -> tuple[Entity, ...]:
    """The organ, its organisation, and (as a statement) that it is an organ of it."""
    return organ_entity(org, organ), organisation_entity(org)


def organ_statement(org: Organisation, organ: str) -> Statement:
    return Statement(subject=organ_entity(org, organ).key, predicate="bg:organOf", object=organisation_key(org))


def adjectives(name: str) -> set[str]:
    """Dutch adjectives of a place name: Losser → Losserse, Hengelo → Hengelose,
    Groningen → Groningse, Zwolle → Zwolse, Almere → Almeerse."""
    forms = {name + "se"}
    if name.endswith("en"):
        forms.add(name[:-2] + "se")
    if name.endswith("e"):
        forms |= {name[:-1] + "se", name + "se"}
        if len(name) > 3 and name[-2] == name[-3] and name[-2] not in "aeiou":
            forms.add(name[:-2] + "se")  # Zwolle → Zwolse
        if len(name) > 2 and name[-2] not in "aeiou" and name[-3] in "aeiou":
            forms.add(name[:-3] + name[-3] * 2 + name[-2] + "se")  # Almere → Almeerse
    return {f for f in forms if len(f) > 4}


_IRREGULAR_ADJECTIVES = {"Haagse": "Den Haag", "Bossche": "'s-Hertogenbosch", "Nijmeegse": "Nijmegen"}


@dataclass(frozen=True)
class BodyMatch:
    start: int
    end: int
    org: Organisation
    form: str  # "name" | "full" | "adjective"


class Gazetteer:
    """Finds current Dutch government organisations by name in text."""

    def __init__(self, orgs: tuple[Organisation, ...]) -> None:
        current = [o for o in orgs if o.current and o.kind in _KIND_CLASS]
        # Keyed by the lower-cased form; the original case is what the pattern matches.
        self._by_form: dict[str, tuple[str, Organisation, str]] = {}

        def add(form: str, org: Organisation, how: str, replace: bool = False) -> None:
            if replace or form.lower() not in self._by_form:
                self._by_form[form.lower()] = (form, org, how)

        for org in sorted(current, key=lambda o: (o.kind != "gemeente", o.code)):
            # A gemeente wins a bare name it shares with a provincie ("Utrecht");
            # "provincie Utrecht" is matched by its full form.
            for form in {org.name, org.official_name}:
                add(form, org, "name")
            add(org.full_name, org, "full", replace=True)
            if org.kind == "ministerie" and org.abbreviation:
                add(f"ministerie van {org.abbreviation}", org, "full")
            if org.kind == "gemeente":
                for adjective in adjectives(org.name):
                    add(adjective, org, "adjective")
        names = {n: o for o in current if o.kind == "gemeente" for n in (o.name, o.official_name)}
        for adjective, name in _IRREGULAR_ADJECTIVES.items():
            if name in names:
                add(adjective, names[name], "adjective", replace=True)
        # Names are capitalised in running text; match case-insensitively on the
        # kind word only ("Gemeente Enschede", "gemeente Enschede").
        self._pattern = re.compile(r"(?<![\w-])(" + _trie_pattern(_case_variants(self._by_form.values())) + r")(?![\w-])")

    def find(self, text: str) -> Iterator[BodyMatch]:
        for match in self._pattern.finditer(text):
            _, org, how = self._by_form[match.group(1).lower()]
            yield BodyMatch(match.start(), match.end(), org, how)


_KIND_WORDS = frozenset({"gemeente", "provincie", "waterschap", "ministerie"})


def _case_variants(entries: Iterable[tuple[str, Organisation, str]]) -> Iterator[str]:
    """Each name as written, and with its leading kind word capitalised."""
    for form, _, _ in entries:
        yield form
        kind, _, rest = form.partition(" ")
        if rest and kind in _KIND_WORDS:
            yield kind.capitalize() + " " + rest


def _trie_pattern(forms: Iterable[str]) -> str:
    """One regex for many names, as a character trie.

    A plain alternation of a few thousand names makes `re` try each name at
    every capital letter; the trie tries one branch per character. Where a
    name ends inside a longer one, the optional group is greedy, so the
    longest name that fits is taken first, as the longest-first alternation
    did, and a shorter one only if the longer fails the word boundary.
    """
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(organisations())


def organisation(code: str) -> Organisation:
    return by_code()[code]
