"""The timeline: strikes and deaths per week by region, the cumulative death
toll, and milestone events marked on both (Altair specs; no Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

REGION_COLOURS = {"Caribbean Sea": "#0072B2", "Eastern Pacific": "#E69F00", "Western Atlantic": "#999999"}


def milestone_rules(milestones: pd.DataFrame, height_chart) -> alt.LayerChart:
    base = alt.Chart(milestones)
    rules = base.mark_rule(strokeDash=[4, 3], color="#444").encode(
        x="date:T", tooltip=[alt.Tooltip("date:T", title="date"), alt.Tooltip("title:N", title="event")]
    )
    labels = base.mark_text(align="left", dx=3, dy=-4, fontSize=10, color="#333", angle=0).encode(
        x="date:T", y=alt.value(8), text="short:N"
    )
    return height_chart + rules + labels


def timeline(weekly: pd.DataFrame, cumulative: pd.DataFrame, milestones: pd.DataFrame) -> alt.VConcatChart:
    """weekly: stats.weekly(); cumulative: stats.cumulative(); milestones: date, title, short."""
    regions = [r for r in REGION_COLOURS if r in set(weekly.get("region", []))]
    colour = alt.Color(
        "region:N",
        scale=alt.Scale(domain=regions, range=[REGION_COLOURS[r] for r in regions]),
        legend=alt.Legend(orient="top", title=None),
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
        .properties(height=180, width="container")
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
        .properties(height=180, width="container")
    )
    return alt.vconcat(milestone_rules(milestones, bars), milestone_rules(milestones, line)).resolve_scale(x="shared")
