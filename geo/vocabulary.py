"""The data's own vocabulary in words a reader reads: regions and zones, asset
types, site kinds and statuses, event kinds, precision, reporting grades and
the other coded values. Written once here in English, marked for the
message catalogues; `Translator.word(kind, code)` gives them in the reader's
language. The data files keep their codes (a data format never changes with
the reader's language).

Free text the project wrote (notes, location basis, titles) is not here: it
stays in the language it was written in, and the page says so.
"""

from __future__ import annotations

from geo.catalog import NOT_PLACED, PLACED_REPORTED, PLACED_ZONE
from geo.grading import REPORTING_GRADES
from geo.i18n import N_
from geo.schema import ASSET_TYPES, EVENT_KINDS, GEO_PRECISION, PRESUMED_DEAD_BASIS, SITE_KINDS, SITE_STATUSES

NO_REGION = "Region not reported"

REGIONS = {
    "Caribbean Sea": N_("Caribbean Sea"),
    "Eastern Pacific": N_("Eastern Pacific"),
    "Western Atlantic": N_("Western Atlantic"),
    NO_REGION: N_("Region not reported"),
}
# zones.geojson's names (tests/test_i18n.py checks every zone there has its words here)
ZONES = {
    "caribbean": N_("Caribbean Sea"),
    "eastern_pacific": N_("Eastern Pacific"),
    "western_atlantic": N_("Western Atlantic"),
    "off_venezuela": N_("Off Venezuela (southern Caribbean)"),
    "off_trinidad": N_("Between Venezuela and Trinidad and Tobago"),
    "off_colombia_caribbean": N_("Off Colombia's Caribbean coast"),
    "central_caribbean": N_("Central Caribbean"),
    "off_colombia_ecuador_pacific": N_("Pacific off Panama, Colombia and Ecuador"),
    "off_central_america": N_("Pacific off Central America"),
    "sw_of_mexico": N_("Pacific south-west of Mexico"),
}
ASSET_TYPE_WORDS = {
    "amphibious_ship": N_("amphibious ship"),
    "aircraft_carrier": N_("aircraft carrier"),
    "destroyer": N_("destroyer"),
    "cruiser": N_("cruiser"),
    "submarine": N_("submarine"),
    "littoral_combat_ship": N_("littoral combat ship"),
    "support_ship": N_("support ship"),
    "coast_guard_cutter": N_("coast guard cutter"),
    "aircraft": N_("aircraft"),
    "ground_unit": N_("ground unit"),
    "special_operations": N_("special operations"),
}
SITE_KIND_WORDS = {
    "naval_base": N_("naval base"),
    "air_base": N_("air base"),
    "airport_access": N_("airport access"),
    "port_access": N_("port access"),
    "radar_site": N_("radar site"),
    "forward_operating_location": N_("forward operating location"),
    "proposed_base": N_("proposed base"),
}
SITE_STATUS_WORDS = {
    "active": N_("active"),
    "reactivated": N_("reactivated"),
    "access_granted": N_("access granted"),
    "proposed": N_("proposed"),
    "withdrawn": N_("withdrawn"),
    "rejected": N_("rejected"),
    "former": N_("former"),
    "expired": N_("expired"),
}
EVENT_KIND_WORDS = {
    "capture_operation": N_("capture operation"),
    "land_strike": N_("land strike"),
    "tanker_seizure": N_("tanker seizure"),
    "show_of_force": N_("show of force"),
    "basing_step": N_("basing step"),
    "diplomatic": N_("diplomatic"),
    "vessel_interdiction": N_("vessel interdiction"),
    "other": N_("other"),
}
SOURCE_KIND_WORDS = {
    "official": N_("official"),
    "wire": N_("wire"),
    "newspaper": N_("newspaper"),
    "broadcaster": N_("broadcaster"),
    "tracker": N_("tracker"),
    "magazine": N_("magazine"),
    "aggregator": N_("aggregator"),
    "other": N_("other"),
}
DATE_PRECISION_WORDS = {"strike_day": N_("strike day"), "announcement_day": N_("announcement day")}
PLACED_WORDS = {
    PLACED_REPORTED: N_("reported point"),
    PLACED_ZONE: N_("zone reference point"),
    NOT_PLACED: N_("not placed (no region reported)"),
}
YES_NO = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")}
QUALIFIERS = {"exact": N_("exact"), "at_least": N_("at least"), "more_than": N_("more than"), "about": N_("about")}
GRADE_NAMES = {
    "official_and_independent": N_("Official and independent"),
    "official_only": N_("Official only"),
    "independent_only": N_("Independent only"),
    "secondary_only": N_("Secondary only"),
}
LAYER_NAMES = {"strikes": N_("Strikes"), "deployments": N_("Deployments"), "sites": N_("Sites"), "events": N_("Events")}
# what one row of each layer is: a strikes.csv row is an announcement, not a strike
ROW_NAMES = {
    "strikes": N_("Strike announcements"),
    "deployments": N_("Deployments"),
    "sites": N_("Sites"),
    "events": N_("Events"),
}
ROW_NAME = {"strikes": N_("Strike announcement"), "deployments": N_("Deployment"), "sites": N_("Site"),
            "events": N_("Event")}  # fmt: skip

VOCABULARY = {
    "region": REGIONS,
    "zone": ZONES,
    "asset_type": ASSET_TYPE_WORDS,
    "site_kind": SITE_KIND_WORDS,
    "status": SITE_STATUS_WORDS,
    "event_kind": EVENT_KIND_WORDS,
    "source_kind": SOURCE_KIND_WORDS,
    "geo_precision": GEO_PRECISION,
    "reporting_grade": REPORTING_GRADES,
    "grade_name": GRADE_NAMES,
    "presumed_dead_basis": PRESUMED_DEAD_BASIS,
    "date_precision": DATE_PRECISION_WORDS,
    "placed_at": PLACED_WORDS,
    "yes_no": YES_NO,
    "qualifier": QUALIFIERS,
    "layer": LAYER_NAMES,
    "rows": ROW_NAMES,
    "row": ROW_NAME,
}
# the coded columns of the records, and the vocabulary of each
CODED_COLUMNS = {
    "region": "region", "zone": "zone", "asset_type": "asset_type", "status": "status",
    "geo_precision": "geo_precision", "reporting_grade": "reporting_grade", "date_precision": "date_precision",
    "presumed_dead_basis": "presumed_dead_basis", "placed_at": "placed_at", "milestone": "yes_no",
    "includes_presumed_dead": "yes_no", "qualifier": "qualifier",
}  # fmt: skip
assert set(ASSET_TYPE_WORDS) == set(ASSET_TYPES) and set(SITE_KIND_WORDS) == set(SITE_KINDS)
assert set(SITE_STATUS_WORDS) == set(SITE_STATUSES) and set(EVENT_KIND_WORDS) == set(EVENT_KINDS)


def words(kind: str) -> dict:
    return VOCABULARY.get(kind, {})


def zone_name(zones, zone_id: str, t) -> str:
    """A region's or zone's name in the reader's language (as zones.geojson has
    it when the vocabulary lacks it)."""
    return t.word("zone", zone_id) if zone_id in ZONES else zones.name(zone_id)
