"""The figures of the selection, and our count beside the latest published
running total, with the dates each speaks for."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import lang
from geo import details, stats
from geo.catalog import Catalog
from geo.i18n import ENGLISH, N_, Translator
from geo.query import Filter
from geo.textsafe import md_escape, md_link
from geo.vocabulary import zone_name

FIGURES = {
    "strikes": (N_("Strikes"), N_("strikes (engagements) as SOUTHCOM numbers them; one boat or several each")),
    "vessels": (N_("Vessels"), N_("boats struck")),
    "killed": (N_("Killed"), N_("killed in the strikes themselves")),
    "presumed_dead": (N_("Presumed dead"), N_("survivors never found and presumed dead")),
    "rescued": (N_("Rescued"), N_("survivors recovered alive")),
    "fate_unknown": (N_("Fate unknown"), N_("survivors neither reported rescued nor presumed dead")),
    "deaths": (N_("Deaths"), N_("killed + presumed dead, the figure most trackers publish")),
}
QUALIFIER = {"exact": "", "at_least": N_("at least "), "more_than": N_("more than "), "about": N_("about ")}


def qualified(qualifier: str, t: Translator) -> str:
    return t.gettext(QUALIFIER[qualifier]) if QUALIFIER[qualifier] else ""


def describe_selection(catalog: Catalog, flt: Filter, t: Translator = ENGLISH) -> str:
    where = ", ".join(zone_name(catalog.zones, p, t) for p in flt.places) or t.gettext("all regions")
    start = flt.start or catalog.first_record
    end = flt.end or catalog.latest_record
    return t.gettext("{start} to {end}, {where}").format(start=t.date(start), end=t.date(end), where=where)


def figures(catalog: Catalog, flt: Filter, chosen: pd.DataFrame, compact: int | str = "stretch") -> None:
    """The figures; `compact` is each figure's width (pixels on a phone)."""
    t = lang.current()
    _ = t.gettext
    n = t.number
    total = stats.totals(chosen)
    st.markdown("**" + _("Strikes from {selection}").format(selection=md_escape(describe_selection(catalog, flt, t)))
                + "**")  # fmt: skip
    # a row that wraps at narrow widths (a phone shows them two or three a line, not one a screen)
    with st.container(horizontal=True, gap="medium", key="figures"):
        for key, (label, words) in FIGURES.items():
            uncounted = total.get(f"{key}_uncounted", 0)
            shown = f"≥ {n(total[key])}" if uncounted else n(total[key])
            note = " " + _("At least: {count} strike(s) in the selection have no reported figure.").format(
                count=n(uncounted)) if uncounted else ""  # fmt: skip
            st.metric(_(label), shown, help=_(words) + "." + note, width=compact)
    floors = [f"{_(label).lower()}: {n(total[f'{key}_uncounted'])}" for key, (label, _w) in FIGURES.items()
              if total.get(f"{key}_uncounted")]  # fmt: skip
    notes = [_("{count} announcements").format(count=n(total["records"]))]
    if floors:
        notes.append(_("figures marked ≥ are floors, because sources state no figure for some strikes (strikes "
                       "without it, {floors})").format(floors=", ".join(floors)))  # fmt: skip
    if total["presumed_dead"]:
        notes.append(_("presumed dead: {basis}").format(basis=stats.presumed_dead_basis_text(total, t)))
    st.caption("; ".join(notes) + ".")


def comparison(catalog: Catalog, flt: Filter) -> None:
    """The latest published total up to the range's end, and our own count up to
    the tally's own date: both dates said plainly."""
    t = lang.current()
    _ = t.gettext
    n = t.number
    end = flt.end or catalog.latest_record
    tally = stats.latest_tally(catalog.tallies, end)
    with st.container(border=True):
        if tally is None:
            st.markdown(_("No running total had been published by {date}.").format(date=t.date(end)))
            return
        cmp = stats.compare(tally, catalog.strikes)
        measure = cmp.measure_in(t)
        source = details.sources_of(catalog, tally["sources"]).iloc[0]
        as_of = tally["as_of"]
        floor = _("at least ") if cmp.ours.get("deaths_uncounted") else ""
        published = _(
            "**Published total, whole campaign, as of {as_of}** (the latest up to {end}): {qualifier}**{killed}** "
            "{measure}, {publisher}. It counts: {counts}. Source: {source}."
        ).format(
            as_of=t.date(as_of),
            end=t.date(end),
            qualifier=qualified(tally["qualifier"], t),
            killed=n(tally["killed"]),
            measure=measure,
            publisher=md_escape(tally["publisher"]),
            counts=md_escape(t.as_written(tally["counts"])),
            source=md_link(source["title"], source["url"]),
        )
        ours = _(
            "**Our count, whole campaign, to the same day ({as_of}):** {floor}{count} {measure} ({killed} killed, "
            "{presumed_dead} presumed dead)"
        ).format(
            as_of=t.date(as_of),
            floor=floor,
            count=n(cmp.ours_comparable),
            measure=measure,
            killed=n(cmp.ours["killed"]),
            presumed_dead=n(cmp.ours["presumed_dead"]),
        )
        agree = (
            _("; difference {difference}.").format(difference=t.signed(cmp.difference))
            if cmp.difference
            else _("; the two agree.")
        )
        st.markdown(published + "  \n" + ours + agree)  # fmt: skip
        if cmp.difference:
            reason = details.as_text(tally["notes"]).split("Difference from our count:")[-1].strip()
            reason = t.as_written(reason) if reason else _("not explained in the data")
            st.caption(_("Why they differ: {reason} Every total and its comparison: the Totals page.").format(
                reason=md_escape(reason)))  # fmt: skip
