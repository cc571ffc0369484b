"""The frame of every page: page settings, the catalog (or the data problems
page), the sidebar's filter, the navigation and the header; then the page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from app import lang, state
from app.context import View, log, timed
from geo.catalog import load_catalog
from geo.i18n import N_
from geo.problems import DataError
from geo.query import select

TITLE = N_("Caribbean and eastern Pacific campaign map")
FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.png"


def show_data_problems(err: DataError) -> None:
    t = lang.current()
    st.title(t.gettext(TITLE))
    st.error(
        t.gettext(
            "The data did not pass validation ({count} problem(s)), so the map is not shown: "
            "showing part of it would hide what is wrong. Fix these lines and reload; "
            "`python -m geo validate` lists the same."
        ).format(count=t.number(len(err.problems)))
    )
    st.dataframe(
        pd.DataFrame([p.__dict__ for p in err.problems], columns=["file", "row", "column", "reason"]),
        hide_index=True,
        width="stretch",
    )


def header(view: View) -> None:
    """How current the data is, and of which release, on every page."""
    catalog = view.catalog
    t = lang.current()
    last_strike = catalog.strikes["date"].max().date()
    age = (pd.Timestamp.today().normalize() - pd.Timestamp(catalog.latest_record)).days
    st.caption(
        t.gettext(
            "**Data current to {date}** ({days} days ago; latest strike in the data {last_strike}), data release "
            "{release}. Reporting after that is not yet included."
        ).format(
            date=t.date(catalog.latest_record, "long"),
            days=t.number(age),
            last_strike=t.date(last_strike, "long"),
            release=catalog.release.version,
        )  # fmt: skip
    )
    state.link_warnings()


def run(pages: dict[str, st.Page]) -> None:
    # a local icon: a Material icon as favicon would be fetched from the network
    st.set_page_config(page_title=lang.current().gettext(TITLE), layout="wide", page_icon=str(FAVICON))
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
            lang.current().gettext(
                "Something went wrong while drawing this page. Reload it; if it persists, the server log has "
                "the details."
            )
        )
