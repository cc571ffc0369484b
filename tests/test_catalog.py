"""Loading: each record placed at its own point, its zone's reference point
or nowhere, typed columns, dated intervals, and a cache that sees edits."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from geo import catalog as catalog_module
from geo.catalog import (
    NO_REGION,
    NOT_PLACED,
    PLACED_REPORTED,
    PLACED_ZONE,
    content_digest,
    file_signature,
    frame_of,
    load_catalog,
    locate,
    with_interval,
)
from geo.paths import DataPaths
from geo.problems import DataError
from geo.schema import Column, Table
from tests.conftest import edit_csv

NAN = float("nan")


def tiny_layer():
    return pd.DataFrame({
        "id": ["S1", "S2", "S3", "S4"],
        "region": ["Sea A", "Sea A", None, "Sea B"],
        "zone": ["sea_a", "a_north", None, "sea_b"],
        "lon": [-12.0, NAN, NAN, NAN], "lat": [-3.0, NAN, NAN, NAN],
        "uncertainty_km": [25.0, NAN, NAN, 50.0],
        "reporting_grade": ["official_only"] * 4,
    })  # fmt: skip


def test_each_record_at_its_point_its_zones_reference_point_or_nowhere(tiny_zones):
    placed = locate(tiny_layer(), tiny_zones)
    assert list(placed["placed_at"]) == [PLACED_REPORTED, PLACED_ZONE, NOT_PLACED, PLACED_ZONE]
    assert placed["lon"].tolist()[:2] == [-12.0, -15.0] and placed["lat"].tolist()[:2] == [-3.0, 5.0]
    assert np.isnan(placed.at[2, "lon"]) and np.isnan(placed.at[2, "lat"])
    assert (placed.at[3, "lon"], placed.at[3, "lat"]) == (5.0, 0.0)  # Sea B's reference point
    assert list(placed["zone_name"]) == ["Sea A", "North of A", NO_REGION, "Sea B"]
    geometry = placed.geometry
    assert (geometry[0].x, geometry[0].y, geometry[1].x, geometry[1].y) == (-12.0, -3.0, -15.0, 5.0)
    assert geometry[2] is None and placed.crs.to_epsg() == 4326
    for column in ("region", "zone", "zone_name", "placed_at", "reporting_grade"):
        assert isinstance(placed[column].dtype, pd.CategoricalDtype), column


def test_uncertainty_as_stated_or_the_zones_reach(tiny_zones):
    placed = locate(tiny_layer(), tiny_zones)
    assert placed.at[0, "uncertainty_km"] == 25.0 and placed.at[3, "uncertainty_km"] == 50.0
    # North of A spans 10 x 10 degrees around (-15, 5): its corners lie about 784 km away
    assert placed.at[1, "uncertainty_km"] == tiny_zones.radius_km("a_north") == 790.0
    assert np.isnan(placed.at[2, "uncertainty_km"])


def test_frame_of_types_each_column_and_drops_what_the_table_lacks():
    table = Table("t.csv", (Column("id", "id"), Column("date", "date"), Column("n", "count"), Column("k", "int"),
                            Column("lon", "lon"), Column("uncertainty_km", "km"), Column("geo_precision", "choice"),
                            Column("note", "text")))  # fmt: skip
    raw = pd.DataFrame({
        "extra": [1, 2], "note": ["x", None], "geo_precision": [2, 3], "uncertainty_km": [5, None],
        "lon": [-70, None], "k": [-1, None], "n": [3, None], "date": [date(2025, 9, 2), date(2025, 10, 1)],
        "id": ["S001", "S002"],
    }, index=[7, 9])  # fmt: skip
    frame = frame_of(raw, table)
    assert list(frame.columns) == ["id", "date", "n", "k", "lon", "uncertainty_km", "geo_precision", "note"]
    assert list(frame.index) == [0, 1]
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "id": "str", "date": "datetime64[s]", "n": "Int64", "k": "Int64", "lon": "float64",
        "uncertainty_km": "float64", "geo_precision": "int64", "note": "str",
    }  # fmt: skip
    assert frame["n"].isna().tolist() == [False, True] and frame.at[0, "k"] == -1
    assert frame["note"].isna().tolist() == [False, True]  # empty optional text is missing, not "None"


def test_with_interval_spans_a_month_and_leaves_an_open_end_open():
    frame = pd.DataFrame({"start": ["2025-09-02", "2025-10"], "end": ["2025-09", None]})
    out = with_interval(frame, "start", "end")
    assert list(out["first_date"]) == [pd.Timestamp("2025-09-02"), pd.Timestamp("2025-10-01")]
    assert out.at[0, "last_date"] == pd.Timestamp("2025-09-30") and pd.isna(out.at[1, "last_date"])
    assert str(out["first_date"].dtype) == "datetime64[ns]" and "first_date" not in frame.columns


def test_the_digest_changes_with_any_file_and_names_a_missing_one(data_copy):
    paths = DataPaths.resolve(data_copy)
    before = content_digest(paths)
    assert before == content_digest(paths) and len(before) == 64
    changelog = (data_copy / "CHANGELOG.md").read_bytes()
    (data_copy / "CHANGELOG.md").write_bytes(changelog + b"\n")
    edited = content_digest(paths)
    assert edited != before
    (data_copy / "CHANGELOG.md").unlink()
    assert content_digest(paths) not in (before, edited)
    signature = dict((name, (size, mtime)) for name, size, mtime in file_signature(paths))
    assert signature[str(data_copy / "CHANGELOG.md")] == (-1, -1)
    strikes = data_copy / "strikes.csv"
    assert signature[str(strikes)] == (strikes.stat().st_size, strikes.stat().st_mtime_ns)
    (data_copy / "CHANGELOG.md").mkdir()  # unreadable as a file: hashed apart from missing
    assert content_digest(paths) not in (before, edited)


def test_the_catalog_sees_an_edit_and_reads_unchanged_files_once(data_copy, monkeypatch):
    first = load_catalog(data_copy)
    assert load_catalog(data_copy) is first  # unchanged files: the cached catalog
    killed = int(first.strikes.set_index("id").at["S001", "killed"])
    edit_csv(data_copy / "strikes.csv", 2, "killed", str(killed + 1))
    edited = load_catalog(data_copy)
    assert int(edited.strikes.set_index("id").at["S001", "killed"]) == killed + 1
    assert edited.digest != first.digest


def test_a_catalog_of_broken_data_raises_every_problem(data_copy):
    edit_csv(data_copy / "strikes.csv", 2, "killed", "many")
    edit_csv(data_copy / "strikes.csv", 3, "date", "yesterday")
    with pytest.raises(DataError) as caught:
        load_catalog(data_copy)
    found = [(p.file, p.row, p.column) for p in caught.value.problems]
    assert ("data/strikes.csv", 2, "killed") in found and ("data/strikes.csv", 3, "date") in found


def test_the_catalog_from_a_tiny_copy(data_copy):
    catalog = load_catalog(data_copy)
    strikes = catalog.strikes
    assert catalog.layer("strikes") is strikes and catalog.layer("events") is catalog.events
    assert catalog.first_record == strikes["first_date"].min().date() == date(2025, 9, 2)
    assert catalog.latest_record == max(
        strikes["first_date"].max(), catalog.deployments["first_date"].max(), catalog.events["first_date"].max(),
        catalog.tallies["as_of"].max(), pd.to_datetime(catalog.site_status["date"].str.slice(0, 7)).max(),
    ).date()  # fmt: skip
    assert list(catalog.tallies["as_of"]) == sorted(catalog.tallies["as_of"])
    assert list(catalog.sources.index) == list(catalog.sources["id"])
    assert catalog.place_names and all(set(n) == {"name", "lon", "lat", "area"} for n in catalog.place_names)
    assert {"first_date", "last_date"} <= set(catalog.deployments.columns)
    assert "first_date" not in catalog.sites.columns
    assert catalog_module.PLACED_ZONE == PLACED_ZONE
