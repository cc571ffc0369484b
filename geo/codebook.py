"""The codebook: what every data file and every column means, in words.

It feeds the Frictionless data package (datapackage.json), the exports'
READMEs and the page's field labels, so a definition is written once.
"""

from __future__ import annotations

from geo.grading import REPORTING_GRADES
from geo.i18n import ENGLISH, N_, Translator
from geo.schema import GEO_PRECISION, PRESUMED_DEAD_BASIS


def _choices(words: dict) -> str:
    return "; ".join(f"{key}: {text}" for key, text in words.items())


LOCATION = {
    "region": "Sea region the record lies in: Caribbean Sea, Eastern Pacific or Western Atlantic.",
    "zone": "Reference zone (an id in zones.geojson): a named offshore zone, or the region itself when "
    "only the region is known.",
    "lon": "Longitude (WGS 84) of a reported or geolocated position or of a point inside a reported "
    "search area; empty when no source gives one (the record is then placed at its zone's reference point).",
    "lat": "Latitude (WGS 84); empty together with lon.",
    "geo_precision": f"How precisely the place is known. {_choices(GEO_PRECISION)}.",
    "uncertainty_km": "Radius in km within which the record lies, as far as sources tell; empty for a "
    "precision-3 record (the zone's reach is used).",
    "location_basis": "In words: what the sources say of the place, and where a coordinate comes from.",
}
COMMON = {
    "sources": "Ids of the sources in seeds/sources.csv that this record rests on, separated by ';'.",
    "notes": "The project's own notes in its own words: conflicts between sources and how they were resolved.",
}
FILES = {
    "strikes.csv": (
        "Lethal US strikes on boats alleged to carry drugs: one row per announcement of strikes on one day "
        "in one region. A strike is one engagement as the US military (SOUTHCOM) numbers them; a row may "
        "cover several strikes and boats. Empty counts are unknown, never zero.",
        {
            "id": "Stable record id, S and three or more digits; never reused.",
            "date": "The strike day, or the announcement day when no source states the strike day.",
            "date_precision": "strike_day: the date is the day of the strike; announcement_day: the day it "
            "was announced or first reported.",
            **LOCATION,
            "strikes": "Number of strikes (engagements) the row covers.",
            "vessels": "Number of boats struck; empty when not reported.",
            "killed": "People killed in the strikes as announced (corrected where bodies were later "
            "recovered); empty when no source states the toll.",
            "survivors": "People alive after the strikes; empty when not reported.",
            "rescued": "Survivors recovered alive.",
            "presumed_dead": "Survivors never found and presumed dead (see presumed_dead_basis). Survivors "
            "neither rescued nor presumed dead have an unreported fate.",
            "presumed_dead_basis": f"Why the presumed dead are so coded. {_choices(PRESUMED_DEAD_BASIS)}.",
            "vessel_type": "The boat as described (go-fast, semi-submersible, fishing boat, ...).",
            "alleged_group": "The group the announcement alleges the crew belonged to, as stated.",
            "announced_by": "Who announced the strike, on which channel and day.",
            **COMMON,
        },
    ),
    "deployments.csv": (
        "Naval and air deployments: one asset (ship, aircraft detachment, unit) over one reported presence "
        "period in the region.",
        {
            "id": "Stable record id, D and three or more digits.",
            "asset": "The ship, aircraft type or unit.",
            "asset_type": "Kind of asset.",
            "unit": "The group or unit it belonged to.",
            "start": "First reported day (or month, YYYY-MM) of the presence period.",
            "end": "Last reported day or month; empty when it is still there or no end was reported.",
            "end_basis": "What the end date rests on, or why there is none.",
            **LOCATION,
            **COMMON,
        },
    ),
    "sites.csv": (
        "Bases, airfields, radar sites and ports the campaign used, sought or was refused.",
        {
            "id": "Stable site id, B and three digits.",
            "name": "The site's name.",
            "country": "The country (or territory) it lies in.",
            "kind": "Kind of site.",
            **LOCATION,
            **COMMON,
        },
    ),
    "site_status.csv": (
        "Dated status changes of the sites; the map shows each site's status as of the end of the chosen range.",
        {
            "site_id": "The site (an id in sites.csv).",
            "date": "Day (or month, YYYY-MM) the status took effect.",
            "status": "The status from that date.",
            "note": "What happened, in the project's words.",
            "sources": COMMON["sources"],
        },
    ),
    "events.csv": (
        "Other events of the campaign: the 3 Jan 2026 capture operation, land strikes, tanker seizures, "
        "shows of force, basing and diplomatic steps.",
        {
            "id": "Stable record id, E and three or more digits.",
            "date": "Day (or month, YYYY-MM) of the event.",
            "kind": "Kind of event.",
            "title": "A short title in the project's words.",
            **LOCATION,
            "killed": "People reported killed, where any; empty when none or not reported.",
            "milestone": "yes: marked on the timeline as a key event.",
            **COMMON,
        },
    ),
    "tallies.csv": (
        "Running totals of the dead published by officials, wires, newspapers and trackers, with what each "
        "counts and how it differs from the project's own count.",
        {
            "id": "Stable tally id, T and three digits.",
            "as_of": "The day the total speaks for.",
            "publisher": "Who published it (and through which copy it was read).",
            "strikes": "Strikes the total covers, where stated.",
            "vessels": "Boats the total covers, where stated.",
            "killed": "The published death toll.",
            "includes_presumed_dead": "Whether the toll counts survivors presumed dead: yes, no or unknown.",
            "qualifier": "How the publisher phrased it: exact, at_least, more_than or about.",
            "counts": "What the total counts, in words.",
            "known_difference": "The published figure minus the project's own count to the same day, "
            "counted the same way; explained in notes.",
            **COMMON,
        },
    ),
    "sources.csv": (
        "The source register: every source a record cites.",
        {
            "id": "Source id, SRC- and four digits (SEED- and three for the project's seed articles).",
            "publisher": "The publisher, and the copy read where it was read through another site.",
            "published": "Publication day (or month).",
            "title": "The headline or title.",
            "url": "Where a reader can open it.",
            "kind": "official, wire, newspaper, broadcaster, magazine, tracker, aggregator or other.",
            "summary": "What the source reports, in the project's words, and which records rest on it; says "
            "when a primary source was read only as quoted in another page.",
        },
    ),
}
DERIVED = {
    "reporting_grade": f"Derived from the cited sources' kinds (geo/grading.py). {_choices(REPORTING_GRADES)}.",
    "placed_at": "'reported point', or 'zone reference point' for a record known only by its zone "
    "(the point is then not a position).",
    "zone_name": "The zone's name.",
    "first_date": "First day the record may cover.",
    "last_date": "Last day it may cover (empty: open-ended).",
    "source_urls": "The URLs of the cited sources, separated by spaces.",
    "release": "The data release (its date) the export was made from.",
}

# plain labels of the fields, for the record page
LABELS = {
    "id": N_("Record id"),
    "date": N_("Date"),
    "date_precision": N_("The date is the"),
    "region": N_("Region"),
    "zone": N_("Reference zone"),
    "zone_name": N_("Zone"),
    "lon": N_("Longitude"),
    "lat": N_("Latitude"),
    "geo_precision": N_("Location precision"),
    "uncertainty_km": N_("Uncertainty (km)"),
    "location_basis": N_("Where, as the sources say"),
    "placed_at": N_("Drawn at"),
    "strikes": N_("Strikes"),
    "vessels": N_("Boats struck"),
    "killed": N_("Killed"),
    "survivors": N_("Survivors"),
    "rescued": N_("Rescued"),
    "presumed_dead": N_("Presumed dead"),
    "presumed_dead_basis": N_("Why presumed dead"),
    "vessel_type": N_("Boat"),
    "alleged_group": N_("Group alleged"),
    "announced_by": N_("Announced by"),
    "sources": N_("Source ids"),
    "notes": N_("Notes (the project's words)"),
    "reporting_grade": N_("Reporting grade"),
    "asset": N_("Asset"),
    "asset_type": N_("Kind of asset"),
    "unit": N_("Unit or group"),
    "start": N_("From"),
    "end": N_("To"),
    "end_basis": N_("What the end rests on"),
    "name": N_("Name"),
    "country": N_("Country"),
    "kind": N_("Kind"),
    "status": N_("Status at the range's end"),
    "status_date": N_("Status since"),
    "status_note": N_("Status note"),
    "status_sources": N_("Status source ids"),
    "title": N_("Title"),
    "milestone": N_("Key event"),
}


def label(column: str, t: Translator = ENGLISH) -> str:
    return t.gettext(LABELS[column]) if column in LABELS else column.replace("_", " ").capitalize()
