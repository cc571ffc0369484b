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
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from geo import charts, details, export, mapview, periods, release, stats
from geo.catalog import PLACED_ZONE, Catalog, load_catalog
from geo.grading import REPORTING_GRADES
from geo.problems import DataError
from geo.query import Filter, from_params, select, to_params
from geo.schema import LAYERS
from geo.textsafe import md_escape, md_link

LAND_URL = "app/static/land.geojson"  # served by Streamlit's static file server, cached by the browser
CUSTOM = "Custom range"
TABLE_ROWS = 1_000
FEED_URL = os.environ.get("FEED_URL", "/feed/latest/")  # the static release feed (nginx serves it; docs/deploy.md)
LAYER_NAMES = {"strikes": "Strikes", "deployments": "Deployments", "sites": "Sites", "events": "Events"}
# what one row of each layer is: a strikes.csv row is an announcement, not a strike
ROW_NAMES = {"strikes": "Strike announcements", "deployments": "Deployments", "sites": "Sites", "events": "Events"}
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
    record_id = (params.get("id") or [""])[-1].strip()
    if record_id and details.find(catalog, record_id) is None:
        warnings.append(f"no record with id '{record_id}'")
        record_id = ""
    st.session_state.update(
        dates=(start, end),
        places=list(parsed.filter.places),
        layers=list(parsed.filter.layers),
        selected=record_id,
        _warnings=warnings,
    )
    ranges = periods.quick_ranges(first, latest)
    st.session_state["quick"] = periods.label_of(ranges, *current_range(catalog)) or CUSTOM


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


def page_link(params: dict) -> str:
    """The address that reopens a view: the page's own URL (as the browser
    reports it) with the given query parameters."""
    base = st.context.url or "http://localhost:8501/"
    return base + ("?" + urlencode(params, doseq=True) if params else "")


def write_url(flt: Filter) -> None:
    params = to_params(flt)
    if st.session_state.get("selected"):
        params["id"] = st.session_state["selected"]
    st.query_params.from_dict(params)


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
    for warning in st.session_state.get("_warnings", []):
        st.warning(f"Link parameter ignored: {warning}.", icon=":material/link_off:")


def describe_selection(catalog: Catalog, flt: Filter) -> str:
    where = ", ".join(catalog.zones.name(p) for p in flt.places) or "all regions"
    start = flt.start or catalog.first_record
    end = flt.end or catalog.latest_record
    return f"{start:%d %b %Y} to {end:%d %b %Y}, {where}"


def figures(catalog: Catalog, flt: Filter, chosen: pd.DataFrame) -> None:
    total = stats.totals(chosen)
    end = flt.end or catalog.latest_record
    st.subheader(f"Strikes from {md_escape(describe_selection(catalog, flt))}")
    helps = {
        "strikes": ("Strikes", "strikes (engagements) as SOUTHCOM numbers them; one boat or several each"),
        "vessels": ("Vessels", "boats struck"),
        "killed": ("Killed", "killed in the strikes themselves"),
        "presumed_dead": ("Presumed dead", "survivors never found and presumed dead"),
        "rescued": ("Rescued", "survivors recovered alive"),
        "fate_unknown": ("Fate unknown", "survivors neither reported rescued nor presumed dead"),
        "deaths": ("Deaths", "killed + presumed dead, the figure most trackers publish"),
    }
    cols = st.columns(len(helps))
    for col, (key, (label, words)) in zip(cols, helps.items()):
        uncounted = total.get(f"{key}_uncounted", 0)
        shown = f"≥ {total[key]:,}" if uncounted else f"{total[key]:,}"
        note = f" At least: {uncounted:,} strike(s) in the selection have no reported figure." if uncounted else ""
        col.metric(label, shown, help=words + "." + note)
    floors = [f"{label.lower()} {stats.figure_text(total, key)}" for key, (label, _) in helps.items()
              if total.get(f"{key}_uncounted")]  # fmt: skip
    if floors:
        st.caption("Figures marked ≥ are floors, because sources state no figure for some strikes: "
                   + "; ".join(floors) + ".")  # fmt: skip
    notes = [f"{total['records']:,} announcements in the selection (data release {catalog.release.version})"]
    if total["presumed_dead"]:
        notes.append(f"presumed dead: {stats.presumed_dead_basis_text(total)}")
    st.caption("; ".join(notes) + ".")
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
        on_change=lambda: st.session_state.update(selected=st.session_state["_pick_id"].strip().upper()),
    )
    if selected.startswith("zone:"):
        zone_list(catalog, selected.removeprefix("zone:"), selection)
        return
    found = details.find(catalog, selected) if selected else None
    if not found:
        st.caption(f"No record with id '{md_escape(selected)}'." if selected else "Nothing selected.")
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
        grade = details.as_text(record.get("reporting_grade"))
        if grade:
            st.markdown(f"**Reporting grade:** {md_escape(REPORTING_GRADES[grade])}")
        st.markdown("**Cite this record**")
        link = page_link({"id": record["id"]})
        st.code(release.cite_record(catalog.release, record["id"], title, link), language=None, wrap_lines=True)
    if st.button("Clear selection"):
        st.session_state["selected"] = ""
        st.rerun()


def zone_list(catalog: Catalog, zone_id: str, selection: dict) -> None:
    st.markdown(f"#### {md_escape(catalog.zones.name(zone_id))}: records with no reported position")
    for layer, frame in selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if not inside.empty:
            st.markdown(f"**{ROW_NAMES[layer]}** ({len(inside):,}): type an id above to open one")
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
    tabs = st.tabs([f"{ROW_NAMES[layer]} ({len(frame):,})" for layer, frame in selection.items()])
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
        f" The whole release, for your own graphics: [GeoJSON, CSV, GeoParquet, checksums]({FEED_URL})."
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
    selection = f"{describe_selection(catalog, flt)}, layers: {', '.join(LAYER_NAMES[x] for x in flt.layers) or 'none'}"
    st.markdown("**Cite this view**")
    st.code(release.cite_view(catalog.release, selection, page_link(to_params(flt))), language=None, wrap_lines=True)
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
**Counting.** A *strike* is one engagement as SOUTHCOM numbers them; a row of the data is one
announcement, which may cover several strikes and boats on one day. *Killed* are people killed in a
strike as announced (corrected where the Coast Guard later recovered bodies). *Presumed dead* are
survivors never found; each says why (a reported suspended search, an official count, or inferred).
*Rescued* are survivors recovered alive; survivors of neither kind have an unreported fate and are
counted apart. *Deaths* = killed + presumed dead. A figure no source states is left unknown, never
zero, and every total that includes such a strike is shown as a floor (≥) with how many strikes it
leaves uncounted.

**Why published totals differ.** Trackers and officials differ mainly in whether they count the
presumed dead, and in when they add survivors whose search is still under way. Each published
total in the data says what it counts, and the difference from our own count is explained. Strikes
that published totals imply but no report describes are listed in the data's README; they are
never invented from the totals.

**Reporting grade.** Each record is graded by the kinds of sources it cites: an official statement
and independent reporting; official only; independent only; or only aggregators and rewrite sites.

**Locations.** No source gives coordinates for any strike. Precision 1 = coordinates reported;
2 = near a named place (the reported search areas and the distance from Isla Beata); 3 = only a sea
area or region is known. Precision-3 records are never drawn as dots: they count towards their
shaded sea area, and a strike whose region no source states is counted but not drawn. Every mark's
circle shows its uncertainty in km. Coordinates of airfields and ports come from general
geographic knowledge.

**Coverage.** Strikes from 2 Sep 2025 to {catalog.strikes["date"].max():%d %b %Y}, data release
{catalog.release.version} (see the CHANGELOG in the data folder). Stored public reporting thins out
after June 2026; ships and aircraft behind the eastern Pacific strikes are unnamed in reporting;
many deployments have no reported end.
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
    write_url(flt)
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
