"""Decisions and meetings: who decided or met, when, and about what.

From prose ("In onze collegevergadering van 20 mei jl. hebben wij ingestemd
met het plan van aanpak", "Op 5 juni 2023 (23 mei 2023 in Hengelo) stelde u
dit document vast", "(vastgesteld op 4 maart 2024)", "(raadsbesluit 5 juni
2023)", "de stedelijke commissie van 2 december 2024", "Op 15 september staat
de ROS op de agenda van de stedelijke commissie") and from besluitenlijsten
(one decision per agenda item). Relative dates resolve against the letter's
date; "u" is the addressed body, "wij" the sending one.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from beleidsgraaf.ingest import lexicon
from beleidsgraaf.ingest.bodies import ORGANS, gazetteer
from beleidsgraaf.ingest.dates import DateMatch, find_dates
from beleidsgraaf.ingest.entities import Mention, Resolver
from beleidsgraaf.ingest.model import Entity, Evidence, Kind, ObjectKind, Span, Statement
from beleidsgraaf.ontology.iris import short_hash
from beleidsgraaf.ontology.tooi import by_code

# Decisions told in prose are in the past: "stelde u vast", "hebben wij ingestemd".
# (An infinitive, "ter vaststelling", "zal worden vastgesteld" is a plan, not a decision.)
DECISION_VERBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:stelde|stelden)\b.*\bvast\b|\bvastgesteld\b", re.I), "vaststellen"),
    (re.compile(r"\bingestemd\b|\b(?:stemde|stemden)\s+(?:\w+\s+)?in\b", re.I), "instemmen"),
    (re.compile(r"\baangenomen\b|\bnamen?\b.*\baan\b", re.I), "aannemen"),
    (re.compile(r"\bverworpen\b|\bverwierpen?\b", re.I), "verwerpen"),
    (re.compile(r"\bkennis\s+genomen\b", re.I), "kennisnemen"),
    (re.compile(r"\bvrijgegeven\b|\b(?:gaf|gaven)\b.*\bvrij\b", re.I), "vrijgeven"),
    (re.compile(r"\bbesloten\b|\bbesloot\b", re.I), "besluiten"),
)  # fmt: skip
_NOT_YET = re.compile(r"\b(?:zal|zullen|wordt|worden|gaat|gaan|kan|kunnen|moet|moeten)\b(?:\s+\w+){0,4}\s+$", re.I)
# A besluitenlijst writes its decisions as infinitives: "… vast te stellen".
# … or in the present tense: "Het college stemt in met …", "Conform advies vastgesteld".
# The first row that matches wins, so refusals come before the verbs they negate.
LIST_DECISION_VERBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bniet\s+in\s+te\s+stemmen\b|\baf\s+te\s+wijzen\b|\b(?:stemt|stemmen)\s+niet\s+in\b|\bwijst\s+(?:\w+\s+){0,3}?af\b|\bverworpen\b|\bafgewezen\b", re.I), "verwerpen"),
    (re.compile(r"\baangenomen\b|\baan\s+te\s+nemen\b", re.I), "aannemen"),
    (re.compile(r"\b(?:raad|staten)\s+(?:\w+\s+){0,3}?voor\s+te\s+stellen\b|\blegt\s+(?:\w+\s+){0,4}?voor\s+aan\s+de\s+(?:raad|staten)\b", re.I), "voorstellen"),
    (re.compile(r"\bvast\s+te\s+stellen\b|\b(?:stelt|stellen)\s+(?:\w+\s+){0,6}?vast\b|\bvastgesteld\b", re.I), "vaststellen"),
    (re.compile(r"\bin\s+te\s+stemmen\b|\b(?:stemt|stemmen)\s+(?:\w+\s+){0,2}?in\s+met\b|\bakkoord\b", re.I), "instemmen"),
    (re.compile(r"\bkennis\s+te\s+nemen\b|\b(?:neemt|nemen)\s+kennis\b", re.I), "kennisnemen"),
    (re.compile(r"\bvrij\s+te\s+geven\b|\b(?:geeft|geven)\s+(?:\w+\s+){0,4}?vrij\b|\bvrijgegeven\b", re.I), "vrijgeven"),
    (re.compile(r"\bte\s+(?:verlenen|verstrekken|toe\s+te\s+kennen)\b|\btoe\s+te\s+kennen\b|\b(?:verleent|verstrekt)\b|\bkent\s+(?:\w+\s+){0,4}?toe\b", re.I), "toestemmen"),
)  # fmt: skip
_NEGATION = re.compile(r"\b(?:niet|geen)\b", re.I)
_WE = re.compile(r"\b(?:wij|we|ons|onze)\b", re.I)
_YOU = re.compile(r"\b(?:u|uw)\b", re.I)
# "(vastgesteld op 4 maart 2024)", "(vastgesteld door de raad op 12 maart 2024)"
_ADOPTED_ON = re.compile(r"\(\s*(?:vastgesteld|aangenomen)\s+(?:door\s+[^()]*?\s+)?(?:op|in|d\.d\.)\s+([^)]+)\)", re.I)
_COUNCIL_DECISION = re.compile(r"\((?:raadsbesluit|statenbesluit|collegebesluit|besluit)\s+(?:van\s+|d\.d\.\s+)?([^)]+)\)", re.I)
_DATE_IN_PLACE = re.compile(r"\(([^()]*?\d{4})\s+in\s+([A-Z][\w'’-]+)\)")
_MEETING_OF = re.compile(r"\s+(?:van|op|d\.d\.)\s+(?=\d)")
_MEETING_VERBS = r"bespreekt|bespreken|besprak|bespraken|vergadert|vergaderen|vergaderde|vergaderden|behandelt|behandelen"
_MEETING_CUE = re.compile(
    rf"\b(?:op\s+de\s+agenda|geagendeerd|besproken|bijgepraat|vergadering|bijeenkomst|behandeld|gesproken|toegelicht|{_MEETING_VERBS})\b", re.I
)
# The body a meeting is in, on or of, or the one that meets: "bespreekt de commissie", "de commissie vergadert".
_HOST = re.compile(rf"\b(?:in|van|voor|tijdens|bij|agenda\s+van|{_MEETING_VERBS})\s+(?:(?:de|het)\s+)?$", re.I)
_HOST_MEETS = re.compile(rf"^\s+(?:{_MEETING_VERBS})\b", re.I)
_ORGAN_MEETING = re.compile(r"\b(?P<organ>college|raads|staten|commissie)vergadering\s+(?:van|op|d\.d\.)\s+", re.I)
_VERSLAG_OF = re.compile(r"^(?:verslag|notulen|besluitenlijst)\s+(?:van\s+(?:het|de)\s+)?(.{3,80}?)(?:\s+(?:van|d\.d\.|op)\s+\d.*)?$", re.I)
_ITEM = re.compile(r"^(?:\d+(?:\.[a-z0-9]+)*\.?)\s+(?P<title>.+)$")
_DECISION_FIELD = re.compile(r"^besluit\s*:?\s*(?P<text>.*)$", re.I)


@dataclass(frozen=True)
class Context:
    """What the events rules need to know about the letter."""

    document_key: str
    date: dt.date | None
    sender: str | None
    addressee: str | None
    doc_class: str | None


class EventReader:
    def __init__(self, resolver: Resolver, context: Context) -> None:
        self.resolver = resolver
        self.context = context
        self.entities: list[Entity] = []
        self.statements: list[Statement] = []

    # --- helpers -------------------------------------------------------------

    def _evidence(self, span: Span, rule: str) -> Evidence:
        return Evidence(page=span.page, quote=span.text, rule=rule, ocr=span.ocr)

    def _label(self, key: str) -> str:
        return self.resolver.record(key).label if key in self.resolver.records else key

    def decision(self, body: str, date: dt.date | None, about: str | None, kind: str, span: Span, rule: str) -> str:
        key = f"decision/{short_hash(body, date, about, kind)}"
        what = f" {self._label(about)}" if about else ""
        when = f" ({date.isoformat()})" if date else ""
        self.entities.append(Entity(key=key, kind=Kind.DECISION, label=f"{self._label(body)}: {kind}{what}{when}"))
        evidence = self._evidence(span, rule)
        facts: list[tuple[str, object, ObjectKind]] = [
            ("bg:decidedBy", body, ObjectKind.ENTITY),
            ("bg:decisionKind", f"bg:{kind}", ObjectKind.TERM),
            ("bg:reportedIn", self.context.document_key, ObjectKind.ENTITY),
        ]
        if date:
            facts.append(("bg:decisionDate", date, ObjectKind.LITERAL))
        if about:
            facts.append(("bg:about", about, ObjectKind.ENTITY))
        self.statements += [Statement(key, p, o, k, evidence) for p, o, k in facts]  # type: ignore[arg-type]
        return key

    def meeting(self, body: str, date: dt.date | None, topics: Sequence[str], span: Span, rule: str) -> str:
        key = f"meeting/{short_hash(body, date)}"
        when = f" {date.isoformat()}" if date else ""
        self.entities.append(Entity(key=key, kind=Kind.MEETING, label=f"vergadering {self._label(body)}{when}"))
        evidence = self._evidence(span, rule)
        self.statements.append(Statement(key, "bg:heldBy", body, ObjectKind.ENTITY, evidence))
        if date:
            self.statements.append(Statement(key, "bg:date", date, ObjectKind.LITERAL, evidence))
        for topic in topics:
            self.statements.append(Statement(key, "bg:discusses", topic, ObjectKind.ENTITY, evidence))
        return key

    def _dates(self, text: str) -> list[DateMatch]:
        return sorted(find_dates(text, self.context.date), key=lambda d: d.start)

    def _actor(self, text: str, mentions: Sequence[Mention], before: int) -> str | None:
        """Who acts: a body named before the verb, else 'wij' (sender) or 'u' (addressee)."""
        bracketed = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
        bodies = [
            m
            for m in mentions
            if m.kind is Kind.BODY and m.start < before and is_organ(m.key) and not any(a <= m.start < b for a, b in bracketed)
            and not re.search(r"\bsamen\s+met\s+(?:de|het)?\s*$", text[: m.start], re.I)
        ]
        if bodies:
            return bodies[-1].key
        if _WE.search(text[:before]) or re.search(r"\bcollegevergadering\b", text, re.I):
            return self.context.sender
        if _YOU.search(text):
            return self.context.addressee
        return None

    # --- rules -----------------------------------------------------------------

    def sentence(self, span: Span, mentions: Sequence[Mention]) -> None:
        things = [m for m in mentions if m.kind in (Kind.DOCUMENT, Kind.PROJECT)]
        self._adopted_on(span, mentions, things)
        self._council_decision(span, things)
        self._prose_decision(span, mentions, things)
        self._meetings(span, mentions, things)

    def _adopted_on(self, span: Span, mentions: Sequence[Mention], things: Sequence[Mention]) -> None:
        """'de omgevingsvisie Enschede (vastgesteld op 4 maart 2024)', '(vastgesteld door de raad op …)'."""
        for match in _ADOPTED_ON.finditer(span.text):
            dates = self._dates(match.group(1))
            target = next((m for m in reversed(things) if m.end <= match.start()), None)
            if not dates or target is None:
                continue
            named = [m for m in mentions if m.kind is Kind.BODY and is_organ(m.key) and match.start() < m.start < match.end()]
            body = named[0].key if named else self._adopter(target.key)
            if body:
                self.decision(body, dates[0].date, target.key, "vaststellen", span, "decision-vastgesteld-op")

    def _adopter(self, document: str) -> str | None:
        """The organ that adopts a document of this kind, of the document's own gemeente."""
        classes = self.resolver.record(document).classes
        organ = next((lexicon.ADOPTED_BY[c] for c in classes if c in lexicon.ADOPTED_BY), None)
        org = by_code().get(document.rsplit("/", 1)[-1]) or self.resolver.home
        if organ and org and organ in ORGANS.get(org.kind, {}):
            return self.resolver.organ(org, organ)
        return self.context.addressee

    def _council_decision(self, span: Span, things: Sequence[Mention]) -> None:
        """'“… Yes SHE Can!” (raadsbesluit 5 juni 2023)'."""
        for match in _COUNCIL_DECISION.finditer(span.text):
            dates = self._dates(match.group(1))
            target = next((m for m in reversed(things) if m.end <= match.start()), None)
            word = span.text[match.start() + 1 : match.start() + 8].lower()
            organ = "staten" if word.startswith("staten") else "college" if word.startswith("college") else "raad"
            home = self.resolver.home
            if dates and target and home and organ in ORGANS.get(home.kind, {}):
                body = self.resolver.organ(home, organ)
                self.decision(body, dates[0].date, target.key, "vaststellen", span, "decision-raadsbesluit")

    def _prose_decision(self, span: Span, mentions: Sequence[Mention], things: Sequence[Mention]) -> None:
        text = span.text
        for pattern, kind in DECISION_VERBS:
            verb = pattern.search(text)
            if verb:
                break
        else:
            return
        if _NEGATION.search(text[max(0, verb.start() - 30) : verb.end()]) or "?" in text or _NOT_YET.search(text[: verb.start()]):
            return
        if kind == "besluiten":  # "heeft besloten de nota vast te stellen": the infinitive says what
            kind = next((k for p, k in LIST_DECISION_VERBS if p.search(text, verb.end())), kind)
        dates = [d for d in self._dates(_DATE_IN_PLACE.sub("", text)) if not _in_parenthesis_of(text, d)]
        actor = self._actor(text, mentions, verb.start())
        if actor is None:
            return
        after = [m for m in things if m.start >= verb.start()]
        target = (after or list(reversed([m for m in things if m.end <= verb.start()])) or [None])[0]
        # A decision needs something decided on, or at least a date to pin it down.
        if target is None and not dates or target is not None and not dates and kind not in ("vaststellen", "instemmen"):
            return
        date = dates[0].date if dates else None
        about = target.key if target else None
        self.decision(actor, date, about, kind, span, f"decision-{kind}")
        # "Het college heeft samen met het college van Lelystad besloten …": both decided.
        for partner in _partners(text, mentions, verb.start()):
            if partner != actor:
                self.decision(partner, date, about, kind, span, f"decision-{kind}-samen-met")
        # "(23 mei 2023 in Hengelo)": the same decision by the same organ of another gemeente.
        for match in _DATE_IN_PLACE.finditer(text):
            place = next(iter(gazetteer().find(match.group(2))), None)
            other = self._same_organ(actor, place.org.code) if place else None
            found = self._dates(match.group(1))
            if other and found:
                self.decision(other, found[0].date, about, kind, span, f"decision-{kind}-elders")

    def _same_organ(self, organ_key: str, code: str) -> str | None:
        organ = organ_key.rsplit("/", 1)[-1]
        org = by_code().get(code)
        if org is None or organ not in ORGANS.get(org.kind, {}):
            return None
        return self.resolver.organ(org, organ)

    def _meetings(self, span: Span, mentions: Sequence[Mention], things: Sequence[Mention]) -> None:
        text = span.text
        organs = [m for m in mentions if m.kind is Kind.BODY and is_organ(m.key)]
        held = False
        for mention in organs:
            # "de stedelijke commissie van 2 december 2024"
            tail = text[mention.end :]
            of = _MEETING_OF.match(tail)
            dates = self._dates(tail[of.end() : of.end() + 30]) if of else []
            if dates and dates[0].start == 0:
                self.meeting(mention.key, dates[0].date, [], span, "meeting-body-van-datum")
                held = True
        # "Op 19 september 2024 bent u bijgepraat in de Twenteraad over …": the body the
        # meeting is in, on, or of.
        hosts = [m for m in organs if _HOST.search(text[: m.start]) or _HOST_MEETS.match(text[m.end :])]
        dates = self._dates(text)
        if not held and hosts and _MEETING_CUE.search(text) and dates and (dates[0].explicit_year or self.context.date):
            host = hosts[0]
            topics = [m.key for m in things if m.start > host.end or m.end < host.start]
            self.meeting(host.key, dates[0].date, topics, span, "meeting-op-datum")
        for match in _ORGAN_MEETING.finditer(text):
            dates = self._dates(text[match.end() : match.end() + 30])
            body = self.context.sender if match["organ"].lower() == "college" else self.context.addressee
            if dates and body:
                self.meeting(body, dates[0].date, [m.key for m in things], span, "meeting-vergadering-van")

    def verslag(self, title: str | None, spans: Sequence[Span], mentions: Sequence[Sequence[Mention]]) -> None:
        """'Verslag bestuurlijk overleg ZSDZ' dated 20 maart 2024: the meeting the
        document reports, held by the body its title names."""
        if self.context.doc_class != "Verslag" or not title:
            return
        named = _VERSLAG_OF.match(title)
        dates = [d for span in spans[:6] for d in self._dates(span.text)]
        if not named or not dates:
            return
        body = self.resolver.body_named(named.group(1))
        topics = sorted({m.key for found in mentions for m in found if m.kind in (Kind.PROJECT, Kind.DOCUMENT)})
        self.meeting(body, dates[0].date, topics, spans[0], "verslag-vergadering")

    def besluitenlijst(self, spans: Sequence[Span], mentions: Sequence[Sequence[Mention]]) -> None:
        """One decision per agenda item with a 'Besluit:' in a besluitenlijst."""
        if self.context.doc_class != "Besluitenlijst" or not self.context.sender:
            return
        meeting_topics: list[str] = []
        title: tuple[int, str] | None = None
        for index, span in enumerate(spans):
            item = _ITEM.match(span.text)
            if item and span.kind in ("heading", "item", "sentence") and len(span.text) < 200:
                title = (index, item["title"].rstrip(". "))
                continue
            field = _DECISION_FIELD.match(span.text)
            if field is None or title is None:
                if title is not None and not _ITEM.match(span.text) and not title[1].endswith((".", ":")):
                    title = (title[0], f"{title[1]} {span.text}")  # an item title wrapped onto the next line
                continue
            # The decision's own lines: up to the next agenda item.
            own = [spans[index]]
            for later in spans[index + 1 : index + 3]:
                if _ITEM.match(later.text):
                    break
                own.append(later)
            decided = " ".join(s.text for s in own)
            kind = next((k for p, k in LIST_DECISION_VERBS if p.search(decided)), "besluiten")
            about = self.resolver.part(title[1])
            meeting_topics.append(about)
            self.decision(self.context.sender, self.context.date, about, kind, spans[title[0]], "besluitenlijst-item")
            title = None
        if meeting_topics and spans:
            self.meeting(self.context.sender, self.context.date, meeting_topics, spans[0], "besluitenlijst-vergadering")


def is_organ(key: str) -> bool:
    """An organ that can decide (a raad, a college, a committee), not a whole organisation."""
    return key.startswith("body/") or (key.startswith("org/") and key.count("/") >= 2)


def _partners(text: str, mentions: Sequence[Mention], before: int) -> list[str]:
    """Organs named after 'samen met' before the verb, with those joined to them by 'en' or commas."""
    found = re.search(r"\bsamen\s+met\s+", text[:before], re.I)
    if not found:
        return []
    organs = [m for m in mentions if m.kind is Kind.BODY and is_organ(m.key) and found.end() <= m.start < before]
    partners = []
    for mention in organs:
        gap = text[found.end() : mention.start] if not partners else text[partners[-1][1] : mention.start]
        if not re.fullmatch(r"\s*(?:(?:,|en)\s*)?(?:(?:de|het)\s+)?", gap, re.I):
            break
        partners.append((mention.key, mention.end))
    return [key for key, _ in partners]


def _in_parenthesis_of(text: str, date: DateMatch) -> bool:
    return any(m.start() <= date.start < m.end() for m in _DATE_IN_PLACE.finditer(text))
