from datetime import date

import geopandas as gpd
import pandas as pd

from geo.query import Filter, apply, from_params, in_places, overlaps, sites_as_of, to_params


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
    assert len(parsed.warnings) == 3
    reversed_range = from_params({"start": ["2025-11-01"], "end": ["2025-10-01"]}, tiny_zones)
    assert reversed_range.filter == Filter() and "after end" in reversed_range.warnings[0]
    nothing_known = from_params({"layers": ["ufo"]}, tiny_zones)
    assert nothing_known.filter.layers == Filter().layers


def test_no_layers_is_a_shareable_choice(tiny_zones):
    params = to_params(Filter(layers=()))
    assert params == {"layers": "none"}
    parsed = from_params({"layers": ["none"]}, tiny_zones)
    assert parsed.filter.layers == () and parsed.warnings == ()


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
