"""Every check of geo.validate, on a tiny data set written here: each broken
row gives its own message, word for word (file, row, column, reason).

One copy of the data takes every row-level break at once (on separate rows)
and is validated once for the whole module; the file-level breaks (zones,
land, headers) get a copy each. validate() costs about the same on tiny data
as on the real data, so the number of calls is what keeps these tests quick
enough for mutation testing of geo/validate.py (tests/test_validate.py runs
the same checks on copies of the real data)."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from shapely.geometry import box, mapping

from geo.paths import DataPaths
from geo.validate import validate
from tests.conftest import edit_csv, read_cell

LOCATION = "region,zone,lon,lat,geo_precision,uncertainty_km,location_basis"
HEADERS = {
    "strikes.csv": f"id,date,date_precision,{LOCATION},strikes,vessels,killed,survivors,rescued,presumed_dead,"
    "presumed_dead_basis,vessel_type,alleged_group,announced_by,sources,notes",
    "deployments.csv": f"id,asset,asset_type,unit,start,end,end_basis,{LOCATION},sources,notes",
    "sites.csv": f"id,name,country,kind,{LOCATION},sources,notes",
    "site_status.csv": "site_id,date,status,note,sources",
    "events.csv": f"id,date,kind,title,{LOCATION},killed,milestone,sources,notes",
    "tallies.csv": "id,as_of,publisher,strikes,vessels,killed,includes_presumed_dead,qualifier,counts,"
    "known_difference,sources,notes",
}
SEA = "Caribbean Sea,caribbean,,,3,,somewhere at sea"
ROWS = {
    "strikes.csv": [
        f"S{n:03d},2025-09-{n:02d},strike_day,{SEA},1,1,3,0,0,0,,boat,,Hegseth,SRC-0001," for n in range(1, 30)
    ],
    "deployments.csv": [
        f"D001,USS A,destroyer,,2025-08-14,2025-08-19,went home,{SEA},SRC-0001,",
        f"D002,USS B,destroyer,,2025-09,,still there,{SEA},SRC-0001,",
        f"D003,USS C,destroyer,,2025-10-01,,still there,{SEA},SRC-0001,",
        *(f"D{n:03d},USS D,destroyer,,2025-09,,still there,{SEA},SRC-0001," for n in range(4, 9)),
    ],
    "sites.csv": [
        "B001,Base one,Puerto Rico,naval_base,Caribbean Sea,caribbean,-65.6,18.2,2,5,the airfield,SRC-0001,",
        "B002,Base two,Mexico,air_base,Caribbean Sea,caribbean,-86.9,20.5,2,5,the airport,SRC-0001,",
    ],
    "site_status.csv": ["B001,2025-09-13,reactivated,jets landed,SRC-0001", "B002,2025-10,active,in use,SRC-0001"],
    "events.csv": [f"E{n:03d},2025-10-{n:02d},other,Event {n},{SEA},,,SRC-0001," for n in range(1, 8)],
    "tallies.csv": [
        "T001,2025-09-19,Paper,3,,17,no,exact,three strikes,0,SRC-0001,",
        "T002,2025-10-03,Agency,4,,21,no,exact,four strikes,0,SRC-0002,",
        "T003,2025-10-14,Wire,5,,27,no,exact,five strikes,0,SRC-0001,",
        "T004,2025-10-24,Tracker,,,30,yes,at_least,all strikes,0,SRC-0001,",
        "T005,2025-10-27,Tracker,,,57,yes,at_least,all strikes,0,SRC-0001,",
        "T006,2025-10-28,Tracker,,,58,unknown,about,all strikes,-1,SRC-0001,",
    ],
}
SOURCES = [
    "id,publisher,published,title,url,kind,summary",
    "SRC-0001,AP,2025-09-02,Strike,https://a.example/1,wire,",
    "SRC-0002,AFP,2025-10,Tally,https://b.example/2,wire,",
]
ZONES = [  # id, name, kind, region, reference point, box
    ("caribbean", "Caribbean Sea", "region", "Caribbean Sea", (-75.0, 20.0), (-90, 8, -60, 24)),
    ("eastern_pacific", "Eastern Pacific", "region", "Eastern Pacific", (-100.0, 10.0), (-120, -6, -90, 24)),
    ("western_atlantic", "Western Atlantic", "region", "Western Atlantic", (-50.0, 25.0), (-60, 8, -40, 40)),
    ("off_venezuela", "Off Venezuela", "zone", "Caribbean Sea", (-66.0, 12.0), (-72, 10, -63, 14)),
    ("central_caribbean", "Central Caribbean", "zone", "Caribbean Sea", (-72.0, 16.0), (-80, 14, -63, 18)),
]
LAND = (-70, 8, -60, 10.5)  # a strip of coast south of off_venezuela


def feature_collection(features):
    return {"type": "FeatureCollection", "features": features}


def write_data(root):
    """A small data set that validates cleanly; returns its data directory."""
    data_dir, seeds = root / "data", root / "seeds"
    data_dir.mkdir()
    seeds.mkdir()
    for file, header in HEADERS.items():
        (data_dir / file).write_text("\n".join([header, *ROWS[file]]) + "\n", encoding="utf-8")
    (seeds / "sources.csv").write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    (data_dir / "CHANGELOG.md").write_text("# Changes\n\n## 2025-11-01\n\nFirst release.\n", encoding="utf-8")
    zones = [
        {"type": "Feature", "geometry": mapping(box(*bounds)),
         "properties": {"id": i, "name": n, "kind": k, "region": r, "ref_lon": ref[0], "ref_lat": ref[1]}}
        for i, n, k, r, ref, bounds in ZONES
    ]  # fmt: skip
    (data_dir / "zones.geojson").write_text(json.dumps(feature_collection(zones)), encoding="utf-8")
    land = [{"type": "Feature", "geometry": mapping(box(*LAND)), "properties": {}}]
    (data_dir / "land.geojson").write_text(json.dumps(feature_collection(land)), encoding="utf-8")
    return data_dir


TODAY = date(2026, 12, 31)


def problems_of(data_dir, today=TODAY):
    found = validate(DataPaths.resolve(data_dir), today=today).problems
    return sorted((p.file.split("/")[-1], p.row, p.column, p.reason) for p in found)


def only(problems, file, row):
    return [(c, r) for f, line, c, r in problems if f == file and line == row]


def place(path, line, region, zone, lon, lat, precision="1", uncertainty="10"):
    for column, value in (("region", region), ("zone", zone), ("lon", lon), ("lat", lat),
                          ("geo_precision", precision), ("uncertainty_km", uncertainty)):  # fmt: skip
        edit_csv(path, line, column, value)


def append(path, *rows):
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_the_tiny_data_is_clean(tmp_path):
    assert problems_of(write_data(tmp_path), today=None) == []  # today's date by default


# --- every row-level break at once, each on its own row --------------------------------


def break_rows(data):
    strikes = data / "strikes.csv"
    # locations (strikes 2-15)
    place(strikes, 2, "Caribbean Sea", "off_venezuela", "-66", "12.6")  # where it belongs
    place(strikes, 3, "Caribbean Sea", "caribbean", "0", "0")  # off Africa
    place(strikes, 4, "Caribbean Sea", "off_venezuela", "12.6", "-66")  # swapped
    place(strikes, 5, "Caribbean Sea", "off_venezuela", "-72.5", "15.5")  # central Caribbean
    place(strikes, 6, "Eastern Pacific", "eastern_pacific", "-72.5", "15.5")
    place(strikes, 7, "Caribbean Sea", "caribbean", "-66.9", "9")  # on the coast
    place(strikes, 8, "Caribbean Sea", "caribbean", "abc", "15")
    place(strikes, 9, "Caribbean Sea", "caribbean", "-72", "15.5N")
    place(strikes, 10, "Caribbean Sea", "caribbean", "-72", "", precision="2")
    place(strikes, 11, "Caribbean Sea", "caribbean", "", "15.5", precision="1")
    place(strikes, 12, "Caribbean Sea", "central_caribbean", "-72", "15.5", uncertainty="")
    place(strikes, 13, "Caribbean Sea", "central_caribbean", "-72", "15.5", precision="3")
    place(strikes, 14, "Caribbean Sea", "caribbean", "-85", "20")  # in the region, in no zone
    edit_csv(strikes, 15, "zone", "atlantis")
    edit_csv(strikes, 16, "region", "Eastern Pacific")
    place(strikes, 17, "Caribbean Sea", "atlantis", "-66", "12")
    # dates (strikes 18-21, events 2-5, deployments 2-4, tallies 2-4)
    for line, day in ((18, "2025-07-31"), (19, "2025-08-01"), (20, "2027-01-01"), (21, "2026-12-31")):
        edit_csv(strikes, line, "date", day)
    for line, day in ((2, "2023-12"), (3, "2024-01"), (4, "2027-01"), (5, "2026-12")):
        edit_csv(data / "events.csv", line, "date", day)
    for line, day in ((2, "2024-12-31"), (3, "2025-01"), (4, "2027-01-02")):
        edit_csv(data / "deployments.csv", line, "start", day)
    for line, day in ((2, "2025-07-31"), (3, "2025-08-01"), (4, "2027-01-01")):
        edit_csv(data / "tallies.csv", line, "as_of", day)
    # deployment ends (5-6 start in 2025-09; 7 starts and ends the same day)
    for line, day in ((5, "2025-09"), (6, "2025-08-31"), (7, "2025-10-01")):
        edit_csv(data / "deployments.csv", line, "end", day)
    edit_csv(data / "deployments.csv", 7, "start", "2025-10-01")
    # counts (strikes 22-26): strikes, vessels, survivors, rescued, presumed_dead
    counts = {22: "2,1,0,0,0", 23: "2,2,2,1,1", 24: "1,1,1,1,1", 25: "1,3,3,0,3", 26: "1,1,1,2,0"}
    for line, values in counts.items():
        for column, value in zip(("strikes", "vessels", "survivors", "rescued", "presumed_dead"), values.split(",")):
            edit_csv(strikes, line, column, value)
    # duplicate ids (strikes 27-28, tallies 5) and a register entry listed twice
    edit_csv(strikes, 27, "id", "S001")
    edit_csv(strikes, 28, "id", "S001")
    edit_csv(data / "tallies.csv", 5, "id", "T002")
    # sources: unknown ids in every file, an entry no one cites, an entry listed twice
    edit_csv(strikes, 29, "sources", "SRC-0001;SRC-9999")
    for file, line in (("deployments.csv", 8), ("sites.csv", 3), ("site_status.csv", 2), ("events.csv", 8),
                       ("tallies.csv", 6)):  # fmt: skip
        edit_csv(data / file, line, "sources", "SRC-0001;SRC-7777")
    register = data.parent / "seeds" / "sources.csv"
    append(register, ["SRC-0003", "P", "", "T", "https://c.example/3", "wire", ""])
    append(register, ["SRC-0001", "AP", "", "Again", "https://a.example/9", "wire", ""])
    # sites and their status; located events, deployments and sites
    append(
        data / "site_status.csv",
        ["B001", "2025-09-13", "reactivated", "again", "SRC-0001"],
        ["B999", "2025-09-01", "active", "n", "SRC-0001"],
        ["B001", "2025-09-13", "active", "n", "SRC-0001"],
    )
    append(data / "sites.csv", ["B003", "Base three", "Cuba", "naval_base", *SEA.split(","), "SRC-0001", ""])
    place(data / "events.csv", 6, "Caribbean Sea", "caribbean", "-66.9", "9")  # an event ashore is fine
    place(data / "events.csv", 7, "Caribbean Sea", "caribbean", "0", "0")
    place(data / "deployments.csv", 8, "Caribbean Sea", "caribbean", "0", "0")
    place(data / "sites.csv", 2, "Caribbean Sea", "caribbean", "0", "0")


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The copy with every row-level break, validated once for all the tests below."""
    data = write_data(tmp_path_factory.mktemp("broken"))
    break_rows(data)
    return data, problems_of(data)


NO_REGION = "lies in no region; are lon and lat swapped or mistyped?"
KNOWN = "caribbean, eastern_pacific, western_atlantic, off_venezuela, central_caribbean"


def test_every_row_break_gives_exactly_its_message(broken):
    """The whole list, word for word. (It comes first: the fixture runs validate()
    inside it, so mutation testing runs this test for every mutant of validate.py.)"""
    data, found = broken
    unknown = "is not in the register seeds/sources.csv"
    central = "point (-72.5, 15.5)"
    assert found == [
        ("deployments.csv", 2, "start", "2024-12-31 is before 2025-01-01, outside the campaign"),
        ("deployments.csv", 4, "start", "2027-01-02 is in the future"),
        ("deployments.csv", 6, "end", "end 2025-08-31 is before start 2025-09"),
        ("deployments.csv", 8, "lon", f"point (0, 0) {NO_REGION}"),
        ("deployments.csv", 8, "sources", f"source SRC-7777 {unknown}"),
        ("events.csv", 2, "date", "2023-12 is before 2024-01-01, outside the campaign"),
        ("events.csv", 4, "date", "2027-01 is in the future"),
        ("events.csv", 7, "lon", f"point (0, 0) {NO_REGION}"),
        ("events.csv", 8, "sources", f"source SRC-7777 {unknown}"),
        ("site_status.csv", 2, "sources", f"source SRC-7777 {unknown}"),
        ("site_status.csv", 4, "status", "the same site, date and status appear twice"),
        ("site_status.csv", 5, "site_id", "site B999 is not in sites.csv"),
        ("sites.csv", 2, "lon", f"point (0, 0) {NO_REGION}"),
        ("sites.csv", 3, "sources", f"source SRC-7777 {unknown}"),
        ("sites.csv", 4, "id", "site B003 has no row in site_status.csv"),
        ("sources.csv", 4, "id", "source SRC-0003 is cited by no record; cite it or remove it"),
        ("sources.csv", 5, "id", "id SRC-0001 is used again (first on line 2); ids are never reused"),
        ("strikes.csv", 3, "lon", f"point (0, 0) {NO_REGION}"),
        ("strikes.csv", 4, "lon", f"point (12.6, -66) {NO_REGION}"),
        ("strikes.csv", 5, "zone", f"{central} lies in zone central_caribbean, not in the stated zone off_venezuela"),
        ("strikes.csv", 6, "region", f"{central} lies in Caribbean Sea, not in the stated region Eastern Pacific"),
        ("strikes.csv", 7, "lat", "point (-66.9, 9) is on land, but a strike is at sea; are lon and lat swapped?"),
        ("strikes.csv", 8, "lon", "'abc' is not a number"),
        ("strikes.csv", 9, "lat", "'15.5N' is not a number"),
        ("strikes.csv", 10, "geo_precision", "precision 2 needs lon and lat; without them use precision 3"),
        ("strikes.csv", 10, "lat", "lon and lat go together; one is empty"),
        ("strikes.csv", 11, "geo_precision", "precision 1 needs lon and lat; without them use precision 3"),
        ("strikes.csv", 11, "lon", "lon and lat go together; one is empty"),
        ("strikes.csv", 12, "uncertainty_km", "a point needs its uncertainty in km"),
        ("strikes.csv", 15, "zone", f"unknown zone 'atlantis'; known: {KNOWN}"),
        ("strikes.csv", 16, "region", "zone caribbean lies in Caribbean Sea, not in the stated region Eastern Pacific"),
        ("strikes.csv", 17, "zone", f"unknown zone 'atlantis'; known: {KNOWN}"),
        ("strikes.csv", 18, "date", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("strikes.csv", 20, "date", "2027-01-01 is in the future"),
        ("strikes.csv", 22, "vessels", "fewer vessels (1) than strikes (2)"),
        *(("strikes.csv", n, "presumed_dead_basis", "presumed_dead is more than 0, so say why they are presumed "
           "dead: one of search_suspended, officially_presumed, inferred") for n in (23, 24)),
        ("strikes.csv", 24, "survivors", "rescued (1) + presumed_dead (1) exceed survivors (1)"),
        ("strikes.csv", 25, "presumed_dead_basis", "presumed_dead is more than 0, so say why they are presumed "
         "dead: one of search_suspended, officially_presumed, inferred"),
        ("strikes.csv", 26, "survivors", "rescued (2) + presumed_dead (0) exceed survivors (1)"),
        ("strikes.csv", 27, "id", "id S001 is used again (first on line 2); ids are never reused"),
        ("strikes.csv", 28, "id", "id S001 is used again (first on line 2); ids are never reused"),
        ("strikes.csv", 29, "sources", f"source SRC-9999 {unknown}"),
        ("tallies.csv", 2, "as_of", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("tallies.csv", 4, "as_of", "2027-01-01 is in the future"),
        ("tallies.csv", 5, "id", "id T002 is used again (first on line 3); ids are never reused"),
        ("tallies.csv", 6, "sources", f"source SRC-7777 {unknown}"),
    ]  # fmt: skip


def test_each_location_problem_has_its_own_message(broken):
    _, found = broken
    assert only(found, "strikes.csv", 2) == []
    assert only(found, "strikes.csv", 3) == [("lon", f"point (0, 0) {NO_REGION}")]
    assert only(found, "strikes.csv", 4) == [("lon", f"point (12.6, -66) {NO_REGION}")]
    assert only(found, "strikes.csv", 5) == [
        ("zone", "point (-72.5, 15.5) lies in zone central_caribbean, not in the stated zone off_venezuela")
    ]
    assert only(found, "strikes.csv", 6) == [
        ("region", "point (-72.5, 15.5) lies in Caribbean Sea, not in the stated region Eastern Pacific")
    ]
    assert only(found, "strikes.csv", 7) == [
        ("lat", "point (-66.9, 9) is on land, but a strike is at sea; are lon and lat swapped?")
    ]
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
    assert only(found, "strikes.csv", 14) == []


def test_unknown_zone_and_zone_in_another_region(broken):
    _, found = broken
    assert only(found, "strikes.csv", 15) == [("zone", f"unknown zone 'atlantis'; known: {KNOWN}")]
    assert only(found, "strikes.csv", 16) == [
        ("region", "zone caribbean lies in Caribbean Sea, not in the stated region Eastern Pacific")
    ]
    # an unknown zone is named once, not again as the wrong zone for the point
    assert only(found, "strikes.csv", 17) == [("zone", f"unknown zone 'atlantis'; known: {KNOWN}")]


def test_every_located_file_is_checked_and_land_only_for_strikes(broken):
    _, found = broken
    no_region = ("lon", f"point (0, 0) {NO_REGION}")
    assert only(found, "events.csv", 6) == []  # ashore is fine for an event
    assert only(found, "events.csv", 7) == [no_region]
    assert no_region in only(found, "deployments.csv", 8)
    assert only(found, "sites.csv", 2) == [no_region]


def test_dates_before_the_campaign_or_after_today(broken):
    _, found = broken
    dated = [(f, r, c, why) for f, r, c, why in found if c in ("date", "start", "as_of")]
    assert dated == [
        ("deployments.csv", 2, "start", "2024-12-31 is before 2025-01-01, outside the campaign"),
        ("deployments.csv", 4, "start", "2027-01-02 is in the future"),
        ("events.csv", 2, "date", "2023-12 is before 2024-01-01, outside the campaign"),
        ("events.csv", 4, "date", "2027-01 is in the future"),
        ("strikes.csv", 18, "date", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("strikes.csv", 20, "date", "2027-01-01 is in the future"),
        ("tallies.csv", 2, "as_of", "2025-07-31 is before 2025-08-01, outside the campaign"),
        ("tallies.csv", 4, "as_of", "2027-01-01 is in the future"),
    ]


def test_a_deployment_ends_on_or_after_its_start(broken):
    _, found = broken
    assert [(f, r, c, why) for f, r, c, why in found if c == "end"] == [
        ("deployments.csv", 6, "end", "end 2025-08-31 is before start 2025-09")
    ]


def test_counts_that_cannot_both_be_true(broken):
    _, found = broken
    assert [(r, c, why) for f, r, c, why in found if c in ("vessels", "survivors")] == [
        (22, "vessels", "fewer vessels (1) than strikes (2)"),
        (24, "survivors", "rescued (1) + presumed_dead (1) exceed survivors (1)"),
        (26, "survivors", "rescued (2) + presumed_dead (0) exceed survivors (1)"),
    ]


def test_a_duplicate_id_names_the_first_use(broken):
    _, found = broken
    assert [(f, r, why) for f, r, c, why in found if "used again" in why] == [
        ("sources.csv", 5, "id SRC-0001 is used again (first on line 2); ids are never reused"),
        ("strikes.csv", 27, "id S001 is used again (first on line 2); ids are never reused"),
        ("strikes.csv", 28, "id S001 is used again (first on line 2); ids are never reused"),
        ("tallies.csv", 5, "id T002 is used again (first on line 3); ids are never reused"),
    ]


def test_source_messages_name_the_register(broken):
    data, found = broken
    register = "seeds/sources.csv"
    unknown = [(f, r, c, why) for f, r, c, why in found if c == "sources"]
    assert unknown == [
        ("deployments.csv", 8, "sources", f"source SRC-7777 is not in the register {register}"),
        ("events.csv", 8, "sources", f"source SRC-7777 is not in the register {register}"),
        ("site_status.csv", 2, "sources", f"source SRC-7777 is not in the register {register}"),
        ("sites.csv", 3, "sources", f"source SRC-7777 is not in the register {register}"),
        ("strikes.csv", 29, "sources", f"source SRC-9999 is not in the register {register}"),
        ("tallies.csv", 6, "sources", f"source SRC-7777 is not in the register {register}"),
    ]
    assert only(found, "sources.csv", 4) == [("id", "source SRC-0003 is cited by no record; cite it or remove it")]


def test_site_status_rows_and_sites_must_match(broken):
    _, found = broken
    assert [(f, r, c, why) for f, r, c, why in found if f.startswith("site") and c != "sources"] == [
        ("site_status.csv", 4, "status", "the same site, date and status appear twice"),
        ("site_status.csv", 5, "site_id", "site B999 is not in sites.csv"),
        ("sites.csv", 2, "lon", f"point (0, 0) {NO_REGION}"),
        ("sites.csv", 4, "id", "site B003 has no row in site_status.csv"),
    ]


# --- breaks of whole files: one copy each -------------------------------------------------


def zones_with(data, change):
    path = data / "zones.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection["features"])
    path.write_text(json.dumps(collection), encoding="utf-8")


def test_a_zone_file_without_a_property_is_refused_and_locations_wait(tmp_path):
    data = write_data(tmp_path)

    def drop(features):
        for feature in features:
            del feature["properties"]["ref_lat"]
            del feature["properties"]["kind"]

    zones_with(data, drop)
    edit_csv(data / "strikes.csv", 2, "zone", "atlantis")
    # each feature is named (row = feature number); the strikes wait until the zones are readable
    assert problems_of(data) == [
        ("zones.geojson", n, column, "property is missing") for n in range(1, 6) for column in ("kind", "ref_lat")
    ]


def test_doubled_zone_ids_and_broken_polygons(tmp_path):
    data = write_data(tmp_path)

    def break_some(features):
        features[2]["properties"]["id"] = "caribbean"
        features[3]["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
        features[4]["geometry"] = None

    zones_with(data, break_some)
    # the broken features first; the set's own checks (doubled ids) follow once each feature reads
    assert problems_of(data) == [
        ("zones.geojson", 4, "geometry", "zone 'off_venezuela' has an invalid polygon"),
        ("zones.geojson", 5, "geometry", "zone 'central_caribbean' has no readable geometry"),
    ]
    zones_with(data, lambda features: features.__setitem__(slice(3, 5), []))
    assert problems_of(data) == [("zones.geojson", 3, "id", "'caribbean' is used again (first by feature 1)")]


def test_missing_zones_and_unreadable_land(tmp_path):
    data = write_data(tmp_path)
    (data / "zones.geojson").unlink()
    (data / "land.geojson").write_text("not json", encoding="utf-8")
    found = problems_of(data)
    assert found[0][:3] == ("land.geojson", 0, "") and found[0][3].startswith("cannot be read as GeoJSON: ")
    assert found[1:] == [("zones.geojson", 0, "", "file is missing")]


def test_unreadable_zones_and_missing_land(tmp_path):
    data = write_data(tmp_path)
    (data / "zones.geojson").write_text("not json either", encoding="utf-8")
    (data / "land.geojson").unlink()
    found = problems_of(data)
    assert found[0] == ("land.geojson", 0, "", "file is missing (rebuild: python scripts/build_land.py)")
    assert found[1][:3] == ("zones.geojson", 1, "") and found[1][3].startswith("is not valid JSON: ")
    assert len(found) == 2


def test_without_land_the_rest_is_still_checked(tmp_path):
    data = write_data(tmp_path)
    (data / "land.geojson").unlink()
    place(data / "strikes.csv", 2, "Caribbean Sea", "caribbean", "-66.9", "9")  # ashore, but no land to tell
    place(data / "strikes.csv", 3, "Caribbean Sea", "caribbean", "0", "0")
    assert problems_of(data) == [
        ("land.geojson", 0, "", "file is missing (rebuild: python scripts/build_land.py)"),
        ("strikes.csv", 3, "lon", f"point (0, 0) {NO_REGION}"),
    ]


def test_all_problems_come_at_once_in_order(tmp_path):
    data = write_data(tmp_path)
    edit_csv(data / "tallies.csv", 2, "as_of", "soon")
    edit_csv(data / "strikes.csv", 3, "killed", "-1")
    edit_csv(data / "strikes.csv", 4, "date", "2099-01-01")
    (data / "events.csv").write_bytes(b"")
    (data / "sites.csv").write_text("id,name\nB001,x\n", encoding="utf-8")
    in_order = validate(DataPaths.resolve(data)).problems  # today's date by default
    assert in_order == sorted(in_order) and len(in_order) > 4  # by file, row, column
    found = [(p.file.split("/")[-1], p.row, p.column, p.reason) for p in in_order]
    assert ("strikes.csv", 3, "killed", "'-1' is negative; a count is 0 or more") in found
    assert ("tallies.csv", 2, "as_of", "'soon' is not a date YYYY-MM-DD") in found
    assert ("strikes.csv", 4, "date", "2099-01-01 is in the future") in found
    assert ("sites.csv", 1, "country", "column is missing from the header") in found
    assert any(f == "events.csv" and row == 0 and "file is empty" in why for f, row, _, why in found)
    assert read_cell(data / "strikes.csv", 3, "id") == "S002"
