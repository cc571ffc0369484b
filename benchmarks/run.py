"""The benchmark: our dashboard against the naive approach, at 1e3 to 1e6
events, in one run.

    .venv/bin/python -m benchmarks.run                 # all sizes, browser included
    .venv/bin/python -m benchmarks.run --sizes 1000 100000 --no-browser

For the real data and each synthetic size it measures, for ours and for the
naive baseline (benchmarks/naive_app.py): load, filter, map-spec build, spec
size and GeoJSON export on the server (benchmarks/serverside.py, in a fresh
process each), and in Debian's Chromium the time from `streamlit run` to the
first painted map and from a filter change to the repainted map, with the
server's resident memory. It prints a table, writes benchmarks/results.json
and rewrites docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.synthetic import make_dataset

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "campaign-map-bench")
NAIVE_BROWSER_MAX = 100_000  # above this the naive spec passes Streamlit's 200 MB message limit
CHANGES = ["October 2025", "January 2026", "Whole campaign", "March 2026"]


def serverside(data: Path, which: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.serverside", str(data), which],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


CANVAS_DIGEST = """() => {
  const src = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  if (!src || !src.width) return '';
  const copy = document.createElement('canvas');
  copy.width = 96; copy.height = 64;
  const ctx = copy.getContext('2d');
  ctx.drawImage(src, 0, 0, 96, 64);
  const d = ctx.getImageData(0, 0, 96, 64).data;
  let h = 0, colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    h = (h * 31 + d[i] * 7 + d[i + 1] * 13 + d[i + 2]) >>> 0;
    colours.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
  }
  return colours.size + ':' + h;
}"""


def painted(page) -> float:
    """performance.now() once the browser has painted twice more."""
    return page.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
    )


def wait_for_drawn_map(page, timeout: float) -> None:
    """Until the map canvas shows land and sea (more than a handful of colours)."""
    page.wait_for_function(
        f"() => {{ const d = ({CANVAS_DIGEST})(); return d && parseInt(d.split(':')[0]) > 8; }}",
        timeout=timeout, polling="raf",
    )  # fmt: skip


def wait_for_new_map(page, before: str, timeout: float) -> None:
    """Until the map canvas differs from what it showed before the change."""
    page.wait_for_function(
        f"(before) => {{ const d = ({CANVAS_DIGEST})(); return d && d !== before; }}",
        arg=before, timeout=timeout, polling="raf",
    )  # fmt: skip


def browser_figures(data: Path, script: str, chromium) -> dict:
    from tests.browser.conftest import Server, wait_for_map, wait_idle

    server = Server(env={"GEO_DATA_DIR": str(data)}, script=script)
    try:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url + "/", timeout=600_000)
        page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=600_000)
        wait_for_drawn_map(page, timeout=600_000)
        painted(page)
        cold_start = time.perf_counter() - server.started
        wait_for_map(page, timeout=600_000)  # let the first run finish before changing anything
        repaint = []
        for choice in CHANGES:
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            option = page.get_by_role("option", name=choice, exact=True)
            option.wait_for()
            page.mouse.move(5, 5)  # no hover highlight on the map while it is compared
            before = page.evaluate(CANVAS_DIGEST)
            start = page.evaluate("performance.now()")
            option.click()
            wait_for_new_map(page, before, timeout=600_000)
            repaint.append((painted(page) - start) / 1000)
            wait_idle(page, timeout=600_000)
        rss = server.rss_mb()
        page.close()
    finally:
        server.stop()
    return {"cold_start_s": cold_start, "repaint_s": statistics.median(repaint), "server_rss_mb": rss}


def measure(sizes: list[int], browser: bool) -> list[dict]:
    rows = []
    chromium = context = None
    from tests.browser.conftest import browser_missing

    if browser and browser_missing():
        print(f"browser figures skipped: {browser_missing()}", flush=True)
        browser = False
    if browser:
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM, FLAGS

        context = sync_playwright().start()
        chromium = context.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    try:
        for size in ["real", *sizes]:
            data = REPO / "data" if size == "real" else make_dataset(WORK / str(size), size)
            for which in ("ours", "naive"):
                row = {"size": size, "approach": which, **serverside(data, which)}
                big_naive = which == "naive" and size != "real" and size > NAIVE_BROWSER_MAX
                if browser and not big_naive:
                    script = "dashboard.py" if which == "ours" else "benchmarks/naive_app.py"
                    row.update(browser_figures(data, script, chromium))
                rows.append(row)
                print(line(row), flush=True)
    finally:
        if chromium:
            chromium.close()
            context.stop()
    return rows


COLUMNS = [
    ("size", "events", "{}"), ("approach", "approach", "{}"), ("load_s", "load s", "{:.2f}"),
    ("filter_s", "filter ms", "{:.0f}", 1000), ("spec_s", "spec build ms", "{:.0f}", 1000),
    ("spec_bytes", "spec kB", "{:,.0f}", 1 / 1000), ("export_s", "GeoJSON export s", "{:.2f}"),
    ("cold_start_s", "cold start s", "{:.1f}"), ("repaint_s", "filter to repaint s", "{:.2f}"),
    ("server_rss_mb", "server RSS MB", "{:,.0f}"),
]  # fmt: skip


def cell(row: dict, spec) -> str:
    key, _, fmt, *scale = spec
    value = row.get(key)
    if value is None:
        return "n/a"
    if key == "size":
        return value if value == "real" else f"{value:,}"
    return fmt.format(value * (scale[0] if scale else 1))


def line(row: dict) -> str:
    return " | ".join(cell(row, spec) for spec in COLUMNS)


def table(rows: list[dict]) -> str:
    head = "| " + " | ".join(spec[1] for spec in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    return "\n".join([head, rule, *("| " + line(row) + " |" for row in rows)])


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0]) // 1024**2
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}, {platform.platform()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    args = parser.parse_args(argv)
    rows = measure(args.sizes, not args.no_browser)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    args.out.write_text(json.dumps({"when": stamp, "machine": machine(), "rows": rows}, indent=1) + "\n")
    print("\n" + table(rows))
    update_doc(REPO / "docs" / "performance.md", table(rows), stamp)
    print(f"\nwrote {args.out} and docs/performance.md")
    return 0


def update_doc(path: Path, rows_table: str, stamp: str) -> None:
    """Replace the table (and its date and machine) between the markers of docs/performance.md."""
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    block = f"{start}\nMeasured {stamp} on {machine()}.\n\n{rows_table}\n{end}"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(before + block + after, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
