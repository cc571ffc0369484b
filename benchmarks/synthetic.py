"""Synthetic campaign-like data sets for the benchmark: N strike events over
the real seas with the real attribute mix (dates across the campaign, both
regions, precision mostly zone-level, deaths, sources), beside the project's
real deployments, sites and events. The result validates like real data."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from geo.catalog import load_catalog
from geo.schema import STRIKES
from geo.zones import on_land

REPO = Path(__file__).resolve().parent.parent
START, END = pd.Timestamp("2025-09-02"), pd.Timestamp("2026-06-21")


def sea_points(catalog, count: int, rng) -> pd.DataFrame:
    """Random points at sea inside the Caribbean and eastern Pacific, with their region and zone."""
    from geo.validate import read_land

    land, _ = read_land(catalog.paths)
    chosen = []
    while sum(len(c) for c in chosen) < count:
        lon = rng.uniform(-112.0, -59.5, count * 2).round(3)
        lat = rng.uniform(-5.0, 22.0, count * 2).round(3)
        region = catalog.zones.region_of(lon, lat)
        keep = np.isin(region, ["Caribbean Sea", "Eastern Pacific"]) & ~on_land(land, lon, lat)
        zone = catalog.zones.zone_of(lon[keep], lat[keep])
        chosen.append(pd.DataFrame({"lon": lon[keep], "lat": lat[keep],
                                    "region": region[keep], "zone": zone}))  # fmt: skip
    return pd.concat(chosen, ignore_index=True).iloc[:count]


def strikes(count: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    catalog = load_catalog(REPO / "data")
    points = sea_points(catalog, count, rng)
    days = rng.integers(0, (END - START).days + 1, count)
    precision = rng.choice([1, 2, 3], size=count, p=[0.05, 0.25, 0.70])
    zonal = precision == 3
    # a zone-level record keeps its region's or zone's id and drops its point
    region_id = np.where(points["region"] == "Caribbean Sea", "caribbean", "eastern_pacific")
    zone = np.where(zonal & (rng.random(count) < 0.6), region_id, points["zone"])
    vessels = rng.choice([1, 1, 1, 1, 2, 3], size=count)
    survivors = rng.choice([0, 0, 0, 0, 0, 1, 2], size=count)
    rescued = np.minimum(survivors, rng.integers(0, 2, count))
    sources = catalog.sources["id"].to_numpy()
    frame = pd.DataFrame({
        "id": [f"S{i:07d}" for i in range(1, count + 1)],
        "date": (START + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"),
        "date_precision": np.where(rng.random(count) < 0.9, "strike_day", "announcement_day"),
        "region": points["region"],
        "zone": zone,
        "lon": np.where(zonal, np.nan, points["lon"]),
        "lat": np.where(zonal, np.nan, points["lat"]),
        "geo_precision": precision,
        "uncertainty_km": np.where(zonal, np.nan, np.where(precision == 1, 10.0, 185.0)),
        "location_basis": np.where(zonal, "only the sea area is known", "search area reported"),
        "strikes": vessels,
        "vessels": vessels,
        "killed": rng.poisson(3, count),
        "survivors": survivors,
        "rescued": rescued,
        "presumed_dead": survivors - rescued,
        "vessel_type": "go-fast boat",
        "alleged_group": rng.choice(["", "Tren de Aragua", "ELN"], size=count),
        "announced_by": "SOUTHCOM (X)",
        "sources": rng.choice(sources, size=count),
        "notes": "synthetic record for the benchmark",
    })  # fmt: skip
    return frame[STRIKES.names]


def make_dataset(directory: Path, count: int) -> Path:
    """A full data directory (DIR/data and DIR/seeds) with `count` strikes; returns DIR/data."""
    data = directory / "data"
    if data.exists():
        shutil.rmtree(directory)
    shutil.copytree(REPO / "data", data)
    shutil.copytree(REPO / "seeds", directory / "seeds")
    real = pd.read_csv(REPO / "data" / "strikes.csv", dtype=str, keep_default_na=False)
    synthetic = strikes(max(count - len(real), 0))
    # the real strikes stay, so every register entry they cite is still cited
    pd.concat([real, synthetic.astype(str).replace("nan", "")]).to_csv(data / "strikes.csv", index=False)
    return data
