"""One record as a reader sees it, from a tiny catalog built in the test."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from geo.details import as_text, fields, find, layer_of, same_place, site_history, sources_of, title_of

DAY = pd.Timestamp


class TinyCatalog(SimpleNamespace):
    def layer(self, name):
        return getattr(self, name)


def catalog():
    sources = pd.DataFrame({
        "id": ["SRC-0001", "SRC-0002", "SRC-0003"], "publisher": ["AP", "SOUTHCOM", "Reuters"],
        "published": ["2025-09-02", "2025-09-02", "2025-10-28"], "title": ["a", "b", "c"],
        "kind": ["wire", "official", "wire"], "url": ["https://a", "https://b", "https://c"], "summary": ["", "", ""],
    }).set_index("id", drop=False)  # fmt: skip
    return TinyCatalog(
        strikes=pd.DataFrame({"id": ["S001", "S002"], "killed": [11, 3]}),
        deployments=pd.DataFrame({"id": ["D001"], "asset": ["USS Iwo Jima"]}),
        sites=pd.DataFrame({"id": ["B001"], "name": ["Roosevelt Roads"]}),
        events=pd.DataFrame({"id": ["E001"], "title": ["Capture"]}),
        sources=sources,
        site_status=pd.DataFrame(
            {
                "site_id": ["B001", "B002", "B001"],
                "date": ["2025-09", "2025-10-01", "2025-11-03"],
                "status": ["proposed", "active", "reactivated"],
                "note": ["n1", "n2", "n3"],
                "sources": ["SRC-0001", "SRC-0002", "SRC-0003"],
                "extra": [1, 2, 3],
            }
        ),  # fmt: skip
    )


@pytest.mark.parametrize(
    ("record_id", "layer"),
    [("S012", "strikes"), ("D003", "deployments"), ("B025", "sites"), ("E001", "events"), ("T001", None),
     ("s012", None), ("", None), (None, None)],
)  # fmt: skip
def test_the_layer_of_an_id_is_its_prefix(record_id, layer):
    assert layer_of(record_id) == layer


def test_find_returns_the_layer_and_the_record():
    tiny = catalog()
    assert find(tiny, "S002") == ("strikes", {"id": "S002", "killed": 3})
    assert find(tiny, "D001") == ("deployments", {"id": "D001", "asset": "USS Iwo Jima"})
    assert find(tiny, "S003") is None  # no such strike
    assert find(tiny, "X001") is None  # no such layer


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (float("nan"), ""), (pd.NA, ""), (pd.NaT, ""), (np.nan, ""), (DAY("2025-10-27 13:45"), "2025-10-27"),
     (3.0, "3"), (2.5, "2.5"), (185.25, "185.25"), (0.0, "0"), (7, "7"), (np.int64(14), "14"), ("nan", "nan"),
     ("", "")],
)  # fmt: skip
def test_a_cell_as_a_reader_sees_it(value, text):
    assert as_text(value) == text


def test_fields_in_the_data_order_without_the_drawing_columns():
    record = {"id": "S001", "geometry": "POINT", "date": DAY("2025-09-02"), "killed": 11.0, "tip_title": "t",
              "tip_body": "b", "layer": "strikes", "first_date": DAY("2025-09-02"), "last_date": DAY("2025-09-02"),
              "vessels": None, "notes": "x"}  # fmt: skip
    table = fields(record)
    assert list(table.columns) == ["field", "value"]
    assert table.values.tolist() == [["id", "S001"], ["date", "2025-09-02"], ["killed", "11"], ["vessels", ""],
                                     ["notes", "x"]]  # fmt: skip


def test_sources_of_a_record_in_the_order_it_cites_them_known_ones_only():
    table = sources_of(catalog(), "SRC-0003;SRC-0009;SRC-0001")
    assert list(table.columns) == ["id", "publisher", "published", "title", "kind", "url"]
    assert list(table["id"]) == ["SRC-0003", "SRC-0001"] and list(table.index) == [0, 1]
    assert sources_of(catalog(), "").empty and sources_of(catalog(), None).empty


def test_title_of_a_record():
    assert title_of({"title": "Capture", "name": "n", "asset": "a"}) == "Capture"
    assert title_of({"title": None, "name": "Roosevelt Roads", "asset": "a"}) == "Roosevelt Roads"
    assert title_of({"title": float("nan"), "name": "", "asset": "USS Gravely"}) == "USS Gravely"
    assert title_of({"date": DAY("2025-09-02")}) == "Strike of 02 Sep 2025"
    assert title_of({"date": None}) == "Strike" and title_of({}) == "Strike"


def test_records_sharing_a_reported_point_name_each_other():
    sites = pd.DataFrame({"id": ["B001"], "name": ["Airport"], "lon": [-66.0001], "lat": [18.0], "placed_at": [
        "reported point"]})  # fmt: skip
    events = pd.DataFrame({
        "id": ["E001", "E002", "E003", "E004"], "title": ["Landing", "Visit", "Elsewhere", "Zone"],
        "lon": [-66.0, -66.0004, -66.01, -66.0], "lat": [18.0, 18.0, 18.0, 18.0],
        "placed_at": ["reported point", "reported point", "reported point", "zone reference point"],
    })  # fmt: skip
    found = same_place({"sites": sites, "events": events, "deployments": pd.DataFrame({"id": ["D1"]})})
    assert found == {
        "B001": [("E001", "Landing"), ("E002", "Visit")],
        "E001": [("B001", "Airport"), ("E002", "Visit")],
        "E002": [("B001", "Airport"), ("E001", "Landing")],
    }  # within 0.0005 degrees (rounded to 3 decimals) is one point; a zone's reference point is no mark


def test_a_strike_at_a_shared_point_is_named_by_its_date():
    strikes = pd.DataFrame({"id": ["S001", "S002"], "date": [DAY("2025-09-02"), DAY("2025-09-15")],
                            "lon": [-70.0, -70.0], "lat": [12.0, 12.0],
                            "placed_at": ["reported point"] * 2})  # fmt: skip
    assert same_place({"strikes": strikes}) == {"S001": [("S002", "Strike of 15 Sep 2025")],
                                                "S002": [("S001", "Strike of 02 Sep 2025")]}  # fmt: skip


def test_site_history_is_the_sites_own_rows_in_order():
    history = site_history(catalog(), "B001")
    assert history.to_dict("list") == {"date": ["2025-09", "2025-11-03"], "status": ["proposed", "reactivated"],
                                       "note": ["n1", "n3"], "sources": ["SRC-0001", "SRC-0003"]}  # fmt: skip
    assert list(history.index) == [0, 1]


def test_the_shared_point_is_the_same_to_three_decimals_of_latitude_too():
    deployments = pd.DataFrame({
        "id": ["D001", "D002", "D003"], "asset": ["USS Iwo Jima", "USS San Antonio", "USS Fort Lauderdale"],
        "lon": [-66.0, -66.0, -66.0], "lat": [18.0, 18.0004, 18.01], "placed_at": ["reported point"] * 3,
    })  # fmt: skip
    assert same_place({"deployments": deployments}) == {
        "D001": [("D002", "USS San Antonio")],
        "D002": [("D001", "USS Iwo Jima")],
    }
