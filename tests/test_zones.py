import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geo.zones import EARTH_RADIUS_KM, Zones, haversine_km, on_land


def test_region_and_zone_of_points(tiny_zones):
    lon, lat = np.array([-15.0, -15.0, 5.0, 50.0]), np.array([5.0, -5.0, 0.0, 0.0])
    assert list(tiny_zones.region_of(lon, lat)) == ["Sea A", "Sea A", "Sea B", ""]
    assert list(tiny_zones.zone_of(lon, lat)) == ["a_north", "sea_a", "sea_b", ""]


def test_resolve_takes_ids_and_names(tiny_zones):
    assert tiny_zones.resolve("SEA_A") == "sea_a"
    assert tiny_zones.resolve("north of a") == "a_north"
    assert tiny_zones.resolve("nowhere") is None


def test_haversine_one_degree_of_latitude():
    assert round(float(haversine_km(0, 0, 0, 1)), 1) == 111.2


def test_haversine_against_published_distances():
    # Rosetta Code's haversine task: Nashville (36.12, -86.67) to Los Angeles (33.94, -118.40)
    # is 2887.2599506 km on a sphere of radius 6372.8 km; the same angle on our 6371.0088 km sphere
    expected = 2887.2599506071106 / 6372.8 * EARTH_RADIUS_KM
    assert float(haversine_km(-86.67, 36.12, -118.40, 33.94)) == pytest.approx(expected, abs=1e-6)
    assert float(haversine_km(-118.40, 33.94, -86.67, 36.12)) == pytest.approx(expected, abs=1e-6)


def test_haversine_east_west_legs():
    # a quarter and a half of the equator, and one degree of longitude along it
    assert float(haversine_km(0, 0, 90, 0)) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)
    assert float(haversine_km(-90, 0, 90, 0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert float(haversine_km(10, 0, 11, 0)) == pytest.approx(111.19508, abs=1e-5)
    # across the antimeridian: 179°E to 179°W is two degrees, not 358
    assert float(haversine_km(179, 0, -179, 0)) == pytest.approx(2 * 111.19508, abs=1e-4)
    # at 60°N, one degree apart: a little under half the equator's degree (the parallel's
    # arc is 55.5975 km; the great circle, by the spherical law of cosines, 55.5970 km)
    assert float(haversine_km(0, 60, 1, 60)) == pytest.approx(55.59701, abs=1e-4)


def test_haversine_takes_arrays():
    found = haversine_km(0.0, 0.0, np.array([0.0, 90.0, 0.0]), np.array([1.0, 0.0, -90.0]))
    assert found == pytest.approx([111.19508, math.pi * EARTH_RADIUS_KM / 2, math.pi * EARTH_RADIUS_KM / 2], abs=1e-4)


def test_radius_of_a_zone_is_its_farthest_corner_rounded_up(tiny_zones):
    # a_north, (-20..-10, 0..10) around (-15, 5): the southern corners are the farthest,
    # 785.77 km by the spherical law of cosines, so 790 km after rounding up to 10
    assert tiny_zones.radius_km("a_north") == 790.0
    # sea_a, (-20..0, -10..10) around (-15, 0): the eastern corners, 1997.49 km
    assert tiny_zones.radius_km("sea_a") == 2000.0


def test_names_regions_and_ids_of_zones(tiny_zones):
    assert tiny_zones.ids == ["sea_a", "sea_b", "a_north"]
    assert tiny_zones.name("a_north") == "North of A"
    assert tiny_zones.name("sea_b") == "Sea B"
    assert tiny_zones.region_name("a_north") == "Sea A"
    assert tiny_zones.region_name("sea_b") == "Sea B"
    assert list(tiny_zones.regions.index) == ["sea_a", "sea_b"]
    assert tiny_zones.reference_point("a_north") == (-15.0, 5.0)
    assert tiny_zones.reference_point("sea_b") == (5.0, 0.0)


def test_the_first_region_holding_a_point_names_it():
    """Regions only touch; where test shapes overlap, the first listed wins, and
    a zone outside every region still names itself."""
    frame = gpd.GeoDataFrame(
        {"id": ["west", "east", "z"], "name": ["W", "E", "Z"], "kind": ["region", "region", "zone"],
         "region": ["W", "E", "W"], "ref_lon": [0.0, 0.0, 0.0], "ref_lat": [0.0, 0.0, 0.0]},
        geometry=[box(-10, -10, 2, 10), box(-2, -10, 10, 10), box(20, 20, 30, 30)],
        crs=4326,
    )  # fmt: skip
    zones = Zones.from_frame(frame)
    lon, lat = np.array([0.0, 5.0, 25.0]), np.array([0.0, 0.0, 25.0])
    assert list(zones.region_of(lon, lat)) == ["W", "E", ""]
    assert list(zones.zone_of(lon, lat)) == ["west", "east", "z"]


def test_zones_read_from_a_file(tmp_path, tiny_zones):
    path = tmp_path / "zones.geojson"
    tiny_zones.frame.reset_index(drop=True).to_file(path, driver="GeoJSON")
    read = Zones.read(path)
    assert read.ids == ["sea_a", "sea_b", "a_north"]
    assert list(read.zone_of([-15.0], [5.0])) == ["a_north"]


def test_points_on_land():
    land = box(0, 0, 1, 1)
    assert list(on_land(land, [0.5, 2.0], [0.5, 0.5])) == [True, False]


def test_coordinates_may_come_as_text_or_objects(tiny_zones):
    """Values straight from a CSV reader, or an object column, are read as numbers."""
    lon, lat = ["-15.0", "5", "50"], ["5.0", "0", "0"]
    assert list(tiny_zones.region_of(lon, lat)) == ["Sea A", "Sea B", ""]
    assert list(tiny_zones.zone_of(pd.Series(lon, dtype=object), pd.Series(lat, dtype=object))) == [
        "a_north",
        "sea_b",
        "",
    ]
    land = box(0, 0, 1, 1)
    assert list(on_land(land, ["0.5", "2"], ["0.5", "0.5"])) == [True, False]
    assert list(on_land(land, [0.5, 0.5], ["0.5", "2"])) == [True, False]
