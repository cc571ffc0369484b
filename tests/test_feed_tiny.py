"""The release feed of the tiny data set (tests/test_validate_checks.py):
exactly the files promised, checksums an independent reader verifies, a
published release never changed, and `latest` switched in one step."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from geo import graphics
from geo.catalog import load_catalog
from geo.feed import CHECKSUMS, FeedError, point_latest, read_checksums, sha256, verify, write_feed
from tests.conftest import edit_csv
from tests.test_validate_checks import write_data

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

VERSION = "2025-11-01"
FILES = sorted([
    *(f"{layer}.{kind}" for layer in ("strikes", "deployments", "sites", "events") for kind in ("geojson", "csv",
                                                                                                "parquet")),
    "zones.geojson", "zones.parquet", "datapackage.json", "CHANGELOG.md", "map.png", "preview.png", "release.json",
    *(f"data/{t}.csv" for t in ("strikes", "deployments", "sites", "site_status", "events", "tallies")),
    "seeds/sources.csv",
])  # fmt: skip


@pytest.fixture(autouse=True)
def quick_maps(monkeypatch):
    """The maps as their format and resolution (geo.graphics draws them: tests/test_graphics.py;
    tests/test_feed.py writes the real release with its real maps)."""
    monkeypatch.setattr(graphics, "image", lambda scene, fmt, dpi=graphics.PRINT_DPI: f"{fmt} at {dpi} dpi".encode())


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "copy").mkdir()
    return write_data(tmp_path / "copy")


def test_the_release_is_exactly_its_files_with_checksums_last(tiny, tmp_path):
    written = write_feed(load_catalog(tiny), tmp_path / "feed")
    assert (written.version, written.directory, written.unchanged) == (VERSION, tmp_path / "feed" / VERSION, False)
    assert list(written.files) == [*FILES, CHECKSUMS]
    folder = written.directory
    on_disk = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert on_disk == sorted([*FILES, CHECKSUMS])
    lines = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    assert lines == [f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}" for name in FILES]
    assert sorted(os.listdir(tmp_path / "feed")) == [VERSION, "latest"]  # no staging directory left behind
    assert os.readlink(tmp_path / "feed" / "latest") == VERSION
    assert oct(folder.stat().st_mode & 0o777) == "0o755"


def test_the_canonical_tables_and_changelog_are_copied_byte_for_byte(tiny, tmp_path):
    folder = write_feed(load_catalog(tiny), tmp_path / "feed").directory
    for name in ("strikes.csv", "tallies.csv", "CHANGELOG.md"):
        target = folder / (f"data/{name}" if name.endswith(".csv") else name)
        assert target.read_bytes() == (tiny / name).read_bytes()
    assert (folder / "seeds" / "sources.csv").read_bytes() == (tiny.parent / "seeds" / "sources.csv").read_bytes()


def test_release_json_names_the_release_and_every_file(tiny, tmp_path):
    folder = write_feed(load_catalog(tiny), tmp_path / "feed").directory
    listing = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    assert listing["version"] == listing["released"] == VERSION
    assert listing["files"] == sorted([*FILES, CHECKSUMS])
    assert (folder / "release.json").read_text(encoding="utf-8").endswith("]\n}\n")
    assert json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["version"] == VERSION


def test_the_campaign_map_for_print_and_for_link_previews(tiny, tmp_path):
    folder = write_feed(load_catalog(tiny), tmp_path / "feed").directory
    assert (folder / "map.png").read_bytes() == b"png at 300 dpi"
    assert (folder / "preview.png").read_bytes() == b"png at 120 dpi"


def test_the_same_release_again_is_left_alone(tiny, tmp_path):
    catalog = load_catalog(tiny)
    first = write_feed(catalog, tmp_path / "feed")
    before = {p: p.stat().st_mtime_ns for p in first.directory.rglob("*")}
    again = write_feed(catalog, tmp_path / "feed")
    assert again.unchanged and again.files == first.files and again.directory == first.directory
    assert {p: p.stat().st_mtime_ns for p in first.directory.rglob("*")} == before
    assert sorted(os.listdir(tmp_path / "feed")) == [VERSION, "latest"]


def test_a_changed_release_under_the_same_version_is_refused(tiny, tmp_path):
    write_feed(load_catalog(tiny), tmp_path / "feed")
    edit_csv(tiny / "strikes.csv", 2, "notes", "changed without a new heading")
    with pytest.raises(FeedError) as caught:
        write_feed(load_catalog(tiny), tmp_path / "feed")
    assert str(caught.value) == (
        f"release {VERSION} is already published in {tmp_path / 'feed' / VERSION} with other content; "
        "a change to the data needs a new release (a new heading in data/CHANGELOG.md)"
    )
    assert sorted(os.listdir(tmp_path / "feed")) == [VERSION, "latest"]


def test_a_published_file_altered_on_disk_is_refused_too(tiny, tmp_path):
    catalog = load_catalog(tiny)
    folder = write_feed(catalog, tmp_path / "feed").directory
    (folder / "strikes.csv").write_text("tampered\n", encoding="utf-8")
    with pytest.raises(FeedError):
        write_feed(catalog, tmp_path / "feed")
    (folder / CHECKSUMS).unlink()
    with pytest.raises(FeedError):
        write_feed(catalog, tmp_path / "feed")


def test_verify_names_each_file_that_does_not_match_or_is_gone(tiny, tmp_path):
    folder = write_feed(load_catalog(tiny), tmp_path / "feed").directory
    assert verify(folder) == []
    (folder / "events.csv").write_text("x\n", encoding="utf-8")
    (folder / "data" / "tallies.csv").unlink()
    assert verify(folder) == ["data/tallies.csv", "events.csv"]


def test_checksums_are_read_with_names_as_written(tmp_path):
    (tmp_path / CHECKSUMS).write_text("ab  a name  with spaces\ncd  b.csv\n", encoding="utf-8")
    assert read_checksums(tmp_path) == {"a name  with spaces": "ab", "b.csv": "cd"}


def test_sha256_of_a_file_larger_than_one_block(tmp_path):
    data = bytes(range(256)) * (3 * 4096 + 7)  # a little over 3 MiB
    (tmp_path / "big").write_bytes(data)
    assert sha256(tmp_path / "big") == hashlib.sha256(data).hexdigest()


def test_latest_moves_to_the_new_release_and_stays_a_symlink(tmp_path):
    (tmp_path / "2025-11-01").mkdir()
    (tmp_path / "2025-12-01").mkdir()
    point_latest(tmp_path, "2025-11-01")
    point_latest(tmp_path, "2025-12-01")
    assert (tmp_path / "latest").is_symlink() and os.readlink(tmp_path / "latest") == "2025-12-01"
    (tmp_path / f".latest-{os.getpid()}").symlink_to("2025-11-01")  # left by an interrupted run
    point_latest(tmp_path, "2025-11-01")
    assert os.readlink(tmp_path / "latest") == "2025-11-01"
    assert sorted(os.listdir(tmp_path)) == ["2025-11-01", "2025-12-01", "latest"]


def test_latest_that_is_not_a_symlink_is_refused(tmp_path):
    (tmp_path / "latest").mkdir()
    with pytest.raises(FeedError) as caught:
        point_latest(tmp_path, "2025-11-01")
    assert str(caught.value) == f"{tmp_path / 'latest'} exists and is not a symlink; remove it"


def test_latest_already_pointing_at_the_release_is_not_touched(tmp_path):
    (tmp_path / "2025-11-01").mkdir()
    point_latest(tmp_path, "2025-11-01")
    before = os.lstat(tmp_path / "latest").st_ino
    point_latest(tmp_path, "2025-11-01")
    assert os.lstat(tmp_path / "latest").st_ino == before
