"""The timeline: strikes and deaths per week by region, the cumulative death
toll, and milestone events marked on both (Altair specs; no Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

PHONE_PLOT_WIDTH = 270  # pixels: with the axes, within a 390 px phone's page
REGION_COLOURS = {"Caribbean Sea": "#0072B2", "Eastern Pacific": "#E69F00", "Western Atlantic": "#999999",
                  "Region not reported": "#CC79A7"}  # fmt: skip


def milestone_rules(milestones: pd.DataFrame, height_chart, labels: bool = True) -> alt.LayerChart:
    base = alt.Chart(milestones)
    rules = base.mark_rule(strokeDash=[4, 3], color="#444").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", title="date"), alt.Tooltip("title:N", title="event")]
    )
    if not labels:  # a narrow screen: the rules keep their tooltips, the text would run off the chart
        return height_chart + rules
    labels = base.mark_text(align="left", dx=3, dy=-4, fontSize=10, color="#333", angle=0).encode(
        x="date:T", y=alt.value(8), text="short:N"
    )
    return height_chart + rules + labels


def timeline(weekly: pd.DataFrame, cumulative: pd.DataFrame, milestones: pd.DataFrame,
             labels: bool = True) -> alt.VConcatChart:  # fmt: skip
    """weekly: stats.weekly(); cumulative: stats.cumulative(); milestones: date, title, short.
    Without `labels` (a phone), the milestones are rules with tooltips only, and
    the plots have a fixed width that fits a phone: a concatenated chart drawn
    to its container's width overflows it by its axes."""
    width = "container" if labels else PHONE_PLOT_WIDTH
    regions = [r for r in REGION_COLOURS if r in set(weekly.get("region", []))]
    colour = alt.Color(
        "region:N",
        scale=alt.Scale(domain=regions, range=[REGION_COLOURS[r] for r in regions]),
        legend=alt.Legend(orient="top", title=None, columns=4 if labels else 2),
    )
    bars = (
        alt.Chart(weekly)
        .mark_bar(width=6)
        .encode(
            x=alt.X("week:T", title="week (starting Monday)", axis=alt.Axis(format="%b %Y", tickCount="month")),
            y=alt.Y("deaths:Q", title="deaths per week (killed + presumed dead)", stack="zero"),
            color=colour,
            tooltip=[
                alt.Tooltip("week:T", title="week of"),
                "region:N",
                alt.Tooltip("strikes:Q", title="strikes"),
                alt.Tooltip("killed:Q", title="killed"),
                alt.Tooltip("presumed_dead:Q", title="presumed dead"),
            ],
        )
        .properties(height=180, width=width)
    )
    line = (
        alt.Chart(cumulative)
        .mark_line(point=True, interpolate="step-after", color="#D55E00")
        .encode(
            x=alt.X("date:T", title="date", axis=alt.Axis(format="%b %Y", tickCount="month")),
            y=alt.Y("deaths:Q", title="cumulative deaths in the selection"),
            tooltip=[
                alt.Tooltip("date:T", title="date"),
                alt.Tooltip("deaths:Q", title="cumulative deaths"),
                alt.Tooltip("killed:Q", title="of which killed"),
                alt.Tooltip("presumed_dead:Q", title="of which presumed dead"),
                alt.Tooltip("strikes:Q", title="cumulative strikes"),
            ],
        )
        .properties(height=180, width=width)
    )
    return alt.vconcat(
        milestone_rules(milestones, bars, labels), milestone_rules(milestones, line, labels)
    ).resolve_scale(x="shared")


def deployment_strip(periods: pd.DataFrame, today: pd.Timestamp) -> alt.LayerChart:
    """One asset's presence periods on one time axis (the Ford is six records):
    periods has id, first_date, last_date (empty: open), region, end_basis."""
    frame = periods.assign(
        end=periods["last_date"].fillna(today),
        open=periods["last_date"].isna().map({True: "no end reported", False: "ended"}),
        label=periods["id"],
    )
    base = alt.Chart(frame).encode(
        x=alt.X("first_date:T", title=None, axis=alt.Axis(format="%b %Y")),
        x2="end:T",
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelOverlap=False)),
        tooltip=[
            alt.Tooltip("id:N"),
            alt.Tooltip("first_date:T", title="from"),
            alt.Tooltip("end:T", title="to"),
            alt.Tooltip("open:N", title="end"),
            alt.Tooltip("region:N"),
        ],  # fmt: skip
    )
    bars = base.mark_bar(height=14, color="#0072B2").encode(opacity=alt.condition(
        alt.datum.open == "ended", alt.value(0.9), alt.value(0.45)))  # fmt: skip
    return bars.properties(height=max(60, 30 * len(frame)))


def totals_chart(ours: pd.DataFrame, published: pd.DataFrame) -> alt.LayerChart:
    """Our cumulative count (killed, and killed + presumed dead) as lines and
    every published running total as a point, on one time axis.
    ours: date, killed, deaths; published: as_of, killed, publisher, qualifier, counts."""
    lines = ours.melt(id_vars="date", value_vars=["killed", "deaths"], var_name="measure", value_name="count")
    lines["measure"] = lines["measure"].map({"killed": "ours: killed", "deaths": "ours: killed + presumed dead"})
    line = (
        alt.Chart(lines)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y")),
            y=alt.Y("count:Q", title="people killed, cumulative"),
            color=alt.Color(
                "measure:N",
                title=None,
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(range=["#0072B2", "#D55E00", "#000000"]),
            ),  # fmt: skip
        )
    )
    points = (
        alt.Chart(published.assign(measure="published totals"))
        .mark_point(filled=True, size=45)
        .encode(
            x="as_of:T",
            y="killed:Q",
            color=alt.Color("measure:N", title=None),
            shape=alt.Shape("qualifier:N", title="published as"),
            tooltip=[alt.Tooltip("as_of:T", title="as of"), "publisher:N", "killed:Q", "qualifier:N", "counts:N"],
        )
    )
    return (line + points).resolve_scale(color="shared")
