"""The benchmark: the whole dashboard page against the page a competent
Streamlit user writes (benchmarks/naive_app.py), with the real data and
synthetic sets of 1e3 to 1e6 strikes (benchmarks/synthetic.py), in one run.

    .venv/bin/python -m benchmarks.run                      # all sizes, browser included
    .venv/bin/python -m benchmarks.run --sizes 1000 --reps 1 --no-browser   # a quick look

For each size, ours and the baselines run interleaved (ours, naive, naive
with five columns, then again), `--reps` times, and every figure is the
median of its repetitions:

- in Debian's Chromium (headless, software WebGL), on a fresh `streamlit run`
  each time: cold start (the server's start to the map canvas showing land),
  then four filter changes, each measured from the click to the page being
  idle again: the server's CPU time for the whole rerun (utime + stime of
  the Streamlit process, /proc/PID/stat, before and after) and every byte
  the browser received on the websocket; the server's resident memory after;
- with the real data, a click on a strike's mark until its summary shows,
  against a bare pydeck page that writes the selected object (on_select),
  with the server CPU and bytes of that click;
- export of all layers (`python -m geo export --layer all`) against a plain
  geopandas export of the same rows (benchmarks/plain_export.py), and the
  strikes as GeoParquet against geopandas' to_parquet, each a fresh process:
  wall time and peak resident memory (the child's rusage, via os.wait4).

It prints the table, writes benchmarks/results.json and rewrites the table
in docs/performance.md.
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

from benchmarks import playback
from benchmarks.synthetic import make_dataset, precision_mix

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "campaign-map-bench")
CHANGES = ["October 2025", "January 2026", "Whole campaign", "March 2026"]
APPROACHES = {  # name: (script, environment)
    "ours": ("dashboard.py", {}),
    "naive": ("benchmarks/naive_app.py", {"NAIVE_MODE": "full"}),
    "slim": ("benchmarks/naive_app.py", {"NAIVE_MODE": "slim"}),
}
CLICK_QUERY = "?start=2025-10-01&end=2025-10-31&region=eastern_pacific"
CLICKED = "S011"  # a strike with a reported position, in October 2025, in the eastern Pacific
TIMEOUT = 900_000  # ms: a million-record cold start on a busy machine
CHANGE_TIMEOUT = 180_000  # ms: a filter change that has started no run by then never will

CANVAS_DIGEST = """() => {
  const src = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  if (!src || !src.width) return '';
  const copy = document.createElement('canvas');
  copy.width = 96; copy.height = 64;
  const ctx = copy.getContext('2d');
  ctx.drawImage(src, 0, 0, 96, 64);
  const d = ctx.getImageData(0, 0, 96, 64).data;
  let colours = new Set();
  for (let i = 0; i < d.length; i += 4) colours.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
  return colours.size;
}"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def painted(page) -> float:
    """performance.now() once the browser has painted twice more."""
    return page.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
    )


def wait_for_drawn_map(page, timeout: float) -> None:
    """Until the map canvas shows land and sea (more than a handful of colours)."""
    page.wait_for_function(f"() => ({CANVAS_DIGEST})() > 8", timeout=timeout, polling="raf")


class Wire:
    """Every byte the page receives on its websockets."""

    def __init__(self, page):
        self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self.count))

    def count(self, payload) -> None:
        self.bytes += len(payload) if isinstance(payload, bytes) else len(payload.encode())


RUN_COUNTER = """
window.__runsFinished = 0;
new MutationObserver(changes => {
  for (const c of changes) {
    if (c.target.getAttribute('data-test-script-state') === 'notRunning' && c.oldValue !== 'notRunning') {
      window.__runsFinished += 1;
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""  # Streamlit's app element says when a run (or a fragment's run) has finished


def runs_finished(page) -> int:
    return page.evaluate("window.__runsFinished")


def script_state(page) -> str | None:
    return page.evaluate(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
    )


def settle(page, finished_before: int, timeout: float = TIMEOUT) -> None:
    """Until the run the change started has finished, and any run it asked for too."""
    page.wait_for_function("n => window.__runsFinished > n", arg=finished_before, timeout=timeout, polling=20)
    while True:
        page.wait_for_timeout(300)  # the last frames arrive and are counted; a follow-up run would have begun
        if script_state(page) == "notRunning":
            return
        finished = runs_finished(page)
        page.wait_for_function("n => window.__runsFinished > n", arg=finished, timeout=TIMEOUT, polling=20)


def page_session(data: Path, approach: str, chromium) -> dict:
    """A fresh server: cold start, then four filter changes."""
    from tests.browser.conftest import Server, wait_idle

    script, env = APPROACHES[approach]
    server = Server(env={"GEO_DATA_DIR": str(data), **env}, script=script)
    try:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(RUN_COUNTER)
        wire = Wire(page)
        page.goto(server.url + "/", timeout=TIMEOUT)
        page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=TIMEOUT)
        wait_for_drawn_map(page, timeout=TIMEOUT)
        painted(page)
        cold_start = time.perf_counter() - server.started
        wait_idle(page, timeout=TIMEOUT)  # the first run finishes before anything changes
        first_bytes = wire.bytes
        cpu, sent = [], []
        for choice in CHANGES:
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            option = page.get_by_role("option", name=choice, exact=True)
            option.wait_for(timeout=60_000)
            page.wait_for_timeout(300)
            before_cpu, before_bytes, before_runs = cpu_seconds(server.process.pid), wire.bytes, runs_finished(page)
            option.click()
            try:
                settle(page, before_runs, CHANGE_TIMEOUT)
            except Exception:  # the choice did not take (the list closed first): this change is not counted
                print(f"{approach}: the change to {choice} started no run; left out", flush=True)
                wait_idle(page, timeout=TIMEOUT)
                continue
            cpu.append(cpu_seconds(server.process.pid) - before_cpu)
            sent.append(wire.bytes - before_bytes)
        rss = server.rss_mb()
        page.close()
    finally:
        server.stop()
    return {"cold_start_s": cold_start, "first_load_bytes": first_bytes, "change_cpu_s": statistics.median(cpu),
            "change_bytes": statistics.median(sent), "change_bytes_max": max(sent), "server_rss_mb": rss}  # fmt: skip


def pixel_of(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    from geo.mapview import INITIAL_VIEW
    from tests.browser.test_browser import pixel_of as at

    assert INITIAL_VIEW.zoom  # both pages open on this view
    return at(lon, lat, width, height)


def click_session(data: Path, approach: str, chromium) -> dict:
    """A fresh server; a click on the strike's mark until its summary shows."""
    import pandas as pd

    from tests.browser.conftest import Server, wait_idle

    bare = approach != "ours"
    script, env = ("benchmarks/naive_app.py", {"NAIVE_MODE": "bare"}) if bare else APPROACHES["ours"]
    server = Server(env={"GEO_DATA_DIR": str(data), **env}, script=script)
    strikes = pd.read_csv(data / "strikes.csv").set_index("id")
    try:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(RUN_COUNTER)
        wire = Wire(page)
        page.goto(server.url + "/" + ("" if bare else CLICK_QUERY), timeout=TIMEOUT)
        wait_for_drawn_map(page, timeout=TIMEOUT)
        wait_idle(page, timeout=TIMEOUT)
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        box = canvas.bounding_box()
        x, y = pixel_of(strikes.at[CLICKED, "lon"], strikes.at[CLICKED, "lat"], box["width"], box["height"])
        page.wait_for_timeout(1500)
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.locator(".deck-tooltip").filter(has_text=CLICKED).wait_for(timeout=30_000)
        before_cpu, before_bytes, before_runs = cpu_seconds(server.process.pid), wire.bytes, runs_finished(page)
        shown = page.locator(".st-key-selected-summary" if not bare else '[data-testid="stMain"]')
        for attempt in range(3):  # a click that lands while the page is still settling is lost: click again
            start = page.evaluate("performance.now()")
            canvas.click(position={"x": x, "y": y})
            try:
                shown.get_by_text(f"{CLICKED}:").first.wait_for(timeout=30_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        seconds = (painted(page) - start) / 1000
        try:  # a fragment's run may not show in the app's state: then wait for the status widget
            settle(page, before_runs, 20_000)
        except Exception:
            wait_idle(page, timeout=TIMEOUT)
        result = {"click_s": seconds, "click_cpu_s": cpu_seconds(server.process.pid) - before_cpu,
                  "click_bytes": wire.bytes - before_bytes}  # fmt: skip
        page.close()
    finally:
        server.stop()
    return result


def child_run(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a fresh process (its own rusage, os.wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env={**os.environ, **(env or {})},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return wall, usage.ru_maxrss / 1024


def export_figures(data: Path, reps: int) -> dict:
    """Ours and the plain geopandas export, interleaved, fresh processes."""
    out = WORK / "exports"
    out.mkdir(parents=True, exist_ok=True)
    python, env = sys.executable, {"GEO_DATA_DIR": str(data)}
    commands = {
        "ours_zip": [python, "-m", "geo", "export", "--layer", "all", "-o", str(out / "ours.zip")],
        "plain_zip": [python, "-m", "benchmarks.plain_export", str(data), str(out / "plain.zip")],
        "ours_parquet": [python, "-m", "geo", "export", "--layer", "strikes", "-o", str(out / "ours.parquet")],
        "plain_parquet": [python, "-m", "benchmarks.plain_export", str(data), str(out / "plain.parquet"),
                          "--format", "parquet"],
    }  # fmt: skip
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(reps):
        for name, command in commands.items():
            runs[name].append(child_run(command, env))
    sizes = {name: (out / Path(command[command.index("-o") + 1] if "-o" in command else command[4]).name).stat().st_size
             for name, command in commands.items()}  # fmt: skip
    figures = {}
    for name, values in runs.items():
        figures[f"{name}_s"] = statistics.median(v[0] for v in values)
        figures[f"{name}_peak_mb"] = statistics.median(v[1] for v in values)
        figures[f"{name}_bytes"] = sizes[name]
    return figures


def playback_session(data: Path, approach: str, chromium) -> dict:
    """Playback (ours only: the naive page has none): the painted week to the next at the fastest speed."""
    found = playback.session(chromium, data)
    return {
        "step_to_step_s": found["painted_step_to_step"]["median_s"],
        "step_to_step_p90_s": found["painted_step_to_step"]["p90_s"],
        "label_to_map_s": found["label_to_painted_map"]["median_s"],
    }


def attempt(session, data: Path, name: str, chromium) -> dict | None:
    """One browser session's figures, or None (said) if it failed: one failure does not end the run."""
    try:
        return session(data, name, chromium)
    except Exception as err:  # noqa: BLE001 - reported and left out of the medians
        print(f"{name} at {data}: session failed, left out: {str(err).splitlines()[0]}", flush=True)
        return None


def median_of(sessions: list[dict]) -> dict:
    keys = sessions[0].keys()
    return {key: statistics.median(s[key] for s in sessions) for key in keys}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def repetitions(size, reps: int, light_reps: int, big_reps: int) -> int:
    """The real data and 1e5 (the targets' sizes) get `reps`; 1e6 `big_reps`; the others `light_reps`."""
    if size == "real" or size == 100_000:
        return reps
    return big_reps if size >= 1_000_000 else light_reps


def measure(sizes: list, reps: int, light_reps: int, big_reps: int, browser: bool) -> dict:
    from tests.browser.conftest import browser_missing

    if browser and browser_missing():
        print(f"browser figures skipped: {browser_missing()}", flush=True)
        browser = False
    chromium = context = None
    if browser:
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM, FLAGS

        context = sync_playwright().start()
        chromium = context.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    results = {}
    try:
        for size in sizes:
            data = REPO / "data" if size == "real" else make_dataset(WORK / str(size), size)
            times = repetitions(size, reps, light_reps, big_reps)
            entry: dict = {"size": size, "reps": times, "precision_mix": precision_mix(data), "load": load_average()}
            entry["export"] = export_figures(data, times)
            print(size, "export", fmt(entry["export"]), flush=True)
            if browser:
                sessions: dict[str, list] = {name: [] for name in APPROACHES}
                for _ in range(times):
                    for name in APPROACHES:
                        found = attempt(page_session, data, name, chromium)
                        if found:
                            sessions[name].append(found)
                            print(size, name, fmt(found), flush=True)
                entry["page"] = {name: median_of(found) for name, found in sessions.items() if found}
                if size == "real":
                    clicks: dict[str, list] = {"ours": [], "bare": []}
                    for _ in range(times):
                        for name in clicks:
                            found = attempt(click_session, data, name, chromium)
                            if found:
                                clicks[name].append(found)
                                print(size, name, "click", fmt(found), flush=True)
                    entry["click"] = {name: median_of(found) for name, found in clicks.items() if found}
                    played = [attempt(playback_session, data, "ours", chromium) for _ in range(times)]
                    played = [found for found in played if found]
                    for found in played:
                        print(size, "playback", fmt(found), flush=True)
                    if played:
                        entry["playback"] = median_of(played)
            results[str(size)] = entry
    finally:
        if chromium:
            chromium.close()
            context.stop()
    return results


def fmt(figures: dict) -> str:
    return ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())


# --- the table ---------------------------------------------------------------------------

METRICS = [  # (label, where, key, scale, format): where is page, click or export
    ("server CPU per filter change, ms", "page", "change_cpu_s", 1000, "{:,.0f}"),
    ("bytes per filter change, kB", "page", "change_bytes", 1 / 1000, "{:,.0f}"),
    ("first page load, kB", "page", "first_load_bytes", 1 / 1000, "{:,.0f}"),
    ("cold start to painted map, s", "page", "cold_start_s", 1, "{:.1f}"),
    ("server RSS after the changes, MB", "page", "server_rss_mb", 1, "{:,.0f}"),
    ("click on a mark to its summary, s", "click", "click_s", 1, "{:.2f}"),
    ("server CPU per click, ms", "click", "click_cpu_s", 1000, "{:,.0f}"),
    ("bytes per click, kB", "click", "click_bytes", 1 / 1000, "{:,.1f}"),
]
EXPORTS = [  # (label, ours, plain)
    ("export all layers (zip), s", "ours_zip_s", "plain_zip_s", "{:.2f}"),
    ("export all layers, peak MB", "ours_zip_peak_mb", "plain_zip_peak_mb", "{:,.0f}"),
    ("export all layers, file MB", "ours_zip_bytes", "plain_zip_bytes", "{:,.1f}"),
    ("export strikes as GeoParquet, s", "ours_parquet_s", "plain_parquet_s", "{:.2f}"),
    ("export strikes as GeoParquet, peak MB", "ours_parquet_peak_mb", "plain_parquet_peak_mb", "{:,.0f}"),
]


def ratio(a, b) -> str:
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def table(results: dict) -> str:
    head = ("| events | measure | ours | naive | naive, 5 columns | ours / naive | ours / naive 5 col. |\n"
            "|---|---|---|---|---|---|---|")  # fmt: skip
    lines = [head]
    for size, entry in results.items():
        shown = "real" if size == "real" else f"{int(size):,}"
        for label, where, key, scale, form in METRICS:
            found = entry.get(where)
            if not found:
                continue
            if where == "click":
                if not {"ours", "bare"} <= set(found):
                    continue
                ours, bare = found["ours"][key], found["bare"][key]
                lines.append(f"| {shown} | {label} (naive: bare pydeck page) | {form.format(ours * scale)} | "
                             f"{form.format(bare * scale)} | | {ratio(ours, bare)} | |")  # fmt: skip
                continue
            if not {"ours", "naive", "slim"} <= set(found):
                continue
            ours, naive, slim = (found[name][key] for name in ("ours", "naive", "slim"))
            lines.append(f"| {shown} | {label} | {form.format(ours * scale)} | {form.format(naive * scale)} | "
                         f"{form.format(slim * scale)} | {ratio(ours, naive)} | {ratio(ours, slim)} |")  # fmt: skip
        if entry.get("playback"):
            played = entry["playback"]
            p90 = played["step_to_step_p90_s"]
            lines.append(f"| {shown} | playback: one painted week to the next, s (a week every 0.5 s; 90th "
                         f"percentile {p90:.2f}) | {played['step_to_step_s']:.2f} | | | | |")  # fmt: skip
        for label, ours_key, plain_key, form in EXPORTS:
            scale = 1 / 1e6 if ours_key.endswith("bytes") else 1
            ours, plain = entry["export"][ours_key], entry["export"][plain_key]
            lines.append(f"| {shown} | {label} (naive: plain geopandas) | {form.format(ours * scale)} | "
                         f"{form.format(plain * scale)} | | {ratio(ours, plain)} | |")  # fmt: skip
    return "\n".join(lines)


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0]) // 1024**2
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}, {platform.platform()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--reps", type=int, default=3, help="repetitions with the real data and at 1e5 (median taken)")
    parser.add_argument("--light-reps", type=int, default=2, help="repetitions at the sizes between")
    parser.add_argument("--big-reps", type=int, default=1, help="repetitions at 1e6 and above")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-real", action="store_true", help="only the synthetic sizes")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--no-doc", action="store_true", help="leave docs/performance.md as it is")
    args = parser.parse_args(argv)
    load_before = load_average()
    sizes = args.sizes if args.no_real else ["real", *args.sizes]
    results = measure(sizes, args.reps, args.light_reps, args.big_reps, not args.no_browser)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = f"load average (1, 5, 15 min) {load_before} at the start, {load_average()} at the end"
    args.out.write_text(json.dumps({"when": stamp, "machine": machine(), "load": load, "results": results},
                                   indent=1) + "\n")  # fmt: skip
    print("\n" + table(results))
    if not args.no_doc:
        update_doc(REPO / "docs" / "performance.md", table(results), stamp, load)
    print(f"\nwrote {args.out}" + ("" if args.no_doc else " and docs/performance.md"))
    return 0


def update_doc(path: Path, rows_table: str, stamp: str, load: str) -> None:
    """Replace the table (and its date, machine and load) between the markers of docs/performance.md."""
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    block = f"{start}\nMeasured {stamp} on {machine()}; {load}.\n\n{rows_table}\n{end}"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(before + block + after, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
