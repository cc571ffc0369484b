"""The selected record's summary beside (or, on a phone, directly under) the
map, where the click lands: what it is, its key facts, how well it is
reported, what else is at the same place, and a link to its page."""

from __future__ import annotations

import streamlit as st

from app.context import ROW_NAMES, View
from app.state import view_params
from geo import details, mapview
from geo.catalog import PLACED_ZONE
from geo.grading import REPORTING_GRADES
from geo.textsafe import md_escape, md_link


def record_link(view: View, record_id: str, label: str) -> None:
    st.page_link(view.pages["record"], label=label, query_params=view_params(view.flt, id=record_id),
                 icon=":material/description:")  # fmt: skip


def summary(view: View, selected: str, also: dict | None = None) -> None:
    """`also`: the records sharing each point, as the map computed them."""
    if not selected:
        st.caption("Click a mark or a shaded sea area to see what it is here; every record has its own page.")
        return
    if selected.startswith("zone:"):
        zone_summary(view, selected.removeprefix("zone:"))
        return
    found = details.find(view.catalog, selected)
    if found is None:
        st.caption("Nothing selected.")
        return
    layer, record = found
    title = details.title_of(record)
    st.markdown(f"**{md_escape(record['id'])}: {md_escape(title)}**")
    if layer == "strikes":
        st.markdown(
            md_escape(
                f"{record['date']:%d %b %Y}; {mapview.count(record['killed'])} killed, "
                f"{mapview.count(record['presumed_dead'])} presumed dead, {mapview.count(record['rescued'])} rescued; "
                f"{details.as_text(record.get('region')) or 'region not reported'}"
            )
        )
    where = details.as_text(record.get("location_basis"))
    if where:
        st.caption(f"Where: {md_escape(where)}")
    grade = details.as_text(record.get("reporting_grade"))
    if grade:
        st.caption(f"Reporting: {md_escape(REPORTING_GRADES[grade])}")
    sources = details.sources_of(view.catalog, record["sources"])
    if not sources.empty:
        first = sources.iloc[0]
        more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
        st.caption(f"Source: {md_link(first['title'], first['url'])}{more}")
    record_link(view, record["id"], "Open its page: every field, sources, citation")
    others = (also if also is not None else details.same_place(view.selection)).get(record["id"], [])
    if others:
        st.markdown("**Also at this place**")
        for other_id, other_title in others:
            record_link(view, other_id, f"{other_id}: {other_title}")
    if not any((frame["id"] == record["id"]).any() for frame in view.selection.values()):
        st.caption("This record lies outside the current filter; it is shown because the link names it.")


def zone_summary(view: View, zone_id: str) -> None:
    st.markdown(f"**{md_escape(view.catalog.zones.name(zone_id))}: records with no reported position**")
    for layer, frame in view.selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if inside.empty:
            continue
        st.caption(f"{ROW_NAMES[layer]} ({len(inside):,})")
        for record in inside.head(30).to_dict("records"):
            record_link(view, record["id"], f"{record['id']}: {details.title_of(record)}")
        if len(inside) > 30:
            st.caption(f"and {len(inside) - 30:,} more: see the Records page.")
