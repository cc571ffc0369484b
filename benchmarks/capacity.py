"""Capacity through nginx: simulated readers that speak Streamlit's websocket
protocol, no browsers, on loopback only.

    .venv/bin/python -m benchmarks.capacity                      # 1 and 2 replicas, 5/10/20/40 readers, 60 s each
    .venv/bin/python -m benchmarks.capacity --replicas 2 --readers 30 --seconds 30

For each replica count it starts the stack of deploy/stack.sh (Debian's nginx
in front of N Streamlit replicas on 127.0.0.1), then for each reader count
runs that many readers at once for the given time. A reader does what a
browser does, at the protocol level: it loads the page through nginx (which
gives it the route cookie that keeps it on one replica), opens the websocket
/_stcore/stream, asks for a run with a random link (?start=..&end=..&region=..)
and then changes the filter every --interval seconds: a rerun BackMsg carrying
the new widget values (the date range and the regions) and the new query
string, as the browser sends when a reader changes the sidebar. Every run's
figures (the metric elements' values) must equal geo.stats totals for that
filter; anything else is a wrong figure.

It reports, per step: readers, filter changes per second, p50/p95/max from a
change to its figures and to the end of the run, opens, errors, wrong figures,
each replica's RSS and CPU time, and the CPU seconds one change cost. Bounded:
at most 600 s per step and MAX_CHANGES changes per reader; it talks only to
127.0.0.1 and stops the stack it started. Writes benchmarks/capacity_results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo import stats
from geo.catalog import load_catalog
from geo.query import Filter, select

REPO = Path(__file__).resolve().parent.parent
STACK = REPO / "deploy" / "stack.sh"
MAX_CHANGES = 1_000  # per reader, besides the time limit
MAX_SECONDS = 600.0  # per step
RUN_TIMEOUT = 120.0  # a run with no end by then is an error
DATES, PLACES = "From and to (inclusive)", "Regions, or finer reference zones"  # the sidebar's widgets
FIGURES = {  # the page's metric labels and the geo.stats totals they show
    "Strikes": "strikes", "Vessels": "vessels", "Killed": "killed", "Presumed dead": "presumed_dead",
    "Rescued": "rescued", "Fate unknown": "fate_unknown", "Deaths": "deaths",
}  # fmt: skip


# --- what the page must show ------------------------------------------------------


@dataclass(frozen=True)
class View:
    """A filter as a reader sets it, and the figures the page must show for it."""

    start: date
    end: date
    places: tuple[str, ...]  # region or zone ids
    labels: tuple[str, ...]  # the places as the multiselect offers them
    figures: dict = field(hash=False, compare=False)

    @property
    def query(self) -> str:
        return urlencode({"start": self.start.isoformat(), "end": self.end.isoformat(),
                          "region": list(self.places)}, doseq=True)  # fmt: skip


def shown(total: dict, key: str) -> str:
    """A figure as the page writes it: thousands separated, '≥ ' when a floor."""
    return f"≥ {total[key]:,}" if total.get(f"{key}_uncounted", 0) else f"{total[key]:,}"


def views(count: int, seed: int = 1) -> list[View]:
    """Random filters (dates within the data's span; all regions, one region, or
    one zone) with their figures from geo.stats, made before the clock starts."""
    catalog = load_catalog()
    rng = random.Random(seed)  # noqa: S311 - which filter a simulated reader picks, not a secret
    zones = catalog.zones
    regions = list(zones.regions.index)
    finer = [z for z in zones.ids if z not in regions]
    first, latest = catalog.first_record, catalog.latest_record
    span = (latest - first).days
    out = []
    for _ in range(count):
        a, b = sorted(rng.sample(range(span + 1), 2))
        start, end = first + timedelta(days=a), first + timedelta(days=b)
        kind = rng.random()
        places = () if kind < 0.4 else (rng.choice(regions),) if kind < 0.85 else (rng.choice(finer),)
        labels = tuple(zones.name(p) if p in regions else f"{zones.name(p)} (zone)" for p in places)
        total = stats.totals(select(catalog, Filter(start, end, places, ("strikes",)))["strikes"])
        out.append(View(start, end, places, labels, {label: shown(total, key) for label, key in FIGURES.items()}))
    return out


# --- one reader --------------------------------------------------------------------


@dataclass
class Tally:
    changes: list = field(default_factory=list)  # (seconds to figures, seconds to end of run)
    opens: list = field(default_factory=list)  # the same for each reader's first run
    errors: list = field(default_factory=list)
    wrong: list = field(default_factory=list)


class Session:
    """One reader's websocket session through nginx."""

    def __init__(self, base: str):
        self.base = base
        self.widgets: dict[str, str] = {}  # the sidebar's widgets: label -> widget id

    async def connect(self) -> None:
        cookie = await asyncio.to_thread(self.route_cookie)
        host = self.base.removeprefix("http://")
        self.ws = await websockets.connect(
            f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=self.base,
            additional_headers={"Cookie": cookie} if cookie else None, max_size=None, open_timeout=60,
        )  # fmt: skip

    def route_cookie(self) -> str:
        """Load the page as a browser does first; nginx answers with the route cookie."""
        with urllib.request.urlopen(self.base + "/", timeout=60) as reply:  # noqa: S310 - loopback only
            reply.read()
            cookies = reply.headers.get_all("Set-Cookie") or []
        return "; ".join(c.split(";", 1)[0] for c in cookies)

    async def run(self, view: View, first: bool) -> tuple[float, float, dict]:
        """Ask for a run of the view; wait for its end. Seconds to the figures and
        to the end of the run, and the figures received."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = view.query
        if not first:
            dates = state.widget_states.widgets.add()
            dates.id = self.widgets[DATES]
            dates.string_array_value.data.extend([view.start.isoformat(), view.end.isoformat()])
            places = state.widget_states.widgets.add()
            places.id = self.widgets[PLACES]
            places.string_array_value.data.extend(view.labels)
        began = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        figures: dict[str, str] = {}
        to_figures = None
        async with asyncio.timeout(RUN_TIMEOUT):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.ws.recv())
                kind = reply.WhichOneof("type")
                if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    element = reply.delta.new_element
                    what = element.WhichOneof("type")
                    if what == "metric":
                        figures[element.metric.label] = element.metric.body
                        if len(figures) == len(FIGURES) and to_figures is None:
                            to_figures = time.perf_counter() - began
                    elif what in ("date_input", "multiselect"):
                        widget = getattr(element, what)
                        self.widgets[widget.label] = widget.id
                elif kind == "script_finished":
                    return to_figures or float("nan"), time.perf_counter() - began, figures

    async def close(self) -> None:
        await self.ws.close()


async def reader(number: int, base: str, pool: list[View], seconds: float, interval: float, ramp: float,
                 tally: Tally) -> None:  # fmt: skip
    rng = random.Random(number)  # noqa: S311
    await asyncio.sleep(ramp * number)  # readers arrive over the ramp, not in one instant
    deadline = time.monotonic() + seconds
    session = Session(base)
    try:
        await session.connect()
        view = rng.choice(pool)
        to_figures, to_end, figures = await session.run(view, first=True)
        tally.opens.append((to_figures, to_end))
        check(view, figures, tally, number)
        changes = 0
        next_at = time.monotonic() + rng.uniform(0, interval)
        while changes < MAX_CHANGES:
            await asyncio.sleep(max(0.0, min(next_at, deadline) - time.monotonic()))
            if time.monotonic() >= deadline:
                break
            next_at = time.monotonic() + interval
            view = rng.choice(pool)
            to_figures, to_end, figures = await session.run(view, first=False)
            tally.changes.append((to_figures, to_end))
            check(view, figures, tally, number)
            changes += 1
    except Exception as err:  # a refused connection, a timeout, a closed socket: all count
        tally.errors.append(f"reader {number}: {err.__class__.__name__}: {err}"[:300])
    finally:
        if hasattr(session, "ws"):
            await session.close()


def check(view: View, figures: dict, tally: Tally, number: int) -> None:
    if figures != view.figures:
        tally.wrong.append(f"reader {number}: {view.query}: got {figures}, expected {view.figures}")


# --- the stack and its processes ------------------------------------------------


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports on 127.0.0.1."""
    import socket

    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        held = []
        try:
            for port in range(first, first + count):
                sock = socket.socket()
                held.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in held:
                sock.close()
    raise RuntimeError("no free ports")


class Stack:
    def __init__(self, replicas: int):
        self.directory = Path(tempfile.mkdtemp(prefix="campaign-capacity-"))
        self.directory.chmod(0o755)  # nginx's workers read the feed from here
        self.port, self.app_port = free_ports(1), free_ports(replicas)
        self.replicas = replicas
        self.env = {**os.environ, "STACK_DIR": str(self.directory), "STACK_PORT": str(self.port),
                    "APP_PORT": str(self.app_port), "PYTHON": sys.executable}  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Stack:
        started = subprocess.run(["bash", str(STACK), "start", str(self.replicas)], env=self.env, check=False,
                                 capture_output=True, text=True, timeout=300)  # fmt: skip
        if started.returncode:
            self.__exit__()
            raise RuntimeError(f"the stack did not start: {started.stderr}")
        return self

    def __exit__(self, *exc) -> None:
        subprocess.run(["bash", str(STACK), "stop"], env=self.env, check=False, capture_output=True, timeout=120)
        shutil.rmtree(self.directory, ignore_errors=True)

    def app_pids(self) -> list[int]:
        return [int((self.directory / f"app-{i}.pid").read_text()) for i in range(self.replicas)]

    def nginx_pids(self) -> list[int]:
        master = int((self.directory / "nginx.pid.stack").read_text())
        workers = [pid for pid in all_pids() if parent_of(pid) == master]
        return [master, *workers]


def all_pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def watch(pids: list[int], samples: dict, stop: threading.Event) -> None:
    while not stop.is_set():
        for pid in pids:
            with contextlib.suppress(OSError):  # a replica that died is reported by its readers
                samples.setdefault(pid, []).append(rss_mb(pid))
        stop.wait(1.0)


# --- a step: N readers for T seconds ------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    values = sorted(v for v in values if v == v)
    return round(values[min(len(values) - 1, int(q * len(values)))], 3) if values else None


async def readers_at_once(base: str, count: int, pool: list[View], seconds: float, interval: float) -> Tally:
    tally = Tally()
    ramp = min(10.0, seconds / 6) / max(count, 1)
    await asyncio.gather(*(reader(n, base, pool, seconds, interval, ramp, tally) for n in range(count)))
    return tally


def step(stack: Stack, count: int, pool: list[View], seconds: float, interval: float) -> dict:
    apps, proxies = stack.app_pids(), stack.nginx_pids()
    load_before = Path("/proc/loadavg").read_text().split()[0]
    access_log = stack.directory / "nginx-access.log"
    log_from = access_log.stat().st_size
    own_cpu = time.process_time()
    cpu_before = {pid: cpu_seconds(pid) for pid in apps + proxies}
    samples: dict = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(apps, samples, stop), daemon=True)
    watcher.start()
    began = time.monotonic()
    try:
        tally = asyncio.run(readers_at_once(stack.url, count, pool, seconds, interval))
    finally:
        stop.set()
        watcher.join()
    wall = time.monotonic() - began
    own_cpu = time.process_time() - own_cpu
    with access_log.open("rb") as fh:
        fh.seek(log_from)
        sessions = Counter(re.findall(rb"/_stcore/stream HTTP/1.1\" 101 .*? upstream=\S*?:(\d+)", fh.read()))
    cpu = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in apps + proxies}
    app_cpu = sum(cpu[pid] for pid in apps)
    runs = len(tally.changes) + len(tally.opens)
    figures = [f for f, _ in tally.changes]
    ends = [e for _, e in tally.changes]
    return {
        "replicas": stack.replicas, "readers": count, "seconds": seconds, "interval_s": interval,
        "wall_s": round(wall, 1), "opens": len(tally.opens), "changes": len(tally.changes),
        "changes_per_s": round(len(tally.changes) / seconds, 2), "runs_per_s": round(runs / wall, 2),
        "p50_change_to_figures_s": percentile(figures, 0.5), "p95_change_to_figures_s": percentile(figures, 0.95),
        "max_change_to_figures_s": percentile(figures, 1.0),
        "p50_change_to_end_s": percentile(ends, 0.5), "p95_change_to_end_s": percentile(ends, 0.95),
        "p50_open_to_figures_s": percentile([f for f, _ in tally.opens], 0.5),
        "p95_open_to_figures_s": percentile([f for f, _ in tally.opens], 0.95),
        "errors": len(tally.errors), "wrong_figures": len(tally.wrong),
        "error_examples": tally.errors[:5], "wrong_examples": tally.wrong[:3],
        "rss_mb_peak_per_replica": [round(max(samples.get(pid, [0])), 1) for pid in apps],
        "rss_mb_end_per_replica": [round(samples.get(pid, [0])[-1], 1) for pid in apps],
        "cpu_s_per_replica": [round(cpu[pid], 1) for pid in apps],
        "cpu_s_nginx": round(sum(cpu[pid] for pid in proxies), 2),
        "cpu_s_load_generator": round(own_cpu, 1),
        # websocket sessions nginx sent to each replica (the route cookie is random)
        "sessions_per_replica": [sessions.get(str(stack.app_port + i).encode(), 0) for i in range(stack.replicas)],
        "app_cpu_s_per_run": round(app_cpu / runs, 3) if runs else None,
        # the machine is shared: its load before and after the step (1-minute average)
        "loadavg_before_after": [float(load_before), float(Path("/proc/loadavg").read_text().split()[0])],
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--readers", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--seconds", type=float, default=60.0, help="each step's length (at most 600)")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between a reader's filter changes")
    parser.add_argument("--views", type=int, default=300, help="random filters to draw from")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "capacity_results.json")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the stack on the way out
    seconds = min(args.seconds, MAX_SECONDS)
    pool = views(args.views)
    report = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "steps": []}
    for replicas in args.replicas:
        with Stack(replicas) as stack:
            asyncio.run(warm_up(stack, pool))
            for count in args.readers:
                result = step(stack, count, pool, seconds, args.interval)
                report["steps"].append(result)
                print(summary(result), flush=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    bad = sum(s["errors"] + s["wrong_figures"] for s in report["steps"])
    return 1 if bad else 0


async def warm_up(stack: Stack, pool: list[View]) -> None:
    """One run on each replica before the clock starts (the first loads the data)."""
    tally = Tally()
    await asyncio.gather(*(reader(n, stack.url, pool, 0.0, 1.0, 0.0, tally) for n in range(4 * stack.replicas)))
    if tally.errors or tally.wrong:
        raise RuntimeError(f"warm-up failed: {(tally.errors + tally.wrong)[:3]}")


def summary(r: dict) -> str:
    return (
        f"{r['replicas']} replica(s), {r['readers']} readers, {r['seconds']:.0f} s: {r['changes_per_s']} changes/s, "
        f"change to figures p50 {r['p50_change_to_figures_s']} s, p95 {r['p95_change_to_figures_s']} s, "
        f"max {r['max_change_to_figures_s']} s; opens {r['opens']} (p95 {r['p95_open_to_figures_s']} s); "
        f"errors {r['errors']}, wrong figures {r['wrong_figures']}; RSS peak {r['rss_mb_peak_per_replica']} MB; "
        f"sessions {r['sessions_per_replica']}; CPU {r['cpu_s_per_replica']} s, nginx {r['cpu_s_nginx']} s, "
        f"load generator {r['cpu_s_load_generator']} s; {r['app_cpu_s_per_run']} CPU s per run"
    )


if __name__ == "__main__":
    sys.exit(main())
