"""Validation of the whole data set: every file, every cross-reference, every
location, all problems reported at once.

`validate(paths)` returns the typed tables and the list of problems; the
catalog refuses to load when that list is not empty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import numpy as np
import shapely

from geo.csvread import display_path, read_table
from geo.dates import interval
from geo.paths import DataPaths
from geo.problems import Problem
from geo.schema import DATA_TABLES, SITE_STATUS, SOURCES, Table
from geo.zones import Zones, on_land

CAMPAIGN_START = date(2025, 8, 1)
ZONE_PROPERTIES = ("id", "name", "kind", "region", "ref_lon", "ref_lat")


@dataclass
class Checked:
    """Typed rows per file name, the zones and land when readable, and problems."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    zones: Zones | None = None
    land: shapely.Geometry | None = None
    problems: list[Problem] = field(default_factory=list)


def validate(paths: DataPaths, today: date | None = None) -> Checked:
    today = today or date.today()
    checked = Checked()
    for table in (*DATA_TABLES, SOURCES):
        rows, problems = read_table(paths.table(table.file), table)
        checked.rows[table.file] = rows
        checked.problems += problems
        checked.problems += check_unique_ids(rows, table, paths)
    checked.zones, zone_problems = read_zones(paths)
    checked.problems += zone_problems
    checked.land, land_problems = read_land(paths)
    checked.problems += land_problems
    checked.problems += check_sources(checked.rows, paths)
    checked.problems += check_sites(checked.rows, paths)
    checked.problems += check_dates(checked.rows, paths, today)
    checked.problems += check_strike_counts(checked.rows["strikes.csv"], paths)
    if checked.zones is not None:
        for table in DATA_TABLES:
            if table.located:
                rows = checked.rows[table.file]
                checked.problems += check_locations(rows, table, paths, checked.zones, checked.land)
    checked.problems.sort()
    return checked


def label(paths: DataPaths, file: str) -> str:
    return display_path(paths.table(file))


def check_unique_ids(rows: list[dict], table: Table, paths: DataPaths) -> list[Problem]:
    if not table.id_column:
        return []
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        key = row[table.id_column]
        if key in first:
            reason = f"id {key} is used again (first on line {first[key]}); ids are never reused"
            problems.append(Problem(label(paths, table.file), row["_row"], table.id_column, reason))
        else:
            first[key] = row["_row"]
    return problems


def read_zones(paths: DataPaths) -> tuple[Zones | None, list[Problem]]:
    where = display_path(paths.zones)
    if not paths.zones.is_file():
        return None, [Problem(where, 0, "", "file is missing")]
    try:
        frame = gpd.read_file(paths.zones)
    except Exception as err:  # GDAL's reasons vary; the message is what matters
        return None, [Problem(where, 0, "", f"cannot be read as GeoJSON: {err}")]
    problems = [
        Problem(where, 0, name, "property is missing from the features")
        for name in ZONE_PROPERTIES
        if name not in frame.columns
    ]
    if problems:
        return None, problems
    for number, (zone_id, geometry) in enumerate(zip(frame["id"], frame.geometry), start=1):
        if geometry is None or not geometry.is_valid:
            problems.append(Problem(where, number, "geometry", f"zone {zone_id} has an invalid polygon"))
    for zone_id, count in Counter(frame["id"]).items():
        if count > 1:
            problems.append(Problem(where, 0, "id", f"zone id {zone_id} appears {count} times"))
    return (None if problems else Zones.from_frame(frame)), problems


def read_land(paths: DataPaths) -> tuple[shapely.Geometry | None, list[Problem]]:
    where = display_path(paths.land)
    if not paths.land.is_file():
        return None, [Problem(where, 0, "", "file is missing (rebuild: python scripts/build_land.py)")]
    try:
        land = gpd.read_file(paths.land).union_all()
    except Exception as err:
        return None, [Problem(where, 0, "", f"cannot be read as GeoJSON: {err}")]
    shapely.prepare(land)
    return land, []


def check_sources(rows: dict[str, list[dict]], paths: DataPaths) -> list[Problem]:
    """Every cited id resolves in the register; every register entry is cited."""
    register = {row["id"] for row in rows["sources.csv"]}
    register_file = display_path(paths.table("sources.csv"))
    cited: set[str] = set()
    problems = []
    for table in DATA_TABLES:
        for row in rows[table.file]:
            for source_id in row["sources"] or ():
                cited.add(source_id)
                if source_id not in register:
                    reason = f"source {source_id} is not in the register {register_file}"
                    problems.append(Problem(label(paths, table.file), row["_row"], "sources", reason))
    for row in rows["sources.csv"]:
        if row["id"] not in cited:
            reason = f"source {row['id']} is cited by no record; cite it or remove it"
            problems.append(Problem(label(paths, "sources.csv"), row["_row"], "id", reason))
    return problems


def check_sites(rows: dict[str, list[dict]], paths: DataPaths) -> list[Problem]:
    """Each status row names a known site; each site has a status history."""
    sites = {row["id"] for row in rows["sites.csv"]}
    problems = []
    seen: set[tuple] = set()
    for row in rows[SITE_STATUS.file]:
        where = label(paths, SITE_STATUS.file)
        if row["site_id"] not in sites:
            problems.append(Problem(where, row["_row"], "site_id", f"site {row['site_id']} is not in sites.csv"))
        key = (row["site_id"], row["date"], row["status"])
        if key in seen:
            problems.append(Problem(where, row["_row"], "status", "the same site, date and status appear twice"))
        seen.add(key)
    with_status = {row["site_id"] for row in rows[SITE_STATUS.file]}
    for row in rows["sites.csv"]:
        if row["id"] not in with_status:
            reason = f"site {row['id']} has no row in site_status.csv"
            problems.append(Problem(label(paths, "sites.csv"), row["_row"], "id", reason))
    return problems


def check_dates(rows: dict[str, list[dict]], paths: DataPaths, today: date) -> list[Problem]:
    """Dates fall between the campaign's start and today; intervals run forward."""
    problems = []
    checks = [
        ("strikes.csv", "date", CAMPAIGN_START),
        ("events.csv", "date", date(2024, 1, 1)),
        ("deployments.csv", "start", date(2025, 1, 1)),
        ("tallies.csv", "as_of", CAMPAIGN_START),
    ]
    for file, column, earliest in checks:
        for row in rows[file]:
            first, _ = interval(row[column])
            if first > today:
                problems.append(Problem(label(paths, file), row["_row"], column, f"{row[column]} is in the future"))
            elif first < earliest:
                reason = f"{row[column]} is before {earliest.isoformat()}, outside the campaign"
                problems.append(Problem(label(paths, file), row["_row"], column, reason))
    for row in rows["deployments.csv"]:
        if row["end"] and interval(row["end"])[1] < interval(row["start"])[0]:
            reason = f"end {row['end']} is before start {row['start']}"
            problems.append(Problem(label(paths, "deployments.csv"), row["_row"], "end", reason))
    return problems


def check_strike_counts(rows: list[dict], paths: DataPaths) -> list[Problem]:
    problems = []
    for row in rows:
        fates = row["rescued"] + row["presumed_dead"]
        if fates > row["survivors"]:
            reason = (
                f"rescued ({row['rescued']}) + presumed_dead ({row['presumed_dead']}) "
                f"exceed survivors ({row['survivors']})"
            )
            problems.append(Problem(label(paths, "strikes.csv"), row["_row"], "survivors", reason))
        if row["vessels"] < row["strikes"]:
            reason = f"fewer vessels ({row['vessels']}) than strikes ({row['strikes']})"
            problems.append(Problem(label(paths, "strikes.csv"), row["_row"], "vessels", reason))
    return problems


def check_locations(rows, table: Table, paths: DataPaths, zones: Zones, land) -> list[Problem]:
    """The location columns agree with each other and with the map."""
    where = label(paths, table.file)
    problems = []
    pointed = []
    for row in rows:
        line = row["_row"]
        zone = row["zone"]
        if zone not in zones.ids:
            problems.append(Problem(where, line, "zone", f"unknown zone '{zone}'; known: {', '.join(zones.ids)}"))
        elif zones.region_name(zone) != row["region"]:
            reason = f"zone {zone} lies in {zones.region_name(zone)}, not in the stated region {row['region']}"
            problems.append(Problem(where, line, "region", reason))
        has_lon, has_lat = row["lon"] is not None, row["lat"] is not None
        if has_lon != has_lat:
            missing = "lat" if has_lon else "lon"
            problems.append(Problem(where, line, missing, "lon and lat go together; one is empty"))
        elif has_lon:
            if row["uncertainty_km"] is None:
                problems.append(Problem(where, line, "uncertainty_km", "a point needs its uncertainty in km"))
            pointed.append(row)
        elif row["geo_precision"] in (1, 2):
            reason = f"precision {row['geo_precision']} needs lon and lat; without them use precision 3"
            problems.append(Problem(where, line, "geo_precision", reason))
    if not pointed:
        return problems
    lon = np.array([row["lon"] for row in pointed])
    lat = np.array([row["lat"] for row in pointed])
    regions, found_zones = zones.region_of(lon, lat), zones.zone_of(lon, lat)
    landed = on_land(land, lon, lat) if land is not None and table.file == "strikes.csv" else np.zeros(len(lon), bool)
    for row, region, found, is_land in zip(pointed, regions, found_zones, landed):
        point = f"point ({row['lon']:g}, {row['lat']:g})"
        if not region:
            reason = f"{point} lies in no region; are lon and lat swapped or mistyped?"
            problems.append(Problem(where, row["_row"], "lon", reason))
        elif region != row["region"]:
            reason = f"{point} lies in {region}, not in the stated region {row['region']}"
            problems.append(Problem(where, row["_row"], "region", reason))
        elif row["zone"] in zones.ids and found != row["zone"]:
            reason = f"{point} lies in zone {found}, not in the stated zone {row['zone']}"
            problems.append(Problem(where, row["_row"], "zone", reason))
        if is_land:
            reason = f"{point} is on land, but a strike is at sea; are lon and lat swapped?"
            problems.append(Problem(where, row["_row"], "lat", reason))
    return problems
