"""Columns, types and allowed values of every data file, and cell parsing.

One table spec per CSV file. A cell parser returns the typed value or raises
CellError with a reason a data editor can act on.

Every pattern is ASCII only ([0-9], never \\d): Python reads full-width or
Arabic-Indic digits and underscores as numbers where pandas does not, so a
pattern that let them through would pass a cell that then loads as missing.
The vectorised checks in geo.csvread use the same patterns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from geo.i18n import N_

REGIONS = ("Caribbean Sea", "Eastern Pacific", "Western Atlantic")
GEO_PRECISION = {
    1: N_("coordinates reported or geolocated"),
    2: N_("near a named place"),
    3: N_("only a sea zone or region is known"),
}
DATE_PRECISION = ("strike_day", "announcement_day")
ASSET_TYPES = (
    "amphibious_ship", "aircraft_carrier", "destroyer", "cruiser", "submarine",
    "littoral_combat_ship", "support_ship", "coast_guard_cutter", "aircraft",
    "ground_unit", "special_operations",
)  # fmt: skip
SITE_KINDS = (
    "naval_base", "air_base", "airport_access", "port_access", "radar_site",
    "forward_operating_location", "proposed_base",
)  # fmt: skip
SITE_STATUSES = (
    "active", "reactivated", "access_granted", "proposed", "withdrawn",
    "rejected", "former", "expired",
)  # fmt: skip
EVENT_KINDS = (
    "capture_operation", "land_strike", "tanker_seizure", "show_of_force",
    "basing_step", "diplomatic", "vessel_interdiction", "other",
)  # fmt: skip
SOURCE_KINDS = (
    "official",
    "wire",
    "newspaper",
    "broadcaster",
    "tracker",
    "magazine",
    "aggregator",
    "other",
)
TALLY_QUALIFIERS = ("exact", "at_least", "more_than", "about")
YES_NO_UNKNOWN = ("yes", "no", "unknown")
PRESUMED_DEAD_BASIS = {
    "search_suspended": N_("a suspended search for them was reported"),
    "officially_presumed": N_("an official count listed them as presumed dead"),
    "inferred": N_("no suspended search was reported; coded presumed dead because they were never reported found"),
}
SOURCE_SEPARATOR = ";"
LIST_SPACE = " \t"  # what may surround a separator in a list of source ids

MAX_COUNT = 10_000  # per cell: more than the whole campaign; a larger count is a typing error
FIRST_YEAR, LAST_YEAR = 1900, 2099  # dates outside these years are typing errors
DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MONTH = r"[0-9]{4}-[0-9]{2}"
COUNT = r"[0-9]+"
SIGNED = r"[-+]?[0-9]+"
NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
URL_CHAR = r"[!#-;=?-~]"  # printable ASCII but space, double quote, < and >
URL = rf"https?://{URL_CHAR}+\.{URL_CHAR}+"
SOURCE_ID = r"(?:SRC-[0-9]{4}|SEED-[0-9]{3})"
SOURCE_ID_FORM = "SRC-0000 or SEED-000"


class CellError(ValueError):
    """A cell that cannot be read as its column's type."""


def matches(pattern: str, raw: str) -> bool:
    return re.fullmatch(pattern, raw, re.ASCII) is not None


SHOWN_CHARS = 60


def shown(raw: str) -> str:
    """A cell quoted for a message: control characters escaped (one problem
    stays one line), a long value cut."""
    text = "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in raw[: SHOWN_CHARS + 1])
    if len(raw) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + f"… ({len(raw):,} characters)"
    return f"'{text}'"


def not_digits(raw: str) -> str:
    """The reason for a number written with something other than 0-9."""
    if any(c.isdigit() and not c.isascii() for c in raw):
        return f"{shown(raw)} has digits other than 0-9 (full-width, Arabic-Indic...); retype it with 0-9"
    if "_" in raw:
        return f"{shown(raw)} has an underscore; write the number with the digits 0-9 only"
    return ""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # a key of PARSERS
    required: bool = True
    choices: tuple = ()
    pattern: str = ""


def parse_text(raw: str, col: Column):
    return raw


def parse_id(raw: str, col: Column):
    if not matches(col.pattern, raw):
        raise CellError(not_digits(raw) or f"{shown(raw)} is not an id of the form {col.pattern}")
    return raw


def parse_date(raw: str, col: Column):
    """A day, YYYY-MM-DD."""
    if not matches(DAY, raw):
        raise CellError(not_digits(raw) or f"{shown(raw)} is not a date YYYY-MM-DD")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"{shown(raw)} is not a real date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(f"{shown(raw)} is not a date between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def parse_day_or_month(raw: str, col: Column):
    """A day (YYYY-MM-DD) or, where sources give only the month, YYYY-MM.
    Kept as the string: the loader turns it into the interval it stands for."""
    if matches(MONTH, raw):
        parse_date(raw + "-01", col)
        return raw
    parse_date(raw, col)
    return raw


def whole_number(raw: str, pattern: str) -> int:
    if not matches(pattern, raw):
        if matches(r"-[0-9]+", raw):
            raise CellError(f"{shown(raw)} is negative; a count is 0 or more")
        raise CellError(not_digits(raw) or f"{shown(raw)} is not a whole number")
    digits = raw.lstrip("+-").lstrip("0")
    if len(digits) > len(str(MAX_COUNT)) or int(digits or 0) > MAX_COUNT:
        raise CellError(f"{shown(raw)} is beyond {MAX_COUNT:,}, more than the whole campaign; is it mistyped?")
    return int(raw)


def parse_count(raw: str, col: Column):
    return whole_number(raw, COUNT)


def parse_signed(raw: str, col: Column):
    return whole_number(raw, SIGNED)


def parse_float(raw: str, col: Column, low: float = float("-inf"), high: float = float("inf")):
    if not matches(NUMBER, raw):
        raise CellError(not_digits(raw) or f"{shown(raw)} is not a number")
    value = float(raw)
    if not low <= value <= high:
        raise CellError(f"{shown(raw)} is out of range [{low:g}, {high:g}]")
    return value


def parse_lon(raw: str, col: Column):
    return parse_float(raw, col, -180.0, 180.0)


def parse_lat(raw: str, col: Column):
    value = parse_float(raw, col)
    if not -90.0 <= value <= 90.0:
        hint = "; are lon and lat swapped?" if abs(value) <= 180 else ""
        raise CellError(f"{shown(raw)} is out of range [-90, 90]{hint}")
    return value


def parse_km(raw: str, col: Column):
    return parse_float(raw, col, 0.0, 5000.0)


def parse_choice(raw: str, col: Column):
    choices = [str(c) for c in col.choices]
    if raw not in choices:
        raise CellError(f"{shown(raw)} is not one of: {', '.join(choices)}")
    return col.choices[choices.index(raw)]


def parse_source_ids(raw: str, col: Column):
    ids = [part.strip(LIST_SPACE) for part in raw.split(SOURCE_SEPARATOR)]
    if any(not part for part in ids):
        raise CellError(f"{shown(raw)} has an empty source id (ids are separated by '{SOURCE_SEPARATOR}')")
    bad = [part for part in ids if not matches(SOURCE_ID, part)]
    if bad:
        raise CellError(not_digits(bad[0]) or f"{shown(bad[0])} is not a source id ({SOURCE_ID_FORM})")
    if len(set(ids)) != len(ids):
        raise CellError("the same source id is listed twice")
    return tuple(ids)


def parse_url(raw: str, col: Column):
    if not matches(URL, raw):
        raise CellError(f"{shown(raw)} is not an http(s) URL (printable ASCII, no spaces)")
    return raw


PARSERS = {
    "text": parse_text,
    "id": parse_id,
    "date": parse_date,
    "day_or_month": parse_day_or_month,
    "count": parse_count,
    "int": parse_signed,
    "lon": parse_lon,
    "lat": parse_lat,
    "km": parse_km,
    "choice": parse_choice,
    "sources": parse_source_ids,
    "url": parse_url,
}

LOCATION = (
    Column("region", "choice", choices=REGIONS),
    Column("zone", "text"),
    Column("lon", "lon", required=False),
    Column("lat", "lat", required=False),
    Column("geo_precision", "choice", choices=tuple(GEO_PRECISION)),
    Column("uncertainty_km", "km", required=False),
    Column("location_basis", "text"),
)


# A strike is a record even when no source states its region: region and zone
# are then both empty, and the strike is counted but not drawn.
STRIKE_LOCATION = (
    Column("region", "choice", required=False, choices=REGIONS),
    Column("zone", "text", required=False),
    *LOCATION[2:],
)


@dataclass(frozen=True)
class Table:
    """One data file: its name, columns, and whether its rows carry a location."""

    file: str
    columns: tuple[Column, ...]
    id_column: str = "id"
    located: bool = False

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


STRIKES = Table(
    "strikes.csv",
    (
        Column("id", "id", pattern="S[0-9]{3,}"),
        Column("date", "date"),
        Column("date_precision", "choice", choices=DATE_PRECISION),
        *STRIKE_LOCATION,
        Column("strikes", "count"),
        Column("vessels", "count", required=False),  # empty: not reported
        Column("killed", "count", required=False),  # empty: no source states the toll
        Column("survivors", "count", required=False),
        Column("rescued", "count", required=False),
        Column("presumed_dead", "count", required=False),
        Column("presumed_dead_basis", "choice", required=False, choices=tuple(PRESUMED_DEAD_BASIS)),
        Column("vessel_type", "text", required=False),
        Column("alleged_group", "text", required=False),
        Column("announced_by", "text"),
        Column("sources", "sources"),
        Column("notes", "text", required=False),
    ),
    located=True,
)
DEPLOYMENTS = Table(
    "deployments.csv",
    (
        Column("id", "id", pattern="D[0-9]{3,}"),
        Column("asset", "text"),
        Column("asset_type", "choice", choices=ASSET_TYPES),
        Column("unit", "text", required=False),
        Column("start", "day_or_month"),
        Column("end", "day_or_month", required=False),
        Column("end_basis", "text"),
        *LOCATION,
        Column("sources", "sources"),
        Column("notes", "text", required=False),
    ),
    located=True,
)
SITES = Table(
    "sites.csv",
    (
        Column("id", "id", pattern="B[0-9]{3}"),
        Column("name", "text"),
        Column("country", "text"),
        Column("kind", "choice", choices=SITE_KINDS),
        *LOCATION,
        Column("sources", "sources"),
        Column("notes", "text", required=False),
    ),
    located=True,
)
SITE_STATUS = Table(
    "site_status.csv",
    (
        Column("site_id", "id", pattern="B[0-9]{3}"),
        Column("date", "day_or_month"),
        Column("status", "choice", choices=SITE_STATUSES),
        Column("note", "text"),
        Column("sources", "sources"),
    ),
    id_column="",
)
EVENTS = Table(
    "events.csv",
    (
        Column("id", "id", pattern="E[0-9]{3,}"),
        Column("date", "day_or_month"),
        Column("kind", "choice", choices=EVENT_KINDS),
        Column("title", "text"),
        *LOCATION,
        Column("killed", "count", required=False),
        Column("milestone", "choice", required=False, choices=("yes",)),
        Column("sources", "sources"),
        Column("notes", "text", required=False),
    ),
    located=True,
)
TALLIES = Table(
    "tallies.csv",
    (
        Column("id", "id", pattern="T[0-9]{3}"),
        Column("as_of", "date"),
        Column("publisher", "text"),
        Column("strikes", "count", required=False),
        Column("vessels", "count", required=False),
        Column("killed", "count"),
        Column("includes_presumed_dead", "choice", choices=YES_NO_UNKNOWN),
        Column("qualifier", "choice", choices=TALLY_QUALIFIERS),
        Column("counts", "text"),
        Column("known_difference", "int"),
        Column("sources", "sources"),
        Column("notes", "text", required=False),
    ),
)
SOURCES = Table(
    "sources.csv",
    (
        Column("id", "id", pattern=SOURCE_ID),
        Column("publisher", "text"),
        Column("published", "day_or_month", required=False),
        Column("title", "text"),
        Column("url", "url"),
        Column("kind", "choice", choices=SOURCE_KINDS),
        Column("summary", "text", required=False),
    ),
)

DATA_TABLES = (STRIKES, DEPLOYMENTS, SITES, SITE_STATUS, EVENTS, TALLIES)
LAYERS = ("strikes", "deployments", "sites", "events")
