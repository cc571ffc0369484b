"""Record page: one citable page per record (?id=S011) or sea zone
(?id=zone:off_venezuela): every field with a plain label, the sources, the
status history of a site, where it is and why that precisely, a locator map,
the reporting grade, the release, a citation and the link to copy."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, lang, state
from app.summary import record_link
from geo import charts, details, mapview, release
from geo.catalog import NOT_PLACED, PLACED_ZONE
from geo.codebook import label
from geo.grading import REPORTING_GRADES
from geo.i18n import N_
from geo.query import normal_id, sites_as_of
from geo.schema import GEO_PRECISION, PRESUMED_DEAD_BASIS
from geo.textsafe import md_escape
from geo.viewport import View
from geo.vocabulary import CODED_COLUMNS, zone_name

HIDDEN = {*details.HIDDEN, "sources", "status_sources"}
# free text the project wrote (in English): marked so in another language
WRITTEN = {"notes", "location_basis", "end_basis", "status_note", "vessel_type", "alleged_group", "announced_by",
           "title", "country", "zone_name"}  # fmt: skip
COUNTED = ("killed", "vessels", "survivors", "rescued", "presumed_dead")
# the tables' column headers (English keeps the data's own column names)
HEADERS = {"field": N_("field"), "value": N_("value"), "publisher": N_("publisher"), "published": N_("published"),
           "title": N_("title"), "kind": N_("kind"), "date": N_("date"), "status": N_("status"), "note": N_("note"),
           "sources": N_("sources")}  # fmt: skip


def headers(t, *names: str) -> dict:
    return {} if t.lang == "en" else {name: t.gettext(HEADERS[name]) for name in names}


def wanted_id(view: context.View) -> str:
    raw = st.query_params.get("id") or st.session_state.get("selected") or ""
    return normal_id(raw, view.catalog.zones)


def open_box(view: context.View, current: str) -> str:
    """An id box: type S011, D021, B025, E039 or zone:off_venezuela."""
    _ = lang.current().gettext
    typed = st.text_input(_("Open a record by id"), value=current, key="record-id",
                          placeholder=_("e.g. S011, D021, B025, E039, zone:off_venezuela"))  # fmt: skip
    return normal_id(typed, view.catalog.zones) if typed else ""


def locator(view: context.View, layer: str, record: dict) -> None:
    """A small map centred on the record: its point and circle, or its zone."""
    one = view.catalog.layer(layer) if layer != "sites" else view.selection.get("sites", view.catalog.sites)
    one = one[one["id"] == record["id"]]
    if one.empty or record.get("placed_at") == NOT_PLACED:
        st.caption(lang.current().gettext("No map: no source states where this happened."))
        return
    lon, lat = float(record["lon"]), float(record["lat"])
    zoom = 4.2 if record.get("placed_at") == PLACED_ZONE else 5.5
    spec = mapview.build_deck({layer: one}, view.catalog.zones, context.LAND_URL, {"lon": lon, "lat": lat},
                              view=View(lon, lat, zoom, 420, 300), place_names=view.catalog.place_names,
                              t=lang.current())  # fmt: skip
    st.pydeck_chart(spec.deck, height=300, key="locator")


def location_words(record: dict, t=None) -> str:
    t = t or lang.current()
    _ = t.gettext
    placed = details.as_text(record.get("placed_at"))
    if placed == NOT_PLACED:
        return _("No source states the region: the record is counted in the figures but not drawn.")
    precision = int(record["geo_precision"])
    words = _("Precision {precision}: {words}").format(precision=precision, words=_(GEO_PRECISION[precision]))
    if placed == PLACED_ZONE:
        zone = details.as_text(record.get("zone"))
        name = zone_name(view_zones(), zone, t) if zone else details.as_text(record.get("zone_name"))
        words += _("; drawn as its sea zone ({zone}), never as a point").format(zone=name)
    if pd.notna(record.get("uncertainty_km")):
        words += _("; within about {km} km").format(km=t.number(round(float(record["uncertainty_km"]))))
    return words + "."


def view_zones():
    return context.current().catalog.zones


def value_text(layer: str, name: str, text: str, t) -> str:
    """A field's value as the reader reads it: coded values in words of their
    language (English keeps the codes, as the data has them), free text as written."""
    if not text:
        return t.gettext("unknown (no source states it)") if name in COUNTED else ""
    if name == "reporting_grade":
        return f"{text}: {t.gettext(REPORTING_GRADES[text])}"
    if name == "presumed_dead_basis":
        return f"{text}: {t.gettext(PRESUMED_DEAD_BASIS[text])}"
    if t.lang == "en":
        return text
    if name == "kind":
        return t.word("site_kind" if layer == "sites" else "event_kind", text)
    if name == "geo_precision":
        return f"{text}: {t.word('geo_precision', int(text))}"
    if name in CODED_COLUMNS:
        return t.word(CODED_COLUMNS[name], text)
    if name == "country" and t.country(text) != text:  # a country CLDR names in the reader's language
        return t.country(text)
    if name in WRITTEN:
        return t.as_written(text)
    return text


def fields_table(record: dict, layer: str = "", t=None) -> pd.DataFrame:
    t = t or lang.current()
    rows = []
    for name, value in record.items():
        if name in HIDDEN:
            continue
        rows.append((label(name, t), value_text(layer, name, details.as_text(value), t)))
    return pd.DataFrame(rows, columns=["field", "value"])


def record_page(view: context.View, layer: str, record: dict) -> None:
    catalog = view.catalog
    t = lang.current()
    _ = t.gettext
    title = details.title_of(record, t)
    st.title(f"{record['id']}: {title}")
    grade = details.as_text(record.get("reporting_grade"))
    st.caption(
        _("{kind} · reporting: {grade} · data release {release}").format(
            kind=t.word("row", layer), release=catalog.release.version,
            grade=_(REPORTING_GRADES[grade]) if grade in REPORTING_GRADES else _("not graded"))
    )  # fmt: skip
    english = t.lang == "en"
    left, right = st.columns([3, 2])
    with left:
        st.subheader(_("Every field"))
        names = headers(t, "field", "value")
        columns = {"field": st.column_config.TextColumn(names.get("field"), width="small"),
                   "value": st.column_config.TextColumn(names.get("value"), width="large")}  # fmt: skip
        st.dataframe(fields_table(record, layer, t), hide_index=True, width="stretch", column_config=columns)
        if not english:
            st.caption(_("Notes, places and titles are in English, as the project wrote them; coded values are "
                         "translated."))  # fmt: skip
        st.subheader(_("Sources"))
        sources = details.sources_of(catalog, record["sources"])
        if not english:
            sources = sources.assign(kind=[t.word("source_kind", k) for k in sources["kind"]])
        link = st.column_config.LinkColumn(_("link"), display_text=_("open"))
        st.dataframe(sources, hide_index=True, width="stretch",
                     column_config={**headers(t, "publisher", "published", "title", "kind"), "url": link})  # fmt: skip
        if layer == "sites":
            site_status_line(view, record["id"])
            st.subheader(_("Status history"))
            history = details.site_history(catalog, record["id"])
            if not english:
                history = history.assign(status=[t.word("status", s) for s in history["status"]])
            st.dataframe(history, hide_index=True, width="stretch",
                         column_config=headers(t, "date", "status", "note", "sources"))  # fmt: skip
        if layer == "deployments":
            strip(view, record)
    with right:
        st.subheader(_("Where"))
        st.markdown(md_escape(location_words(record, t)))
        basis = details.as_text(record.get("location_basis"))
        if basis:
            st.caption(_("As the sources say: {basis}").format(basis=md_escape(t.as_written(basis))))
        locator(view, layer, record)
        cite(view, record["id"], title)


def site_status_line(view: context.View, site_id: str) -> None:
    """The site's status at the end of the chosen range, in words."""
    t = lang.current()
    end = view.flt.end or view.catalog.latest_record
    sites = sites_as_of(view.catalog.sites, view.catalog.site_status, end)
    row = sites[sites["id"] == site_id]
    if row.empty:
        st.markdown(md_escape(t.gettext("No status is recorded for this site by {date}.").format(date=t.date(end))))
        return
    status, since = row.iloc[0]["status"], row.iloc[0]["status_date"]
    st.markdown(t.gettext("**Status on {date}:** {status} (since {since})").format(
        date=t.date(end), status=md_escape(t.word("status", status)), since=md_escape(since)))  # fmt: skip


def strip(view: context.View, record: dict) -> None:
    """Every presence period of the same asset, as one timeline strip."""
    deployments = view.catalog.deployments
    t = lang.current()
    _ = t.gettext
    same = deployments[deployments["asset"] == record["asset"]].sort_values("first_date")
    st.subheader(t.ngettext("The {count} period of {asset}", "All {count} periods of {asset}", len(same)).format(
        count=len(same), asset=record["asset"]))  # fmt: skip
    chart = charts.deployment_strip(same[["id", "first_date", "last_date", "region", "end_basis"]],
                                    pd.Timestamp(view.catalog.latest_record), t)  # fmt: skip
    st.altair_chart(chart, width="stretch")
    for other in same.to_dict("records"):
        if other["id"] != record["id"]:
            period = _("{start} to {end}").format(start=other["start"], end=details.as_text(other["end"]) or _("open"))
            record_link(view, other["id"], f"{other['id']}: {period}")


def cite(view: context.View, record_id: str, title: str) -> None:
    t = lang.current()
    link = state.page_link({"id": record_id, **lang.link_params()}, "record")
    st.subheader(t.gettext("Cite this record"))
    st.code(release.cite_record(view.catalog.release, record_id, title, link, t=t), language=None, wrap_lines=True)
    st.caption(t.gettext("The link to this record (the copy button is at its right):"))
    st.code(link, language=None)


def zone_page(view: context.View, zone_id: str) -> None:
    zones = view.catalog.zones
    t = lang.current()
    _ = t.gettext
    name = zone_name(zones, zone_id, t)
    st.title(name)
    lon, lat = zones.reference_point(zone_id)
    region = t.word("region", zones.region_name(zone_id)) if zone_id in zones.regions.index else ""
    st.caption(_("Reference zone in {region} · reference point {lon}, {lat} · reach about {km} km · data release "
                 "{release}").format(region=region, lon=f"{lon:g}", lat=f"{lat:g}",
                                     km=t.number(round(zones.radius_km(zone_id))),
                                     release=view.catalog.release.version))  # fmt: skip
    st.markdown(_("Records known only to lie in this zone, in the current filter. They are drawn as the zone, "
                  "never as points, and count towards its totals."))  # fmt: skip
    any_shown = False
    for layer, frame in view.selection.items():
        inside = frame[(frame["zone"] == zone_id) & (frame["placed_at"] == PLACED_ZONE)]
        if inside.empty:
            continue
        any_shown = True
        st.subheader(f"{t.word('rows', layer)} ({t.number(len(inside))})")
        for record in inside.to_dict("records"):
            record_link(view, record["id"], f"{record['id']}: {details.title_of(record, t)}")
    if not any_shown:
        st.caption(_("None in the current filter."))
    cite(view, f"zone:{zone_id}", name)


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
        _ = lang.current().gettext
        st.title(_("Record"))
        if record_id:
            st.warning(_("No record or zone has that id."))
            st.text(record_id[:80])
        st.caption(_("Each record has a page: open one from the map, the Records page, or by its id above."))
        return
    st.session_state["selected"] = record_id
    record_page(view, *found)


page()
