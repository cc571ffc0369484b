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


def test_labels_never_overprint_each_other_marks_or_the_edge():
    from geo.declutter import box, declutter, mark_boxes, overlaps
    from geo.viewport import View

    view = View(0.0, 0.0, 4.0, 400, 300)
    labels = [
        {"lon": 0.0, "lat": 0.0, "text": "first and most important", "priority": 100},
        {"lon": 0.2, "lat": 0.1, "text": "overlaps the first", "priority": 50},
        {"lon": -5.0, "lat": 3.0, "text": "free", "priority": 10},
        {"lon": 16.5, "lat": 0.0, "text": "cut by the right edge", "priority": 90},
        {"lon": 5.0, "lat": -5.0, "text": "on a mark", "priority": 95},
    ]
    kept = declutter(labels, view, mark_boxes([(5.0, -5.0)], view))
    assert [label["text"] for label in kept] == ["first and most important", "free"]
    boxes = [box(label, view) for label in kept]
    assert not overlaps(*boxes)
    assert all(b[0] >= 0 and b[2] <= view.width and b[1] >= 0 and b[3] <= view.height for b in boxes)


def test_the_real_first_view_has_no_overlapping_labels():
    from geo.catalog import load_catalog
    from geo.declutter import box, overlaps
    from geo.query import Filter, select
    from geo.viewport import view_for

    catalog = load_catalog()
    for agent in (None, "Mobile"):
        view = view_for(agent)
        deck = mapview.build_deck(select(catalog, Filter()), catalog.zones, "land.geojson", view=view,
                                  place_names=catalog.place_names)  # fmt: skip
        layers = json.loads(deck.deck.to_json())["layers"]
        styles = mapview.LABEL_STYLES
        boxes = [box({**row, "size": styles[layer["id"]][2], "offset": styles[layer["id"]][4]}, view)
                 for layer in layers if layer["@@type"] == "TextLayer" for row in layer["data"]]  # fmt: skip
        assert len(boxes) > 5, agent
        assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), agent


def test_the_real_first_view_draws_glyphs_on_marks():
    """A mark's glyph is not dropped for overprinting its own mark (it was, for every mark)."""
    from geo.catalog import load_catalog
    from geo.query import Filter, select

    catalog = load_catalog()
    deck = mapview.build_deck(select(catalog, Filter()), catalog.zones, "land.geojson",
                              place_names=catalog.place_names)  # fmt: skip
    layers = {layer["id"]: layer for layer in json.loads(deck.deck.to_json())["layers"]}
    assert len(layers["mark-glyphs"]["data"]) >= 5


def test_a_zone_with_one_strike_says_strike_in_the_singular_in_both_languages(tiny_zones):
    from geo.i18n import translator
    from geo.mapview import zone_totals

    one = pd.DataFrame({"id": ["S1"], "zone": ["a_north"], "strikes": [1], "killed": [2], "presumed_dead": [0]})
    two = pd.DataFrame({"id": ["S1", "S2"], "zone": ["a_north"] * 2, "strikes": [1, 1], "killed": [2, None],
                        "presumed_dead": [0, 0]})  # fmt: skip
    assert zone_totals(one, tiny_zones, "strikes", "strikes")[0]["properties"]["tip_title"] == (
        "North of A: 1 strike, 2 dead"
    )
    assert zone_totals(two, tiny_zones, "strikes", "strikes")[0]["properties"]["tip_title"] == (
        "North of A: 2 strikes, at least 2 dead"
    )
    spanish = zone_totals(one, tiny_zones, "strikes", "strikes", translator("es"))[0]["properties"]["tip_title"]
    assert spanish.endswith(": 1 ataque, 2 fallecidos")
