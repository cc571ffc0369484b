import numpy as np

from geo.zones import haversine_km


def test_region_and_zone_of_points(tiny_zones):
    lon, lat = np.array([-15.0, -15.0, 5.0, 50.0]), np.array([5.0, -5.0, 0.0, 0.0])
    assert list(tiny_zones.region_of(lon, lat)) == ["Sea A", "Sea A", "Sea B", ""]
    assert list(tiny_zones.zone_of(lon, lat)) == ["a_north", "sea_a", "sea_b", ""]


def test_radius_is_the_reach_of_the_zone_from_its_reference_point(tiny_zones):
    # a_north is 10 x 10 degrees with its reference point at its centre
    far_corner = haversine_km(-15.0, 5.0, -20.0, 10.0)
    assert tiny_zones.radius_km("a_north") == np.ceil(far_corner / 10) * 10


def test_resolve_takes_ids_and_names(tiny_zones):
    assert tiny_zones.resolve("SEA_A") == "sea_a"
    assert tiny_zones.resolve("north of a") == "a_north"
    assert tiny_zones.resolve("nowhere") is None


def test_haversine_one_degree_of_latitude():
    assert round(float(haversine_km(0, 0, 0, 1)), 1) == 111.2
