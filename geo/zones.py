"""Regions and reference zones: which region and zone a point lies in, and
where a record known only by its zone is placed.

Regions partition the map (they share borders but never overlap); zones are
named sea areas inside one region each. The zone of a point is the most
specific one: a zone when the point lies in one, else its region.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lon1, lat1, lon2, lat2):
    """Great-circle distance in km (arrays welcome)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


@dataclass(frozen=True)
class Zones:
    """The zones layer with lookups; build it with `Zones.from_frame`."""

    frame: gpd.GeoDataFrame  # one row per region or zone, indexed by id

    @classmethod
    def from_frame(cls, frame: gpd.GeoDataFrame) -> Zones:
        frame = frame.set_index("id", drop=False)
        shapely.prepare(frame.geometry.values)
        return cls(frame)

    @classmethod
    def read(cls, path: Path) -> Zones:
        return cls.from_frame(gpd.read_file(path))

    @property
    def ids(self) -> list[str]:
        return list(self.frame.index)

    @cached_property
    def regions(self) -> gpd.GeoDataFrame:
        return self.frame[self.frame["kind"] == "region"]

    @cached_property
    def _names(self) -> dict[str, str]:
        return dict(zip(self.frame["id"], self.frame["name"]))

    @cached_property
    def _region_names(self) -> dict[str, str]:
        return dict(zip(self.frame["id"], self.frame["region"]))

    @cached_property
    def _references(self) -> dict[str, tuple[float, float]]:
        return {
            z: (float(x), float(y)) for z, x, y in zip(self.frame["id"], self.frame["ref_lon"], self.frame["ref_lat"])
        }

    def region_name(self, zone_id: str) -> str:
        return self._region_names[zone_id]

    def name(self, zone_id: str) -> str:
        return self._names[zone_id]

    def region_of(self, lon, lat) -> np.ndarray:
        """Region name of each point, '' where a point lies in no region."""
        return self._first_containing(self.regions, "region", lon, lat)

    def zone_of(self, lon, lat) -> np.ndarray:
        """Most specific zone id of each point: its zone, else its region, else ''."""
        zones = self.frame[self.frame["kind"] == "zone"]
        found = self._first_containing(zones, "id", lon, lat)
        region_ids = self._first_containing(self.regions, "id", lon, lat)
        return np.where(found != "", found, region_ids)

    @staticmethod
    def _first_containing(frame, column, lon, lat) -> np.ndarray:
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        out = np.full(lon.shape, "", dtype=object)
        for geometry, value in zip(frame.geometry.values, frame[column]):
            inside = shapely.contains_xy(geometry, lon, lat) & (out == "")
            out[inside] = value
        return out

    def reference_point(self, zone_id: str) -> tuple[float, float]:
        return self._references[zone_id]

    def radius_km(self, zone_id: str) -> float:
        """How far the zone reaches from its reference point: the honest
        uncertainty of a record placed at that point, rounded up to 10 km."""
        lon, lat = self.reference_point(zone_id)
        coords = shapely.get_coordinates(self.frame.at[zone_id, "geometry"])
        far = haversine_km(lon, lat, coords[:, 0], coords[:, 1]).max()
        return float(np.ceil(far / 10.0) * 10.0)

    @cached_property
    def _lookup(self) -> dict[str, str]:
        names = {str(name).casefold(): zone_id for zone_id, name in zip(self.frame["id"], self.frame["name"])}
        return names | {str(zone_id).casefold(): zone_id for zone_id in self.frame["id"]}

    def resolve(self, name: str) -> str | None:
        """A zone id from an id or a name, case-insensitively; None if unknown."""
        return self._lookup.get(name.strip().casefold())


def on_land(land: shapely.Geometry, lon, lat) -> np.ndarray:
    """True for each point inside the land layer."""
    return shapely.contains_xy(land, np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
