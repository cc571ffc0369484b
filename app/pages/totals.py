"""Totals page: every running total that officials and trackers published,
with what it counts, beside our own count to the same day, as a table and a
chart. Totals are whole-campaign figures: the sidebar's filter does not
narrow them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, lang, state
from app.figures import comparison, qualified
from geo import charts, stats
from geo.i18n import ENGLISH, N_, Translator
from geo.textsafe import md_escape

# the table's columns (English keeps these names as headers)
COLUMNS = {
    "as of": N_("as of"), "publisher": N_("publisher"), "published": N_("published"), "measure": N_("measure"),
    "what it counts": N_("what it counts"), "ours, same day": N_("ours, same day"), "difference": N_("difference"),
    "why": N_("why"), "source": N_("source"),
}  # fmt: skip


def comparison_table(catalog, t: Translator = ENGLISH) -> pd.DataFrame:
    """Every published total beside ours; what each counts and why they differ
    stay in the words they were written in (marked so in another language)."""
    rows = []
    for cmp in stats.tally_comparisons(catalog.tallies, catalog.strikes):
        tally = cmp.tally
        floor = "≥ " if cmp.ours.get("deaths_uncounted") else ""
        reason = str(tally.get("notes") or "").split("Difference from our count:")[-1].strip()
        rows.append({
            "as of": tally["as_of"].strftime("%Y-%m-%d"), "publisher": tally["publisher"],
            "published": f"{qualified(tally['qualifier'], t)}{t.number(tally['killed'])}",
            "measure": cmp.measure_in(t), "what it counts": t.as_written(tally["counts"]),
            "ours, same day": f"{floor}{t.number(cmp.ours_comparable)}",
            "difference": cmp.difference, "why": t.as_written(reason) if cmp.difference else "",
            "source": tally["sources"],
        })  # fmt: skip
    return pd.DataFrame(rows).iloc[::-1].reset_index(drop=True)


def page() -> None:
    view = context.current()
    catalog = view.catalog
    t = lang.current()
    _ = t.gettext
    state.write_url(view.flt)
    st.title(_("Published totals against our count"))
    st.caption(_("{count} running totals published by officials, wires, newspapers and trackers, newest first; our "
                 "count is over the whole campaign up to each total's own date, counted the way it counts (with or "
                 "without the presumed dead). Data release {release}.").format(
                     count=t.number(len(catalog.tallies)), release=catalog.release.version))  # fmt: skip
    comparison(catalog, view.flt)
    ours = stats.cumulative(catalog.strikes)[["date", "killed", "deaths"]]
    published = catalog.tallies[["as_of", "killed", "publisher", "qualifier", "counts"]]
    st.altair_chart(charts.totals_chart(ours, published, t), width="stretch")
    st.caption(_("Lines: our cumulative count (steps at each strike). Points: published totals, shaped by how they "
                 "were phrased. Our lines are floors where strikes have no reported toll."))  # fmt: skip
    table = comparison_table(catalog, t)
    english = t.lang == ENGLISH.lang
    config = {} if english else {key: _(words) for key, words in COLUMNS.items()}
    config["why"] = st.column_config.TextColumn(None if english else _("why"), width="large")
    config["what it counts"] = st.column_config.TextColumn(None if english else _("what it counts"), width="medium")
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
    st.markdown(md_escape(_("Sources: the ids in the last column are in the source register (Methods and data).")))


page()
