"""The methods page's figures, from a tiny catalog whose sums are worked out by hand."""

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from geo.catalog import NOT_PLACED, PLACED_REPORTED, PLACED_ZONE
from geo.methods import METHODS, figures, methods_text
from geo.release import Release

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8


def tiny_catalog():
    nan = float("nan")
    strikes = pd.DataFrame({
        "date": pd.to_datetime(["2025-09-02", "2025-10-27", "2026-01-05"]),
        "strikes": [1, 3, 1], "vessels": [1, 4, nan], "killed": [1100, 14, nan], "presumed_dead": [0, 1, 2],
        "rescued": [0, 1, 0], "survivors": [0, 4, 2],
        "presumed_dead_basis": ["", "search_suspended", "inferred"],
        "geo_precision": [2, 3, 3], "placed_at": [PLACED_REPORTED, PLACED_ZONE, NOT_PLACED],
    })  # fmt: skip
    return SimpleNamespace(
        strikes=strikes,
        tallies=pd.DataFrame({"id": ["T001", "T002"]}),
        release=Release("2026-01-07", date(2026, 1, 7)),
        latest_record=date(2026, 1, 6),
    )


def test_every_figure_worked_out_by_hand():
    found = figures(tiny_catalog())
    grades = found.pop("grades")
    assert found == {
        "release": "2026-01-07",
        "announcements": "3",
        "strikes": "5",
        "vessels": "5",
        "killed": "1,114",  # thousands separated, as the page prints them
        "presumed_dead": "3",
        "presumed_basis": "1 after a reported suspended search; 2 inferred (no search end reported)",
        "rescued": "1",
        "fate_unknown": "2",  # 4 survivors of the second row: 1 rescued, 1 presumed dead
        "deaths": "1,117",
        "unknown_toll": "1",
        "tallies": "2",
        "first_strike": "02 September 2025",
        "last_strike": "05 January 2026",
        "latest_record": "06 January 2026",
        "precision_two": "1",
        "precision_three": "2",
        "unplaced": "1",
    }
    assert grades.splitlines() == [
        "- **official and independent**: an official statement and independent reporting.",
        "- **official only**: an official statement only; no independent outlet cited.",
        "- **independent only**: independent reporting only; no official statement.",
        "- **secondary only**: only aggregators or rewrite sites; no official statement or independent outlet read.",
    ]


def test_without_presumed_dead_the_basis_reads_none():
    catalog = tiny_catalog()
    catalog.strikes["presumed_dead"] = 0
    assert figures(catalog)["presumed_basis"] == "none"


def test_the_page_is_the_template_with_its_placeholders_filled(tmp_path):
    template = tmp_path / "methods.md"
    template.write_text("{announcements} announcements of {strikes} strikes, release {release}.\n", encoding="utf-8")
    assert methods_text(tiny_catalog(), template) == "3 announcements of 5 strikes, release 2026-01-07.\n"
    text = methods_text(tiny_catalog())
    assert METHODS.name == "methods.md" and "{" not in text and "1,114" in text
