"""The weeks of a playback and what the map shows at each: strikes and events
cumulative from the range's start, deployments present that week, sites as
of the week's last day."""

from datetime import date

import geopandas as gpd
import pandas as pd

from geo.playback import Step, at_step, range_of, step_label, steps, strikes_at
from geo.query import Filter


def test_steps_are_weeks_from_the_range_start_and_the_last_one_ends_on_the_range_end():
    weeks = steps(date(2025, 9, 2), date(2025, 9, 17))
    assert [(s.first, s.last) for s in weeks] == [
        (date(2025, 9, 2), date(2025, 9, 8)),
        (date(2025, 9, 9), date(2025, 9, 15)),
        (date(2025, 9, 16), date(2025, 9, 17)),  # two days: the range ends there
    ]
    assert [(s.number, s.of) for s in weeks] == [(1, 3), (2, 3), (3, 3)]


def test_a_range_of_exactly_one_week_is_one_step_and_a_reversed_range_none():
    assert [(s.first, s.last) for s in steps(date(2026, 1, 5), date(2026, 1, 11))] == [
        (date(2026, 1, 5), date(2026, 1, 11))
    ]
    assert len(steps(date(2026, 1, 5), date(2026, 1, 12))) == 2
    assert steps(date(2026, 1, 5), date(2026, 1, 5)) == [Step(1, 1, date(2026, 1, 5), date(2026, 1, 5))]
    assert steps(date(2026, 1, 6), date(2026, 1, 5)) == []


def test_an_open_filter_plays_the_whole_record():
    first, latest = date(2025, 9, 2), date(2026, 10, 4)
    assert range_of(Filter(), first, latest) == (first, latest)
    assert range_of(Filter(start=date(2026, 1, 1)), first, latest) == (date(2026, 1, 1), latest)
    assert range_of(Filter(end=date(2025, 12, 31)), first, latest) == (first, date(2025, 12, 31))


def test_step_labels_say_the_week_and_its_days():
    assert step_label(Step(5, 57, date(2025, 9, 30), date(2025, 10, 6))) == "Week 5 of 57: 30 Sep to 6 Oct 2025"
    assert step_label(Step(18, 57, date(2025, 12, 30), date(2026, 1, 5))) == (
        "Week 18 of 57: 30 Dec 2025 to 5 Jan 2026"
    )
    assert step_label(Step(3, 3, date(2026, 2, 1), date(2026, 2, 1))) == "Week 3 of 3: 1 Feb 2026"


def test_step_labels_in_spanish_name_the_year_once_within_a_year():
    from geo.i18n import translator

    es = translator("es")
    assert step_label(Step(5, 57, date(2025, 9, 30), date(2025, 10, 6)), es) == "Semana 5 de 57: 30 sept a 6 oct 2025"
    assert step_label(Step(2, 3, date(2026, 2, 2), date(2026, 2, 8)), es) == "Semana 2 de 3: 2 feb a 8 feb 2026"
    assert step_label(Step(18, 57, date(2025, 12, 30), date(2026, 1, 5)), es) == (
        "Semana 18 de 57: 30 dic 2025 a 5 ene 2026"
    )
    assert step_label(Step(3, 3, date(2026, 2, 1), date(2026, 2, 1)), es) == "Semana 3 de 3: 1 feb 2026"


def dated(ids, first, last):
    return pd.DataFrame({
        "id": ids,
        "first_date": pd.to_datetime(first),
        "last_date": pd.to_datetime(last),
        "region": "Sea A",
        "zone": "sea_a",
    })  # fmt: skip


class WeekCatalog:
    """A strike on 2 Sep and one on 9 Sep; an event on 15 Sep; a deployment
    from 1 to 5 Sep and one from 10 Sep on; a site proposed on 1 Sep and in
    use from 12 Sep."""

    def __init__(self, zones):
        def frame(table):
            return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy([-15.0] * len(table), [0.0] * len(table)))

        self.strikes = frame(
            dated(["S1", "S2"], ["2025-09-02", "2025-09-09"], ["2025-09-02", "2025-09-09"]).assign(
                strikes=[1, 1], killed=[3, 4]
            )
        )
        self.events = frame(dated(["E1"], ["2025-09-15"], ["2025-09-15"]))
        self.deployments = frame(dated(["D1", "D2"], ["2025-09-01", "2025-09-10"], ["2025-09-05", None]))
        self.sites = gpd.GeoDataFrame(
            {"id": ["B1"], "region": ["Sea A"], "zone": ["sea_a"]}, geometry=gpd.points_from_xy([-15.0], [0.0])
        )
        self.site_status = pd.DataFrame({
            "site_id": ["B1", "B1"], "date": ["2025-09-01", "2025-09-12"], "status": ["proposed", "active"],
            "note": ["", ""], "sources": ["SRC-0001", "SRC-0002"],
        })  # fmt: skip
        self.zones = zones

    def layer(self, name):
        return getattr(self, name)


def ids(frame):
    return sorted(frame["id"])


def test_each_step_shows_strikes_to_date_and_deployments_and_sites_of_that_week(tiny_zones):
    catalog = WeekCatalog(tiny_zones)
    start = date(2025, 9, 2)
    first, second, third = steps(start, date(2025, 9, 22))[:3]
    flt = Filter(start=start, end=date(2025, 9, 22))

    week1 = at_step(catalog, flt, first, start)  # 2-8 Sep
    assert ids(week1["strikes"]) == ["S1"]  # S1 on the week's first day
    assert ids(week1["deployments"]) == ["D1"]  # D1 ended on 5 Sep, inside the week
    assert week1["sites"][["id", "status"]].values.tolist() == [["B1", "proposed"]]
    assert ids(week1["events"]) == []

    week2 = at_step(catalog, flt, second, start)  # 9-15 Sep
    assert ids(week2["strikes"]) == ["S1", "S2"]  # cumulative: S1 stays
    assert ids(week2["deployments"]) == ["D2"]  # D1 had gone home; D2 arrived on 10 Sep
    assert week2["sites"][["id", "status"]].values.tolist() == [["B1", "active"]]  # in use from 12 Sep
    assert ids(week2["events"]) == ["E1"]  # on the week's last day

    week3 = at_step(catalog, flt, third, start)
    assert ids(week3["strikes"]) == ["S1", "S2"] and ids(week3["deployments"]) == ["D2"]


def test_a_playback_from_a_later_start_leaves_out_what_came_before(tiny_zones):
    catalog = WeekCatalog(tiny_zones)
    start = date(2025, 9, 3)  # the day after S1
    first = steps(start, date(2025, 9, 30))[0]  # 3-9 Sep
    shown = at_step(catalog, Filter(start=start), first, start)
    assert ids(shown["strikes"]) == ["S2"]


def test_the_layers_shown_are_the_filters_and_the_strikes_are_counted_even_when_hidden(tiny_zones):
    catalog = WeekCatalog(tiny_zones)
    start = date(2025, 9, 2)
    second = steps(start, date(2025, 9, 22))[1]
    flt = Filter(start=start, layers=("sites", "deployments"))
    shown = at_step(catalog, flt, second, start)
    assert list(shown) == ["sites", "deployments"]
    assert ids(strikes_at(catalog, flt, second, start)) == ["S1", "S2"]
    elsewhere = Filter(start=start, places=("sea_b",))
    assert ids(strikes_at(catalog, elsewhere, second, start)) == []


def test_an_open_filter_plays_from_the_range_start_it_is_given_and_counts_to_the_week_only(tiny_zones):
    catalog = WeekCatalog(tiny_zones)
    later = date(2025, 9, 3)  # after S1 (2 Sep); the filter itself is open at both ends
    first = steps(later, date(2025, 9, 30))[0]  # 3-9 Sep
    assert ids(at_step(catalog, Filter(), first, later)["strikes"]) == ["S2"]
    assert ids(strikes_at(catalog, Filter(), first, later)) == ["S2"]
    start = date(2025, 9, 2)
    week1 = steps(start, date(2025, 9, 30))[0]  # 2-8 Sep: S2 (9 Sep) is still to come
    assert ids(strikes_at(catalog, Filter(end=date(2025, 9, 30)), week1, start)) == ["S1"]
    assert ids(at_step(catalog, Filter(end=date(2025, 9, 30)), week1, start)["strikes"]) == ["S1"]
