"""The selected record's summary beside (or, on a phone, directly under) the
map, where the click lands: what it is, its key facts, how well it is
reported, what else is at the same place, and a link to its page."""

from __future__ import annotations

import streamlit as st

from app import lang
from app.context import View
from app.state import view_params
from geo import details, mapview
from geo.catalog import PLACED_ZONE
from geo.grading import REPORTING_GRADES
from geo.textsafe import md_escape, md_link
from geo.vocabulary import zone_name


def record_link(view: View, record_id: str, label: str) -> None:
    st.page_link(view.pages["record"], label=label, query_params=view_params(view.flt, id=record_id),
                 icon=":material/description:")  # fmt: skip


def summary(view: View, selected: str, also: dict | None = None) -> None:
    """`also`: the records sharing each point, as the map computed them."""
    t = lang.current()
    _ = t.gettext
    if not selected:
        st.caption(_("Click a mark or a shaded sea area to see what it is here; every record has its own page."))
        return
    if selected.startswith("zone:"):
        zone_summary(view, selected.removeprefix("zone:"))
        return
    found = details.find(view.catalog, selected)
    if found is None:
        st.caption(_("Nothing selected."))
        return
    layer, record = found
    title = details.title_of(record, t)
    st.markdown(f"**{md_escape(record['id'])}: {md_escape(title)}**")
    if layer == "strikes":
        st.markdown(
            md_escape(
                _("{date}; {killed} killed, {presumed_dead} presumed dead, {rescued} rescued; {region}").format(
                    date=t.date(record["date"]),
                    killed=mapview.count(record["killed"], t),
                    presumed_dead=mapview.count(record["presumed_dead"], t),
                    rescued=mapview.count(record["rescued"], t),
                    region=t.word("region", details.as_text(record.get("region")))
                    if details.as_text(record.get("region"))
                    else _("region not reported"),
                )
            )
        )
    where = details.as_text(record.get("location_basis"))
    if where:
        st.caption(_("Where: {where}").format(where=md_escape(t.as_written(where))))
    grade = details.as_text(record.get("reporting_grade"))
    if grade:
        st.caption(_("Reporting: {grade}").format(grade=md_escape(_(REPORTING_GRADES[grade]))))
    sources = details.sources_of(view.catalog, record["sources"])
    if not sources.empty:
        first = sources.iloc[0]
        link = md_link(first["title"], first["url"])
        if len(sources) > 1:
            st.caption(_("Source: {link} and {more} more").format(link=link, more=t.number(len(sources) - 1)))
        else:
            st.caption(_("Source: {link}").format(link=link))
    record_link(view, record["id"], _("Open its page: every field, sources, citation"))
    others = (also if also is not None else details.same_place(view.selection)).get(record["id"], [])
    if others:
        st.markdown("**" + _("Also at this place") + "**")
        for other_id, other_title in others:
            record_link(view, other_id, f"{other_id}: {other_title}")
    if not any((frame["id"] == record["id"]).any() for frame in view.selection.values()):
        st.caption(_("This record lies outside the current filter; it is shown because the link names it."))


def zone_summary(view: View, zone_id: str) -> None:
    t = lang.current()
    name = md_escape(zone_name(view.catalog.zones, zone_id, t))
    st.markdown(t.gettext("**{zone}: records with no reported position**").format(zone=name))
    for layer, frame in view.selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if inside.empty:
            continue
        st.caption(f"{t.word('rows', layer)} ({t.number(len(inside))})")
        for record in inside.head(30).to_dict("records"):
            record_link(view, record["id"], f"{record['id']}: {details.title_of(record, t)}")
        if len(inside) > 30:
            st.caption(t.gettext("and {count} more: see the Records page.").format(count=t.number(len(inside) - 30)))
