"""Rebuild data/zones.geojson: the regions of the region filter and the
offshore reference zones inside them.

The regions are drawn generously so that they hold the littoral land too
(the islands, the coasts of Venezuela and Colombia, Central America up to
its divide): a base at Ponce or a strike on Caracas belongs to the Caribbean
region, Manta and the Galapagos to the eastern Pacific. The two regions share
the Central American divide as a border, so a point is never in both.
"Western Atlantic" holds what the campaign did outside the two seas (the
carrier's crossing, the Bella 1 pursuit, the drills off Guyana).

Reference zones are named sea areas of the kind sources use ("off
Venezuela", "off Central America"). Each is a box clipped to its region, so
it always lies inside it. Each zone and region has a reference point at sea:
a record known only by that zone sits there, drawn as the zone, never as a
precise dot.

Run:  python scripts/build_zones.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import Polygon, box, mapping
from shapely.geometry.polygon import orient

OUT = Path(__file__).resolve().parent.parent / "data" / "zones.geojson"

# The Central American divide, west to east (lon, lat), shared by both regions.
DIVIDE = [
    (-91.0, 15.6), (-90.5, 14.9), (-89.0, 14.5), (-87.3, 13.7), (-86.2, 13.0),
    (-85.6, 11.9), (-84.9, 11.0), (-84.0, 10.0), (-82.8, 9.0), (-81.0, 8.7),
    (-80.2, 9.05), (-79.4, 9.15), (-78.4, 9.0), (-77.3, 7.9),
]  # fmt: skip
# The Caribbean's northern edge, east to west: Lesser Antilles, Puerto Rico,
# Hispaniola and Cuba included, the Atlantic beyond them excluded.
ANTILLES = [
    (-59.0, 18.9), (-65.2, 18.9), (-67.3, 18.9), (-68.3, 19.2), (-69.5, 19.9),
    (-72.0, 20.2), (-73.8, 20.3), (-74.5, 20.6), (-77.0, 22.4), (-80.0, 23.3),
    (-82.5, 23.4), (-84.9, 22.3), (-86.8, 21.7), (-87.6, 21.6),
]  # fmt: skip

EASTERN_PACIFIC = Polygon(
    [(-120.0, -6.0), (-120.0, 24.0), (-105.8, 24.0), (-104.0, 21.0), (-101.0, 19.3),
     (-97.5, 17.6), (-94.6, 17.0), (-92.3, 15.8), *DIVIDE,
     (-76.6, 6.0), (-76.4, 3.0), (-76.6, 1.0), (-77.3, -1.0), (-78.5, -3.0), (-79.3, -6.0)]
)  # fmt: skip
CARIBBEAN = Polygon(
    [*DIVIDE, (-75.0, 7.6), (-72.5, 7.6), (-70.0, 8.3), (-66.0, 8.8), (-62.5, 8.8),
     (-61.0, 9.3), (-59.0, 9.3), *ANTILLES, (-89.0, 18.0)]
)  # fmt: skip
WESTERN_ATLANTIC = Polygon(
    [*reversed(ANTILLES[:11]), (-59.0, 9.3), (-60.5, 8.3), (-57.5, 5.5), (-50.0, 3.5),
     (-40.0, 3.5), (-40.0, 40.0), (-82.0, 40.0), (-81.3, 30.0), (-80.0, 26.0), (-81.0, 24.3)]
)  # fmt: skip

REGIONS = [
    # id, name, polygon, reference point at sea
    ("caribbean", "Caribbean Sea", CARIBBEAN, (-72.0, 14.5)),
    ("eastern_pacific", "Eastern Pacific", EASTERN_PACIFIC, (-90.0, 7.0)),
    ("western_atlantic", "Western Atlantic", WESTERN_ATLANTIC, (-62.0, 25.0)),
]
ZONES = [
    # id, name, region id, (west, south, east, north) clipped to the region, ref point
    ("off_venezuela", "Off Venezuela (southern Caribbean)", "caribbean",
     (-71.5, 10.4, -63.2, 13.8), (-66.0, 12.6)),
    ("off_trinidad", "Between Venezuela and Trinidad and Tobago", "caribbean",
     (-63.2, 9.8, -59.5, 12.5), (-62.0, 11.2)),
    ("off_colombia_caribbean", "Off Colombia's Caribbean coast", "caribbean",
     (-78.0, 8.5, -71.5, 13.8), (-75.0, 12.2)),
    ("central_caribbean", "Central Caribbean", "caribbean",
     (-80.0, 13.8, -63.2, 17.5), (-72.0, 15.5)),
    ("off_colombia_ecuador_pacific", "Pacific off Panama, Colombia and Ecuador",
     "eastern_pacific", (-84.0, -4.0, -76.0, 9.0), (-80.0, 3.0)),
    ("off_central_america", "Pacific off Central America", "eastern_pacific",
     (-95.0, 4.0, -84.0, 17.0), (-88.5, 10.0)),
    ("sw_of_mexico", "Pacific south-west of Mexico", "eastern_pacific",
     (-112.0, 5.0, -95.0, 24.0), (-103.0, 13.0)),
]  # fmt: skip


def feature(zone_id, name, kind, region, geometry, ref) -> dict:
    geometry = orient(shapely.set_precision(geometry, 0.001), sign=1.0)
    props = {"id": zone_id, "name": name, "kind": kind, "region": region,
             "ref_lon": ref[0], "ref_lat": ref[1]}  # fmt: skip
    return {"type": "Feature", "properties": props, "geometry": mapping(geometry)}


def build() -> dict:
    features, polygons = [], {}
    for zone_id, name, polygon, ref in REGIONS:
        assert polygon.is_valid, zone_id
        polygons[zone_id] = (name, polygon)
        features.append(feature(zone_id, name, "region", name, polygon, ref))
    for zone_id, name, region_id, bounds, ref in ZONES:
        region_name, region_polygon = polygons[region_id]
        clipped = box(*bounds).intersection(region_polygon)
        features.append(feature(zone_id, name, "zone", region_name, clipped, ref))
    return {"type": "FeatureCollection", "features": features}


def main() -> int:
    OUT.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
