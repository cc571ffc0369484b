"""The deployment stack of deploy/stack.sh: Debian's nginx in front of two
Streamlit replicas on loopback, driven by Debian's Chromium.

Without nginx or Chromium these tests skip on a user's machine; in CI
(CI=true or REQUIRE_BROWSER=1, set by .ci/run) a missing one is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import browser_missing, free_port

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "deploy" / "stack.sh"
NGINX = os.environ.get("NGINX_BIN") or shutil.which("nginx") or "/usr/sbin/nginx"
LOG_LINE = re.compile(  # the campaign log_format of deploy/nginx.conf.template
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* route=(?P<route>\S*) upstream=(?P<tried>.*?) rt='
)


def required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"


def missing() -> str | None:
    if not Path(NGINX).exists():
        return f"nginx not found at {NGINX} (apt-get install nginx)"
    return browser_missing()


@dataclass
class Stack:
    directory: Path
    url: str
    app_ports: list[int]
    env: dict

    def log(self) -> list[dict]:
        """The access log: one dict per request (path, status, route cookie, upstream)."""
        text = (self.directory / "nginx-access.log").read_text(encoding="utf-8")
        rows = [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m]
        for row in rows:  # nginx lists every replica it tried; the last one answered
            row["up"] = row["tried"].split(", ")[-1]
        return rows

    def upstreams_of(self, route: str) -> set[str]:
        """The replicas (host:port) that served requests carrying this route cookie."""
        return {row["up"] for row in self.log() if row["route"] == route and row["up"] not in ("", "-")}

    def pid_of(self, port: int) -> int:
        index = self.app_ports.index(port)
        return int((self.directory / f"app-{index}.pid").read_text())

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(STACK), *args], env=self.env, capture_output=True, text=True, timeout=300, check=False
        )


@pytest.fixture(scope="session")
def stack():
    reason = missing()
    if reason:
        if required():
            pytest.fail(f"deployment tests are required here but {reason}")
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="campaign-stack-"))
    directory.chmod(0o755)  # nginx's workers run as nobody when the tests run as root
    port, first = free_port(), free_port()
    while first + 1 == port or not port_free(first + 1):
        first = free_port()
    env = {**os.environ, "STACK_DIR": str(directory), "STACK_PORT": str(port), "APP_PORT": str(first),
           "PYTHON": sys.executable, "NGINX_BIN": NGINX}  # fmt: skip
    running = Stack(directory, f"http://127.0.0.1:{port}", [first, first + 1], env)
    started = running.run("start", "2")
    if started.returncode != 0:
        logs = "\n".join(p.read_text(errors="replace")[-1500:] for p in directory.glob("*.log"))
        running.run("stop")
        pytest.fail(f"stack did not start: {started.stderr}\n{logs}")
    yield running
    running.run("stop")
    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    for log in directory.glob("*.log"):
        shutil.copy(log, artifacts / f"stack-{log.name}")
    shutil.rmtree(directory, ignore_errors=True)


def port_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="session")
def chromium(stack, browser):
    """The run's one Chromium (tests/conftest.py), once the stack is up."""
    return browser
