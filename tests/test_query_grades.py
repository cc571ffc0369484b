"""The reporting-grade filter and the words of warnings about links: rows
that pass one condition and fail another, grades read from and written to
links, refused values quoted short and escaped."""

from datetime import date

import geopandas as gpd
import pandas as pd

from geo.query import Filter, apply, echo, echo_all, from_params, in_grades, select, to_params
from tests.test_query import TinyCatalog, dated

OFFICIAL, BOTH, SECONDARY = "official_only", "official_and_independent", "secondary_only"


def graded_rows():
    """Row 0 passes every condition; each other row fails exactly one: grade, date, place."""
    return dated(["2025-10-10", "2025-10-11", "2025-09-10", "2025-10-12"],
                 ["2025-10-10", "2025-10-11", "2025-09-10", "2025-10-12"]).assign(
        region=["Sea B", "Sea B", "Sea B", "Sea A"], zone=["sea_b", "sea_b", "sea_b", "sea_a"],
        reporting_grade=[OFFICIAL, SECONDARY, OFFICIAL, OFFICIAL])  # fmt: skip


def test_a_row_must_have_a_chosen_grade_as_well_as_the_dates_and_place(tiny_zones):
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b",), grades=(OFFICIAL, BOTH))
    assert list(apply(graded_rows(), flt, tiny_zones).index) == [0]
    assert list(apply(graded_rows(), Filter(grades=(SECONDARY,)), tiny_zones).index) == [1]
    assert list(apply(graded_rows(), Filter(), tiny_zones).index) == [0, 1, 2, 3]  # no grade chosen: every grade


def test_a_layer_without_grades_is_not_filtered_by_grade():
    frame = pd.DataFrame({"id": ["X1", "X2"]}, index=[4, 5])
    assert in_grades(frame, (OFFICIAL,)).tolist() == [True, True]
    assert list(in_grades(frame, (OFFICIAL,)).index) == [4, 5]
    graded = pd.DataFrame({"reporting_grade": [OFFICIAL, SECONDARY]})
    assert in_grades(graded, ()).tolist() == [True, True]
    assert in_grades(graded, (SECONDARY,)).tolist() == [False, True]


def test_sites_are_filtered_by_grade_too(tiny_zones):
    catalog = TinyCatalog(tiny_zones)
    catalog.sites = gpd.GeoDataFrame(catalog.sites.assign(reporting_grade=[OFFICIAL, OFFICIAL, SECONDARY]),
                                     geometry=catalog.sites.geometry)  # fmt: skip
    found = select(catalog, Filter(grades=(SECONDARY,), layers=("sites",)))
    assert found["sites"][["id", "status"]].values.tolist() == [["B3", "proposed"]]


def test_grades_in_a_link_are_read_in_their_fixed_order_once_each(tiny_zones):
    parsed = from_params({"grade": [f"{SECONDARY}, Official_Only,,{SECONDARY}", "official_only"]}, tiny_zones)
    assert parsed.filter.grades == (OFFICIAL, SECONDARY) and parsed.warnings == ()
    assert to_params(parsed.filter) == {"grade": f"{OFFICIAL},{SECONDARY}"}
    assert from_params({"grade": [f"{OFFICIAL},{SECONDARY}"]}, tiny_zones).filter == parsed.filter


def test_an_unknown_grade_is_refused_with_the_known_ones(tiny_zones):
    parsed = from_params({"grade": ["rumour,official_only"]}, tiny_zones)
    assert parsed.filter.grades == (OFFICIAL,)
    assert parsed.warnings == (
        "unknown reporting grade 'rumour'; known: official_and_independent, official_only, independent_only, "
        "secondary_only",
    )


def test_no_layers_keeps_the_grades_too(tiny_zones):
    parsed = from_params({"layers": ["none"], "grade": ["official_only"]}, tiny_zones)
    assert parsed.filter == Filter(layers=(), grades=(OFFICIAL,))
    parsed = from_params({"layers": ["sites"], "grade": ["official_only"]}, tiny_zones)
    assert parsed.filter == Filter(layers=("sites",), grades=(OFFICIAL,))


def test_an_end_given_twice_is_said(tiny_zones):
    parsed = from_params({"end": ["2025-10-01", "2025-10-31"]}, tiny_zones)
    assert parsed.filter.end == date(2025, 10, 31)
    assert parsed.warnings == ("end is given 2 times; the last one is used",)


def test_a_refused_value_is_quoted_cut_at_40_characters_and_escaped():
    assert echo("a" * 40) == "'" + "a" * 40 + "'"
    assert echo("a" * 41) == "'" + "a" * 40 + "…'"
    assert echo("b" * 39 + "\n") == "'" + "b" * 39 + "\\n'"  # 40 characters: not cut
    assert echo("tab\there\x00") == "'tab\\there\\x00'"
    assert echo("é€") == "'é€'"
    assert echo("C:\\data") == "'C:\\data'"  # a backslash is printable: shown once, not escaped
    assert echo("\n" * 41) == "'" + "\\n" * 20 + "…'"  # 40 characters shown of the escaped text


def test_refused_names_three_at_most_then_counted():
    assert echo_all(["a", "b", "c"]) == "'a', 'b', 'c'"
    assert echo_all(["a", "b", "c", "d"]) == "'a', 'b', 'c' and 1 more"
    assert echo_all([str(n) for n in range(1003)]) == "'0', '1', '2' and 1,000 more"
