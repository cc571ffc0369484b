"""Dates as sources give them: a day, or only a month. A month stands for the
interval from its first to its last day, so filters never claim more."""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd


def interval(value: str | date) -> tuple[date, date]:
    """First and last day that a 'YYYY-MM-DD' or 'YYYY-MM' value (or a date) can mean."""
    if isinstance(value, date):
        return value, value
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value)
    return day, day


def intervals(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised `interval`: first and last days (datetime64; NaT where empty)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values, values
    text = values.astype("string")
    month = text.str.len() == 7
    first = pd.to_datetime(text.where(~month, text + "-01"), format="%Y-%m-%d", errors="coerce")
    last = first.where(~month, first + pd.offsets.MonthEnd(0))
    return first, last


def precision(value: str) -> str:
    return "month" if len(value) == 7 else "day"
