"""The web app's pages on a real server, over HTTP and in real headless Chromium."""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import XSS, XSS_QUOTE, Tab, serve
from tests.web.test_map import assert_offline_and_escaped, parse


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def html(url: str) -> str:
    status, headers, body = get(url)
    assert status == 200 and headers["content-type"].startswith("text/html")
    text = body.decode()
    # Every page loads only from its own server: no CDN, no absolute URL.
    assert [u for u in parse(text).urls if not u.startswith("/")] == []
    return text


def text_of(page: str) -> str:
    """The page as read: tags dropped, entities decoded, whitespace collapsed."""
    import html as htmlmod

    return re.sub(r"\s+", " ", htmlmod.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def test_home_search_by_any_alias(pages_server: str) -> None:
    query = urllib.parse.urlencode({"q": "regionale ontwikkel stratégie"})
    page = html(f"{pages_server}/?{query}")
    assert 'href="/entiteit/project/ros"' in page
    assert "ook: ROS Twente, Regionale Ontwikkel Strategie Twente, Ruimtelijke Ontwikkelstrategie Twente" in text_of(page)
    assert "Niets gevonden" in html(f"{pages_server}/?q=zwolle")
    overview = text_of(html(f"{pages_server}/"))
    assert "In de graaf: 2 besluiten, 1 vergadering, 5 projecten, 4 organen, 1 persoon, 4 documenten." in overview


def test_entity_page_relations_both_ways_quotes_timeline_map(pages_server: str) -> None:
    page = html(f"{pages_server}/entiteit/project/ros")
    text = text_of(page)
    assert "ROS is vervolg op RSIA (project) De ROS Twente is een vervolg op de RSIA." in text
    assert "SHE onderdeel van ROS (project) SHE is een sleutelproject binnen de ROS." in text  # incoming
    assert 'href="/pdf/doc/brief1#page=2"' in page
    assert text.index("12 maart 2024 · besluit · Instemmen") < text.index("12 juni 2025 · vergadering · Twenteraad")
    assert "Documenten waarin het voorkomt Besluitenlijst college 12 maart 2024 Raadsinformatiebrief ROS Twente" in text
    assert '<iframe class="kaart" title="Kaart rond ROS" src="/kaart?focus=project/ros&amp;hops=1"' in page


def test_document_page_states_what_it_says_with_pdf_pages(pages_server: str) -> None:
    page = html(f"{pages_server}/document/doc/brief1")
    text = text_of(page)
    assert "Soort raadsinformatiebrief Datum 20 mei 2025 Bestand brief-ros.pdf Pagina's 2" in text
    assert "SHE onderdeel van ROS SHE is een sleutelproject binnen de ROS. — pagina 2" in text
    assert page.count('href="/pdf/doc/brief1#page=2"') == 5
    assert html(f"{pages_server}/documenten").count('href="/document/doc/') == 2


def test_documents_are_listed_newest_first(pages_server: str) -> None:
    text = text_of(html(f"{pages_server}/documenten"))
    assert "20 mei 2025 Raadsinformatiebrief ROS Twente raadsinformatiebrief brief-ros.pdf" in text
    assert text.index("20 mei 2025") < text.index("12 maart 2024")


def test_pdf_is_served_from_its_recorded_source(pages_server: str, known_store: Path) -> None:
    status, headers, body = get(f"{pages_server}/pdf/doc/brief1")
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert body == (known_store.parent / "pdfs" / "brief-ros.pdf").read_bytes()
    status, _, body = get(f"{pages_server}/pdf/doc/besluitenlijst/../../etc/passwd")
    assert status == 404 and "niet (meer) beschikbaar" in body.decode()


def test_unknown_pages_say_so_in_dutch(pages_server: str) -> None:
    status, _, body = get(f"{pages_server}/entiteit/project/bestaat-niet")
    assert status == 404 and "Deze pagina bestaat niet" in body.decode()
    status, _, body = get(f"{pages_server}/kaart?focus=Twente")
    assert status == 400 and "geen knoop heet &#39;Twente&#39;; bedoelt u:" in body.decode()
    status, _, body = get(f"{pages_server}/kaart?focus=ROS&since=gisteren")
    assert status == 400 and "van gisteren: geen datum" in body.decode()


def test_map_download_is_a_standalone_file(pages_server: str) -> None:
    status, headers, body = get(f"{pages_server}/kaart?focus=ROS&hops=1&download=1")
    assert status == 200
    assert headers["content-disposition"] == 'attachment; filename="kaart-ros.html"'
    data = assert_offline_and_escaped(body.decode())
    assert data["links"] is False and len(data["nodes"]) == 9
    _, _, served = get(f"{pages_server}/kaart?focus=project/ros&hops=1")
    assert assert_offline_and_escaped(served.decode())["links"] is True


def test_labels_and_quotes_are_escaped_in_pages(pages_server: str) -> None:
    for url in ("/entiteit/project/xss", "/entiteit/project/she", "/document/doc/brief1", "/?q=wijkplan"):
        page = html(pages_server + url)
        assert XSS not in page and "<img" not in page and "<b>" not in page
        assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert XSS_QUOTE in text_of(html(pages_server + "/entiteit/project/she"))


# --- in the browser ---------------------------------------------------------------


def test_griffier_finds_what_hangs_together_in_three_clicks(tab: Tab, pages_server: str) -> None:
    """"Wat hangt er allemaal samen met de ROS, en waar staat dat?" from the home page."""
    page = tab.page
    page.goto(pages_server + "/")
    page.fill("#q", "ROS")
    page.locator(".zoekblok").get_by_role("button", name="Zoek").click()  # click 1: search
    assert page.locator("h2", has_text="Resultaten voor “ROS”").is_visible()
    page.locator("ul.resultaten").get_by_role("link", name="ROS", exact=True).click()  # click 2: the entity
    assert page.locator("h1").inner_text() == "ROS"
    relations = page.locator("ul.relaties > li")
    assert relations.count() == 8
    she = relations.filter(has_text="SHE onderdeel van ROS")
    assert "SHE is een sleutelproject binnen de ROS." in she.inner_text()  # where it says so, already on screen
    tab.shot("entiteit")
    with page.expect_response(lambda r: "/pdf/" in r.url) as response:
        try:
            she.get_by_role("link", name="pagina 2").click()  # click 3: the page of the letter
        except Exception:  # noqa: BLE001 - headless Chromium may download a PDF instead of showing it
            pass
    assert response.value.url == pages_server + "/pdf/doc/brief1"
    assert response.value.status == 200 and response.value.headers["content-type"] == "application/pdf"
    assert tab.blocked == [] and tab.errors == []


@pytest.fixture(scope="module")
def seed_server(seed_store: Path) -> Iterator[str]:
    with serve(seed_store) as base:
        yield base


def test_with_the_seeds_ros_and_its_sources_are_three_clicks_away(tab: Tab, seed_server: str) -> None:
    """The issue's check on the sample letters as the pipeline reads them (no exact counts:
    those belong to the known graph above)."""
    page = tab.page
    page.goto(seed_server + "/")
    page.fill("#q", "ros")
    page.locator(".zoekblok").get_by_role("button", name="Zoek").click()  # click 1
    assert page.locator("h2", has_text="Resultaten voor “ros”").is_visible()
    page.locator("ul.resultaten a").first.click()  # click 2
    assert "ROS" in page.locator("h1").inner_text() or "ROS" in page.locator(".gegevens").inner_text()
    quoted = page.locator("ul.relaties > li", has=page.locator("blockquote"))
    assert quoted.count() >= 3
    tab.shot("seeds-ros")
    with page.expect_response(lambda r: "/pdf/" in r.url) as response:
        try:
            quoted.first.locator("a.pdf").first.click()  # click 3
        except Exception:  # noqa: BLE001 - headless Chromium may download a PDF instead of showing it
            pass
    assert response.value.status == 200 and response.value.headers["content-type"] == "application/pdf"
    assert tab.blocked == [] and tab.errors == []


def embedded_map(page: Any) -> Any:
    """The map frame on an entity page, once its map has settled."""
    page.locator("iframe.kaart").scroll_into_view_if_needed()
    page.frame_locator("iframe.kaart").locator("#kaart canvas").wait_for()
    inner = next(f for f in page.frames if "/kaart?" in f.url)
    inner.wait_for_function("window.bgKaart && window.bgKaart.ready", timeout=30_000)
    return inner


def test_entity_page_embeds_a_working_focused_map(tab: Tab, pages_server: str) -> None:
    page = tab.page
    page.goto(pages_server + "/entiteit/project/ros")
    inner = embedded_map(page)
    frame = page.frame_locator("iframe.kaart")
    assert inner.evaluate("bgKaart.network.body.nodeIndices.length") == 9
    assert inner.evaluate("bgKaart.network.getSelectedNodes()") == ["project/ros"]
    inner.evaluate("bgKaart.showNode('project/she')")
    # The quote of a statement whose other end lies outside this map still names it.
    assert f"Wijkplan {XSS} · onderdeel van · SHE" in frame.locator("#paneel").inner_text()
    link = frame.get_by_role("link", name="Alles over SHE")
    assert link.get_attribute("href") == "/entiteit/project/she"
    tab.shot("ingebedde-kaart")
    assert tab.blocked == [] and tab.errors == []


def test_injected_letter_shows_as_text_in_pages(tab: Tab, xss_server: str) -> None:
    page = tab.page
    page.goto(xss_server + "/documenten")
    page.get_by_role("link", name=re.compile("onerror")).click()
    assert page.locator("h1").inner_text() == f"{XSS} en de ROS"
    assert page.locator("img").count() == 0
    page.goto(xss_server + "/?q=onerror")
    page.get_by_role("link", name=re.compile("onerror")).click()
    assert page.locator("h1").inner_text() == f"{XSS} en de ROS"
    embedded_map(page)
    page.wait_for_timeout(300)  # give a stray onerror handler the time to fire
    tab.shot("xss-pagina")
    assert tab.dialogs == [] and tab.errors == [] and tab.blocked == []


@pytest.mark.parametrize("path", ["/", "/documenten", "/entiteit/doc/brief1", "/document/doc/brief1"])
def test_pages_fetch_nothing_external(tab: Tab, pages_server: str, path: str) -> None:
    tab.page.goto(pages_server + path)
    tab.page.wait_for_load_state("networkidle")
    tab.shot(path.strip("/").replace("/", "-") or "home")
    assert tab.blocked == [] and tab.errors == []
