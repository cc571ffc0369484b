"""Quick choices of the date filter: the whole campaign, each month, and the
last 30 and 90 days of data (counted back from the latest record, not from
today, so the choice always shows data)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from geo.i18n import ENGLISH, N_, Translator

WHOLE = N_("Whole campaign")
LAST_30 = N_("Last 30 days of data")
LAST_90 = N_("Last 90 days of data")


def quick_ranges(first: date, latest: date) -> dict[str, tuple[date | None, date | None]]:
    ranges: dict[str, tuple[date | None, date | None]] = {WHOLE: (None, None)}
    ranges[LAST_30] = (latest - timedelta(days=29), latest)
    ranges[LAST_90] = (latest - timedelta(days=89), latest)
    year, month = first.year, first.month
    while (year, month) <= (latest.year, latest.month):
        last_day = calendar.monthrange(year, month)[1]
        label = date(year, month, 1).strftime("%B %Y")
        ranges[label] = (date(year, month, 1), date(year, month, last_day))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ranges


def label_of(ranges: dict, start: date | None, end: date | None) -> str | None:
    """The quick choice a range is, if any."""
    for label, span in ranges.items():
        if span == (start, end):
            return label
    return None


def shown(label: str, t: Translator = ENGLISH) -> str:
    """A quick choice as the reader reads it (the choices keep their English
    labels as keys, so a session's choice survives a change of language)."""
    if label in (WHOLE, LAST_30, LAST_90):
        return t.gettext(label)
    try:
        month = datetime.strptime(label, "%B %Y").date()
    except ValueError:
        return t.gettext(label)
    return t.date(month, "month")
