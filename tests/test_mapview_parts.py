"""The map's parts from tiny frames: dot sizes, tooltips word for word, zone
totals and their shading, grid cells at known centres, labels and layer order."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pandas as pd
import pytest

from geo import mapview, style
from geo.catalog import NOT_PLACED, PLACED_REPORTED, PLACED_ZONE
from geo.viewport import View

NAN = float("nan")
DAY = pd.Timestamp


def test_deaths_are_killed_plus_presumed_dead_unknown_counting_nothing():
    frame = pd.DataFrame({"killed": [3, NAN, 2, NAN], "presumed_dead": [1, 2, NAN, NAN]})
    assert mapview.deaths_of(frame).tolist() == [4, 2, 2, 0]


def test_a_dots_area_grows_with_deaths_and_none_vanishes():
    assert mapview.dot_radius_px([0, 1, 25, 100]).tolist() == pytest.approx([4.0, 6.2, 15.0, 26.0])


@pytest.mark.parametrize(
    ("precision", "km", "words"),
    [(1, 2.0, "location: position reported, within about 2 km"),
     (2, 184.6, "location: near a named place, within about 185 km"),
     (3, 500.4, "location: rough area only, within about 500 km")],
)  # fmt: skip
def test_precision_in_words(precision, km, words):
    assert mapview._precision_words({"geo_precision": precision, "uncertainty_km": km}) == words


def test_dates_in_words():
    assert (
        mapview._dates_of({"start": "2025-08-24", "end": None}, "deployments") == "2025-08-24 to open (no end reported)"
    )
    assert mapview._dates_of({"start": "2025-08", "end": "2025-10"}, "deployments") == "2025-08 to 2025-10"
    assert mapview._dates_of({"date": DAY("2025-10-27 13:00")}, "strikes") == "2025-10-27"
    assert mapview._dates_of({"date": "2025-10"}, "events") == "2025-10"


def test_a_count_no_source_states_is_unknown_never_zero():
    assert [mapview.count(v) for v in (NAN, None, 0, 3, 3.0)] == ["unknown", "unknown", "0", "3", "3"]


def test_records_without_a_region_are_named_above_the_map():
    frame = pd.DataFrame({"id": [f"S{n:03d}" for n in range(1, 16)],
                          "placed_at": [NOT_PLACED] * 14 + [PLACED_ZONE]})  # fmt: skip
    (notice,) = mapview.unplaced_notice(frame, "strike")
    assert notice == (
        "14 strike record(s) in the selection have no reported region and are counted in the figures but not "
        "drawn: S001, S002, S003, S004, S005, S006, S007, S008, S009, S010, S011, S012."
    )
    assert mapview.unplaced_notice(frame.iloc[14:], "strike") == []


def test_others_at_the_same_place_four_named_then_counted():
    others = [(f"E{n}", f"Event {n}") for n in range(1, 7)]
    assert mapview.also_here(others[:2]) == "also at this place: E1 Event 1; E2 Event 2"
    assert mapview.also_here(others[:4]) == "also at this place: E1 Event 1; E2 Event 2; E3 Event 3; E4 Event 4"
    assert mapview.also_here(others) == (
        "also at this place: E1 Event 1; E2 Event 2; E3 Event 3; E4 Event 4 and 2 more"
    )


def test_tooltips_of_each_layer_word_for_word():
    strikes = pd.DataFrame({"id": ["S001"], "date": [DAY("2025-10-27")], "killed": [NAN], "presumed_dead": [1],
                            "rescued": [0], "strikes": [2], "vessels": [NAN], "region": ["Eastern Pacific"],
                            "geo_precision": [2], "uncertainty_km": [185.0],
                            "reporting_grade": ["official_only"]})  # fmt: skip
    tip = mapview.tip_fields(strikes, "strikes", {"S001": [("B001", "Base")]}).iloc[0]
    assert (tip["tip_title"], tip["layer"]) == ("Strike S001: 2025-10-27", "strikes")
    assert tip["tip_body"].split("\n") == [
        "unknown killed, 1 presumed dead, 0 rescued",
        "2 strike(s) on unknown vessel(s); Eastern Pacific",
        "reporting: an official statement only; no independent outlet cited",
        "location: near a named place, within about 185 km",
        "also at this place: B001 Base",
        "click for details and sources",
    ]
    deployments = pd.DataFrame({"id": ["D001"], "asset": ["USS Gravely"], "asset_type": ["support_ship"],
                                "start": ["2025-08-24"], "end": ["2025-10-01"], "geo_precision": [3],
                                "uncertainty_km": [500.0]})  # fmt: skip
    tip = mapview.tip_fields(deployments, "deployments").iloc[0]
    assert (tip["tip_title"], tip["tip_body"]) == ("USS Gravely (D001)", "2025-08-24 to 2025-10-01\nsupport ship\n"
                                                   "location: rough area only, within about 500 km\n"
                                                   "click for details and sources")  # fmt: skip
    sites = pd.DataFrame({"id": ["B001"], "name": ["Roosevelt Roads"], "status": ["access_granted"],
                          "status_date": ["2025-09-13"], "country": ["Puerto Rico"], "geo_precision": [1],
                          "uncertainty_km": [1.0]})  # fmt: skip
    tip = mapview.tip_fields(sites, "sites").iloc[0]
    assert (tip["tip_title"], tip["tip_body"]) == ("Roosevelt Roads (B001)", "status: access granted since "
                                                   "2025-09-13\nPuerto Rico\nlocation: position reported, within "
                                                   "about 1 km\nclick for details and sources")  # fmt: skip
    events = pd.DataFrame({"id": ["E001"], "title": ["Capture"], "date": ["2026-01-03"], "kind": ["capture_operation"],
                           "geo_precision": [1], "uncertainty_km": [5.0]})  # fmt: skip
    tip = mapview.tip_fields(events, "events", {"E999": []}).iloc[0]
    assert (tip["tip_title"], tip["tip_body"]) == ("Capture (E001)", "2026-01-03\ncapture operation\nlocation: "
                                                   "position reported, within about 5 km\nclick for details and "
                                                   "sources")  # fmt: skip


def test_an_empty_layer_has_empty_tooltips():
    out = mapview.tip_fields(pd.DataFrame({"id": []}), "strikes")
    assert out.empty and {"tip_title", "tip_body", "layer"} <= set(out.columns)


def test_records_are_json_ready():
    frame = pd.DataFrame({"id": ["S1", "S2"], "date": [DAY("2025-10-27"), pd.NaT], "killed": [3.0, NAN], "x": [1, 2]})
    assert mapview.records(frame, ["id", "date", "killed"]) == [
        {"id": "S1", "date": "2025-10-27", "killed": 3.0}, {"id": "S2", "date": None, "killed": None}]  # fmt: skip


def zonal_strikes(rows):
    """rows: (id, zone, killed, presumed_dead, strikes)"""
    frame = pd.DataFrame(rows, columns=["id", "zone", "killed", "presumed_dead", "strikes"])
    return frame.assign(placed_at=PLACED_ZONE)


def test_zone_totals_of_strikes_shaded_by_deaths(tiny_zones):
    frame = zonal_strikes([("S001", "a_north", 4, 0, 1), ("S002", "a_north", 3, 1, 2), ("S003", "sea_b", NAN, 1, 1)])
    features = mapview.zone_totals(frame, tiny_zones, "strikes", "strikes")
    north, east = (f["properties"] for f in features)
    assert north == {
        "layer": "strikes", "id": "zone:a_north", "zone": "a_north", "count": 2, "ids": "S001, S002",
        "tip_title": "North of A: 3 strikes, 8 dead",
        "tip_body": "2 announcements with no position reported, only this sea area; drawn as the area, not as "
                    "points.\nrecords: S001, S002\nclick for the list",
        "alpha": 100,  # the most deaths: 25 + 75
    }  # fmt: skip
    assert east["tip_title"] == "Sea B: 1 strike, at least 1 dead" and east["alpha"] == 25 + int(75 * 1 / 8)
    assert features[0]["geometry"]["type"] == "Polygon" and features[0]["type"] == "Feature"
    corners = {tuple(point) for point in features[0]["geometry"]["coordinates"][0]}
    assert corners == {(-20.0, 0.0), (-10.0, 0.0), (-10.0, 10.0), (-20.0, 10.0)}


def test_zone_totals_with_no_deaths_and_of_other_layers(tiny_zones):
    frame = zonal_strikes([("S001", "sea_a", 0, 0, 1)])
    (feature,) = mapview.zone_totals(frame, tiny_zones, "strikes", "strikes")
    assert feature["properties"]["alpha"] == 40
    sites = pd.DataFrame({"id": [f"B{n:03d}" for n in range(1, 15)], "zone": ["sea_b"] * 14})
    (feature,) = mapview.zone_totals(sites, tiny_zones, "sites", "sites")
    props = feature["properties"]
    assert props["tip_title"] == "Sea B: 14 sites with no position reported" and props["alpha"] == 0
    assert props["ids"] == "B001, B002, B003, B004, B005, B006, B007, B008, B009, B010, B011, B012 and 2 more"
    assert props["tip_body"] == f"records: {props['ids']}\nclick for the list" and props["count"] == 14
    assert mapview.zone_totals(sites.iloc[:0], tiny_zones, "sites", "sites") == []


def test_label_rows_sit_on_the_zones_reference_point(tiny_zones):
    features = [{"properties": {"zone": "a_north", "tip_title": "t"}}]
    assert mapview.label_rows(features, tiny_zones, lambda p: p["tip_title"] + "!") == [
        {"zone": "a_north", "tip_title": "t", "lon": -15.0, "lat": 5.0, "text": "t!"}]  # fmt: skip


def test_uncertainty_in_metres():
    assert mapview.with_radius(pd.DataFrame({"uncertainty_km": [185, 0.5]}))["radius_m"].tolist() == [185000.0, 500.0]


def test_grid_cells_sum_each_half_degree_cell_at_its_centre():
    frame = pd.DataFrame({"lon": [-12.3, -12.1, -12.6, 0.2], "lat": [3.1, 3.4, 3.1, -0.2],
                          "killed": [2, 3, 1, NAN], "presumed_dead": [0, 1, 0, 4]})  # fmt: skip
    cells = mapview.grid_cells(frame, "strikes", "strikes")
    found = {(c["lon"], c["lat"]): (c["count"], c["deaths"], c["radius_px"]) for c in cells}
    assert found == {
        (-12.25, 3.25): (2, 6, pytest.approx(2 + 9 * math.sqrt(6 / 6))),  # -12.3 and -12.1 share [-12.5, -12)
        (-12.75, 3.25): (1, 1, pytest.approx(2 + 9 * math.sqrt(1 / 6))),
        (0.25, -0.25): (1, 4, pytest.approx(2 + 9 * math.sqrt(4 / 6))),
    }
    cell = next(c for c in cells if c["lon"] == -12.25)
    assert (cell["id"], cell["layer"], cell["tip_title"]) == ("", "strikes", "2 strikes in this 0.5° cell")
    assert cell["tip_body"] == "6 dead\naggregated: too many to draw one by one; narrow the filter to see each"


def test_grid_cells_of_other_layers_are_sized_by_count():
    frame = pd.DataFrame({"lon": [1.1, 1.2, 1.3, 5.0], "lat": [1.1, 1.2, 1.3, 5.0]})
    cells = mapview.grid_cells(frame, "sites", "sites")
    assert [(c["count"], c["deaths"], c["radius_px"]) for c in cells] == [
        (3, 0, pytest.approx(11.0)), (1, 0, pytest.approx(2 + 9 * math.sqrt(1 / 3)))]  # fmt: skip
    assert cells[0]["tip_body"] == "\naggregated: too many to draw one by one; narrow the filter to see each"


def test_grid_cells_with_no_deaths_anywhere():
    frame = pd.DataFrame({"lon": [1.1], "lat": [1.1], "killed": [0], "presumed_dead": [0]})
    assert mapview.grid_cells(frame, "strikes", "strikes")[0]["radius_px"] == 2.0


def test_the_aggregation_notice():
    assert mapview.aggregated_notice(2500, "strikes") == (
        "2,500 strikes with a reported position are more than the map draws one by one (2,000), so they are "
        "summed into 0.5° cells. Narrow the filter to see each."
    )


def test_touch_hints_replace_click_hints_in_every_pickable_row():
    rows = [{"tip_body": "a\nclick for details and sources"}, {"tip_body": None}, "not a row"]
    features = {"features": [{"properties": {"tip_body": "records: x\nclick for the list"}}]}
    layers = [mapview.pdk.Layer("ScatterplotLayer", data=rows), mapview.pdk.Layer("GeoJsonLayer", data=features),
              mapview.pdk.Layer("GeoJsonLayer", data="land.geojson")]  # fmt: skip
    mapview.for_touch(layers)
    assert rows[0]["tip_body"] == "a\ntap again to open it below the map" and rows[1]["tip_body"] is None
    assert features["features"][0]["properties"]["tip_body"] == "records: x\ntap again for the list"


def test_one_no_position_label_per_sea_area(tiny_zones):
    def zone_layer(*props):
        return mapview.pdk.Layer("GeoJsonLayer", data={"features": [{"properties": p} for p in props]})

    layer = mapview.no_position_labels([
        zone_layer({"layer": "deployments", "zone": "sea_a", "count": 2},
                   {"layer": "strikes", "zone": "sea_a", "count": 9}),
        zone_layer({"layer": "sites", "zone": "sea_a", "count": 1}, {"layer": "sites", "zone": "sea_b", "count": 3}),
    ], tiny_zones)  # fmt: skip
    assert layer.data == [{"lon": -15.0, "lat": 0.0, "text": "no position: 2 deployments, 1 sites"},
                          {"lon": 5.0, "lat": 0.0, "text": "no position: 3 sites"}]  # fmt: skip
    assert layer.id == "no-position-labels" and layer.type == "TextLayer"


def test_basemap_labels_seas_and_countries():
    labels = mapview.basemap_labels([{"name": "Mexico", "lon": -102.0, "lat": 23.0, "area": 1.96e6}])
    assert labels["country-names"] == [{"lon": -102.0, "lat": 23.0, "text": "Mexico", "rank": 1.96e6}]
    assert labels["sea-names"][0] == {"lon": -77.0, "lat": 16.8, "text": "Caribbean Sea"}
    assert [s["text"] for s in labels["sea-names"]] == ["Caribbean Sea", "Pacific Ocean", "Atlantic Ocean",
                                                         "Gulf of Mexico"]  # fmt: skip


def test_labels_by_style_larger_countries_first_and_clear_of_marks():
    view = View(0.0, 0.0, 0.0, 512, 512)
    groups = {
        "country-names": [{"lon": 0.0, "lat": 0.0, "text": "Small", "rank": 10.0},
                          {"lon": 0.5, "lat": 0.0, "text": "Large", "rank": 1e9}],
        "sea-names": [{"lon": 60.0, "lat": 0.0, "text": "Sea"}],
        "strike-zone-labels": [{"lon": -60.0, "lat": 0.0, "text": "Zone"}],
    }  # fmt: skip
    layers = mapview.decluttered_labels(groups, view)
    assert [(layer.id, [r["text"] for r in layer.data]) for layer in layers] == [
        ("strike-zone-labels", ["Zone"]), ("sea-names", ["Sea"]), ("country-names", ["Large"])]  # fmt: skip
    assert layers[2].data == [{"lon": 0.5, "lat": 0.0, "text": "Large"}]
    assert mapview.decluttered_labels(groups, view, [(60.0, 0.0)])[1].id == "country-names"  # "Sea" sat on a mark


def test_take_labels_collects_text_layers_by_style():
    rows = [{"lon": 1, "lat": 2, "glyph": "X"}, {"lon": 3, "lat": 4, "glyph": ""}]
    glyphs = mapview.label_layer("sites-glyphs", rows, [0, 0, 0, 255], field="glyph")
    zones = mapview.label_layer("strike-zone-labels", [{"lon": 5, "lat": 6, "text": "Z"}], [0, 0, 0, 255])
    dots = mapview.pdk.Layer("ScatterplotLayer", id="sites", data=[{"lon": 1, "lat": 2}, {"lon": None, "lat": None}])
    kept, labels = mapview.take_labels([glyphs, dots, zones])
    assert kept == [dots]
    assert labels == {"mark-glyphs": [{"lon": 1, "lat": 2, "text": "X"}],
                      "strike-zone-labels": [{"lon": 5, "lat": 6, "text": "Z"}]}  # fmt: skip
    assert mapview.mark_points([dots, glyphs]) == [(1, 2)]


def test_a_label_layer_is_haloed_text():
    text = mapview.label_layer("t", [], [1, 2, 3, 255], size=12, bold=True, offset=(0, 30))
    layer = json.loads(mapview.pdk.Deck(layers=[text]).to_json())["layers"][0]
    assert {k: layer[k] for k in ("@@type", "getText", "getSize", "getColor", "getPixelOffset", "fontFamily",
                                  "fontWeight", "outlineWidth", "outlineColor", "fontSettings", "pickable")} == {
        "@@type": "TextLayer", "getText": "@@=text", "getSize": 12, "getColor": [1, 2, 3, 255],
        "getPixelOffset": [0, 30], "fontFamily": "Arial, Helvetica, sans-serif", "fontWeight": 700,
        "outlineWidth": 3, "outlineColor": [255, 255, 255, 230], "fontSettings": {"sdf": True}, "pickable": False,
    }  # fmt: skip


def test_the_selected_record_is_ringed():
    assert mapview.highlight_layer(None) == [] and mapview.highlight_layer({}) == []
    (ring,) = mapview.highlight_layer({"lon": 1.0, "lat": 2.0})
    assert (ring.id, ring.data) == ("selected", [{"lon": 1.0, "lat": 2.0}])


def test_every_legend_entry_by_group():
    entries = mapview.legend_entries()
    groups = [e["group"] for e in entries]
    assert groups.count("Strikes") == 2 and groups.count("Deployments") == len(style.ASSET_GLYPHS) == 11
    assert groups.count("Sites (status at the end of the range)") == 8 and groups.count("Events") == 8
    assert entries[-1]["group"] == "Location" and entries[-1]["shape"] == "circle"
    proposed = next(e for e in entries if e.get("text") == "proposed (ring)")
    assert (proposed["shape"], proposed["glyph"], proposed["colour"]) == ("ring", "?", style.ORANGE)
    assert next(e for e in entries if e.get("glyph") == "DDG")["text"] == "destroyer"
    assert next(e for e in entries if e.get("glyph") == "LS")["text"] == "land strike"


def tiny_deck(tiny_zones, **options):
    def points(rows, columns):
        frame = pd.DataFrame(rows, columns=columns)
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326)

    strikes = points([
        ("S001", "sea_a", PLACED_REPORTED, -12.0, -3.0, 14, 1, 1, 1, 0, 2, 25.0, DAY("2025-10-27"), "Sea A"),
        ("S002", "a_north", PLACED_ZONE, -15.0, 5.0, 3, 0, 1, 1, 0, 3, 500.0, DAY("2025-10-28"), "Sea A"),
    ], ["id", "zone", "placed_at", "lon", "lat", "killed", "presumed_dead", "strikes", "vessels", "rescued",
        "geo_precision", "uncertainty_km", "date", "region"])  # fmt: skip
    sites = points([
        ("B001", "sea_b", PLACED_REPORTED, 5.0, 1.0, "Base", "Country", "proposed", "2025-09-01", 1, 2.0),
        ("B002", "sea_b", PLACED_ZONE, 5.0, 0.0, "Other", "Country", "active", "2025-09-01", 3, 300.0),
        ("B003", "sea_b", PLACED_REPORTED, 8.0, 2.0, "Rough", "Country", "active", "2025-09-01", 3, 150.0),
    ], ["id", "zone", "placed_at", "lon", "lat", "name", "country", "status", "status_date", "geo_precision",
        "uncertainty_km"])  # fmt: skip
    spec = mapview.build_deck({"strikes": strikes, "sites": sites}, tiny_zones, "land.geojson", **options)
    return json.loads(spec.deck.to_json())


def test_the_deck_draws_areas_first_then_land_then_marks_then_text(tiny_zones):
    deck = tiny_deck(tiny_zones, selected={"lon": 1.0, "lat": 2.0}, view=View(0.0, 0.0, 3.0, 900, 700))
    # the sea names lie outside this view
    assert [layer["id"] for layer in deck["layers"]] == [
        "sites-zones", "strike-zones", "land", "zone-outlines", "sites-areas", "sites", "strike-areas", "strikes",
        "strike-zone-labels", "no-position-labels", "mark-glyphs", "selected"]  # fmt: skip
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert [r["text"] for r in layers["strike-zone-labels"]["data"]] == ["1 strike, 3 dead\n(area only)"]
    assert layers["no-position-labels"]["data"] == [{"lon": 5.0, "lat": 0.0, "text": "no position: 1 sites"}]
    # B001 (proposed) has its glyph above its mark; B003, only roughly placed, has none
    assert layers["mark-glyphs"]["data"] == [{"lon": 5.0, "lat": 1.0, "text": "?"}]
    assert layers["mark-glyphs"]["getPixelOffset"] == [0, -16]
    assert deck["initialViewState"] == {"longitude": 0.0, "latitude": 0.0, "zoom": 3.0, "minZoom": 1.5, "maxZoom": 12}
    assert deck["parameters"] == {"clearColor": [244 / 255, 248 / 255, 251 / 255, 1]}
    assert "mapProvider" not in deck or deck["mapProvider"] is None


def test_each_layer_is_styled_as_the_legend_says(tiny_zones):
    layers = {layer["id"]: layer for layer in tiny_deck(tiny_zones)["layers"]}

    def style_of(layer_id):
        return {k: v for k, v in layers[layer_id].items() if k not in ("data", "@@type", "id")}

    vermillion = [213, 94, 0]
    assert style_of("strike-zones") == {
        "stroked": True, "filled": True, "pickable": True, "getFillColor": "@@=[213, 94, 0, properties.alpha]",
        "getLineColor": [*vermillion, 200], "lineWidthMinPixels": 1.5, "autoHighlight": True,
        "highlightColor": [255, 255, 255, 70]}  # fmt: skip
    assert style_of("sites-zones") == {"stroked": True, "filled": True, "pickable": True,
                                       "getFillColor": [0, 0, 0, 0], "getLineColor": [90, 90, 90, 90],
                                       "lineWidthMinPixels": 1}  # fmt: skip
    assert style_of("land") == {"stroked": True, "filled": True, "pickable": False,
                                "getFillColor": [225, 222, 214, 255], "getLineColor": [160, 160, 160, 255],
                                "lineWidthMinPixels": 0.5}  # fmt: skip
    assert layers["land"]["data"] == "land.geojson"
    assert style_of("zone-outlines") == {
        "filled": False, "stroked": True, "pickable": False,
        "getLineColor": "@@=properties.kind === 'region' ? [0, 90, 140, 160] : [0, 90, 140, 70]",
        "getLineWidth": "@@=properties.kind === 'region' ? 2 : 1", "lineWidthUnits": "pixels"}  # fmt: skip
    assert [f["properties"]["kind"] for f in layers["zone-outlines"]["data"]["features"]] == ["region", "region",
                                                                                                "zone"]  # fmt: skip
    for areas, colour in (("strike-areas", vermillion), ("sites-areas", [120, 120, 120])):
        assert style_of(areas) == {
            "stroked": True, "filled": True, "pickable": True, "getPosition": "@@=[lon, lat]",
            "getRadius": "@@=radius_m", "radiusUnits": "meters", "getFillColor": [*colour, 38],
            "getLineColor": [*colour, 150], "lineWidthMinPixels": 1}  # fmt: skip
    assert style_of("strikes") == {
        "stroked": True, "pickable": True, "getPosition": "@@=[lon, lat]", "getRadius": "@@=radius_px",
        "radiusUnits": "pixels", "getFillColor": [*vermillion, 230], "getLineColor": [255, 255, 255, 255],
        "lineWidthMinPixels": 1.5, "autoHighlight": True}  # fmt: skip
    assert style_of("sites") == {
        "stroked": True, "filled": True, "pickable": True, "getPosition": "@@=[lon, lat]", "getRadius": 6,
        "radiusUnits": "pixels",
        "getFillColor": "@@=rough ? [255, 255, 255, 0] : (filled ? colour : [255, 255, 255, 200])",
        "getLineColor": "@@=rough ? [120, 120, 120, 90] : colour", "lineWidthMinPixels": 2.5,
        "autoHighlight": True}  # fmt: skip


def test_marks_carry_their_sizes_colours_and_ids(tiny_zones):
    layers = {layer["id"]: layer for layer in tiny_deck(tiny_zones)["layers"]}
    (strike,) = layers["strikes"]["data"]
    assert {k: strike[k] for k in ("id", "layer", "lon", "lat", "deaths", "radius_m")} == {
        "id": "S001", "layer": "strikes", "lon": -12.0, "lat": -3.0, "deaths": 15, "radius_m": 25000.0}  # fmt: skip
    assert strike["radius_px"] == pytest.approx(4 + 2.2 * math.sqrt(15))
    assert [a["id"] for a in layers["strike-areas"]["data"]] == ["S001"]
    (zone,) = layers["strike-zones"]["data"]["features"]
    assert zone["properties"]["id"] == "zone:a_north" and zone["properties"]["alpha"] == 100
    base, rough = layers["sites"]["data"]
    assert {k: base[k] for k in ("id", "colour", "filled", "rough")} == {
        "id": "B001", "colour": [*style.ORANGE, 235], "filled": False, "rough": False}  # proposed: a ring  # fmt: skip
    assert {k: rough[k] for k in ("id", "colour", "filled", "rough")} == {
        "id": "B003", "colour": [*style.GREEN, 235], "filled": True, "rough": True}  # fmt: skip
    assert "glyph" not in base and "radius_m" not in base
    assert [a["radius_m"] for a in layers["sites-areas"]["data"]] == [2000.0, 150000.0]


def test_a_basemap_when_one_is_configured(tiny_zones):
    deck = tiny_deck(tiny_zones, basemap={"provider": "carto", "style": "light", "keys": {"carto": "key"}})
    assert (deck["mapProvider"], deck["cartoKey"]) == ("carto", "key") and "positron" in deck["mapStyle"]


def test_the_deck_is_written_compactly():
    deck = mapview.CompactDeck(layers=[], map_provider=None)
    text = deck.to_json()
    assert "\n" not in text and ": " not in text and json.loads(text)["layers"] == []
