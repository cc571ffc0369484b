from datetime import date

import pandas as pd
import pytest

from geo import stats


def strikes(*rows):
    """rows: (date, region, strikes, vessels, killed, presumed_dead, rescued, survivors)"""
    cols = ["date", "region", "strikes", "vessels", "killed", "presumed_dead", "rescued", "survivors"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


SAMPLE = strikes(
    ("2025-09-02", "Caribbean Sea", 1, 1, 11, 0, 0, 0),
    ("2025-10-27", "Eastern Pacific", 3, 4, 14, 1, 0, 1),
    ("2025-10-29", "Eastern Pacific", 1, 1, 4, 0, 0, 0),
    ("2025-12-30", "Eastern Pacific", 3, 3, 3, 8, 0, 8),
)


def test_totals_keep_killed_and_presumed_dead_apart():
    total = stats.totals(SAMPLE)
    assert {k: total[k] for k in ("strikes", "vessels", "killed", "presumed_dead", "rescued", "survivors", "deaths",
                                  "records")} == {
        "strikes": 8, "vessels": 9, "killed": 32, "presumed_dead": 9, "rescued": 0,
        "survivors": 9, "deaths": 41, "records": 4,
    }  # fmt: skip
    assert stats.totals(SAMPLE.iloc[:0])["deaths"] == 0


def test_weekly_series_has_every_week_and_region():
    weekly = stats.weekly(SAMPLE.iloc[1:3])  # 27 Oct (Mon) and 29 Oct: one week
    assert list(weekly["week"].dt.date) == [date(2025, 10, 27)]
    assert weekly.iloc[0][["strikes", "killed", "presumed_dead", "deaths"]].tolist() == [4, 18, 1, 19]
    spread = stats.weekly(SAMPLE)
    assert spread["week"].nunique() == 18  # 1 Sep to 29 Dec 2025, lulls included
    assert spread["deaths"].sum() == 41 and (spread.groupby("week").size() == 2).all()


def test_cumulative_runs_by_date():
    running = stats.cumulative(SAMPLE)
    assert running["deaths"].tolist() == [11, 26, 30, 41]
    assert running["killed"].iloc[-1] == 32


def tallies(*rows):
    cols = ["id", "as_of", "publisher", "killed", "includes_presumed_dead", "known_difference"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def test_latest_tally_up_to_a_date():
    published = tallies(("T1", "2025-10-28", "AFP", 57, "no", 0), ("T2", "2026-01-07", "SOUTHCOM", 123, "yes", 0))
    assert stats.latest_tally(published, date(2025, 12, 31))["id"] == "T1"
    assert stats.latest_tally(published, None)["id"] == "T2"
    assert stats.latest_tally(published, date(2025, 9, 1)) is None


def test_comparison_counts_as_the_tally_counts():
    afp = stats.compare(tallies(("T1", "2025-10-28", "AFP", 25, "no", 0)).iloc[0].to_dict(), SAMPLE)
    assert (afp.ours_comparable, afp.difference, afp.explained) == (25, 0, True)
    southcom = stats.compare(tallies(("T2", "2026-01-07", "S", 41, "yes", 0)).iloc[0].to_dict(), SAMPLE)
    assert (southcom.ours_comparable, southcom.difference) == (41, 0)
    # a tally that leaves out the 8 of 30 Dec, with that difference recorded
    ap = stats.compare(tallies(("T3", "2025-12-31", "AP", 33, "yes", -8)).iloc[0].to_dict(), SAMPLE)
    assert (ap.difference, ap.explained) == (-8, True)
    unexplained = stats.compare(tallies(("T4", "2025-12-31", "X", 40, "yes", 0)).iloc[0].to_dict(), SAMPLE)
    assert (unexplained.difference, unexplained.explained) == (-1, False)


def test_same_day_tallies_prefer_the_fullest_count():
    """A count with the presumed dead wins over a higher one that does not say
    whether it includes them; among full counts the highest wins."""
    same_day = tallies(
        ("T1", "2026-02-23", "AP", 150, "yes", 0),
        ("T2", "2026-02-23", "CBS", 155, "unknown", 0),
        ("T3", "2026-02-23", "AFP", 148, "yes", 0),
        ("T4", "2026-02-22", "Airwars", 160, "yes", 0),
    )
    assert stats.latest_tally(same_day, date(2026, 3, 1))["id"] == "T1"
    without_full = same_day[same_day["includes_presumed_dead"] != "yes"]
    assert stats.latest_tally(without_full, None)["id"] == "T2"


def test_a_tally_published_on_the_end_date_counts():
    published = tallies(("T1", "2025-10-28", "AFP", 57, "no", 0), ("T2", "2025-10-29", "AP", 61, "no", 0))
    assert stats.latest_tally(published, date(2025, 10, 28))["id"] == "T1"
    assert stats.latest_tally(published, date(2025, 10, 29))["id"] == "T2"


def test_a_strike_on_the_tally_date_is_in_our_count():
    # 27 Oct 2025: 11 killed on 2 Sep, 14 killed and 1 presumed dead on 27 Oct
    tally = tallies(("T1", "2025-10-27", "AFP", 25, "no", 0)).iloc[0].to_dict()
    found = stats.compare(tally, SAMPLE)
    assert (found.ours_comparable, found.difference, found.explained) == (25, 0, True)
    assert {k: found.ours[k] for k in ("strikes", "vessels", "killed", "presumed_dead", "rescued", "survivors",
                                       "deaths", "records")} == {
        "strikes": 4, "vessels": 5, "killed": 25, "presumed_dead": 1, "rescued": 0,
        "survivors": 1, "deaths": 26, "records": 2,
    }  # fmt: skip
    assert found.tally is tally


def test_an_empty_known_difference_means_none_is_explained():
    for empty in (None, float("nan"), pd.NA):
        exact = stats.compare({"as_of": "2025-10-29", "killed": 30, "includes_presumed_dead": "yes",
                               "known_difference": empty}, SAMPLE)  # fmt: skip
        assert (exact.difference, exact.explained) == (0, True), empty
        short = stats.compare({"as_of": "2025-10-29", "killed": 29, "includes_presumed_dead": "yes",
                               "known_difference": empty}, SAMPLE)  # fmt: skip
        assert (short.difference, short.explained) == (-1, False), empty
    missing = stats.compare({"as_of": "2025-10-29", "killed": 30, "includes_presumed_dead": "yes"}, SAMPLE)
    assert missing.explained


def test_each_published_tally_is_compared():
    published = tallies(
        ("T1", "2025-09-19", "Newsday", 11, "no", 0),
        ("T2", "2025-10-28", "AFP", 30, "no", 0),
        ("T3", "2026-01-07", "SOUTHCOM", 41, "unknown", 0),
    )
    found = stats.tally_comparisons(published, SAMPLE)
    assert [c.tally["id"] for c in found] == ["T1", "T2", "T3"]
    # 11 by 19 Sep; 25 killed by 28 Oct; 41 deaths (32 killed + 9 presumed) by 7 Jan
    got = [(c.ours_comparable, c.difference, c.explained) for c in found]
    assert got == [(11, 0, True), (25, 5, False), (41, 0, True)]
    assert stats.tally_comparisons(published.iloc[:0], SAMPLE) == []


def test_each_comparison_says_what_it_counts():
    def measure(includes):
        tally = {"as_of": "2026-01-07", "killed": 41, "includes_presumed_dead": includes, "known_difference": 0}
        return stats.compare(tally, SAMPLE).measure

    assert measure("yes") == "killed and presumed dead"
    assert measure("no") == "killed in strikes"
    assert measure("unknown") == "deaths (not stated whether the missing are counted)"


def test_an_empty_selection_has_empty_series_with_their_columns():
    nothing = SAMPLE.iloc[:0]
    weekly = stats.weekly(nothing)
    assert weekly.empty
    assert list(weekly.columns) == ["week", "region", "strikes", "vessels", "killed", "presumed_dead", "deaths"]
    running = stats.cumulative(nothing)
    assert running.empty
    assert list(running.columns) == ["date", "strikes", "vessels", "killed", "presumed_dead", "deaths"]


def test_series_count_in_whole_numbers():
    for series in (stats.weekly(SAMPLE), stats.cumulative(SAMPLE)):
        for column in ("strikes", "vessels", "killed", "presumed_dead", "deaths"):
            assert pd.api.types.is_integer_dtype(series[column]), column


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_series_use_no_deprecated_pandas_alias():
    """A deprecated frequency alias works today and breaks on the next pandas."""
    assert len(stats.weekly(SAMPLE)) == 36
    assert len(stats.cumulative(SAMPLE)) == 4


def test_a_figure_with_nothing_uncounted_is_the_plain_number():
    assert stats.figure_text({"killed": 1234}, "killed") == "1,234"
    assert stats.figure_text({"killed": 7, "killed_uncounted": 1}, "killed") == (
        "at least 7 (1 strike with no reported figure)"
    )


def test_presumed_dead_listed_by_officials_say_so():
    total = {"presumed_dead_search_suspended": 0, "presumed_dead_officially_presumed": 3, "presumed_dead_inferred": 1}
    assert stats.presumed_dead_basis_text(total) == "3 so listed by officials; 1 inferred (no search end reported)"


def test_totals_without_a_basis_column_or_a_stated_strike_count():
    frame = pd.DataFrame({"strikes": [float("nan"), 2], "vessels": [1, 2], "killed": [float("nan"), float("nan")],
                          "presumed_dead": [0, 1], "rescued": [0, 2], "survivors": [1, 1]})  # fmt: skip
    total = stats.totals(frame)
    assert total["killed_uncounted"] == 2  # only strikes a source counts are counted as left out
    assert total["presumed_dead_search_suspended"] == total["presumed_dead_inferred"] == 0
    assert total["fate_unknown"] == 1  # 1 survivor of unreported fate; the inconsistent row counts none, never -2
