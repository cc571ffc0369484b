"""One table of every record of every layer, and free-text search over it.

The text searched is each record's id, date (2025-10-27, 27 Oct 2025),
places, asset, unit, names, alleged group, announcer, notes and the titles of
the sources it cites. Every word of
the query must occur (in any order); case and accents do not matter, so
"galapagos" finds "Galápagos".
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from geo.details import title_of
from geo.i18n import ENGLISH, Translator
from geo.schema import SOURCE_SEPARATOR

SEARCHED = ("id", "title", "name", "asset", "unit", "country", "zone_name", "region", "location_basis",
            "vessel_type", "alleged_group", "announced_by", "kind", "asset_type", "status", "notes")  # fmt: skip
COLUMNS = ["layer", "id", "date", "title", "region", "zone", "vessel_type", "alleged_group", "announced_by",
           "reporting_grade", "killed", "text"]  # fmt: skip


def folded(text: str) -> str:
    """Lower case without accents, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def text_of(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


# coded columns whose words in the reader's language are searched too
SEARCHED_WORDS = {"region": "region", "asset_type": "asset_type", "status": "status"}


def reader_words(layer: str, record: dict, t: Translator) -> list[str]:
    """The record's dates and coded values as a reader of another language
    writes them ("27 oct 2025", "portaaviones"), so a search in that language finds it."""
    if t.lang == ENGLISH.lang:
        return []
    words = [t.word(kind, text_of(record.get(name))) for name, kind in SEARCHED_WORDS.items() if record.get(name)]
    if record.get("kind"):
        words.append(t.word("site_kind" if layer == "sites" else "event_kind", record["kind"]))
    zone = text_of(record.get("zone_name"))
    when = record.get("first_date")
    dated = [t.date(when), t.date(when, "long")] if pd.notna(when) else []
    return [*words, t.gettext(zone) if zone else "", *dated]


def records_table(selection: dict[str, pd.DataFrame], sources: pd.DataFrame, t: Translator = ENGLISH) -> pd.DataFrame:
    """Every record of the chosen layers in one frame (COLUMNS), newest first;
    searchable in English and in `t`'s language."""
    titles = sources["title"].astype(str).to_dict() if "title" in sources.columns else {}
    rows = []
    for layer, frame in selection.items():
        for record in frame.to_dict("records"):
            cited = [titles.get(i.strip(), "") for i in text_of(record.get("sources")).split(SOURCE_SEPARATOR)]
            when = record.get("first_date")
            dated = [f"{when:%Y-%m-%d} {when:%d %b %Y} {when:%d %B %Y}"] if pd.notna(when) else []
            words = [text_of(record.get(name)) for name in SEARCHED] + cited + dated + reader_words(layer, record, t)
            rows.append({
                "layer": layer, "id": record["id"], "date": when if pd.notna(when) else pd.NaT,
                "title": title_of(record, t), "region": text_of(record.get("region")),
                "zone": text_of(record.get("zone_name")), "vessel_type": text_of(record.get("vessel_type")),
                "alleged_group": text_of(record.get("alleged_group")),
                "announced_by": text_of(record.get("announced_by")),
                "reporting_grade": text_of(record.get("reporting_grade")),
                "killed": record.get("killed") if layer in ("strikes", "events") else None,
                "text": folded(" ".join(words)),
            })  # fmt: skip
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values("date", ascending=False, kind="stable", na_position="last").reset_index(drop=True)


def matching(table: pd.DataFrame, query: str = "", **exact: list[str]) -> pd.DataFrame:
    """The rows containing every word of `query`, and whose columns named in
    `exact` (vessel_type=[...], layer=[...], ...) hold one of the values given."""
    keep = pd.Series(True, index=table.index)
    for word in folded(query).split():
        keep &= table["text"].str.contains(word, regex=False)
    for column, values in exact.items():
        if values:
            keep &= table[column].isin(values)
    return table[keep]


def choices(table: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column, most frequent first."""
    values = table[column][table[column] != ""]
    return list(values.value_counts().index)
