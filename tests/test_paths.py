"""Where the data is read from: the repository, --data-dir, or GEO_DATA_DIR,
with the source register in the seeds/ beside it unless GEO_SEEDS_DIR says otherwise."""

from pathlib import Path

import pytest

from geo.paths import REPO, DataPaths


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv("GEO_DATA_DIR", raising=False)
    monkeypatch.delenv("GEO_SEEDS_DIR", raising=False)


def test_by_default_the_repository_data_and_seeds():
    assert DataPaths.resolve() == DataPaths(REPO / "data", REPO / "seeds")
    assert (REPO / "geo" / "paths.py").is_file()


def test_a_data_dir_given_brings_its_sibling_seeds(tmp_path):
    assert DataPaths.resolve(tmp_path / "copy" / "data") == DataPaths(
        tmp_path / "copy" / "data", tmp_path / "copy" / "seeds"
    )
    assert DataPaths.resolve(str(tmp_path / "d")).data_dir == tmp_path / "d"


def test_the_environment_names_the_data_when_no_directory_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path / "env" / "data"))
    assert DataPaths.resolve() == DataPaths(tmp_path / "env" / "data", tmp_path / "env" / "seeds")
    assert DataPaths.resolve(tmp_path / "arg").data_dir == tmp_path / "arg"  # the argument wins


def test_geo_seeds_dir_moves_only_the_register(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_SEEDS_DIR", str(tmp_path / "register"))
    paths = DataPaths.resolve(tmp_path / "data")
    assert paths == DataPaths(tmp_path / "data", tmp_path / "register")
    assert paths.table("sources.csv") == tmp_path / "register" / "sources.csv"
    assert paths.table("strikes.csv") == tmp_path / "data" / "strikes.csv"


def test_the_files_the_catalog_reads():
    paths = DataPaths(Path("/d"), Path("/s"))
    assert (paths.zones, paths.land, paths.changelog) == (
        Path("/d/zones.geojson"),
        Path("/d/land.geojson"),
        Path("/d/CHANGELOG.md"),
    )
    assert [str(p) for p in paths.files()] == [
        "/d/strikes.csv",
        "/d/deployments.csv",
        "/d/sites.csv",
        "/d/site_status.csv",
        "/d/events.csv",
        "/d/tallies.csv",
        "/s/sources.csv",
        "/d/zones.geojson",
        "/d/land.geojson",
        "/d/CHANGELOG.md",
    ]
