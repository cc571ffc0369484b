"""The timeline: strikes and deaths per week by region, the cumulative death
toll, and milestone events marked on both (Altair specs; no Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo.i18n import ENGLISH, Translator, vega_locale

PHONE_PLOT_WIDTH = 270  # pixels: with the axes, within a 390 px phone's page
REGION_COLOURS = {"Caribbean Sea": "#0072B2", "Eastern Pacific": "#E69F00", "Western Atlantic": "#999999",
                  "Region not reported": "#CC79A7"}  # fmt: skip


def localised(chart, t: Translator):
    """The chart's months, days and digits in the reader's language (English as Vega writes them)."""
    return chart if t.lang == ENGLISH.lang else chart.configure(locale=vega_locale(t.lang))


def milestone_rules(milestones: pd.DataFrame, height_chart, labels: bool = True, t: Translator = ENGLISH):
    _ = t.gettext
    base = alt.Chart(milestones)
    rules = base.mark_rule(strokeDash=[4, 3], color="#444").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", title=_("date")), alt.Tooltip("title:N", title=_("event"))]
    )
    if not labels:  # a narrow screen: the rules keep their tooltips, the text would run off the chart
        return height_chart + rules
    labels = base.mark_text(align="left", dx=3, dy=-4, fontSize=10, color="#333", angle=0).encode(
        x="date:T", y=alt.value(8), text="short:N"
    )
    return height_chart + rules + labels


def timeline(weekly: pd.DataFrame, cumulative: pd.DataFrame, milestones: pd.DataFrame,
             labels: bool = True, t: Translator = ENGLISH) -> alt.VConcatChart:  # fmt: skip
    """weekly: stats.weekly(); cumulative: stats.cumulative(); milestones: date, title, short.
    Without `labels` (a phone), the milestones are rules with tooltips only, and
    the plots have a fixed width that fits a phone: a concatenated chart drawn
    to its container's width overflows it by its axes. Region names are
    written in the reader's language (`t`); milestone titles stay as written."""
    _ = t.gettext
    width = "container" if labels else PHONE_PLOT_WIDTH
    regions = [r for r in REGION_COLOURS if r in set(weekly.get("region", []))]
    if t.lang != ENGLISH.lang and "region" in weekly:
        weekly = weekly.assign(region=[t.word("region", r) for r in weekly["region"]])
    colour = alt.Color(
        "region:N",
        scale=alt.Scale(domain=[t.word("region", r) for r in regions], range=[REGION_COLOURS[r] for r in regions]),
        legend=alt.Legend(orient="top", title=None, columns=4 if labels else 2),
    )
    bars = (
        alt.Chart(weekly)
        .mark_bar(width=6)
        .encode(
            x=alt.X("week:T", title=_("week (starting Monday)"), axis=alt.Axis(format="%b %Y", tickCount="month")),
            y=alt.Y("deaths:Q", title=_("deaths per week (killed + presumed dead)"), stack="zero"),
            color=colour,
            tooltip=[
                alt.Tooltip("week:T", title=_("week of")),
                alt.Tooltip("region:N", title=_("region")),
                alt.Tooltip("strikes:Q", title=_("strikes")),
                alt.Tooltip("killed:Q", title=_("killed")),
                alt.Tooltip("presumed_dead:Q", title=_("presumed dead")),
            ],
        )
        .properties(height=180, width=width)
    )
    line = (
        alt.Chart(cumulative)
        .mark_line(point=True, interpolate="step-after", color="#D55E00")
        .encode(
            x=alt.X("date:T", title=_("date"), axis=alt.Axis(format="%b %Y", tickCount="month")),
            y=alt.Y("deaths:Q", title=_("cumulative deaths in the selection")),
            tooltip=[
                alt.Tooltip("date:T", title=_("date")),
                alt.Tooltip("deaths:Q", title=_("cumulative deaths")),
                alt.Tooltip("killed:Q", title=_("of which killed")),
                alt.Tooltip("presumed_dead:Q", title=_("of which presumed dead")),
                alt.Tooltip("strikes:Q", title=_("cumulative strikes")),
            ],
        )
        .properties(height=180, width=width)
    )
    chart = alt.vconcat(
        milestone_rules(milestones, bars, labels, t), milestone_rules(milestones, line, labels, t)
    ).resolve_scale(x="shared")
    return localised(chart, t)


def deployment_strip(periods: pd.DataFrame, today: pd.Timestamp, t: Translator = ENGLISH) -> alt.LayerChart:
    """One asset's presence periods on one time axis (the Ford is six records):
    periods has id, first_date, last_date (empty: open), region, end_basis."""
    _ = t.gettext
    ended = _("ended")
    frame = periods.assign(
        end=periods["last_date"].fillna(today),
        open=periods["last_date"].isna().map({True: _("no end reported"), False: ended}),
        label=periods["id"],
        region=[t.word("region", r) for r in periods["region"]],
    )
    base = alt.Chart(frame).encode(
        x=alt.X("first_date:T", title=None, axis=alt.Axis(format="%b %Y")),
        x2="end:T",
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelOverlap=False)),
        tooltip=[
            alt.Tooltip("id:N"),
            alt.Tooltip("first_date:T", title=_("from")),
            alt.Tooltip("end:T", title=_("to")),
            alt.Tooltip("open:N", title=_("end")),
            alt.Tooltip("region:N", title=_("region")),
        ],  # fmt: skip
    )
    bars = base.mark_bar(height=14, color="#0072B2").encode(opacity=alt.condition(
        alt.datum.open == ended, alt.value(0.9), alt.value(0.45)))  # fmt: skip
    return localised(bars.properties(height=max(60, 30 * len(frame))), t)


def totals_chart(ours: pd.DataFrame, published: pd.DataFrame, t: Translator = ENGLISH) -> alt.LayerChart:
    """Our cumulative count (killed, and killed + presumed dead) as lines and
    every published running total as a point, on one time axis.
    ours: date, killed, deaths; published: as_of, killed, publisher, qualifier, counts.
    What each total counts stays in the words it was published with."""
    _ = t.gettext
    lines = ours.melt(id_vars="date", value_vars=["killed", "deaths"], var_name="measure", value_name="count")
    lines["measure"] = lines["measure"].map({"killed": _("ours: killed"), "deaths": _("ours: killed + presumed dead")})
    line = (
        alt.Chart(lines)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y")),
            y=alt.Y("count:Q", title=_("people killed, cumulative")),
            color=alt.Color(
                "measure:N",
                title=None,
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(range=["#0072B2", "#D55E00", "#000000"]),
            ),  # fmt: skip
        )
    )
    points = (
        alt.Chart(
            published.assign(
                measure=_("published totals"), qualifier=[t.word("qualifier", q) for q in published["qualifier"]]
            )
        )
        .mark_point(filled=True, size=45)
        .encode(
            x="as_of:T",
            y="killed:Q",
            color=alt.Color("measure:N", title=None),
            shape=alt.Shape("qualifier:N", title=_("published as")),
            tooltip=[
                alt.Tooltip("as_of:T", title=_("as of")),
                alt.Tooltip("publisher:N", title=_("publisher")),
                alt.Tooltip("killed:Q", title=_("killed")),
                alt.Tooltip("qualifier:N", title=_("published as")),
                alt.Tooltip("counts:N", title=_("what it counts")),
            ],
        )
    )
    return localised((line + points).resolve_scale(color="shared"), t)
