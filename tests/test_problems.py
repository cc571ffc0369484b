"""A data problem as an editor reads it: file:line: column: reason."""

from geo.problems import DataError, Problem


def test_a_problem_reads_file_line_column_reason():
    assert str(Problem("data/strikes.csv", 12, "killed", "not a whole number")) == (
        "data/strikes.csv:12: killed: not a whole number"
    )


def test_a_problem_of_the_whole_file_shows_a_dash_for_the_column():
    assert str(Problem("data/zones.geojson", 0, "", "file is missing")) == "data/zones.geojson:0: -: file is missing"


def test_data_error_lists_every_problem_sorted_by_file_then_line():
    late = Problem("data/strikes.csv", 9, "date", "after today")
    early = Problem("data/strikes.csv", 3, "killed", "negative")
    other = Problem("data/events.csv", 40, "kind", "unknown kind")
    error = DataError([late, early, other])
    assert error.problems == [other, early, late]
    assert error.report() == (
        "data/events.csv:40: kind: unknown kind\n"
        "data/strikes.csv:3: killed: negative\n"
        "data/strikes.csv:9: date: after today"
    )
    assert str(error) == "3 data problem(s):\n" + error.report()
