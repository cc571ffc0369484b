"""Validation of the whole data set: every file, every cross-reference, every
location, all problems reported at once.

`validate(paths)` returns the typed frames and the list of problems; the
catalog refuses to load when that list is not empty. Checks run on whole
columns, so their cost grows gently with the data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.csvread import ROW, display_path, read_table
from geo.dates import intervals
from geo.paths import DataPaths
from geo.problems import Problem
from geo.schema import DATA_TABLES, SITE_STATUS, SOURCE_SEPARATOR, SOURCES, Table
from geo.zones import Zones, on_land

CAMPAIGN_START = date(2025, 8, 1)
ZONE_PROPERTIES = ("id", "name", "kind", "region", "ref_lon", "ref_lat")


@dataclass
class Checked:
    """Typed frames per file name, the zones and land when readable, and problems."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    zones: Zones | None = None
    land: shapely.Geometry | None = None
    problems: list[Problem] = field(default_factory=list)


def validate(paths: DataPaths, today: date | None = None) -> Checked:
    today = today or date.today()
    checked = Checked()
    for table in (*DATA_TABLES, SOURCES):
        frame, problems = read_table(paths.table(table.file), table)
        checked.frames[table.file] = frame
        checked.problems += problems
        checked.problems += check_unique_ids(frame, table, paths)
    checked.zones, zone_problems = read_zones(paths)
    checked.problems += zone_problems
    checked.land, land_problems = read_land(paths)
    checked.problems += land_problems
    frames = checked.frames
    checked.problems += check_sources(frames, paths)
    checked.problems += check_sites(frames, paths)
    checked.problems += check_dates(frames, paths, today)
    checked.problems += check_strike_counts(frames["strikes.csv"], paths)
    if checked.zones is not None:
        for table in DATA_TABLES:
            if table.located:
                checked.problems += check_locations(frames[table.file], table, paths, checked.zones, checked.land)
    checked.problems.sort()
    return checked


def label(paths: DataPaths, file: str) -> str:
    return display_path(paths.table(file))


def problems_at(frame: pd.DataFrame, mask, where: str, column: str, reason) -> list[Problem]:
    """One problem per row of `frame` where `mask` holds; `reason` may be a
    function of the row (a dict) for messages that quote the row's values."""
    chosen = frame[np.asarray(mask, dtype=bool)]
    if chosen.empty:
        return []
    rows = chosen.to_dict("records")
    return [Problem(where, int(row[ROW]), column, reason(row) if callable(reason) else reason) for row in rows]


def check_unique_ids(frame: pd.DataFrame, table: Table, paths: DataPaths) -> list[Problem]:
    if not table.id_column or frame.empty:
        return []
    ids = frame[table.id_column]
    again = ids.duplicated(keep="first")
    first = dict(zip(frame.loc[~again, table.id_column], frame.loc[~again, ROW]))
    return problems_at(
        frame, again, label(paths, table.file), table.id_column,
        lambda row: f"id {row[table.id_column]} is used again (first on line {first[row[table.id_column]]}); "
        "ids are never reused",
    )  # fmt: skip


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


def cited_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (record, cited source id)."""
    pairs = frame[[ROW, "sources"]].dropna().assign(source=lambda f: f["sources"].str.split(SOURCE_SEPARATOR))
    return pairs.explode("source")


def check_sources(frames: dict[str, pd.DataFrame], paths: DataPaths) -> list[Problem]:
    """Every cited id resolves in the register; every register entry is cited."""
    register = set(frames["sources.csv"]["id"])
    register_file = display_path(paths.table("sources.csv"))
    cited: set[str] = set()
    problems = []
    for table in DATA_TABLES:
        pairs = cited_ids(frames[table.file])
        cited.update(pairs["source"])
        unknown = ~pairs["source"].isin(register)
        problems += problems_at(
            pairs, unknown, label(paths, table.file), "sources",
            lambda row: f"source {row['source']} is not in the register {register_file}",
        )  # fmt: skip
    sources = frames["sources.csv"]
    problems += problems_at(
        sources, ~sources["id"].isin(cited), label(paths, "sources.csv"), "id",
        lambda row: f"source {row['id']} is cited by no record; cite it or remove it",
    )  # fmt: skip
    return problems


def check_sites(frames: dict[str, pd.DataFrame], paths: DataPaths) -> list[Problem]:
    """Each status row names a known site; each site has a status history."""
    sites, status = frames["sites.csv"], frames[SITE_STATUS.file]
    where = label(paths, SITE_STATUS.file)
    problems = problems_at(
        status, ~status["site_id"].isin(set(sites["id"])), where, "site_id",
        lambda row: f"site {row['site_id']} is not in sites.csv",
    )  # fmt: skip
    twice = status.duplicated(["site_id", "date", "status"], keep="first")
    problems += problems_at(status, twice, where, "status", "the same site, date and status appear twice")
    problems += problems_at(
        sites, ~sites["id"].isin(set(status["site_id"])), label(paths, "sites.csv"), "id",
        lambda row: f"site {row['id']} has no row in site_status.csv",
    )  # fmt: skip
    return problems


def check_dates(frames: dict[str, pd.DataFrame], paths: DataPaths, today: date) -> list[Problem]:
    """Dates fall between the campaign's start and today; intervals run forward."""
    problems = []
    checks = [
        ("strikes.csv", "date", CAMPAIGN_START),
        ("events.csv", "date", date(2024, 1, 1)),
        ("deployments.csv", "start", date(2025, 1, 1)),
        ("tallies.csv", "as_of", CAMPAIGN_START),
    ]
    for file, column, earliest in checks:
        frame = frames[file]
        first, _ = intervals(frame[column])
        where = label(paths, file)
        problems += problems_at(frame, first > pd.Timestamp(today), where, column,
                                lambda row, c=column: f"{as_written(row[c])} is in the future")  # fmt: skip
        problems += problems_at(
            frame, first < pd.Timestamp(earliest), where, column,
            lambda row, c=column, e=earliest: f"{as_written(row[c])} is before {e.isoformat()}, outside the campaign",
        )  # fmt: skip
    deployments = frames["deployments.csv"]
    start, _ = intervals(deployments["start"])
    _, end = intervals(deployments["end"])
    problems += problems_at(
        deployments, (end < start).fillna(False), label(paths, "deployments.csv"), "end",
        lambda row: f"end {row['end']} is before start {row['start']}",
    )  # fmt: skip
    return problems


def as_written(value) -> str:
    """A date cell as the file has it: a day read as a Timestamp would print a time."""
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def check_strike_counts(strikes: pd.DataFrame, paths: DataPaths) -> list[Problem]:
    where = label(paths, "strikes.csv")
    too_many = (strikes["rescued"] + strikes["presumed_dead"] > strikes["survivors"]).fillna(False)
    problems = problems_at(
        strikes, too_many, where, "survivors",
        lambda row: f"rescued ({row['rescued']}) + presumed_dead ({row['presumed_dead']}) "
        f"exceed survivors ({row['survivors']})",
    )  # fmt: skip
    problems += problems_at(
        strikes, (strikes["vessels"] < strikes["strikes"]).fillna(False), where, "vessels",
        lambda row: f"fewer vessels ({row['vessels']}) than strikes ({row['strikes']})",
    )  # fmt: skip
    return problems


def check_locations(frame: pd.DataFrame, table: Table, paths: DataPaths, zones: Zones, land) -> list[Problem]:
    """The location columns agree with each other and with the map."""
    where = label(paths, table.file)
    region_of_zone = dict(zip(zones.frame["id"], zones.frame["region"]))
    known = frame["zone"].isin(region_of_zone)
    problems = problems_at(frame, ~known, where, "zone",
                           lambda row: f"unknown zone '{row['zone']}'; known: {', '.join(zones.ids)}")  # fmt: skip
    zone_region = frame["zone"].map(region_of_zone)
    problems += problems_at(
        frame, known & (zone_region != frame["region"]), where, "region",
        lambda row: f"zone {row['zone']} lies in {region_of_zone[row['zone']]}, "
        f"not in the stated region {row['region']}",
    )  # fmt: skip
    has_lon, has_lat = frame["lon"].notna(), frame["lat"].notna()
    problems += problems_at(frame, has_lon & ~has_lat, where, "lat", "lon and lat go together; one is empty")
    problems += problems_at(frame, has_lat & ~has_lon, where, "lon", "lon and lat go together; one is empty")
    pointed = has_lon & has_lat
    problems += problems_at(frame, pointed & frame["uncertainty_km"].isna(), where, "uncertainty_km",
                            "a point needs its uncertainty in km")  # fmt: skip
    problems += problems_at(
        frame, ~pointed & frame["geo_precision"].isin([1, 2]), where, "geo_precision",
        lambda row: f"precision {row['geo_precision']} needs lon and lat; without them use precision 3",
    )  # fmt: skip
    points = frame[pointed]
    if points.empty:
        return problems
    lon, lat = points["lon"].to_numpy(float), points["lat"].to_numpy(float)
    found_region, found_zone = zones.region_of(lon, lat), zones.zone_of(lon, lat)
    points = points.assign(_found_region=found_region, _found_zone=found_zone)

    def at(row) -> str:
        return f"point ({row['lon']:g}, {row['lat']:g})"

    nowhere = found_region == ""
    elsewhere = ~nowhere & (found_region != points["region"].to_numpy())
    wrong_zone = ~nowhere & ~elsewhere & points["zone"].isin(region_of_zone).to_numpy()
    wrong_zone &= found_zone != points["zone"].to_numpy()
    problems += problems_at(
        points, nowhere, where, "lon", lambda row: f"{at(row)} lies in no region; are lon and lat swapped or mistyped?"
    )
    problems += problems_at(
        points, elsewhere, where, "region",
        lambda row: f"{at(row)} lies in {row['_found_region']}, not in the stated region {row['region']}",
    )  # fmt: skip
    problems += problems_at(
        points, wrong_zone, where, "zone",
        lambda row: f"{at(row)} lies in zone {row['_found_zone']}, not in the stated zone {row['zone']}",
    )  # fmt: skip
    if land is not None and table.file == "strikes.csv":
        problems += problems_at(
            points, on_land(land, lon, lat), where, "lat",
            lambda row: f"{at(row)} is on land, but a strike is at sea; are lon and lat swapped?",
        )  # fmt: skip
    return problems
