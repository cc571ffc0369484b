"""The map spec from tiny frames: honest placement, aggregation, escaping left to the template."""

import json

import geopandas as gpd
import pandas as pd
import pytest

from geo import mapview
from geo.catalog import PLACED_REPORTED, PLACED_ZONE
from geo.periods import WHOLE, label_of, quick_ranges


def strikes(rows):
    """rows: (id, zone, placed_at, lon, lat, killed, presumed_dead)"""
    frame = pd.DataFrame(rows, columns=["id", "zone", "placed_at", "lon", "lat", "killed", "presumed_dead"])
    frame = frame.assign(
        date=pd.Timestamp("2025-10-27"), region="Sea A", strikes=1, vessels=1, rescued=0,
        geo_precision=[2 if p == PLACED_REPORTED else 3 for p in frame["placed_at"]], uncertainty_km=185.0,
    )  # fmt: skip
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)


def layers_of(spec):
    return {layer["id"]: layer for layer in json.loads(spec.deck.to_json())["layers"]}


def test_a_zone_level_strike_is_the_zone_never_a_dot(tiny_zones):
    frame = strikes([
        ("S001", "a_north", PLACED_ZONE, -15.0, 5.0, 4, 0),
        ("S002", "a_north", PLACED_ZONE, -15.0, 5.0, 3, 1),
        ("S003", "sea_a", PLACED_REPORTED, -12.0, -3.0, 14, 1),
    ])  # fmt: skip
    layers = layers_of(mapview.build_deck({"strikes": frame}, tiny_zones, "land.geojson"))
    assert [row["id"] for row in layers["strikes"]["data"]] == ["S003"]
    (area,) = layers["strike-areas"]["data"]
    assert (area["lon"], area["lat"], area["radius_m"], area["id"]) == (-12.0, -3.0, 185000.0, "S003")
    assert area["tip_title"].startswith("Strike S003")  # the circle says what it is, never a raw template
    (zone,) = layers["strike-zones"]["data"]["features"]
    assert zone["properties"]["id"] == "zone:a_north" and zone["properties"]["count"] == 2
    assert "8 dead" in zone["properties"]["tip_title"] and "S001, S002" in zone["properties"]["tip_body"]
    assert [layer["id"] for layer in json.loads(mapview.build_deck({"strikes": frame}, tiny_zones, "x").deck.to_json())[
        "layers"]][:2] == ["strike-zones", "land"]  # fmt: skip


def test_above_the_threshold_the_server_sends_cells(tiny_zones, monkeypatch):
    monkeypatch.setattr(mapview, "AGGREGATE_ABOVE", 2)
    frame = strikes([(f"S{i:03d}", "sea_a", PLACED_REPORTED, -12.0 + i * 0.01, -3.0, 2, 0) for i in range(5)])
    spec = mapview.build_deck({"strikes": frame}, tiny_zones, "land.geojson")
    layers = layers_of(spec)
    assert "strikes" not in layers
    (cell,) = layers["strike-cells"]["data"]
    assert (cell["count"], cell["deaths"]) == (5, 10)
    assert spec.notices and "5 strikes" in spec.notices[0] and "0.5° cells" in spec.notices[0]


def test_text_reaches_the_tooltip_raw_for_streamlit_to_escape(tiny_zones):
    frame = strikes([("S001", "sea_a", PLACED_REPORTED, -12.0, -3.0, 1, 0)])
    layers = layers_of(mapview.build_deck({"strikes": frame}, tiny_zones, "x"))
    assert layers["strikes"]["data"][0]["tip_title"] == "Strike S001: 2025-10-27"
    assert mapview.TOOLTIP["html"] == "<b>{tip_title}</b><br/>{tip_body}"


def test_an_open_ended_deployment_says_so_in_its_tooltip():
    frame = pd.DataFrame({"id": ["D001"], "asset": ["USS Example"], "asset_type": ["destroyer"],
                          "start": ["2025-08-24"], "end": pd.array([None], dtype="str"),
                          "geo_precision": [3], "uncertainty_km": [500.0]})  # fmt: skip
    body = mapview.tip_fields(frame, "deployments")["tip_body"].iloc[0]
    assert body.startswith("2025-08-24 to open (no end reported)") and "nan" not in body


def test_every_legend_entry_says_something_besides_colour():
    for entry in mapview.legend_entries():
        assert entry["text"] and entry["shape"] in ("dot", "ring", "area", "circle")
        if entry["group"].startswith("Sites") and entry["shape"] == "ring":
            assert "ring" in entry["text"]


@pytest.mark.parametrize("latest", [pd.Timestamp("2026-06-21").date(), pd.Timestamp("2026-01-31").date()])
def test_quick_ranges(latest):
    first = pd.Timestamp("2025-09-02").date()
    ranges = quick_ranges(first, latest)
    assert ranges[WHOLE] == (None, None)
    assert ranges["September 2025"] == (pd.Timestamp("2025-09-01").date(), pd.Timestamp("2025-09-30").date())
    assert ranges["Last 30 days of data"][1] == latest
    assert (ranges["Last 30 days of data"][1] - ranges["Last 30 days of data"][0]).days == 29
    assert label_of(ranges, *ranges["September 2025"]) == "September 2025"
    assert label_of(ranges, first, latest) is None


def test_tooltips_tell_touch_readers_to_tap_again(tiny_zones):
    frame = strikes([
        ("S001", "a_north", PLACED_ZONE, -15.0, 5.0, 4, 0),
        ("S003", "sea_a", PLACED_REPORTED, -12.0, -3.0, 14, 1),
    ])  # fmt: skip
    touch = layers_of(mapview.build_deck({"strikes": frame}, tiny_zones, "land.geojson", touch=True))
    mouse = layers_of(mapview.build_deck({"strikes": frame}, tiny_zones, "land.geojson"))
    assert touch["strikes"]["data"][0]["tip_body"].endswith("tap again to open it below the map")
    assert mouse["strikes"]["data"][0]["tip_body"].endswith("click for details and sources")
    assert touch["strike-zones"]["data"]["features"][0]["properties"]["tip_body"].endswith("tap again for the list")
