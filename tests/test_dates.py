"""Dates as sources give them: exactly YYYY-MM-DD, or a month that stands for
its first to its last day."""

from datetime import date

import pandas as pd
import pytest

from geo.dates import intervals, parse_day


def test_parse_day_reads_an_iso_day():
    assert parse_day("2025-10-31") == date(2025, 10, 31)


@pytest.mark.parametrize("text", ["20251031", "2025W401", "2025-10-31T00:00", " 2025-10-31", "2025-1-31", "2025-10"])
def test_parse_day_refuses_what_fromisoformat_would_stretch_to(text):
    with pytest.raises(ValueError, match="not of the form YYYY-MM-DD"):
        parse_day(text)


def test_parse_day_refuses_a_day_that_does_not_exist():
    with pytest.raises(ValueError):
        parse_day("2025-02-29")
    assert parse_day("2024-02-29") == date(2024, 2, 29)


def test_a_month_covers_its_first_to_its_last_day():
    first, last = intervals(pd.Series(["2025-10-27", "2025-02", "2024-02", "2025-12"]))
    assert list(first) == [pd.Timestamp(d) for d in ("2025-10-27", "2025-02-01", "2024-02-01", "2025-12-01")]
    assert list(last) == [pd.Timestamp(d) for d in ("2025-10-27", "2025-02-28", "2024-02-29", "2025-12-31")]


def test_an_empty_date_has_no_interval():
    first, last = intervals(pd.Series(["", None, "2025-09-02"], dtype="object"))
    assert first.isna().tolist() == [True, True, False] and last.isna().tolist() == [True, True, False]
    assert last.iloc[2] == pd.Timestamp("2025-09-02")


def test_parsed_dates_stand_for_themselves():
    days = pd.Series(pd.to_datetime(["2025-10-27", "2025-11-01"]))
    first, last = intervals(days)
    assert first is days and last is days


def test_a_date_in_another_form_or_an_impossible_month_has_no_interval():
    first, last = intervals(pd.Series(["2025/10/27", "2025-13", "27.10.2025", "2025-10-27"]))
    assert first.isna().tolist() == [True, True, True, False]
    assert last.isna().tolist() == [True, True, True, False]
