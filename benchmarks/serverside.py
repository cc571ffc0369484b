"""Server-side figures for one data directory, ours or the naive baseline,
in a fresh process (so load and memory are cold): python -m benchmarks.serverside DIR ours|naive"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from geo.query import Filter

FILTERS = [  # what a reader does: a month, a region and a season, everything again
    Filter(date(2025, 10, 1), date(2025, 10, 31)),
    Filter(date(2025, 12, 1), date(2026, 2, 28), ("eastern_pacific",)),
    Filter(date(2026, 3, 23), date(2026, 6, 21), ("caribbean",)),
    Filter(),
]
LAND_URL = "app/static/land.geojson"


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def ours(data: Path) -> dict:
    from geo.catalog import load_catalog
    from geo.export import layer_geojson
    from geo.mapview import build_deck
    from geo.query import select

    catalog, load_s = timed(lambda: load_catalog(data))
    filter_s, spec_s, sizes = [], [], []
    for flt in FILTERS:
        selection, seconds = timed(lambda flt=flt: select(catalog, flt))
        filter_s.append(seconds)
        spec, seconds = timed(lambda selection=selection: build_deck(selection, catalog.zones, LAND_URL).deck.to_json())
        spec_s.append(seconds)
        sizes.append(len(spec.encode()))
    runs = [timed(lambda: layer_geojson(catalog, "strikes", Filter())) for _ in range(3)]
    exported, export_s = runs[0][0], statistics.median(seconds for _, seconds in runs)
    return {
        "events": len(catalog.strikes), "load_s": load_s,
        "filter_s": statistics.median(filter_s), "spec_s": statistics.median(spec_s),
        "spec_bytes": int(statistics.median(sizes)), "spec_bytes_max": max(sizes),
        "export_s": export_s, "export_features": len(catalog.strikes), "export_bytes": len(exported),
        "rss_mb": rss_mb(),
    }  # fmt: skip


def naive(data: Path) -> dict:
    """What benchmarks/naive_app.py does on every rerun, timed piece by piece."""
    import geopandas as gpd
    import pandas as pd
    import pydeck as pdk

    def load():
        strikes = pd.read_csv(data / "strikes.csv")
        points = gpd.GeoDataFrame(
            strikes, geometry=gpd.points_from_xy(strikes["lon"].fillna(-80), strikes["lat"].fillna(12))
        )
        points["date"] = pd.to_datetime(points["date"])
        return points, gpd.read_file(data / "zones.geojson"), json.loads((data / "land.geojson").read_text())

    (points, zones, land), load_s = timed(load)
    filter_s, spec_s, sizes = [], [], []
    for flt in FILTERS:

        def narrow(flt=flt):
            chosen = points
            if flt.start:
                chosen = chosen[(chosen["date"] >= pd.Timestamp(flt.start)) & (chosen["date"] <= pd.Timestamp(flt.end))]
            for place in flt.places:
                chosen = chosen[chosen.within(zones[zones["id"] == place].geometry.iloc[0])]
            return chosen

        chosen, seconds = timed(narrow)
        filter_s.append(seconds)

        def spec(chosen=chosen):
            frame = chosen.drop(columns="geometry").assign(date=chosen["date"].astype(str))
            records = json.loads(frame.to_json(orient="records"))
            deck = pdk.Deck(
                layers=[
                    pdk.Layer("GeoJsonLayer", data=land),
                    pdk.Layer("ScatterplotLayer", data=records, get_position=["lon", "lat"]),
                ],  # fmt: skip
                initial_view_state=pdk.ViewState(latitude=12, longitude=-80, zoom=3.2),
                map_provider=None,
            )
            return deck.to_json()

        text, seconds = timed(spec)
        spec_s.append(seconds)
        sizes.append(len(text.encode()))
    runs = [timed(lambda: points.assign(date=points["date"].astype(str)).to_json()) for _ in range(3)]
    exported, export_s = runs[0][0], statistics.median(seconds for _, seconds in runs)
    return {
        "events": len(points), "load_s": load_s,
        "filter_s": statistics.median(filter_s), "spec_s": statistics.median(spec_s),
        "spec_bytes": int(statistics.median(sizes)), "spec_bytes_max": max(sizes),
        "export_s": export_s, "export_features": len(points), "export_bytes": len(exported),
        "rss_mb": rss_mb(),
    }  # fmt: skip


if __name__ == "__main__":
    directory, which = Path(sys.argv[1]), sys.argv[2]
    print(json.dumps(ours(directory) if which == "ours" else naive(directory)))
