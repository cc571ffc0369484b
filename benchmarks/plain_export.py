"""The yardstick for our export: what a competent geopandas user writes to
export the same rows (every record of the four layers, all fields) as
GeoJSON in a zip, with no validation and none of our promises (no zone
polygons for records without a position, no source URLs, no release stamp).

    python -m benchmarks.plain_export DATA_DIR OUT.zip [--format geojson|parquet]

Run in a fresh process by benchmarks/run.py beside `python -m geo export
--layer all`, for time and peak memory."""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

LAYERS = ("strikes", "deployments", "sites", "events")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--format", choices=["geojson", "parquet"], default="geojson")
    args = parser.parse_args()
    if args.format == "parquet":
        frame = pd.read_csv(args.data / "strikes.csv")
        points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)
        points.to_parquet(args.out, index=False)
        return
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as archive:
        for layer in LAYERS:
            frame = pd.read_csv(args.data / f"{layer}.csv")
            points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)
            path = Path(tmp) / f"{layer}.geojson"
            points.to_file(path, driver="GeoJSON")
            archive.write(path, path.name)


if __name__ == "__main__":
    main()
