"""Load test: many readers at once on one server, on loopback only.

    .venv/bin/python -m benchmarks.load [--sessions 20] [--seconds 60]

Starts one dashboard server on 127.0.0.1 and drives N concurrent browser
sessions (Debian's Chromium, one context each) that keep changing the time
range for the given time. Every change is checked: the strike figure must
become exactly what geo.stats computes for that range. It reports errors,
p50/p95 of the time from a change to the updated figures, and the server's
resident memory over the run; the request loop is bounded in count and time.
Writes benchmarks/load_results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

from geo import stats
from geo.catalog import load_catalog
from geo.periods import WHOLE, quick_ranges
from geo.query import Filter, select
from tests.browser.conftest import CHROMIUM, FLAGS, Server

REPO = Path(__file__).resolve().parent.parent
MAX_CHANGES_PER_SESSION = 500  # a hard bound besides the time limit


def expected_strikes() -> dict[str, str]:
    catalog = load_catalog()
    ranges = quick_ranges(catalog.first_record, catalog.latest_record)
    out = {}
    for label, (start, end) in ranges.items():
        chosen = select(catalog, Filter(start, end, (), ("strikes",)))["strikes"]
        out[label] = f"{stats.totals(chosen)['strikes']:,}"
    return out


async def session(number: int, browser, url: str, seconds: float, expected: dict, results: dict) -> None:
    rng = random.Random(number)  # noqa: S311 - which range a simulated reader picks, not a secret
    context = await browser.new_context(viewport={"width": 1100, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(300_000)  # twenty software-WebGL pages share two cores with the server
    errors = results["errors"]
    page.on("pageerror", lambda exc: errors.append(f"session {number}: {exc}"))
    try:
        await asyncio.sleep(number * 0.5)  # readers arrive over ten seconds, not in one instant
        await page.goto(url)
        await page.wait_for_selector('[data-testid="stMetricValue"]')
        deadline = time.monotonic() + seconds
        labels = [label for label in expected if label != WHOLE]
        changes = 0
        while time.monotonic() < deadline and changes < MAX_CHANGES_PER_SESSION:
            changes += 1
            shown = (await page.locator('[data-testid="stMetricValue"]').first.inner_text()).strip()
            label = rng.choice([lb for lb in [*labels, WHOLE] if expected[lb] != shown])
            try:
                await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
                option = page.get_by_role("option", name=label, exact=True)
                await option.wait_for()
                start = time.perf_counter()
                await option.click()
            except Exception as err:
                errors.append(f"session {number}: could not choose {label} ({err.__class__.__name__})")
                continue
            want = expected[label]
            try:
                await page.wait_for_function(
                    "(want) => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
                    " return m && m.innerText.trim() === want; }",
                    arg=want,
                )  # fmt: skip
            except Exception as err:  # a wrong or missing figure is the failure this test looks for
                errors.append(f"session {number}: {label}: figure not {want} ({err.__class__.__name__})")
                continue
            results["latencies"].append(time.perf_counter() - start)
            shown = (await page.locator('[data-testid="stMetricValue"]').first.inner_text()).strip()
            if shown != want:
                errors.append(f"session {number}: {label}: showed {shown}, expected {want}")
            results["checked"] += 1
            if await page.get_by_text("Traceback").count():
                errors.append(f"session {number}: a traceback is on the page")
    finally:
        await context.close()


def watch_memory(server: Server, samples: list, stop: threading.Event) -> None:
    while not stop.is_set():
        samples.append((time.monotonic(), server.rss_mb()))
        stop.wait(2.0)


async def run(sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    expected = expected_strikes()
    server = Server()
    samples: list = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_memory, args=(server, samples, stop), daemon=True)
    watcher.start()
    results = {"errors": [], "latencies": [], "checked": 0}
    began = time.monotonic()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            readers = [session(n, browser, server.url, seconds, expected, results) for n in range(sessions)]
            await asyncio.gather(*readers)
            await browser.close()
    finally:
        stop.set()
        watcher.join()
        server.stop()
    latencies = sorted(results["latencies"])
    memory = [mb for _, mb in samples]
    third = max(len(memory) // 3, 1)
    return {
        "sessions": sessions, "seconds_each": seconds, "wall_s": time.monotonic() - began,
        "changes_checked": results["checked"], "errors": results["errors"],
        "p50_s": statistics.median(latencies) if latencies else None,
        "p95_s": latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "max_s": latencies[-1] if latencies else None,
        "rss_mb_first_third_max": max(memory[:third]) if memory else None,
        "rss_mb_last_third_max": max(memory[-third:]) if memory else None,
        "rss_mb_peak": max(memory) if memory else None,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "load_results.json")
    args = parser.parse_args(argv)
    report = asyncio.run(run(args.sessions, min(args.seconds, 600.0)))
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    for key, value in report.items():
        print(f"{key}: {value if key != 'errors' else len(value)}")
    for error in report["errors"][:20]:
        print("  " + error)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
