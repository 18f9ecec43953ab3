"""Relations between documents, projects and bodies, read sentence by sentence.

Each sentence is first reduced to a *skeleton*: every mention is replaced by a
placeholder that says which mention and what kind it is (``⟦3P⟧`` = mention 3,
a project), and relative clauses (", waartoe …,") are set aside. The rules
below are regular expressions over skeletons: `S` and `O` match the nearest
suitable mention on either side of the Dutch phrase, `FILL` the words between.
A negation ("geen", "niet") between them cancels the relation.

Rules are data: add a row to RULES to cover a new phrasing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from beleidsgraaf.ingest import lexicon
from beleidsgraaf.ingest.entities import Mention, Resolver
from beleidsgraaf.ingest.model import Evidence, Kind, ObjectKind, Span, Statement

KIND_CODE = {Kind.PROJECT: "P", Kind.DOCUMENT: "D", Kind.BODY: "B", Kind.PERSON: "R", Kind.MEETING: "M", Kind.DECISION: "E"}
THING = "PD"  # documents and projects: what the contract's relations connect


def _slot(name: str, kinds: str) -> str:
    return rf"(?P<{name}>⟦\d+[{kinds}]⟧)"


S, O = _slot("s", THING), _slot("o", THING)
BODIES = _slot("o", "B")
# Words between subject and phrase, or phrase and object: no other thing, no sentence end,
# except a thing joined to the subject by "samen met" ("X vormt samen met Y een onderdeel van Z").
_WITH = rf"samen\s+met\s+(?:(?:de|het|een)\s+)?(⟦\d+[{THING}]⟧)"
_PARTNER = re.compile(_WITH, re.IGNORECASE)
FILL = rf"(?:{_WITH}|(?!⟦\d+[{THING}]⟧)[^.;!?])*?"
# Between a phrase and its object only articles, adjectives and transparent nouns
# ("een volgende actualisatie van de …"): another noun means the object is elsewhere.
_TRANSPARENT = "|".join(lexicon.TRANSPARENT_NOUNS)
NEAR = rf"\s*(?:(?:de|het|een|uw|onze|ons|dit|deze|die|te|heel|(?:{_TRANSPARENT})\s+(?:van|in|voor|bij)|[a-zà-ÿ]+(?:e|en))\s+)*"
# A subject right after a preposition is inside another phrase ("de gebieden in het Fundament zijn …").
_GOVERNED = re.compile(r"\b(?:in|uit|voor|met|op|bij|naar|over|tot|binnen|door|aan|tussen|zoals)\s+(?:(?:de|het|een)\s+)?$", re.I)
NEGATION = re.compile(r"\b(?:geen|niet|nooit|noch)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    name: str
    predicate: str
    pattern: re.Pattern[str]
    inverse: bool = False  # the sentence's subject is the relation's object (passive voice)


def _rule(name: str, predicate: str, pattern: str, inverse: bool = False) -> Rule:
    return Rule(name, predicate, re.compile(pattern, re.IGNORECASE), inverse)


RULES: tuple[Rule, ...] = (
    _rule("vervolg-op", "bg:succeeds", rf"{S}{FILL}\b(?:is|vormt|zijn|wordt|was)\s+(?:\w+\s+){{0,3}}?vervolg\s+op\b{NEAR}{O}"),
    _rule("volgt-op", "bg:succeeds", rf"{S}{FILL}\b(?:volgt|volgen)\s+(?:\w+\s+){{0,2}}?op\b{NEAR}{O}"),
    _rule("komt-in-plaats-van", "bg:succeeds", rf"{S}{FILL}\b(?:komt|komen|kwam)\s+in\s+de\s+plaats\s+van\b{NEAR}{O}"),
    _rule("opvolger-van", "bg:succeeds", rf"{S}{FILL}\bopvolger\s+van\b{NEAR}{O}"),
    _rule("vervangt", "bg:succeeds", rf"{S}{FILL}\b(?:vervangt|vervangen|verving)\b{NEAR}{O}"),
    _rule("vloeit-voort-uit", "bg:succeeds", rf"{S}{FILL}\b(?:vloeit|vloeien|vloeide)\s+(?:\w+\s+)?voort\s+uit\b{NEAR}{O}"),
    _rule("in-vervolg-op", "bg:succeeds", rf"^\W*(?:in\s+|als\s+)?(?:het\s+)?vervolg\s+op\b{NEAR}{O}{FILL}{S}"),
    _rule("bouwt-voort-op", "bg:succeeds", rf"{S}{FILL}\b(?:bouwt|bouwen|bouwde|borduurt|borduren|borduurde)\s+(?:\w+\s+){{0,2}}?voort\s+op\b{NEAR}{O}"),
    _rule("nieuwe-versie-van", "bg:succeeds", rf"{S}{FILL}\b(?:is|vormt|wordt)\s+(?:een|de)\s+(?:\w+\s+)?(?:actualisatie|herziening|update|voortzetting|opvolger|nieuwe\s+versie)\s+van\b{NEAR}{O}"),
    _rule("opgevolgd-door", "bg:succeeds", rf"{S}{FILL}\b(?:wordt|werd|is)\s+opgevolgd\s+door\b{NEAR}{O}", inverse=True),
    _rule("vervangen-door", "bg:succeeds", rf"{S}{FILL}\b(?:wordt|worden|werd|werden|is|zijn)\s+(?:\w+\s+){{0,2}}?vervangen\s+door\b{NEAR}{O}", inverse=True),
    _rule("vervolg-in", "bg:succeeds", rf"{S}{FILL}\bkrijgt\s+(?:een\s+)?vervolg\s+in\b{NEAR}{O}", inverse=True),
    _rule("bouwsteen-voor", "bg:buildingBlockFor", rf"{S}{FILL}\bbouwste(?:en|nen)\s+(?:voor|van)\b{NEAR}{O}"),
    _rule("basis-voor", "bg:buildingBlockFor", rf"{S}{FILL}\b(?:vormt|vormen|vormde|is|zijn|was|levert|leveren|biedt|bieden|legt|leggen|legde)\s+(?:\w+\s+){{0,2}}?(?:basis|fundament|onderlegger|grondslag)\s+(?:voor|onder|van)\b{NEAR}{O}"),
    _rule("gebaseerd-op", "bg:buildingBlockFor", rf"{S}{FILL}\b(?:is|zijn|wordt|worden)\s+(?:\w+\s+)?(?:gebaseerd|gebouwd)\s+op\b{NEAR}{O}", inverse=True),
    # Inverted after an opening adverb: "Daarnaast levert de Omgevingsvisie de basis voor de ROS."
    _rule("basis-voor-inversie", "bg:buildingBlockFor", rf"\b(?:vormt|vormen|is|zijn|levert|leveren|biedt|bieden|legt|leggen)\s+{NEAR}{S}\s+(?:\w+\s+){{0,2}}?(?:basis|fundament|onderlegger|grondslag|bouwste(?:en|nen))\s+(?:voor|onder|van)\b{NEAR}{O}"),
    _rule("input-voor-inversie", "bg:inputFor", rf"\b(?:levert|leveren|vormt|vormen|geeft|geven)\s+{NEAR}{S}\s+(?:\w+\s+){{0,2}}?input\s+(?:voor|aan|bij)\b{NEAR}{O}"),
    _rule("input-voor", "bg:inputFor", rf"{S}{FILL}\binput\s+(?:voor|aan|bij)\b{NEAR}{O}"),
    _rule("draagt-bij-aan", "bg:inputFor", rf"{S}{FILL}\b(?:draagt|dragen|droeg)\s+(?:\w+\s+){{0,2}}?bij\s+aan\b{NEAR}{O}"),
    _rule("meegenomen-in", "bg:inputFor", rf"{S}{FILL}\b(?:wordt|worden|is|zijn)\s+(?:\w+\s+)?meegenomen\s+(?:in|bij)\b{NEAR}{O}"),
    _rule("nemen-mee-in", "bg:inputFor", rf"{S}{FILL}\b(?:nemen|neemt|namen|nam)\s+(?:\w+\s+){{0,3}}?mee\s+(?:in|bij)\b{NEAR}{O}"),
    _rule("bijdrage-aan", "bg:inputFor", rf"{S}{FILL}\b(?:levert|leveren|vormt)\s+(?:\w+\s+){{0,2}}?bijdrage\s+aan\b{NEAR}{O}"),
    _rule("onderdeel-van", "bg:partOf", rf"{S}{FILL}\b(?:onderdeel|deel|sleutelproject|deelproject|deelproduct|pijler)\s+(?:van|binnen|in)\b{NEAR}{O}"),
    _rule("deel-uit-van", "bg:partOf", rf"{S}{FILL}\bmaakt?\s+(?:\w+\s+){{0,2}}?deel\s+uit\s+van\b{NEAR}{O}"),
    _rule("opgenomen-in", "bg:partOf", rf"{S}{FILL}\b(?:is|zijn|wordt|worden)\s+opgenomen\s+in\b{NEAR}{O}"),
    _rule("sluit-aan", "bg:alignsWith", rf"{S}{FILL}\bsluit(?:en)?\s+(?:\w+\s+){{0,2}}?aan\s+(?:op|bij)\b{NEAR}{O}"),
    _rule("in-lijn-met", "bg:alignsWith", rf"{S}{FILL}\bin\s+lijn\s+met\b{NEAR}{O}"),
    _rule("past-binnen", "bg:alignsWith", rf"{S}{FILL}\b(?:past|passen)\s+(?:\w+\s+)?(?:binnen|in)\b{NEAR}{O}"),
    _rule("afgestemd-op", "bg:alignsWith", rf"{S}{FILL}\b(?:is|zijn|wordt|worden)\s+(?:\w+\s+)?afgestemd\s+op\b{NEAR}{O}"),
    _rule("na-volgt", "bg:followedBy", rf"\bna\s+{NEAR}{S}\s+(?:volgt|komt)\s+(?:er\s+)?{NEAR}{O}"),
    _rule("daarna", "bg:followedBy", rf"{S}{FILL}\b(?:en\s+)?(?:tenslotte|ten\s+slotte|daarna|vervolgens|uiteindelijk|daarop)\s+(?:komt|volgt)\s+(?:er\s+)?{NEAR}{O}"),
    # "… volgt het Uitvoeringsprogramma en daarna het Investeringsprogramma": the next step right after.
    _rule("en-daarna", "bg:followedBy", rf"{S}\s*,?\s+(?:en\s+)?(?:daarna|vervolgens|tenslotte|ten\s+slotte|nadien)\s+{NEAR}{O}"),
    _rule("gevolgd-door", "bg:followedBy", rf"{S}{FILL}\b(?:wordt|worden)\s+gevolgd\s+door\b{NEAR}{O}"),
    _rule("opmaat-naar", "bg:followedBy", rf"{S}{FILL}\b(?:vormt|is)\s+(?:\w+\s+)?(?:opmaat|aanloop|voorbereiding)\s+(?:naar|tot|op)\b{NEAR}{O}"),
)

# A document written by bodies: "X is opgesteld door A en B", "A en B hebben X opgesteld",
# "X maakten we samen met A, B en C".
_WRITTEN = r"(?:opgesteld|gemaakt|geschreven|opgeleverd|uitgebracht)"
_FILL_DOC = r"(?:(?!⟦\d+D⟧)[^.;!?])*?"
CREATOR_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("opgesteld-door", re.compile(rf"{_slot('s', 'D')}{_FILL_DOC}\b(?:is|zijn|werd|wordt|worden)\s+(?:\w+\s+){{0,3}}?{_WRITTEN}\s+door\s+(?P<rest>.*)", re.I)),
    ("hebben-opgesteld", re.compile(rf"^(?P<rest>.*?)\b(?:hebben|heeft)\s+{NEAR}{_slot('s', 'D')}{_FILL_DOC}\b{_WRITTEN}\b", re.I)),
    ("samen-met", re.compile(rf"{_slot('s', 'D')}{_FILL_DOC}\b(?:maakten|maken|stelden|stellen|schreven)\s+(?P<we>we|wij)\s+(?:\w+\s+){{0,2}}?samen\s+met\s+(?P<rest>.*)", re.I)),
)
_OPENING_SPANS = 12
_INFORMS_ABOUT = re.compile(
    rf"(?:\b(?:informeren|informeer|berichten|bericht|stellen|stel|brengen)\s+(?:\w+\s+){{0,3}}?(?:u|uw\s+raad)\s+(?:\w+\s+){{0,4}}?"
    rf"(?:over|op\s+de\s+hoogte\s+(?:van|over))\b"
    # "Met deze brief bieden wij u het Uitvoeringsprogramma Wonen aan"
    rf"|\b(?:bieden|bied|zenden|zend|sturen|stuur)\s+(?:wij|we|ik)\s+(?:u|uw\s+raad)\s+(?:\w+\s+){{0,2}}?){NEAR}{O}",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"⟦(\d+)([A-Z])⟧")
_CLAUSE_OPENING = re.compile(rf"^\W*(?:(?:de|het|een)\s+)?(⟦\d+[{THING}]⟧)", re.IGNORECASE)
_COORDINATED_VERB = re.compile(
    r"^\W*(?:[\w-]+\s+){0,4}?en\s+(?:vormt|vormen|is|zijn|maakt|maken|wordt|worden|levert|leveren|draagt|dragen|sluit|sluiten|past|passen|bouwt|bouwen|geeft|geven)\b",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:die|dat|waar\w*|welke|wie|zoals)\b[^,]*,")
_SECTION_ALIGN = re.compile(r"^(?:aansluiting|afstemming|verbinding|relatie)\s+(?:op|bij|met)\s+", re.IGNORECASE)
_STEP_INTRO = re.compile(r"\b(?:stap|stappen|fase|fasen|fases|producten|product)\b.*:\s*$", re.IGNORECASE)
_PARTS_INTRO = re.compile(r"\bbestaa?t\s+uit\b.*:\s*$", re.IGNORECASE)
_NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[•\-–*]|[a-z][.)])\s*")


def skeleton(text: str, mentions: Sequence[Mention]) -> str:
    """The sentence with mentions as placeholders and relative clauses removed."""
    parts, last = [], 0
    for index, mention in enumerate(mentions):
        # "het Uitvoeringsprogramma Wonen (UPW)": the bracketed alias is the same mention again.
        closing = re.match(r"\s*\)", text[mention.end :])
        if index and mentions[index - 1].key == mention.key and closing and re.fullmatch(r"\s*\(\s*", text[last : mention.start]):
            last = mention.end + closing.end()
            continue
        parts += [text[last : mention.start], f"⟦{index}{KIND_CODE[mention.kind]}⟧"]
        last = mention.end
    parts.append(text[last:])
    return _RELATIVE_CLAUSE.sub(" ", "".join(parts))


def _index(placeholder: str) -> int:
    found = _PLACEHOLDER.fullmatch(placeholder)
    assert found is not None
    return int(found.group(1))


def _clause_subject(skel: str, match: re.Match[str]) -> tuple[int, int] | None:
    """'Het Mobiliteitsplan is een uitwerking van de RSU en vormt … onderdeel van Z': the
    thing nearest the phrase sits in the first clause's 'van'-phrase, and a second verb
    after 'en' continues the sentence's own subject, the thing it opens with."""
    opening = _CLAUSE_OPENING.match(skel)
    between = skel[match.end("s") : match.start("o")]
    if opening is None or opening.start(1) == match.start("s") or not _COORDINATED_VERB.search(between):
        return None
    if not re.search(r"\bvan\s+(?:(?:de|het|een)\s+)?$", skel[: match.start("s")], re.IGNORECASE):
        return None
    return opening.start(1), opening.end(1)


def _coordinated(skel: str, start: int, end: int, kinds: str, leftwards: bool) -> list[int]:
    """The mention at skel[start:end] and those joined to it by 'en', 'of' or commas."""
    joiner = rf"(?:\s*,\s*|\s+(?:en|of|alsmede)\s+)(?:(?:de|het|een|onze|uw)\s+)?(?:\d+\s+\w+\s+)?"
    found = [_index(skel[start:end])]
    if leftwards:
        pattern = re.compile(rf"⟦(\d+)[{kinds}]⟧{joiner}$")
        while match := pattern.search(skel[:start]):
            found.insert(0, int(match.group(1)))
            start = match.start()
    else:
        pattern = re.compile(rf"{joiner}(?:(?:de|het|een)\s+)?⟦(\d+)[{kinds}]⟧")
        while match := pattern.match(skel, end):
            found.append(int(match.group(1)))
            end = match.end()
    return found


class RelationReader:
    """Reads relations, creators and list structures from a document's spans."""

    def __init__(self, resolver: Resolver, sender: str | None) -> None:
        self.resolver = resolver
        self.sender = sender
        self.statements: list[Statement] = []

    def _state(self, subject: str, predicate: str, obj: str, span: Span, rule: str) -> None:
        if subject != obj:
            evidence = Evidence(page=span.page, quote=span.text, rule=rule, ocr=span.ocr)
            self.statements.append(Statement(subject, predicate, obj, ObjectKind.ENTITY, evidence))

    def sentence(self, span: Span, mentions: Sequence[Mention]) -> None:
        skel = skeleton(span.text, mentions)
        for rule in RULES:
            for match in rule.pattern.finditer(skel):
                if NEGATION.search(skel[match.start("s") : match.start("o")]) or _GOVERNED.search(skel[: match.start("s")]):
                    continue
                start, end = _clause_subject(skel, match) or (match.start("s"), match.end("s"))
                subjects = _coordinated(skel, start, end, THING, leftwards=True)
                subjects += [_index(m.group(1)) for m in _PARTNER.finditer(skel, match.end("s"), match.start("o"))]
                objects = _coordinated(skel, match.start("o"), match.end("o"), THING, leftwards=False)
                for s in subjects:
                    for o in objects:
                        a, b = (mentions[o].key, mentions[s].key) if rule.inverse else (mentions[s].key, mentions[o].key)
                        self._state(a, rule.predicate, b, span, rule.name)
        self._creators(span, mentions, skel)

    def _creators(self, span: Span, mentions: Sequence[Mention], skel: str) -> None:
        for name, pattern in CREATOR_RULES:
            match = pattern.search(skel)
            if not match or NEGATION.search(match.group()):
                continue
            document = mentions[_index(match["s"])].key
            bodies = [mentions[int(i)].key for i, kind in _PLACEHOLDER.findall(match["rest"]) if kind == "B"]
            if "we" in match.groupdict() and match["we"] and self.sender:
                bodies.insert(0, self.sender)
            for body in bodies:
                self._state(document, "dcterms:creator", body, span, f"creator-{name}")

    def opening(self, document: str, spans: Sequence[Span], mentions: Sequence[Sequence[Mention]]) -> None:
        """'Met deze brief informeren wij u over X': what the letter itself is about."""
        for span, found in list(zip(spans, mentions))[:_OPENING_SPANS]:
            match = _INFORMS_ABOUT.search(skeleton(span.text, found))
            if match:
                self._state(document, "bg:about", found[_index(match["o"])].key, span, "about-opening")

    def sections(self, spans: Sequence[Span], mentions: Sequence[Sequence[Mention]]) -> None:
        """Headings such as 'Aansluiting op de omgevingsvisie': the document's topic
        aligns with what the heading names, when the section speaks of the topic."""
        topic = self.resolver.topic
        if topic is None:
            return
        for index, span in enumerate(spans):
            if span.kind != "heading" or not _SECTION_ALIGN.match(span.text):
                continue
            section = []
            for later in range(index + 1, len(spans)):
                if spans[later].kind == "heading":
                    break
                section.append(later)
            if not any(m.key == topic and not m.anaphor for i in section for m in mentions[i]):
                continue
            for mention in mentions[index]:
                if mention.kind in (Kind.PROJECT, Kind.DOCUMENT) and mention.key != topic:
                    self._state(topic, "bg:alignsWith", mention.key, span, "section-aansluiting")

    def lists(self, spans: Sequence[Span], mentions: Sequence[Sequence[Mention]]) -> None:
        """'X bestaat uit drie deelproducten: 1. … 2. …' (parts) and 'de eerste stap
        van drie: 1. A 2. B 3. C' (steps in order)."""
        for index, span in enumerate(spans):
            is_parts, is_steps = bool(_PARTS_INTRO.search(span.text)), bool(_STEP_INTRO.search(span.text))
            if not (is_parts or is_steps):
                continue
            count = next((n for word, n in _NUMBER_WORDS.items() if re.search(rf"\b{word}\b", span.text, re.I)), None)
            items = _list_items(spans, index + 1, count)
            if is_parts:
                whole = next((m.key for m in mentions[index] if m.kind in (Kind.PROJECT, Kind.DOCUMENT)), None)
                if whole is None:
                    continue
                for item in items:
                    part = self._item_entity(spans[item], mentions[item])
                    self._state(part, "bg:partOf", whole, spans[item], "list-bestaat-uit")
            else:
                steps = [m.key for item in items for m in mentions[item][:1] if m.kind in (Kind.PROJECT, Kind.DOCUMENT)]
                if len(steps) == len(items) and len(steps) > 1:
                    for item, (a, b) in zip(items[1:], zip(steps, steps[1:])):
                        self._state(a, "bg:followedBy", b, spans[item], "list-stappen")

    def _item_entity(self, span: Span, mentions: Sequence[Mention]) -> str:
        """A list item as a thing: the item's own name, or what it wholly mentions."""
        title = re.split(r"\s+[–:-]\s+|:\s", _LIST_MARKER.sub("", span.text), maxsplit=1)[0].rstrip(".,;")
        whole = [m for m in mentions if span.text[m.start : m.end].strip() == title]
        if whole:
            return whole[0].key
        return self.resolver.part(title)


def _list_items(spans: Sequence[Span], start: int, count: int | None) -> list[int]:
    """Indices of the numbered or bulleted items that follow an introducing sentence."""
    items: list[int] = []
    for index in range(start, min(len(spans), start + 4 * (count or 6))):
        if _LIST_MARKER.match(spans[index].text) and spans[index].kind in ("item", "heading"):
            items.append(index)
            if count and len(items) == count:
                break
        elif not items or spans[index].kind == "heading":
            break
    return items
