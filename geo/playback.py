"""The campaign week by week: the steps of a playback or an animation, and
what the map shows at each step.

A step is a week of the chosen range, counted from its first day; the last
step ends on the range's last day (it may be shorter than a week). At a step
the map shows the strikes and events from the range's start to the step's
last day (cumulative), the deployments present at some time during that week,
and each site with its status as of the step's last day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import geopandas as gpd

from geo.i18n import ENGLISH, Translator
from geo.query import Filter, select

WEEK = timedelta(days=7)
CUMULATIVE = ("strikes", "events")  # counted from the range's start; the others are as of the week


@dataclass(frozen=True)
class Step:
    number: int  # 1-based
    of: int  # how many steps the range has
    first: date  # the week's first day
    last: date  # the week's last day (the range's last day for the final step)


def steps(start: date, end: date) -> list[Step]:
    """The weeks of [start, end], both inclusive; none when end precedes start."""
    if end < start:
        return []
    firsts = []
    first = start
    while first <= end:
        firsts.append(first)
        first += WEEK
    return [Step(n, len(firsts), f, min(f + WEEK - timedelta(days=1), end)) for n, f in enumerate(firsts, 1)]


def range_of(flt: Filter, first_record: date, latest_record: date) -> tuple[date, date]:
    """The range a playback runs over: the filter's, or the whole record's where the filter is open."""
    return flt.start or first_record, flt.end or latest_record


def at_step(catalog, flt: Filter, step: Step, range_start: date) -> dict[str, gpd.GeoDataFrame]:
    """The chosen layers as the map shows them at `step` of a playback that starts on `range_start`."""
    out = {}
    cumulative = [layer for layer in flt.layers if layer in CUMULATIVE]
    if cumulative:
        out.update(select(catalog, replace(flt, start=range_start, end=step.last, layers=tuple(cumulative))))
    current = [layer for layer in flt.layers if layer not in CUMULATIVE]
    if current:
        out.update(select(catalog, replace(flt, start=step.first, end=step.last, layers=tuple(current))))
    return {layer: out[layer] for layer in flt.layers}


def strikes_at(catalog, flt: Filter, step: Step, range_start: date) -> gpd.GeoDataFrame:
    """The strikes counted at `step`, even when their layer is hidden (the figures count them)."""
    return select(catalog, replace(flt, start=range_start, end=step.last, layers=("strikes",)))["strikes"]


def step_label(step: Step, t: Translator = ENGLISH) -> str:
    """'Week 5 of 57: 30 Sep to 6 Oct 2025' ('Semana 5 de 57: 30 sept a 6 oct 2025')."""
    if t.lang != ENGLISH.lang:
        last = t.date(step.last)
        first = t.date(step.first)
        if step.first.year == step.last.year:
            first = first.rsplit(" ", 1)[0]  # the year once
        span = last if step.first == step.last else t.gettext("{start} to {end}").format(start=first, end=last)
    elif step.first.year != step.last.year:
        span = f"{step.first:%-d %b %Y} to {step.last:%-d %b %Y}"
    elif step.first == step.last:
        span = f"{step.last:%-d %b %Y}"
    else:
        span = f"{step.first:%-d %b} to {step.last:%-d %b %Y}"
    return t.gettext("Week {number} of {count}: {span}").format(number=step.number, count=step.of, span=span)
