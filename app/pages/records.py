"""Records page: every record of every layer in one searchable table, with
the filter's dates, regions and grades and the page's own search and
filters; each row opens its record page; the view is in the address bar."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, state
from geo.grading import REPORTING_GRADES
from geo.search import choices, matching, records_table

ROWS = 1_000
TOP = 12  # matches listed as links above the table (a table is hard to tap on a phone)
LOCAL = {  # URL parameter: (column, label)
    "layer": ("layer", "Layer"),
    "vessel": ("vessel_type", "Vessel type"),
    "group": ("alleged_group", "Alleged group"),
    "by": ("announced_by", "Announced by"),
}


def start_from_url() -> None:
    """The page's own choices start from the address bar on first view."""
    if "records-q" not in st.session_state:
        st.session_state["records-q"] = (st.query_params.get("q") or "")[:200]
    for key in LOCAL:
        if f"records-{key}" not in st.session_state:
            st.session_state[f"records-{key}"] = [v for v in st.query_params.get_all(key) if v][:50]


def page() -> None:
    view = context.current()
    st.title("Records")
    st.caption("Every record in the filter (sidebar: dates, regions, layers, reporting grade). Search and narrow "
               "further here; a row's link opens its page. The address bar keeps this view.")  # fmt: skip
    start_from_url()
    table = records_table(view.selection, view.catalog.sources)
    query = st.text_input("Search ids, places, assets, groups, notes and source titles", key="records-q",
                          placeholder="e.g. Galapagos, Ford, Tren de Aragua, semi-submersible, S011")  # fmt: skip
    columns = st.columns(2 if context.phone() else 4)
    picked = {}
    for col, (key, (column, words)) in zip(columns * 2, LOCAL.items()):
        options = choices(table, column)
        st.session_state[f"records-{key}"] = [v for v in st.session_state[f"records-{key}"] if v in options]
        picked[key] = col.multiselect(words, options, key=f"records-{key}", placeholder="any")
    found = matching(table, query, **{LOCAL[key][0]: values for key, values in picked.items()})
    state.write_url(view.flt, q=query, **picked)
    cut = f"; showing the first {ROWS:,}" if len(found) > ROWS else ""
    st.markdown(f"**{len(found):,}** of {len(table):,} records{cut}")
    if query or any(picked.values()):
        with st.container(key="top-matches"):
            for row in found.head(TOP).to_dict("records"):
                when = f"{row['date']:%d %b %Y}" if pd.notna(row["date"]) else ""
                st.page_link(view.pages["record"], label=f"{row['id']} · {when} · {row['title']}"[:120],
                             query_params=state.view_params(view.flt, id=row["id"]))  # fmt: skip
    shown = (
        found.head(ROWS)
        .drop(columns="text")
        .assign(
            page=lambda f: [state.page_link(state.view_params(view.flt, id=i), "record") for i in f["id"]],
            reporting_grade=lambda f: f["reporting_grade"].map(lambda g: REPORTING_GRADES.get(g, g)),
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
            "page": st.column_config.LinkColumn("open", display_text="open", width="small"),
            "title": st.column_config.TextColumn(width="large"),
            "killed": st.column_config.NumberColumn(format="%d"),
        },
        key="records-table",
    )


page()
