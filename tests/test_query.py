from datetime import date

import geopandas as gpd
import pandas as pd

from geo.query import Filter, apply, from_params, in_places, overlaps, select, sites_as_of, to_params


def dated(first, last):
    return pd.DataFrame({"first_date": pd.to_datetime(first), "last_date": pd.to_datetime(last)})


def test_overlap_is_inclusive_and_open_ends_run_on():
    frame = dated(["2025-09-01", "2025-09-10", "2025-10-01", "2025-08-01"],
                  ["2025-09-05", "2025-09-10", None, "2025-08-31"])  # fmt: skip
    keep = overlaps(frame, date(2025, 9, 5), date(2025, 9, 10))
    assert list(keep) == [True, True, False, False]
    assert list(overlaps(frame, date(2026, 1, 1), None)) == [False, False, True, False]
    assert list(overlaps(frame, None, None)) == [True] * 4


def test_places_match_regions_or_zones(tiny_zones):
    frame = pd.DataFrame({"region": ["Sea A", "Sea A", "Sea B"], "zone": ["a_north", "sea_a", "sea_b"]})
    assert list(in_places(frame, ("sea_a",), tiny_zones)) == [True, True, False]
    # a record known only by its region is not claimed for a zone inside it
    assert list(in_places(frame, ("a_north",), tiny_zones)) == [True, False, False]
    assert list(in_places(frame, ("a_north", "sea_b"), tiny_zones)) == [True, False, True]


def test_apply_combines_dates_and_places(tiny_zones):
    frame = dated(["2025-09-02", "2025-10-21"], ["2025-09-02", "2025-10-21"]).assign(
        region=["Sea A", "Sea B"], zone=["sea_a", "sea_b"]
    )
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b",))
    assert list(apply(frame, flt, tiny_zones).index) == [1]


def test_apply_keeps_only_rows_that_meet_every_condition(tiny_zones):
    """Each row but the first fails exactly one condition: before the start,
    after the end, in another region."""
    frame = dated(
        ["2025-10-10", "2025-09-10", "2025-11-10", "2025-10-12"],
        ["2025-10-10", "2025-09-10", "2025-11-10", "2025-10-12"],
    ).assign(region=["Sea B", "Sea B", "Sea B", "Sea A"], zone=["sea_b", "sea_b", "sea_b", "sea_a"])
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b",))
    assert list(apply(frame, flt, tiny_zones).index) == [0]
    # with no place chosen, every place counts; with no dates, every date
    assert list(apply(frame, Filter(date(2025, 10, 1), date(2025, 10, 31)), tiny_zones).index) == [0, 3]
    assert list(apply(frame, Filter(places=("sea_b",)), tiny_zones).index) == [0, 1, 2]


def test_no_place_chosen_matches_every_row(tiny_zones):
    frame = pd.DataFrame({"region": ["Sea A", "Sea B"], "zone": ["sea_a", "sea_b"]}, index=[10, 11])
    everywhere = in_places(frame, (), tiny_zones)
    assert everywhere.tolist() == [True, True] and list(everywhere.index) == [10, 11]


def test_a_site_shows_its_status_as_of_the_range_end():
    sites = gpd.GeoDataFrame(
        {"id": ["B1", "B2"], "name": ["Baltra", "Later"]},
        geometry=gpd.points_from_xy([0, 1], [0, 1]),
        crs=4326,
    )
    status = pd.DataFrame({
        "site_id": ["B1", "B1", "B1", "B2"],
        "date": ["2025-10-28", "2025-10-31", "2025-11-16", "2026-01"],
        "status": ["proposed", "withdrawn", "rejected", "active"],
        "note": ["a", "b", "c", "d"],
        "sources": ["SRC-0001"] * 4,
    })  # fmt: skip

    def status_on(day):
        found = sites_as_of(sites, status, day)
        return dict(zip(found["id"], found["status"]))

    assert status_on(date(2025, 10, 27)) == {}
    assert status_on(date(2025, 10, 28)) == {"B1": "proposed"}
    assert status_on(date(2025, 11, 1)) == {"B1": "withdrawn"}
    assert status_on(date(2026, 1, 1)) == {"B1": "rejected", "B2": "active"}
    assert status_on(None) == {"B1": "rejected", "B2": "active"}
    # one row per site: its latest status, with that status' date, note and sources
    latest = sites_as_of(sites, status.assign(sources=["SRC-0001", "SRC-0002", "SRC-0003", "SRC-0004"]), None)
    assert latest[["id", "name", "status", "status_date", "status_note", "status_sources"]].values.tolist() == [
        ["B1", "Baltra", "rejected", "2025-11-16", "c", "SRC-0003"],
        ["B2", "Later", "active", "2026-01", "d", "SRC-0004"],
    ]
    assert latest.geometry.x.tolist() == [0, 1] and latest.crs == sites.crs


def test_url_parameters_round_trip(tiny_zones):
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b", "a_north"), ("strikes", "sites"))
    params = to_params(flt)
    assert params == {
        "start": "2025-10-01",
        "end": "2025-10-31",
        "region": ["sea_b", "a_north"],
        "layers": "strikes,sites",
    }
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    assert from_params(as_lists, tiny_zones).filter == flt
    assert to_params(Filter()) == {}


def test_bad_url_values_fall_back_with_a_warning(tiny_zones):
    parsed = from_params(
        {
            "start": ["2025-99-01"],
            "end": ["2025-10-31"],
            "region": ["Sea B", "mars"],
            "layers": ["strikes,ufo"],
        },
        tiny_zones,
    )
    assert parsed.filter == Filter(None, date(2025, 10, 31), ("sea_b",), ("strikes",))
    assert parsed.warnings == (
        "start '2025-99-01' is not a date YYYY-MM-DD; ignored",
        "unknown region or zone 'mars'; ignored",
        "unknown layer 'ufo'; known: strikes, deployments, sites, events",
    )
    bad_end = from_params({"start": ["2025-10-01"], "end": ["31/10/2025"]}, tiny_zones)
    assert bad_end.filter == Filter(date(2025, 10, 1), None)
    assert bad_end.warnings == ("end '31/10/2025' is not a date YYYY-MM-DD; ignored",)
    two_unknown = from_params({"layers": ["ufo,events,zeppelin"]}, tiny_zones)
    assert two_unknown.filter.layers == ("events",)
    assert two_unknown.warnings == ("unknown layer 'ufo', 'zeppelin'; known: strikes, deployments, sites, events",)
    reversed_range = from_params({"start": ["2025-11-01"], "end": ["2025-10-01"]}, tiny_zones)
    assert reversed_range.filter == Filter() and "after end" in reversed_range.warnings[0]
    nothing_known = from_params({"layers": ["ufo"]}, tiny_zones)
    assert nothing_known.filter.layers == Filter().layers


def test_no_layers_is_a_shareable_choice(tiny_zones):
    params = to_params(Filter(layers=()))
    assert params == {"layers": "none"}
    parsed = from_params({"layers": ["none"]}, tiny_zones)
    assert parsed.filter.layers == () and parsed.warnings == ()


def test_no_layers_keeps_the_dates_and_places(tiny_zones):
    parsed = from_params(
        {"start": ["2025-10-01"], "end": ["2025-10-31"], "region": ["sea_b", "mars"], "layers": ["none"]}, tiny_zones
    )
    assert parsed.filter == Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b",), ())
    assert parsed.warnings == ("unknown region or zone 'mars'; ignored",)


def test_a_one_day_range_is_kept(tiny_zones):
    parsed = from_params({"start": ["2025-10-21"], "end": ["2025-10-21"]}, tiny_zones)
    assert parsed.filter == Filter(date(2025, 10, 21), date(2025, 10, 21)) and parsed.warnings == ()


def test_empty_url_values_are_no_choice(tiny_zones):
    parsed = from_params({"start": [], "end": [""], "region": [], "layers": []}, tiny_zones)
    assert parsed.filter == Filter() and parsed.warnings == ()


def test_regions_may_be_comma_separated_with_gaps(tiny_zones):
    parsed = from_params({"region": [",sea_b,,North of A", "sea_b"]}, tiny_zones)
    assert parsed.filter.places == ("sea_b", "a_north") and parsed.warnings == ()


def test_a_month_covers_the_whole_month():
    from geo.dates import intervals

    first, last = intervals(pd.Series(["2025-10", "2025-10-03", None, "2024-02"]))
    assert [d.date().isoformat() if pd.notna(d) else None for d in first] == [
        "2025-10-01",
        "2025-10-03",
        None,
        "2024-02-01",
    ]
    assert [d.date().isoformat() if pd.notna(d) else None for d in last] == [
        "2025-10-31",
        "2025-10-03",
        None,
        "2024-02-29",
    ]


def test_dates_in_links_are_exactly_yyyy_mm_dd(tiny_zones):
    for text in ("2025W401", "20251031", "2025-10-31T00:00", "２０２５-10-31", " 2025-1-5"):
        parsed = from_params({"start": [text]}, tiny_zones)
        assert parsed.filter.start is None and "YYYY-MM-DD" in parsed.warnings[0], text
    assert from_params({"end": ["2025-10-31"]}, tiny_zones).filter.end == date(2025, 10, 31)


def test_repeated_parameters_are_combined_or_said(tiny_zones):
    parsed = from_params({"layers": ["strikes", "sites"]}, tiny_zones)
    assert parsed.filter.layers == ("strikes", "sites") and parsed.warnings == ()
    assert from_params({"layers": ["none", "none"]}, tiny_zones).filter.layers == ()
    twice = from_params({"start": ["2025-10-01", "2025-11-01"]}, tiny_zones)
    assert twice.filter.start == date(2025, 11, 1) and "given 2 times" in twice.warnings[0]


def test_warnings_stay_short_whatever_the_link(tiny_zones):
    names = ",".join(f"[x{i}](http://evil.example)" for i in range(50_000))
    parsed = from_params({"region": [names], "layers": ["ufo," * 5_000], "start": ["9" * 10_000]}, tiny_zones)
    assert len(parsed.warnings) == 3
    assert all(len(warning) < 250 for warning in parsed.warnings)
    assert "49,997 more" in parsed.warnings[1]


def test_ids_in_links_are_normalised_as_the_id_box_does(tiny_zones):
    from geo.query import normal_id

    assert normal_id(" s011 ", tiny_zones) == "S011"
    assert normal_id("zone:A_North", tiny_zones) == "zone:a_north"
    assert normal_id("ZONE:north of a", tiny_zones) == "zone:a_north"
    assert normal_id("zone:atlantis", tiny_zones) == "ZONE:ATLANTIS"  # not a zone selection: opens nothing


class TinyCatalog:
    """What `select` reads of a catalog: the layers, the site status and the zones."""

    def __init__(self, zones):
        points = gpd.points_from_xy([5.0, -15.0, 5.0], [0.0, 5.0, 1.0], crs=4326)
        self.strikes = gpd.GeoDataFrame(
            dated(["2025-09-02", "2025-10-21", "2025-10-22"], ["2025-09-02", "2025-10-21", "2025-10-22"]).assign(
                id=["S1", "S2", "S3"], region=["Sea B", "Sea A", "Sea B"], zone=["sea_b", "a_north", "sea_b"]
            ),
            geometry=points,
        )
        self.events = self.strikes.assign(id=["E1", "E2", "E3"])
        self.deployments = self.strikes.assign(id=["D1", "D2", "D3"], last_date=pd.NaT)  # all still deployed
        self.sites = gpd.GeoDataFrame(
            {"id": ["B1", "B2", "B3"], "region": ["Sea B", "Sea A", "Sea B"], "zone": ["sea_b", "a_north", "sea_b"]},
            geometry=points,
        )
        self.site_status = pd.DataFrame({
            "site_id": ["B1", "B1", "B2", "B3"],
            "date": ["2025-09-01", "2025-11-01", "2025-09-01", "2025-12"],
            "status": ["proposed", "active", "active", "proposed"],
            "note": ["", "", "", ""],
            "sources": ["SRC-0001"] * 4,
        })  # fmt: skip
        self.zones = zones

    def layer(self, name):
        return getattr(self, name)


def test_select_filters_each_chosen_layer(tiny_zones):
    catalog = TinyCatalog(tiny_zones)
    october_b = Filter(date(2025, 10, 1), date(2025, 10, 31), ("sea_b",))
    found = select(catalog, october_b)
    assert list(found) == ["strikes", "deployments", "sites", "events"]
    assert list(found["strikes"]["id"]) == ["S3"]
    assert list(found["events"]["id"]) == ["E3"]
    assert list(found["deployments"]["id"]) == ["D1", "D3"]  # D1 began in September and runs on
    # sites in Sea B with a status by 31 Oct: B1, still only proposed then (B3's comes in December)
    assert found["sites"][["id", "status"]].values.tolist() == [["B1", "proposed"]]
    assert isinstance(found["sites"], gpd.GeoDataFrame)
    only_sites = select(catalog, Filter(None, None, ("sea_a",), ("sites",)))
    assert list(only_sites) == ["sites"] and only_sites["sites"][["id", "status"]].values.tolist() == [["B2", "active"]]
    assert select(catalog, Filter(layers=())) == {}
    everything = select(catalog, Filter())
    assert {layer: len(frame) for layer, frame in everything.items()} == {
        "strikes": 3, "deployments": 3, "sites": 3, "events": 3,
    }  # fmt: skip
