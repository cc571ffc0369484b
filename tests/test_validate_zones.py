"""Checks of zones.geojson's properties and of a record's region and zone,
each reason written out in full, with values at the ends of each range."""

from __future__ import annotations

import pytest

from geo.problems import Problem
from geo.validate import zone_property_problems, zone_set_problems
from tests.test_validate_checks import place, problems_of, write_data

WHERE = "data/zones.geojson"
GOOD = {"id": "off_x", "name": "Off X", "kind": "zone", "region": "Caribbean Sea", "ref_lon": -66.0, "ref_lat": 12.0}


def reasons(**changes):
    return [(p.column, p.reason) for p in zone_property_problems({**GOOD, **changes}, WHERE, 4)]


def test_a_zone_with_every_property_right_has_no_problem():
    assert zone_property_problems(GOOD, WHERE, 4) == []
    assert reasons(ref_lon=-180, ref_lat=-90) == [] and reasons(ref_lon=180, ref_lat=90) == []
    assert reasons(kind="region", region="Western Atlantic") == [] and reasons(id="a") == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"ref_lon": -180.5}, [("ref_lon", "'-180.5' is out of range [-180, 180]")]),
        ({"ref_lon": 180.5}, [("ref_lon", "'180.5' is out of range [-180, 180]")]),
        ({"ref_lat": -90.5}, [("ref_lat", "'-90.5' is out of range [-90, 90]")]),
        ({"ref_lat": 90.5}, [("ref_lat", "'90.5' is out of range [-90, 90]")]),
        ({"ref_lon": True}, [("ref_lon", "'True' is not a number")]),
        ({"ref_lon": "12"}, [("ref_lon", "'12' is not a number")]),
        ({"ref_lat": float("nan")}, [("ref_lat", "'nan' is not a number")]),
        ({"ref_lat": float("inf")}, [("ref_lat", "'inf' is not a number")]),
        ({"ref_lat": None}, [("ref_lat", "null is not a number")]),
        ({"name": "  "}, [("name", "'  ' is not a non-empty text")]),
        ({"name": 5}, [("name", "'5' is not a non-empty text")]),
        ({"id": None}, [("id", "null is not a non-empty text")]),
        ({"id": "Off X"}, [("id", "'Off X' is not of the form [a-z][a-z0-9_]*")]),
        ({"id": "1st"}, [("id", "'1st' is not of the form [a-z][a-z0-9_]*")]),
        ({"kind": "sea"}, [("kind", "'sea' is not one of: region, zone")]),
        ({"region": "Atlantic"},
         [("region", "'Atlantic' is not one of: Caribbean Sea, Eastern Pacific, Western Atlantic")]),
    ],
)  # fmt: skip
def test_each_bad_property_is_named_with_its_reason(changes, expected):
    assert reasons(**changes) == expected


def test_a_missing_property_is_named_at_its_feature():
    properties = {k: v for k, v in GOOD.items() if k != "kind"}
    assert zone_property_problems(properties, WHERE, 7) == [Problem(WHERE, 7, "kind", "property is missing")]


def test_each_zone_lies_in_a_region_the_file_defines():
    rows = [
        {"id": "carib", "name": "Caribbean Sea", "kind": "region", "region": "Caribbean Sea"},
        {"id": "off_x", "name": "Off X", "kind": "zone", "region": "Western Atlantic"},
        {"id": "off_y", "name": "Off Y", "kind": "zone", "region": "Caribbean Sea"},
    ]
    reason = "region 'Western Atlantic' has no feature of kind region in this file"
    assert zone_set_problems(rows, WHERE) == [Problem(WHERE, 2, "region", reason)]


@pytest.fixture
def tiny(tmp_path):
    return write_data(tmp_path)


def row_problems(data_dir, line):
    found = problems_of(data_dir)
    return [(column, reason) for file, row, column, reason in found if (file, row) == ("strikes.csv", line)]


def test_a_region_needs_its_zone_and_a_zone_its_region(tiny):
    strikes = tiny / "strikes.csv"
    place(strikes, 2, "Caribbean Sea", "", "-66.5", "12.5", precision="2")
    place(strikes, 3, "", "caribbean", "", "", precision="3", uncertainty="")
    assert row_problems(tiny, 2) == [
        ("zone", "a region needs its zone (the region's own id when no finer zone is known)")]  # fmt: skip
    assert row_problems(tiny, 3) == [
        ("region", "a zone needs its region; leave both empty only when no source states the region")]  # fmt: skip
    # and not also "zone caribbean lies in Caribbean Sea, not in the stated region nan", as it once said


def test_no_region_means_no_point_and_precision_3(tiny):
    strikes = tiny / "strikes.csv"
    place(strikes, 2, "", "", "", "", precision="3", uncertainty="")  # allowed: counted, not drawn
    place(strikes, 3, "", "", "", "", precision="2", uncertainty="")
    place(strikes, 4, "", "", "-66.5", "12.5", precision="3", uncertainty="10")
    assert row_problems(tiny, 2) == []
    reason = "no region is given, so there can be no point and the precision must be 3"
    assert ("region", reason) in row_problems(tiny, 3) and ("region", reason) in row_problems(tiny, 4)
