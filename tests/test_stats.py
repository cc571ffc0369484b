from datetime import date

import pandas as pd

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
    same_day = tallies(
        ("T1", "2026-02-23", "AP", 151, "yes", 0),
        ("T2", "2026-02-23", "CBS", 148, "unknown", 0),
        ("T3", "2026-02-23", "AFP", 150, "yes", 0),
    )
    assert stats.latest_tally(same_day, date(2026, 3, 1))["id"] == "T1"
