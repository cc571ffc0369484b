"""Loads data/ and seeds/ into GeoDataFrames, after validation, cached on the
files' content (an edited file is picked up at the next call; an unchanged
one is not read twice).

Every located layer gets the same derived columns:
  lon, lat        where the record is drawn: the reported point, or, for a
                  record known only by its zone, the zone's reference point
  placed_at       'reported point' or 'zone reference point'
  uncertainty_km  as stated, or the zone's reach from its reference point
  zone_name       the zone's name for readers
  reporting_grade how well its sources report it (geo.grading), from the
                  kinds of the sources it cites
and every dated layer `first_date` / `last_date`, the interval it may cover
(a month-only date covers the month; an open-ended deployment has no last date).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.dates import intervals
from geo.grading import grades
from geo.paths import DataPaths
from geo.placenames import place_names
from geo.problems import DataError
from geo.release import Release
from geo.schema import DATA_TABLES, SOURCES, Table
from geo.validate import validate
from geo.zones import Zones

CATEGORICAL = ("region", "zone", "zone_name", "placed_at", "reporting_grade")
PLACED_REPORTED = "reported point"
PLACED_ZONE = "zone reference point"
NOT_PLACED = "not placed (no region reported)"
NO_REGION = "region not reported"


@dataclass(frozen=True)
class Catalog:
    strikes: gpd.GeoDataFrame
    deployments: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    site_status: pd.DataFrame
    events: gpd.GeoDataFrame
    tallies: pd.DataFrame
    sources: pd.DataFrame  # indexed by source id
    zones: Zones
    release: Release
    paths: DataPaths
    digest: str

    def layer(self, name: str) -> gpd.GeoDataFrame:
        return getattr(self, name)

    @cached_property
    def latest_record(self) -> date:
        """The latest date any record speaks of: how current the data is."""
        candidates = [
            self.strikes["first_date"].max(),
            self.deployments["first_date"].max(),
            self.events["first_date"].max(),
            intervals(self.site_status["date"])[0].max(),
            self.tallies["as_of"].max(),
        ]
        return max(c for c in candidates if pd.notna(c)).date()

    @cached_property
    def place_names(self) -> list[dict]:
        """Country names for the basemap's labels."""
        return place_names(self.paths.land)

    @cached_property
    def first_record(self) -> date:
        return self.strikes["first_date"].min().date()


def content_digest(paths: DataPaths) -> str:
    digest = hashlib.sha256()
    for path in paths.files():
        digest.update(str(path).encode())
        try:
            digest.update(path.read_bytes() if path.is_file() else b"\0missing")
        except OSError:  # validation names the file; the hash only has to differ
            digest.update(b"\0unreadable")
    return digest.hexdigest()


def file_signature(paths: DataPaths) -> tuple:
    """Size and modification time of every file: cheap to read on each rerun."""
    signature = []
    for path in paths.files():
        try:
            stat = path.stat()
            signature.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            signature.append((str(path), -1, -1))
    return tuple(signature)


@lru_cache(maxsize=16)
def _digest_of(paths: DataPaths, signature: tuple) -> str:
    return content_digest(paths)


def load_catalog(data_dir: str | Path | None = None) -> Catalog:
    """The validated catalog; raises DataError listing every problem. The files
    are hashed again only when one's size or modification time changes."""
    paths = DataPaths.resolve(data_dir)
    return _load(paths, _digest_of(paths, file_signature(paths)))


@lru_cache(maxsize=2)
def _load(paths: DataPaths, digest: str) -> Catalog:
    checked = validate(paths)
    if checked.problems:
        raise DataError(checked.problems)
    zones = checked.zones
    frames = {t.file: frame_of(checked.frames[t.file], t) for t in (*DATA_TABLES, SOURCES)}
    kinds = frames["sources.csv"].set_index("id")["kind"]
    located = {t.file: locate(graded(frames[t.file], kinds), zones) for t in DATA_TABLES if t.located}
    return Catalog(
        strikes=with_interval(located["strikes.csv"], "date", "date"),
        deployments=with_interval(located["deployments.csv"], "start", "end"),
        sites=located["sites.csv"],
        site_status=frames["site_status.csv"],
        events=with_interval(located["events.csv"], "date", "date"),
        tallies=frames["tallies.csv"].sort_values("as_of", kind="stable").reset_index(drop=True),
        sources=frames["sources.csv"].set_index("id", drop=False),
        zones=zones,
        release=checked.release,
        paths=paths,
        digest=digest,
    )


def frame_of(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The validated frame with the file's columns in order, each of one type
    (text stays pandas' compact string type; empty optional text is missing)."""
    frame = frame[table.names].copy()
    for col in table.columns:
        if col.kind == "date":
            frame[col.name] = pd.to_datetime(frame[col.name])
        elif col.kind in ("count", "int"):
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.kind in ("lon", "lat", "km"):
            frame[col.name] = frame[col.name].astype("float64")
        elif col.name == "geo_precision":
            frame[col.name] = frame[col.name].astype("int64")
        else:
            frame[col.name] = frame[col.name].astype("str")
    return frame.reset_index(drop=True)


def graded(frame: pd.DataFrame, source_kinds: pd.Series) -> pd.DataFrame:
    return frame.assign(reporting_grade=grades(frame, source_kinds))


def locate(frame: pd.DataFrame, zones: Zones) -> gpd.GeoDataFrame:
    """Place each record: its point, or its zone's reference point (never a
    made-up point), and give it the matching uncertainty. A strike whose
    region no source states is not placed at all: no point, no geometry."""
    frame = frame.copy()
    reported = frame["lon"].notna().to_numpy()
    unplaced = frame["zone"].isna().to_numpy()
    ids = [z for z in dict.fromkeys(frame["zone"]) if isinstance(z, str)]
    ref_lon = frame["zone"].map({z: zones.reference_point(z)[0] for z in ids}).astype(float)
    ref_lat = frame["zone"].map({z: zones.reference_point(z)[1] for z in ids}).astype(float)
    frame["placed_at"] = np.where(reported, PLACED_REPORTED, np.where(unplaced, NOT_PLACED, PLACED_ZONE))
    frame["lon"] = frame["lon"].where(reported, ref_lon)
    frame["lat"] = frame["lat"].where(reported, ref_lat)
    radius = frame["zone"].map({z: zones.radius_km(z) for z in ids}).astype(float)
    frame["uncertainty_km"] = frame["uncertainty_km"].where(frame["uncertainty_km"].notna(), radius)
    frame["zone_name"] = frame["zone"].map({z: zones.name(z) for z in ids}).astype(object)
    frame.loc[unplaced, "zone_name"] = NO_REGION
    for column in CATEGORICAL:  # few distinct values: cheap to compare, mask and group
        frame[column] = frame[column].astype("category")
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs=4326)
    geometry[unplaced] = None
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)


def with_interval(frame: gpd.GeoDataFrame, first: str, last: str) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame["first_date"] = intervals(frame[first])[0].astype("datetime64[ns]")
    frame["last_date"] = intervals(frame[last])[1].astype("datetime64[ns]")
    return frame
