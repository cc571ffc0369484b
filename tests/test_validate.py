"""Broken copies of the real data: each kind of problem gives its own line
naming file, row, column and reason, and all of them come at once."""

import csv
import json
from datetime import date

import pytest

from geo.paths import DataPaths
from geo.validate import validate
from tests.conftest import edit_csv, read_cell


def problems_of(data_dir, today=None):
    found = validate(DataPaths.resolve(data_dir), today=today).problems
    return [(p.file.split("/")[-1], p.row, p.column, p.reason) for p in found]


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


# --- exact messages, each for one row of a broken copy ------------------------------------


def place(path, line, region, zone, lon, lat, precision="1", uncertainty="10"):
    for column, value in (("region", region), ("zone", zone), ("lon", lon), ("lat", lat),
                          ("geo_precision", precision), ("uncertainty_km", uncertainty)):  # fmt: skip
        edit_csv(path, line, column, value)


def test_each_location_problem_has_its_own_message(data_copy):
    strikes = data_copy / "strikes.csv"
    place(strikes, 2, "Caribbean Sea", "off_venezuela", "-66", "12.6")  # where it belongs
    place(strikes, 3, "Caribbean Sea", "caribbean", "0", "0")  # Gulf of Guinea
    place(strikes, 4, "Caribbean Sea", "off_venezuela", "12.6", "-66")  # swapped
    place(strikes, 5, "Caribbean Sea", "off_venezuela", "-72", "15.5")  # central Caribbean
    place(strikes, 6, "Eastern Pacific", "eastern_pacific", "-72", "15.5")
    place(strikes, 7, "Caribbean Sea", "caribbean", "-66.9", "10.3")  # Caracas
    place(strikes, 8, "Caribbean Sea", "caribbean", "abc", "15")
    place(strikes, 9, "Caribbean Sea", "caribbean", "-72", "15.5N")
    place(strikes, 10, "Caribbean Sea", "caribbean", "-72", "", precision="2")
    place(strikes, 11, "Caribbean Sea", "caribbean", "", "15.5", precision="1")
    place(strikes, 12, "Caribbean Sea", "central_caribbean", "-72", "15.5", uncertainty="")
    place(strikes, 13, "Caribbean Sea", "central_caribbean", "-72", "15.5", precision="3")
    found = problems_of(data_copy)
    no_region = "lies in no region; are lon and lat swapped or mistyped?"
    assert only(found, "strikes.csv", 2) == []
    assert only(found, "strikes.csv", 3) == [("lon", f"point (0, 0) {no_region}")]
    assert ("lon", f"point (12.6, -66) {no_region}") in only(found, "strikes.csv", 4)
    assert only(found, "strikes.csv", 5) == [
        ("zone", "point (-72, 15.5) lies in zone central_caribbean, not in the stated zone off_venezuela")
    ]
    assert only(found, "strikes.csv", 6) == [
        ("region", "point (-72, 15.5) lies in Caribbean Sea, not in the stated region Eastern Pacific")
    ]
    assert ("lat", "point (-66.9, 10.3) is on land, but a strike is at sea; are lon and lat swapped?") in only(
        found, "strikes.csv", 7
    )
    assert only(found, "strikes.csv", 8) == [("lon", "'abc' is not a number")]
    assert only(found, "strikes.csv", 9) == [("lat", "'15.5N' is not a number")]
    assert only(found, "strikes.csv", 10) == [
        ("geo_precision", "precision 2 needs lon and lat; without them use precision 3"),
        ("lat", "lon and lat go together; one is empty"),
    ]
    assert only(found, "strikes.csv", 11) == [
        ("geo_precision", "precision 1 needs lon and lat; without them use precision 3"),
        ("lon", "lon and lat go together; one is empty"),
    ]
    assert only(found, "strikes.csv", 12) == [("uncertainty_km", "a point needs its uncertainty in km")]
    assert only(found, "strikes.csv", 13) == []  # a point may come with precision 3


def test_land_is_checked_for_strikes_only(data_copy):
    events = data_copy / "events.csv"
    place(events, 2, "Caribbean Sea", "caribbean", "-66.9", "10.3")  # an event in Caracas is fine
    assert only(problems_of(data_copy), "events.csv", 2) == []


def test_unknown_zone_and_zone_in_another_region(data_copy):
    strikes = data_copy / "strikes.csv"
    edit_csv(strikes, 2, "zone", "atlantis")
    edit_csv(strikes, 3, "region", "Eastern Pacific")  # S002 is in zone caribbean
    found = problems_of(data_copy)
    ids = [f["properties"]["id"] for f in json.loads((data_copy / "zones.geojson").read_text())["features"]]
    assert only(found, "strikes.csv", 2) == [("zone", f"unknown zone 'atlantis'; known: {', '.join(ids)}")]
    assert only(found, "strikes.csv", 3) == [
        ("region", "zone caribbean lies in Caribbean Sea, not in the stated region Eastern Pacific")
    ]


def test_dates_before_the_campaign_or_after_today(data_copy):
    strikes, events = data_copy / "strikes.csv", data_copy / "events.csv"
    deployments, tallies = data_copy / "deployments.csv", data_copy / "tallies.csv"
    for line, day in ((2, "2025-07-31"), (3, "2025-08-01"), (4, "2027-01-01"), (5, "2026-12-31")):
        edit_csv(strikes, line, "date", day)
    for line, day in ((2, "2023-12"), (3, "2024-01"), (4, "2027-01"), (5, "2026-12")):
        edit_csv(events, line, "date", day)
    for line, day in ((2, "2024-12-31"), (3, "2025-01")):
        edit_csv(deployments, line, "start", day)
    for line, day in ((2, "2025-07-31"), (3, "2025-08-01"), (4, "2027-01-01")):
        edit_csv(tallies, line, "as_of", day)
    found = [(f, r, c, why) for f, r, c, why in problems_of(data_copy, today=date(2026, 12, 31)) if f != "sources.csv"]
    assert sorted((f, r, c, why) for f, r, c, why in found) == [
        ("deployments.csv", 2, "start", "2024-12-31 is before 2025-01-01, outside the campaign"),
        ("events.csv", 2, "date", "2023-12 is before 2024-01-01, outside the campaign"),
        ("events.csv", 4, "date", "2027-01 is in the future"),
        ("strikes.csv", 2, "date", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("strikes.csv", 4, "date", "2027-01-01 is in the future"),
        ("tallies.csv", 2, "as_of", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("tallies.csv", 4, "as_of", "2027-01-01 is in the future"),
    ]


def test_counts_that_cannot_both_be_true(data_copy):
    strikes = data_copy / "strikes.csv"
    rows = {  # line: strikes, vessels, survivors, rescued, presumed_dead
        2: ("2", "1", "0", "0", "0"),
        3: ("2", "2", "2", "1", "1"),
        4: ("1", "1", "1", "1", "1"),
        5: ("1", "3", "3", "0", "3"),
    }
    for line, values in rows.items():
        for column, value in zip(("strikes", "vessels", "survivors", "rescued", "presumed_dead"), values):
            edit_csv(strikes, line, column, value)
    found = problems_of(data_copy)
    assert only(found, "strikes.csv", 2) == [("vessels", "fewer vessels (1) than strikes (2)")]
    assert only(found, "strikes.csv", 3) == []
    assert only(found, "strikes.csv", 4) == [("survivors", "rescued (1) + presumed_dead (1) exceed survivors (1)")]
    assert only(found, "strikes.csv", 5) == []


def rewrite(path, change):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return rows


def test_site_status_rows_and_sites_must_match(data_copy):
    status = data_copy / "site_status.csv"
    rows = rewrite(
        status,
        lambda rows: [r for r in rows if r[0] != "B029"] + [rows[1], ["B999", "2025-09-01", "active", "n", rows[1][4]]],
    )
    found = problems_of(data_copy)
    assert only(found, "site_status.csv", len(rows) - 1) == [("status", "the same site, date and status appear twice")]
    assert only(found, "site_status.csv", len(rows)) == [("site_id", "site B999 is not in sites.csv")]
    assert only(found, "sites.csv", 30) == [("id", "site B029 has no row in site_status.csv")]


def test_source_messages_name_the_register(data_copy):
    strikes = data_copy / "strikes.csv"
    edit_csv(strikes, 2, "sources", read_cell(strikes, 2, "sources") + ";SRC-9999")
    register = data_copy.parent / "seeds" / "sources.csv"
    found = problems_of(data_copy)
    assert only(found, "strikes.csv", 2) == [("sources", f"source SRC-9999 is not in the register {register}")]
    rewrite(register, lambda rows: [*rows, ["SRC-9998", "P", "2025-09-01", "T", "https://p.example/1", "wire", ""]])
    found = problems_of(data_copy)
    lines = len(register.read_text(encoding="utf-8").splitlines())
    assert only(found, "sources.csv", lines) == [("id", "source SRC-9998 is cited by no record; cite it or remove it")]


def zones_with(data_copy, change):
    path = data_copy / "zones.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection["features"])
    path.write_text(json.dumps(collection), encoding="utf-8")


def test_a_zone_file_without_a_property_is_refused_and_locations_wait(data_copy):
    def drop_ref_lat(features):
        for feature in features:
            del feature["properties"]["ref_lat"]

    zones_with(data_copy, drop_ref_lat)
    edit_csv(data_copy / "strikes.csv", 2, "zone", "atlantis")
    found = problems_of(data_copy)
    assert [p for p in found if p[0] == "zones.geojson"] == [
        ("zones.geojson", 0, "ref_lat", "property is missing from the features")
    ]
    assert only(found, "strikes.csv", 2) == []  # no zones to check against


def test_doubled_zone_ids_and_broken_polygons(data_copy):
    def break_two(features):
        features[1]["properties"]["id"] = "caribbean"
        features[3]["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}

    zones_with(data_copy, break_two)
    found = [p for p in problems_of(data_copy) if p[0] == "zones.geojson"]
    assert found == [
        ("zones.geojson", 0, "id", "zone id caribbean appears 2 times"),
        ("zones.geojson", 4, "geometry", "zone off_venezuela has an invalid polygon"),
    ]


def test_unreadable_zones_and_land(data_copy):
    (data_copy / "zones.geojson").write_text("not json", encoding="utf-8")
    (data_copy / "land.geojson").write_text("not json either", encoding="utf-8")
    found = {(f, c): why for f, r, c, why in problems_of(data_copy) if f.endswith(".geojson")}
    assert set(found) == {("zones.geojson", ""), ("land.geojson", "")}
    assert all(why.startswith("cannot be read as GeoJSON: ") for why in found.values())


def test_without_land_the_rest_is_still_checked(data_copy):
    (data_copy / "land.geojson").unlink()
    strikes = data_copy / "strikes.csv"
    place(strikes, 2, "Caribbean Sea", "caribbean", "-66.9", "10.3")  # on land, but no land to tell
    edit_csv(strikes, 3, "killed", "-1")
    found = problems_of(data_copy)
    assert ("land.geojson", 0, "", "file is missing (rebuild: python scripts/build_land.py)") in found
    assert only(found, "strikes.csv", 2) == []
    assert only(found, "strikes.csv", 3) == [("killed", "'-1' is negative; a count is 0 or more")]
