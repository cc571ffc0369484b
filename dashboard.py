"""The campaign map: the Streamlit page. It reads the filters (sidebar and
URL), asks geo/ for everything, and draws. No data logic lives here."""

from __future__ import annotations

import html
import json
import logging
import os
import time
from contextlib import contextmanager
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from geo import charts, details, export, mapview, periods, stats
from geo.catalog import PLACED_ZONE, Catalog, load_catalog
from geo.problems import DataError
from geo.query import Filter, echo, from_params, normal_id, select, to_params
from geo.schema import LAYERS
from geo.textsafe import md_escape, md_link

LAND_URL = "app/static/land.geojson"  # served by Streamlit's static file server, cached by the browser
CUSTOM = "Custom range"
TABLE_ROWS = 1_000
LAYER_NAMES = {"strikes": "Strikes", "deployments": "Deployments", "sites": "Sites", "events": "Events"}
log = logging.getLogger("dashboard")


def basemap_option() -> dict | None:
    """An online basemap only when configured (MAP_BASEMAP=carto|mapbox and its key)."""
    provider = os.environ.get("MAP_BASEMAP", "").strip().lower()
    if provider == "carto" and os.environ.get("CARTO_API_KEY"):
        return {"provider": "carto", "style": "light", "keys": {"carto": os.environ["CARTO_API_KEY"]}}
    if provider == "mapbox" and os.environ.get("MAPBOX_API_KEY"):
        return {"provider": "mapbox", "style": "mapbox://styles/mapbox/light-v11",
                "keys": {"mapbox": os.environ["MAPBOX_API_KEY"]}}  # fmt: skip
    return None


# --- state: sidebar widgets <-> URL -------------------------------------------------


def data_span(catalog: Catalog) -> tuple[date, date]:
    return catalog.first_record, catalog.latest_record


WIDGET_KEYS = ("dates", "places", "layers", "quick")


def init_state(catalog: Catalog) -> None:
    """The widgets start from the URL's filter: on a session's first run, and
    again after a run that did not draw them (Streamlit then forgets their
    state; the URL, left alone meanwhile, still holds the filter)."""
    if all(key in st.session_state for key in WIDGET_KEYS):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = from_params(params, catalog.zones)
    warnings = list(parsed.warnings)
    first, latest = data_span(catalog)
    start, end = parsed.filter.start or first, parsed.filter.end or latest
    if not first <= start <= end <= latest:
        warnings.append(f"the data runs from {first} to {latest}; the date range was narrowed to it")
        start, end = max(start, first), min(end, latest)
        if start > end:
            start, end = first, latest
    asked = (params.get("id") or [""])[-1]
    record_id = normal_id(asked, catalog.zones)
    if record_id and not selectable(catalog, record_id):
        warnings.append(f"no record or zone with id {echo(asked.strip())}")
        record_id = ""
    st.session_state.update(
        dates=(start, end),
        places=list(parsed.filter.places),
        layers=list(parsed.filter.layers),
        selected=record_id,
        _warnings=warnings,
    )
    st.session_state.pop("_link_view", None)  # the view these warnings are about: taken after the sidebar
    ranges = periods.quick_ranges(first, latest)
    st.session_state["quick"] = periods.label_of(ranges, *current_range(catalog)) or CUSTOM


def selectable(catalog: Catalog, selected: str) -> bool:
    """A record id, or zone:<id> as a click on a shaded sea area selects."""
    if selected.startswith("zone:"):
        return selected.removeprefix("zone:") in catalog.zones.ids
    return details.find(catalog, selected) is not None


def current_range(catalog: Catalog) -> tuple[date | None, date | None]:
    """The chosen range, with the whole span written as (None, None)."""
    dates = st.session_state.get("dates") or data_span(catalog)
    if isinstance(dates, date):  # a single day, or the first click of a range
        dates = (dates,)
    start, end = (dates[0], dates[-1]) if len(dates) else data_span(catalog)
    return (None, None) if (start, end) == data_span(catalog) else (start, end)


def on_quick_choice(catalog: Catalog) -> None:
    choice = st.session_state["quick"]
    if choice == CUSTOM:
        return
    start, end = periods.quick_ranges(*data_span(catalog))[choice]
    first, latest = data_span(catalog)
    st.session_state["dates"] = (max(start or first, first), min(end or latest, latest))


def on_dates_changed(catalog: Catalog) -> None:
    ranges = periods.quick_ranges(*data_span(catalog))
    st.session_state["quick"] = periods.label_of(ranges, *current_range(catalog)) or CUSTOM


def sidebar(catalog: Catalog) -> Filter:
    first, latest = data_span(catalog)
    ranges = periods.quick_ranges(first, latest)
    with st.sidebar:
        st.header("Filter the map")
        st.selectbox("Time range", [*ranges, CUSTOM], key="quick", on_change=on_quick_choice, args=(catalog,))
        st.date_input(
            "From and to (inclusive)",
            min_value=first,
            max_value=latest,
            key="dates",
            on_change=on_dates_changed,
            args=(catalog,),
            format="YYYY-MM-DD",
        )
        zones = catalog.zones
        regions = list(zones.regions.index)
        finer = [z for z in zones.ids if z not in regions]
        st.multiselect(
            "Regions, or finer reference zones",
            [*regions, *finer],
            key="places",
            format_func=lambda z: zones.name(z) if z in regions else f"{zones.name(z)} (zone)",
            placeholder="All regions",
            help="A zone holds only records known to lie in it; records known only by their region "
            "are counted under the region.",
        )
        st.pills("Layers", list(LAYERS), selection_mode="multi", key="layers", format_func=LAYER_NAMES.get)
        st.caption("The link in your address bar keeps these choices: copy it to share this view.")
    start, end = current_range(catalog)
    layers = tuple(layer for layer in LAYERS if layer in (st.session_state.get("layers") or []))
    return Filter(start, end, tuple(st.session_state.get("places") or ()), layers)


def write_url(catalog: Catalog, flt: Filter) -> None:
    """The view in the address bar, in a form that reopens it (an id that
    opens nothing is left out)."""
    params = to_params(flt)
    selected = st.session_state.get("selected") or ""
    if selected and selectable(catalog, selected):
        params["id"] = selected
    st.query_params.from_dict(params)


def forget_stale_link_warnings(flt: Filter) -> None:
    """Link warnings speak of the view the link opened; once the reader changes
    the filter or the selection, they go."""
    view = (flt, st.session_state.get("selected") or "")
    if st.session_state.setdefault("_link_view", view) != view:
        st.session_state["_warnings"] = []


def take_map_pick() -> None:
    """A click on the map selects what was clicked (read before drawing, so the
    highlight and the details follow the click in the same run)."""
    pick = st.session_state.get("map")
    objects = (pick or {}).get("selection", {}).get("objects", {}) if isinstance(pick, dict) else {}
    if not objects and pick is not None:
        objects = getattr(getattr(pick, "selection", None), "objects", {}) or {}
    signature = json.dumps(objects, sort_keys=True, default=str)
    if signature == st.session_state.get("_last_pick"):
        return
    st.session_state["_last_pick"] = signature
    for items in objects.values():
        for item in items:
            picked = item.get("properties", item) if isinstance(item, dict) else {}
            if picked.get("id"):
                st.session_state["selected"] = picked["id"]
                return


# --- sections ------------------------------------------------------------------------


def header(catalog: Catalog) -> None:
    st.title("Campaign map: US strikes and forces in the Caribbean and eastern Pacific")
    last_strike = catalog.strikes["date"].max().date()
    st.markdown(
        "Lethal US strikes on boats alleged to carry drugs since 2 September 2025, the naval and air "
        "build-up, bases and proposed bases, and related operations, each with its sources and an honest "
        f"statement of how precisely it is located. **Data current to {catalog.latest_record:%d %B %Y}** "
        f"(latest record); latest strike in the data: {last_strike:%d %B %Y}. "
        "Reporting after that date is not yet included."
    )
    link_warnings()


LINK_WARNINGS_SHOWN = 5


def link_warnings() -> None:
    """One warning for the whole link, whatever it holds: our own words in the
    warning (Markdown), what the link carried only in plain text (st.text
    renders no Markdown, HTML, links or images), at most a few lines."""
    warnings = st.session_state.get("_warnings") or []
    if not warnings:
        return
    st.warning("Some parameters of this link could not be used and were ignored:", icon=":material/link_off:")
    lines = [f"- {warning}" for warning in warnings[:LINK_WARNINGS_SHOWN]]
    if len(warnings) > LINK_WARNINGS_SHOWN:
        lines.append(f"- and {len(warnings) - LINK_WARNINGS_SHOWN:,} more")
    st.text("\n".join(lines))


def figures(catalog: Catalog, flt: Filter, chosen: pd.DataFrame) -> None:
    total = stats.totals(chosen)
    where = ", ".join(catalog.zones.name(p) for p in flt.places) or "all regions"
    start = flt.start or catalog.first_record
    end = flt.end or catalog.latest_record
    st.subheader(f"Strikes from {start:%d %b %Y} to {end:%d %b %Y}, {md_escape(where)}")
    cols = st.columns(6)
    helps = {
        "strikes": ("Strikes", "separate strikes announced (one boat or several each)"),
        "vessels": ("Vessels", "boats destroyed or hit"),
        "killed": ("Killed", "killed in the strikes themselves"),
        "presumed_dead": ("Presumed dead", "survivors lost at sea after a search was suspended"),
        "rescued": ("Rescued", "survivors recovered alive"),
        "deaths": ("Deaths", "killed + presumed dead, the figure most trackers publish"),
    }
    for col, (key, (label, words)) in zip(cols, helps.items()):
        col.metric(label, f"{total[key]:,}", help=words)
    tally = stats.latest_tally(catalog.tallies, end)
    with st.container(border=True):
        if tally is None:
            st.markdown(f"No running total had been published by {end:%d %b %Y}.")
            return
        cmp = stats.compare(tally, catalog.strikes)
        source = details.sources_of(catalog, tally["sources"]).iloc[0]
        qualifier = {"exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about "}
        st.markdown(
            f"**Latest published running total up to {end:%d %b %Y}** (whole campaign, all regions): "
            f"{qualifier[tally['qualifier']]}**{tally['killed']:,}** {cmp.measure}, "
            f"{md_escape(tally['publisher'])}, as of {tally['as_of']:%d %b %Y}. "
            f"It counts: {md_escape(tally['counts'])}. Source: {md_link(source['title'], source['url'])}.  \n"
            f"**Our count to the same date:** {cmp.ours_comparable:,} {cmp.measure} "
            f"({cmp.ours['killed']:,} killed, {cmp.ours['presumed_dead']:,} presumed dead)"
            + (f"; difference {cmp.difference:+,d}." if cmp.difference else "; the two agree.")
        )
        if cmp.difference:
            reason = details.as_text(tally["notes"]).split("Difference from our count:")[-1].strip()
            reason = reason or "not explained in the data"
            st.caption(f"Why they differ: {md_escape(reason)}")


def legend() -> None:
    """Drawn beside the map (pydeck has none). Static text of ours, escaped anyway."""
    rows, group = [], None
    for entry in mapview.legend_entries():
        if entry["group"] != group:
            group = entry["group"]
            rows.append(f"<div style='margin-top:8px;font-weight:600'>{html.escape(group)}</div>")
        r, g, b = entry["colour"]
        if entry["shape"] == "ring":
            swatch = f"background:#fff;border:3px solid rgb({r},{g},{b})"
        elif entry["shape"] in ("area", "circle"):
            swatch = f"background:rgba({r},{g},{b},0.25);border:1px solid rgb({r},{g},{b})"
        else:
            swatch = f"background:rgb({r},{g},{b});border:1px solid #fff"
        glyph = html.escape(entry.get("glyph", ""))
        rows.append(
            "<div style='display:flex;gap:6px;align-items:center;margin:2px 0'>"
            f"<span style='display:inline-block;min-width:14px;height:14px;border-radius:50%;{swatch}'></span>"
            f"<span style='font-weight:700;min-width:34px;font-size:11px'>{glyph}</span>"
            f"<span style='font-size:12px'>{html.escape(entry['text'])}</span></div>"
        )
    st.markdown("<div aria-label='Map legend'>" + "".join(rows) + "</div>", unsafe_allow_html=True)


def map_section(catalog: Catalog, selection: dict) -> None:
    selected = st.session_state.get("selected") or ""
    found = details.find(catalog, selected) if not selected.startswith("zone:") else None
    mark = {"lon": float(found[1]["lon"]), "lat": float(found[1]["lat"])} if found else None
    spec = mapview.build_deck(selection, catalog.zones, LAND_URL, mark, basemap_option())
    for notice in spec.notices:
        st.info(notice, icon=":material/grid_on:")
    left, right = st.columns([4, 1])
    with left:
        st.pydeck_chart(spec.deck, height=600, on_select="rerun", selection_mode="single-object", key="map")
        st.caption(
            "Offline basemap: Natural Earth 1:10m. Hover a mark for a summary; click it for its details "
            "and sources below. Shaded sea areas hold strikes whose position was never reported."
        )
    with right:
        legend()


def detail_panel(catalog: Catalog, selection: dict) -> None:
    st.subheader("Details and sources")
    selected = st.session_state.get("selected") or ""
    if not selected.startswith("zone:"):
        st.session_state["_pick_id"] = selected
    st.text_input(
        "Open a record by id (or click a mark on the map)",
        key="_pick_id",
        placeholder="e.g. S011, D021, B025, E039",
        on_change=lambda: st.session_state.update(selected=normal_id(st.session_state["_pick_id"], catalog.zones)),
    )
    if selected.startswith("zone:"):
        zone_list(catalog, selected.removeprefix("zone:"), selection)
        return
    found = details.find(catalog, selected) if selected else None
    if not found:
        st.caption("No record with this id." if selected else "Nothing selected.")
        return
    layer, record = found
    title = record.get("title") or record.get("name") or record.get("asset") or f"Strike of {record['date']:%d %b %Y}"
    st.markdown(f"#### {md_escape(record['id'])}: {md_escape(title)}")
    if not (selection.get(layer, pd.DataFrame(columns=["id"]))["id"] == record["id"]).any():
        st.info("This record lies outside the current filter; it is shown because the link names it.")
    left, right = st.columns([1, 1])
    with left:
        st.dataframe(
            details.fields(record),
            hide_index=True,
            width="stretch",
            column_config={
                "field": st.column_config.TextColumn(width="small"),
                "value": st.column_config.TextColumn(width="large"),
            },
        )
    with right:
        st.markdown("**Sources**")
        st.dataframe(
            details.sources_of(catalog, record["sources"]),
            hide_index=True,
            width="stretch",
            column_config={"url": st.column_config.LinkColumn("link", display_text="open")},
        )
        if layer == "sites":
            st.markdown("**Status history**")
            st.dataframe(details.site_history(catalog, record["id"]), hide_index=True, width="stretch")
    if st.button("Clear selection"):
        st.session_state["selected"] = ""
        st.rerun()


def zone_list(catalog: Catalog, zone_id: str, selection: dict) -> None:
    st.markdown(f"#### {md_escape(catalog.zones.name(zone_id))}: records with no reported position")
    for layer, frame in selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if not inside.empty:
            st.markdown(f"**{LAYER_NAMES[layer]}** ({len(inside):,}): type an id above to open one")
            record_table(catalog, inside, key=f"zone-table-{layer}")


def timeline(catalog: Catalog, flt: Filter, chosen: pd.DataFrame) -> None:
    st.subheader("Timeline")
    if chosen.empty:
        st.caption("No strikes in this selection.")
        return
    events = catalog.events
    milestones = events[events["milestone"] == "yes"]
    if flt.start is not None:
        milestones = milestones[milestones["first_date"] >= pd.Timestamp(flt.start)]
    if flt.end is not None:
        milestones = milestones[milestones["first_date"] <= pd.Timestamp(flt.end)]
    marks = pd.DataFrame({
        "date": milestones["first_date"],
        "title": milestones["title"],
        "short": [t if len(t) <= 28 else t[:27] + "…" for t in milestones["title"]],
    })  # fmt: skip
    chart = charts.timeline(stats.weekly(chosen), stats.cumulative(chosen), marks)
    st.altair_chart(chart, width="stretch")
    st.caption("Bars: deaths per week by region. Line: cumulative deaths in the selection. Dashed lines: key events.")


def table_columns() -> dict:
    return {
        "first source": st.column_config.LinkColumn("first source", display_text="open"),
        "date": st.column_config.TextColumn("date"),
    }


def display_table(catalog: Catalog, frame: pd.DataFrame) -> pd.DataFrame:
    keep = [c for c in frame.columns if c not in details.HIDDEN]
    table = pd.DataFrame(frame[keep]).copy()
    for column in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
    first_urls = [export.source_urls(ids.split(";")[0], catalog.sources) for ids in table["sources"]]
    table.insert(1, "first source", first_urls)
    return table


def tables(catalog: Catalog, selection: dict) -> None:
    st.subheader("Records in the selection")
    if not selection:
        st.caption("No layer chosen.")
        return
    tabs = st.tabs([f"{LAYER_NAMES[layer]} ({len(frame):,})" for layer, frame in selection.items()])
    for tab, (layer, frame) in zip(tabs, selection.items()):
        with tab:
            record_table(catalog, frame, key=f"table-{layer}")


def record_table(catalog: Catalog, frame: pd.DataFrame, key: str) -> None:
    """A sortable table; a large selection shows its latest TABLE_ROWS records
    (the browser cannot take a million rows) and says so."""
    shown = frame
    if len(frame) > TABLE_ROWS:
        order = frame["first_date"] if "first_date" in frame else frame["id"]
        shown = frame.iloc[np.argsort(-order.to_numpy().astype("int64"), kind="stable")[:TABLE_ROWS]]
        st.caption(f"Showing the latest {TABLE_ROWS:,} of {len(frame):,} records; the downloads hold them all.")
    st.dataframe(display_table(catalog, shown), hide_index=True, width="stretch",
                 column_config=table_columns(), key=key)  # fmt: skip


def downloads(catalog: Catalog, flt: Filter) -> None:
    st.subheader("Download the filtered view")
    st.caption(
        "GeoJSON (RFC 7946, longitude/latitude) keeps every field, the precision fields and sources "
        "included; files are built when you click and carry the date range in their names."
    )
    latest = catalog.latest_record
    formats = {
        "GeoJSON": ("geojson", "application/geo+json", export.layer_geojson),
        "CSV": ("csv", "text/csv", export.layer_csv),
    }
    for label, (extension, mime, build) in formats.items():
        cols = st.columns(len(LAYERS) + 1)
        for col, layer in zip(cols, LAYERS):
            col.download_button(
                f"{LAYER_NAMES[layer]} ({label})",
                data=lambda layer=layer, build=build: build(catalog, layer, flt),
                file_name=export.export_name(layer, flt, extension, latest),
                mime=mime,
                on_click="ignore",
                key=f"download-{extension}-{layer}",
            )
    cols[-1].download_button(
        "All layers (zip)",
        data=lambda: export.zip_all(catalog, flt),
        file_name=export.export_name("campaign", flt, "zip", latest),
        mime="application/zip",
        on_click="ignore",
        key="download-all",
        type="primary",
    )


def methods(catalog: Catalog) -> None:
    with st.expander("Methods: what the figures mean, how places are coded, what is missing"):
        st.markdown(
            f"""
**Counting.** *Killed* are people killed in a strike as announced (corrected where the Coast Guard
later recovered bodies). *Presumed dead* are survivors who went missing and were given up when the
search was suspended. *Rescued* are survivors recovered alive. *Deaths* = killed + presumed dead.
A row of the data is one announcement: it may cover several strikes and boats on one day.

**Why published totals differ.** Trackers and officials differ mainly in whether they count the
presumed dead, and in when they add survivors whose search is still under way. Each published
total in the data says what it counts, and the difference from our own count is explained.
Two strikes implied by published totals are missing from our data because no report of them was
found: about 4 dead between 20 Mar and 10 Apr 2026, and about 3 dead between 25 Apr and 3 May 2026.

**Locations.** No source gives coordinates for any strike. Precision 1 = coordinates reported;
2 = near a named place (the three reported search areas, south-west of Acapulco, south-west of the
Mexico-Guatemala border, off Golfito); 3 = only a sea area or region is known. Precision-3 records
are never drawn as dots: they count towards their shaded sea area. Every mark's circle shows its
uncertainty in km. Coordinates of airfields and ports come from general geographic knowledge.

**Coverage.** Strikes from 2 Sep 2025 to {catalog.strikes["date"].max():%d %b %Y}. Reporting after
about 22 Jun 2026 was not available to this project; ships and aircraft behind the eastern Pacific
strikes are unnamed in reporting; many deployments have no reported end.
            """
        )


def show_data_problems(err: DataError) -> None:
    st.title("US strikes and deployments in the Caribbean and eastern Pacific")
    st.error(
        f"The data did not pass validation ({len(err.problems)} problem(s)), so the map is not shown: "
        "showing part of it would hide what is wrong. Fix these lines and reload; "
        "`python -m geo validate` lists the same."
    )
    st.dataframe(
        pd.DataFrame([p.__dict__ for p in err.problems], columns=["file", "row", "column", "reason"]),
        hide_index=True,
        width="stretch",
    )


TIMINGS = os.environ.get("DASHBOARD_TIMINGS") == "1"


@contextmanager
def timed(name: str):
    """With DASHBOARD_TIMINGS=1, each section's server time goes to the log
    (the benchmark reads it); otherwise this costs nothing."""
    start = time.perf_counter()
    yield
    if TIMINGS:
        log.warning("timing %s %.1f ms", name, (time.perf_counter() - start) * 1000)


def main() -> None:
    st.set_page_config(page_title="Caribbean and eastern Pacific campaign map", layout="wide")
    try:
        with timed("load"):
            catalog = load_catalog()
    except DataError as err:
        show_data_problems(err)
        return
    init_state(catalog)
    take_map_pick()
    with timed("sidebar"):
        flt = sidebar(catalog)
    write_url(catalog, flt)
    forget_stale_link_warnings(flt)
    with timed("filter"):
        selection = select(catalog, flt)
    chosen = selection.get("strikes")
    if chosen is None:  # the figures count strikes even when their layer is hidden
        chosen = select(catalog, Filter(flt.start, flt.end, flt.places, ("strikes",)))["strikes"]
    for name, section in [
        ("header", lambda: header(catalog)),
        ("figures", lambda: figures(catalog, flt, chosen)),
        ("map", lambda: map_section(catalog, selection)),
        ("details", lambda: detail_panel(catalog, selection)),
        ("timeline", lambda: timeline(catalog, flt, chosen)),
        ("tables", lambda: tables(catalog, selection)),
        ("downloads", lambda: downloads(catalog, flt)),
        ("methods", lambda: methods(catalog)),
    ]:
        with timed(name):
            section()


try:
    main()
except Exception:  # a reader never sees a traceback; the server log keeps it
    log.exception("dashboard failed")
    st.error("Something went wrong while drawing this page. Reload it; if it persists, the server log has the details.")
