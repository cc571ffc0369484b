import csv
import io
import json
import zipfile
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hyp
from shapely.geometry import Point

from geo.export import export_name, feature_collection, to_csv, to_geojson
from geo.paths import REPO
from geo.query import Filter


@pytest.fixture
def layer():
    return gpd.GeoDataFrame(
        {
            "id": ["S001", "S002"],
            "date": pd.to_datetime(["2025-09-02", "2025-09-15"]),
            "killed": pd.array([11, 3], dtype="Int64"),
            "uncertainty_km": [185.0, float("nan")],
            "geo_precision": [2, 3],
            "notes": ['<b>bold</b> & "quoted"', None],
            "sources": ["SRC-0001;SRC-0002", "SRC-0002"],
        },
        geometry=[Point(-105.04, 11.73), Point(-72.0, 14.5)],
        crs=4326,
    )


SOURCES = pd.DataFrame(
    {"id": ["SRC-0001", "SRC-0002"], "url": ["https://a.example/1", "https://b.example/2"]}
).set_index("id", drop=False)


def test_feature_collection_is_rfc7946(layer):
    fc = feature_collection(layer, SOURCES)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    first = fc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [-105.04, 11.73]}
    assert first["properties"]["date"] == "2025-09-02"
    assert first["properties"]["killed"] == 11 and isinstance(first["properties"]["killed"], int)
    assert first["properties"]["source_urls"] == "https://a.example/1 https://b.example/2"
    second = fc["features"][1]["properties"]
    assert second["uncertainty_km"] is None and second["notes"] is None


def test_geojson_round_trips_through_geopandas(layer, tmp_path):
    path = tmp_path / "strikes.geojson"
    path.write_bytes(to_geojson(layer, SOURCES))
    json.loads(path.read_text(encoding="utf-8"))  # strict JSON: no NaN
    back = gpd.read_file(path)
    assert list(back["id"]) == ["S001", "S002"]
    assert list(back["killed"]) == [11, 3]
    assert back["notes"][0] == '<b>bold</b> & "quoted"'
    assert [str(d)[:10] for d in back["date"]] == ["2025-09-02", "2025-09-15"]
    assert back.geometry.geom_equals(layer.geometry).all()
    assert set(layer.columns) | {"source_urls"} == set(back.columns)


def test_csv_keeps_every_column_but_geometry(layer):
    text = to_csv(layer)
    assert text.splitlines()[0] == "id,date,killed,uncertainty_km,geo_precision,notes,sources"
    assert "2025-09-02" in text
    back = pd.read_csv(io.StringIO(text))
    assert back["notes"][0] == '<b>bold</b> & "quoted"'


def test_file_names_carry_the_date_range():
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31))
    assert export_name("strikes", flt, "geojson") == "strikes_all-regions_2025-10-01_2025-10-31.geojson"
    assert export_name("all", Filter(), "zip", date(2026, 6, 21)) == "all_all-regions_start_2026-06-21.zip"
    two = Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific", "off_venezuela"))
    assert export_name("strikes", two, "csv") == "strikes_eastern_pacific+off_venezuela_2025-10-01_2025-10-31.csv"


def test_zip_holds_every_layer(tmp_path):
    from geo.catalog import load_catalog
    from geo.export import zip_all

    catalog = load_catalog()
    blob = zip_all(catalog, Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",)))
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        names = set(archive.namelist())
        strikes = json.loads(archive.read("strikes.geojson"))
    assert {"strikes.geojson", "deployments.geojson", "sites.geojson", "events.geojson", "zones.geojson",
            "sources.csv", "tallies.csv", "README.txt", "release.json", "CHANGELOG.md",
            "site_status.csv"} == names  # fmt: skip
    dates = {f["properties"]["date"][:7] for f in strikes["features"]}
    regions = {f["properties"]["region"] for f in strikes["features"]}
    assert dates == {"2025-10"} and regions == {"Eastern Pacific"}


@pytest.mark.parametrize("layer", ["strikes", "deployments", "sites", "events"])
def test_real_layers_round_trip_with_nothing_lost(layer, tmp_path):
    """Every property of every feature comes back from geopandas as written."""
    from geo.catalog import load_catalog
    from geo.export import layer_geojson

    path = tmp_path / f"{layer}.geojson"
    path.write_bytes(layer_geojson(load_catalog(), layer, Filter()))
    written = json.loads(path.read_text(encoding="utf-8"))["features"]
    back = gpd.read_file(path)
    assert len(back) == len(written) > 0
    for feature, (_, row) in zip(written, back.iterrows()):
        if feature["geometry"] is None:  # a strike with no reported region: counted, not placed
            assert row.geometry is None and feature["properties"]["region"] is None
            continue
        if feature["properties"].get("placed_at") == "zone reference point":  # exported as its zone's polygon
            assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
            assert row.geometry.geom_type == feature["geometry"]["type"]
            continue
        assert row.geometry.x == pytest.approx(feature["geometry"]["coordinates"][0])
        assert row.geometry.y == pytest.approx(feature["geometry"]["coordinates"][1])
        for name, value in feature["properties"].items():
            got = row[name]
            if value is None:
                assert got is None or pd.isna(got), (layer, name)
            elif isinstance(got, pd.Timestamp):
                assert got.date().isoformat() == value[:10], (layer, name)
            elif isinstance(value, (int, float)):  # an int column with nulls reads back as float
                assert float(got) == pytest.approx(value), (layer, name)
            else:
                assert str(got) == str(value), (layer, name)


def test_chunked_export_equals_one_piece(layer, monkeypatch):
    import geo.export as export

    whole = json.loads(to_geojson(layer, SOURCES))
    monkeypatch.setattr(export, "EXPORT_CHUNK", 1)
    assert json.loads(to_geojson(layer, SOURCES)) == whole
    assert json.loads(to_geojson(layer.iloc[:0], SOURCES)) == {"type": "FeatureCollection", "features": []}


@settings(max_examples=20, deadline=None)
@given(
    start=hyp.dates(date(2025, 8, 1), date(2026, 7, 1)),
    days=hyp.integers(0, 300),
    places=hyp.lists(
        hyp.sampled_from(
            ["caribbean", "eastern_pacific", "western_atlantic", "off_venezuela", "sw_of_mexico", "off_central_america"]
        ),
        max_size=2,
        unique=True,
    ),  # fmt: skip
    layer=hyp.sampled_from(["strikes", "deployments", "sites", "events"]),
)
def test_any_filtered_export_round_trips(tmp_path_factory, start, days, places, layer):
    """Random filters: what geopandas reads back has the same ids, values and geometry."""
    from datetime import timedelta

    from geo.catalog import load_catalog
    from geo.export import layer_geojson
    from geo.query import select

    catalog = load_catalog()
    flt = Filter(start, start + timedelta(days=days), tuple(places))
    want = select(catalog, Filter(flt.start, flt.end, flt.places, (layer,)))[layer]
    path = tmp_path_factory.mktemp("export") / f"{layer}.geojson"
    path.write_bytes(layer_geojson(catalog, layer, flt))
    written = json.loads(path.read_bytes())["features"]
    assert [f["properties"]["id"] for f in written] == list(want["id"])
    if not written:
        return
    back = gpd.read_file(path)
    assert list(back["id"]) == list(want["id"])

    def coords(frame):  # the point each record stands for (a zone-level record's is its zone's reference point)
        return [None if pd.isna(x) else (round(x, 6), round(y, 6)) for x, y in zip(frame["lon"], frame["lat"])]

    assert coords(back) == coords(want)
    zonal = (want["placed_at"] == "zone reference point").to_numpy()
    assert all(g.geom_type in ("Polygon", "MultiPolygon") for g in back.geometry[zonal])
    assert all(g is None or g.geom_type == "Point" for g in back.geometry[~zonal])

    def text(values):
        return ["" if v is None or pd.isna(v) else str(v) for v in values]

    for column in ("geo_precision", "uncertainty_km", "sources", "region", "zone"):
        assert text(back[column]) == text(want[column]), column


def zonal_and_pointed(tiny_zones):
    frame = gpd.GeoDataFrame(
        {"id": ["S001", "S002"], "zone": ["a_north", "sea_a"], "placed_at": ["zone reference point", "reported point"],
         "lon": [-15.0, -12.0], "lat": [5.0, -3.0]},
        geometry=gpd.points_from_xy([-15.0, -12.0], [5.0, -3.0]), crs=4326,
    )  # fmt: skip
    return frame


def test_a_record_with_no_position_is_exported_as_its_zone_not_a_point(tiny_zones):
    from geo.export import placed_honestly

    out = json.loads(to_geojson(placed_honestly(zonal_and_pointed(tiny_zones), tiny_zones), unlocated="zone"))
    zonal, pointed = out["features"]
    assert zonal["geometry"]["type"] == "Polygon"
    ring = zonal["geometry"]["coordinates"][0]
    assert {tuple(xy) for xy in ring} == {(-20.0, 0.0), (-10.0, 0.0), (-10.0, 10.0), (-20.0, 10.0)}  # a_north
    assert (zonal["properties"]["lon"], zonal["properties"]["lat"]) == (-15.0, 5.0)  # the reference point, kept
    assert pointed["geometry"] == {"type": "Point", "coordinates": [-12.0, -3.0]}
    assert "zone's polygon" in out["unlocated_records"]


def test_or_with_no_geometry_when_asked(tiny_zones):
    from geo.export import placed_honestly

    out = json.loads(to_geojson(placed_honestly(zonal_and_pointed(tiny_zones), tiny_zones, "null"), unlocated="null"))
    assert out["features"][0]["geometry"] is None and out["features"][1]["geometry"]["type"] == "Point"
    assert "null" in out["unlocated_records"]
    with pytest.raises(ValueError):
        placed_honestly(zonal_and_pointed(tiny_zones), tiny_zones, "centroid")


def test_csv_rows_carry_their_source_urls():
    import csv as csvmod

    from geo.catalog import load_catalog
    from geo.export import layer_csv

    catalog = load_catalog()
    rows = list(
        csvmod.DictReader(io.StringIO(layer_csv(catalog, "strikes", Filter(date(2025, 10, 27), date(2025, 10, 27)))))
    )
    with (REPO / "seeds" / "sources.csv").open(encoding="utf-8") as handle:
        register = {r["id"]: r["url"] for r in csvmod.DictReader(handle)}
    (row,) = rows
    assert row["source_urls"].split(" ") == [register[i] for i in row["sources"].split(";")]


def test_cli_exports_null_geometry_on_request(tmp_path):
    from geo.cli import main

    out = tmp_path / "s.geojson"
    assert main(["export", "--layer", "strikes", "--unlocated", "null", "-o", str(out)]) == 0
    features = json.loads(out.read_bytes())["features"]
    assert all(f["geometry"] is None for f in features if f["properties"]["placed_at"] != "reported point")
    assert any(f["geometry"] is not None for f in features)


# --- spreadsheet formulas (OWASP CSV injection) --------------------------------------

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def test_text_cells_that_spreadsheets_would_run_are_neutralised_numbers_are_not():
    frame = pd.DataFrame(
        {
            "text": ["=1+2", "+x", "-y", "@z", "\tq", "\rr", "plain", None, "'=kept"],
            "diff": pd.array([-3, 1, 2, 3, 4, 5, 6, None, -7], dtype="Int64"),
            "lon": [-66.5] * 9,
            "zone": pd.Categorical(["=zone"] * 9),
        }
    )
    back = pd.read_csv(io.StringIO(to_csv(frame)), dtype=str, keep_default_na=False)
    assert list(back["text"]) == ["'=1+2", "'+x", "'-y", "'@z", "'\tq", "'\rr", "plain", "", "'=kept"]
    assert list(back["diff"]) == ["-3", "1", "2", "3", "4", "5", "6", "", "-7"]
    assert set(back["lon"]) == {"-66.5"} and set(back["zone"]) == {"'=zone"}


def cells_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_safe(rows: list[dict], where: str) -> None:
    """No cell a spreadsheet would run: each starting with a formula character is a plain number."""
    for row in rows:
        for column, value in row.items():
            if value.startswith(DANGEROUS):
                float(value)  # raises for anything but a number such as -3 or -66.5
                assert value.strip() == value, (where, column, value)


def test_no_csv_we_write_runs_a_formula(tmp_path, capsys):
    """Free text in every field starts with a formula: the per-layer CSVs (page and command
    line) and the zip's sources.csv and tallies.csv stay safe; GeoJSON keeps the true text."""
    from geo.catalog import load_catalog
    from geo.cli import main
    from geo.export import layer_csv, layer_geojson, zip_all
    from tests.poison import FORMULAS, formula_copy

    data = formula_copy(tmp_path)
    catalog = load_catalog(data)
    for layer in ("strikes", "deployments", "sites", "events", "zones"):
        rows = cells_of(layer_csv(catalog, layer, Filter()))
        assert rows, layer
        assert_safe(rows, layer)
    strikes = cells_of(layer_csv(catalog, "strikes", Filter()))
    assert strikes[0]["notes"] == "'" + catalog.strikes["notes"].iloc[0]
    out = tmp_path / "strikes.csv"
    assert main(["export", "--layer", "deployments", "--data-dir", str(data), "-o", str(out)]) == 0
    assert_safe(cells_of(out.read_text(encoding="utf-8")), "cli")
    assert cells_of(out.read_text(encoding="utf-8"))[1]["asset"].startswith("'+cmd")
    with zipfile.ZipFile(io.BytesIO(zip_all(catalog, Filter()))) as archive:
        sources = cells_of(archive.read("sources.csv").decode())
        tallies = cells_of(archive.read("tallies.csv").decode())
        readme = archive.read("README.txt").decode()
    assert_safe(sources, "sources.csv")
    assert_safe(tallies, "tallies.csv")
    assert {row["title"][:2] for row in sources} == {"'=", "'+", "'-", "'@"}
    assert any(row["known_difference"].startswith("-") for row in tallies)  # a number, left as it is
    assert "single quote" in readme
    features = json.loads(layer_geojson(catalog, "strikes", Filter()))["features"]
    assert features[0]["properties"]["notes"].startswith(FORMULAS[0])
