"""Two replicas behind nginx (deploy/stack.sh), as readers meet them: the page
renders in Chromium with its security headers and nothing refused; a reader
stays on one replica across reruns and downloads; the release feed comes from
nginx with caching headers; a killed replica is taken out and its readers get
a working page on reload. The last test kills a replica, so it runs last."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import time
import urllib.request
from datetime import date
from io import BytesIO

import pytest
from PIL import Image

from geo import stats
from geo.catalog import load_catalog
from geo.periods import quick_ranges
from geo.query import Filter, select
from tests.browser.conftest import metric, real_error, wait_for_map, wait_idle

pytestmark = pytest.mark.deploy


def expected_strikes(start: date | None = None, end: date | None = None) -> str:
    chosen = select(load_catalog(), Filter(start, end, (), ("strikes",)))["strikes"]
    return f"{stats.totals(chosen)['strikes']:,}"


class Reader:
    """One browser context (its own cookies) reading the page through nginx."""

    def __init__(self, chromium, stack):
        self.stack = stack
        self.context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        self.page.on("console", lambda msg: self.problems.append(f"console: {msg.text}") if real_error(msg) else None)
        self.page.on("request", lambda r: None if r.url.startswith(stack.url) else self.outside.append(r.url))

    def open(self, query: str = ""):
        response = self.page.goto(self.stack.url + "/" + query)
        wait_for_map(self.page)
        return response

    @property
    def route(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == "campaign_route")

    @property
    def replicas(self) -> set[str]:
        return self.stack.upstreams_of(self.route)

    def close(self) -> None:
        self.context.close()


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def test_the_page_renders_through_nginx_with_its_security_headers(chromium, stack):
    reader = Reader(chromium, stack)
    try:
        response = reader.open()
        headers = response.all_headers()  # .headers leaves out Set-Cookie
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "campaign_route=" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]
        assert metric(reader.page, "Strikes") == expected_strikes()
        reader.page.wait_for_timeout(1500)
        refused = [p for p in reader.problems if "Content Security Policy" in p]
        assert refused == [], refused
        assert reader.problems == []
        assert reader.outside == [], f"requests left the origin: {reader.outside}"
    finally:
        reader.close()


def choose_october(page) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="October 2025").click()
    wait_idle(page)


def test_each_reader_stays_on_one_replica_across_reruns_and_downloads(chromium, stack):
    readers, seen = [], {}
    try:
        for _ in range(12):  # cookies are random: open readers until both replicas have one
            reader = Reader(chromium, stack)
            readers.append(reader)
            reader.open()
            (replica,) = reader.replicas
            seen.setdefault(replica, reader)
            if len(seen) == 2:
                break
        assert len(seen) == 2, "every reader landed on one replica: the cookie does not spread them"
        catalog = load_catalog()
        october = quick_ranges(catalog.first_record, catalog.latest_record)["October 2025"]
        for replica, reader in seen.items():
            choose_october(reader.page)
            assert metric(reader.page, "Strikes") == expected_strikes(*october)
            with reader.page.expect_download(timeout=60_000) as download:
                reader.page.get_by_role("button", name="Strikes (CSV)").click()
            content = download.value.path().read_text(encoding="utf-8")
            assert content.startswith("id,") and "2025-10-" in content
            reader.open("?start=2025-10-01&end=2025-10-31&region=eastern_pacific")  # a reload: same replica
            assert reader.replicas == {replica}, f"reader {reader.route} moved: {reader.replicas}"
            assert reader.problems == []
        paths = {row["path"].split("?")[0] for row in stack.log() if row["route"] == seen[replica].route}
        assert "/_stcore/stream" in paths, "the websocket went through nginx"
    finally:
        for reader in readers:
            reader.close()


def test_the_release_feed_comes_from_nginx_with_caching_headers(stack):
    from geo.paths import DataPaths
    from geo.release import read_release

    release, _ = read_release(DataPaths.resolve().changelog)
    status, headers, body = get(f"{stack.url}/feed/latest/release.json")
    assert status == 200 and json.loads(body)["version"] == release.version
    assert headers["cache-control"] == "public, max-age=60, must-revalidate"
    assert "set-cookie" not in headers, "a CDN does not cache a response that sets a cookie"
    assert headers["access-control-allow-origin"] == "*"
    versioned = f"{stack.url}/feed/{release.version}"
    status, headers, sums = get(f"{versioned}/SHA256SUMS")
    assert status == 200 and "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
    for line in sums.decode().splitlines()[:6]:
        digest, name = line.split("  ", 1)
        status, headers, body = get(f"{versioned}/{name}")
        assert status == 200 and hashlib.sha256(body).hexdigest() == digest, name
        assert headers["etag"]
    status, headers, _ = get(f"{versioned}/strikes.geojson")
    assert headers["content-type"].startswith("application/geo+json")
    again, _, _ = get(f"{versioned}/strikes.geojson", {"If-None-Match": headers["etag"]})
    assert again == 304
    # nothing of the feed reached Python: no replica logged a request for it
    assert all(row["up"] in ("", "-") for row in stack.log() if row["path"].startswith("/feed/"))


def test_metrics_are_not_public_and_foreign_websockets_are_refused(stack):
    assert get(f"{stack.url}/_stcore/metrics")[0] == 404
    assert get(f"{stack.url}/_stcore/health")[0] == 200
    host = stack.url.removeprefix("http://")

    def upgrade(origin: str) -> int:
        connection = http.client.HTTPConnection(host, timeout=30)
        connection.request("GET", "/_stcore/stream", headers={
            "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Protocol": "streamlit", "Origin": origin,
        })  # fmt: skip
        status = connection.getresponse().status
        connection.close()
        return status

    assert upgrade("https://elsewhere.example") == 403
    assert upgrade(stack.url) == 101


def test_the_protocol_load_generator_gets_the_right_figures_through_nginx(stack):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.capacity import readers_at_once, views

    pool = views(12)
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API holds this thread's event loop
        run = thread.submit(lambda: asyncio.run(readers_at_once(stack.url, 3, pool, seconds=15.0, interval=1.5)))
        tally = run.result(timeout=300)
    assert tally.errors == [] and tally.wrong == []
    assert len(tally.opens) == 3 and len(tally.changes) >= 3


def test_a_killed_replica_is_taken_out_and_its_readers_reload_to_a_working_page(chromium, stack):
    reader = Reader(chromium, stack)
    try:
        reader.open()
        (replica,) = reader.replicas
        port = int(replica.rsplit(":", 1)[1])
        os.kill(stack.pid_of(port), signal.SIGKILL)
        time.sleep(0.5)
        reader.problems.clear()
        reader.open("?start=2025-10-01&end=2025-10-31")
        assert metric(reader.page, "Strikes") == expected_strikes(date(2025, 10, 1), date(2025, 10, 31))
        survivors = reader.replicas - {replica}
        assert survivors, "the reload was not served by the other replica"
        fresh = Reader(chromium, stack)  # a new reader is not sent to the dead replica either
        try:
            fresh.open()
            assert metric(fresh.page, "Strikes") == expected_strikes()
        finally:
            fresh.close()
        errors = (stack.directory / "nginx-error.log").read_text(encoding="utf-8")
        assert "Connection refused" in errors and replica in errors
        status = stack.run("status").stdout
        assert "dead" in status and status.count("running") == 2  # nginx and the other replica
    finally:
        reader.close()


def test_a_shared_link_carries_a_description_and_a_preview_image(stack):
    status, headers, body = get(f"{stack.url}/?start=2025-10-01&end=2025-10-31")
    html = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<meta property="og:title" content="US strikes and forces in the Caribbean and eastern Pacific">' in html
    assert '<meta name="description" content="Every US strike on boats' in html
    image = f'<meta property="og:image" content="{stack.url}/feed/latest/preview.png">'
    assert image in html, html[:800]
    status, headers, png = get(f"{stack.url}/feed/latest/preview.png")
    assert status == 200 and headers["content-type"] == "image/png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(BytesIO(png)).size == (1200, 780)
