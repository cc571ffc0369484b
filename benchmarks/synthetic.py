"""Synthetic campaign-like data sets for the benchmark: N strike records made
by replicating the real ones (their precision mix, texts, counts, sources and
zones as they are), each copy with a new id, a new date within the campaign
and, for a record that has a position, a new position at sea inside its own
zone. Beside them, the project's real deployments, sites and events. The
result validates like the real data (`python -m geo validate`).

The real strikes are about 94 % zone-level (no position), 6 % search area and
no exact points; copies keep that mix, and texts of real length (notes,
location basis, announcer), which is what load, export and transfer pay for."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from geo.catalog import load_catalog
from geo.zones import on_land

REPO = Path(__file__).resolve().parent.parent


def positions_in(catalog, land, zone: str, count: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """`count` random points at sea whose most specific zone is `zone`."""
    shape = catalog.zones.frame.at[zone, "geometry"]
    west, south, east, north = shape.bounds
    lons, lats, found = [], [], 0
    while found < count:
        lon = rng.uniform(west, east, max(count * 2, 64)).round(3)
        lat = rng.uniform(south, north, max(count * 2, 64)).round(3)
        keep = (catalog.zones.zone_of(lon, lat) == zone) & ~on_land(land, lon, lat)
        lons.append(lon[keep])
        lats.append(lat[keep])
        found += int(keep.sum())
    return np.concatenate(lons)[:count], np.concatenate(lats)[:count]


def strikes(real: pd.DataFrame, count: int, seed: int = 7) -> pd.DataFrame:
    """`count` copies of real rows (text as in the file), new ids, dates and positions."""
    from geo.validate import read_land

    rng = np.random.default_rng(seed)
    catalog = load_catalog(REPO / "data")
    land, _ = read_land(catalog.paths)
    frame = real.iloc[rng.integers(0, len(real), count)].reset_index(drop=True)
    frame["id"] = [f"S{i:07d}" for i in range(1, count + 1)]
    days = pd.to_datetime(real["date"])
    first, last = days.min(), days.max()
    offsets = rng.integers(0, (last - first).days + 1, count)
    frame["date"] = (first + pd.to_timedelta(offsets, unit="D")).strftime("%Y-%m-%d")
    positioned = (frame["lon"] != "").to_numpy()
    for zone in frame.loc[positioned, "zone"].unique():
        rows = positioned & (frame["zone"] == zone).to_numpy()
        lon, lat = positions_in(catalog, land, zone, int(rows.sum()), rng)
        frame.loc[rows, "lon"] = [f"{v:g}" for v in lon]
        frame.loc[rows, "lat"] = [f"{v:g}" for v in lat]
    return frame


def make_dataset(directory: Path, count: int) -> Path:
    """A full data directory (DIR/data and DIR/seeds) with `count` strikes; returns DIR/data.
    Made once per size and kept: DIR/.complete names the real data it was made from."""
    data = directory / "data"
    done = directory / ".complete"
    stamp = f"{count} {hashlib.sha256((REPO / 'data' / 'strikes.csv').read_bytes()).hexdigest()}\n"
    if done.exists() and done.read_text() == stamp:
        return data
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(REPO / "data", data)
    shutil.copytree(REPO / "seeds", directory / "seeds")
    real = pd.read_csv(REPO / "data" / "strikes.csv", dtype=str, keep_default_na=False)
    synthetic = strikes(real, max(count - len(real), 0))
    # the real strikes stay, so every register entry they cite is still cited
    pd.concat([real, synthetic]).to_csv(data / "strikes.csv", index=False)
    done.write_text(stamp)
    return data


def precision_mix(data: Path) -> dict[str, float]:
    """Share of zone-level, search-area and point records in DIR/strikes.csv."""
    precision = pd.read_csv(data / "strikes.csv", usecols=["geo_precision"])["geo_precision"]
    shares = precision.value_counts(normalize=True)
    return {name: float(shares.get(value, 0.0)) for value, name in ((3, "zone"), (2, "search_area"), (1, "point"))}


if __name__ == "__main__":
    import sys

    out = make_dataset(Path(sys.argv[2]), int(sys.argv[1]))
    print(out, precision_mix(out))
