"""The map's first view: the whole theatre fitted to the reader's screen, and
where on that screen each place falls (to keep labels from overprinting).

deck.gl's view is Web Mercator with 512-pixel tiles: at zoom z the world is
512 * 2**z pixels wide. The page does not know the browser's width, so it
fits the view to the width of a phone or of a desktop map column, chosen from
the browser's user agent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# the campaign's theatre: the three regions with the coasts around them
THEATRE = (-112.0, -6.0, -56.0, 28.0)  # west, south, east, north
TILE = 512
PHONE_WIDTH, PHONE_HEIGHT = 370, 460  # a 390 px phone less the page's margins
DESKTOP_WIDTH, DESKTOP_HEIGHT = 700, 600  # the map column at 1440 px (three quarters of the main area)


def world_x(lon: float, zoom: float) -> float:
    return (lon + 180.0) / 360.0 * TILE * 2**zoom


def world_y(lat: float, zoom: float) -> float:
    s = math.sin(math.radians(max(min(lat, 85.0), -85.0)))
    return (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * TILE * 2**zoom


@dataclass(frozen=True)
class View:
    longitude: float
    latitude: float
    zoom: float
    width: int
    height: int

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a place in this view (0, 0 = top left)."""
        x = world_x(lon, self.zoom) - world_x(self.longitude, self.zoom) + self.width / 2
        y = world_y(lat, self.zoom) - world_y(self.latitude, self.zoom) + self.height / 2
        return x, y


def fit(width: int, height: int, bounds: tuple[float, float, float, float] = THEATRE) -> View:
    """The view that shows all of `bounds` in a width x height pixel map."""
    west, south, east, north = bounds
    span_x = world_x(east, 0) - world_x(west, 0)
    span_y = world_y(south, 0) - world_y(north, 0)
    zoom = math.log2(min(width / span_x, height / span_y))
    centre_y = (world_y(north, 0) + world_y(south, 0)) / 2 / TILE
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * centre_y))))
    return View((west + east) / 2, lat, round(zoom, 2), width, height)


def is_phone(user_agent: str | None) -> bool:
    agent = (user_agent or "").lower()
    return any(word in agent for word in ("mobile", "iphone", "android"))


def view_for(user_agent: str | None) -> View:
    if is_phone(user_agent):
        return fit(PHONE_WIDTH, PHONE_HEIGHT)
    return fit(DESKTOP_WIDTH, DESKTOP_HEIGHT)
