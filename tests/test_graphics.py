"""Publication graphics: print size and resolution, the words on them, and
marks drawn by the map's precision rules (a strike known only by its zone is
a shaded zone, never a dot), on tiny data built here."""

import io
import xml.etree.ElementTree as ET
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import EllipseCollection, PathCollection
from PIL import Image
from shapely.geometry import box

from geo import graphics, style
from geo.catalog import NOT_PLACED, PLACED_REPORTED, PLACED_ZONE
from geo.graphics import Caption, Frame, Scene

CAPTION = Caption("Strikes at sea", "2 Sep 2025 to 4 Oct 2026", "All regions", "2026-12-02", 3)


@pytest.fixture
def land(tmp_path):
    path = tmp_path / "land.geojson"
    gpd.GeoDataFrame({"name": ["Island"]}, geometry=[box(-19, -9, -17, -7)], crs=4326).to_file(path)
    return path


def strikes(rows):
    """Strike rows with the columns the graphics read; unknown tolls are None."""
    base = {"strikes": 1, "vessels": 1, "survivors": 0, "rescued": 0, "killed": 2, "presumed_dead": 0,
            "uncertainty_km": np.nan, "lon": np.nan, "lat": np.nan, "sources": "SRC-0001"}  # fmt: skip
    return pd.DataFrame([{**base, **row} for row in rows])


ZONAL = {"id": "S1", "placed_at": PLACED_ZONE, "geo_precision": 3, "zone": "a_north", "lon": -15.0, "lat": 5.0}
POINTED = {"id": "S2", "placed_at": PLACED_REPORTED, "geo_precision": 2, "zone": "sea_b", "lon": 5.0, "lat": 0.0,
           "uncertainty_km": 30.0, "killed": 6}  # fmt: skip


def scene(tiny_zones, land, selection, caption=CAPTION):
    return Scene(selection, tiny_zones, land, [], (-20.0, -10.0, 20.0, 10.0), caption)


def drawn(tiny_zones, land, selection):
    fig = graphics.new_figure(72)
    ax = graphics.map_axes(fig, (-20.0, -10.0, 20.0, 10.0))
    shapes = graphics.sea_shapes(tiny_zones, str(land))
    graphics.draw_marks(ax, selection, tiny_zones, shapes, (-20.0, -10.0, 20.0, 10.0))
    return ax


def markers(ax):
    """The marker collections (scatter places its markers at data offsets; a shape collection has none)."""
    return [c for c in ax.collections if isinstance(c, PathCollection) and c.get_offset_transform() == ax.transData]


def dots(ax):
    """Positions of every marker drawn."""
    found = [c.get_offsets() for c in markers(ax)]
    return np.vstack(found) if found else np.empty((0, 2))


def test_a_strike_known_only_by_its_zone_shades_the_zone_and_is_no_dot(tiny_zones, land):
    ax = drawn(tiny_zones, land, {"strikes": strikes([ZONAL])})
    assert len(dots(ax)) == 0
    fills = [c for c in ax.collections if isinstance(c, PathCollection) and c not in markers(ax)]
    land_and_zone = [c for c in fills if c.get_facecolor().size]
    shaded = [c for c in land_and_zone if np.allclose(c.get_facecolor()[0][:3], np.array(style.STRIKE) / 255)]
    assert len(shaded) == 1
    inside, outside = graphics.mercator(-12.0, 8.0), graphics.mercator(5.0, 0.0)  # in the zone; in Sea B
    path = shaded[0].get_paths()[0]
    assert path.contains_point((float(inside[0]), float(inside[1])))
    assert not path.contains_point((float(outside[0]), float(outside[1])))
    labels = [t.get_text() for t in ax.texts]
    assert "1 strike\n2 dead\n(area only)" in labels


def test_the_shaded_zone_shows_in_the_image_and_the_sea_elsewhere_stays_clear(tiny_zones, land):
    png = graphics.image(scene(tiny_zones, land, {"strikes": strikes([ZONAL])}), "png", dpi=40)
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    fig = graphics.new_figure(40)
    ax = graphics.map_axes(fig, (-20.0, -10.0, 20.0, 10.0))

    def pixel(lon, lat):
        x, y = graphics.mercator(lon, lat)
        px, py = ax.transData.transform((float(x), float(y)))
        return picture.getpixel((int(px), picture.height - int(py)))

    tinted, clear = pixel(-11.0, 9.0), pixel(15.0, -8.0)
    assert clear == (244, 248, 251)  # the sea colour: nothing drawn in Sea B
    assert tinted[0] > tinted[2] + 20  # warmer than the sea: the strike colour over it


def test_a_strike_at_a_reported_position_is_a_dot_in_a_circle_as_wide_as_its_uncertainty(tiny_zones, land):
    ax = drawn(tiny_zones, land, {"strikes": strikes([POINTED])})
    x, y = graphics.mercator(5.0, 0.0)
    assert np.allclose(dots(ax), [[x, y]])
    circles = [c for c in ax.collections if isinstance(c, EllipseCollection)]
    assert len(circles) == 1
    assert np.allclose(circles[0]._widths * 2, 60_000)  # 30 km radius at the equator, in map metres (half-widths)
    at_20_north = graphics.radius_in_map(30.0, 20.0)
    assert at_20_north == pytest.approx(30_000 / np.cos(np.radians(20.0)))


def test_a_rough_position_is_a_ring_and_never_a_filled_dot(tiny_zones, land):
    deployments = pd.DataFrame([{"id": "D1", "placed_at": PLACED_REPORTED, "geo_precision": 3, "lon": 5.0, "lat": 0.0,
                                 "uncertainty_km": 200.0, "asset_type": "destroyer", "zone": "sea_b"}])  # fmt: skip
    ax = drawn(tiny_zones, land, {"deployments": deployments})
    rough = markers(ax)
    assert len(rough) == 1
    assert rough[0].get_facecolor().size == 0 or rough[0].get_facecolor()[0][3] == 0  # hollow
    exact = markers(drawn(tiny_zones, land, {"deployments": deployments.assign(geo_precision=2)}))
    assert np.allclose(exact[0].get_facecolor()[0][:3], np.array(style.DEPLOYMENT) / 255, atol=0.01)


def test_records_with_no_region_are_not_drawn_and_records_in_a_zone_are_counted_on_it(tiny_zones, land):
    unplaced = {**ZONAL, "id": "S3", "placed_at": NOT_PLACED, "zone": None}
    events = pd.DataFrame([{"id": "E1", "placed_at": PLACED_ZONE, "geo_precision": 3, "lon": 5.0, "lat": 0.0,
                            "uncertainty_km": np.nan, "kind": "diplomatic", "zone": "sea_b"}])  # fmt: skip
    ax = drawn(tiny_zones, land, {"strikes": strikes([unplaced]), "events": events})
    assert len(dots(ax)) == 0
    assert "no position: 1 event" in [t.get_text() for t in ax.texts]


def test_the_print_png_is_300_dpi_and_3000_by_1950_pixels(tiny_zones, land):
    png = graphics.image(scene(tiny_zones, land, {"strikes": strikes([ZONAL, POINTED])}), "png")
    picture = Image.open(io.BytesIO(png))
    assert picture.size == (3000, 1950)
    assert picture.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert "Strikes at sea" in picture.info["Title"] and "2 Sep 2025 to 4 Oct 2026" in picture.info["Title"]


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    return ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]


def test_the_svg_carries_title_dates_regions_legend_and_source_line_as_text(tiny_zones, land):
    caption = Caption("Strikes at sea", "2 Sep 2025 to 4 Oct 2026", "Sea B", "2026-12-02", 3)
    svg = graphics.image(scene(tiny_zones, land, {"strikes": strikes([ZONAL, POINTED])}, caption), "svg")
    texts = svg_texts(svg)
    assert "Strikes at sea" in texts
    assert "2 Sep 2025 to 4 Oct 2026 · Sea B" in texts
    assert any("Data release 2026-12-02" in t for t in texts)
    assert any("Strike at a reported position, sized by" in t for t in texts)  # the legend (wrapped)
    assert any(t.startswith("Strikes with no reported position") for t in texts)


def test_text_from_the_data_is_drawn_as_it_is_never_as_mathtext_or_markup(tiny_zones, land):
    hostile = '$\\frac{1}{2}$ <script>alert(1)</script> & "x"'
    caption = Caption(hostile, "2 Sep 2025 to 4 Oct 2026", hostile, "2026-12-02", 1)
    svg = graphics.image(scene(tiny_zones, land, {"strikes": strikes([ZONAL])}, caption), "svg")
    assert hostile in svg_texts(svg)
    assert b"<script>" not in svg


def test_an_unknown_toll_makes_the_counts_a_floor():
    known = strikes([ZONAL, POINTED])
    assert graphics.count_text(known) == "2 strikes · 8 dead"
    unknown = strikes([ZONAL, {**POINTED, "killed": None}])
    assert graphics.count_text(unknown) == "2 strikes · at least 2 dead"
    shades = graphics.strike_zone_shades(unknown.assign(placed_at=PLACED_ZONE, zone="a_north"))
    assert graphics.zone_label(shades.iloc[0]) == "2 strikes\nat least 2 dead\n(area only)"


def test_the_view_is_the_chosen_regions_with_a_margin_or_the_whole_theatre(tiny_zones):
    assert graphics.bounds_for((), tiny_zones) == graphics.THEATRE
    west, south, east, north = graphics.bounds_for(("a_north",), tiny_zones)
    assert west < -20 < -10 < east and south < 0 < 10 < north and east - west < 14
    assert graphics.bounds_for(("atlantis",), tiny_zones) == graphics.THEATRE


def test_the_source_line_counts_each_source_once_across_layers():
    selection = {
        "strikes": pd.DataFrame({"sources": ["SRC-1;SRC-2", "SRC-2", None]}),
        "sites": pd.DataFrame({"sources": ["SRC-3"], "status_sources": ["SRC-1;SRC-4"]}),
    }
    assert graphics.cited_sources(selection) == 4


def weekly(tiny_zones):
    first = strikes([{**ZONAL, "killed": 2}])
    both = strikes([{**ZONAL, "killed": 2}, {**POINTED, "killed": 6}])
    return [Frame("Week 1 of 2", {"strikes": first}, first), Frame("Week 2 of 2", {"strikes": both}, both)]


def test_the_gif_has_a_frame_a_week_at_screen_size_and_the_frames_change(tiny_zones, land):
    data = graphics.gif(scene(tiny_zones, land, {"strikes": strikes([ZONAL, POINTED])}), weekly(tiny_zones))
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "GIF" and picture.n_frames == 2
    assert picture.size == (960, 624)
    first = np.asarray(picture.convert("RGB"))
    picture.seek(1)
    assert picture.info["duration"] == graphics.LAST_FRAME_MS  # the last week holds
    assert not np.array_equal(first, np.asarray(picture.convert("RGB")))


def test_an_animation_needs_frames(tiny_zones, land):
    with pytest.raises(ValueError):
        graphics.gif(scene(tiny_zones, land, {}), [])


@pytest.mark.skipif(graphics.ffmpeg() is None, reason="no ffmpeg (imageio-ffmpeg not installed)")
def test_the_mp4_is_an_iso_media_file(tiny_zones, land):
    data = graphics.mp4(scene(tiny_zones, land, {"strikes": strikes([ZONAL, POINTED])}), weekly(tiny_zones))
    assert data[4:8] == b"ftyp"


def test_real_data_view_and_animation_follow_the_filter():
    from geo.catalog import load_catalog
    from geo.query import Filter

    catalog = load_catalog()
    flt = Filter(start=date(2025, 9, 1), end=date(2025, 10, 31), places=("caribbean",))
    view = graphics.scene_for(catalog, flt)
    assert view.caption.period == "1 Sep 2025 to 31 Oct 2025" and view.caption.regions == "Caribbean Sea"
    frames = graphics.weekly_frames(catalog, flt)
    assert len(frames) == 9 and frames[0].label.startswith("Week 1 of 9: 1 Sep")
    in_range = catalog.strikes[
        (catalog.strikes["first_date"] <= "2025-10-31") & (catalog.strikes["region"] == "Caribbean Sea")
    ]
    assert frames[-1].strikes["id"].tolist() == in_range["id"].tolist()
