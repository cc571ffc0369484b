"""Map page: the filter's figures, the comparison with published totals, the
map with the selected record's summary in view, the timeline, downloads.

A click on the map reruns only the map's fragment: the summary follows the
click without redrawing the figures, the timeline or the downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, lang, playback, state
from app.downloads import downloads
from app.figures import comparison, figures
from app.legend import legend
from app.publication import publication_downloads
from app.summary import summary
from geo import charts, details, mapview, stats
from geo.viewport import DESKTOP_HEIGHT, PHONE_HEIGHT, view_for


def timeline(view: context.View, phone: bool) -> None:
    t = lang.current()
    st.subheader(t.gettext("Timeline"))
    if view.chosen.empty:
        st.caption(t.gettext("No strikes in this selection."))
        return
    flt, events = view.flt, view.catalog.events
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
    chart = charts.timeline(stats.weekly(view.chosen), stats.cumulative(view.chosen), marks, labels=not phone, t=t)
    st.altair_chart(chart, width="content" if phone else "stretch")  # stretch would undo the phone's fixed width
    # the Spanish says the events' titles are in English (the project's own words)
    st.caption(t.gettext("Bars: deaths per week by region. Line: cumulative deaths in the selection. Dashed lines: "
                         "key events."))  # fmt: skip


def map_area(phone: bool) -> None:
    """The map and the summary of what is selected: a click reruns only this,
    and so does each step of a playback (app.playback)."""
    view = context.current()
    t = lang.current()
    frame = playback.tick(view)
    if frame is not None:
        playback.status(frame)
    state.take_map_pick()
    selected = st.session_state.get("selected") or ""
    if selected and not state.selectable(view.catalog, selected):
        selected = ""
    state.write_url(view.flt, id=selected)
    found = details.find(view.catalog, selected) if selected and not selected.startswith("zone:") else None
    mark = None
    if found and pd.notna(found[1].get("lon")):
        mark = {"lon": float(found[1]["lon"]), "lat": float(found[1]["lat"])}
    first_view = view_for("Mobile" if phone else None)
    shown = view.selection if frame is None else frame.selection
    spec = mapview.build_deck(shown, view.catalog.zones, context.LAND_URL, mark, context.basemap_option(),
                              first_view, view.catalog.place_names, touch=phone, t=t)  # fmt: skip
    height = PHONE_HEIGHT if phone else DESKTOP_HEIGHT
    if phone:
        st.pydeck_chart(spec.deck, height=height, on_select="rerun", selection_mode="single-object", key="map")
        with st.container(border=True, key="selected-summary"):
            summary(view, selected, spec.also)
        legend(height=300, expanded=False)
    else:
        left, right = st.columns([3, 1])
        with left:
            st.pydeck_chart(spec.deck, height=height, on_select="rerun", selection_mode="single-object", key="map")
        with right:
            with st.container(border=True, key="selected-summary"):
                summary(view, selected, spec.also)
            legend(height=340, expanded=True)
    for notice in spec.notices:
        st.info(notice, icon=":material/info:")
    action = t.gettext("Tap a mark to see what it is, tap it again to show it under the map") if phone else (
        t.gettext("Hover a mark for what it is; click it to see it here and open its page"))  # fmt: skip
    st.caption(t.gettext("Offline basemap: Natural Earth 1:10m. {action}. Shaded sea areas hold strikes whose "
                         "position was never reported.").format(action=action))  # fmt: skip


def page() -> None:
    view = context.current()
    phone = context.phone()
    title = lang.current().gettext("US strikes and forces in the Caribbean and eastern Pacific")
    if phone:
        st.subheader(title, anchor=False)
    else:
        st.header(title, anchor=False)
    # three figures a line on a phone; two in Spanish, whose labels are longer (Embarcaciones, Presuntos muertos)
    narrow = 96 if lang.current().lang == "en" else 150
    figures(view.catalog, view.flt, view.chosen, compact=narrow if phone else "stretch")
    every = playback.controls(view, phone)
    with context.timed("map"):
        st.fragment(map_area, run_every=every)(phone)
    comparison(view.catalog, view.flt)
    with context.timed("timeline"):
        timeline(view, phone)
    with context.timed("downloads"):
        downloads(view.catalog, view.flt, phone)
        publication_downloads(view.catalog, view.flt, phone)


page()
