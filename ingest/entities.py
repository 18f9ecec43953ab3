"""Mentions → entities: who and what a document speaks of, and where.

Reading happens in two passes over the document's spans:

1. `learn` collects names: abbreviation definitions ("Ruimtelijke
   Ontwikkelstrategie Twente, afgekort ROS", "… (RSIA)"), former names
   ("(voorheen kansenagenda)"), descriptions a name is given for ("een
   verstedelijkingsstrategie voor heel Twente (ROS Twente)"), quoted titles,
   and capitalised names whose head noun says what they are ("Position Paper
   Twente 2050", "Twenteraad").
2. `mentions` finds, sentence by sentence, every mention of those names, of
   government bodies and their organs ("uw raad", "het college van Hengelo",
   "het Rijk"), of documents named by their type ("de omgevingsvisie" is the
   letter's own gemeente's; "het plan van aanpak voor de ROS"), and of things
   pointed back to ("dit document", "dit gebied").

One real-world thing is one key within the document; `graph.link` then joins
keys across documents by their shared names.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from beleidsgraaf.ingest import lexicon
from beleidsgraaf.ingest.bodies import ORGANS, RIJK, gazetteer, organ_entity, organisation_entity
from beleidsgraaf.ingest.model import Entity, Evidence, Kind, ObjectKind, Span, Statement
from beleidsgraaf.ontology.iris import slug
from beleidsgraaf.ontology.tooi import Organisation, by_code

_WORD = r"[\w’'&-]+"
_ABBR_TOKEN = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9&]{1,7}")
_ROMAN = re.compile(r"[IVXLC]+")
_DETERMINERS = {"de", "het", "een", "deze", "dit", "die", "dat", "uw", "onze", "ons", "hun", "haar", "zijn"}
_QUOTED = re.compile(r"[“\"]([^”\"]{4,150})[”\"]")
_CAPITALISED_RUN = re.compile(
    # Articles only after a preposition ("Plan van de Regio"): "… commissie Ruimte de Woonvisie" is two names.
    r"(?<![\w-])(?:[A-Z][\w’'&-]*|\d{4})"
    r"(?:\s+(?:(?:van|voor|op|tot)\s+(?:(?:de|het|der|den)\s+)?|(?:en|der|'s)\s+)?(?:[A-Z][\w’'&-]*|\d{4}[-–]\d{2,4}|\d{2,4}))*"
)
# "de regionale strategie" may refer to the Ontwikkelstrategie by the end of its
# name, but only with a noun this long: "de agenda" is not the Investeringsagenda.
_SUFFIX_HEAD = 8
# Abbreviations of bodies that say nothing by themselves ("de GS", "het B&W").
_ORGANISATION_ABBREVIATIONS = {"GS", "PS", "B&W", "BW", "EU", "NL", "VNG", "IPO", "UvW", "CBS", "KvK"}
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


def normalise_name(text: str) -> str:
    """One spelling per name: single spaces, hyphens for dashes inside words."""
    text = re.sub(r"(?<=\w)\s*[–—‐‑]\s*(?=\w)", "-", text) if re.search(r"\w[–—‐‑]\w", text) else text
    return " ".join(text.translate(_DASHES).split()).strip(" ,.;:")


def is_abbreviation(token: str) -> bool:
    return bool(_ABBR_TOKEN.fullmatch(token)) and not _ROMAN.fullmatch(token)


def _fits(abbreviation: str, name: str) -> bool:
    """Whether an abbreviation can stand for a name: its first letter starts the
    name and its letters occur in the name in order (ROS ← Ruimtelijke
    Ontwikkelstrategie Twente)."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    words = [w for w in re.findall(_WORD, name) if w.lower() not in lexicon.NAME_CONNECTORS]
    if not letters or not words or words[0][0].lower() != letters[0]:
        return False
    text = iter("".join(words).lower())
    return all(letter in text for letter in letters)


def head_class(name: str) -> tuple[Kind, str] | None:
    """What a name's head noun says it is: the first word that ends in a known head."""
    for word in re.findall(_WORD, name):
        lower = word.lower()
        for table, kind in ((lexicon.BODY_HEADS, Kind.BODY), (lexicon.DOCUMENT_HEADS, Kind.DOCUMENT), (lexicon.PROJECT_HEADS, Kind.PROJECT)):
            for head in sorted(table, key=len, reverse=True):
                if lower.endswith(head) and (lower == head or len(lower) - len(head) >= 3):
                    return kind, table[head]
    return None


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the span's text
    end: int
    key: str
    kind: Kind
    anaphor: bool = False  # "dit document": a pointer back, not a naming


@dataclass
class _Record:
    """An entity while the document is being read."""

    key: str
    kind: Kind
    label: str
    classes: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)  # common nouns that refer to it here ("gebied")
    tooi: str | None = None

    def freeze(self) -> Entity:
        return Entity(
            key=self.key,
            kind=self.kind,
            label=self.label,
            classes=frozenset(self.classes),
            aliases=frozenset(self.aliases - {self.label}),
            former_names=frozenset(self.former),
            tooi=self.tooi,
        )

    @property
    def short(self) -> str:
        """The name a generic document is qualified with: its abbreviation if it has one."""
        abbreviations = sorted(a for a in self.aliases if is_abbreviation(a))
        return abbreviations[0] if abbreviations else self.label


class Resolver:
    """The entities of one document and where they are mentioned."""

    def __init__(self, document_key: str, home: Organisation | None) -> None:
        self.document_key = document_key
        self.home = home
        self.records: dict[str, _Record] = {}
        self.names: dict[str, str] = {}  # alias → key (abbreviations exact, names lower-cased)
        self.statements: list[Statement] = []
        self.topic: str | None = None
        self._recent: list[Mention] = []
        self._last_generic: dict[str, str] = {}  # type noun → key of the last one named
        self._pattern: re.Pattern[str] | None = None
        self._owners: dict[str, frozenset[str]] = {}  # noun → keys it may refer to (cache)

    # --- building entities -------------------------------------------------

    def _record(self, key: str, kind: Kind, label: str, classes: Iterable[str] = ()) -> _Record:
        record = self.records.get(key)
        if record is None:
            record = self.records[key] = _Record(key=key, kind=kind, label=label)
        record.classes.update(classes)
        return record

    def _alias(self, record: _Record, alias: str, searchable: bool = True) -> None:
        """Another name for a record; `searchable` names are looked for in every sentence."""
        alias = normalise_name(alias)
        if not alias:
            return
        record.aliases.add(alias)
        self.names.setdefault(alias if is_abbreviation(alias.split()[0]) else alias.lower(), record.key)
        if searchable:
            self._pattern = None
            self._owners.clear()

    def _lookup(self, name: str) -> _Record | None:
        name = normalise_name(name)
        key = self.names.get(name) or self.names.get(name.lower())
        if key is None and " " in name and is_abbreviation(name.split()[0]):
            key = self.names.get(name.split()[0])  # "ROS Twente" is the ROS
        return self.records.get(key) if key else None

    def _named(self, name: str, abbreviation: str | None = None) -> _Record | None:
        """The entity a name (and its abbreviation) denotes, created if new."""
        name = normalise_name(name)
        existing = self._lookup(name) or (self._lookup(abbreviation) if abbreviation else None)
        if existing is None:
            typed = head_class(name)
            if abbreviation:
                kind = typed[0] if typed and typed[0] is Kind.BODY else Kind.PROJECT
            elif typed:
                kind = typed[0]
            else:
                return None
            prefix = {Kind.BODY: "body", Kind.DOCUMENT: "document", Kind.PROJECT: "project"}[kind]
            classes = {typed[1]} if typed and typed[1] not in ("Project", "Body", "Document") else set()
            existing = self._record(f"{prefix}/{slug(name)}", kind, name, classes)
        self._alias(existing, name)
        if abbreviation:
            self._alias(existing, abbreviation)
            self._alias(existing, abbreviation.split()[0])
        for word in re.findall(_WORD, name):
            if head_class(word):
                existing.heads.add(word.lower())
        self._owners.clear()
        return existing

    def _body(self, entity: Entity) -> str:
        record = self._record(entity.key, entity.kind, entity.label, entity.classes)
        record.aliases |= set(entity.aliases)
        record.tooi = entity.tooi
        return record.key

    def organ(self, org: Organisation, organ: str) -> str:
        """The key of an organ (raad, college, …) of an organisation, registered here."""
        self._body(organisation_entity(org))
        key = self._body(organ_entity(org, organ))
        self.statements.append(Statement(key, "bg:organOf", organisation_entity(org).key))
        return key

    # --- pass 1: names -----------------------------------------------------

    def learn(self, spans: Sequence[Span]) -> None:
        for span in spans:
            self._learn_definitions(span.text)
        for span in spans:
            self._learn_names(span.text)
        for span in spans:
            self._learn_versions(span.text)
        for span in spans:
            self._learn_undefined_abbreviations(span.text)
        counts: Counter[str] = Counter()
        pattern = self._alias_pattern()
        for span in spans:
            for match in pattern.finditer(span.text) if pattern else ():
                key = self._key_for(match.group())
                if key and self.records[key].kind is Kind.PROJECT:
                    counts[key] += 1
        if counts:
            (best, n), *rest = counts.most_common(2) + [("", 0)]
            self.topic = best if n > rest[0][1] else None

    def _learn_definitions(self, text: str) -> None:
        for match in re.finditer(r"\(([^()]{2,80})\)", text):
            inside = re.sub(r"^hierna\s*:?\s*(?:te\s+noemen\s*:?\s*)?", "", normalise_name(match.group(1)), flags=re.I)
            before = text[: match.start()].rstrip()
            if inside.lower().startswith("voorheen "):
                record = self._name_before(before)
                if record:
                    former = inside[len("voorheen ") :]
                    record.former.add(former)
                    self._alias(record, former)
                continue
            words = inside.split()
            if not words or not is_abbreviation(words[0]) and not any(is_abbreviation(w) for w in words):
                continue
            abbreviation = words[0] if is_abbreviation(words[0]) else next(w for w in words if is_abbreviation(w))
            name_start, name = _name_before(before)
            if name and _fits(abbreviation, name):
                record = self._named(name, abbreviation)
                if record and 1 < len(words) <= 3 and _looks_like_name(inside):
                    self._alias(record, inside)
                continue
            # "een verstedelijkingsstrategie voor heel Twente (ROS Twente)": the
            # description's noun refers to the named thing in this document.
            record = self._lookup(inside) or self._lookup(abbreviation)
            if record is None and len(words) > 1 and _looks_like_name(inside):
                record = self._named(inside, abbreviation)
            if record is not None:
                if len(words) <= 3 and _looks_like_name(inside):
                    self._alias(record, inside)
                described = list(re.finditer(r"\b(?:de|het|een)\s+([a-zà-ÿ][\w-]{3,})", before[-80:], re.IGNORECASE))
                if described:
                    record.heads.add(described[-1].group(1).lower())
                    self._owners.clear()
        for match in re.finditer(r",\s*afgekort:?\s+([A-Z][\w&]+(?:\s+[A-Z][a-z]+)?)", text):
            name_start, name = _name_before(text[: match.start()])
            abbreviation = match.group(1)
            if name and is_abbreviation(abbreviation.split()[0]) and _fits(abbreviation.split()[0], name):
                record = self._named(name, abbreviation)
                if record:
                    self._alias(record, abbreviation)

    def _name_before(self, before: str) -> _Record | None:
        _, name = _name_before(before)
        return (self._lookup(name) or self._named(name)) if name else None

    def _learn_names(self, text: str) -> None:
        for match in _QUOTED.finditer(text):
            title = normalise_name(match.group(1))
            if len(title.split()) >= 2 and title[0].isupper():
                record = self._lookup(title) or self._record(f"document/{slug(title)}", Kind.DOCUMENT, title)
                self._alias(record, title)
        for match in _CAPITALISED_RUN.finditer(text):
            run = match.group()
            if match.start() == 0 and not re.match(r"\S+\s+[A-Z0-9]", run):
                # A sentence's first word is capitalised anyway: "Aansluiting op de Omgevingsvisie".
                run = run.split(None, 1)[1] if " " in run else ""
            name = _trim_name(run)
            if not name or _is_place_or_body(name) or self._lookup(name) or _is_generic(name):
                continue
            typed = head_class(name)
            if typed and not is_abbreviation(name.split()[0]) and not (" " not in name and _is_bare_head(name)):
                self._named(name)

    def _learn_versions(self, text: str) -> None:
        """'de RES 1.0', 'het RES2.0-bod': a numbered version is a thing of its own,
        of the same kind as the unnumbered name where that is known."""
        for match in _VERSIONED.finditer(text):
            abbreviation, number = match.groups()
            label = f"{abbreviation} {number}"
            if not is_abbreviation(abbreviation) or abbreviation in _ORGANISATION_ABBREVIATIONS or label in self.names:
                continue
            base = self.records.get(self.names.get(abbreviation, ""))
            kind = base.kind if base is not None and base.kind is not Kind.BODY else Kind.PROJECT
            record = self._record(f"{kind.value}/{slug(label)}", kind, label, base.classes if base and kind is base.kind else ())
            self._alias(record, label)
            self._alias(record, f"{abbreviation}{number}")

    def _learn_undefined_abbreviations(self, text: str) -> None:
        """'De VKZ sluit aan bij …' in a letter that never spells VKZ out: a
        programme known by its abbreviation (another letter may define it)."""
        for match in re.finditer(r"\b(?:[Dd]e|[Hh]et)\s+([A-Z][A-Za-z0-9&]{1,7})(?![\w&-]|\.\d)", text):
            abbreviation = match.group(1)
            if is_abbreviation(abbreviation) and not self._lookup(abbreviation) and abbreviation not in _ORGANISATION_ABBREVIATIONS:
                record = self._record(f"project/{slug(abbreviation)}", Kind.PROJECT, abbreviation)
                self._alias(record, abbreviation)

    def _alias_pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.names:
            names = sorted(self.names, key=len, reverse=True)
            parts = [re.escape(n) if is_abbreviation(n.split()[0]) else f"(?i:{re.escape(n)})" for n in names]
            self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
        return self._pattern

    def _key_for(self, found: str) -> str | None:
        record = self._lookup(found)
        return record.key if record else None

    # --- pass 2: mentions --------------------------------------------------

    def mentions(self, span: Span) -> list[Mention]:
        """Every mention in a span, in order, without overlaps (longest first)."""
        text = span.text
        found: list[Mention] = []
        found += self._name_mentions(text)
        found += self._head_mentions(text, found)
        found += self._body_mentions(text)
        found += self._generic_mentions(text, found, span)
        found += self._anaphora(text, found)
        chosen: list[Mention] = []
        for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
            if chosen and mention.start < chosen[-1].end:
                # "Het Uitvoeringsprogramma" (a head noun) and "Uitvoeringsprogramma Wonen" (its name): one mention.
                if mention.key == chosen[-1].key and mention.end > chosen[-1].end:
                    chosen[-1] = replace(chosen[-1], end=mention.end)
                continue
            chosen.append(mention)
        self._recent = (self._recent + chosen)[-30:]
        return chosen

    def _mention(self, start: int, end: int, key: str) -> Mention:
        return Mention(start, end, key, self.records[key].kind)

    def _name_mentions(self, text: str) -> list[Mention]:
        pattern = self._alias_pattern()
        out = []
        for match in pattern.finditer(text) if pattern else ():
            key = self._key_for(match.group())
            if key:
                out.append(self._mention(match.start(), match.end(), key))
        return out

    def _head_mentions(self, text: str, named: Sequence[Mention]) -> list[Mention]:
        """'de verstedelijkingsstrategie', 'de regionale strategie': a definite noun
        phrase whose noun refers to one named thing in this document (the last one
        named, where several share the noun). A name inside the phrase wins."""
        out = []
        for match in _DEFINITE.finditer(text):
            if any(match.end() <= m.start < match.end() + len(match.group("words")) for m in named):
                continue
            # Up to two adjectives before the noun; "de mobiliteitsvisie volgt" ends in -e
            # like an adjective, so each word in turn is tried as the noun.
            words = list(re.finditer(r"[\w-]+", match.group("words")))
            for index, word in enumerate(words):
                owners = self._owners_of(word.group().lower()) if len(word.group()) >= 4 else frozenset()
                # Several things with this noun: the one mentioned last before it ("het programma").
                owner = next(iter(owners)) if len(owners) == 1 else self._last_of(owners, text[: match.start()])
                if owner:
                    out.append(self._mention(match.start(), match.start("words") + word.end(), owner))
                    break
                if not re.fullmatch(r"[a-zà-ÿ]+(?:e|en)", word.group(), re.I):
                    break
        return out

    def _last_of(self, keys: frozenset[str], before: str) -> str | None:
        """The last of these things named before: earlier in the sentence, else in the sentences before."""
        if not keys:
            return None
        pattern = self._alias_pattern()
        earlier = [self._key_for(m.group()) for m in pattern.finditer(before)] if pattern else []
        recent = [m.key for m in self._recent if not m.anaphor]
        return next((key for key in reversed([*recent, *earlier]) if key in keys), None)

    def _owners_of(self, noun: str) -> frozenset[str]:
        """The records a head noun may refer to: its own heads, or (for long
        nouns) the ends of their compounds. Indexed once per change of names."""
        if not self._owners:
            index: dict[str, set[str]] = {}
            for record in self.records.values():
                for head in record.heads:
                    for cut in range(len(head) - _SUFFIX_HEAD + 1):
                        if cut == 0 or len(head) - cut >= _SUFFIX_HEAD:
                            index.setdefault(head[cut:], set()).add(record.key)
            self._owners = {noun: frozenset(keys) for noun, keys in index.items()}
        return self._owners.get(noun, frozenset())

    def _body_mentions(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for match in gazetteer().find(text):
            if match.form == "adjective":
                continue
            out.append(self._mention(match.start, match.end, self._body(organisation_entity(match.org))))
        for match in ORGAN_PHRASES.finditer(text):
            for org, organ in self._organs(match):
                out.append(self._mention(match.start(), match.end(), self.organ(org, organ)))
        for match in RIJK_PHRASE.finditer(text):
            out.append(self._mention(match.start(), match.end(), self._body(RIJK)))
        for match in COMMITTEE_PHRASE.finditer(text):
            out.append(self._mention(match.start(), match.end(), self._committee(match)))
        return out

    def _organs(self, match: re.Match[str]) -> list[tuple[Organisation, str]]:
        word = (match["organ"] or match["staten"]).lower()
        organ = next(o for w, o in _ORGAN_WORDS if w in word)
        places = [m.org for m in gazetteer().find(match["places"] or "")] if match["places"] else []
        if not places:
            owner = self._home_of(next(kind for kind, organs in ORGANS.items() if organ in organs))
            places = [owner] if owner else []
        return [(org, organ) for org in places if organ in ORGANS.get(org.kind, {})]

    def _home_of(self, kind: str) -> Organisation | None:
        if self.home is None:
            return None
        if self.home.kind == kind:
            return self.home
        if kind == "provincie" and self.home.province:
            return by_code().get(self.home.province)
        return None

    def _committee(self, match: re.Match[str]) -> str:
        name = normalise_name(match["name"])
        owner = f" {self.home.name}" if self.home else ""
        label = f"{name[0].upper()}{name[1:]}{owner}"
        cls = "Fractie" if name.lower().startswith("fractie") else "Commissie"
        record = self._record(f"body/{slug(label)}", Kind.BODY, label, {cls})
        self._alias(record, name, searchable=False)
        return record.key

    def _generic_mentions(self, text: str, named: list[Mention], span: Span) -> list[Mention]:
        out = []
        for match in GENERIC_PHRASE.finditer(text):
            if any(m.start <= match.start() < m.end for m in named):
                continue
            noun = match["noun"].lower()
            cls, owner = lexicon.GENERIC_DOCUMENTS[noun]
            key = self._generic(noun, cls, owner, text, match, named, span)
            if key:
                # "de Woonvisie Almere": the place right after the noun belongs to the mention.
                place = next(iter(gazetteer().find(text[match.end() : match.end() + 40])), None)
                end = match.end() + place.end if place and place.start <= 1 and key.endswith("/" + place.org.code) else match.end()
                out.append(self._mention(match.start(), end, key))
        return out

    def _generic(self, noun: str, cls: str, owner: str, text: str, match: re.Match[str], named: list[Mention], span: Span) -> str | None:
        title = noun[0].upper() + noun[1:]
        after = text[match.end() :]
        qualifier = next(
            (m for m in named if m.start > match.end() and re.fullmatch(r"\s+(?:voor|van|om te komen tot)\s+(?:de|het|een)?\s*", text[match.end() : m.start])),
            None,
        )
        place = next(iter(gazetteer().find(after[:40])), None)
        adjective = match["adjective"]
        org: Organisation | None = None
        if adjective:
            org = next((m.org for m in gazetteer().find(adjective) if m.form == "adjective"), None)
        elif place and place.start <= 1:  # "de omgevingsvisie Flevoland": the provincie's
            org = place.org
        if qualifier and self.records[qualifier.key].kind in (Kind.PROJECT, Kind.DOCUMENT):
            target = self.records[qualifier.key]
            record = self._record(f"document/{slug(noun)}/{slug(target.short)}", Kind.DOCUMENT, f"{title} {target.short}", {cls})
            evidence = Evidence(span.page, span.text, "about-qualified-type", span.ocr)
            self.statements.append(Statement(record.key, "bg:about", target.key, ObjectKind.ENTITY, evidence))
        elif org is not None or (owner == "home" and (org := self._home_of("gemeente") or self.home)):
            record = self._record(f"document/{slug(noun)}/{org.code}", Kind.DOCUMENT, f"{title} {org.name}", {cls})
            self._alias(record, f"{noun} {org.name}", searchable=False)
        elif noun in self._last_generic:
            return self._last_generic[noun]
        elif self.topic:
            topic = self.records[self.topic]
            record = self._record(f"document/{slug(noun)}/{slug(topic.short)}", Kind.DOCUMENT, f"{title} {topic.short}", {cls})
        else:
            record = self._record(f"document/{slug(noun)}/{self.document_key.rsplit('/', 1)[-1]}", Kind.DOCUMENT, title, {cls})
        record.aliases.add(title)
        self._last_generic[noun] = record.key
        return record.key

    def _anaphora(self, text: str, found: Sequence[Mention]) -> list[Mention]:
        out = []
        for match in ANAPHOR_PHRASE.finditer(text):
            noun = match["noun"].lower()
            kinds = {Kind(k) for k in lexicon.ANAPHOR_NOUNS[noun]}
            before = sorted((m for m in found if m.end <= match.start()), key=lambda m: m.start)
            earlier = [m for m in reversed([*self._recent, *before]) if m.kind in kinds]
            preferred = [m for m in earlier if noun in self.records[m.key].heads or noun in self.records[m.key].label.lower()]
            target = (preferred or earlier or [None])[0]
            if target is not None:
                out.append(Mention(match.start(), match.end(), target.key, target.kind, anaphor=True))
        return out

    def body_named(self, name: str) -> str:
        """A body known by the name a document gives it ('bestuurlijk overleg ZSDZ')."""
        name = normalise_name(name)
        label = name[0].upper() + name[1:]
        found = self._lookup(name)
        if found is not None and found.kind is Kind.BODY:
            return found.key
        typed = head_class(name)
        cls = typed[1] if typed and typed[0] is Kind.BODY else "Overlegorgaan"
        record = self._record(f"body/{slug(label)}", Kind.BODY, label, {cls})
        self._alias(record, name, searchable=False)
        return record.key

    def know(self, entities: Iterable[Entity]) -> None:
        """Entities found before this pass (the sender, the addressee)."""
        for entity in entities:
            self._body(entity) if entity.kind is Kind.BODY else None

    def part(self, title: str) -> str:
        """A named part or agenda item (a list item's title) as a document."""
        title = normalise_name(title)
        record = self._lookup(title) or self._record(f"document/{slug(title)}", Kind.DOCUMENT, title)
        self._alias(record, title, searchable=False)
        return record.key

    def entities(self) -> list[Entity]:
        return [record.freeze() for record in self.records.values()]

    def record(self, key: str) -> _Record:
        return self.records[key]


def _is_bare_head(word: str) -> bool:
    """'Raad', 'Programma': a head noun alone names nothing in particular."""
    lower = word.lower()
    return any(lower == head for table in (lexicon.BODY_HEADS, lexicon.DOCUMENT_HEADS, lexicon.PROJECT_HEADS) for head in table)


def _is_generic(name: str) -> bool:
    """A type noun, alone or with just a place: 'Omgevingsvisie', 'Toekomstvisie Enschede'
    (but 'Omgevingsvisie Gaaf Gelderland' and 'Woonvisie Deventer 2030' are names)."""
    lower = name.lower()
    return any(lower == noun or (lower.startswith(noun + " ") and _is_place_or_body(name[len(noun) + 1 :])) for noun in lexicon.GENERIC_DOCUMENTS)


def _is_place_or_body(name: str) -> bool:
    """'Gemeente Almere', 'Almere': the gazetteer's, not a new name. A place
    inside a longer name ('Woonagenda Almere 2025') does not make it one."""
    return any(match.start == 0 and match.end == len(name) for match in gazetteer().find(name))


def _looks_like_name(text: str) -> bool:
    """'ROS Twente', 'Spoorzone SHE': a short run of capitalised words, not a phrase."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and words[0][0].isupper()
        and not re.search(r"[,:;]", text)
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in lexicon.NAME_CONNECTORS for w in words)
    )


def _trim_name(text: str) -> str:
    words = text.split()
    while words and (words[0].lower() in _DETERMINERS | lexicon.NAME_CONNECTORS | lexicon.SUBJECT_WORDS or not words[0][0].isupper()):
        words.pop(0)
    # Trailing connectors, and footnote or page numbers glued to a name ("… Overijssel 25").
    while words and (words[-1].lower() in lexicon.NAME_CONNECTORS or re.fullmatch(r"\d{1,2}", words[-1])):
        words.pop()
    return normalise_name(" ".join(words))


def _name_before(before: str) -> tuple[int, str]:
    """The capitalised name that ends where `before` ends ('… met het Nationaal
    Programma Vitale Regio’s' → 'Nationaal Programma Vitale Regio’s')."""
    tokens = list(re.finditer(_WORD, before))
    start = len(tokens)
    while start > 0:
        word = tokens[start - 1].group()
        if word[0].isupper() or word[0].isdigit() or word.lower() in lexicon.NAME_CONNECTORS:
            start -= 1
        else:
            break
    if start == len(tokens):
        return -1, ""
    name = _trim_name(before[tokens[start].start() :])
    return (before.find(name) if name else -1), name


ORGAN_PHRASES = re.compile(
    r"(?:\b(?:[Dd]e|[Hh]et|[Uu]w|[Oo]nze)\s+(?P<organ>gemeenteraad|raad|college(?:\s+van\s+(?:B&W|B\s+en\s+W|burgemeester\s+en\s+wethouders))?"
    r"|algemeen\s+bestuur|dagelijks\s+bestuur)"
    r"|\b(?P<staten>Gedeputeerde\s+Staten|Provinciale\s+Staten))"
    r"(?:\s+van\s+(?:de\s+gemeente\s+|(?:het\s+)?waterschap\s+)?(?P<places>[A-Z][\w'’-]+(?:\s+en\s+[A-Z][\w'’-]+)*))?"
)
# The word in an organ phrase → the organ (ORGANS' keys), first match wins.
_ORGAN_WORDS = (("raad", "raad"), ("college", "college"), ("gedeputeerde", "gs"), ("staten", "staten"), ("algemeen", "ab"), ("dagelijks", "db"))
RIJK_PHRASE = re.compile(r"\b(?:het\s+[Rr]ijk|Rijk(?=\s+en\s+regio)|[Rr]ijksoverheid)\b")
COMMITTEE_PHRASE = re.compile(
    r"\b(?:[Dd]e|[Hh]et)\s+(?P<name>(?:[a-z]+e\s+)?commissie(?:\s+[A-Z][\w-]+(?:\s+(?:en|&)\s+[A-Z][\w-]+)*)?|fractie\s+van\s+de\s+[A-Z][\w-]+)"
)
_GENERIC = "|".join(sorted((re.escape(n) for n in lexicon.GENERIC_DOCUMENTS), key=len, reverse=True))
GENERIC_PHRASE = re.compile(rf"(?:(?P<adjective>[A-Z][a-zà-ÿ]+se)\s+)?(?<![\w-])(?P<noun>(?i:{_GENERIC}))(?![\w-])")
# An abbreviation with a version number: "RES 2.0", "RES1.0".
_VERSIONED = re.compile(r"(?<![\w-])([A-Z][A-Za-z&]{1,7})\s?(\d{1,2}\.\d{1,2})(?![\w.])")
# The words after a determiner, looked at without consuming them: "de vaststelling van de mobiliteitsvisie".
_DEFINITE = re.compile(r"\b(?:de|het|deze|dit)\s+(?=(?P<words>[a-zà-ÿ][\w-]*(?:\s+[a-zà-ÿ][\w-]*){0,2}))", re.IGNORECASE)
ANAPHOR_PHRASE = re.compile(rf"\b(?:[Dd]it|[Dd]eze|[Dd]at)\s+(?P<noun>{'|'.join(lexicon.ANAPHOR_NOUNS)})\b")
