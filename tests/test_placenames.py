"""Country names for the basemap: a point inside each country and its area,
checked against the ellipsoidal area pyproj computes on its own and against
the exact area of a box between two parallels and two meridians on the WGS 84
ellipsoid (Snyder, Map Projections: A Working Manual, eq. 3-12)."""

import math

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box

from geo.placenames import place_names

# an L-shaped country whose centroid (about 0.83, 0.83) lies outside it
L_SHAPE = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)])
ISLANDS = MultiPolygon([box(10, 10, 11, 11), box(12, 10, 12.5, 10.5)])


def box_area_km2(west, south, east, north):
    """Area between two parallels and two meridians on the WGS 84 ellipsoid."""
    a, f = 6378137.0, 1 / 298.257223563
    e = math.sqrt(f * (2 - f))

    def q(lat):
        s = math.sin(math.radians(lat))
        return s / (1 - e * e * s * s) - math.log((1 - e * s) / (1 + e * s)) / (2 * e)

    return a * a * (1 - e * e) / 2 * math.radians(east - west) * (q(north) - q(south)) / 1e6


def write(tmp_path, frame):
    path = tmp_path / "land.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def test_each_named_country_with_a_point_inside_it_and_its_area(tmp_path):
    land = gpd.GeoDataFrame({"country": ["Elland", "Isles", ""]},
                            geometry=[L_SHAPE, ISLANDS, box(20, 20, 21, 21)], crs=4326)  # fmt: skip
    names = place_names(write(tmp_path, land))
    assert [n["name"] for n in names] == ["Elland", "Isles"]  # the unnamed polygon gives no label
    geod = Geod(ellps="WGS84")
    for record, shape in zip(names, (L_SHAPE, ISLANDS)):
        assert shape.contains(gpd.points_from_xy([record["lon"]], [record["lat"]])[0])
        assert all(isinstance(record[k], float) for k in ("lon", "lat", "area"))
        expected = abs(geod.geometry_area_perimeter(shape)[0]) / 1e6
        assert record["area"] == pytest.approx(expected, rel=1e-3)
    assert names[0]["area"] == pytest.approx(5 * 12_308, rel=0.01)  # five 1-degree squares at the equator
    # the boxes the shapes are made of, each exactly between two parallels and two meridians
    assert names[0]["area"] == pytest.approx(box_area_km2(0, 0, 3, 1) + box_area_km2(0, 1, 1, 3), rel=1e-9)
    assert names[1]["area"] == pytest.approx(box_area_km2(10, 10, 11, 11) + box_area_km2(12, 10, 12.5, 10.5), rel=1e-9)


def test_land_without_country_names_or_features_has_no_labels(tmp_path):
    unnamed = gpd.GeoDataFrame({"kind": ["land"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    assert place_names(write(tmp_path, unnamed)) == []
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert place_names(empty) == []
