"""Publication graphics: the current view as a print-ready image (PNG at
300 dpi, or SVG whose text stays text for a designer to edit) and the
campaign as an animation, one frame a week (GIF; MP4 where imageio-ffmpeg's
ffmpeg is installed), drawn on the server with matplotlib.

They follow the map's rules of honest location (geo.mapview):
- a strike with a reported position is a dot sized by its deaths inside a
  translucent circle as wide as its uncertainty;
- strikes known only by their sea zone shade that zone (darker for more
  deaths) with a count, and are never a dot;
- deployments, sites and events with a position are marks with their glyph,
  a rough position (precision 3) a faint ring with no dot; those with no
  position are counted on their zone.
Every text from a data file is drawn as plain text (no mathtext). Every
word the graphic writes is in the language of the Translator it is given
(Scene.t; English by default); names from the data stay as written.
"""

from __future__ import annotations

import io
import math
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path as FilePath

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import EllipseCollection, LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.patheffects import withStroke
from matplotlib.transforms import ScaledTranslation
from PIL import Image

from geo import playback, stats, style
from geo.catalog import PLACED_REPORTED, PLACED_ZONE
from geo.declutter import box, declutter
from geo.i18n import ENGLISH, N_, Translator
from geo.mapview import SEA_NAMES, deaths_of, dot_radius_px
from geo.query import select
from geo.viewport import THEATRE, View, fit
from geo.vocabulary import zone_name

matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text
matplotlib.rcParams["svg.hashsalt"] = "campaign-map"  # the same SVG for the same view

PRINT_DPI = 300
PRINT_SIZE = (10.0, 6.5)  # inches: 3000 x 1950 px at 300 dpi
ANIMATION_DPI = 96  # 960 x 624 px
FRAME_MS = 600  # a week on screen
LAST_FRAME_MS = 2500  # the final week holds, so the running count can be read
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "gif": "image/gif", "mp4": "video/mp4"}
EARTH_RADIUS_M = 6378137.0  # Web Mercator's sphere
COUNTRY_LABELS = 14  # the largest countries in view are named
LAND = "#e1ded6"
COAST = "#a0a0a0"
SEA = "#f4f8fb"
ZONE_LINE = (0 / 255, 90 / 255, 140 / 255)
MAP_RECT = (0.015, 0.085, 0.715, 0.78)  # left, bottom, width, height of the map in the figure
LEGEND_RECT = (0.745, 0.085, 0.245, 0.78)  # the legend, a column right of the map
LEGEND_WRAP = 44  # characters a legend line holds
HALO = [withStroke(linewidth=2.2, foreground="white")]


def colour(rgb, alpha: float = 1.0) -> tuple[float, float, float, float]:
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255, alpha)


def mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude to Web Mercator metres, the projection of the page's map."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    x = EARTH_RADIUS_M * np.radians(lon)
    y = EARTH_RADIUS_M * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return x, y


@dataclass(frozen=True)
class Caption:
    """The words around the map: what it shows, for when, where, from what."""

    title: str
    period: str  # "2 Sep 2025 to 4 Oct 2026"
    regions: str  # "All regions" or the chosen regions and zones
    release: str  # the data release's version
    sources: int  # distinct sources cited by the records drawn
    layers: str = ""  # the layers shown, when not all
    t: Translator = ENGLISH  # the language of its words

    def subtitle(self) -> str:
        parts = [self.period, self.regions] + ([self.layers] if self.layers else [])
        return " · ".join(parts)

    def source_line(self) -> str:
        return self.t.gettext(
            "Sources: {count} public sources (US Southern Command and Pentagon releases, news reports), each cited "
            "in the data. Data release {release}. Basemap: Natural Earth. Shaded sea areas hold strikes whose "
            "position was never reported."
        ).format(count=self.t.number(self.sources), release=self.release)


TITLE = N_("US strikes and forces in the Caribbean and eastern Pacific")
LAYER_WORDS = {"strikes": N_("strikes"), "deployments": N_("deployments"), "sites": N_("sites"),
               "events": N_("events")}  # fmt: skip


def cited_sources(selection: dict[str, pd.DataFrame]) -> int:
    ids: set[str] = set()
    for frame in selection.values():
        for column in ("sources", "status_sources"):
            if column in frame.columns:
                for cell in frame[column].dropna():
                    ids.update(part for part in str(cell).split(";") if part)
    return len(ids)


def caption_for(catalog, flt, selection: dict[str, pd.DataFrame], title: str | None = None,
                t: Translator = ENGLISH) -> Caption:  # fmt: skip
    _ = t.gettext
    start = flt.start or catalog.first_record
    end = flt.end or catalog.latest_record
    regions = ", ".join(zone_name(catalog.zones, p, t) for p in flt.places) or _("All regions")
    shown = ", ".join(_(LAYER_WORDS[x]) for x in flt.layers) or _("none")
    layers = "" if len(flt.layers) == 4 else _("Layers: {layers}").format(layers=shown)
    period = _("{start} to {end}").format(start=day(start, t), end=day(end, t))
    return Caption(title or _(TITLE), period, regions, catalog.release.version, cited_sources(selection), layers,
                   t)  # fmt: skip


def day(value: date, t: Translator = ENGLISH) -> str:
    if t.lang != ENGLISH.lang:
        return t.date(value)
    return f"{value.day} {value:%b %Y}"


# --- what is drawn ----------------------------------------------------------


def bounds_for(places: tuple[str, ...], zones) -> tuple[float, float, float, float]:
    """The view of the graphic: the chosen regions and zones with a margin, or the whole theatre."""
    if not places:
        return THEATRE
    known = [p for p in places if p in zones.frame.index]
    if not known:
        return THEATRE
    west, south, east, north = zones.frame.loc[known].total_bounds
    pad_x, pad_y = max((east - west) * 0.08, 1.0), max((north - south) * 0.08, 1.0)
    return (west - pad_x, south - pad_y, east + pad_x, north + pad_y)


def strike_zone_shades(strikes: pd.DataFrame) -> pd.DataFrame:
    """Per zone with strikes of no reported position: strikes, deaths, whether
    some toll is unknown, and the shade (0.1-0.4 opacity by deaths, as on the map)."""
    zonal = strikes[(strikes["placed_at"] == PLACED_ZONE).to_numpy()]
    if zonal.empty:
        return pd.DataFrame(columns=["zone", "strikes", "deaths", "unknown", "alpha"])
    unknown = (zonal["killed"].isna() | zonal["presumed_dead"].isna()).astype(int)
    sums = (
        zonal.assign(deaths=deaths_of(zonal), unknown=unknown, strikes=zonal["strikes"].fillna(0))
        .groupby("zone", observed=True)[["strikes", "deaths", "unknown"]]
        .sum()
        .reset_index()
    )
    peak = sums["deaths"].max()
    sums["alpha"] = (25 + 75 * sums["deaths"] / peak) / 255 if peak else 40 / 255
    return sums


def zone_label(row, t: Translator = ENGLISH) -> str:
    strikes = t.ngettext("{count} strike", "{count} strikes", int(row["strikes"])).format(
        count=t.number(int(row["strikes"]))
    )
    deaths = (t.gettext("at least {count} dead") if row["unknown"] else t.gettext("{count} dead")).format(
        count=t.number(int(row["deaths"]))
    )
    return f"{strikes}\n{deaths}\n{t.gettext('(area only)')}"


def pointed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["placed_at"] == PLACED_REPORTED).to_numpy()]


def mark_style(layer: str, row: dict) -> tuple[tuple, bool, str]:
    """(colour, filled, glyph) of a deployment, site or event, as on the map."""
    if layer == "deployments":
        return style.DEPLOYMENT, True, style.ASSET_GLYPHS.get(row.get("asset_type"), "")
    if layer == "sites":
        rgb, filled, glyph, _ = style.SITE_STATUS[row["status"]]
        return rgb, filled, glyph
    rgb, glyph = style.EVENT_KINDS[row["kind"]]
    return rgb, True, glyph


@lru_cache(maxsize=4)
def land_in_mercator(path: str) -> gpd.GeoSeries:
    """The basemap's land, cut to a margin around the theatre and projected once per process."""
    west, south, east, north = THEATRE
    box = (west - 30, south - 20, east + 30, north + 20)
    land = gpd.read_file(path, bbox=box)
    return land.geometry.clip_by_rect(*box).to_crs(3857)


_SEA_SHAPES: list = []  # [(zones, land path, shapes)]: the last one computed, holding its zones alive


def sea_shapes(zones, land_path: str) -> gpd.GeoDataFrame:
    """The zones in Web Mercator less the land, so a shaded zone never tints a
    coast, and `edge`, their outlines at sea (the page draws land over the
    zones; an animation draws marks over a base drawn once)."""
    if _SEA_SHAPES and _SEA_SHAPES[0][0] is zones and _SEA_SHAPES[0][1] == land_path:
        return _SEA_SHAPES[0][2]
    land = shapely.union_all(land_in_mercator(land_path).values)
    shapes = zones.frame.to_crs(3857)
    edges = shapes.geometry.boundary.difference(land)
    shapes = shapes.assign(edge=edges).set_geometry(shapes.geometry.difference(land))
    _SEA_SHAPES[:] = [(zones, land_path, shapes)]
    return shapes


def polygons_of(geometry) -> list[shapely.Polygon]:
    """The non-empty polygons in a geometry (a clip or a difference may leave lines and points)."""
    if geometry is None:
        return []
    out = []
    for part in shapely.get_parts(geometry):
        if isinstance(part, shapely.Polygon):
            if not part.is_empty:
                out.append(part)
        elif hasattr(part, "geoms"):
            out += polygons_of(part)
    return out


def lines_of(geometries) -> list[shapely.LineString]:
    out = []
    for geometry in geometries:
        if geometry is None:
            continue
        for part in shapely.get_parts(geometry):
            if isinstance(part, shapely.LineString) and not part.is_empty:
                out.append(part)
            elif isinstance(part, shapely.LinearRing):
                out.append(shapely.LineString(part.coords))
            elif hasattr(part, "geoms"):
                out += lines_of([part])
    return out


def shape_collection(geometries, **kwargs) -> PathCollection:
    """Polygons as one matplotlib collection, holes kept (drawing with
    GeoSeries.plot would redraw the whole figure at every call)."""
    paths = []
    for geometry in geometries:
        rings = [ring for part in polygons_of(geometry) for ring in (part.exterior, *part.interiors)]
        if rings:
            parts = [Path(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings]
            paths.append(Path.make_compound_path(*parts))
    return PathCollection(paths, **kwargs)


def outline_collection(geometries, **kwargs) -> LineCollection:
    lines = []
    for geometry in geometries:
        for part in polygons_of(geometry):
            lines += [np.asarray(ring.coords)[:, :2] for ring in (part.exterior, *part.interiors)]
    return LineCollection(lines, **kwargs)


# --- drawing ------------------------------------------------------------------


def new_figure(dpi: int) -> Figure:
    fig = Figure(figsize=PRINT_SIZE, dpi=dpi, facecolor="white")
    return fig


def map_axes(fig: Figure, bounds) -> matplotlib.axes.Axes:
    ax = fig.add_axes(MAP_RECT)
    ax.set_facecolor(SEA)
    west, south, east, north = bounds
    (x0, x1), (y0, y1) = mercator([west, east], [south, north])
    # widen the shorter side so the map fills its box without distortion
    box_w = MAP_RECT[2] * PRINT_SIZE[0]
    box_h = MAP_RECT[3] * PRINT_SIZE[1]
    if (x1 - x0) / (y1 - y0) < box_w / box_h:
        grow = (y1 - y0) * box_w / box_h - (x1 - x0)
        x0, x1 = x0 - grow / 2, x1 + grow / 2
    else:
        grow = (x1 - x0) * box_h / box_w - (y1 - y0)
        y0, y1 = y0 - grow / 2, y1 + grow / 2
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#9a9a9a")
        spine.set_linewidth(0.6)
    return ax


def text(ax, x, y, words: str, **kwargs):
    """Plain text: what a data file carries is never read as mathtext."""
    return ax.text(x, y, words, parse_math=False, **kwargs)


def draw_base(ax, land: gpd.GeoSeries, zones) -> None:
    ax.add_collection(shape_collection(land.values, facecolor=LAND, edgecolor=COAST, linewidth=0.3, zorder=2),
                      autolim=False)  # fmt: skip
    shapes = zones.frame.to_crs(3857)
    regions = (shapes["kind"] == "region").to_numpy()
    ax.add_collection(outline_collection(shapes.geometry[~regions], colors=[(*ZONE_LINE, 0.3)], linewidths=0.4,
                                         zorder=3), autolim=False)  # fmt: skip
    ax.add_collection(outline_collection(shapes.geometry[regions], colors=[(*ZONE_LINE, 0.65)], linewidths=0.8,
                                         zorder=3), autolim=False)  # fmt: skip


def place_labels(place_names: list[dict], bounds, t: Translator = ENGLISH) -> list[dict]:
    """Country and sea names in view, as label candidates (the largest countries first)."""
    west, south, east, north = bounds
    inside = [p for p in place_names if west < p["lon"] < east and south < p["lat"] < north]
    out = [{"lon": p["lon"], "lat": p["lat"], "text": t.country(p["name"]), "look": "country",
            "priority": 40 + p["area"] / 1e7}
           for p in sorted(inside, key=lambda p: -p["area"])[:COUNTRY_LABELS]]  # fmt: skip
    out += [{"lon": lon, "lat": lat, "text": t.gettext(name), "look": "sea", "priority": 50}
            for name, lon, lat in SEA_NAMES]  # fmt: skip
    return out


DOT_PT = 1.5  # the core of a mark, in points, that no label covers
# look -> (text style, size in points, offset in points: right, down)
LOOKS = {
    "zone": ({"fontweight": "bold", "color": "#782800"}, 5.5, (0, 0), 100),
    "count": ({"color": "#3c3c3c"}, 4.8, (0, 17), 80),
    "glyph": ({"fontweight": "bold", "color": "#141414"}, 4.2, (0, -9), 60),
    "sea": ({"color": "#466e96", "style": "italic"}, 7, (0, 0), 50),
    "country": ({"color": "#6e6e6e"}, 5.5, (0, 0), 40),
}


def label_view(bounds) -> View:
    """The map box in points as a deck.gl-like view, for geo.declutter to measure labels in."""
    return fit(round(MAP_RECT[2] * PRINT_SIZE[0] * 72), round(MAP_RECT[3] * PRINT_SIZE[1] * 72), bounds)


def draw_labels(ax, labels: list[dict], bounds, marks: list[tuple[float, float]] = ()) -> list:
    """The labels to draw. A strike zone's count is always drawn (on paper
    there is no tooltip to fall back on); the others only where they overprint
    neither another label nor a mark (geo.declutter), highest priority first."""
    view = label_view(bounds)
    candidates = []
    for label in labels:
        _, size, offset, priority = LOOKS[label["look"]]
        candidates.append({**label, "size": size, "offset": offset, "priority": label.get("priority", priority)})
    always = [label for label in candidates if label["look"] == "zone"]
    dots = [view.to_screen(lon, lat) for lon, lat in marks]
    keep_out = [(x - DOT_PT, y - DOT_PT, x + DOT_PT, y + DOT_PT) for x, y in dots] + [box(b, view) for b in always]
    others = declutter([label for label in candidates if label["look"] != "zone"], view, keep_out)
    artists = []
    for label in always + others:
        words, size, (dx, dy), _ = LOOKS[label["look"]]
        x, y = mercator(label["lon"], label["lat"])
        artists.append(text(ax, float(x), float(y), label["text"], fontsize=size, ha="center", va="center",
                            zorder=7 if label["look"] == "zone" else 6, clip_on=True, path_effects=HALO,
                            transform=ax.transData + offset_points(ax.figure, dx, -dy), **words))  # fmt: skip
    return artists


def radius_in_map(radius_km, lat) -> np.ndarray:
    """A radius in km as Web Mercator metres at that latitude."""
    return np.asarray(radius_km, dtype=float) * 1000.0 / np.cos(np.radians(np.asarray(lat, dtype=float)))


def draw_marks(ax, selection: dict[str, pd.DataFrame], zones, shapes: gpd.GeoDataFrame, bounds,
               glyphs: bool = True, extra_labels: list[dict] = (), t: Translator = ENGLISH) -> list:  # fmt: skip
    """Every mark of the selection and its labels; returns the artists (an
    animation removes them frame by frame)."""
    artists: list = []
    labels: list[dict] = list(extra_labels)
    if "strikes" in selection:
        artists += draw_strikes(ax, selection["strikes"], zones, shapes, labels, t)
    for layer in ("events", "deployments", "sites"):
        if layer in selection:
            artists += draw_points(ax, layer, selection[layer], labels if glyphs else None)
    labels += no_position_labels(selection, zones, t)
    marks = [
        (r["lon"], r["lat"]) for frame in selection.values() for r in pointed(frame)[["lon", "lat"]].to_dict("records")
    ]
    return artists + draw_labels(ax, labels, bounds, marks)


def circles(ax, x, y, radii, rgb, face: float, edge: float, width: float) -> EllipseCollection:
    """Uncertainty circles, their radius in map units, as one collection."""
    collection = EllipseCollection(2 * radii, 2 * radii, np.zeros(len(radii)), units="xy",
                                   offsets=np.column_stack([x, y]), offset_transform=ax.transData,
                                   facecolors=[colour(rgb, face)], edgecolors=[colour(rgb, edge)],
                                   linewidths=width, zorder=4)  # fmt: skip
    return ax.add_collection(collection, autolim=False)


def positions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Map x, y and the uncertainty radius (map units) of each row."""
    lat = frame["lat"].to_numpy(dtype=float)
    x, y = mercator(frame["lon"].to_numpy(dtype=float), lat)
    return x, y, radius_in_map(frame["uncertainty_km"].fillna(0).to_numpy(dtype=float), lat)


def draw_strikes(ax, strikes: pd.DataFrame, zones, shapes: gpd.GeoDataFrame, labels: list[dict],
                 t: Translator = ENGLISH) -> list:  # fmt: skip
    artists = []
    shades = strike_zone_shades(strikes)
    if not shades.empty:
        chosen = shapes.loc[shades["zone"]]
        fills = shape_collection(chosen.geometry.values, facecolors=[colour(style.STRIKE, a) for a in shades["alpha"]],
                                 edgecolors="none", zorder=1.5)  # fmt: skip
        edges = LineCollection([np.asarray(line.coords)[:, :2] for line in lines_of(chosen["edge"])],
                               colors=[colour(style.STRIKE, 0.8)], linewidths=0.8, zorder=1.6)  # fmt: skip
        artists += [ax.add_collection(fills, autolim=False), ax.add_collection(edges, autolim=False)]
    for row in shades.to_dict("records"):
        lon, lat = zones.reference_point(row["zone"])
        labels.append({"lon": lon, "lat": lat, "text": zone_label(row, t), "look": "zone"})
    dots = pointed(strikes)
    if dots.empty:
        return artists
    x, y, radii = positions(dots)
    artists.append(circles(ax, x, y, radii, style.STRIKE, 0.15, 0.6, 0.5))
    exact = (dots["geo_precision"] <= 2).to_numpy()
    if exact.any():
        # the page's dot radius in pixels (area by deaths), as points
        size_pt = dot_radius_px(deaths_of(dots[exact])) * 72 / 96 * 1.4
        artists.append(ax.scatter(x[exact], y[exact], s=size_pt**2, color=colour(style.STRIKE, 0.9),
                                  edgecolors="white", linewidths=0.6, zorder=5))  # fmt: skip
    if (~exact).any():  # a rough position only: a faint ring, no dot
        artists.append(ax.scatter(x[~exact], y[~exact], s=30, facecolors="none",
                                  edgecolors=[colour(style.GREY, 0.5)], linewidths=0.8, zorder=5))  # fmt: skip
    return artists


def draw_points(ax, layer: str, frame: pd.DataFrame, labels: list[dict] | None) -> list:
    """Deployments, sites or events with a position: one collection of circles,
    one of dots, one of rough-position rings; their glyphs go to `labels`
    (none when it is None)."""
    marks = pointed(frame)
    if marks.empty:
        return []
    x, y, radii = positions(marks)
    rows = marks[[c for c in ("asset_type", "status", "kind") if c in marks.columns]].to_dict("records")
    looks = [mark_style(layer, row) for row in rows]
    rough = (marks["geo_precision"] == 3).to_numpy()
    artists = [circles(ax, x, y, radii, style.GREY, 0.12, 0.5, 0.4)]
    if rough.any():
        artists.append(ax.scatter(x[rough], y[rough], s=30, facecolors="none", edgecolors=[colour(style.GREY, 0.5)],
                                  linewidths=0.8, zorder=5))  # fmt: skip
    crisp = np.flatnonzero(~rough)
    if len(crisp):
        faces = [colour(looks[i][0], 0.92) if looks[i][1] else (1, 1, 1, 0.8) for i in crisp]
        edges = [colour(looks[i][0]) for i in crisp]
        artists.append(ax.scatter(x[crisp], y[crisp], s=22, facecolors=faces, edgecolors=edges, linewidths=1.1,
                                  zorder=5))  # fmt: skip
    if labels is not None:
        lons, lats = marks["lon"].to_numpy(dtype=float), marks["lat"].to_numpy(dtype=float)
        labels += [{"lon": lons[i], "lat": lats[i], "text": looks[i][2], "look": "glyph"} for i in crisp if looks[i][2]]
    return artists


def offset_points(fig: Figure, dx: float, dy: float):
    return ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans)


# a count of records of a layer, said in a label ("1 site", "3 events")
COUNTED = {
    "deployments": (N_("{count} deployment"), N_("{count} deployments")),
    "sites": (N_("{count} site"), N_("{count} sites")),
    "events": (N_("{count} event"), N_("{count} events")),
}


def no_position_labels(selection: dict[str, pd.DataFrame], zones, t: Translator = ENGLISH) -> list[dict]:
    """One line per sea zone: deployments, sites and events there with no position of their own."""
    counts: dict[str, list[str]] = {}
    for layer in ("deployments", "sites", "events"):
        frame = selection.get(layer)
        if frame is None or frame.empty:
            continue
        zonal = frame[(frame["placed_at"] == PLACED_ZONE).to_numpy()]
        for zone_id, size in zonal.groupby("zone", observed=True).size().items():
            if size:
                one, many = COUNTED[layer]
                counts.setdefault(zone_id, []).append(t.ngettext(one, many, size).format(count=t.number(size)))
    out = []
    for zone_id, parts in counts.items():
        lon, lat = zones.reference_point(zone_id)
        words = t.gettext("no position: {counts}").format(counts=", ".join(parts))
        out.append({"lon": lon, "lat": lat, "text": words, "look": "count"})
    return out


def legend_handles(selection: dict[str, pd.DataFrame], t: Translator = ENGLISH) -> list:
    """Legend entries for what the selection holds (always the strike rules when strikes are shown)."""
    _ = t.gettext
    handles = []
    if "strikes" in selection:
        handles += [
            Patch(facecolor=colour(style.STRIKE, 0.35), edgecolor=colour(style.STRIKE, 0.8),
                  label=_("Strikes with no reported position: their sea area, darker for more deaths")),
            Line2D([], [], marker="o", linestyle="", markersize=6, markerfacecolor=colour(style.STRIKE, 0.9),
                   markeredgecolor="white", label=_("Strike at a reported position, sized by deaths")),
            Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=colour(style.STRIKE, 0.15),
                   markeredgecolor=colour(style.STRIKE, 0.6), label=_("How far off a position may be")),
        ]  # fmt: skip
    if "deployments" in selection and not selection["deployments"].empty:
        blue = colour(style.DEPLOYMENT)
        words = _("US ship, aircraft or unit (glyph: CV carrier, DDG destroyer, AIR aircraft...)")
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor=blue,
                              markeredgecolor=blue, label=words))  # fmt: skip
    if "sites" in selection and not selection["sites"].empty:
        for status in sorted(selection["sites"]["status"].dropna().unique()):
            rgb, filled, glyph, words = style.SITE_STATUS[status]
            face = colour(rgb) if filled else (1, 1, 1, 1)
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor=face,
                                  markeredgecolor=colour(rgb),
                                  label=_("Site: {words}").format(words=_(words))))  # fmt: skip
    if "events" in selection and not selection["events"].empty:
        kinds = sorted(selection["events"]["kind"].dropna().unique())
        for kind in kinds:
            rgb, glyph = style.EVENT_KINDS[kind]
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor=colour(rgb),
                                  markeredgecolor=colour(rgb),
                                  label=_("Event ({glyph}): {kind}").format(
                                      glyph=glyph, kind=t.word("event_kind", kind))))  # fmt: skip
    handles.append(Line2D([], [], marker="o", linestyle="", markersize=5, markerfacecolor="none",
                          markeredgecolor=colour(style.GREY, 0.6),
                          label=_("Rough position only (ring, no dot)")))  # fmt: skip
    return handles


def draw_frame_text(fig: Figure, caption: Caption, handles: list) -> None:
    fig.text(0.015, 0.965, caption.title, fontsize=14, fontweight="bold", va="top", parse_math=False)
    fig.text(0.015, 0.915, caption.subtitle(), fontsize=9, color="#333333", va="top", parse_math=False)
    for handle in handles:
        handle.set_label(textwrap.fill(handle.get_label(), LEGEND_WRAP))
    left, bottom, width, height = LEGEND_RECT
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(left, bottom + height), fontsize=6.2,
                        frameon=False, handlelength=1.4, labelspacing=0.7, borderaxespad=0, borderpad=0,
                        title=caption.t.gettext("Key"), title_fontsize=7.5, alignment="left")  # fmt: skip
    for label in legend.get_texts():
        label.set_parse_math(False)
    fig.text(0.015, 0.02, textwrap.fill(caption.source_line(), 190), fontsize=5.6, color="#555555", va="bottom",
             parse_math=False)  # fmt: skip


def count_text(strikes: pd.DataFrame, t: Translator = ENGLISH) -> str:
    """The running count on a frame: '21 strikes · at least 83 dead'."""
    total = stats.totals(strikes)
    noun = t.ngettext("{count} strike", "{count} strikes", total["strikes"]).format(count=t.number(total["strikes"]))
    dead = t.gettext("at least {count} dead") if total["deaths_uncounted"] else t.gettext("{count} dead")
    return f"{noun} · {dead.format(count=t.number(total['deaths']))}"


# --- the outputs ------------------------------------------------------------------


@dataclass(frozen=True)
class Scene:
    """What one image shows: the layers to draw, where, and the words."""

    selection: dict[str, pd.DataFrame]
    zones: object
    land_path: FilePath
    place_names: list[dict]
    bounds: tuple[float, float, float, float]
    caption: Caption


def build_figure(scene: Scene, dpi: int, running: str = "") -> Figure:
    fig = new_figure(dpi)
    ax = map_axes(fig, scene.bounds)
    draw_base(ax, land_in_mercator(str(scene.land_path)), scene.zones)
    t = scene.caption.t
    draw_marks(ax, scene.selection, scene.zones, sea_shapes(scene.zones, str(scene.land_path)), scene.bounds,
               extra_labels=place_labels(scene.place_names, scene.bounds, t), t=t)  # fmt: skip
    draw_frame_text(fig, scene.caption, legend_handles(scene.selection, scene.caption.t))
    if running:
        running_count(ax, running)
    return fig


def image(scene: Scene, fmt: str = "png", dpi: int = PRINT_DPI) -> bytes:
    """The view as a PNG (print resolution, dpi recorded in the file) or an SVG."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"image format must be png or svg, not {fmt!r}")
    fig = build_figure(scene, dpi)
    out = io.BytesIO()
    metadata = {"Title": f"{scene.caption.title} ({scene.caption.subtitle()})",
                "Description": scene.caption.source_line()}  # fmt: skip
    if fmt == "svg":
        metadata["Date"] = scene.caption.release
    fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return out.getvalue()


@dataclass(frozen=True)
class Frame:
    label: str  # the step's date label
    selection: dict[str, pd.DataFrame]
    strikes: pd.DataFrame  # counted for the running figure, even when their layer is hidden


def frames_rgb(scene: Scene, frames: list[Frame], dpi: int) -> list[np.ndarray]:
    """Each frame as an RGB array. The base, the words and the legend are drawn
    once and kept as a background; each frame draws only its marks and its
    running count over it (a full redraw per frame costs ten times more)."""
    union = {layer: pd.concat([f.selection[layer] for f in frames], ignore_index=True) for layer in scene.selection}
    fig = new_figure(dpi)
    ax = map_axes(fig, scene.bounds)
    draw_base(ax, land_in_mercator(str(scene.land_path)), scene.zones)
    draw_labels(ax, place_labels(scene.place_names, scene.bounds, scene.caption.t), scene.bounds)
    draw_frame_text(fig, scene.caption, legend_handles(union, scene.caption.t))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    shapes = sea_shapes(scene.zones, str(scene.land_path))
    out = []
    for frame in frames:
        canvas.restore_region(background)
        artists = draw_marks(
            ax, frame.selection, scene.zones, shapes, scene.bounds, glyphs=False, t=scene.caption.t
        )  # too small to read at screen size
        artists.append(running_count(ax, f"{frame.label}\n{count_text(frame.strikes, scene.caption.t)}"))
        for artist in sorted(artists, key=lambda a: a.get_zorder()):
            ax.draw_artist(artist)
        out.append(np.asarray(canvas.buffer_rgba())[:, :, :3].copy())
        for artist in artists:
            artist.remove()
    return out


def running_count(ax, words: str):
    return text(
        ax,
        0.012,
        0.985,
        words,
        transform=ax.transAxes,
        fontsize=9,
        fontweight="bold",
        va="top",
        zorder=8,
        bbox={"facecolor": "white", "edgecolor": "#9a9a9a", "linewidth": 0.5, "alpha": 0.9},
    )


def gif(scene: Scene, frames: list[Frame], dpi: int = ANIMATION_DPI) -> bytes:
    """An animated GIF, a frame a week, looping; the last week holds longer."""
    if not frames:
        raise ValueError("an animation needs at least one frame")
    pictures = [Image.fromarray(rgb).quantize(colors=96, method=Image.Quantize.MEDIANCUT) for rgb in
                frames_rgb(scene, frames, dpi)]  # fmt: skip
    durations = [FRAME_MS] * (len(pictures) - 1) + [LAST_FRAME_MS]
    out = io.BytesIO()
    pictures[0].save(out, format="GIF", save_all=True, append_images=pictures[1:], duration=durations, loop=0,
                     optimize=False, dpi=(dpi, dpi))  # fmt: skip
    return out.getvalue()


def ffmpeg() -> str | None:
    """imageio-ffmpeg's ffmpeg, or a system one; None when there is none (no MP4 then)."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        return shutil.which("ffmpeg")


def mp4(scene: Scene, frames: list[Frame], dpi: int = ANIMATION_DPI) -> bytes:
    """An H.264 MP4 (yuv420p, plays in browsers and social media), a frame a week."""
    if not frames:
        raise ValueError("an animation needs at least one frame")
    exe = ffmpeg()
    if exe is None:
        raise RuntimeError("no ffmpeg: install imageio-ffmpeg for MP4")
    import imageio_ffmpeg

    pictures = frames_rgb(scene, frames, dpi)
    pictures += [pictures[-1]] * max(1, math.ceil(LAST_FRAME_MS / FRAME_MS) - 1)
    height, width = pictures[0].shape[:2]
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / "campaign.mp4"
        writer = imageio_ffmpeg.write_frames(str(path), (width, height), fps=1000 / FRAME_MS, codec="libx264",
                                             pix_fmt_out="yuv420p", macro_block_size=8, quality=7,
                                             ffmpeg_log_level="error")  # fmt: skip
        writer.send(None)
        for picture in pictures:
            writer.send(np.ascontiguousarray(picture))
        writer.close()
        return path.read_bytes()


# --- from a catalog and a filter ------------------------------------------------


def scene_for(catalog, flt, title: str | None = None, t: Translator = ENGLISH) -> Scene:
    """The current view of the page: the filter's layers, its regions' extent, its words (in `t`'s language)."""
    selection = select(catalog, flt)
    return Scene(selection, catalog.zones, catalog.paths.land, catalog.place_names,
                 bounds_for(flt.places, catalog.zones), caption_for(catalog, flt, selection, title, t))  # fmt: skip


def weekly_frames(catalog, flt, t: Translator = ENGLISH) -> list[Frame]:
    """A frame a week over the filter's range (geo.playback), as the page's playback steps through it."""
    start, end = playback.range_of(flt, catalog.first_record, catalog.latest_record)
    return [
        Frame(playback.step_label(step, t), playback.at_step(catalog, flt, step, start),
              playback.strikes_at(catalog, flt, step, start))
        for step in playback.steps(start, end)
    ]  # fmt: skip
