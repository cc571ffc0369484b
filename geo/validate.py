"""Validation of the whole data set: every file, every cross-reference, every
location, all problems reported at once.

`validate(paths)` returns the typed frames and the list of problems; the
catalog refuses to load when that list is not empty. Checks run on whole
columns, so their cost grows gently with the data.
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.csvread import ROW, display_path, read_bytes, read_table
from geo.dates import intervals
from geo.paths import DataPaths
from geo.problems import Problem
from geo.release import Release, read_release
from geo.schema import DATA_TABLES, PRESUMED_DEAD_BASIS, REGIONS, SITE_STATUS, SOURCE_SEPARATOR, SOURCES, Table, shown
from geo.zones import Zones, on_land

CAMPAIGN_START = date(2025, 8, 1)
ZONE_PROPERTIES = ("id", "name", "kind", "region", "ref_lon", "ref_lat")
ZONE_KINDS = ("region", "zone")
ZONE_ID = "[a-z][a-z0-9_]*"  # ids travel in links and in the data's zone column


@dataclass
class Checked:
    """Typed frames per file name, the zones and land when readable, and problems."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    zones: Zones | None = None
    release: Release | None = None
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
    checked.release, release_problems = read_release(paths.changelog)
    checked.problems += release_problems
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
    if not again.any():
        return []
    first = dict(zip(frame.loc[~again, table.id_column], frame.loc[~again, ROW]))
    return problems_at(
        frame, again, label(paths, table.file), table.id_column,
        lambda row: f"id {row[table.id_column]} is used again (first on line {first[row[table.id_column]]}); "
        "ids are never reused",
    )  # fmt: skip


def read_zones(paths: DataPaths) -> tuple[Zones | None, list[Problem]]:
    """The zones, read as plain JSON so that every property is checked as
    written (a GeoJSON driver would quietly turn a text number into null);
    the row of a problem is the feature's number, its column the property."""
    where = display_path(paths.zones)
    raw, problems = read_bytes(paths.zones, where)
    if raw is None:
        return None, problems
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as err:  # JSONDecodeError, UnicodeDecodeError, nesting
        return None, [Problem(where, getattr(err, "lineno", 0), "", f"is not valid JSON: {shown(str(err))}")]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or document.get("type") != "FeatureCollection":
        return None, [Problem(where, 0, "", "is not a GeoJSON FeatureCollection with a list of features")]
    rows, shapes = [], []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.append(Problem(where, number, "properties", "the feature has no properties"))
            continue
        found = zone_property_problems(properties, where, number)
        shape, reason = zone_shape(feature.get("geometry"))
        if reason:
            found.append(Problem(where, number, "geometry", f"zone {shown(str(properties.get('id')))} {reason}"))
        elif not found and not shapely.contains_xy(shape, properties["ref_lon"], properties["ref_lat"]):
            point = f"({properties['ref_lon']:g}, {properties['ref_lat']:g})"
            found.append(Problem(where, number, "ref_lon", f"the reference point {point} lies outside the polygon"))
        problems += found
        rows.append({name: properties.get(name) for name in ZONE_PROPERTIES})
        shapes.append(shape)
    if not problems:
        problems += zone_set_problems(rows, where)
    if problems:
        return None, problems
    frame = gpd.GeoDataFrame(rows, columns=list(ZONE_PROPERTIES), geometry=shapes, crs=4326)
    frame[["ref_lon", "ref_lat"]] = frame[["ref_lon", "ref_lat"]].astype("float64")
    return Zones.from_frame(frame), []


def zone_property_problems(properties: dict, where: str, number: int) -> list[Problem]:
    """Each property the code reads: present, of its type, in its range."""

    def number_in(low, high):
        def check(value):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return "is not a number"
            return None if low <= value <= high else f"is out of range [{low}, {high}]"

        return check

    def text(value):
        return None if isinstance(value, str) and value.strip() else "is not a non-empty text"

    checks = {
        "id": lambda v: text(v) or (None if re.fullmatch(ZONE_ID, v, re.ASCII) else f"is not of the form {ZONE_ID}"),
        "name": text,
        "kind": lambda v: None if v in ZONE_KINDS else f"is not one of: {', '.join(ZONE_KINDS)}",
        "region": lambda v: None if v in REGIONS else f"is not one of: {', '.join(REGIONS)}",
        "ref_lon": number_in(-180, 180),
        "ref_lat": number_in(-90, 90),
    }
    problems = []
    for name, check in checks.items():
        if name not in properties:
            problems.append(Problem(where, number, name, "property is missing"))
            continue
        value = properties[name]
        reason = check(value)
        if reason:
            shown_value = "null" if value is None else shown(str(value))
            problems.append(Problem(where, number, name, f"{shown_value} {reason}"))
    return problems


def zone_shape(geometry) -> tuple[shapely.Geometry | None, str]:
    try:
        shape = shapely.geometry.shape(geometry)
    except Exception:  # shapely's reasons vary with what is wrong
        return None, "has no readable geometry"
    if shape.geom_type not in ("Polygon", "MultiPolygon") or shape.is_empty:
        return None, f"has a {shape.geom_type}, not a polygon"
    if not shape.is_valid:
        return None, "has an invalid polygon"
    shapely.prepare(shape)
    return shape, ""


def zone_set_problems(rows: list[dict], where: str) -> list[Problem]:
    """Ids and names unique (a link names a zone by either, in any case); each
    zone lies in a region the file defines."""
    problems = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        for column in ("id", "name"):
            key = row[column].casefold()
            if key in seen:
                reason = f"{shown(row[column])} is used again (first by feature {seen[key]})"
                problems.append(Problem(where, number, column, reason))
            seen.setdefault(key, number)
    regions = {row["region"] for row in rows if row["kind"] == "region"}
    for number, row in enumerate(rows, start=1):
        if row["region"] not in regions:
            reason = f"region {shown(row['region'])} has no feature of kind region in this file"
            problems.append(Problem(where, number, "region", reason))
    return problems


def read_land(paths: DataPaths) -> tuple[shapely.Geometry | None, list[Problem]]:
    where = display_path(paths.land)
    raw, problems = read_bytes(paths.land, where)
    if raw is None:
        if problems[0].reason == "file is missing":
            problems = [Problem(where, 0, "", "file is missing (rebuild: python scripts/build_land.py)")]
        return None, problems
    try:
        land = gpd.read_file(io.BytesIO(raw)).union_all()
    except Exception as err:  # GDAL's reasons vary; the message is what matters
        return None, [Problem(where, 0, "", f"cannot be read as GeoJSON: {shown(str(err))}")]
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
        cited.update(pairs["source"].unique().tolist())
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
    settled = strikes["rescued"].fillna(0) + strikes["presumed_dead"].fillna(0)
    too_many = (settled > strikes["survivors"]).fillna(False)
    problems_unknown = problems_at(
        strikes, (strikes["survivors"].isna() & (settled > 0)).to_numpy(dtype=bool), where, "survivors",
        "is empty (unknown) but some were rescued or presumed dead; give the number of survivors",
    )  # fmt: skip
    problems = problems_at(
        strikes, too_many, where, "survivors",
        lambda row: f"rescued ({row['rescued']}) + presumed_dead ({row['presumed_dead']}) "
        f"exceed survivors ({row['survivors']})",
    )  # fmt: skip
    problems += problems_at(
        strikes, (strikes["vessels"] < strikes["strikes"]).fillna(False), where, "vessels",
        lambda row: f"fewer vessels ({row['vessels']}) than strikes ({row['strikes']})",
    )  # fmt: skip
    return problems + problems_unknown + check_presumed_dead_basis(strikes, where)


def check_presumed_dead_basis(strikes: pd.DataFrame, where: str) -> list[Problem]:
    """Presumed dead always say why they are presumed dead, and only they do."""
    presumed = (strikes["presumed_dead"].fillna(0) > 0).to_numpy(dtype=bool)
    basis = strikes["presumed_dead_basis"].notna().to_numpy(dtype=bool)
    choices = ", ".join(PRESUMED_DEAD_BASIS)
    problems = problems_at(
        strikes, presumed & ~basis, where, "presumed_dead_basis",
        f"presumed_dead is more than 0, so say why they are presumed dead: one of {choices}",
    )  # fmt: skip
    problems += problems_at(
        strikes, basis & ~presumed, where, "presumed_dead_basis",
        "a basis is given but presumed_dead is 0 or empty; leave it empty",
    )  # fmt: skip
    return problems


def check_locations(frame: pd.DataFrame, table: Table, paths: DataPaths, zones: Zones, land) -> list[Problem]:
    """The location columns agree with each other and with the map."""
    where = label(paths, table.file)
    region_of_zone = dict(zip(zones.frame["id"], zones.frame["region"]))
    known = frame["zone"].isin(region_of_zone)
    unplaced = frame["zone"].isna() & frame["region"].isna()  # no region reported (strikes only)
    problems = problems_at(frame, ~known & frame["zone"].notna(), where, "zone",
                           lambda row: f"unknown zone '{row['zone']}'; known: {', '.join(zones.ids)}")  # fmt: skip
    problems += problems_at(
        frame, frame["zone"].isna() & frame["region"].notna(), where, "zone",
        "a region needs its zone (the region's own id when no finer zone is known)",
    )  # fmt: skip
    problems += problems_at(
        frame, frame["zone"].notna() & frame["region"].isna(), where, "region",
        "a zone needs its region; leave both empty only when no source states the region",
    )  # fmt: skip
    problems += problems_at(
        frame, unplaced & (frame["lon"].notna() | (frame["geo_precision"] != 3)), where, "region",
        "no region is given, so there can be no point and the precision must be 3",
    )  # fmt: skip
    zone_region = frame["zone"].map(region_of_zone)
    problems += problems_at(
        frame, known & frame["region"].notna() & (zone_region != frame["region"]), where, "region",
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
