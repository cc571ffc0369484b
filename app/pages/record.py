"""Record page: one citable page per record (?id=S011) or sea zone
(?id=zone:off_venezuela): every field with a plain label, the sources, the
status history of a site, where it is and why that precisely, a locator map,
the reporting grade, the release, a citation and the link to copy."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, state
from app.summary import record_link
from geo import charts, details, mapview, release
from geo.catalog import NOT_PLACED, PLACED_ZONE
from geo.codebook import label
from geo.grading import REPORTING_GRADES
from geo.query import normal_id, sites_as_of
from geo.schema import GEO_PRECISION, PRESUMED_DEAD_BASIS
from geo.textsafe import md_escape
from geo.viewport import View

HIDDEN = {*details.HIDDEN, "sources", "status_sources"}


def wanted_id(view: context.View) -> str:
    raw = st.query_params.get("id") or st.session_state.get("selected") or ""
    return normal_id(raw, view.catalog.zones)


def open_box(view: context.View, current: str) -> str:
    """An id box: type S011, D021, B025, E039 or zone:off_venezuela."""
    typed = st.text_input("Open a record by id", value=current, key="record-id",
                          placeholder="e.g. S011, D021, B025, E039, zone:off_venezuela")  # fmt: skip
    return normal_id(typed, view.catalog.zones) if typed else ""


def locator(view: context.View, layer: str, record: dict) -> None:
    """A small map centred on the record: its point and circle, or its zone."""
    one = view.catalog.layer(layer) if layer != "sites" else view.selection.get("sites", view.catalog.sites)
    one = one[one["id"] == record["id"]]
    if one.empty or record.get("placed_at") == NOT_PLACED:
        st.caption("No map: no source states where this happened.")
        return
    lon, lat = float(record["lon"]), float(record["lat"])
    zoom = 4.2 if record.get("placed_at") == PLACED_ZONE else 5.5
    spec = mapview.build_deck({layer: one}, view.catalog.zones, context.LAND_URL, {"lon": lon, "lat": lat},
                              view=View(lon, lat, zoom, 420, 300), place_names=view.catalog.place_names)  # fmt: skip
    st.pydeck_chart(spec.deck, height=300, key="locator")


def location_words(record: dict) -> str:
    placed = details.as_text(record.get("placed_at"))
    if placed == NOT_PLACED:
        return "No source states the region: the record is counted in the figures but not drawn."
    precision = int(record["geo_precision"])
    words = f"Precision {precision}: {GEO_PRECISION[precision]}"
    if placed == PLACED_ZONE:
        words += f"; drawn as its sea zone ({details.as_text(record.get('zone_name'))}), never as a point"
    if pd.notna(record.get("uncertainty_km")):
        words += f"; within about {float(record['uncertainty_km']):,.0f} km"
    return words + "."


def fields_table(record: dict) -> pd.DataFrame:
    rows = []
    for name, value in record.items():
        if name in HIDDEN:
            continue
        text = details.as_text(value)
        if name == "reporting_grade" and text:
            text = f"{text}: {REPORTING_GRADES[text]}"
        elif name == "presumed_dead_basis" and text:
            text = f"{text}: {PRESUMED_DEAD_BASIS[text]}"
        elif name in ("killed", "vessels", "survivors", "rescued", "presumed_dead") and not text:
            text = "unknown (no source states it)"
        rows.append((label(name), text))
    return pd.DataFrame(rows, columns=["field", "value"])


def record_page(view: context.View, layer: str, record: dict) -> None:
    catalog = view.catalog
    title = details.title_of(record)
    st.title(f"{record['id']}: {title}")
    grade = details.as_text(record.get("reporting_grade"))
    st.caption(
        f"{context.ROW_NAMES[layer][:-1] if layer != 'strikes' else 'Strike announcement'} · "
        f"reporting: {REPORTING_GRADES.get(grade, 'not graded')} · data release {catalog.release.version}"
    )
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Every field")
        st.dataframe(fields_table(record), hide_index=True, width="stretch",
                     column_config={"field": st.column_config.TextColumn(width="small"),
                                    "value": st.column_config.TextColumn(width="large")})  # fmt: skip
        st.subheader("Sources")
        sources = details.sources_of(catalog, record["sources"])
        st.dataframe(sources, hide_index=True, width="stretch",
                     column_config={"url": st.column_config.LinkColumn("link", display_text="open")})  # fmt: skip
        if layer == "sites":
            site_status_line(view, record["id"])
            st.subheader("Status history")
            st.dataframe(details.site_history(catalog, record["id"]), hide_index=True, width="stretch")
        if layer == "deployments":
            strip(view, record)
    with right:
        st.subheader("Where")
        st.markdown(md_escape(location_words(record)))
        basis = details.as_text(record.get("location_basis"))
        if basis:
            st.caption(f"As the sources say: {md_escape(basis)}")
        locator(view, layer, record)
        cite(view, record["id"], title)


def site_status_line(view: context.View, site_id: str) -> None:
    """The site's status at the end of the chosen range, in words."""
    end = view.flt.end or view.catalog.latest_record
    sites = sites_as_of(view.catalog.sites, view.catalog.site_status, end)
    row = sites[sites["id"] == site_id]
    if row.empty:
        st.markdown(md_escape(f"No status is recorded for this site by {end:%d %b %Y}."))
        return
    status, since = row.iloc[0]["status"], row.iloc[0]["status_date"]
    st.markdown(f"**Status on {end:%d %b %Y}:** {md_escape(status.replace('_', ' '))} (since {md_escape(since)})")


def strip(view: context.View, record: dict) -> None:
    """Every presence period of the same asset, as one timeline strip."""
    deployments = view.catalog.deployments
    same = deployments[deployments["asset"] == record["asset"]].sort_values("first_date")
    st.subheader(f"All {len(same)} periods of {record['asset']}")
    chart = charts.deployment_strip(same[["id", "first_date", "last_date", "region", "end_basis"]],
                                    pd.Timestamp(view.catalog.latest_record))  # fmt: skip
    st.altair_chart(chart, width="stretch")
    for other in same.to_dict("records"):
        if other["id"] != record["id"]:
            record_link(
                view, other["id"], f"{other['id']}: {other['start']} to {details.as_text(other['end']) or 'open'}"
            )


def cite(view: context.View, record_id: str, title: str) -> None:
    link = state.page_link({"id": record_id}, "record")
    st.subheader("Cite this record")
    st.code(release.cite_record(view.catalog.release, record_id, title, link), language=None, wrap_lines=True)
    st.caption("The link to this record (the copy button is at its right):")
    st.code(link, language=None)


def zone_page(view: context.View, zone_id: str) -> None:
    zones = view.catalog.zones
    st.title(f"{zones.name(zone_id)}")
    lon, lat = zones.reference_point(zone_id)
    st.caption(f"Reference zone in {zones.region_name(zone_id) if zone_id in zones.regions.index else ''}"
               f" · reference point {lon:g}, {lat:g} · reach about {zones.radius_km(zone_id):,.0f} km · "
               f"data release {view.catalog.release.version}")  # fmt: skip
    st.markdown("Records known only to lie in this zone, in the current filter. They are drawn as the zone, "
                "never as points, and count towards its totals.")  # fmt: skip
    any_shown = False
    for layer, frame in view.selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if inside.empty:
            continue
        any_shown = True
        st.subheader(f"{context.ROW_NAMES[layer]} ({len(inside):,})")
        for record in inside.to_dict("records"):
            record_link(view, record["id"], f"{record['id']}: {details.title_of(record)}")
    if not any_shown:
        st.caption("None in the current filter.")
    cite(view, f"zone:{zone_id}", zones.name(zone_id))


def page() -> None:
    view = context.current()
    chosen = open_box(view, wanted_id(view))
    if chosen and chosen != wanted_id(view):
        st.session_state["selected"] = chosen
    record_id = chosen
    if record_id.startswith("zone:") and record_id[5:] in view.catalog.zones.ids:
        state.write_url(view.flt, id=record_id)
        zone_page(view, record_id[5:])
        return
    found = details.find(view.catalog, record_id) if record_id else None
    state.write_url(view.flt, id=record_id if found else "")
    if found is None:
        st.title("Record")
        if record_id:
            st.warning("No record or zone has that id.")
            st.text(record_id[:80])
        st.caption("Each record has a page: open one from the map, the Records page, or by its id above.")
        return
    st.session_state["selected"] = record_id
    record_page(view, *found)


page()
