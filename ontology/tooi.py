"""Reference data on Dutch government organisations, from the TOOI lists.

The package ships `reference/organisations.json`, written by `build()` from
the government's TOOI value lists (Thesaurus en Ontologie
Overheidsinformatie, https://identifier.overheid.nl/tooi/): every gemeente
(current and merged away, with its successors), provincie, waterschap,
ministerie and a few other bodies, each with its TOOI identifier.

Regenerate with ``python -m beleidsgraaf.ontology.tooi PATH/TO/tooi``.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_FILE = Path(__file__).with_name("reference") / "organisations.json"
_ONT = "https://identifier.overheid.nl/tooi/def/ont/"
_PROV = "http://www.w3.org/ns/prov#"
_LISTS = {
    "gemeente": "rwc_gemeenten_compleet_4.json",
    "provincie": "rwc_provincies_compleet_1.json",
    "waterschap": "rwc_waterschappen_compleet_2.json",
    "ministerie": "rwc_ministeries_compleet_1.json",
    "overig": "rwc_overige_overheidsorganisaties_compleet_3.json",
    "caribisch": "rwc_caribische_openbare_lichamen_compleet_1.json",
}


@dataclass(frozen=True)
class Organisation:
    code: str  # TOOI organisatiecode: gm0153, pv23, ws0663, mnre1034, …
    kind: str  # a key of _LISTS
    name: str  # preferred name without the kind ("Enschede", "Vechtstromen")
    full_name: str  # preferred name with the kind ("gemeente Enschede")
    official_name: str
    iri: str
    abbreviation: str | None = None
    cbs_code: str | None = None
    province: str | None = None  # organisatiecode of the provincie, for gemeenten
    end: str | None = None  # ISO date after which it no longer exists
    successors: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.end is None


def _value(entry: dict, key: str) -> str | None:
    values = entry.get(_ONT + key) or entry.get(key)
    if not values:
        return None
    first = values[0]
    return first.get("@value") or first.get("@id")


def _ids(entry: dict, key: str) -> list[str]:
    return [v["@id"] for v in entry.get(_PROV + key, [])]


def build(tooi_dir: Path) -> list[Organisation]:
    """Read the TOOI JSON-LD lists into `Organisation`s, mergers resolved."""
    organisations: list[Organisation] = []
    for kind, file_name in _LISTS.items():
        entries = json.loads((tooi_dir / file_name).read_text(encoding="utf-8"))
        successors: dict[str, set[str]] = defaultdict(set)
        for event in entries:
            for old in _ids(event, "invalidated"):
                successors[old] |= {new for new in _ids(event, "generated") + _ids(event, "used") if new != old}
        by_iri = {e["@id"]: _value(e, "organisatiecode") for e in entries}
        for entry in entries:
            code = _value(entry, "organisatiecode")
            if not code or any("HistorischeVersie" in t for t in entry["@type"]):
                continue
            name = _value(entry, "voorkeursnaamExclSoort") or _value(entry, "officieleNaamExclSoort") or code
            province = _value(entry, "ligtInProvincie")
            organisations.append(
                Organisation(
                    code=code,
                    kind=kind,
                    name=name,
                    full_name=_value(entry, "voorkeursnaamInclSoort") or name,
                    official_name=_value(entry, "officieleNaamExclSoort") or name,
                    iri=entry["@id"],
                    abbreviation=_value(entry, "afkorting"),
                    cbs_code=_value(entry, "gemeentecode") or _value(entry, "provinciecode") or _value(entry, "waterschapscode"),
                    province=province.rsplit("/", 1)[-1] if province else None,
                    end=_value(entry, "einddatum"),
                    successors=tuple(sorted(by_iri[s] for s in successors.get(entry["@id"], ()) if by_iri.get(s))),
                )
            )
    return sorted(organisations, key=lambda o: (o.kind, o.code))


def write(organisations: list[Organisation], path: Path = REFERENCE_FILE) -> None:
    payload = {
        "source": "TOOI value lists (https://identifier.overheid.nl/tooi/), files: " + ", ".join(_LISTS.values()),
        "organisations": [{k: v for k, v in vars(o).items() if v not in (None, ())} for o in organisations],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


@cache
def organisations() -> tuple[Organisation, ...]:
    """The shipped reference list."""
    payload = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return tuple(
        Organisation(**{**entry, "successors": tuple(entry.get("successors", ()))}) for entry in payload["organisations"]
    )


@cache
def by_code() -> dict[str, Organisation]:
    return {o.code: o for o in organisations()}


if __name__ == "__main__":
    write(build(Path(sys.argv[1])))
    print(f"wrote {REFERENCE_FILE}")
