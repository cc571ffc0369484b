"""The records search and the record and totals charts, on tiny frames."""

from __future__ import annotations

import pandas as pd

from geo import charts
from geo.search import choices, folded, matching, records_table


def layer(rows, columns):
    return pd.DataFrame(rows, columns=columns)


SOURCES = pd.DataFrame({"title": ["Noboa floats Baltra base", "US strike kills 3"]}, index=["SRC-0001", "SRC-0002"])
SELECTION = {
    "strikes": layer(
        [("S001", pd.Timestamp("2025-10-27"), "Eastern Pacific", "boat", "Tren de Aragua", "Hegseth", "SRC-0002", 14),
         ("S002", pd.Timestamp("2025-09-02"), "Caribbean Sea", "go-fast", "", "Trump", "SRC-0002", 11)],
        ["id", "first_date", "region", "vessel_type", "alleged_group", "announced_by", "sources", "killed"],
    ),
    "sites": layer([("B025", pd.NaT, "Baltra Island, Galápagos", "Eastern Pacific", "SRC-0001")],
                   ["id", "first_date", "name", "region", "sources"]),
}  # fmt: skip


def test_search_matches_every_word_any_case_and_accent():
    table = records_table(SELECTION, SOURCES)
    assert list(matching(table, "galapagos")["id"]) == ["B025"]
    assert list(matching(table, "BALTRA noboa")["id"]) == ["B025"]  # name and a cited source's title
    assert list(matching(table, "tren aragua")["id"]) == ["S001"]
    assert matching(table, "galapagos tren").empty  # every word must occur


def test_search_by_date_as_readers_write_it():
    table = records_table(SELECTION, SOURCES)
    for written in ("27 Oct 2025", "2025-10-27", "27 October 2025"):
        assert list(matching(table, written)["id"]) == ["S001"], written


def test_exact_filters_and_choices():
    table = records_table(SELECTION, SOURCES)
    assert list(matching(table, "", vessel_type=["go-fast"])["id"]) == ["S002"]
    assert list(matching(table, "", layer=["sites"])["id"]) == ["B025"]
    assert list(table["id"]) == ["S001", "S002", "B025"]  # newest first, undated last
    assert sorted(choices(table, "announced_by")) == ["Hegseth", "Trump"]  # one each: any order
    assert folded("Galápagos") == "galapagos"


def test_deployment_strip_draws_every_period_and_open_ends_to_today():
    periods = pd.DataFrame({
        "id": ["D019", "D021"], "first_date": pd.to_datetime(["2025-11-04", "2025-11-16"]),
        "last_date": pd.to_datetime(["2025-11-16", None]), "region": ["Caribbean Sea"] * 2, "end_basis": ["", ""],
    })  # fmt: skip
    spec = charts.deployment_strip(periods, pd.Timestamp("2026-10-05")).to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [row["label"] for row in data] == ["D019", "D021"]
    assert data[1]["end"].startswith("2026-10-05") and data[1]["open"] == "no end reported"
    assert data[0]["open"] == "ended"


def test_totals_chart_has_our_lines_and_every_published_point():
    ours = pd.DataFrame({"date": pd.to_datetime(["2025-09-02", "2025-10-27"]), "killed": [11, 25], "deaths": [11, 26]})
    published = pd.DataFrame({"as_of": pd.to_datetime(["2025-10-28"]), "killed": [57], "publisher": ["AP"],
                              "qualifier": ["at_least"], "counts": ["killed"]})  # fmt: skip
    spec = charts.totals_chart(ours, published).to_dict()
    values = [row for dataset in spec["datasets"].values() for row in dataset]
    measures = {row.get("measure") for row in values}
    assert {"ours: killed", "ours: killed + presumed dead", "published totals"} <= measures
    assert any(row.get("publisher") == "AP" and row.get("killed") == 57 for row in values)


def test_phone_timeline_has_a_fixed_width_and_no_milestone_text():
    weekly = pd.DataFrame({"week": pd.to_datetime(["2025-09-01"]), "region": ["Caribbean Sea"], "strikes": [1],
                           "vessels": [1], "killed": [11], "presumed_dead": [0], "deaths": [11]})  # fmt: skip
    cumulative = pd.DataFrame({"date": pd.to_datetime(["2025-09-02"]), "strikes": [1], "vessels": [1], "killed": [11],
                               "presumed_dead": [0], "deaths": [11]})  # fmt: skip
    marks = pd.DataFrame({"date": pd.to_datetime(["2025-09-02"]), "title": ["First strike"], "short": ["First"]})
    phone = charts.timeline(weekly, cumulative, marks, labels=False).to_dict()
    desk = charts.timeline(weekly, cumulative, marks).to_dict()
    assert all(part["width"] == charts.PHONE_PLOT_WIDTH for part in phone["vconcat"])
    assert all(len(part["layer"]) == 2 for part in phone["vconcat"])  # bars or line, and the rules
    assert all(len(part["layer"]) == 3 for part in desk["vconcat"])  # and the milestone text
