"""The frame of every page: page settings, the catalog (or the data problems
page), the sidebar's filter, the navigation and the header; then the page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from app import state
from app.context import View, log, timed
from geo.catalog import load_catalog
from geo.problems import DataError
from geo.query import select

TITLE = "Caribbean and eastern Pacific campaign map"
FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.png"


def show_data_problems(err: DataError) -> None:
    st.title(TITLE)
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


def header(view: View) -> None:
    """How current the data is, and of which release, on every page."""
    catalog = view.catalog
    last_strike = catalog.strikes["date"].max().date()
    age = (pd.Timestamp.today().normalize() - pd.Timestamp(catalog.latest_record)).days
    st.caption(
        f"**Data current to {catalog.latest_record:%d %B %Y}** ({age:,} days ago; latest strike in the data "
        f"{last_strike:%d %B %Y}), data release {catalog.release.version}. Reporting after that is not yet "
        "included."
    )
    state.link_warnings()


def run(pages: dict[str, st.Page]) -> None:
    # a local icon: a Material icon as favicon would be fetched from the network
    st.set_page_config(page_title=TITLE, layout="wide", page_icon=str(FAVICON))
    try:
        with timed("load"):
            catalog = load_catalog()
    except DataError as err:
        show_data_problems(err)
        return
    navigation = st.navigation(list(pages.values()), position="top")
    state.init_state(catalog)
    with timed("sidebar"):
        flt = state.sidebar(catalog)
    state.forget_stale_link_warnings(flt)
    with timed("filter"):
        selection = select(catalog, flt)
        chosen = selection.get("strikes")
        if chosen is None:  # the figures count strikes even when their layer is hidden
            chosen = select(catalog, replace(flt, layers=("strikes",)))["strikes"]
    st.session_state["_view"] = View(catalog, flt, selection, chosen, pages)
    header(st.session_state["_view"])
    navigation.run()


def main(pages: dict[str, st.Page]) -> None:
    try:
        run(pages)
    except Exception:  # a reader never sees a traceback; the server log keeps it
        log.exception("dashboard failed")
        st.error(
            "Something went wrong while drawing this page. Reload it; if it persists, the server log has the details."
        )
