"""The static release feed (`python -m geo release -o DIR`) on the real data:
checksums verify, every file parses, the version is the release's, a
published release is never silently changed, latest follows the release."""

from __future__ import annotations

import csv
import hashlib
import json
import os

import geopandas as gpd
import pytest

from geo.catalog import load_catalog
from geo.cli import main
from geo.export import placed_honestly
from geo.feed import CHECKSUMS, FeedError, point_latest, verify, write_feed
from geo.paths import REPO, DataPaths
from geo.query import Filter, select
from geo.release import read_release
from geo.schema import LAYERS

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    out = tmp_path_factory.mktemp("feed")
    assert main(["release", "-o", str(out)]) == 0
    return out


def test_the_feed_is_the_current_release(feed):
    release, _ = read_release(DataPaths.resolve().changelog)
    assert os.readlink(feed / "latest") == release.version
    meta = json.loads((feed / "latest" / "release.json").read_text(encoding="utf-8"))
    assert meta["version"] == release.version
    package = json.loads((feed / release.version / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == release.version


def test_checksums_verify_with_an_independent_reader(feed):
    folder = feed / "latest"
    lines = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {CHECKSUMS}
    assert set(listed) == on_disk
    assert verify(folder) == []


def test_every_layer_parses_in_each_format_with_every_record(feed):
    catalog = load_catalog()
    whole = select(catalog, Filter())
    folder = feed / "latest"
    for layer in LAYERS:
        ids = list(whole[layer]["id"])
        geojson = json.loads((folder / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert [f["properties"]["id"] for f in geojson["features"]] == ids
        assert geojson["release"]["version"] == catalog.release.version
        with (folder / f"{layer}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert [r["id"] for r in rows] == ids and {r["release"] for r in rows} == {catalog.release.version}
        parquet = gpd.read_parquet(folder / f"{layer}.parquet")
        assert list(parquet["id"]) == ids and parquet.crs.to_epsg() == 4326
        shapes = placed_honestly(whole[layer], catalog.zones).geometry.reset_index(drop=True)
        same = parquet.geometry.geom_equals_exact(shapes, 1e-9) | (parquet.geometry.isna() & shapes.isna())
        assert same.all(), layer
    zones = gpd.read_parquet(folder / "zones.parquet")
    assert set(zones["id"]) == set(catalog.zones.ids)


def test_the_data_package_validates_against_the_copied_tables(feed):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(feed / "latest" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert (feed / "latest" / "data" / "strikes.csv").read_bytes() == (REPO / "data" / "strikes.csv").read_bytes()


def test_writing_the_same_release_again_changes_nothing(feed):
    before = (feed / "latest" / CHECKSUMS).read_text(encoding="utf-8")
    written = write_feed(load_catalog(), feed)
    assert written.unchanged and (feed / "latest" / CHECKSUMS).read_text(encoding="utf-8") == before
    assert not [p for p in feed.iterdir() if p.name.startswith(".")], "staging left behind"


def test_a_changed_release_under_the_same_version_is_refused(tmp_path, data_copy):
    out = tmp_path / "feed"
    write_feed(load_catalog(data_copy), out)
    notes = data_copy / "README.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # not part of the feed
    assert write_feed(load_catalog(data_copy), out).unchanged
    changelog = data_copy / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\nA late note.\n", encoding="utf-8")
    with pytest.raises(FeedError, match="new release"):
        write_feed(load_catalog(data_copy), out)
    assert verify(out / "latest") == []  # the published files were left alone


def test_latest_moves_to_a_new_release_and_old_ones_stay(tmp_path):
    (tmp_path / "2026-01-01").mkdir()
    (tmp_path / "2026-02-01").mkdir()
    point_latest(tmp_path, "2026-01-01")
    point_latest(tmp_path, "2026-02-01")
    assert os.readlink(tmp_path / "latest") == "2026-02-01" and (tmp_path / "2026-01-01").is_dir()


def test_a_broken_dataset_writes_no_feed(tmp_path, data_copy):
    (data_copy / "strikes.csv").write_text("id,date\nS001,not a date\n", encoding="utf-8")
    assert main(["release", "-o", str(tmp_path / "feed"), "--data-dir", str(data_copy)]) == 1
    assert not (tmp_path / "feed").exists()


def test_the_page_links_to_the_feed(monkeypatch):
    from streamlit.testing.v1 import AppTest

    def captions() -> str:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120).run()
        return " ".join(c.value for c in at.caption)

    assert "](/feed/latest/)" in captions()
    monkeypatch.setenv("FEED_URL", "https://data.example.org/campaign/latest/")
    assert "](https://data.example.org/campaign/latest/)" in captions()
