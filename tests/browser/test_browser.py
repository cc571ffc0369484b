"""The dashboard in Debian's Chromium, as a reader uses it: offline, filters,
a shared link, a click on a strike, a download."""

from __future__ import annotations

import json
import math
import os
import shutil
from datetime import date

import pytest

from geo import stats
from geo.catalog import load_catalog
from geo.mapview import INITIAL_VIEW
from geo.query import Filter, select
from tests.browser.conftest import ARTIFACTS, REPO, metric, wait_for_map, wait_idle

OCTOBER_PACIFIC = "?start=2025-10-01&end=2025-10-31&region=eastern_pacific"


def expected(flt: Filter) -> dict:
    return stats.totals(select(load_catalog(), Filter(flt.start, flt.end, flt.places, ("strikes",)))["strikes"])


def open_page(page, server, query: str = "") -> list[str]:
    """Open the page and record every request that leaves this machine."""
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    page.goto(server.url + "/" + query)
    wait_for_map(page)
    return outside


def test_the_page_loads_offline_and_draws_the_map(page, server):
    outside = open_page(page, server)
    page.wait_for_timeout(1500)
    assert outside == [], f"requests left the machine: {outside}"
    assert page.errors == []
    assert page.get_by_text("Traceback").count() == 0
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    shot = ARTIFACTS / "map.png"
    canvas.screenshot(path=str(shot))
    colours = set(page.evaluate(PIXEL_SAMPLER))
    assert len(colours) > 5, "the map canvas looks blank"
    whole = ARTIFACTS / "dashboard.png"
    page.locator('[data-testid="stHeading"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(whole))
    readme_shot = REPO / "docs" / "dashboard.png"
    if os.environ.get("UPDATE_SCREENSHOT") == "1" or not readme_shot.exists():
        readme_shot.parent.mkdir(exist_ok=True)
        shutil.copy(whole, readme_shot)
    assert metric(page, "Strikes") == f"{expected(Filter())['strikes']:,}"


PIXEL_SAMPLER = """() => {
  const src = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  const copy = document.createElement('canvas');
  copy.width = src.width; copy.height = src.height;
  const ctx = copy.getContext('2d');
  ctx.drawImage(src, 0, 0);
  const out = [];
  for (let i = 0; i < 400; i++) {
    const x = Math.floor((i % 20 + 0.5) * src.width / 20), y = Math.floor((Math.floor(i / 20) + 0.5) * src.height / 20);
    const d = ctx.getImageData(x, y, 1, 1).data;
    out.push(`${d[0]},${d[1]},${d[2]}`);
  }
  return out;
}"""


def test_changing_a_filter_changes_the_figures_and_the_link(page, server):
    open_page(page, server)
    before = metric(page, "Strikes")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="October 2025").click()
    wait_idle(page)
    page.wait_for_function("() => window.location.search.includes('start=2025-10-01')")
    october = expected(Filter(date(2025, 10, 1), date(2025, 10, 31)))
    assert metric(page, "Strikes") == f"{october['strikes']:,}" != before
    assert metric(page, "Killed") == f"{october['killed']:,}"
    assert "end=2025-10-31" in page.url


def test_a_shared_link_reproduces_the_filtered_view(page, server):
    open_page(page, server, OCTOBER_PACIFIC)
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",))
    want = expected(flt)
    for label, key in (("Strikes", "strikes"), ("Killed", "killed"), ("Presumed dead", "presumed_dead")):
        assert metric(page, label) == f"{want[key]:,}"
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Eastern Pacific").count() >= 1
    assert page.errors == []


def pixel_of(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Web Mercator position of a point in the map's fixed initial view."""

    def world(lo, la):
        scale = 512 * 2**INITIAL_VIEW.zoom
        x = (lo + 180) / 360 * scale
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * scale
        return x, y

    cx, cy = world(INITIAL_VIEW.longitude, INITIAL_VIEW.latitude)
    x, y = world(lon, lat)
    return width / 2 + x - cx, height / 2 + y - cy


def test_a_click_on_a_strike_opens_its_details(page, server):
    open_page(page, server, OCTOBER_PACIFIC)
    strikes = load_catalog().strikes.set_index("id")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    x, y = pixel_of(strikes.at["S011", "lon"], strikes.at["S011", "lat"], box["width"], box["height"])
    page.wait_for_timeout(1500)
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.filter(has_text="Strike S011").wait_for(timeout=15_000)
    assert "14 killed, 1 presumed dead" in tooltip.inner_text()
    canvas.click(position={"x": x, "y": y})
    page.wait_for_function("() => window.location.search.includes('id=S011')", timeout=30_000)
    wait_idle(page)
    summary = page.locator(".st-key-selected-summary")
    summary.get_by_text("S011:").wait_for(timeout=30_000)
    assert summary.is_visible()  # beside the map, where the click landed
    assert summary.get_by_role("link", name="Open its page").count() == 1


def test_the_downloaded_geojson_holds_the_filtered_features(page, server):
    open_page(page, server, OCTOBER_PACIFIC)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Strikes (GeoJSON)").click()
    download = download_info.value
    assert download.suggested_filename == "strikes_eastern_pacific_2025-10-01_2025-10-31.geojson"
    path = ARTIFACTS / download.suggested_filename
    download.save_as(path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    catalog = load_catalog()
    want = select(catalog, Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",), ("strikes",)))
    assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(want["strikes"]["id"])
    for feature in collection["features"]:
        # a strike known only by its sea zone is its zone's polygon, never a point
        shape = "Point" if feature["properties"]["placed_at"] == "reported point" else "Polygon"
        assert feature["geometry"]["type"].endswith(shape), feature["properties"]["id"]
        assert {"geo_precision", "uncertainty_km", "sources", "source_urls", "reporting_grade"} <= set(
            feature["properties"]
        )
    assert collection["release"]["version"] == catalog.release.version
    october = expected(Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",)))
    assert metric(page, "Strikes") == f"{october['strikes']:,}"  # the download did not reset the page


def test_the_downloaded_geoparquet_holds_the_filtered_rows(page, server):
    import geopandas as gpd

    open_page(page, server, OCTOBER_PACIFIC)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Strikes (GeoParquet)").click()
    download = download_info.value
    assert download.suggested_filename == "strikes_eastern_pacific_2025-10-01_2025-10-31.parquet"
    path = ARTIFACTS / download.suggested_filename
    download.save_as(path)
    back = gpd.read_parquet(path)
    catalog = load_catalog()
    want = select(catalog, Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",), ("strikes",)))
    assert sorted(back["id"]) == sorted(want["strikes"]["id"]) and back.crs.to_epsg() == 4326
    assert back.attrs["release"]["version"] == catalog.release.version


@pytest.fixture(scope="module")
def poisoned_server(browser, tmp_path_factory):
    from tests.browser.conftest import Server
    from tests.poison import poisoned_copy

    data = poisoned_copy(tmp_path_factory.mktemp("poisoned"))
    running = Server(env={"GEO_DATA_DIR": str(data)})
    yield running
    running.stop()


INJECTED = """() => ({
  xss: window.__xss === undefined ? null : window.__xss,
  images: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__xss')).length,
  bold: [...document.querySelectorAll('b')].filter(b => b.textContent === 'bold').length,
  javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
})"""
CLEAN = {"xss": None, "images": 0, "scripts": 0, "bold": 0, "javascriptLinks": 0}


def test_markup_in_the_data_shows_as_text_and_runs_nothing(page, poisoned_server):
    from tests.poison import PAYLOAD

    catalog = load_catalog()
    deployments = catalog.deployments
    target = deployments[(deployments["placed_at"] == "reported point") & (deployments["geo_precision"] <= 2)].iloc[0]
    page.goto(f"{poisoned_server.url}/record?id={target['id']}")
    heading = page.locator("h1", has_text=target["id"])
    heading.wait_for(timeout=60_000)
    wait_idle(page)
    assert "<img src=x" in heading.inner_text()  # the markup is shown, as text
    assert page.evaluate(INJECTED) == CLEAN
    page.goto(f"{poisoned_server.url}/?id={target['id']}")
    wait_for_map(page)
    summary = page.locator(".st-key-selected-summary")
    summary.get_by_text(target["id"]).first.wait_for()
    assert "<img src=x" in summary.inner_text()
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    x, y = pixel_of(target["lon"], target["lat"], box["width"], box["height"])
    page.wait_for_timeout(1500)
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.filter(has_text="<img").wait_for(timeout=15_000)
    assert page.evaluate("() => document.querySelector('.deck-tooltip img, .deck-tooltip script')") is None
    for tab in page.get_by_role("tab").all():
        tab.click()
    wait_idle(page)
    assert page.evaluate(INJECTED) == CLEAN
    assert PAYLOAD[:20] in page.locator("body").inner_text() or page.get_by_text("<img src=x").count() >= 1
    assert page.errors == []


LINK_MARKUP = (
    "?id=%5BOfficial%20correction%5D(http%3A%2F%2Fexample.org%2Fphish)"
    "&end=!%5Bx%5D(http%3A%2F%2Fhost.example%2Fpixel.png)"
    "&start=%3Ared%5Balert%5D%20%3Amaterial%2Fhome%3A%20%24x%5E2%24"
    "&region=http%3A%2F%2Fbare.example%2Fx&region=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E"
)
LINK_INJECTED = """() => ({
  links: [...document.querySelectorAll('a[href]')].filter(a => /example/.test(a.href)).length,
  images: [...document.querySelectorAll('img')].filter(i => /pixel|x$/.test(i.getAttribute('src') || '')).length,
  coloured: document.querySelectorAll('[data-testid="stText"] span[class*="color"], .katex').length,
  xss: window.__xss || null,
})"""


def test_what_a_link_carries_shows_as_plain_text(page, server):
    """Markdown links and images, colours, icons, LaTeX, bare URLs and HTML in the link's
    parameters: one warning of ours, the values as plain text, nothing fetched or linked."""
    outside = open_page(page, server, LINK_MARKUP)
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 1
    shown = page.locator('[data-testid="stText"]').first.inner_text()
    assert "[Official correction](http://example.org" in shown and "http://bare.example/x" in shown
    assert page.evaluate(LINK_INJECTED) == {"links": 0, "images": 0, "coloured": 0, "xss": None}
    assert outside == [] and page.errors == []
