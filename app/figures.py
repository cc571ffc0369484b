"""The figures of the selection, and our count beside the latest published
running total, with the dates each speaks for."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import details, stats
from geo.catalog import Catalog
from geo.query import Filter
from geo.textsafe import md_escape, md_link

FIGURES = {
    "strikes": ("Strikes", "strikes (engagements) as SOUTHCOM numbers them; one boat or several each"),
    "vessels": ("Vessels", "boats struck"),
    "killed": ("Killed", "killed in the strikes themselves"),
    "presumed_dead": ("Presumed dead", "survivors never found and presumed dead"),
    "rescued": ("Rescued", "survivors recovered alive"),
    "fate_unknown": ("Fate unknown", "survivors neither reported rescued nor presumed dead"),
    "deaths": ("Deaths", "killed + presumed dead, the figure most trackers publish"),
}
QUALIFIER = {"exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about "}


def describe_selection(catalog: Catalog, flt: Filter) -> str:
    where = ", ".join(catalog.zones.name(p) for p in flt.places) or "all regions"
    start = flt.start or catalog.first_record
    end = flt.end or catalog.latest_record
    return f"{start:%d %b %Y} to {end:%d %b %Y}, {where}"


def figures(catalog: Catalog, flt: Filter, chosen: pd.DataFrame, compact: int | str = "stretch") -> None:
    """The figures; `compact` is each figure's width (pixels on a phone)."""
    total = stats.totals(chosen)
    st.markdown(f"**Strikes from {md_escape(describe_selection(catalog, flt))}**")
    # a row that wraps at narrow widths (a phone shows them two or three a line, not one a screen)
    with st.container(horizontal=True, gap="medium", key="figures"):
        for key, (label, words) in FIGURES.items():
            uncounted = total.get(f"{key}_uncounted", 0)
            shown = f"≥ {total[key]:,}" if uncounted else f"{total[key]:,}"
            note = f" At least: {uncounted:,} strike(s) in the selection have no reported figure." if uncounted else ""
            st.metric(label, shown, help=words + "." + note, width=compact)
    floors = [f"{label.lower()}: {total[f'{key}_uncounted']:,}" for key, (label, _) in FIGURES.items()
              if total.get(f"{key}_uncounted")]  # fmt: skip
    notes = [f"{total['records']:,} announcements"]
    if floors:
        notes.append("figures marked ≥ are floors, because sources state no figure for some strikes (strikes "
                     "without it, " + ", ".join(floors) + ")")  # fmt: skip
    if total["presumed_dead"]:
        notes.append(f"presumed dead: {stats.presumed_dead_basis_text(total)}")
    st.caption("; ".join(notes) + ".")


def comparison(catalog: Catalog, flt: Filter) -> None:
    """The latest published total up to the range's end, and our own count up to
    the tally's own date: both dates said plainly."""
    end = flt.end or catalog.latest_record
    tally = stats.latest_tally(catalog.tallies, end)
    with st.container(border=True):
        if tally is None:
            st.markdown(f"No running total had been published by {end:%d %b %Y}.")
            return
        cmp = stats.compare(tally, catalog.strikes)
        source = details.sources_of(catalog, tally["sources"]).iloc[0]
        as_of = tally["as_of"]
        floor = "at least " if cmp.ours.get("deaths_uncounted") else ""
        st.markdown(
            f"**Published total, whole campaign, as of {as_of:%d %b %Y}** (the latest up to {end:%d %b %Y}): "
            f"{QUALIFIER[tally['qualifier']]}**{tally['killed']:,}** {cmp.measure}, "
            f"{md_escape(tally['publisher'])}. It counts: {md_escape(tally['counts'])}. "
            f"Source: {md_link(source['title'], source['url'])}.  \n"
            f"**Our count, whole campaign, to the same day ({as_of:%d %b %Y}):** {floor}{cmp.ours_comparable:,} "
            f"{cmp.measure} ({cmp.ours['killed']:,} killed, {cmp.ours['presumed_dead']:,} presumed dead)"
            + (f"; difference {cmp.difference:+,d}." if cmp.difference else "; the two agree.")
        )
        if cmp.difference:
            reason = details.as_text(tally["notes"]).split("Difference from our count:")[-1].strip()
            reason = reason or "not explained in the data"
            st.caption(f"Why they differ: {md_escape(reason)} Every total and its comparison: the Totals page.")
