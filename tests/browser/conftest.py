"""A real browser on a real server: Streamlit started on a free port, Debian's
Chromium driven by Playwright (never `playwright install`).

Without Chromium these tests skip on a user's machine; in CI
(REQUIRE_BROWSER=1, set by .ci/run) a missing browser is a failure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = REPO / "artifacts"


def browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


HANDED_OUT: set[int] = set()  # ports free_port() gave this run (a server may not have bound them yet)


def free_port() -> int:
    """A free port; within TEST_PORTS (e.g. 8750-8799) when set, for a machine shared by several runs,
    never one already handed out in this run."""
    low, _, high = os.environ.get("TEST_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        if port and port in HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            HANDED_OUT.add(sock.getsockname()[1])
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in TEST_PORTS={os.environ['TEST_PORTS']}")


class Server:
    """`streamlit run dashboard.py` on loopback, stopped when the test ends."""

    def __init__(self, env: dict | None = None, script: str = "dashboard.py"):
        self.started = time.perf_counter()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = ARTIFACTS / f"streamlit-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        command = [
            sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=REPO, env={**os.environ, **(env or {})},
            stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait_healthy()

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(status.split("VmRSS:")[1].split()[0]) / 1024

    def wait_healthy(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:  # noqa: S310
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not come up in {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def server(browser):
    running = Server()
    yield running
    running.stop()


# Opened at a page's own address (/record, /totals), Streamlit's frontend first asks
# that path for its health and host config (in case the app is served under a
# path prefix), is answered 404, then asks the root: those probes are not errors.
PREFIX_PROBES = ("/_stcore/health", "/_stcore/host-config")


def real_error(msg) -> bool:
    return msg.type == "error" and not (msg.location or {}).get("url", "").endswith(PREFIX_PROBES)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: page.errors.append(f"console: {msg.text}") if real_error(msg) else None)
    yield page
    context.close()


def wait_for_map(page, timeout: float = 60_000) -> None:
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=timeout)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout)
    wait_idle(page)


def wait_idle(page, timeout: float = 60_000) -> None:
    """Until Streamlit has finished the current run."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def metric(page, label: str) -> str:
    """The shown value of a figure, as the page writes it (thousands separated)."""
    block = page.locator('[data-testid="stMetric"]', has_text=label).first
    return block.locator('[data-testid="stMetricValue"]').inner_text().strip()
