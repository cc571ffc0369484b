"""Playback in Chromium: the time from one painted week to the next.

    .venv/bin/python -m benchmarks.playback            # real data; writes benchmarks/playback_results.json

The page is opened on the real data (or GEO_DATA_DIR), set to the fastest
speed (a week every 0.5 s) and played. A recorder in the page samples, every
animation frame, the week label above the map and a digest of the map's
canvas; a week is *painted* at the first canvas change after its label
appears. Reported: the median and 90th percentile of the time from one
painted week to the next (the goal is within 1 s on this machine), and of the
time from a label to its painted map. With software WebGL (no GPU, as here)
Chromium's drawing is part of both figures.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "playback_results.json"
STEPS = 24  # weeks measured after the first few
RECORDER = """() => {
  const rec = {labels: [], paints: [], last: '', label: ''};
  window.__playback = rec;
  const copy = document.createElement('canvas');
  copy.width = 96; copy.height = 64;
  const ctx = copy.getContext('2d', {willReadFrequently: true});
  const loop = () => {
    const now = performance.now();
    const status = document.querySelector('.st-key-playback-status');
    const label = status ? status.innerText.split('\\n')[0] : '';
    if (label !== rec.label) { rec.label = label; rec.labels.push([now, label]); }
    const src = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
    if (src && src.width) {
      ctx.drawImage(src, 0, 0, 96, 64);
      const d = ctx.getImageData(0, 0, 96, 64).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] * 7 + d[i + 1] * 13 + d[i + 2]) >>> 0;
      const digest = String(h);
      if (digest !== rec.last) { rec.last = digest; rec.paints.push(now); }
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}"""


def painted_weeks(labels: list[tuple[float, str]], paints: list[float]) -> list[tuple[float, float]]:
    """(label time, paint time) of each week label that a canvas change followed before the next label."""
    out = []
    weeks = [(t, text) for t, text in labels if text.startswith("Week ")]
    for i, (when, _) in enumerate(weeks):
        until = weeks[i + 1][0] if i + 1 < len(weeks) else float("inf")
        after = [p for p in paints if when <= p < until]
        if after:
            out.append((when, after[0]))
    return out


def summary(values: list[float]) -> dict:
    if not values:
        return {"median_s": None, "p90_s": None, "n": 0}
    ordered = sorted(values)
    return {
        "median_s": round(statistics.median(ordered), 3),
        "p90_s": round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], 3),
        "n": len(ordered),
    }


def measure(chromium, url: str) -> dict:
    from tests.browser.conftest import wait_for_map, wait_idle

    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(url)
        wait_for_map(page, timeout=120_000)
        speed = page.locator(".st-key-playback [data-testid='stSelectbox']")
        speed.locator("input").first.click()
        page.get_by_role("option", name="Fast (0.5 s a week)").click()
        wait_idle(page)
        page.evaluate(RECORDER)
        page.get_by_role("button", name="Play week by week").click()
        page.wait_for_function(
            f"() => window.__playback.labels.filter(l => l[1].startsWith('Week ')).length >= {STEPS + 3}",
            timeout=STEPS * 10_000,
        )
        page.get_by_role("button", name="Pause").click()
        record = page.evaluate("() => window.__playback")
    finally:
        page.close()
    weeks = painted_weeks([tuple(x) for x in record["labels"]], record["paints"])[2:]  # the first steps warm up
    step_to_step = [(b[1] - a[1]) / 1000 for a, b in zip(weeks, weeks[1:])]
    label_to_paint = [(paint - label) / 1000 for label, paint in weeks]
    return {
        "timer_s": 0.5,
        "painted_step_to_step": summary(step_to_step),
        "label_to_painted_map": summary(label_to_paint),
        "weeks_seen": len([x for x in record["labels"] if x[1].startswith("Week ")]),
        "weeks_painted": len(weeks) + 2,
    }


def run() -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, FLAGS, Server

    server = Server()
    try:
        server.wait_healthy()
        with sync_playwright() as context:
            chromium = context.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                return measure(chromium, server.url)
            finally:
                chromium.close()
    finally:
        server.stop()


def main() -> int:
    result = run()
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
