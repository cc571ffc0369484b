"""Colours, glyphs and words of the map and its legend, in one place.

Colours are the Okabe-Ito palette, safe for colour-blind readers, and never
carry meaning alone: every kind also has a glyph (a short code drawn on the
mark) or a shape (filled dot, ring, wide translucent area).
"""

from __future__ import annotations

from geo.i18n import N_

ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)
GREY = (120, 120, 120)
INK = (30, 30, 30)

STRIKE = VERMILLION

ASSET_GLYPHS = {
    "aircraft_carrier": "CV",
    "amphibious_ship": "AMP",
    "destroyer": "DDG",
    "cruiser": "CG",
    "submarine": "SSN",
    "littoral_combat_ship": "LCS",
    "support_ship": "AUX",
    "coast_guard_cutter": "USCG",
    "aircraft": "AIR",
    "ground_unit": "GRD",
    "special_operations": "SOF",
}
DEPLOYMENT = BLUE

# status: (colour, filled, glyph, words)
SITE_STATUS = {
    "active": (GREEN, True, "", N_("in use")),
    "reactivated": (GREEN, True, "", N_("reactivated")),
    "access_granted": (SKY, True, "", N_("access granted")),
    "proposed": (ORANGE, False, "?", N_("proposed (ring)")),
    "withdrawn": (GREY, False, "-", N_("proposal withdrawn (ring)")),
    "rejected": (PURPLE, False, "X", N_("rejected (ring with X)")),
    "former": (GREY, True, "", N_("former")),
    "expired": (GREY, False, "", N_("access expired (ring)")),
}

# kind: (colour, glyph)
EVENT_KINDS = {
    "capture_operation": (VERMILLION, "CAP"),
    "land_strike": (VERMILLION, "LS"),
    "tanker_seizure": (INK, "TNK"),
    "vessel_interdiction": (INK, "INT"),
    "show_of_force": (ORANGE, "SoF"),
    "basing_step": (GREEN, "BAS"),
    "diplomatic": (PURPLE, "DIP"),
    "other": (GREY, "EV"),
}


def rgba(colour: tuple[int, int, int], alpha: int) -> list[int]:
    return [*colour, alpha]
