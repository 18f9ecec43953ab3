"""The saved queries: every one runs against a known graph (tests/data/known.trig) and gives
exactly the rows expected, on the embedded store and on a real `oxigraph serve` alike."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pyoxigraph import QuerySolutions

from beleidsgraaf import queries
from beleidsgraaf.cli.query_commands import short_term
from beleidsgraaf.errors import UsageError
from beleidsgraaf.graph.store import GraphStore, open_store
from tests.conftest import ROOT
from tests.known import load_known
from tests.servers import oxigraph_server

ROS, RSIA = "bgid:project/ros", "bgid:project/rsia"
AGENDA = "bgid:project/agenda-van-twente"
ENSCHEDE, LOSSER_COLLEGE = "bgid:org/gm0153", "bgid:org/gm0168/college"
RIB, PVA, BESLUITEN = "bgid:doc/aaaa", "bgid:doc/bbbb", "bgid:doc/cccc"
Q_SUCCEEDS = "De ROS Twente is een vervolg op de RSIA."
Q_BLOCK = "De Omgevingsvisie Enschede is een bouwsteen voor de ROS."
Q_INPUT = "Het Ontwikkelperspectief SHE levert input voor de ROS."
Q_PART = "SHE is een sleutelproject binnen de ROS."
Q_ALIGNS = "De ROS sluit aan op het NPVR."
Q_ABOUT = "Het college stemt in met het plan van aanpak ROS."
Q_AGENDA = "De RSIA volgde op de Agenda van Twente."
TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/"
_ = ""  # an unbound cell

# (query, parameters, rows). Names are given in other cases and forms than their labels on purpose.
CASES: list[tuple[str, dict[str, str], list[tuple[str, ...]]]] = [
    ("lineage", {"x": "ruimtelijke ontwikkelstrategie twente"},
     [("predecessor", AGENDA, "Agenda van Twente"), ("predecessor", RSIA, "RSIA")]),
    ("lineage", {"x": "rsia"}, [("predecessor", AGENDA, "Agenda van Twente"), ("successor", ROS, "ROS")]),
    ("lineage", {"x": "<https://w3id.org/beleidsgraaf/id/project/agenda-van-twente>"},
     [("successor", ROS, "ROS"), ("successor", RSIA, "RSIA")]),
    ("building-blocks", {"x": "ROS Twente"}, [
        ("bg:buildingBlockFor", "bgid:doc/omgevingsvisie-enschede", "Omgevingsvisie Enschede", RIB, "2", Q_BLOCK),
        ("bg:inputFor", "bgid:doc/ontwikkelperspectief-she", "Ontwikkelperspectief SHE", PVA, "3", Q_INPUT),
        ("bg:partOf", "bgid:project/she", "SHE", PVA, "3", Q_PART)]),
    ("decided-by", {"body": "Losser"}, [
        ("2024-12-01", "bgid:decision/cccc-3", "kennisnemen van de voortgang SHE", "kennisnemen", LOSSER_COLLEGE, "bgid:project/she", "SHE", BESLUITEN),
        ("2025-05-20", "bgid:decision/cccc-1", "instemmen met het plan van aanpak ROS", "instemmen", LOSSER_COLLEGE, ROS, "ROS", BESLUITEN)]),
    ("decided-by", {"body": "gemeente enschede", "from": "2025-07-10", "to": "2025-07-10"}, [
        ("2025-07-10", "bgid:decision/cccc-2", "vaststellen van de ROS", "vaststellen", "bgid:org/gm0153/raad", ROS, "ROS", BESLUITEN)]),
    ("decided-by", {"body": "college van Losser", "from": "2025-01-01"}, [
        ("2025-05-20", "bgid:decision/cccc-1", "instemmen met het plan van aanpak ROS", "instemmen", LOSSER_COLLEGE, ROS, "ROS", BESLUITEN)]),
    ("timeline", {"project": "ROS"}, [
        ("2025-05-01", "document", PVA, "plan-van-aanpak-ros.pdf", ENSCHEDE),
        ("2025-05-01", "document", PVA, "plan-van-aanpak-ros.pdf", "bgid:org/pv24"),
        ("2025-05-20", "decision", "bgid:decision/cccc-1", "instemmen met het plan van aanpak ROS", LOSSER_COLLEGE),
        ("2025-06-03", "document", RIB, "rib-ros.pdf", "bgid:org/gm0153/college"),
        ("2025-06-15", "meeting", "bgid:meeting/twenteraad-2025-06-15", "Twenteraad juni 2025", "bgid:org/twenteraad"),
        ("2025-07-10", "decision", "bgid:decision/cccc-2", "vaststellen van de ROS", "bgid:org/gm0153/raad")]),
    ("mentions", {"x": "ROS"}, [
        (BESLUITEN, "besluitenlijst-losser.pdf", "1", Q_ABOUT, "bg:about"),
        (PVA, "plan-van-aanpak-ros.pdf", "3", Q_INPUT, "bg:inputFor"),
        (PVA, "plan-van-aanpak-ros.pdf", "3", Q_PART, "bg:partOf"),
        (PVA, "plan-van-aanpak-ros.pdf", "4", Q_ALIGNS, "bg:alignsWith"),
        (RIB, "rib-ros.pdf", "1", Q_SUCCEEDS, "bg:succeeds"),
        (RIB, "rib-ros.pdf", "2", Q_BLOCK, "bg:buildingBlockFor")]),
    ("mentions", {"x": "Fietssnelweg F35"}, [(RIB, "rib-ros.pdf", "2", "Ook de Fietssnelweg F35 komt aan bod.", "bg:mentions")]),
    ("co-authors", {}, [
        (ENSCHEDE, "gemeente Enschede", "bgid:org/pv24", "Provincie Overijssel", "1"),
        (ENSCHEDE, "gemeente Enschede", LOSSER_COLLEGE, "college van burgemeester en wethouders van Losser", "1")]),
    ("references", {"letter": "RIB-ROS.PDF"}, [(PVA, "plan-van-aanpak-ros.pdf", "1", "Bijgevoegd vindt u het plan van aanpak.")]),
    ("references", {"letter": "plan van aanpak ros"}, []),
    ("connection", {"x": "SHE", "y": "ROS"}, [("1", "partOf →", _, _, _)]),
    ("connection", {"x": "SHE", "y": "Regionale Strategische Investeringsagenda"}, [("2", "partOf →", ROS, "ROS", "succeeds →")]),
    ("connection", {"x": "Enschede", "y": "ros"}, [("2", "← creator", PVA, "plan-van-aanpak-ros.pdf", "about →")]),
    ("shared-names", {}, [
        ("agenda-van-twente", "bgid:doc/agenda-van-twente", "agenda van Twente"),
        ("agenda-van-twente", AGENDA, "Agenda van Twente")]),
    ("loose-projects", {}, [("bgid:project/fietssnelweg-f35", "Fietssnelweg F35", RIB)]),
    ("gemeente", {"gemeente": "GM0153"}, [
        ("bgid:org/gm0153/college", "college van burgemeester en wethouders van Enschede", "gm0153", TOOI + "gm0153", "1", "0", "0"),
        (ENSCHEDE, "gemeente Enschede", "gm0153", TOOI + "gm0153", "2", "0", "0"),
        ("bgid:org/gm0153/raad", "gemeenteraad van Enschede", "gm0153", TOOI + "gm0153", "0", "1", "1")]),
    ("gemeente", {"gemeente": TOOI + "gm0168"}, [
        (LOSSER_COLLEGE, "college van burgemeester en wethouders van Losser", "gm0168", TOOI + "gm0168", "1", "0", "2"),
        ("bgid:org/gm0168", "gemeente Losser", "gm0168", TOOI + "gm0168", "0", "0", "0")]),
    ("added-since", {"since": "2025-06-04"}, [
        (RIB, "rib-ros.pdf", "2025-06-03", "2025-06-04T09:00:00"),
        (BESLUITEN, "besluitenlijst-losser.pdf", "2025-05-20", "2025-07-01T15:30:00")]),
    ("added-since", {"since": "2025-07-02"}, []),
    ("documents", {}, [
        (RIB, "rib-ros.pdf", "2025-06-03", "2", "bgid:org/gm0153/college", "college van burgemeester en wethouders van Enschede"),
        (BESLUITEN, "besluitenlijst-losser.pdf", "2025-05-20", "1", LOSSER_COLLEGE, "college van burgemeester en wethouders van Losser"),
        (BESLUITEN, "besluitenlijst-losser.pdf", "2025-05-20", "1", ENSCHEDE, "gemeente Enschede"),
        (PVA, "plan-van-aanpak-ros.pdf", "2025-05-01", "5", "bgid:org/pv24", "Provincie Overijssel"),
        (PVA, "plan-van-aanpak-ros.pdf", "2025-05-01", "5", ENSCHEDE, "gemeente Enschede")]),
    ("relations", {}, [
        ("Omgevingsvisie Enschede", "bg:buildingBlockFor", "ROS", RIB, "2", Q_BLOCK),
        ("Ontwikkelperspectief SHE", "bg:inputFor", "ROS", PVA, "3", Q_INPUT),
        ("ROS", "bg:alignsWith", "NPVR", PVA, "4", Q_ALIGNS),
        ("ROS", "bg:followedBy", "Uitvoeringsagenda", _, _, _),
        ("ROS", "bg:succeeds", "RSIA", RIB, "1", Q_SUCCEEDS),
        ("RSIA", "bg:succeeds", "Agenda van Twente", PVA, "1", Q_AGENDA),
        ("SHE", "bg:partOf", "ROS", PVA, "3", Q_PART),
        ("instemmen met het plan van aanpak ROS", "bg:about", "ROS", BESLUITEN, "1", Q_ABOUT),
        ("kennisnemen van de voortgang SHE", "bg:about", "SHE", _, _, _),
        ("plan-van-aanpak-ros.pdf", "bg:about", "ROS", _, _, _),
        ("vaststellen van de ROS", "bg:about", "ROS", _, _, _)]),
]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    with open_store(str(tmp_path_factory.mktemp("known") / "store")) as store:
        yield load_known(store)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url, open_store(url) as store:
        yield load_known(store)


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> GraphStore:
    return request.getfixturevalue(request.param)


def rows(store: GraphStore, name: str, params: dict[str, str]) -> list[tuple[str, ...]]:
    query = queries.saved(name)
    assert query is not None, name
    result = store.query(queries.bind(query, params))
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [tuple(short_term(row[n]) for n in names) for row in result]


def test_every_saved_query_is_checked() -> None:
    assert {q.name for q in queries.catalogue()} == {name for name, _, _ in CASES}
    assert len(queries.catalogue()) >= 12


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p, _ in CASES])
def test_saved_query_rows(store: GraphStore, name: str, params: dict[str, str], expected: list[tuple[str, ...]]) -> None:
    assert rows(store, name, params) == expected


def test_the_readme_lists_every_query_and_is_current() -> None:
    readme = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    assert readme == queries.readme(), "run: python -m beleidsgraaf.queries"
    for q in queries.catalogue():
        assert f"## {q.name}\n" in readme and q.title in readme


def test_headers_give_titles_descriptions_and_typed_parameters() -> None:
    for q in queries.catalogue():
        assert q.title != q.name and len(q.description) > 40, q.name
        assert {p.name for p in q.parameters} == set(queries.used_parameters(q.text)), q.name
    decided = queries.saved("decided-by")
    assert decided is not None
    assert [(p.name, p.type, p.default) for p in decided.parameters] == [
        ("body", "thing", None), ("from", "date", "0001-01-01"), ("to", "date", "9999-12-31")]


def test_a_hostile_value_stays_one_literal(embedded: GraphStore) -> None:
    hostile = 'ROS" ) } ; DROP ALL ; SELECT * { ?s ?p ?o # \\'
    assert rows(embedded, "lineage", {"x": hostile}) == []
    assert rows(embedded, "lineage", {"x": "ROS"})  # the graph is untouched


def test_parameters_are_typed_and_checked() -> None:
    lineage = queries.saved("lineage")
    assert lineage is not None
    with pytest.raises(UsageError, match=r"unknown parameter 'y' \(known: x\)"):
        queries.bind(lineage, {"y": "ROS"})
    with pytest.raises(UsageError, match="needs --param x="):
        queries.bind(lineage, {})
    decided = queries.saved("decided-by")
    assert decided is not None
    with pytest.raises(UsageError, match="from=2025-02-30: not a valid date"):
        queries.bind(decided, {"body": "x", "from": "2025-02-30"})
    bound = queries.bind(decided, {"body": "bgid:org/gm0153", "from": "2025-01-01"})
    assert "<https://w3id.org/beleidsgraaf/id/org/gm0153>" in bound
    assert '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in bound


def test_undeclared_parameters_are_typed_by_their_form() -> None:
    query = queries.parse('SELECT * { ?s ?p $v . FILTER(?p != "$v") } # $v')
    assert [p.name for p in query.parameters] == ["v"]
    assert queries.bind(query, {"v": "2025-01-02"}).startswith(
        'SELECT * { ?s ?p "2025-01-02"^^<http://www.w3.org/2001/XMLSchema#date> . FILTER(?p != "$v") } # $v')
    assert "<http://example.org/x>" in queries.bind(query, {"v": "http://example.org/x"})
    assert '"7"^^<http://www.w3.org/2001/XMLSchema#integer>' in queries.bind(query, {"v": "7"})
    assert '"naam met \\"quote\\""' in queries.bind(query, {"v": 'naam met "quote"'})


def test_a_bad_parameter_line_is_named() -> None:
    with pytest.raises(UsageError, match=re.escape("bad: bad parameter line 'x (colour): what'")):
        queries.parse("# title: t\n# param x (colour): what\nSELECT * {}", "bad")
