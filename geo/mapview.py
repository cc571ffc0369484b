"""The map: pydeck layers, styles, tooltips and legend entries.

Honest location is the rule: a record with a reported point (precision 1-2)
is a dot with a translucent circle as wide as its uncertainty; a record known
only by its zone is not a dot at all but counts towards its zone, which is
shaded and labelled ("position not reported"); a precision-3 record that has
a rough point (a country, say) is a wide translucent circle with no dot.

Every pickable object carries `layer`, `id` (a record id, or `zone:<id>` for a
zone total), `tip_title` and `tip_body` as plain text: Streamlit escapes them
when it fills the tooltip template, and the template itself is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo import style
from geo.catalog import NOT_PLACED, PLACED_REPORTED, PLACED_ZONE
from geo.declutter import declutter, mark_boxes
from geo.details import as_text, same_place
from geo.i18n import ENGLISH, N_, Translator
from geo.viewport import View, view_for
from geo.vocabulary import ZONES as ZONE_IDS

MIN_ZOOM, MAX_ZOOM = 1.5, 12
DESKTOP_VIEW = view_for(None)
INITIAL_VIEW = pdk.ViewState(latitude=DESKTOP_VIEW.latitude, longitude=DESKTOP_VIEW.longitude,
                             zoom=DESKTOP_VIEW.zoom, min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)  # fmt: skip
TOOLTIP = {
    "html": "<b>{tip_title}</b><br/>{tip_body}",
    "style": {"whiteSpace": "pre-line", "maxWidth": "340px", "fontSize": "13px"},
}
LAND_FILL = [225, 222, 214, 255]
AGGREGATE_ABOVE = 2_000  # points of one layer drawn one by one; beyond, the server sends grid cells
CELL_DEGREES = 0.5  # about 55 km: finer than any zone, coarser than any reported position's uncertainty
LISTED_IDS = 12  # record ids named in a zone's tooltip
# pydeck reads a bare string as an expression; the quotes make it a literal
FONT = '"Arial, Helvetica, sans-serif"'
SEA = [244, 248, 251]


# A mark's glyph sits above it, its box (11 px text and 3 px of padding, 19.75 px high) clear of
# the mark's own 6-pixel keep-out box: at 14 px up the two overlapped, and the decluttering
# dropped every glyph for overprinting its own mark.
GLYPH_OFFSET = (0, -16)

DRAWN = ["id", "zone", "placed_at", "lon", "lat", "geo_precision", "uncertainty_km"]
STRIKE_COUNTS = ["killed", "presumed_dead", "strikes"]


def split_by_placement(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records with a point of their own, records placed at their zone's reference point).
    Zone totals and grid cells need few columns; copying all of a large layer
    would cost more than drawing it, so those parts keep only what they use."""
    zonal = (frame["placed_at"] == PLACED_ZONE).to_numpy()
    own = (frame["placed_at"] == PLACED_REPORTED).to_numpy()  # the rest have no region: not drawn
    slim = [c for c in [*DRAWN, *STRIKE_COUNTS] if c in frame.columns]
    pointed = frame.loc[own, slim] if own.sum() > AGGREGATE_ABOVE else frame[own]
    return pointed, pd.DataFrame(frame.loc[zonal, slim])


def deaths_of(frame: pd.DataFrame) -> pd.Series:
    return (frame["killed"].fillna(0) + frame["presumed_dead"].fillna(0)).astype(int)


def dot_radius_px(deaths) -> np.ndarray:
    """Area grows with deaths; every strike stays visible."""
    return 4.0 + 2.2 * np.sqrt(np.asarray(deaths, dtype=float))


PRECISION_WORDS = {1: N_("position reported"), 2: N_("near a named place"), 3: N_("rough area only")}
# the layers' records as the map's texts name them
NOUNS = {"strikes": N_("strikes"), "strike": N_("strike"), "deployments": N_("deployments"), "sites": N_("sites"),
         "events": N_("events")}  # fmt: skip


def _precision_words(row, t: Translator = ENGLISH) -> str:
    return t.gettext("location: {words}, within about {km} km").format(
        words=t.gettext(PRECISION_WORDS[int(row["geo_precision"])]), km=t.number(round(float(row["uncertainty_km"])))
    )


def _dates_of(row, layer: str, t: Translator = ENGLISH) -> str:
    if layer == "deployments":
        return t.gettext("{start} to {end}").format(
            start=row["start"], end=as_text(row["end"]) or t.gettext("open (no end reported)")
        )
    value = row["date"]
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def count(value, t: Translator = ENGLISH) -> str:
    """A count as a reader reads it: 'unknown' where no source states it."""
    text = as_text(value)
    return (t.number(int(float(text))) if t.lang != ENGLISH.lang else text) if text else t.gettext("unknown")


def unplaced_notice(frame: pd.DataFrame, noun: str, t: Translator = ENGLISH) -> list[str]:
    """Records counted in the figures but not on the map, said above the map."""
    missing = int((frame["placed_at"] == NOT_PLACED).sum())
    if not missing:
        return []
    ids = ", ".join(frame.loc[(frame["placed_at"] == NOT_PLACED).to_numpy(), "id"].head(LISTED_IDS))
    words = t.gettext("{count} {noun} record(s) in the selection have no reported region and are counted in the "
                      "figures but not drawn: {ids}.")  # fmt: skip
    return [words.format(count=t.number(missing), noun=t.gettext(NOUNS.get(noun, noun)), ids=ids)]


ALSO_LISTED = 4  # other records named in a tooltip of a shared point
CLICK_HINT = N_("click for details and sources")
LIST_HINT = N_("click for the list")
# On a touch screen the first tap shows the tooltip (deck.gl picks on hover) and
# the second selects, so the tooltip says so.
TOUCH_HINTS = {CLICK_HINT: N_("tap again to open it below the map"), LIST_HINT: N_("tap again for the list")}


def for_touch(layers: list[pdk.Layer], t: Translator = ENGLISH) -> None:
    """Tooltip hints worded for taps, in every pickable layer's rows."""
    for layer in layers:
        rows = layer.data["features"] if isinstance(layer.data, dict) else layer.data
        if not isinstance(rows, list):
            continue
        for row in rows:
            props = row.get("properties", row) if isinstance(row, dict) else {}
            body = props.get("tip_body")
            if isinstance(body, str):
                for mouse, touch in TOUCH_HINTS.items():
                    body = body.replace(t.gettext(mouse), t.gettext(touch))
                props["tip_body"] = body


def also_here(others: list[tuple[str, str]], t: Translator = ENGLISH) -> str:
    names = "; ".join(f"{record_id} {title}" for record_id, title in others[:ALSO_LISTED])
    if len(others) > ALSO_LISTED:
        return t.gettext("also at this place: {names} and {more} more").format(
            names=names, more=t.number(len(others) - ALSO_LISTED)
        )
    return t.gettext("also at this place: {names}").format(names=names)


def tip_fields(frame: pd.DataFrame, layer: str, also: dict | None = None, t: Translator = ENGLISH) -> pd.DataFrame:
    """The plain-text tooltip of each record; `also` names the other records
    that share its point (id -> [(id, title)]), so none is hidden under another.
    Coded values are in the reader's language; names and titles as written."""
    _ = t.gettext
    frame = frame.copy()
    if frame.empty:
        return frame.assign(tip_title=[], tip_body=[], layer=[])
    titles, bodies = [], []
    wanted = ["id", "date", "start", "end", "killed", "presumed_dead", "rescued", "strikes", "vessels", "region",
              "asset", "asset_type", "name", "status", "status_date", "country", "title", "kind",
              "geo_precision", "uncertainty_km", "reporting_grade"]  # fmt: skip
    for row in frame[[c for c in wanted if c in frame.columns]].to_dict("records"):
        if layer == "strikes":
            title = _("Strike {id}: {date}").format(id=row["id"], date=_dates_of(row, layer, t))
            body = [
                _("{killed} killed, {presumed_dead} presumed dead, {rescued} rescued").format(
                    killed=count(row["killed"], t), presumed_dead=count(row["presumed_dead"], t),
                    rescued=count(row["rescued"], t)),
                _("{strikes} strike(s) on {vessels} vessel(s); {region}").format(
                    strikes=row["strikes"], vessels=count(row["vessels"], t), region=t.word("region", row["region"])),
            ]  # fmt: skip
        elif layer == "deployments":
            title = f"{row['asset']} ({row['id']})"
            body = [_dates_of(row, layer, t), t.word("asset_type", row["asset_type"])]
        elif layer == "sites":
            title = f"{row['name']} ({row['id']})"
            body = [_("status: {status} since {date}").format(status=t.word("status", row["status"]),
                                                              date=row["status_date"]), row["country"]]  # fmt: skip
        else:
            title = f"{row['title']} ({row['id']})"
            body = [_dates_of(row, layer, t), t.word("event_kind", row["kind"])]
        if "reporting_grade" in row:
            body.append(_("reporting: {grade}").format(grade=t.word("reporting_grade", row["reporting_grade"])))
        body.append(_precision_words(row, t))
        if also and row["id"] in also:
            body.append(also_here(also[row["id"]], t))
        body.append(_(CLICK_HINT))
        titles.append(title)
        bodies.append("\n".join(body))
    return frame.assign(tip_title=titles, tip_body=bodies, layer=layer)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """JSON-ready rows: only the columns the layer draws or the tooltip shows."""
    out = frame[columns].copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None).to_dict("records")


def zone_totals(frame: pd.DataFrame, zones, layer: str, noun: str, t: Translator = ENGLISH) -> list[dict]:
    """One GeoJSON feature per zone holding records with no position of their own."""
    _ = t.gettext
    if frame.empty:
        return []
    features = []
    sizes = frame.groupby("zone", observed=True).size()
    if layer == "strikes":
        unknown = (frame["killed"].isna() | frame["presumed_dead"].isna()).astype(int)
        sums = (
            frame.assign(deaths=deaths_of(frame), unknown=unknown)
            .groupby("zone", observed=True)[["deaths", "strikes", "unknown"]]
            .sum()
        )
        peak = int(sums["deaths"].max())
    zone_of = frame["zone"].to_numpy()
    for zone_id, size in sizes.items():
        ids = ", ".join(frame["id"].iloc[np.flatnonzero(zone_of == zone_id)[:LISTED_IDS]])
        if size > LISTED_IDS:
            ids = _("{ids} and {more} more").format(ids=ids, more=t.number(size - LISTED_IDS))
        name = t.word("zone", zone_id) if zone_id in ZONE_IDS else zones.name(zone_id)
        if layer == "strikes":
            deaths = int(sums.at[zone_id, "deaths"])
            strikes = t.number(int(sums.at[zone_id, "strikes"]))
            many = int(sums.at[zone_id, "strikes"])
            if sums.at[zone_id, "unknown"]:
                title = t.ngettext("{zone}: {strikes} strike, at least {deaths} dead",
                                   "{zone}: {strikes} strikes, at least {deaths} dead", many)  # fmt: skip
            else:
                title = t.ngettext("{zone}: {strikes} strike, {deaths} dead",
                                   "{zone}: {strikes} strikes, {deaths} dead", many)  # fmt: skip
            title = title.format(zone=name, strikes=strikes, deaths=t.number(deaths))
            body = _(
                "{count} announcements with no position reported, only this sea area; drawn as the area, not as points."
            ).format(count=t.number(size))
            body += "\n" + _("records: {ids}").format(ids=ids) + "\n" + _(LIST_HINT)
            alpha = int(25 + 75 * deaths / peak) if peak else 40
        else:
            title = _("{zone}: {count} {noun} with no position reported").format(
                zone=name, count=t.number(size), noun=_(NOUNS.get(noun, noun))
            )
            body = _("records: {ids}").format(ids=ids) + "\n" + _(LIST_HINT)
            alpha = 0
        geometry = zones.frame.at[zone_id, "geometry"].__geo_interface__
        properties = {"layer": layer, "id": f"zone:{zone_id}", "zone": zone_id, "count": int(size),
                      "ids": ids, "tip_title": title, "tip_body": body, "alpha": alpha}  # fmt: skip
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return features


def label_rows(features: list[dict], zones, text_of) -> list[dict]:
    out = []
    for feature in features:
        props = feature["properties"]
        lon, lat = zones.reference_point(props["zone"])
        out.append({**props, "lon": lon, "lat": lat, "text": text_of(props)})
    return out


def uncertainty_layer(layer_id: str, rows: list[dict], colour) -> pdk.Layer:
    """Translucent circles as wide as each record's uncertainty. They carry
    their record's id and tooltip, so hovering or clicking a circle away from
    its mark says what it is."""
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=[{k: r[k] for k in ("id", "layer", "lon", "lat", "radius_m", "tip_title", "tip_body")} for r in rows],
        get_position=["lon", "lat"],
        get_radius="radius_m",
        radius_units="'meters'",
        get_fill_color=style.rgba(colour, 38),
        get_line_color=style.rgba(colour, 150),
        line_width_min_pixels=1,
        stroked=True,
        filled=True,
        pickable=True,
    )


def with_radius(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(radius_m=frame["uncertainty_km"].astype(float) * 1000.0)


def grid_cells(frame: pd.DataFrame, layer: str, noun: str, t: Translator = ENGLISH) -> list[dict]:
    """Records with a position, summed per CELL_DEGREES cell: what the map
    draws when there are too many to draw one by one."""
    ix = np.floor(frame["lon"].to_numpy(float) / CELL_DEGREES).astype(int)
    iy = np.floor(frame["lat"].to_numpy(float) / CELL_DEGREES).astype(int)
    deaths = deaths_of(frame) if layer == "strikes" else pd.Series(0, index=frame.index)
    cells = pd.DataFrame({"ix": ix, "iy": iy, "deaths": deaths.to_numpy()}).groupby(["ix", "iy"])
    table = cells["deaths"].agg(["size", "sum"]).reset_index()
    weight = table["sum"] if layer == "strikes" else table["size"]
    peak = max(float(weight.max()), 1.0)
    out = []
    for ix_, iy_, size, total in table.itertuples(index=False):
        lon, lat = (ix_ + 0.5) * CELL_DEGREES, (iy_ + 0.5) * CELL_DEGREES
        body = t.gettext("{count} dead").format(count=t.number(total)) if layer == "strikes" else ""
        out.append({
            "id": "", "layer": layer, "lon": lon, "lat": lat, "count": int(size), "deaths": int(total),
            "radius_px": float(2 + 9 * np.sqrt((total if layer == "strikes" else size) / peak)),
            "tip_title": t.gettext("{count} {noun} in this {degrees}° cell").format(
                count=t.number(size), noun=t.gettext(NOUNS.get(noun, noun)), degrees=t.number(CELL_DEGREES, 1)),
            "tip_body": body + "\n" + t.gettext(
                "aggregated: too many to draw one by one; narrow the filter to see each"),
        })  # fmt: skip
    return out


def cell_layer(layer_id: str, cells: list[dict], colour) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=cells,
        get_position=["lon", "lat"],
        get_radius="radius_px",
        radius_units="'pixels'",
        get_fill_color=style.rgba(colour, 170),
        get_line_color=[255, 255, 255, 200],
        line_width_min_pixels=0.5,
        stroked=True,
        pickable=True,
    )


def aggregated_notice(count: int, noun: str, t: Translator = ENGLISH) -> str:
    return t.gettext(
        "{count} {noun} with a reported position are more than the map draws one by one "
        "({limit}), so they are summed into {degrees}° cells. Narrow the filter to see each."
    ).format(count=t.number(count), noun=t.gettext(NOUNS.get(noun, noun)), limit=t.number(AGGREGATE_ABOVE),
             degrees=t.number(CELL_DEGREES, 1))  # fmt: skip


def strike_layers(strikes: gpd.GeoDataFrame, zones, also: dict | None = None,
                  t: Translator = ENGLISH) -> tuple[list[pdk.Layer], list[str]]:  # fmt: skip
    layers, notices = drawn_strike_layers(strikes, zones, also, t)
    return layers, unplaced_notice(strikes, "strike", t) + notices


def drawn_strike_layers(
    strikes: gpd.GeoDataFrame, zones, also: dict | None = None, t: Translator = ENGLISH
) -> tuple[list[pdk.Layer], list[str]]:
    pointed, zonal = split_by_placement(strikes)
    features = zone_totals(zonal, zones, "strikes", "strikes", t)
    area_only = "\n" + t.gettext("(area only)")
    labels = label_rows(features, zones, lambda p: p["tip_title"].split(": ", 1)[1] + area_only)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id="strike-zones",
            data={"type": "FeatureCollection", "features": features},
            get_fill_color=f"[{style.STRIKE[0]}, {style.STRIKE[1]}, {style.STRIKE[2]}, properties.alpha]",
            get_line_color=style.rgba(style.STRIKE, 200),
            line_width_min_pixels=1.5,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 70],
        ),
        label_layer("strike-zone-labels", labels, [120, 40, 0, 255], size=12, bold=True),
    ]
    if len(pointed) > AGGREGATE_ABOVE:
        layers.append(cell_layer("strike-cells", grid_cells(pointed, "strikes", "strikes", t), style.STRIKE))
        return layers, [aggregated_notice(len(pointed), "strikes", t)]
    pointed = with_radius(tip_fields(pointed, "strikes", also, t)).assign(deaths=deaths_of(pointed))
    pointed = pointed.assign(radius_px=dot_radius_px(pointed["deaths"]))
    columns = ["id", "layer", "lon", "lat", "radius_m", "radius_px", "deaths", "tip_title", "tip_body"]
    rows = records(pointed, columns)
    layers += [
        uncertainty_layer("strike-areas", rows, style.STRIKE),
        pdk.Layer(
            "ScatterplotLayer",
            id="strikes",
            data=rows,
            get_position=["lon", "lat"],
            get_radius="radius_px",
            radius_units="'pixels'",
            get_fill_color=style.rgba(style.STRIKE, 230),
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1.5,
            stroked=True,
            pickable=True,
            auto_highlight=True,
        ),
    ]
    return layers, []


def point_layers(frame, zones, layer: str, noun: str, colour_of, glyph_of, filled_of, also: dict | None = None,
                 t: Translator = ENGLISH):  # fmt: skip
    """Deployments, sites or events: dots with glyphs and uncertainty circles;
    zone totals (outlined, labelled) for those with no position."""
    pointed, zonal = split_by_placement(frame)
    features = zone_totals(zonal, zones, layer, noun, t)
    zone_layer = pdk.Layer(
        "GeoJsonLayer",
        id=f"{layer}-zones",
        data={"type": "FeatureCollection", "features": features},
        get_fill_color=[0, 0, 0, 0],
        get_line_color=[90, 90, 90, 90],
        line_width_min_pixels=1,
        stroked=True,
        filled=True,
        pickable=True,
    )
    if len(pointed) > AGGREGATE_ABOVE:
        cells = cell_layer(f"{layer}-cells", grid_cells(pointed, layer, noun, t), style.GREY)
        return [cells, zone_layer], [aggregated_notice(len(pointed), noun, t)]
    pointed = with_radius(tip_fields(pointed, layer, also, t))
    styled = pointed[[c for c in ("asset_type", "status", "kind") if c in pointed.columns]].to_dict("records")
    pointed = pointed.assign(
        colour=[list(colour_of(r)) + [235] for r in styled],
        glyph=[glyph_of(r) for r in styled],
        filled=[bool(filled_of(r)) for r in styled],
        rough=(pointed["geo_precision"] == 3).tolist(),
    )
    columns = ["id", "layer", "lon", "lat", "radius_m", "colour", "glyph", "filled", "rough",
               "tip_title", "tip_body"]  # fmt: skip
    rows = records(pointed, columns)
    glyphs = [{"lon": r["lon"], "lat": r["lat"], "glyph": r["glyph"]} for r in rows if not r["rough"]]
    return [
        uncertainty_layer(f"{layer}-areas", rows, style.GREY),
        pdk.Layer(
            "ScatterplotLayer",
            id=layer,
            data=[{k: v for k, v in r.items() if k not in ("radius_m", "glyph")} for r in rows],
            get_position=["lon", "lat"],
            get_radius=6,
            radius_units="'pixels'",
            # a rough position (precision 3) is a faint ring to point at, never a crisp dot
            get_fill_color="rough ? [255, 255, 255, 0] : (filled ? colour : [255, 255, 255, 200])",
            get_line_color="rough ? [120, 120, 120, 90] : colour",
            line_width_min_pixels=2.5,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
        ),
        label_layer(f"{layer}-glyphs", glyphs, [20, 20, 20, 255], bold=True, offset=GLYPH_OFFSET, field="glyph"),
        zone_layer,
    ], []


def no_position_labels(zone_layers: list[pdk.Layer], zones, t: Translator = ENGLISH) -> pdk.Layer:
    """One label per sea area for the deployments, sites and events in it that
    have no position of their own (strike totals have their own label)."""
    counts: dict[str, list[str]] = {}
    for layer in zone_layers:
        for feature in layer.data["features"]:
            props = feature["properties"]
            if props["layer"] != "strikes":
                noun = t.gettext(NOUNS.get(props["layer"], props["layer"]))
                counts.setdefault(props["zone"], []).append(f"{t.number(props['count'])} {noun}")
    rows = []
    for zone_id, parts in counts.items():
        lon, lat = zones.reference_point(zone_id)
        rows.append(
            {"lon": lon, "lat": lat, "text": t.gettext("no position: {counts}").format(counts=", ".join(parts))}
        )
    return label_layer("no-position-labels", rows, [60, 60, 60, 255], offset=(0, 30))


def label_layer(layer_id: str, rows: list[dict], colour, size=11, bold=False, offset=(0, 0), field="text"):
    """Text on the map (zone totals, glyphs on marks), haloed so it reads over any fill."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=rows,
        get_position=["lon", "lat"],
        get_text=field,
        get_size=size,
        get_color=colour,
        get_pixel_offset=list(offset),
        font_family=FONT,
        font_weight=700 if bold else 400,
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        font_settings={"sdf": True},  # the halo (outline) needs a signed-distance font
        character_set="'auto'",  # every character the labels hold (á, é, ñ), not ASCII alone
        pickable=False,
    )


def base_layers(land_url: str, zones) -> list[pdk.Layer]:
    zone_features = [
        {"type": "Feature", "geometry": geometry.__geo_interface__, "properties": {"kind": kind}}
        for geometry, kind in zip(zones.frame.geometry, zones.frame["kind"])
    ]
    return [
        pdk.Layer(
            "GeoJsonLayer",
            id="land",
            data=land_url,
            get_fill_color=LAND_FILL,
            get_line_color=[160, 160, 160, 255],
            line_width_min_pixels=0.5,
            stroked=True,
            filled=True,
            pickable=False,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="zone-outlines",
            data={"type": "FeatureCollection", "features": zone_features},
            get_line_color="properties.kind === 'region' ? [0, 90, 140, 160] : [0, 90, 140, 70]",
            get_line_width="properties.kind === 'region' ? 2 : 1",
            line_width_units="'pixels'",
            filled=False,
            stroked=True,
            pickable=False,
        ),
    ]


def highlight_layer(selected: dict | None) -> list[pdk.Layer]:
    if not selected:
        return []
    return [
        pdk.Layer(
            "ScatterplotLayer",
            id="selected",
            data=[selected],
            get_position=["lon", "lat"],
            get_radius=16,
            radius_units="'pixels'",
            filled=False,
            stroked=True,
            get_line_color=[0, 0, 0, 255],
            line_width_min_pixels=3,
            pickable=False,
        )
    ]


def site_style(row):
    return style.SITE_STATUS[row["status"]]


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON indented, and Streamlit sends that on every rerun;
    written compactly (by orjson) the same spec is about a third smaller and
    several times faster to produce."""

    def to_json(self) -> str:
        return orjson.dumps(self, default=default_serialize).decode("utf-8")


@dataclass(frozen=True)
class MapSpec:
    """The deck, and what a reader must be told about it (aggregation)."""

    deck: pdk.Deck
    notices: tuple[str, ...] = ()
    also: dict | None = None  # id -> the other records at its point (details.same_place)


SEA_NAMES = (  # (name, lon, lat): open-water anchors of the basemap's sea labels
    (N_("Caribbean Sea"), -77.0, 16.8),
    (N_("Pacific Ocean"), -104.0, 4.0),
    (N_("Atlantic Ocean"), -60.0, 24.0),
    (N_("Gulf of Mexico"), -90.5, 25.0),
)
# basemap names CLDR has no name for (Natural Earth's banks and the base)
OTHER_PLACES = (N_("Bajo Nuevo Bank"), N_("Serranilla Bank"), N_("USNB Guantanamo Bay"))
# label layer id -> (priority, colour, size, bold, pixel offset)
LABEL_STYLES = {
    "strike-zone-labels": (100, [120, 40, 0, 255], 12, True, (0, 0)),
    "no-position-labels": (80, [60, 60, 60, 255], 11, False, (0, 30)),
    "mark-glyphs": (60, [20, 20, 20, 255], 11, True, GLYPH_OFFSET),
    "sea-names": (50, [70, 110, 150, 255], 13, False, (0, 0)),
    "country-names": (40, [110, 110, 110, 255], 10, False, (0, 0)),
}


def basemap_labels(place_names: list[dict], t: Translator = ENGLISH) -> dict[str, list[dict]]:
    """Sea and country names (countries by size: the largest first), in the
    reader's language (CLDR's names of countries, through Babel)."""
    seas = [{"lon": lon, "lat": lat, "text": t.gettext(name)} for name, lon, lat in SEA_NAMES]
    countries = [{"lon": p["lon"], "lat": p["lat"], "text": t.country(p["name"]), "rank": p["area"]}
                 for p in place_names]  # fmt: skip
    return {"sea-names": seas, "country-names": countries}


MARK_LAYERS = ("strikes", "deployments", "sites", "events")


def mark_points(layers: list[pdk.Layer]) -> list[tuple[float, float]]:
    """Where the marks (dots) are, for labels to keep clear of them."""
    points = []
    for layer in layers:
        if layer.id in MARK_LAYERS and isinstance(layer.data, list):
            points += [(row["lon"], row["lat"]) for row in layer.data if row.get("lon") is not None]
    return points


def decluttered_labels(groups: dict[str, list[dict]], view: View, marks: list[tuple] = ()) -> list[pdk.Layer]:
    """One text layer per label style, with only the labels that do not
    overprint each other at the first view (geo.declutter)."""
    candidates = []
    for layer_id, rows in groups.items():
        priority, _, size, _, offset = LABEL_STYLES[layer_id]
        for row in rows:
            rank = row.get("rank", 0)
            candidates.append({**row, "group": layer_id, "size": size, "offset": offset,
                               "priority": priority + min(rank, 1e6) / 1e7})  # fmt: skip
    kept = declutter(candidates, view, mark_boxes(list(marks), view))
    layers = []
    for layer_id, (_, colour, size, bold, offset) in LABEL_STYLES.items():
        rows = [{"lon": r["lon"], "lat": r["lat"], "text": r["text"]} for r in kept if r["group"] == layer_id]
        if rows:
            layers.append(label_layer(layer_id, rows, colour, size=size, bold=bold, offset=offset))
    return layers


def take_labels(layers: list[pdk.Layer]) -> tuple[list[pdk.Layer], dict[str, list[dict]]]:
    """The layers without their text layers, and the text rows by label style."""
    kept, labels = [], {}
    for layer in layers:
        if layer.type == "TextLayer":
            group = "mark-glyphs" if layer.id.endswith("-glyphs") else layer.id
            field = "glyph" if layer.id.endswith("-glyphs") else "text"
            labels.setdefault(group, []).extend(
                {"lon": r["lon"], "lat": r["lat"], "text": r[field]} for r in layer.data if r.get(field)
            )
        else:
            kept.append(layer)
    return kept, labels


def build_deck(selection: dict[str, gpd.GeoDataFrame], zones, land_url: str,
               selected: dict | None = None, basemap: dict | None = None,
               view: View | None = None, place_names: list[dict] | None = None,
               touch: bool = False, t: Translator = ENGLISH) -> MapSpec:  # fmt: skip
    """A new Deck for this run (Streamlit mutates the one it is given), with the
    same initial view every time so the map keeps its place while filtering.
    `view` is the first view fitted to the reader's screen; labels are
    decluttered for it. Records sharing a point name each other in tooltips.
    Every text the map writes is in `t`'s language."""
    view = view or DESKTOP_VIEW
    also = same_place(selection)
    parts = []
    styles = {
        "deployments": (lambda r: style.DEPLOYMENT, lambda r: style.ASSET_GLYPHS[r["asset_type"]], lambda r: True),
        "sites": (lambda r: site_style(r)[0], lambda r: site_style(r)[2], lambda r: site_style(r)[1]),
        "events": (lambda r: style.EVENT_KINDS[r["kind"]][0], lambda r: style.EVENT_KINDS[r["kind"]][1],
                   lambda r: True),
    }  # fmt: skip
    for layer in ("events", "deployments", "sites"):  # sites last: on top of what shares their point
        if layer in selection:
            colour_of, glyph_of, filled_of = styles[layer]
            parts.append(point_layers(selection[layer], zones, layer, layer, colour_of, glyph_of, filled_of, also, t))
    if "strikes" in selection:
        parts.append(strike_layers(selection["strikes"], zones, also, t))
    layers = [layer for part, _ in parts for layer in part]
    notices = tuple(notice for _, part_notices in parts for notice in part_notices)
    fills = [layer for layer in layers if layer.id.endswith("-zones")]
    layers.append(no_position_labels(fills, zones, t))
    layers, labels = take_labels(layers)
    if touch:
        for_touch(layers, t)
    labels.update(basemap_labels(place_names or [], t))
    # sea-area fills first, land over them (so land is never tinted), then marks, then text
    fills = [layer for layer in layers if layer.id.endswith("-zones")]
    layers = fills + base_layers(land_url, zones) + [layer for layer in layers if layer not in fills]
    layers += decluttered_labels(labels, view, mark_points(layers))
    layers += highlight_layer(selected)
    # No provider and pydeck's default style sentinel: Streamlit then adds no
    # basemap of its own (map_style=None would make it fetch CARTO's style).
    options: dict = {"map_provider": None}
    if basemap:
        options = {"map_provider": basemap["provider"], "map_style": basemap["style"], "api_keys": basemap.get("keys")}
    initial = pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom,
                            min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)  # fmt: skip
    deck = CompactDeck(
        layers=layers,
        initial_view_state=initial,
        tooltip=TOOLTIP,
        parameters={"clearColor": [c / 255 for c in SEA] + [1]},
        **options,
    )
    return MapSpec(deck, notices, also)


def legend_entries(t: Translator = ENGLISH) -> list[dict]:
    """What the legend beside the map explains: sizes, colours, shapes, precision."""
    _ = t.gettext
    entries = [
        {"group": _("Strikes"), "colour": style.STRIKE, "shape": "dot", "text":
         _("Strike at a reported search area: dot sized by deaths (killed + presumed dead), "
           "translucent circle = how far off it may be")},
        {"group": _("Strikes"), "colour": style.STRIKE, "shape": "area", "text":
         _("Sea area shaded by deaths: strikes with no reported position, counted for the whole area, never a dot")},
    ]  # fmt: skip
    for asset, glyph in style.ASSET_GLYPHS.items():
        entries.append({"group": _("Deployments"), "colour": style.DEPLOYMENT, "shape": "dot",
                        "glyph": glyph, "text": t.word("asset_type", asset)})  # fmt: skip
    for colour, filled, glyph, words in style.SITE_STATUS.values():
        entries.append({"group": _("Sites (status at the end of the range)"), "colour": colour,
                        "shape": "dot" if filled else "ring", "glyph": glyph, "text": _(words)})  # fmt: skip
    for kind, (colour, glyph) in style.EVENT_KINDS.items():
        entries.append({"group": _("Events"), "colour": colour, "shape": "dot", "glyph": glyph,
                        "text": t.word("event_kind", kind)})  # fmt: skip
    entries.append({"group": _("Location"), "colour": style.GREY, "shape": "circle", "text":
                    _("Translucent circle: the uncertainty of a position (km as stated by its sources); "
                      "outlined sea areas: records with no position, counted per area")})  # fmt: skip
    return entries
