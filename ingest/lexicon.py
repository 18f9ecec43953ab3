"""Word lists the extraction rules use: what a head noun says a thing is,
which noun phrases are transparent, which document types belong to a gemeente.

These are data, not code: extend a table to teach the rules a new word.
"""
from __future__ import annotations

# Head nouns (a name's last word, or the end of its last compound) → class.
# A defined abbreviation makes a name a bg:Project whatever its head
# (the contract: ROS, RSIA, SHE and NPVR are programmes).
BODY_HEADS = {
    "overleg": "Overlegorgaan", "raad": "Overlegorgaan", "platform": "Overlegorgaan", "regio": "Overlegorgaan",
    "commissie": "Commissie", "fractie": "Fractie", "bestuur": "Body", "college": "College",
    "ministerie": "Ministerie", "dienst": "Body", "agentschap": "Body", "bureau": "Body",
    "bank": "Body", "vereniging": "Body", "stichting": "Body", "fonds": "Body", "coöperatie": "Body",
    "brigade": "Body", "centrale": "Body", "organisatie": "Body", "team": "Body", "instituut": "Body",
    "autoriteit": "Body", "inspectie": "Body", "stembureau": "Body", "werkorganisatie": "Body", "kamer": "Body",
    "veiligheidsregio": "Body", "omgevingsdienst": "Body", "gemeenschappelijke regeling": "Body",
}  # fmt: skip
DOCUMENT_HEADS = {
    "omgevingsvisie": "Omgevingsvisie", "structuurvisie": "Omgevingsvisie", "visie": "Visie",
    "toekomstvisie": "Visie", "perspectief": "Visie", "toekomstbeeld": "Visie", "ontwikkelperspectief": "Visie",
    "strategie": "Strategie", "agenda": "Agenda", "paper": "PositionPaper", "plan": "PlanVanAanpak",
    "aanpak": "PlanVanAanpak", "opdracht": "PlanVanAanpak", "notitie": "Nota", "nota": "Nota",
    "memo": "Nota", "brief": "Brief", "rapport": "Rapport", "rapportage": "Rapport", "verslag": "Verslag",
    "verordening": "Omgevingsverordening", "begroting": "Begroting", "kader": "Document",
    "beleidskader": "Document", "akkoord": "Document", "convenant": "Document", "besluit": "Document",
    "voorstel": "Raadsvoorstel", "raadsvoorstel": "Raadsvoorstel", "statenvoorstel": "Statenvoorstel",
    "uitvoeringsprogramma": "Programma", "omgevingsprogramma": "Programma", "uitwerking": "Document",
    "deelproduct": "Document", "product": "Document", "handreiking": "Document", "regeling": "Beleidsregel",
    "beleid": "Document", "beleidsplan": "Document", "fundament": "Document", "onderzoek": "Rapport",
    "studie": "Rapport", "analyse": "Rapport", "evaluatie": "Rapport", "verkenning": "Rapport", "advies": "Rapport",
    "monitor": "Rapport", "effectrapportage": "Rapport", "inventarisatie": "Rapport",
}  # fmt: skip
PROJECT_HEADS = {
    "programma": "Project", "project": "Project", "traject": "Project", "spoorzone": "Project", "deal": "Project",
    "gebiedsontwikkeling": "Project", "ontwikkeling": "Project", "opgave": "Project", "samenwerking": "Project",
}  # fmt: skip

# Type nouns that, written alone ("de omgevingsvisie", "een uitvoeringsagenda"),
# still name one document: the bare noun, the class it gets, and who owns it
# when nothing qualifies it ("home": the letter's own gemeente or provincie;
# "topic": the project the letter is about).
GENERIC_DOCUMENTS: dict[str, tuple[str, str]] = {
    "omgevingsvisie": ("Omgevingsvisie", "home"), "toekomstvisie": ("Visie", "home"),
    "structuurvisie": ("Omgevingsvisie", "home"), "woonvisie": ("Visie", "home"),
    "omgevingsplan": ("Document", "home"), "omgevingsverordening": ("Omgevingsverordening", "home"),
    "coalitieakkoord": ("Document", "home"), "begroting": ("Begroting", "home"),
    "plan van aanpak": ("PlanVanAanpak", "topic"), "uitvoeringsagenda": ("Agenda", "topic"),
    "investeringsagenda": ("Agenda", "topic"), "uitvoeringsprogramma": ("Programma", "topic"),
    "ontwikkelperspectief": ("Visie", "topic"), "bestuurlijke opdracht": ("PlanVanAanpak", "topic"),
    "contourennotitie": ("Nota", "topic"), "position paper": ("PositionPaper", "topic"),
    "ontwikkelstrategie": ("Strategie", "topic"), "verstedelijkingsstrategie": ("Strategie", "topic"),
    "gebiedsvisie": ("Visie", "topic"), "investeringsstrategie": ("Strategie", "topic"),
}  # fmt: skip

# "de eindversie van X" is about X for relations: the phrase stands for X.
TRANSPARENT_NOUNS = (
    "eindversie", "versie", "actualisatie", "herziening", "toekomstbeeld", "uitwerking", "concept",
    "ontwerp", "vaststelling", "start", "basis", "kern", "ambitie", "ambities", "doelen", "plannen", "resultaat",
    "inzet", "uitvoering", "totstandkoming",
)  # fmt: skip

# "dit document", "dit gebied": the noun after a demonstrative, and the kinds it may point back to.
ANAPHOR_NOUNS = {
    "document": ("document",), "stuk": ("document",), "plan": ("document", "project"), "visie": ("document",),
    "gebied": ("project",), "traject": ("project",), "project": ("project",), "programma": ("project",),
    "proces": ("project",), "strategie": ("project", "document"), "agenda": ("document", "project"),
}  # fmt: skip

# Words a subject line or heading starts with that are not part of the name after them
# ("Onderwerp: Vaststellen Mobiliteitsvisie Zwolle 2040" names the Mobiliteitsvisie Zwolle 2040).
SUBJECT_WORDS = {
    "vaststellen", "vaststelling", "voortgang", "aanbieding", "aanbieden", "beantwoording", "informatie",
    "instemmen", "instemming", "toezending", "verzending", "evaluatie", "stand", "terugkoppeling", "reactie",
    "zienswijze", "vrijgeven", "vrijgave", "kennisname", "wijzigen", "wijziging", "verlengen", "verlenging",
}  # fmt: skip

# Words that join a name's capitalised words ("Nationaal Programma Vitale Regio's",
# "Bestuurlijk Overleg Sociaal-economische Structuurversterking").
NAME_CONNECTORS = {"van", "voor", "en", "de", "het", "der", "den", "op", "tot", "in", "aan", "'s", "&"}

# Kind of organ that adopts a kind of document ("vastgesteld op 4 maart 2024"):
# class of the document → organ of its gemeente (or provincie).
ADOPTED_BY = {"Omgevingsvisie": "raad", "Omgevingsverordening": "raad", "Begroting": "raad", "Raadsvoorstel": "raad",
              "Visie": "raad", "Statenvoorstel": "staten"}  # fmt: skip
