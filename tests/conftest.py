"""Shared test helpers: tiny zones built in the test, and copies of the real
data that a test may break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.zones import Zones

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def tiny_zones() -> Zones:
    """Two regions side by side (west: 'Sea A', east: 'Sea B') and one zone in A."""
    frame = gpd.GeoDataFrame(
        {
            "id": ["sea_a", "sea_b", "a_north"],
            "name": ["Sea A", "Sea B", "North of A"],
            "kind": ["region", "region", "zone"],
            "region": ["Sea A", "Sea B", "Sea A"],
            "ref_lon": [-15.0, 5.0, -15.0],
            "ref_lat": [0.0, 0.0, 5.0],
        },
        geometry=[box(-20, -10, 0, 10), box(0, -10, 20, 10), box(-20, 0, -10, 10)],
        crs=4326,
    )
    return Zones.from_frame(frame)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the project's data/ and seeds/; returns the data directory."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


def edit_csv(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (line numbers as editors show them)."""
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def read_cell(path: Path, line: int, column: str) -> str:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[line - 1][rows[0].index(column)]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, shared by the browser and deployment tests
    (Playwright's sync API allows one running instance per process)."""
    from tests.browser.conftest import CHROMIUM, FLAGS, browser_missing

    reason = browser_missing()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def explicit_encoding(monkeypatch):
    """Every text file opened through pathlib names its encoding: the data is
    UTF-8 whatever the machine's locale, which a file opened without one
    would be read with."""
    import io

    real = io.text_encoding

    def strict(encoding, stacklevel=2):
        if encoding is None:
            raise AssertionError("a text file was opened without its encoding")
        return real(encoding, stacklevel)

    monkeypatch.setattr(io, "text_encoding", strict)
