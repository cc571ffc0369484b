"""Rebuild data/land.geojson, the offline basemap.

Natural Earth 1:10m countries (public domain), taken from the npm package
`world-atlas` (TopoJSON, read by GDAL). 1:10m keeps the small islands that
matter here (Clipperton, Malpelo, Isla del Coco) which 1:50m loses. The
geometry is repaired with make_valid, clipped to a padded box around the
campaign's seas and simplified to keep the file a few hundred kB.

Run:  python scripts/build_land.py            (fetches world-atlas with npm)
      python scripts/build_land.py --topojson path/to/countries-10m.json
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

WORLD_ATLAS = "world-atlas@2.0.2"
# lon/lat box: Gulf of California to the mid-Atlantic, Peru to Florida.
CLIP_BOX = (-125.0, -12.0, -45.0, 40.0)
SIMPLIFY_DEGREES = 0.01
MUST_KEEP = {  # small islands a reader looks for; the build fails if one is lost
    "Clipperton": (-109.22, 10.30),
    "Malpelo": (-81.60, 4.00),
    "Isla del Coco": (-87.05, 5.53),
}
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "land.geojson"
# Streamlit's static server refuses symlinks, so the dashboard serves a copy.
STATIC_COPY = REPO / "static" / "land.geojson"


def fetch_topojson(workdir: Path) -> Path:
    """Download the world-atlas tarball from the npm registry and unpack it."""
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extract("package/countries-10m.json", workdir, filter="data")
    return workdir / "package" / "countries-10m.json"


def build(topojson: Path) -> gpd.GeoDataFrame:
    world = gpd.read_file(topojson, layer="countries").set_crs(4326)
    world["geometry"] = shapely.make_valid(world.geometry.values)
    clipped = world.clip(box(*CLIP_BOX))
    clipped = clipped[~clipped.geometry.is_empty]
    clipped["geometry"] = clipped.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    clipped["geometry"] = shapely.make_valid(clipped.geometry.values)
    clipped["geometry"] = shapely.set_precision(clipped.geometry.values, 0.0001)
    land = clipped[["name", "geometry"]].rename(columns={"name": "country"})
    land = land[~land.geometry.is_empty].sort_values("country").reset_index(drop=True)
    for island, (lon, lat) in MUST_KEEP.items():
        near = shapely.distance(land.geometry.values, shapely.Point(lon, lat)).min()
        if near > 0.1:
            raise SystemExit(f"build_land: {island} lost by simplification ({near:.2f} deg away)")
    return land


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topojson", type=Path, help="a local countries-10m.json")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.topojson or fetch_topojson(Path(tmp))
        land = build(source)
    text = land.to_json(drop_id=True, to_wgs84=True)
    args.out.write_text(text, encoding="utf-8")
    if args.out == OUT:
        STATIC_COPY.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} kB, {len(land)} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
