"""Dates as sources give them: a day, or only a month. A month stands for the
interval from its first to its last day, so filters never claim more."""

from __future__ import annotations

import pandas as pd


def intervals(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day each 'YYYY-MM-DD' or 'YYYY-MM' value can mean
    (datetime64; NaT where empty). Dates already parsed stand for themselves."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values, values
    text = values.astype("string")
    month = text.str.len() == 7
    first = pd.to_datetime(text.where(~month, text + "-01"), format="%Y-%m-%d", errors="coerce")
    last = first.where(~month, first + pd.offsets.MonthEnd(0))
    return first, last
