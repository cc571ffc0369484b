"""The charts as their design says: which column each axis, colour and tooltip
shows, under which words, and the numbers they are drawn from (tiny frames)."""

from __future__ import annotations

import pandas as pd

from geo import charts

DAY = pd.to_datetime


def q(field, title=None):
    return {"field": field, "type": "quantitative", **({"title": title} if title else {})}


def t(field, title=None):
    return {"field": field, "type": "temporal", **({"title": title} if title else {})}


def n(field, title=None):
    return {"field": field, "type": "nominal", **({"title": title} if title else {})}


MONTHS = {"format": "%b %Y", "tickCount": "month"}
RULE = {"mark": {"type": "rule", "color": "#444", "strokeDash": [4, 3]},
        "encoding": {"tooltip": [t("date", "date"), n("title", "event")], "x": t("date")}}  # fmt: skip
LABEL = {"mark": {"type": "text", "align": "left", "angle": 0, "color": "#333", "dx": 3, "dy": -4, "fontSize": 10},
         "encoding": {"text": n("short"), "x": t("date"), "y": {"value": 8}}}  # fmt: skip


def layers(part: dict, spec: dict) -> list[dict]:
    """Each layer's mark and encoding, with the rows of data it draws."""
    return [{"mark": layer["mark"], "encoding": layer["encoding"], "rows": spec["datasets"][layer["data"]["name"]]}
            for layer in part["layer"]]  # fmt: skip


def timeline_inputs(regions=("Caribbean Sea",)):
    weekly = pd.DataFrame({"week": DAY(["2025-09-01"] * len(regions)), "region": list(regions),
                           "strikes": 1, "vessels": 1, "killed": 11, "presumed_dead": 0, "deaths": 11})  # fmt: skip
    cumulative = pd.DataFrame({"date": DAY(["2025-09-02"]), "strikes": [1], "vessels": [1], "killed": [11],
                               "presumed_dead": [2], "deaths": [13]})  # fmt: skip
    marks = pd.DataFrame({"date": DAY(["2025-09-02"]), "title": ["First strike"], "short": ["First"]})
    return weekly, cumulative, marks


def test_timeline_weekly_bars_and_cumulative_line_on_a_desktop():
    spec = charts.timeline(*timeline_inputs()).to_dict()
    assert spec["resolve"] == {"scale": {"x": "shared"}}
    bars_part, line_part = spec["vconcat"]
    assert (bars_part["height"], bars_part["width"], line_part["height"], line_part["width"]) == (
        180,
        "container",
        180,
        "container",
    )
    bars, rules, labels = layers(bars_part, spec)
    assert bars["mark"] == {"type": "bar", "width": 6}
    assert bars["encoding"] == {
        "x": {**t("week", "week (starting Monday)"), "axis": MONTHS},
        "y": {**q("deaths", "deaths per week (killed + presumed dead)"), "stack": "zero"},
        "color": {**n("region"), "legend": {"columns": 4, "orient": "top", "title": None},
                  "scale": {"domain": ["Caribbean Sea"], "range": ["#0072B2"]}},
        "tooltip": [t("week", "week of"), n("region", "region"), q("strikes", "strikes"), q("killed", "killed"),
                    q("presumed_dead", "presumed dead")],
    }  # fmt: skip
    assert [row["deaths"] for row in bars["rows"]] == [11]
    for rule, label in ((rules, labels), layers(line_part, spec)[1:]):
        assert {"mark": rule["mark"], "encoding": rule["encoding"]} == RULE
        assert {"mark": label["mark"], "encoding": label["encoding"]} == LABEL
        assert [row["short"] for row in label["rows"]] == ["First"]
    line = layers(line_part, spec)[0]
    assert line["mark"] == {"type": "line", "color": "#D55E00", "interpolate": "step-after", "point": True}
    assert line["encoding"] == {
        "x": {**t("date", "date"), "axis": MONTHS},
        "y": q("deaths", "cumulative deaths in the selection"),
        "tooltip": [t("date", "date"), q("deaths", "cumulative deaths"), q("killed", "of which killed"),
                    q("presumed_dead", "of which presumed dead"), q("strikes", "cumulative strikes")],
    }  # fmt: skip
    assert [(row["deaths"], row["killed"], row["presumed_dead"]) for row in line["rows"]] == [(13, 11, 2)]


def test_timeline_colours_only_the_regions_present_in_a_fixed_order():
    weekly = timeline_inputs(("Western Atlantic", "Region not reported", "Caribbean Sea"))[0]
    spec = charts.timeline(weekly, *timeline_inputs()[1:]).to_dict()
    scale = spec["vconcat"][0]["layer"][0]["encoding"]["color"]["scale"]
    assert scale == {"domain": ["Caribbean Sea", "Western Atlantic", "Region not reported"],
                     "range": ["#0072B2", "#999999", "#CC79A7"]}  # fmt: skip


def test_phone_timeline_fixed_width_two_legend_columns_rules_without_text():
    spec = charts.timeline(*timeline_inputs(), labels=False).to_dict()
    for part in spec["vconcat"]:
        assert part["width"] == charts.PHONE_PLOT_WIDTH == 270
        assert len(part["layer"]) == 2
        rule = layers(part, spec)[1]
        assert {"mark": rule["mark"], "encoding": rule["encoding"]} == RULE
    assert spec["vconcat"][0]["layer"][0]["encoding"]["color"]["legend"]["columns"] == 2


def test_deployment_strip_one_bar_per_period_open_ones_to_today_and_fainter():
    periods = pd.DataFrame({
        "id": ["D019", "D021", "D030"], "first_date": DAY(["2025-11-04", "2025-11-16", "2025-12-01"]),
        "last_date": DAY(["2025-11-16", None, "2025-12-02"]), "region": ["Caribbean Sea"] * 3, "end_basis": [""] * 3,
    })  # fmt: skip
    spec = charts.deployment_strip(periods, pd.Timestamp("2026-10-05")).to_dict()
    assert spec["mark"] == {"type": "bar", "color": "#0072B2", "height": 14}
    assert spec["height"] == 90  # 30 pixels a period, at least 60
    assert spec["encoding"] == {
        "x": {**t("first_date"), "title": None, "axis": {"format": "%b %Y"}},
        "x2": {"field": "end"},
        "y": {**n("label"), "title": None, "sort": None, "axis": {"labelOverlap": False}},
        "opacity": {"condition": {"test": "(datum.open === 'ended')", "value": 0.9}, "value": 0.45},
        "tooltip": [n("id"), t("first_date", "from"), t("end", "to"), n("open", "end"), n("region", "region")],
    }  # fmt: skip
    rows = next(iter(spec["datasets"].values()))
    assert [(r["label"], r["end"][:10], r["open"]) for r in rows] == [
        ("D019", "2025-11-16", "ended"),
        ("D021", "2026-10-05", "no end reported"),
        ("D030", "2025-12-02", "ended"),
    ]
    one = charts.deployment_strip(periods.iloc[:1], pd.Timestamp("2026-10-05")).to_dict()
    assert one["height"] == 60


def test_totals_chart_our_two_lines_and_each_published_total():
    ours = pd.DataFrame({"date": DAY(["2025-09-02", "2025-10-27"]), "killed": [11, 25], "deaths": [11, 26]})
    published = pd.DataFrame({"as_of": DAY(["2025-10-28"]), "killed": [57], "publisher": ["AP"],
                              "qualifier": ["at_least"], "counts": ["killed"]})  # fmt: skip
    spec = charts.totals_chart(ours, published).to_dict()
    assert spec["resolve"] == {"scale": {"color": "shared"}}
    line, points = layers(spec, spec)
    assert line["mark"] == {"type": "line", "interpolate": "step-after"}
    assert line["encoding"] == {
        "x": {**t("date"), "title": None, "axis": {"format": "%b %Y"}},
        "y": q("count", "people killed, cumulative"),
        "color": {**n("measure"), "title": None, "legend": {"orient": "top"},
                  "scale": {"range": ["#0072B2", "#D55E00", "#000000"]}},
    }  # fmt: skip
    assert [(r["date"][:10], r["measure"], r["count"]) for r in line["rows"]] == [
        ("2025-09-02", "ours: killed", 11), ("2025-10-27", "ours: killed", 25),
        ("2025-09-02", "ours: killed + presumed dead", 11), ("2025-10-27", "ours: killed + presumed dead", 26),
    ]  # fmt: skip
    assert points["mark"] == {"type": "point", "filled": True, "size": 45}
    assert points["encoding"] == {
        "x": t("as_of"), "y": q("killed"), "color": {**n("measure"), "title": None},
        "shape": n("qualifier", "published as"),
        "tooltip": [t("as_of", "as of"), n("publisher", "publisher"), q("killed", "killed"),
                    n("qualifier", "published as"), n("counts", "what it counts")],
    }  # fmt: skip
    assert [(r["killed"], r["measure"], r["publisher"]) for r in points["rows"]] == [(57, "published totals", "AP")]


def test_milestones_are_labelled_unless_asked_not_to():
    marks = timeline_inputs()[2]
    base = charts.alt.Chart(marks).mark_point()
    assert len(charts.milestone_rules(marks, base).to_dict()["layer"]) == 3
    assert len(charts.milestone_rules(marks, base, labels=False).to_dict()["layer"]) == 2


def test_a_timeline_without_regions_has_no_region_colours():
    weekly = pd.DataFrame({"week": DAY(["2025-09-01"]), "strikes": [1], "killed": [3], "presumed_dead": [0],
                           "deaths": [3]})  # fmt: skip
    spec = charts.timeline(weekly, *timeline_inputs()[1:]).to_dict()
    assert spec["vconcat"][0]["layer"][0]["encoding"]["color"]["scale"] == {"domain": [], "range": []}


def test_totals_chart_draws_only_killed_and_deaths_of_a_fuller_frame():
    ours = pd.DataFrame({"date": DAY(["2025-09-02"]), "strikes": [1], "vessels": [1], "killed": [11],
                         "presumed_dead": [0], "deaths": [11]})  # fmt: skip
    published = pd.DataFrame({"as_of": DAY(["2025-10-28"]), "killed": [57], "publisher": ["AP"],
                              "qualifier": ["at_least"], "counts": ["killed"]})  # fmt: skip
    spec = charts.totals_chart(ours, published).to_dict()
    line = layers(spec, spec)[0]
    assert [(r["measure"], r["count"]) for r in line["rows"]] == [("ours: killed", 11),
                                                                  ("ours: killed + presumed dead", 11)]  # fmt: skip
