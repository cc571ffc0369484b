"""The codebook: what every data file and every column means, in words.

It feeds the Frictionless data package (datapackage.json), the exports'
READMEs and the page's field labels, so a definition is written once.
"""

from __future__ import annotations

from geo.grading import REPORTING_GRADES
from geo.i18n import ENGLISH, N_, Translator
from geo.schema import GEO_PRECISION, PRESUMED_DEAD_BASIS


def _choices(words: dict, t: Translator = ENGLISH) -> str:
    return "; ".join(f"{key}: {t.gettext(text)}" for key, text in words.items())


CHOICE_TEXTS: dict[str, tuple[str, dict]] = {}  # a definition that lists its choices -> (its first words, choices)


def _with_choices(first: str, words: dict) -> str:
    text = f"{first} {_choices(words)}."
    CHOICE_TEXTS[text] = (first, words)
    return text


def meaning(text: str, t: Translator = ENGLISH) -> str:
    """A definition in the reader's language (the codes it lists stay codes)."""
    if text in CHOICE_TEXTS:
        first, words = CHOICE_TEXTS[text]
        return f"{t.gettext(first)} {_choices(words, t)}."
    return t.gettext(text)


LOCATION = {
    "region": N_("Sea region the record lies in: Caribbean Sea, Eastern Pacific or Western Atlantic."),
    "zone": N_(
        "Reference zone (an id in zones.geojson): a named offshore zone, or the region itself when "
        "only the region is known."
    ),
    "lon": N_(
        "Longitude (WGS 84) of a reported or geolocated position or of a point inside a reported "
        "search area; empty when no source gives one (the record is then placed at its zone's reference point)."
    ),
    "lat": N_("Latitude (WGS 84); empty together with lon."),
    "geo_precision": _with_choices(N_("How precisely the place is known."), GEO_PRECISION),
    "uncertainty_km": N_(
        "Radius in km within which the record lies, as far as sources tell; empty for a "
        "precision-3 record (the zone's reach is used)."
    ),
    "location_basis": N_("In words: what the sources say of the place, and where a coordinate comes from."),
}
COMMON = {
    "sources": N_("Ids of the sources in seeds/sources.csv that this record rests on, separated by ';'."),
    "notes": N_("The project's own notes in its own words: conflicts between sources and how they were resolved."),
}
FILES = {
    "strikes.csv": (
        N_(
            "Lethal US strikes on boats alleged to carry drugs: one row per announcement of strikes on one day "
            "in one region. A strike is one engagement as the US military (SOUTHCOM) numbers them; a row may "
            "cover several strikes and boats. Empty counts are unknown, never zero."
        ),
        {
            "id": N_("Stable record id, S and three or more digits; never reused."),
            "date": N_("The strike day, or the announcement day when no source states the strike day."),
            "date_precision": N_(
                "strike_day: the date is the day of the strike; announcement_day: the day it "
                "was announced or first reported."
            ),
            **LOCATION,
            "strikes": N_("Number of strikes (engagements) the row covers."),
            "vessels": N_("Number of boats struck; empty when not reported."),
            "killed": N_(
                "People killed in the strikes as announced (corrected where bodies were later "
                "recovered); empty when no source states the toll."
            ),
            "survivors": N_("People alive after the strikes; empty when not reported."),
            "rescued": N_("Survivors recovered alive."),
            "presumed_dead": N_(
                "Survivors never found and presumed dead (see presumed_dead_basis). Survivors "
                "neither rescued nor presumed dead have an unreported fate."
            ),
            "presumed_dead_basis": _with_choices(N_("Why the presumed dead are so coded."), PRESUMED_DEAD_BASIS),
            "vessel_type": N_("The boat as described (go-fast, semi-submersible, fishing boat, ...)."),
            "alleged_group": N_("The group the announcement alleges the crew belonged to, as stated."),
            "announced_by": N_("Who announced the strike, on which channel and day."),
            **COMMON,
        },
    ),
    "deployments.csv": (
        N_(
            "Naval and air deployments: one asset (ship, aircraft detachment, unit) over one reported presence "
            "period in the region."
        ),
        {
            "id": N_("Stable record id, D and three or more digits."),
            "asset": N_("The ship, aircraft type or unit."),
            "asset_type": N_("Kind of asset."),
            "unit": N_("The group or unit it belonged to."),
            "start": N_("First reported day (or month, YYYY-MM) of the presence period."),
            "end": N_("Last reported day or month; empty when it is still there or no end was reported."),
            "end_basis": N_("What the end date rests on, or why there is none."),
            **LOCATION,
            **COMMON,
        },
    ),
    "sites.csv": (
        N_("Bases, airfields, radar sites and ports the campaign used, sought or was refused."),
        {
            "id": N_("Stable site id, B and three digits."),
            "name": N_("The site's name."),
            "country": N_("The country (or territory) it lies in."),
            "kind": N_("Kind of site."),
            **LOCATION,
            **COMMON,
        },
    ),
    "site_status.csv": (
        N_("Dated status changes of the sites; the map shows each site's status as of the end of the chosen range."),
        {
            "site_id": N_("The site (an id in sites.csv)."),
            "date": N_("Day (or month, YYYY-MM) the status took effect."),
            "status": N_("The status from that date."),
            "note": N_("What happened, in the project's words."),
            "sources": COMMON[N_("sources")],
        },
    ),
    "events.csv": (
        N_(
            "Other events of the campaign: the 3 Jan 2026 capture operation, land strikes, tanker seizures, "
            "shows of force, basing and diplomatic steps."
        ),
        {
            "id": N_("Stable record id, E and three or more digits."),
            "date": N_("Day (or month, YYYY-MM) of the event."),
            "kind": N_("Kind of event."),
            "title": N_("A short title in the project's words."),
            **LOCATION,
            "killed": N_("People reported killed, where any; empty when none or not reported."),
            "milestone": N_("yes: marked on the timeline as a key event."),
            **COMMON,
        },
    ),
    "tallies.csv": (
        N_(
            "Running totals of the dead published by officials, wires, newspapers and trackers, with what each "
            "counts and how it differs from the project's own count."
        ),
        {
            "id": N_("Stable tally id, T and three digits."),
            "as_of": N_("The day the total speaks for."),
            "publisher": N_("Who published it (and through which copy it was read)."),
            "strikes": N_("Strikes the total covers, where stated."),
            "vessels": N_("Boats the total covers, where stated."),
            "killed": N_("The published death toll."),
            "includes_presumed_dead": N_("Whether the toll counts survivors presumed dead: yes, no or unknown."),
            "qualifier": N_("How the publisher phrased it: exact, at_least, more_than or about."),
            "counts": N_("What the total counts, in words."),
            "known_difference": N_(
                "The published figure minus the project's own count to the same day, "
                "counted the same way; explained in notes."
            ),
            **COMMON,
        },
    ),
    "sources.csv": (
        N_("The source register: every source a record cites."),
        {
            "id": N_("Source id, SRC- and four digits (SEED- and three for the project's seed articles)."),
            "publisher": N_("The publisher, and the copy read where it was read through another site."),
            "published": N_("Publication day (or month)."),
            "title": N_("The headline or title."),
            "url": N_("Where a reader can open it."),
            "kind": N_("official, wire, newspaper, broadcaster, magazine, tracker, aggregator or other."),
            "summary": N_(
                "What the source reports, in the project's words, and which records rest on it; says "
                "when a primary source was read only as quoted in another page."
            ),
        },
    ),
}
DERIVED = {
    "reporting_grade": _with_choices(N_("Derived from the cited sources' kinds (geo/grading.py)."), REPORTING_GRADES),
    "placed_at": N_(
        "'reported point', or 'zone reference point' for a record known only by its zone "
        "(the point is then not a position)."
    ),
    "zone_name": N_("The zone's name."),
    "first_date": N_("First day the record may cover."),
    "last_date": N_("Last day it may cover (empty: open-ended)."),
    "source_urls": N_("The URLs of the cited sources, separated by spaces."),
    "release": N_("The data release (its date) the export was made from."),
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
