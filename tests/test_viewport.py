"""The map's first view in Web Mercator (512-pixel tiles), checked against the
projection's textbook form y = ln(tan(pi/4 + lat/2)) rather than the code's own."""

import math

import pytest

from geo.viewport import (
    DESKTOP_HEIGHT,
    DESKTOP_WIDTH,
    PHONE_HEIGHT,
    PHONE_WIDTH,
    THEATRE,
    View,
    fit,
    is_phone,
    view_for,
    world_x,
    world_y,
)


def mercator_y(lat: float, zoom: float = 0) -> float:
    """Pixels from the top of the world, from the tangent form of the projection."""
    return (0.5 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)) * 512 * 2**zoom


def test_world_x_spans_512_pixels_per_tile():
    assert (world_x(-180, 0), world_x(0, 0), world_x(180, 0)) == (0, 256, 512)
    assert world_x(90, 1) == 768  # three quarters of a 1024-pixel world
    assert world_x(-90, 2) == 512


@pytest.mark.parametrize("lat", [0.0, 10.0, 28.0, -6.0, 45.0, 60.0, -84.9])
def test_world_y_is_web_mercator(lat):
    assert world_y(lat, 0) == pytest.approx(mercator_y(lat), abs=1e-9)
    assert world_y(lat, 3) == pytest.approx(mercator_y(lat, 3), abs=1e-9)


def test_world_y_stops_at_85_degrees_either_side():
    assert world_y(89.9, 0) == world_y(85.0, 0) == pytest.approx(mercator_y(85.0))
    assert world_y(-89.9, 0) == world_y(-85.0, 0) == pytest.approx(mercator_y(-85.0))
    assert world_y(85.0, 0) == pytest.approx(0.84, abs=0.01)  # 85.0511 degrees is the very top


def test_to_screen_puts_the_centre_mid_screen_and_east_to_the_right():
    view = View(longitude=0.0, latitude=0.0, zoom=1, width=100, height=80)
    assert view.to_screen(0.0, 0.0) == (50, 40)
    assert view.to_screen(90.0, 0.0) == (50 + 256, 40)
    x, y = view.to_screen(-45.0, 45.0)
    assert x == pytest.approx(50 - 128) and y == pytest.approx(mercator_y(45, 1) - 512 + 40)


def test_fit_the_whole_world_in_one_tile():
    view = fit(512, 512, (-180.0, -85.0511287798, 180.0, 85.0511287798))
    assert (view.longitude, view.zoom, view.width, view.height) == (0.0, 0.0, 512, 512)
    assert view.latitude == pytest.approx(0.0, abs=1e-6)


def test_fit_shows_all_of_the_theatre_and_fills_one_side():
    west, south, east, north = THEATRE
    for width, height in ((DESKTOP_WIDTH, DESKTOP_HEIGHT), (PHONE_WIDTH, PHONE_HEIGHT), (300, 900), (2000, 300)):
        view = fit(width, height)
        zoom = math.log2(min(width / ((east - west) / 360 * 512), height / (mercator_y(south) - mercator_y(north))))
        assert view.zoom == round(zoom, 2) and view.longitude == (west + east) / 2
        middle = (math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
                  + math.log(math.tan(math.pi / 4 + math.radians(north) / 2))) / 2  # fmt: skip
        assert view.latitude == pytest.approx(math.degrees(2 * math.atan(math.exp(middle)) - math.pi / 2), abs=1e-9)
        exact = View(view.longitude, view.latitude, zoom, width, height)
        (left, top), (right, bottom) = exact.to_screen(west, north), exact.to_screen(east, south)
        assert left >= -1e-6 and top >= -1e-6 and right <= width + 1e-6 and bottom <= height + 1e-6
        assert min(left, top, width - right, height - bottom) == pytest.approx(0, abs=1e-6)


def test_fit_rounds_the_zoom_to_two_decimals():
    # 56 degrees of longitude are 79.64 pixels at zoom 0; 700 / 79.64 = 8.789 = 2 ** 3.136
    assert fit(700, 600).zoom == 3.14


@pytest.mark.parametrize(
    ("agent", "phone"),
    [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", True),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8)", True),
        ("Mozilla/5.0 (X11; Linux x86_64) Mobile Safari", True),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0", False),
        ("", False),
        (None, False),
    ],
)
def test_is_phone_from_the_user_agent(agent, phone):
    assert is_phone(agent) is phone
    size = (PHONE_WIDTH, PHONE_HEIGHT) if phone else (DESKTOP_WIDTH, DESKTOP_HEIGHT)
    assert (view_for(agent).width, view_for(agent).height) == size
    assert view_for(agent) == fit(*size)
