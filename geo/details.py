"""What a reader sees for one record: every field in order, and its sources
with their links (the dashboard shows both; the export carries the same)."""

from __future__ import annotations

import pandas as pd

from geo.i18n import ENGLISH, Translator
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


def title_of(record: dict, t: Translator = ENGLISH) -> str:
    """A record's short title as readers see it in lists."""
    for name in ("title", "name", "asset"):
        text = as_text(record.get(name))
        if text:
            return text
    when = record.get("date")
    if isinstance(when, pd.Timestamp):
        return t.gettext("Strike of {date}").format(date=t.date(when))
    return t.gettext("Strike")


def same_place(selection: dict) -> dict[str, list[tuple[str, str]]]:
    """For each record with a point of its own that shares it with others (a
    site and two events at one airport), the others there: id -> [(id, title)].
    Only reported points count: records placed at a zone's reference point are
    drawn as the zone, not as marks."""
    rows = []
    for frame in selection.values():
        own = frame[frame["placed_at"] == "reported point"] if "placed_at" in frame.columns else frame.iloc[:0]
        wanted = [c for c in ("id", "lon", "lat", "title", "name", "asset", "date") if c in own]
        for record in own[wanted].to_dict("records"):
            place = (round(float(record["lon"]), 3), round(float(record["lat"]), 3))
            rows.append((*place, record["id"], title_of(record)))
    by_place: dict[tuple, list[tuple[str, str]]] = {}
    for lon, lat, record_id, title in rows:
        by_place.setdefault((lon, lat), []).append((record_id, title))
    out = {}
    for group in by_place.values():
        if len(group) > 1:
            for record_id, _ in group:
                out[record_id] = [item for item in group if item[0] != record_id]
    return out


def site_history(catalog, site_id: str) -> pd.DataFrame:
    history = catalog.site_status[catalog.site_status["site_id"] == site_id]
    return history[["date", "status", "note", "sources"]].reset_index(drop=True)
