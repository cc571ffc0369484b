"""The filter: the sidebar's widgets, the address bar, and the link warnings.

The address bar always holds the view (filter plus what the page shows), so
any address the app writes reopens the same view; widgets start from it on
a session's first run. What a link carries is hostile: refused values are
said once, briefly, in plain text only, and go once the reader moves on.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from app import lang
from geo import details, periods
from geo.catalog import Catalog
from geo.grading import REPORTING_GRADES
from geo.i18n import N_
from geo.query import Filter, echo, from_params, normal_id, to_params
from geo.schema import LAYERS
from geo.vocabulary import zone_name

CUSTOM = N_("Custom range")
WIDGET_KEYS = ("dates", "places", "layers", "quick", "grades")
LINK_WARNINGS_SHOWN = 5


def data_span(catalog: Catalog) -> tuple[date, date]:
    return catalog.first_record, catalog.latest_record


def init_state(catalog: Catalog) -> None:
    """The widgets start from the URL's filter: on a session's first run, and
    again after a run that did not draw them (Streamlit then forgets their
    state; the URL, left alone meanwhile, still holds the filter)."""
    if all(key in st.session_state for key in WIDGET_KEYS):
        return
    t = lang.current()
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = from_params(params, catalog.zones, t)
    warnings = list(parsed.warnings)
    first, latest = data_span(catalog)
    start, end = parsed.filter.start or first, parsed.filter.end or latest
    if not first <= start <= end <= latest:
        warnings.append(t.gettext("the data runs from {first} to {latest}; the date range was narrowed to it").format(
            first=first, latest=latest))  # fmt: skip
        start, end = max(start, first), min(end, latest)
        if start > end:
            start, end = first, latest
    asked = (params.get("id") or [""])[-1]
    record_id = normal_id(asked, catalog.zones)
    if record_id and not selectable(catalog, record_id):
        warnings.append(t.gettext("no record or zone with id {id}").format(id=echo(asked.strip())))
        record_id = ""
    st.session_state.update(
        dates=(start, end),
        places=list(parsed.filter.places),
        layers=list(parsed.filter.layers),
        grades=list(parsed.filter.grades),
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
    """The filter widgets, on every page."""
    t = lang.current()
    _ = t.gettext
    first, latest = data_span(catalog)
    ranges = periods.quick_ranges(first, latest)
    with st.sidebar:
        lang.switch()
        st.header(_("Filter"))
        st.selectbox(_("Time range"), [*ranges, CUSTOM], key="quick", on_change=on_quick_choice, args=(catalog,),
                     format_func=lambda label: periods.shown(label, t))  # fmt: skip
        st.date_input(
            _("From and to (inclusive)"),
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
            _("Regions, or finer reference zones"),
            [*regions, *finer],
            key="places",
            format_func=lambda z: zone_name(zones, z, t) if z in regions
            else _("{name} (zone)").format(name=zone_name(zones, z, t)),
            placeholder=_("All regions"),
            help=_("A zone holds only records known to lie in it; records known only by their region "
                   "are counted under the region."),
        )  # fmt: skip
        st.pills(_("Layers"), list(LAYERS), selection_mode="multi", key="layers",
                 format_func=lambda layer: t.word("layer", layer))  # fmt: skip
        st.multiselect(
            _("Reporting grade"),
            list(REPORTING_GRADES),
            key="grades",
            format_func=lambda g: t.word("grade_name", g),
            placeholder=_("Every grade"),
            help=_("How well each record is reported, from the kinds of sources it cites: ")
            + "; ".join(f"{t.word('grade_name', k)}: {_(v)}" for k, v in REPORTING_GRADES.items()),
        )
        st.caption(_("The link in your address bar keeps these choices: copy it to share this view."))
    start, end = current_range(catalog)
    layers = tuple(layer for layer in LAYERS if layer in (st.session_state.get("layers") or []))
    grades = tuple(g for g in REPORTING_GRADES if g in (st.session_state.get("grades") or []))
    return Filter(start, end, tuple(st.session_state.get("places") or ()), layers, grades)


def view_params(flt: Filter, **extra) -> dict:
    """The query parameters of a view: the filter, the page's own, then the
    reader's language (lang=es), so a link opens in the language it was copied in."""
    params = dict(to_params(flt))
    params.update({key: value for key, value in extra.items() if value})
    params.update(lang.link_params())
    return params


def page_link(params: dict, path: str = "") -> str:
    """The full address that reopens a view: the app's URL (as the browser
    reports it), the page's path and the query parameters."""
    return link_from(st.context.url or "http://localhost:8501/", params, path)


def link_from(url: str, params: dict, path: str = "") -> str:
    """The address of `path` in the app at `url` (the page's own address, whatever
    page and parameters it has), with `params`. The app's root is the folder of
    the page's path: http://host:port (no slash) and http://host:port/record both
    give http://host:port/."""
    parts = urlsplit(url)
    folder = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    base = urlunsplit((parts.scheme, parts.netloc, folder, "", ""))
    return base + path + ("?" + urlencode(params, doseq=True) if params else "")


def write_url(flt: Filter, **extra) -> None:
    """The view in the address bar, in a form that reopens it."""
    st.query_params.from_dict(view_params(flt, **extra))


def forget_stale_link_warnings(flt: Filter) -> None:
    """Link warnings speak of the view the link opened; once the reader changes
    the filter or the selection, they go."""
    view = (flt, st.session_state.get("selected") or "")
    if st.session_state.setdefault("_link_view", view) != view:
        st.session_state["_warnings"] = []


def link_warnings() -> None:
    """One warning for the whole link, whatever it holds: our own words in the
    warning (Markdown), what the link carried only in plain text (st.text
    renders no Markdown, HTML, links or images), at most a few lines."""
    warnings = st.session_state.get("_warnings") or []
    if not warnings:
        return
    t = lang.current()
    st.warning(t.gettext("Some parameters of this link could not be used and were ignored:"),
               icon=":material/link_off:")  # fmt: skip
    lines = [f"- {warning}" for warning in warnings[:LINK_WARNINGS_SHOWN]]
    if len(warnings) > LINK_WARNINGS_SHOWN:
        lines.append("- " + t.gettext("and {count} more").format(count=t.number(len(warnings) - LINK_WARNINGS_SHOWN)))
    st.text("\n".join(lines))


def take_map_pick() -> None:
    """A click on the map selects what was clicked (read before drawing, so the
    highlight and the summary follow the click in the same run)."""
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
