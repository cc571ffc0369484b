"""One Filter value (date range, regions or zones, layers) and its
application to the catalog's layers; parsing and writing it as URL query
parameters (start, end, region repeatable, layers comma-separated).

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

from geo.dates import intervals
from geo.schema import LAYERS
from geo.zones import Zones


@dataclass(frozen=True)
class Filter:
    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()  # region or zone ids; empty = everywhere
    layers: tuple[str, ...] = LAYERS


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


def apply(frame: gpd.GeoDataFrame, flt: Filter, zones: Zones) -> gpd.GeoDataFrame:
    """A dated layer (strikes, deployments, events) narrowed by the filter."""
    return frame[overlaps(frame, flt.start, flt.end) & in_places(frame, flt.places, zones)]


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
            out[layer] = sites[in_places(sites, flt.places, catalog.zones)]
        else:
            out[layer] = apply(catalog.layer(layer), flt, catalog.zones)
    return out


# --- URL query parameters -------------------------------------------------


def _parse_day(value: str, name: str, warnings: list[str]) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        warnings.append(f"'{value}' is not a date (YYYY-MM-DD) for {name}; ignored")
        return None


def from_params(params: dict[str, list[str]], zones: Zones) -> Parsed:
    """A Filter from URL query parameters; every bad value is refused with a
    warning and falls back to the default, never an exception."""
    warnings: list[str] = []
    first = {k: v[-1] if v else "" for k, v in params.items()}
    start = _parse_day(first["start"], "start", warnings) if first.get("start") else None
    end = _parse_day(first["end"], "end", warnings) if first.get("end") else None
    if start and end and start > end:
        warnings.append(f"start {start} is after end {end}; the date range was reset")
        start = end = None
    places = []
    for value in params.get("region", []):
        for name in value.split(","):
            if not name.strip():
                continue
            found = zones.resolve(name)
            if found is None:
                warnings.append(f"unknown region or zone '{name}'; ignored")
            elif found not in places:
                places.append(found)
    layers = LAYERS
    if "layers" in first:
        asked = [name.strip().lower() for name in first["layers"].split(",") if name.strip()]
        if asked == ["none"]:
            return Parsed(Filter(start, end, tuple(places), ()), tuple(warnings))
        unknown = [name for name in asked if name not in LAYERS]
        if unknown:
            warnings.append(f"unknown layer(s) {', '.join(unknown)}; known: {', '.join(LAYERS)}")
        chosen = tuple(layer for layer in LAYERS if layer in asked)
        layers = chosen if chosen else LAYERS
    return Parsed(Filter(start, end, tuple(places), layers), tuple(warnings))


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
    return params
