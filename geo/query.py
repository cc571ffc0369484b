"""One Filter value (date range, regions or zones, layers) and its
application to the catalog's layers; parsing and writing it as URL query
parameters (start, end, region repeatable, layers comma-separated).

A link is input from anyone: its values are refused with warnings that are
plain, short and few whatever the link holds (each echoed value is cut, and
a list of unknown names is one warning), for the page to show as plain text.

A record matches the date range when the interval it may cover overlaps the
range (both ends inclusive; an open-ended deployment runs on). A site shows
its status as of the range's end. A region choice matches records in that
region; a zone choice matches records placed in that zone (a record known
only by its region does not match a zone: we do not know it was there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from geo.dates import intervals, parse_day
from geo.grading import REPORTING_GRADES
from geo.i18n import ENGLISH, Translator
from geo.schema import LAYERS
from geo.zones import Zones


@dataclass(frozen=True)
class Filter:
    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()  # region or zone ids; empty = everywhere
    layers: tuple[str, ...] = LAYERS
    grades: tuple[str, ...] = ()  # reporting grades (geo.grading); empty = every grade


@dataclass(frozen=True)
class Parsed:
    """A filter read from user input, with a warning for every value refused."""

    filter: Filter
    warnings: tuple[str, ...] = field(default=())


def overlaps(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.Series:
    """Rows whose [first_date, last_date] interval meets [start, end]."""
    keep = pd.Series(True, index=frame.index)
    if end is not None:
        keep &= frame["first_date"] <= pd.Timestamp(end)
    if start is not None:
        keep &= frame["last_date"].isna() | (frame["last_date"] >= pd.Timestamp(start))
    return keep


def in_places(frame: pd.DataFrame, places: tuple[str, ...], zones: Zones) -> pd.Series:
    if not places:
        return pd.Series(True, index=frame.index)
    region_names = {zones.region_name(p) for p in places if p in zones.regions.index}
    zone_ids = {p for p in places if p not in zones.regions.index}
    return frame["region"].isin(region_names) | frame["zone"].isin(zone_ids)


def in_grades(frame: pd.DataFrame, grades: tuple[str, ...]) -> pd.Series:
    if not grades or "reporting_grade" not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame["reporting_grade"].isin(grades)


def apply(frame: gpd.GeoDataFrame, flt: Filter, zones: Zones) -> gpd.GeoDataFrame:
    """A dated layer (strikes, deployments, events) narrowed by the filter."""
    keep = overlaps(frame, flt.start, flt.end) & in_places(frame, flt.places, zones) & in_grades(frame, flt.grades)
    return frame[keep]


def sites_as_of(sites: gpd.GeoDataFrame, status: pd.DataFrame, when: date | None) -> gpd.GeoDataFrame:
    """Each site with its latest status on or before `when` (all history when
    None), its date and note; sites with no status yet by then are left out.
    A month-only status counts from the month's first day."""
    status = status.assign(status_from=intervals(status["date"])[0])
    if when is not None:
        status = status[status["status_from"] <= pd.Timestamp(when)]
    latest = status.sort_values(["site_id", "status_from"], kind="stable").groupby("site_id").tail(1)
    latest = latest.rename(columns={"date": "status_date", "note": "status_note", "sources": "status_sources"}).drop(
        columns="status_from"
    )
    merged = sites.merge(latest, left_on="id", right_on="site_id", how="inner").drop(columns="site_id")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=sites.crs)


def select(catalog, flt: Filter) -> dict[str, gpd.GeoDataFrame]:
    """Every chosen layer of the catalog, filtered."""
    out = {}
    for layer in flt.layers:
        if layer == "sites":
            sites = sites_as_of(catalog.sites, catalog.site_status, flt.end)
            out[layer] = sites[in_places(sites, flt.places, catalog.zones) & in_grades(sites, flt.grades)]
        else:
            out[layer] = apply(catalog.layer(layer), flt, catalog.zones)
    return out


# --- URL query parameters -------------------------------------------------


ECHOED_CHARS = 40  # of a refused value, in a warning
ECHOED_NAMES = 3  # unknown names quoted in one warning


def echo(value: str) -> str:
    """A refused value quoted for a warning: cut short, control characters escaped."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value[: ECHOED_CHARS + 1])
    return f"'{text[:ECHOED_CHARS]}…'" if len(value) > ECHOED_CHARS else f"'{text}'"


def echo_all(values: list[str], t: Translator = ENGLISH) -> str:
    shown = ", ".join(echo(v) for v in values[:ECHOED_NAMES])
    if len(values) > ECHOED_NAMES:
        return t.gettext("{names} and {more} more").format(names=shown, more=t.number(len(values) - ECHOED_NAMES))
    return shown


def _parse_day(value: str, name: str, warnings: list[str], t: Translator = ENGLISH) -> date | None:
    try:
        return parse_day(value.strip())
    except ValueError:
        warnings.append(
            t.gettext("{name} {value} is not a date YYYY-MM-DD; ignored").format(name=name, value=echo(value))
        )
        return None


def _last(params: dict[str, list[str]], name: str, warnings: list[str], t: Translator = ENGLISH) -> str:
    """The value of a parameter given once; given several times, the last, with a warning."""
    values = params.get(name) or [""]
    if len(set(values)) > 1:
        warnings.append(t.gettext("{name} is given {count} times; the last one is used").format(
            name=name, count=t.number(len(values))))  # fmt: skip
    return values[-1]


def from_params(params: dict[str, list[str]], zones: Zones, t: Translator = ENGLISH) -> Parsed:
    """A Filter from URL query parameters; every bad value is refused with a
    warning (in `t`'s language) and falls back to the default, never an exception."""
    warnings: list[str] = []
    start_text, end_text = _last(params, "start", warnings, t), _last(params, "end", warnings, t)
    start = _parse_day(start_text, "start", warnings, t) if start_text else None
    end = _parse_day(end_text, "end", warnings, t) if end_text else None
    if start and end and start > end:
        warnings.append(t.gettext("start {start} is after end {end}; the date range was reset").format(
            start=start, end=end))  # fmt: skip
        start = end = None
    places, unknown = [], []
    for value in params.get("region", []):
        for name in value.split(","):
            if not name.strip():
                continue
            found = zones.resolve(name)
            if found is None:
                unknown.append(name.strip())
            elif found not in places:
                places.append(found)
    if unknown:
        warnings.append(t.gettext("unknown region or zone {names}; ignored").format(names=echo_all(unknown, t)))
    grades = []
    for value in params.get("grade", []):
        for name in value.split(","):
            name = name.strip().lower()
            if name and name not in REPORTING_GRADES:
                warnings.append(t.gettext("unknown reporting grade {names}; known: {known}").format(
                    names=echo_all([name], t), known=", ".join(REPORTING_GRADES)))  # fmt: skip
            elif name and name not in grades:
                grades.append(name)
    grades = tuple(g for g in REPORTING_GRADES if g in grades)
    layers = LAYERS
    if "layers" in params:  # each layers= given counts: their names are combined
        asked = [name.strip().lower() for value in params["layers"] for name in value.split(",") if name.strip()]
        named = [name for name in asked if name != "none"]
        if asked and not named:
            return Parsed(Filter(start, end, tuple(places), (), grades), tuple(warnings))
        unknown = list(dict.fromkeys(name for name in named if name not in LAYERS))
        if unknown:
            warnings.append(t.gettext("unknown layer {names}; known: {known}").format(
                names=echo_all(unknown, t), known=", ".join(LAYERS)))  # fmt: skip
        chosen = tuple(layer for layer in LAYERS if layer in named)
        layers = chosen if chosen else LAYERS
    return Parsed(Filter(start, end, tuple(places), layers, grades), tuple(warnings))


def normal_id(value: str, zones: Zones) -> str:
    """A record id as the id box writes it (upper case), or a zone selection
    as the map writes it (zone:<zone id>), whatever the case in the link. An
    unknown zone comes back upper-cased like any id that opens nothing."""
    value = value.strip()
    if value[:5].casefold() == "zone:":
        found = zones.resolve(value[5:])
        if found:
            return f"zone:{found}"
    return value.upper()


def to_params(flt: Filter) -> dict[str, str | list[str]]:
    """The filter as query parameters; defaults are left out to keep links short."""
    params: dict[str, str | list[str]] = {}
    if flt.start:
        params["start"] = flt.start.isoformat()
    if flt.end:
        params["end"] = flt.end.isoformat()
    if flt.places:
        params["region"] = list(flt.places)
    if tuple(flt.layers) != LAYERS:
        params["layers"] = ",".join(flt.layers) or "none"
    if flt.grades:
        params["grade"] = ",".join(flt.grades)
    return params
