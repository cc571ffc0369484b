"""A Spanish-speaking reader's tasks in Chromium, the browser set to Spanish
(es-MX: navigator.language and Accept-Language) and no lang= in the link:

- the page opens in Spanish, with the switch on Español;
- find the strike of 27 Oct 2025 (searched as "27 oct 2025") and cite it;
- narrow to October 2025 in the eastern Pacific and download it;
- the Galapagos (Baltra) site's status on 30 Oct 2025;
- when the carrier Gerald R. Ford arrived and left;
- our count against the published totals;
- hovering a strike on the map;
- and two readers at once, one in Spanish and one in English, each see their own.

Screenshots go to artifacts/ (es-*.png)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.catalog import load_catalog
from geo.query import Filter, select
from geo.viewport import View, view_for
from tests.browser.conftest import ARTIFACTS, real_error, wait_for_map, wait_idle
from tests.browser.test_tasks import choose, open_url

# words of the English interface that must not show on a Spanish page
ENGLISH = ("Data current to", "Time range", "Download the filtered view", "Timeline", "Reporting grade",
           "Cite this", "Published totals against", "Every field", "click for details")  # fmt: skip


def new_reader(browser, locale: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: page.errors.append(f"console: {msg.text}") if real_error(msg) else None)
    return context, page


@pytest.fixture
def lector(browser):
    context, page = new_reader(browser, "es-MX")
    yield page
    context.close()
    assert page.errors == [], page.errors


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def no_english(page) -> None:
    text = main_text(page) + page.locator('[data-testid="stSidebar"]').inner_text()
    left = [words for words in ENGLISH if words in text]
    assert left == [], f"English on a Spanish page: {left}"


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"es-{name}.png"))


def test_the_page_opens_in_the_browsers_language(lector, server):
    open_url(lector, server, "/")
    wait_for_map(lector)
    lector.locator("h2", has_text="Ataques y fuerzas de EE. UU.").wait_for(timeout=30_000)
    switch = lector.locator('[data-testid="stSidebar"] [data-testid="stRadio"]', has_text="Idioma")
    assert switch.get_by_role("radio", name="Español").is_checked()
    assert "Datos actualizados al" in main_text(lector)
    labels = lector.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert [x.strip() for x in labels][:3] == ["Ataques", "Embarcaciones", "Muertos"]
    no_english(lector)
    shoot(lector, "map")


def test_encontrar_el_ataque_del_27_de_octubre_y_citarlo(lector, server):
    open_url(lector, server, "/records")
    box = lector.get_by_label("Buscar ids, lugares, medios militares, grupos, notas y títulos de fuentes")
    box.fill("27 oct 2025")
    box.press("Enter")
    wait_idle(lector)
    link = lector.locator(".st-key-top-matches a", has_text="S011 ·").first
    link.wait_for(timeout=30_000)
    assert "27 oct 2025" in link.inner_text()
    link.click()
    lector.locator("h1", has_text="S011:").wait_for(timeout=60_000)
    wait_idle(lector)
    assert "lang=es" in lector.url and "id=S011" in lector.url
    citation = lector.locator('[data-testid="stCode"]', has_text="registro S011").first
    text = citation.inner_text()
    assert f"versión de datos {load_catalog().release.version}" in text and "consultado el" in text
    assert "lang=es" in text  # the cited link opens in Spanish
    assert "Citar este registro" in main_text(lector) and "Todos los campos" in main_text(lector)
    no_english(lector)
    shoot(lector, "citar")


def test_octubre_en_el_pacifico_oriental_y_descargar(lector, server):
    open_url(lector, server, "/")
    wait_for_map(lector)
    choose(lector, "Período", "octubre de 2025")
    choose(lector, "Regiones, o zonas de referencia más precisas", "Pacífico oriental")
    lector.wait_for_function("() => location.search.includes('region=eastern_pacific')", timeout=30_000)
    assert "start=2025-10-01" in lector.url and "end=2025-10-31" in lector.url and "lang=es" in lector.url
    assert "Ataques del 1 oct 2025 a 31 oct 2025, Pacífico oriental" in main_text(lector)
    button = lector.get_by_role("button", name="Ataques (GeoJSON)")
    button.scroll_into_view_if_needed()
    shoot(lector, "descargar")
    with lector.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "strikes_eastern_pacific_2025-10-01_2025-10-31.geojson"
    path = ARTIFACTS / f"es-{download.suggested_filename}"
    download.save_as(path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    want = select(load_catalog(), Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",), ("strikes",)))
    assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(want["strikes"]["id"])
    assert {"killed", "presumed_dead", "geo_precision"} <= set(collection["features"][0]["properties"])  # English names


def test_el_estado_de_galapagos_un_dia(lector, server):
    open_url(lector, server, "/record?id=B025&start=2025-10-01&end=2025-10-30")
    line = lector.locator('[data-testid="stMarkdown"]', has_text="Estado al").first
    line.wait_for(timeout=30_000)
    assert "Estado al 30 oct 2025: propuesto" in line.inner_text()
    assert "(en inglés)" in main_text(lector)  # the project's own notes say which language they are in
    no_english(lector)
    shoot(lector, "galapagos")


def test_cuando_llego_y_se_fue_el_ford(lector, server):
    open_url(lector, server, "/record?id=D021")
    deployments = load_catalog().deployments
    ford = deployments[deployments["asset"] == "USS Gerald R. Ford (CVN-78)"]
    heading = lector.locator("h3", has_text=f"Los {len(ford)} períodos de USS Gerald R. Ford")
    heading.wait_for(timeout=30_000)
    for row in ford[ford["id"] != "D021"].to_dict("records"):
        lector.locator("a", has_text=f"{row['id']}: {row['start']} a ").first.wait_for(timeout=30_000)
    assert lector.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    shoot(lector, "ford")


def test_nuestro_conteo_frente_a_los_totales_publicados(lector, server):
    open_url(lector, server, "/")
    lector.locator('[data-testid="stTopNavLink"]', has_text="Totales").click()
    lector.locator("h1", has_text="Totales publicados frente a nuestro conteo").wait_for(timeout=60_000)
    wait_idle(lector)
    assert "lang=es" in lector.url
    text = main_text(lector)
    newest = load_catalog().tallies.iloc[-1]["as_of"]
    assert "Nuestro conteo, toda la campaña, hasta el mismo día" in text
    assert f"al {newest.day} " in text
    lector.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    no_english(lector)
    shoot(lector, "totales")


def test_pasar_el_cursor_sobre_un_ataque(lector, server):
    open_url(lector, server, "/?start=2025-10-01&end=2025-10-31&region=eastern_pacific")
    wait_for_map(lector)
    canvas = lector.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.scroll_into_view_if_needed()
    lector.wait_for_timeout(1500)
    box = canvas.bounding_box()
    fitted = view_for(None)
    view = View(fitted.longitude, fitted.latitude, fitted.zoom, box["width"], box["height"])
    strikes = load_catalog().strikes.set_index("id")
    x, y = view.to_screen(strikes.at["S011", "lon"], strikes.at["S011", "lat"])
    lector.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = lector.locator(".deck-tooltip").filter(has_text="Ataque S011")
    tooltip.wait_for(timeout=15_000)
    assert "haga clic" in tooltip.inner_text() and "Pacífico oriental" in tooltip.inner_text()
    canvas.click(position={"x": x, "y": y})
    lector.wait_for_function("() => location.search.includes('id=S011')", timeout=30_000)
    wait_idle(lector)
    summary = lector.locator(".st-key-selected-summary")
    summary.get_by_text("Abrir su página").wait_for(timeout=30_000)
    shoot(lector, "mapa-clic")


def test_two_readers_in_two_languages_at_once(browser, server):
    (es_context, spanish), (en_context, english) = new_reader(browser, "es-MX"), new_reader(browser, "en-US")
    try:
        spanish.goto(server.url + "/totals")
        english.goto(server.url + "/totals")
        spanish.locator("h1", has_text="Totales publicados frente a nuestro conteo").wait_for(timeout=60_000)
        english.locator("h1", has_text="Published totals against our count").wait_for(timeout=60_000)
        # the English reader switches to Spanish and back; the Spanish reader's page stays Spanish
        english.locator('[data-testid="stSidebar"]').get_by_text("Español").click()
        english.locator("h1", has_text="Totales publicados").wait_for(timeout=60_000)
        english.wait_for_function("() => location.search.includes('lang=es')", timeout=30_000)
        english.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        english.locator("h1", has_text="Published totals against our count").wait_for(timeout=60_000)
        spanish.reload()
        spanish.locator("h1", has_text="Totales publicados frente a nuestro conteo").wait_for(timeout=60_000)
        wait_idle(spanish)
        wait_idle(english)
        assert "Published totals" not in main_text(spanish) and "Totales publicados" not in main_text(english)
        assert spanish.errors == [] and english.errors == []
    finally:
        es_context.close()
        en_context.close()


def test_on_a_phone_the_spanish_figures_are_read_whole(browser, server):
    from tests.browser.test_tasks import PHONE_AGENT

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_AGENT, locale="es-CO")  # fmt: skip
    try:
        page = context.new_page()
        open_url(page, server, "/")
        wait_for_map(page)
        page.locator("h3", has_text="Ataques y fuerzas de EE. UU.").wait_for(timeout=30_000)
        cut = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=\"stMetricLabel\"] .stMarkdownEllipsis')]"
            ".filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText)"
        )
        assert cut == [], f"labels cut short on a phone: {cut}"
        shoot(page, "phone")
    finally:
        context.close()
