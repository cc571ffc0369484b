"""Totals page: every running total that officials and trackers published,
with what it counts, beside our own count to the same day, as a table and a
chart. Totals are whole-campaign figures: the sidebar's filter does not
narrow them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, state
from app.figures import comparison
from geo import charts, stats
from geo.textsafe import md_escape


def comparison_table(catalog) -> pd.DataFrame:
    rows = []
    qualifier = {"exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about "}
    for cmp in stats.tally_comparisons(catalog.tallies, catalog.strikes):
        tally = cmp.tally
        floor = "≥ " if cmp.ours.get("deaths_uncounted") else ""
        reason = str(tally.get("notes") or "").split("Difference from our count:")[-1].strip()
        rows.append({
            "as of": tally["as_of"].strftime("%Y-%m-%d"), "publisher": tally["publisher"],
            "published": f"{qualifier[tally['qualifier']]}{tally['killed']:,}", "measure": cmp.measure,
            "what it counts": tally["counts"], "ours, same day": f"{floor}{cmp.ours_comparable:,}",
            "difference": cmp.difference, "why": reason if cmp.difference else "",
            "source": tally["sources"],
        })  # fmt: skip
    return pd.DataFrame(rows).iloc[::-1].reset_index(drop=True)


def page() -> None:
    view = context.current()
    catalog = view.catalog
    state.write_url(view.flt)
    st.title("Published totals against our count")
    st.caption(f"{len(catalog.tallies):,} running totals published by officials, wires, newspapers and trackers, "
               f"newest first; our count is over the whole campaign up to each total's own date, counted the way "
               f"it counts (with or without the presumed dead). Data release {catalog.release.version}.")  # fmt: skip
    comparison(catalog, view.flt)
    ours = stats.cumulative(catalog.strikes)[["date", "killed", "deaths"]]
    published = catalog.tallies[["as_of", "killed", "publisher", "qualifier", "counts"]]
    st.altair_chart(charts.totals_chart(ours, published), width="stretch")
    st.caption("Lines: our cumulative count (steps at each strike). Points: published totals, shaped by how they "
               "were phrased. Our lines are floors where strikes have no reported toll.")  # fmt: skip
    table = comparison_table(catalog)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"why": st.column_config.TextColumn(width="large"),
                                "what it counts": st.column_config.TextColumn(width="medium")})  # fmt: skip
    st.markdown(md_escape("Sources: the ids in the last column are in the source register (Methods and data)."))


page()
