"""A document's own metadata, read from its text: type, title, date, sender,
addressee and signatories.

Rules are tables at the top of this module (patterns → what they mean); the
functions below only apply them. A letter's gemeente may show only in its
signature ("Burgemeester en Wethouders van Enschede"), as an adjective ("de
Losserse omgevingsvisie"), or in its letterhead, so the sending organisation
is chosen by weighing all of these.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pyoxigraph

from beleidsgraaf.ingest.bodies import ORGANS, BodyMatch, gazetteer, organ_entity, organisation_entity
from beleidsgraaf.ingest.dates import find_dates
from beleidsgraaf.ingest.model import Entity, Evidence, Kind, ObjectKind, Span, Statement
from beleidsgraaf.ontology import read
from beleidsgraaf.ontology.iris import PREFIXES, slug
from beleidsgraaf.ontology.tooi import Organisation

# --- rule tables -------------------------------------------------------------

# The letter's own date: a "Datum" field (same or next line) or "Plaats, 3 juni 2025".
DATE_FIELD = re.compile(r"^(?:datum|dagtekening|verzenddatum)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(?P<place>[A-Z][\w'’ -]{1,40}),\s+(?P<rest>\d{1,2}\s+\w+\s+\d{4})\s*$")

# Salutations and who they address: organ of the letter's own organisation,
# or (None) the college of the organisation named in the address block.
SALUTATIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^(?:geachte|beste)\s+(?:leden\s+van\s+de\s+)?(?:gemeente)?raad(?:sleden)?\b", re.I), "raad"),
    (re.compile(r"^(?:geachte|beste)\s+(?:leden\s+van\s+)?(?:provinciale\s+)?staten(?:leden)?\b", re.I), "staten"),
    (re.compile(r"^aan\s+(?:de\s+)?(?:leden\s+van\s+de\s+)?gemeenteraad\b", re.I), "raad"),
    (re.compile(r"^aan\s+provinciale\s+staten\b", re.I), "staten"),
    (re.compile(r"^(?:geacht|beste)\s+college\b", re.I), None),
)
LETTER_OPENING = re.compile(r"^(?:geachte?|beste|aan)\s", re.IGNORECASE)

# Who signs or speaks: organ patterns over the closing lines and the text.
SENDER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:het\s+)?college\s+van\s+burgemeester\s+en\s+wethouders(?:\s+van)?", re.I), "college"),
    (re.compile(r"burgemeester\s+en\s+wethouders(?:\s+van)?", re.I), "college"),
    (re.compile(r"gedeputeerde\s+staten(?:\s+van)?", re.I), "gs"),
    (re.compile(r"(?:de\s+)?raad\s+van\s+de\s+gemeente", re.I), "raad"),
    (re.compile(r"provinciale\s+staten(?:\s+van)?", re.I), "staten"),
    (re.compile(r"(?:het\s+)?dagelijks\s+bestuur\s+van(?:\s+het)?\s+waterschap", re.I), "db"),
)
# "wij" as the college: the letter speaks for its college.
WE_ARE_COLLEGE = re.compile(r"\b(?:onze|ons)\s+college(?:vergadering)?\b|\bin\s+onze\s+vergadering\b", re.IGNORECASE)
CLOSINGS = re.compile(
    r"^(?:hoogachtend|met\s+vriendelijke\s+groet(?:en)?|namens\s+(?:deze|het\s+college)|"
    r"burgemeester\s+en\s+wethouders|gedeputeerde\s+staten\s+van|de\s+raad\s+van\s+de\s+gemeente)",
    re.IGNORECASE,
)
ROLE = re.compile(
    r"\b(?P<role>loco[- ]?(?:gemeente)?secretaris|(?:gemeente)?secretaris(?:-directeur)?|loco[- ]?burgemeester|"
    r"burgemeester|wethouder|griffier|gedeputeerde|voorzitter|commissaris\s+van\s+de\s+koning(?:in)?|dijkgraaf|"
    r"directeur)\b",
    re.IGNORECASE,
)
PERSON_NAME = re.compile(
    r"(?P<name>(?:[A-Z]\.\s?){1,5}(?:(?:van|de|der|den|ten|ter|te|het|in\s+'t|op)\s+)*[A-Z][A-Za-zÀ-ÿ'’\-]+)"
)
CONTACT_LINE = re.compile(r"^(?:telefoon|tel\.|www\.|e-?mail|kvk|iban|bezoekadres|postadres)\b", re.IGNORECASE)
# Titles that name the body whose document it is ("B&W-vergadering", "raadsvergadering").
TITLE_SENDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:B&W|B en W|college)[- ]?vergadering|\bcollegebesluit|"
                r"\b(?:vergadering|besluitenlijst)\s+van\s+(?:het\s+)?(?:college|burgemeester\s+en\s+wethouders)\b", re.I), "college"),
    (re.compile(r"\braadsvergadering|\b(?:besluitenlijst|vergadering)\s+(?:van\s+)?de\s+(?:gemeente)?raad", re.I), "raad"),
    (re.compile(r"\bGS[- ]?(?:mandaat|besluit|vergadering)|\bgedeputeerde staten", re.I), "gs"),
    (re.compile(r"\bstatenvergadering", re.I), "staten"),
)
PUBLISHER = re.compile(r"^(?:een\s+)?(?:uitgave|uitgegeven\s+door|opgesteld\s+door)(?:\s+van)?\s*:?\s*", re.IGNORECASE)
ONDERWERP = re.compile(r"^(?:onderwerp|betreft)\s*:?\s*(?P<title>.+)$", re.IGNORECASE)

# Which kind of organisation a letter's wording implies for its sender.
GEMEENTE_WORDS = re.compile(r"\b(?:gemeenteraad|collegevergadering|burgemeester|wethouders?|raadsleden)\b", re.I)
PROVINCIE_WORDS = re.compile(r"\b(?:gedeputeerde staten|provinciale staten|statenleden|gedeputeerde)\b", re.I)

_HEAD_LINES = 40  # where letterheads, dates and salutations are
_TAIL_LINES = 25  # where signatures are
_FORM_WEIGHT = {"adjective": 3, "full": 2, "name": 1}
_TITLE_WEIGHT = 3
_HOME_MIN_VOTES = 3


@dataclass(frozen=True)
class Line:
    start: int
    text: str


@dataclass(frozen=True)
class DocumentType:
    concept: str  # local name in the document-type scheme
    cls: str  # class local name
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    line: Line


@dataclass(frozen=True)
class Metadata:
    title: str | None
    date: dt.date | None
    home: Organisation | None  # the organisation the document comes from
    sender: str | None  # entity key of the sending body ("wij" in the text)
    addressee: str | None  # entity key of the addressed body ("u" in the text)
    doc_class: str | None
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]


@cache
def document_types() -> tuple[DocumentType, ...]:
    """The document-type scheme from documenttypes.ttl, longest labels first."""
    skos, bg = PREFIXES["skos"], PREFIXES["bg"]
    store = pyoxigraph.Store()
    store.load(read("documenttypes.ttl").encode(), pyoxigraph.RdfFormat.TURTLE)
    rows = store.query(
        f"SELECT ?c ?cls (GROUP_CONCAT(?l; separator='|') AS ?labels) WHERE {{ "
        f"?c <{bg}documentClass> ?cls ; <{skos}altLabel> ?l }} GROUP BY ?c ?cls"
    )
    types = [
        DocumentType(
            concept=row["c"].value.rsplit("/", 1)[-1],
            cls=row["cls"].value.rsplit("#", 1)[-1],
            labels=tuple(sorted(row["labels"].value.split("|"), key=len, reverse=True)),
        )
        for row in rows
    ]
    return tuple(sorted(types, key=lambda t: t.concept))


def _lines(text: str) -> list[Line]:
    lines, start = [], 0
    for part in text.split("\n"):
        if part.strip():
            lines.append(Line(start, part.strip()))
        start += len(part) + 1
    return lines


def _span_at(spans: Sequence[Span], offset: int) -> Span | None:
    """The span holding `offset`; `spans` in text order, as `split_spans`
    gives them, so a binary search finds it (a scan per lookup made evidence
    quadratic in the document's length)."""
    index = bisect.bisect_right(spans, offset, key=lambda span: span.start) - 1
    if index >= 0 and offset < max(spans[index].end, spans[index].start + 1):
        return spans[index]
    return None


def _evidence(spans: Sequence[Span], offset: int, rule: str) -> Evidence | None:
    span = _span_at(spans, offset)
    return Evidence(page=span.page, quote=span.text, rule=rule, ocr=span.ocr) if span else None


def _spaced_out(line: str) -> str:
    """'P E R S B E R I C H T' → 'PERSBERICHT'."""
    return re.sub(r"\b(\w) (?=\w\b)", r"\1", line) if re.fullmatch(r"(?:\w ){3,}\w", line) else line


def detect_type(headings: Sequence[Line]) -> tuple[DocumentType, Line] | None:
    """The type named earliest in the first opening heading that names one
    (the longest label wins a tie: "nota gs-mandaat" over "nota")."""
    for line in headings:
        text = _spaced_out(line.text).lower()
        found = [
            (match.start(), -len(label), doc_type)
            for doc_type in document_types()
            for label in doc_type.labels
            if (match := re.search(rf"(?<![\w-]){re.escape(label)}(?!\w)", text))
        ]
        if found:
            return min(found, key=lambda f: f[:2])[2], line
    return None


def _letter_date(head: Sequence[Line]) -> tuple[dt.date, Line] | None:
    for index, line in enumerate(head):
        field = DATE_FIELD.match(line.text)
        if field and "verzend" not in line.text.lower()[:12]:
            for candidate in (field["rest"], head[index + 1].text if index + 1 < len(head) else ""):
                found = next(iter(find_dates(candidate)), None)
                if found and found.explicit_year:
                    return found.date, line
        placed = PLACE_DATE.match(line.text)
        if placed:
            found = next(iter(find_dates(placed["rest"])), None)
            if found:
                return found.date, line
    return None


def _organ_at(match_text: str, rest: str, home: Organisation | None) -> tuple[Organisation, str] | None:
    """The organ a sender pattern names, with its place from the words after it."""
    for pattern, organ in SENDER_PATTERNS:
        if pattern.fullmatch(match_text):
            place = next(iter(gazetteer().find(rest[:60])), None)
            org = place.org if place and place.start < 20 else home
            if org is not None and organ in ORGANS.get(org.kind, {}):
                return org, organ
    return None


def _letterhead(head: Sequence[Line]) -> tuple[Organisation | None, set[int]]:
    """The sender's letterhead and the address block's lines.

    An organisation line followed closely by contact lines (telephone, web,
    KvK, IBAN) is the letterhead; other organisation lines at the top are the
    addressee's address block.
    """
    org_lines = [
        (index, match.org)
        for index, line in enumerate(head[:25])
        if (match := next(iter(gazetteer().find(line.text)), None)) and match.form == "full" and match.start == 0
    ]
    contacts = [i for i, line in enumerate(head[:25]) if CONTACT_LINE.match(line.text)]
    letterhead: Organisation | None = None
    if contacts:
        preceding = [(i, org) for i, org in org_lines if i < contacts[0] and contacts[0] - i <= 8]
        if preceding:
            letterhead = preceding[-1][1]
    address = {head[i].start for i, org in org_lines if org != letterhead}
    return letterhead, address


def _home(text: str, closing: Sequence[Line], head: Sequence[Line], headings: Sequence[Line]) -> Organisation | None:
    """The organisation the document comes from: its signature, else its
    letterhead, else the organisation its text (and title) clearly speaks for."""
    for line in closing:
        for pattern, _ in SENDER_PATTERNS:
            found = pattern.search(line.text)
            if found and (place := next(iter(gazetteer().find(line.text[found.end() : found.end() + 60])), None)):
                return place.org
    letterhead, address = _letterhead(head)
    if letterhead:
        return letterhead
    wanted = "provincie" if PROVINCIE_WORDS.search(text) and not GEMEENTE_WORDS.search(text) else "gemeente"
    votes: Counter[str] = Counter()
    orgs: dict[str, Organisation] = {}
    address_ends = {start: text.find("\n", start) for start in address}
    for match in gazetteer().find(text):
        if match.org.kind != wanted or any(a <= match.start < e for a, e in address_ends.items()):
            continue
        orgs[match.org.code] = match.org
        in_title = any(h.start <= match.start < h.start + len(h.text) for h in headings)
        votes[match.org.code] += _TITLE_WEIGHT if in_title else _FORM_WEIGHT[match.form]
    ranked = votes.most_common(2) + [("", 0), ("", 0)]
    (best, count), (_, runner_up) = ranked[0], ranked[1]
    return orgs[best] if count >= _HOME_MIN_VOTES and count >= 2 * runner_up else None


def _publisher(lines: Sequence[Line]) -> tuple[Organisation, Line] | None:
    """"Uitgave: Ministerie van BZK", "Uitgave van provincie Overijssel"."""
    for line in lines:
        found = PUBLISHER.match(line.text)
        if found and (org := next(iter(gazetteer().find(line.text[found.end() :])), None)):
            return org.org, line
    return None


def _signatories(closing: Sequence[Line]) -> list[Signatory]:
    """Pair roles and names in the signature: 'J.C. Berends, voorzitter' on one
    line, 'de secretaris, de burgemeester,' over '(E.A. Smit) (R.W. Bleker)', or
    role and name on alternating lines."""
    tokens: list[tuple[str, str, Line]] = []
    signatories: list[Signatory] = []
    for line in closing:
        if any(pattern.search(line.text) for pattern, _ in SENDER_PATTERNS):
            continue  # "Burgemeester en wethouders van X" names the sender, not a signatory's role
        roles = [(m.start(), "role", m["role"]) for m in ROLE.finditer(line.text)]
        names = [(m.start(), "name", m["name"]) for m in PERSON_NAME.finditer(line.text)]
        if len(roles) == 1 and len(names) == 1:
            signatories.append(Signatory(name=_person_name(names[0][2]), role=_role(roles[0][2]), line=line))
            continue
        tokens += [(kind, value, line) for _, kind, value in sorted(roles + names)]
    index = 0
    while index < len(tokens):
        roles = []
        while index < len(tokens) and tokens[index][0] == "role":
            roles.append(tokens[index])
            index += 1
        names = []
        while index < len(tokens) and tokens[index][0] == "name":
            names.append(tokens[index])
            index += 1
        # Roles nearest the names belong to them ("Hoogachtend, de burgemeester, / (A. B)").
        for (_, role, _), (_, name, line) in zip(roles[-len(names) :] if names else [], names):
            signatories.append(Signatory(name=_person_name(name), role=_role(role), line=line))
        if not roles and not names:
            index += 1
    return signatories


def _person_name(name: str) -> str:
    """'A.P. HEIDEMA' → 'A.P. Heidema', so one person is one node across letters."""
    name = re.sub(r"\.\s+(?=[A-Z]\.)", ".", " ".join(name.split()))
    return re.sub(r"\b([A-Z])([A-Z'’\-]{2,})\b", lambda m: m[1] + m[2].lower(), name)


def _role(role: str) -> str:
    return re.sub(r"\s+", " ", role.lower()).replace("loco secretaris", "loco-secretaris")


def person_entity(name: str) -> Entity:
    return Entity(key=f"person/{slug(name)}", kind=Kind.PERSON, label=name, classes=frozenset({"foaf:Person"}))


def _addressee(head: Sequence[Line], home: Organisation | None) -> tuple[Organisation, str, Line] | None:
    for index, line in enumerate(head):
        for pattern, organ in SALUTATIONS:
            if not pattern.match(line.text):
                continue
            # "Aan de gemeenteraad van Hardenberg": the place the line names; else the document's
            # home; else ("Geacht college", a waterschap writing to a raad) the organisation in the address block.
            wanted = organ or "college"
            named = next((m.org for m in gazetteer().find(line.text) if wanted in ORGANS.get(m.org.kind, {})), None)
            if named is not None:
                return named, wanted, line
            if organ is not None and home is not None and organ in ORGANS.get(home.kind, {}):
                return home, organ, line
            for earlier in head[:index]:
                found: BodyMatch | None = next(iter(gazetteer().find(earlier.text)), None)
                if found and found.form == "full" and found.org != home and wanted in ORGANS.get(found.org.kind, {}):
                    return found.org, wanted, line
            return None
    return None


def _title(head: Sequence[Line], heading: Sequence[Line]) -> str | None:
    """"Onderwerp: …" of a letter, else the document's opening heading lines."""
    for line in head:
        subject = ONDERWERP.match(line.text)
        if subject:
            return subject["title"].strip()
    if not heading:
        return None
    title = _spaced_out(heading[0].text)
    if len(heading) > 1 and heading[1].start == head[1].start and not DATE_FIELD.match(heading[1].text):
        title = f"{title} {heading[1].text}"
    return title[:200]


def _opening_headings(head: Sequence[Line], spans: Sequence[Span]) -> list[Line]:
    """Title-like lines before the body starts: headings up to the first
    sentence or salutation (a letter's body is no place for its type)."""
    headings = []
    for line in head[:8]:
        span = _span_at(spans, line.start)
        if LETTER_OPENING.match(line.text) or (span and span.kind != "heading" and headings):
            break
        if span and (span.kind == "heading" or (not headings and len(line.text) <= 100 and line.text[-1] not in ".,")):
            headings.append(line)
    return headings


def read_metadata(text: str, spans: Sequence[Span], document_key: str) -> Metadata:
    """Everything the document says about itself."""
    lines = _lines(text)
    head = lines[:_HEAD_LINES]
    closing_start = next(
        (i for i in range(max(0, len(lines) - _TAIL_LINES), len(lines)) if CLOSINGS.match(lines[i].text)), None
    )
    closing = lines[closing_start:] if closing_start is not None else []
    headings = _opening_headings(head, spans)
    home = _home(text, closing, head, headings)
    entities: list[Entity] = []
    statements: list[Statement] = []

    def state(predicate: str, obj: object, kind: ObjectKind, line: Line | None, rule: str) -> None:
        evidence = _evidence(spans, line.start, rule) if line else None
        statements.append(Statement(document_key, predicate, obj, kind, evidence))  # type: ignore[arg-type]

    def add_organ(org: Organisation, organ: str) -> str:
        organ_node = organ_entity(org, organ)
        entities.extend((organ_node, organisation_entity(org)))
        statements.append(Statement(organ_node.key, "bg:organOf", organisation_entity(org).key))
        return organ_node.key

    # Sender: a signature or closing line naming an organ, else "wij" as the college.
    sender: tuple[str, str] | None = None
    for line in closing:
        for pattern, _ in SENDER_PATTERNS:
            found = pattern.search(line.text)
            if found and (organ := _organ_at(found.group(), line.text[found.end() :], home)):
                sender = (add_organ(*organ), organ[1])
                state("dcterms:creator", sender[0], ObjectKind.ENTITY, line, "sender-signature")
                break
        if sender:
            break
    if sender is None and home is not None and (we := WE_ARE_COLLEGE.search(text)):
        organ = "college" if home.kind == "gemeente" else "gs" if home.kind == "provincie" else None
        if organ:
            sender = (add_organ(home, organ), organ)
            line = next((ln for ln in lines if ln.start <= we.start() < ln.start + len(ln.text) + 1), None)
            state("dcterms:creator", sender[0], ObjectKind.ENTITY, line, "sender-we-college")

    addressed = _addressee(head, home)
    if addressed:
        org, organ, line = addressed
        state("bg:addressee", add_organ(org, organ), ObjectKind.ENTITY, line, "addressee-salutation")

    dated = _letter_date(head)
    if dated:
        state("dcterms:date", dated[0], ObjectKind.LITERAL, dated[1], "letter-date")

    for signatory in _signatories(closing):
        person = person_entity(signatory.name)
        entities.append(person)
        statements.append(Statement(person.key, "bg:role", signatory.role, ObjectKind.LITERAL))
        state("bg:signedBy", person.key, ObjectKind.ENTITY, signatory.line, "signature")

    if sender is None:
        # "Besluitenlijst B&W-vergadering", "Vergadering van de gemeenteraad van Haarlem":
        # the organ the title names, of the place it names or else of the document's home.
        for line in dict.fromkeys([*headings[:2], *head[:4]]):
            found = next((o for p, o in TITLE_SENDERS if p.search(line.text)), None)
            place = next(iter(gazetteer().find(line.text)), None)
            org = place.org if place else home
            if found and org is not None and found in ORGANS.get(org.kind, {}):
                home = home or org
                sender = (add_organ(org, found), found)
                state("dcterms:creator", sender[0], ObjectKind.ENTITY, line, "sender-title")
                break

    if sender is None:
        publisher = _publisher(lines[:_HEAD_LINES * 2])
        if publisher:
            org, line = publisher
            entities.append(organisation_entity(org))
            sender = (organisation_entity(org).key, "organisation")
            state("dcterms:creator", sender[0], ObjectKind.ENTITY, line, "sender-publisher")
    if sender is None:
        letterhead, _ = _letterhead(head)
        if letterhead:
            line = next(ln for ln in head if next(iter(gazetteer().find(ln.text)), None))
            entities.append(organisation_entity(letterhead))
            sender = (organisation_entity(letterhead).key, "organisation")
            state("dcterms:creator", sender[0], ObjectKind.ENTITY, line, "sender-letterhead")

    is_letter = any(LETTER_OPENING.match(line.text) for line in head[:25])
    typed = detect_type(headings)
    if typed:
        doc_type, line = typed
        state("rdf:type", f"bg:{doc_type.cls}", ObjectKind.TERM, line, "type-title")
        state("bg:documentType", f"dt:{doc_type.concept}", ObjectKind.TERM, line, "type-title")
    elif is_letter:
        salutation = next(line for line in head[:25] if LETTER_OPENING.match(line.text))
        concept, cls = "brief", "Brief"
        if addressed and sender:
            if addressed[1] == "raad" and sender[1] == "college":
                concept, cls = "raadsinformatiebrief", "Raadsinformatiebrief"
            elif addressed[1] == "staten" and sender[1] == "gs":
                concept, cls = "statenbrief", "Statenbrief"
        state("rdf:type", f"bg:{cls}", ObjectKind.TERM, salutation, f"type-letter-{concept}")
        state("bg:documentType", f"dt:{concept}", ObjectKind.TERM, salutation, f"type-letter-{concept}")

    title = _title(head, headings)
    if title:
        statements.append(Statement(document_key, "dcterms:title", title, ObjectKind.LITERAL))
    types = [s.object for s in statements if s.subject == document_key and s.predicate == "rdf:type"]
    return Metadata(
        title=title,
        date=dated[0] if dated else None,
        home=home,
        sender=sender[0] if sender else None,
        addressee=statements_about(statements, document_key, "bg:addressee"),
        doc_class=str(types[0]).removeprefix("bg:") if types else None,
        entities=tuple(entities),
        statements=tuple(statements),
    )


def statements_about(statements: Sequence[Statement], subject: str, predicate: str) -> str | None:
    return next((str(s.object) for s in statements if s.subject == subject and s.predicate == predicate), None)
