"""Country names for the basemap: a point inside each country and its area,
checked against the ellipsoidal area pyproj computes on its own."""

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box

from geo.placenames import place_names

# an L-shaped country whose centroid (about 0.83, 0.83) lies outside it
L_SHAPE = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)])
ISLANDS = MultiPolygon([box(10, 10, 11, 11), box(12, 10, 12.5, 10.5)])


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


def test_land_without_country_names_or_features_has_no_labels(tmp_path):
    unnamed = gpd.GeoDataFrame({"kind": ["land"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    assert place_names(write(tmp_path, unnamed)) == []
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert place_names(empty) == []
