"""Unknown values stay unknown: figures that include them are floors and say
how many strikes they leave uncounted; survivors of unreported fate are their
own count; the presumed dead say why; the reporting grade follows the sources."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import stats
from geo.cli import main
from geo.grading import grade, grades
from tests.test_bad_data_corpus import edit_csv, read_cell


def frame(rows):
    cols = ["date", "region", "strikes", "vessels", "killed", "presumed_dead", "rescued", "survivors",
            "presumed_dead_basis"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    for col in cols[2:8]:
        out[col] = out[col].astype("Int64")
    out["date"] = pd.to_datetime(out["date"])
    return out


KNOWN_AND_UNKNOWN = frame([
    ("2026-01-01", "Caribbean Sea", 1, 1, 3, 0, 0, 0, None),
    ("2026-01-02", "Eastern Pacific", 2, 2, None, None, None, None, None),  # nothing but the strikes known
    ("2026-01-03", "Eastern Pacific", 1, 1, 1, 2, 0, 2, "search_suspended"),
    ("2026-01-04", None, 1, None, 4, None, None, 3, None),  # 3 survivors, fate unreported
    ("2026-01-05", "Caribbean Sea", 1, 1, 2, 1, 1, 3, "inferred"),  # 1 rescued, 1 presumed, 1 unknown
])  # fmt: skip


def test_sums_count_only_what_sources_state():
    total = stats.totals(KNOWN_AND_UNKNOWN)
    assert (total["strikes"], total["killed"], total["presumed_dead"], total["deaths"]) == (6, 10, 3, 13)
    assert total["vessels"] == 5 and total["survivors"] == 8 and total["rescued"] == 1


def test_uncounted_is_in_strikes_not_rows():
    total = stats.totals(KNOWN_AND_UNKNOWN)
    assert total["killed_uncounted"] == 2  # one row of two strikes
    assert total["presumed_dead_uncounted"] == 3  # that row and the 4 Jan one
    assert total["deaths_uncounted"] == 3
    assert total["vessels_uncounted"] == 1
    assert total["strikes_uncounted"] == 0


def test_survivors_of_unreported_fate_are_their_own_count():
    # 4 Jan: 3 survivors, none rescued or presumed dead; 5 Jan: 3 - 1 - 1 = 1; 3 Jan: 2 - 2 = 0
    assert stats.totals(KNOWN_AND_UNKNOWN)["fate_unknown"] == 4


def test_presumed_dead_by_basis():
    total = stats.totals(KNOWN_AND_UNKNOWN)
    assert (total["presumed_dead_search_suspended"], total["presumed_dead_inferred"]) == (2, 1)
    assert total["presumed_dead_officially_presumed"] == 0
    assert stats.presumed_dead_basis_text(total) == (
        "2 after a reported suspended search; 1 inferred (no search end reported)"
    )


def test_figures_say_at_least_and_how_many_strikes_are_left_out():
    total = stats.totals(KNOWN_AND_UNKNOWN)
    assert stats.figure_text(total, "killed") == "at least 10 (2 strikes with no reported figure)"
    assert stats.figure_text(total, "strikes") == "6"
    one = stats.totals(KNOWN_AND_UNKNOWN.iloc[[0, 3]])
    assert stats.figure_text(one, "vessels") == "at least 1 (1 strike with no reported figure)"


def test_a_strike_with_no_region_stays_in_the_weekly_series():
    weekly = stats.weekly(KNOWN_AND_UNKNOWN)
    assert weekly["killed"].sum() == 10
    assert stats.NO_REGION in set(weekly["region"])


@pytest.mark.parametrize(
    ("kinds", "announced", "expected"),
    [
        ({"official", "wire"}, False, "official_and_independent"),
        ({"official"}, False, "official_only"),
        ({"official", "aggregator"}, True, "official_only"),
        ({"newspaper"}, True, "official_and_independent"),  # an outlet relaying the announcement
        ({"newspaper"}, False, "independent_only"),
        ({"aggregator", "other"}, True, "secondary_only"),  # an announcement read only in rewrites
        ({"aggregator"}, False, "secondary_only"),
    ],
)
def test_grade_follows_the_kinds_of_sources(kinds, announced, expected):
    assert grade(kinds, announced) == expected


def test_grades_of_a_layer_read_the_register():
    kinds = pd.Series({"SRC-0001": "official", "SRC-0002": "aggregator", "SRC-0003": "wire"})
    layer = pd.DataFrame({"sources": ["SRC-0001;SRC-0003", "SRC-0002", "SRC-0002;SRC-0003"],
                          "announced_by": ["SOUTHCOM", "SOUTHCOM", ""]})  # fmt: skip
    assert list(grades(layer, kinds)) == ["official_and_independent", "secondary_only", "independent_only"]


def test_real_strikes_carry_a_grade_and_the_weak_ones_are_flagged():
    from geo.catalog import load_catalog

    strikes = load_catalog().strikes.set_index("id")
    assert strikes["reporting_grade"].notna().all()
    assert strikes.at["S042", "reporting_grade"] == "secondary_only"  # a feed entry read by title
    assert strikes.at["S051", "reporting_grade"] == "official_and_independent"  # release + AP


# --- validation of the unknowns -------------------------------------------------------


def first_line_with(path, column, value):
    line = 2
    while read_cell(path, line, column) != value:
        line += 1
    return line


def test_presumed_dead_need_a_basis(data_copy, capsys):
    path = data_copy / "strikes.csv"
    line = first_line_with(path, "id", "S011")
    edit_csv(path, line, "presumed_dead_basis", "")
    other = first_line_with(path, "id", "S001")
    edit_csv(path, other, "presumed_dead_basis", "inferred")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert f"strikes.csv:{line}: presumed_dead_basis: presumed_dead is more than 0" in out
    assert f"strikes.csv:{other}: presumed_dead_basis: a basis is given but presumed_dead is 0" in out


def test_region_and_zone_go_together_and_no_region_means_no_point(data_copy, capsys):
    path = data_copy / "strikes.csv"
    no_zone = first_line_with(path, "id", "S001")
    edit_csv(path, no_zone, "zone", "")
    no_region = first_line_with(path, "id", "S002")
    edit_csv(path, no_region, "region", "")
    pointed = first_line_with(path, "id", "S011")
    edit_csv(path, pointed, "region", "")
    edit_csv(path, pointed, "zone", "")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert f"strikes.csv:{no_zone}: zone: a region needs its zone" in out
    assert f"strikes.csv:{no_region}: region: a zone needs its region" in out
    assert f"strikes.csv:{pointed}: region: no region is given, so there can be no point" in out


def test_an_unknown_toll_is_empty_and_valid_but_a_word_is_not(data_copy, capsys):
    path = data_copy / "strikes.csv"
    line = first_line_with(path, "id", "S001")
    edit_csv(path, line, "killed", "")
    assert main(["validate", "--data-dir", str(data_copy)]) == 0
    edit_csv(path, line, "killed", "unknown")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    assert f"strikes.csv:{line}: killed: 'unknown' is not a whole number" in capsys.readouterr().out
