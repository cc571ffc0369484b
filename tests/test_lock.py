"""The lock files: every top-level pin is locked at its version, with hashes,
the tests' lock agrees with the dashboard's, and the scripts install from them."""

import re

from tests.conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(file: str) -> dict[str, str]:
    return {name(n): v for n, v in PIN.findall((REPO / file).read_text(encoding="utf-8"))}


def test_every_top_level_pin_is_locked_at_its_version():
    for top, lock in (("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")):
        locked = pins(lock)
        for package, version in pins(top).items():
            assert locked.get(package) == version, (lock, package, version, locked.get(package))
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert all(dev.get(package) == version for package, version in runtime.items())
    assert len(runtime) > 30  # the whole tree, not the top level alone


def test_every_locked_package_has_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (REPO / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
        for entry in entries:
            if PIN.match(entry):
                assert "--hash=sha256:" in entry, (lock, entry.splitlines()[0])


def test_the_scripts_install_from_the_locks():
    assert "-r requirements.lock" in (REPO / "run.sh").read_text()
    assert "-r requirements-dev.lock" in (REPO / "test.sh").read_text()
    assert "-r requirements-dev.lock" in (REPO / "bench.sh").read_text()
    assert "./test.sh" in (REPO / ".ci" / "run").read_text()
