"""What a reader sees for one record: every field in order, and its sources
with their links (the dashboard shows both; the export carries the same)."""

from __future__ import annotations

import pandas as pd

from geo.schema import SOURCE_SEPARATOR

LAYER_OF_PREFIX = {"S": "strikes", "D": "deployments", "B": "sites", "E": "events"}
HIDDEN = {"geometry", "tip_title", "tip_body", "layer", "first_date", "last_date"}


def layer_of(record_id: str) -> str | None:
    return LAYER_OF_PREFIX.get(record_id[:1]) if record_id else None


def find(catalog, record_id: str) -> tuple[str, dict] | None:
    """(layer, record) for an id such as S012, or None when no such record."""
    layer = layer_of(record_id)
    if layer is None:
        return None
    frame = catalog.layer(layer)
    match = frame[frame["id"] == record_id]
    if match.empty:
        return None
    return layer, match.iloc[0].to_dict()


def as_text(value) -> str:
    """A cell as a reader sees it: missing values (None, NaN, NaT, NA) are empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fields(record: dict) -> pd.DataFrame:
    """Every field of the record as text, in the data's own column order."""
    rows = [(name, as_text(value)) for name, value in record.items() if name not in HIDDEN]
    return pd.DataFrame(rows, columns=["field", "value"])


def sources_of(catalog, ids: str) -> pd.DataFrame:
    wanted = [i for i in (ids or "").split(SOURCE_SEPARATOR) if i in catalog.sources.index]
    table = catalog.sources.loc[wanted, ["id", "publisher", "published", "title", "kind", "url"]]
    return table.reset_index(drop=True)


def site_history(catalog, site_id: str) -> pd.DataFrame:
    history = catalog.site_status[catalog.site_status["site_id"] == site_id]
    return history[["date", "status", "note", "sources"]].reset_index(drop=True)
