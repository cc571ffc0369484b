"""The records table behind the search page, built from tiny layers: every
column it shows, newest first, and free-text search that takes words literally."""

from __future__ import annotations

import pandas as pd

from geo.search import COLUMNS, matching, records_table, text_of

SOURCES = pd.DataFrame(
    {"title": ["Noboa floats Baltra base", "US strike kills 3", "Hegseth on X"]},
    index=["SRC-0001", "SRC-0002", "SRC-0003"],
)
DAY = pd.Timestamp


def selection():
    strikes = pd.DataFrame({
        "id": ["S001", "S002"], "first_date": [DAY("2025-10-27"), DAY("2025-09-02")],
        "date": [DAY("2025-10-27"), DAY("2025-09-02")],
        "region": ["Eastern Pacific", "Caribbean Sea"], "zone_name": ["Off Colombia", "Caribbean Sea"],
        "vessel_type": ["boat", "go-fast"], "alleged_group": ["Tren de Aragua", None],
        "announced_by": ["Hegseth", "Trump"], "reporting_grade": ["official_only", "official_and_independent"],
        "sources": ["SRC-0002;SRC-0003", "SRC-0002"], "killed": [14, float("nan")],
    })  # fmt: skip
    deployments = pd.DataFrame({
        "id": ["D007"], "first_date": [DAY("2025-09-02")], "asset": ["USS Iwo Jima"], "region": ["Caribbean Sea"],
        "sources": ["SRC-0009"], "killed": [99],  # a stray count on a layer that has none is not shown
    })  # fmt: skip
    events = pd.DataFrame({"id": ["E003"], "first_date": [DAY("2026-01-03")], "title": ["Capture operation"],
                           "region": ["Caribbean Sea"], "sources": ["SRC-0001"], "killed": [80]})  # fmt: skip
    sites = pd.DataFrame({"id": ["B025"], "first_date": [pd.NaT], "name": ["Baltra Island, Galápagos"],
                          "region": ["Eastern Pacific"], "sources": [None]})  # fmt: skip
    return {"strikes": strikes, "deployments": deployments, "events": events, "sites": sites}


def test_every_column_of_every_record_newest_first_undated_last():
    table = records_table(selection(), SOURCES)
    assert list(table.columns) == COLUMNS
    rows = table.drop(columns="text").to_dict("records")
    assert [(r["layer"], r["id"]) for r in rows] == [
        ("events", "E003"), ("strikes", "S001"), ("strikes", "S002"), ("deployments", "D007"), ("sites", "B025"),
    ]  # S002 and D007 share a day and keep the layers' order  # fmt: skip
    assert [r["date"] for r in rows[:4]] == [DAY("2026-01-03"), DAY("2025-10-27"), DAY("2025-09-02"), DAY("2025-09-02")]
    assert pd.isna(rows[4]["date"])
    s001 = rows[1]
    assert {k: s001[k] for k in ("title", "region", "zone", "vessel_type", "alleged_group", "announced_by",
                                 "reporting_grade", "killed")} == {
        "title": "Strike of 27 Oct 2025", "region": "Eastern Pacific", "zone": "Off Colombia", "vessel_type": "boat",
        "alleged_group": "Tren de Aragua", "announced_by": "Hegseth", "reporting_grade": "official_only",
        "killed": 14,
    }  # fmt: skip
    assert rows[2]["alleged_group"] == "" and pd.isna(rows[2]["killed"])  # unknown stays unknown, never "nan"
    assert rows[0]["killed"] == 80 and rows[0]["title"] == "Capture operation"
    assert pd.isna(rows[3]["killed"]) and rows[3]["title"] == "USS Iwo Jima" and rows[3]["zone"] == ""
    assert rows[4]["title"] == "Baltra Island, Galápagos" and rows[4]["reporting_grade"] == ""


def test_search_finds_the_title_of_every_source_cited_and_survives_unknown_ids():
    table = records_table(selection(), SOURCES)
    assert list(matching(table, "hegseth on x")["id"]) == ["S001"]  # the second source of S001
    assert list(matching(table, "kills")["id"]) == ["S001", "S002"]
    assert list(matching(table, "galapagos")["id"]) == ["B025"]
    assert list(matching(table, "iwo")["id"]) == ["D007"]  # SRC-0009 is not in the register


def test_search_takes_words_literally_and_adds_nothing_of_its_own():
    table = records_table(selection(), SOURCES)
    assert matching(table, "s.01").empty  # not a pattern: "s001" does not contain "s.01"
    assert matching(table, "xx").empty and matching(table, "nan").empty
    assert len(matching(table)) == len(table) == 5


def test_a_word_and_an_exact_choice_must_both_hold():
    table = records_table(selection(), SOURCES)
    assert list(matching(table, "caribbean", layer=["strikes"])["id"]) == ["S002"]
    assert list(matching(table, "caribbean", layer=[])["id"]) == ["E003", "S002", "D007"]  # no choice: all


def test_sources_without_titles_and_an_empty_selection():
    table = records_table({"strikes": selection()["strikes"]}, pd.DataFrame(index=["SRC-0002"]))
    assert list(table["id"]) == ["S001", "S002"]
    empty = records_table({}, SOURCES)
    assert empty.empty and list(empty.columns) == COLUMNS


def test_text_of_reads_missing_values_as_empty():
    assert [text_of(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", "x", 5, 0)] == [
        "",
        "",
        "",
        "",
        "",
        "x",
        "5",
        "0",
    ]


def test_records_of_one_day_keep_their_order_however_many():
    day = pd.DataFrame({"id": [f"S{n:03d}" for n in range(1, 41)], "first_date": [DAY("2025-10-27")] * 40})
    later = pd.DataFrame({"id": ["E001", "E002"], "first_date": [DAY("2025-11-01"), DAY("2025-11-02")]})
    table = records_table({"strikes": day, "events": later}, SOURCES)
    assert list(table["id"]) == ["E002", "E001", *day["id"]]


def test_undated_records_have_an_empty_date_not_none():
    table = records_table({"sites": pd.DataFrame({"id": ["B001"], "name": ["Base"]})}, SOURCES)
    assert pd.api.types.is_datetime64_any_dtype(table["date"]) and pd.isna(table.at[0, "date"])


def test_a_reader_of_spanish_finds_records_by_their_spanish_dates_and_words():
    from geo.i18n import translator

    es = translator("es")
    layers = selection()
    layers["strikes"] = layers["strikes"].assign(title=None)
    layers["deployments"] = layers["deployments"].assign(asset_type=["aircraft_carrier"])
    layers["events"] = layers["events"].assign(kind=["capture_operation"])
    layers["sites"] = layers["sites"].assign(kind=["naval_base"], status=["proposed"])
    table = records_table(layers, SOURCES, es)
    found = lambda words: sorted(matching(table, words)["id"])  # noqa: E731
    assert found("27 oct 2025") == ["S001"] and found("27 de octubre de 2025") == ["S001"]
    assert found("pacifico oriental") == ["B025", "S001"]  # accents folded, as a reader types
    assert found("portaaviones") == ["D007"]
    assert found("operacion de captura") == ["E003"]
    assert found("base naval") == ["B025"] and found("propuesto") == ["B025"]
    assert table.set_index("id").at["S001", "title"] == "Ataque del 27 oct 2025"
    english = records_table(layers, SOURCES)
    assert matching(english, "portaaviones").empty and matching(english, "27 de octubre").empty
    assert english.set_index("id").at["S001", "title"] == "Strike of 27 Oct 2025"
