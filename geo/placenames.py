"""Names of the countries on the offline basemap, placed inside each country
(not at a centroid that may fall in the sea), with their area for ranking:
the map labels the largest first and drops any that would overprint."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np


def place_names(land_path: Path) -> list[dict]:
    land = gpd.read_file(land_path)
    if land.empty or "country" not in land.columns:
        return []
    points = land.geometry.representative_point()
    areas = land.to_crs(6933).area / 1e6  # equal-area km2: ranks Mexico above Aruba
    return [
        {"name": str(name), "lon": float(p.x), "lat": float(p.y), "area": float(a)}
        for name, p, a in zip(land["country"], points, np.asarray(areas))
        if name
    ]
