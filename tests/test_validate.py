"""Broken copies of the real data: each kind of problem gives its own line
naming file, row, column and reason, and all of them come at once."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.paths import DataPaths
from geo.validate import validate
from tests.conftest import REPO, edit_csv, read_cell


def problems_of(data_dir):
    return [(p.file.split("/")[-1], p.row, p.column, p.reason) for p in validate(DataPaths.resolve(data_dir)).problems]


def only(problems, file, row):
    return [(c, r) for f, line, c, r in problems if f == file and line == row]


def test_the_real_data_is_clean(data_copy):
    assert problems_of(data_copy) == []


@pytest.mark.parametrize(
    "column, value, expected_column, reason",
    [
        ("date", "2025-13-01", "date", "not a real date"),
        ("date", "yesterday", "date", "not a date YYYY-MM-DD"),
        ("date", "2099-01-01", "date", "in the future"),
        ("killed", "-3", "killed", "negative"),
        ("zone", "atlantis", "zone", "unknown zone 'atlantis'"),
        ("region", "Eastern Pacific", "region", "not in the stated region Eastern Pacific"),
        ("region", "Mediterranean", "region", "not one of"),
        ("sources", "SRC-9999", "sources", "not in the register"),
        ("sources", "", "sources", "empty but required"),
        ("geo_precision", "1", "geo_precision", "needs lon and lat"),
        ("lat", "95", "lat", "out of range"),
        ("rescued", "9", "survivors", "exceed survivors"),
    ],
)
def test_each_bad_strike_cell_is_named(data_copy, column, value, expected_column, reason):
    strikes = data_copy / "strikes.csv"
    assert read_cell(strikes, 2, "region") == "Caribbean Sea"  # S001, known only as a zone
    edit_csv(strikes, 2, column, value)
    found = only(problems_of(data_copy), "strikes.csv", 2)
    assert any(col == expected_column and reason in why for col, why in found), found


def pointed_line(path):
    """The line of the first strike with a reported point."""
    line = 2
    while read_cell(path, line, "lon") == "":
        line += 1
    return line


def test_swapped_coordinates_are_caught(data_copy):
    strikes = data_copy / "strikes.csv"
    line = pointed_line(strikes)
    lon, lat = read_cell(strikes, line, "lon"), read_cell(strikes, line, "lat")
    edit_csv(strikes, line, "lon", lat)
    edit_csv(strikes, line, "lat", lon)
    reasons = [why for _, why in only(problems_of(data_copy), "strikes.csv", line)]
    assert any("swapped" in why for why in reasons), reasons


def test_a_strike_on_land_is_caught(data_copy):
    strikes = data_copy / "strikes.csv"
    line = pointed_line(strikes)
    region = read_cell(strikes, line, "region")
    inland = {"Eastern Pacific": ("-84.0", "10.0"), "Caribbean Sea": ("-66.9", "10.3")}[region]
    edit_csv(strikes, line, "lon", inland[0])
    edit_csv(strikes, line, "lat", inland[1])
    reasons = [why for _, why in only(problems_of(data_copy), "strikes.csv", line)]
    assert any("is on land" in why for why in reasons), reasons


def test_a_duplicate_id_names_the_first_use(data_copy):
    strikes = data_copy / "strikes.csv"
    edit_csv(strikes, 3, "id", read_cell(strikes, 2, "id"))
    assert only(problems_of(data_copy), "strikes.csv", 3)[0] == (
        "id",
        f"id {read_cell(strikes, 2, 'id')} is used again (first on line 2); ids are never reused",
    )


def test_a_deployment_ending_before_it_starts(data_copy):
    deployments = data_copy / "deployments.csv"
    edit_csv(deployments, 2, "start", "2025-09-01")
    edit_csv(deployments, 2, "end", "2025-08")
    assert ("end", "end 2025-08 is before start 2025-09-01") in only(problems_of(data_copy), "deployments.csv", 2)


def test_an_uncited_register_entry_is_reported(data_copy):
    strikes = data_copy / "strikes.csv"
    cited = read_cell(strikes, 2, "sources").split(";")
    edit_csv(strikes, 2, "sources", "SEED-000")
    found = problems_of(data_copy)
    lonely = [why for f, _, col, why in found if f == "sources.csv" and col == "id"]
    # each source only S001 cited is now uncited (others may be cited elsewhere too)
    assert lonely and all("cited by no record" in why for why in lonely)
    assert any(source in why for why in lonely for source in cited)


def test_all_problems_come_at_once(data_copy):
    edit_csv(data_copy / "strikes.csv", 2, "killed", "-1")
    edit_csv(data_copy / "strikes.csv", 4, "date", "2025-02-30")
    edit_csv(data_copy / "tallies.csv", 2, "as_of", "soon")
    (data_copy / "events.csv").write_bytes(b"")
    files = {(f, line) for f, line, _, _ in problems_of(data_copy)}
    assert {("strikes.csv", 2), ("strikes.csv", 4), ("tallies.csv", 2), ("events.csv", 0)} <= files


def test_missing_columns_and_files(data_copy):
    (data_copy / "sites.csv").write_text("id,name\nB001,x\n", encoding="utf-8")
    (data_copy / "zones.geojson").unlink()
    found = problems_of(data_copy)
    assert ("sites.csv", 1, "country", "column is missing from the header") in found
    assert ("zones.geojson", 0, "", "file is missing") in found


def test_problems_name_files_relative_to_the_data_not_the_server(data_copy):
    edit_csv(data_copy / "strikes.csv", 2, "killed", "-1")
    edit_csv(data_copy.parent / "seeds" / "sources.csv", 2, "url", "not a url")
    files = {p.file for p in validate(DataPaths.resolve(data_copy)).problems}
    assert files == {"data/strikes.csv", "seeds/sources.csv"}


def test_a_file_that_cannot_be_read_is_named_with_the_others(data_copy, monkeypatch):
    from pathlib import Path

    real = Path.read_bytes

    def read_bytes(self):
        if self.name in ("events.csv", "zones.geojson", "land.geojson"):
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    found = problems_of(data_copy)
    assert ("events.csv", 0, "", "cannot be read: Permission denied") in found
    assert ("zones.geojson", 0, "", "cannot be read: Permission denied") in found
    assert ("land.geojson", 0, "", "cannot be read: Permission denied") in found


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["id", "name", "kind", "region", "ref_lon", "ref_lat"]), value=json_values,
       geometry=st.one_of(st.none(), json_values, st.just("keep")))  # fmt: skip
def test_any_zone_property_is_read_or_named_never_raised(tmp_path_factory, name, value, geometry):
    import json
    import shutil

    from geo.validate import read_zones

    data = tmp_path_factory.mktemp("zones") / "data"
    data.mkdir()
    shutil.copy(REPO / "data" / "zones.geojson", data / "zones.geojson")
    document = json.loads((data / "zones.geojson").read_text(encoding="utf-8"))
    feature = document["features"][4]
    feature["properties"][name] = value
    if geometry != "keep":
        feature["geometry"] = geometry
    (data / "zones.geojson").write_text(json.dumps(document), encoding="utf-8")
    zones, problems = read_zones(DataPaths.resolve(data))
    assert (zones is None) == bool(problems)
    assert all(p.file == "data/zones.geojson" and 0 <= p.row <= len(document["features"]) for p in problems)
    if zones is not None:
        assert zones.resolve(zones.name(str(feature["properties"]["id"]))) == feature["properties"]["id"]
        assert all(isinstance(zones.reference_point(z)[0], float) for z in zones.ids)
