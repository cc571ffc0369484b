"""Records page: every record of every layer in one searchable table, with
the filter's dates, regions and grades and the page's own search and
filters; each row opens its record page; the view is in the address bar."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, lang, state
from geo.grading import REPORTING_GRADES
from geo.i18n import N_
from geo.search import choices, matching, records_table

ROWS = 1_000
TOP = 12  # matches listed as links above the table (a table is hard to tap on a phone)
LOCAL = {  # URL parameter: (column, label)
    "layer": ("layer", N_("Layer")),
    "vessel": ("vessel_type", N_("Vessel type")),
    "group": ("alleged_group", N_("Alleged group")),
    "by": ("announced_by", N_("Announced by")),
}
# the table's headers in another language (English keeps the data's column names)
HEADERS = {"id": N_("id"), "layer": N_("layer"), "date": N_("date"), "title": N_("title"), "region": N_("region"),
           "zone": N_("zone"), "killed": N_("killed"), "vessel_type": N_("vessel type"),
           "alleged_group": N_("alleged group"), "announced_by": N_("announced by"),
           "reporting_grade": N_("reporting grade")}  # fmt: skip


def start_from_url() -> None:
    """The page's own choices start from the address bar on first view."""
    if "records-q" not in st.session_state:
        st.session_state["records-q"] = (st.query_params.get("q") or "")[:200]
    for key in LOCAL:
        if f"records-{key}" not in st.session_state:
            st.session_state[f"records-{key}"] = [v for v in st.query_params.get_all(key) if v][:50]


def page() -> None:
    view = context.current()
    t = lang.current()
    _ = t.gettext
    english = t.lang == "en"
    st.title(_("Records"))
    st.caption(_("Every record in the filter (sidebar: dates, regions, layers, reporting grade). Search and narrow "
                 "further here; a row's link opens its page. The address bar keeps this view."))  # fmt: skip
    if not english:
        st.caption(_("Titles, places, boats and groups are in English, as the project and its sources wrote them: "
                     "search them in English (Galapagos, semi-submersible); dates, regions and kinds also in the "
                     "page's language (27 oct 2025, Pacífico oriental, portaaviones)."))  # fmt: skip
    start_from_url()
    table = records_table(view.selection, view.catalog.sources, t)
    query = st.text_input(_("Search ids, places, assets, groups, notes and source titles"), key="records-q",
                          placeholder=_("e.g. Galapagos, Ford, Tren de Aragua, semi-submersible, S011"))  # fmt: skip
    columns = st.columns(2 if context.phone() else 4)
    picked = {}
    for col, (key, (column, words)) in zip(columns * 2, LOCAL.items()):
        options = choices(table, column)
        st.session_state[f"records-{key}"] = [v for v in st.session_state[f"records-{key}"] if v in options]
        words_of = (lambda v: t.word("layer", v)) if key == "layer" else str
        picked[key] = col.multiselect(_(words), options, key=f"records-{key}", placeholder=_("any"),
                                      format_func=words_of)  # fmt: skip
    found = matching(table, query, **{LOCAL[key][0]: values for key, values in picked.items()})
    state.write_url(view.flt, q=query, **picked)
    cut = _("; showing the first {count}").format(count=t.number(ROWS)) if len(found) > ROWS else ""
    st.markdown(_("**{found}** of {total} records").format(found=t.number(len(found)), total=t.number(len(table)))
                + cut)  # fmt: skip
    if query or any(picked.values()):
        with st.container(key="top-matches"):
            for row in found.head(TOP).to_dict("records"):
                when = t.date(row["date"]) if pd.notna(row["date"]) else ""
                st.page_link(view.pages["record"], label=f"{row['id']} · {when} · {row['title']}"[:120],
                             query_params=state.view_params(view.flt, id=row["id"]))  # fmt: skip
    shown = (
        found.head(ROWS)
        .drop(columns="text")
        .assign(
            page=lambda f: [state.page_link(state.view_params(view.flt, id=i), "record") for i in f["id"]],
            reporting_grade=lambda f: f["reporting_grade"].map(
                lambda g: _(REPORTING_GRADES[g]) if g in REPORTING_GRADES else g
            ),
            **(
                {}
                if english
                else {
                    "layer": lambda f: [t.word("layer", v) for v in f["layer"]],
                    "region": lambda f: [t.word("region", v) if isinstance(v, str) else v for v in f["region"]],
                    "zone": lambda f: [_(v) if isinstance(v, str) and v else v for v in f["zone"]],
                }
            ),
            date=lambda f: f["date"].dt.strftime("%Y-%m-%d"),
        )
    )
    st.dataframe(
        shown[
            [
                "page",
                "id",
                "layer",
                "date",
                "title",
                "region",
                "zone",
                "killed",
                "vessel_type",
                "alleged_group",
                "announced_by",
                "reporting_grade",
            ]
        ],  # fmt: skip
        hide_index=True,
        width="stretch",
        column_config={
            **({} if english else {key: _(words) for key, words in HEADERS.items()}),
            "page": st.column_config.LinkColumn(_("open"), display_text=_("open"), width="small"),
            "title": st.column_config.TextColumn(None if english else _("title"), width="large"),
            "killed": st.column_config.NumberColumn(None if english else _("killed"), format="%d"),
        },
        key="records-table",
    )


page()
