"""A journalist's everyday tasks, done in Chromium as a reader does them, on a
desktop (1440 px) and a phone (390 px, touch, a phone's user agent):

- find the strike of 27 Oct 2025 and cite it;
- narrow the map to October 2025 in the eastern Pacific and download it;
- the Galapagos (Baltra) site's status on 30 Oct and on 30 Nov 2025;
- when the carrier Gerald R. Ford arrived and left;
- our count against the published totals;
- a tap or click on a strike shows it beside or under the map;
- play the campaign week by week (play, pause, a week on) with the date and figures following;
- download the view as a print map (PNG, SVG) and the weeks as an animation (GIF).

Screenshots of each go to artifacts/ (and docs/screens/ with UPDATE_SCREENSHOT=1)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date

import pytest

from geo.catalog import load_catalog
from geo.query import Filter, select
from geo.viewport import View, view_for
from tests.browser.conftest import ARTIFACTS, REPO, real_error, wait_for_map, wait_idle

PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
SCREENS = REPO / "docs" / "screens"


@pytest.fixture(params=[1440, 390], ids=["desktop", "phone"])
def reader(request, browser):
    width = request.param
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone, has_touch=phone, user_agent=PHONE_AGENT if phone else None, accept_downloads=True,
    )  # fmt: skip
    page = context.new_page()
    page.phone = phone
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: page.errors.append(f"console: {msg.text}") if real_error(msg) else None)
    yield page
    context.close()
    assert page.errors == [], page.errors  # no script error, no failed request, on any task


def shoot(page, name: str) -> None:
    suffix = "phone" if page.phone else "desktop"
    path = ARTIFACTS / f"task-{name}-{suffix}.png"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(path))
    target = SCREENS / path.name.removeprefix("task-")
    if os.environ.get("UPDATE_SCREENSHOT") == "1" or not target.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)


def open_url(page, server, path: str) -> None:
    page.goto(server.url + path)
    page.wait_for_selector("h1, h2, h3", timeout=60_000)
    wait_idle(page)


WIDE = """() => { const m = document.querySelector('[data-testid="stMain"]'); const out = [];
  for (const el of m.querySelectorAll('*')) { const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 2 && r.width > 0) out.push([el.tagName, el.dataset.testid || '',
    Math.round(r.left), Math.round(r.right)]); } return out.slice(0, 8); }"""


def no_sideways_scroll(page) -> None:
    moved = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); m.scrollLeft = 50;"
        " const moved = m.scrollLeft; m.scrollLeft = 0; return moved + document.scrollingElement.scrollLeft; }"
    )
    assert moved == 0, f"the page scrolls sideways: {page.evaluate(WIDE)}"


def search_and_open(page, server, words: str, record_id: str) -> None:
    """Records page: search, then open the record from its link."""
    open_url(page, server, "/records")
    box = page.get_by_label("Search ids, places, assets, groups, notes and source titles")
    box.fill(words)
    box.press("Enter")
    wait_idle(page)
    link = page.locator(".st-key-top-matches a", has_text=f"{record_id} ·").first
    link.wait_for(timeout=30_000)
    link.click()
    page.locator("h1", has_text=f"{record_id}:").wait_for(timeout=60_000)
    wait_idle(page)


def test_find_the_27_october_strike_and_cite_it(reader, server):
    search_and_open(reader, server, "27 Oct 2025", "S011")
    version = load_catalog().release.version
    citation = reader.locator('[data-testid="stCode"]', has_text="record S011").first
    text = citation.inner_text()
    assert f"data release {version}" in text and "id=S011" in text
    assert "id=S011" in reader.url  # the page's own address is the one to cite
    no_sideways_scroll(reader)
    citation.scroll_into_view_if_needed()
    shoot(reader, "cite-a-strike")
    assert reader.errors == []


def choose(page, label: str, option: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    widget = sidebar.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').filter(has_text=label)
    wanted = page.get_by_role("option", name=option)
    for _ in range(3):  # a click during the sidebar's slide may not open the list
        widget.locator("input").first.click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001, S110 - Playwright's timeout: try once more
            page.keyboard.press("Escape")
    wanted.click()
    page.keyboard.press("Escape")  # an open list hides the rest of the page from assistive technology
    wait_idle(page)


def open_sidebar(page) -> None:
    label = page.locator('[data-testid="stSidebar"]').get_by_text("Time range")
    box = label.bounding_box() if label.is_visible() else None
    if box and box["x"] >= 0:  # a collapsed sidebar is moved off the screen, not hidden
        return
    page.locator('[data-testid="stExpandSidebarButton"]').first.click()
    page.locator('[data-testid="stSidebar"]').get_by_text("Time range").wait_for()
    page.wait_for_timeout(800)  # the sidebar slides in


def test_narrow_to_october_in_the_eastern_pacific_and_download(reader, server):
    open_url(reader, server, "/")
    wait_for_map(reader)
    open_sidebar(reader)
    choose(reader, "Time range", "October 2025")
    choose(reader, "Regions, or finer reference zones", "Eastern Pacific")
    reader.wait_for_function("() => location.search.includes('region=eastern_pacific')", timeout=30_000)
    assert "start=2025-10-01" in reader.url and "end=2025-10-31" in reader.url
    if reader.phone:  # the sidebar covers the page on a phone: close it as a reader would
        reader.locator(
            '[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarCollapseButton"]'
        ).first.click()
    button = reader.get_by_role("button", name="Strikes (GeoJSON)")
    button.scroll_into_view_if_needed()
    shoot(reader, "narrow-and-download")
    with reader.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "strikes_eastern_pacific_2025-10-01_2025-10-31.geojson"
    path = ARTIFACTS / f"task-{'phone' if reader.phone else 'desktop'}-{download.suggested_filename}"
    download.save_as(path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    want = select(load_catalog(), Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",), ("strikes",)))
    assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(want["strikes"]["id"])
    no_sideways_scroll(reader)


@pytest.mark.parametrize(("day", "status"), [("2025-10-30", "proposed"), ("2025-11-30", "rejected")])
def test_the_galapagos_status_on_a_day(reader, server, day, status):
    search_and_open(reader, server, "Galapagos Baltra", "B025")
    open_url(reader, server, f"/record?id=B025&start=2025-10-01&end={day}")
    line = reader.locator('[data-testid="stMarkdown"]', has_text="Status on").first
    line.wait_for(timeout=30_000)
    when = date.fromisoformat(day)
    assert f"Status on {when:%d %b %Y}: {status}" in line.inner_text()
    shoot(reader, f"galapagos-{day}")
    no_sideways_scroll(reader)


def test_when_the_ford_arrived_and_left(reader, server):
    search_and_open(reader, server, "Gerald R. Ford", "D021")
    deployments = load_catalog().deployments
    ford = deployments[deployments["asset"] == "USS Gerald R. Ford (CVN-78)"].sort_values("first_date")
    heading = reader.locator("h3", has_text=f"All {len(ford)} periods")
    heading.wait_for(timeout=30_000)
    page_text = reader.locator('[data-testid="stMain"]').inner_text()
    others = ford[ford["id"] != "D021"]
    for row in others.to_dict("records"):
        assert f"{row['id']}: {row['start']}" in page_text
    assert reader.locator('[data-testid="stVegaLiteChart"]').count() >= 1  # the strip
    heading.scroll_into_view_if_needed()
    shoot(reader, "ford")
    no_sideways_scroll(reader)


def test_our_count_against_the_published_totals(reader, server):
    open_url(reader, server, "/")
    if reader.phone:
        open_url(reader, server, "/totals")
    else:
        reader.locator('[data-testid="stTopNavLink"]', has_text="Totals").click()
        reader.locator("h1", has_text="Published totals").wait_for(timeout=60_000)
        wait_idle(reader)
    text = reader.locator('[data-testid="stMain"]').inner_text()
    catalog = load_catalog()
    newest = catalog.tallies.iloc[-1]
    assert f"as of {newest['as_of']:%d %b %Y}" in text and "Our count, whole campaign, to the same day" in text
    reader.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    reader.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    shoot(reader, "totals")
    no_sideways_scroll(reader)


def test_a_tap_or_click_on_a_strike_shows_it_by_the_map(reader, server):
    open_url(reader, server, "/?start=2025-10-01&end=2025-10-31&region=eastern_pacific")
    wait_for_map(reader)
    canvas = reader.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.scroll_into_view_if_needed()
    reader.wait_for_timeout(1500)
    box = canvas.bounding_box()
    fitted = view_for(PHONE_AGENT if reader.phone else None)
    view = View(fitted.longitude, fitted.latitude, fitted.zoom, box["width"], box["height"])
    strikes = load_catalog().strikes.set_index("id")
    x, y = view.to_screen(strikes.at["S011", "lon"], strikes.at["S011", "lat"])
    assert 0 < x < box["width"] and 0 < y < box["height"], "the first view shows the strike"
    tooltip = reader.locator(".deck-tooltip")
    if reader.phone:  # the first tap shows what it is; the second opens it
        reader.touchscreen.tap(box["x"] + x, box["y"] + y)
        tooltip.filter(has_text="Strike S011").wait_for(timeout=15_000)
        assert "tap again" in tooltip.inner_text()
        reader.wait_for_timeout(500)
        reader.touchscreen.tap(box["x"] + x, box["y"] + y)
    else:
        reader.mouse.move(box["x"] + x, box["y"] + y)
        tooltip.filter(has_text="Strike S011").wait_for(timeout=15_000)
        canvas.click(position={"x": x, "y": y})
    reader.wait_for_function("() => location.search.includes('id=S011')", timeout=30_000)
    wait_idle(reader)
    summary = reader.locator(".st-key-selected-summary")
    summary.get_by_text("S011:").wait_for(timeout=30_000)
    top = summary.bounding_box()["y"]
    assert top < box["y"] + box["height"] + 200, "the summary is beside or right under the map"
    summary.scroll_into_view_if_needed()
    shoot(reader, "tap-a-strike")
    no_sideways_scroll(reader)


PLAYED = "/?start=2025-09-02&end=2025-10-31"  # nine weeks


def playback_status(page) -> str:
    return page.locator(".st-key-playback-status").inner_text()


def expected_status(week: int) -> tuple[str, str]:
    """The label and the strikes-to-date figure at a week of PLAYED, from geo."""
    from geo import playback, stats

    catalog = load_catalog()
    start = date(2025, 9, 2)
    step = playback.steps(start, date(2025, 10, 31))[week - 1]
    total = stats.totals(playback.strikes_at(catalog, Filter(start, date(2025, 10, 31)), step, start))
    return playback.step_label(step), f"strikes to date: {stats.figure_text(total, 'strikes')}"


def shows(page, label: str, figure: str) -> None:
    """Until the status above the map shows that week with its figure (the two are drawn
    together; waiting for both, never reading one after the other, as the timer moves on)."""
    page.locator(".st-key-playback-status").filter(has_text=label).filter(has_text=figure).wait_for(timeout=30_000)


def test_play_the_campaign_week_by_week(reader, server):
    open_url(reader, server, PLAYED)
    wait_for_map(reader)
    for week in (1, 2):
        reader.get_by_role("button", name="Week on").click()
        label, figure = expected_status(week)
        shows(reader, label, figure)
    reader.get_by_role("button", name="Play", exact=True).click()
    label, figure = expected_status(4)
    shows(reader, label, figure)  # the timer moves it on
    reader.get_by_role("button", name="Pause").click()
    wait_idle(reader)
    paused = playback_status(reader)
    reader.wait_for_timeout(3_000)  # three steps' time at the normal speed
    assert playback_status(reader) == paused
    week = int(paused.split()[1])
    reader.get_by_role("button", name="Week on").click()
    label, figure = expected_status(week + 1)
    shows(reader, label, figure)
    wait_for_map(reader)
    reader.locator(".st-key-playback-status").scroll_into_view_if_needed()
    shoot(reader, "playback")
    reader.get_by_role("button", name="Whole range").click()
    reader.locator(".st-key-playback-status").wait_for(state="detached", timeout=30_000)
    no_sideways_scroll(reader)


def test_download_the_view_as_print_map_and_animation(reader, server):
    from io import BytesIO

    from PIL import Image

    open_url(reader, server, "/?start=2025-10-01&end=2025-10-31&region=eastern_pacific")
    wait_for_map(reader)
    citation = reader.locator('[data-testid="stCode"]', has_text="accessed").first.inner_text()
    assert f"{server.url}/?start=2025-10-01&end=2025-10-31&region=eastern_pacific" in citation.replace("\n", "")
    saved = {}
    for name in ("Map (PNG, 300 dpi)", "Map (SVG)", "Animation (GIF)"):
        button = reader.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        with reader.expect_download(timeout=120_000) as info:
            button.click()
        download = info.value
        path = ARTIFACTS / f"task-{'phone' if reader.phone else 'desktop'}-{download.suggested_filename}"
        download.save_as(path)
        saved[download.suggested_filename] = path.read_bytes()
    assert set(saved) == {
        "map_eastern_pacific_2025-10-01_2025-10-31.png",
        "map_eastern_pacific_2025-10-01_2025-10-31.svg",
        "weekly_eastern_pacific_2025-10-01_2025-10-31.gif",
    }
    png = Image.open(BytesIO(saved["map_eastern_pacific_2025-10-01_2025-10-31.png"]))
    assert png.size == (3000, 1950) and round(png.info["dpi"][0]) == 300
    assert "1 Oct 2025 to 31 Oct 2025" in png.info["Title"] and "Eastern Pacific" in png.info["Title"]
    svg = saved["map_eastern_pacific_2025-10-01_2025-10-31.svg"].decode("utf-8")
    assert "1 Oct 2025 to 31 Oct 2025 · Eastern Pacific" in svg
    gif = Image.open(BytesIO(saved["weekly_eastern_pacific_2025-10-01_2025-10-31.gif"]))
    assert gif.n_frames == 5  # 1-7, 8-14, 15-21, 22-28, 29-31 Oct
    shoot(reader, "graphics-downloads")
