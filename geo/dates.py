"""Dates as sources give them: a day, or only a month. A month stands for the
interval from its first to its last day, so filters never claim more."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_day(text: str) -> date:
    """Exactly YYYY-MM-DD, as the page and the command line promise (Python's
    fromisoformat would also take 20251031 or 2025W401); ValueError otherwise."""
    if not DAY.fullmatch(text):
        raise ValueError(f"not of the form YYYY-MM-DD: {text!r}")
    return date.fromisoformat(text)


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
