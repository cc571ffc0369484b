import csv
import io
import json
import math
import zipfile
from datetime import date, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as hyp
from shapely.geometry import Point

from geo.export import column_values, describe, export_name, feature_collection, plain, to_csv, to_geojson
from geo.paths import REPO
from geo.query import Filter
from geo.release import Release


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


# --- exports against the source files, read here with the csv and json modules -------

INTEGERS = {"strikes", "vessels", "killed", "survivors", "rescued", "presumed_dead", "geo_precision"}
REALS = {"lon", "lat", "uncertainty_km"}


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def source_zones():
    features = json.loads((REPO / "data" / "zones.geojson").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["id"]: f for f in features}


def latest_status(site_id):
    """The site's last row of site_status.csv by date (a month counts from its first day)."""
    rows = [r for r in csv_rows(REPO / "data" / "site_status.csv") if r["site_id"] == site_id]
    return max(
        enumerate(rows), key=lambda ir: (ir[1]["date"] if len(ir[1]["date"]) == 10 else ir[1]["date"] + "-01", ir[0])
    )[1]


def same_value(exported, raw: str, column: str) -> bool:
    if raw == "":
        return exported is None or (exported == "" and column not in INTEGERS | REALS)
    if column in INTEGERS:
        return type(exported) is int and exported == int(raw)
    if column in REALS:
        return isinstance(exported, (int, float)) and not isinstance(exported, bool) and exported == float(raw)
    return exported == raw


@pytest.mark.parametrize("layer", ["strikes", "deployments", "sites", "events"])
def test_real_layers_export_every_source_row_as_written(layer):
    """Every row of data/LAYER.csv is a feature with each cell's value, its point
    (or its zone's reference point), the URLs of its sources and, for a site,
    its latest status."""
    from geo.catalog import load_catalog
    from geo.export import layer_geojson

    collection = json.loads(layer_geojson(load_catalog(), layer, Filter()))
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["id"]: f for f in collection["features"]}
    rows = csv_rows(REPO / "data" / f"{layer}.csv")
    assert list(features) == [row["id"] for row in rows]
    urls = {row["id"]: row["url"] for row in csv_rows(REPO / "seeds" / "sources.csv")}
    zones = source_zones()
    for row in rows:
        feature = features[row["id"]]
        properties = feature["properties"]
        reported = row["lon"] != ""
        for column, raw in row.items():
            if column in ("lon", "lat") and not reported:
                continue  # placed at the zone's reference point, checked below
            if column == "uncertainty_km" and raw == "":
                if row["zone"]:  # the zone's reach (a strike with no region has none)
                    assert properties[column] > 0, (row["id"], column)
                continue
            assert same_value(properties[column], raw, column), (row["id"], column, properties[column], raw)
        if row["zone"] == "":  # no region reported: counted, never placed
            assert feature["geometry"] is None and properties["placed_at"].startswith("not placed"), row["id"]
            assert properties["lon"] is None and properties["lat"] is None
            assert properties["source_urls"] == " ".join(urls[i] for i in row["sources"].split(";")), row["id"]
            continue
        zone = zones[row["zone"]]
        point = [float(row["lon"]), float(row["lat"])] if reported else [zone["properties"]["ref_lon"],
                                                                        zone["properties"]["ref_lat"]]  # fmt: skip
        if reported:
            assert feature["geometry"] == {"type": "Point", "coordinates": point}, row["id"]
        else:  # known only by its zone: exported as the zone's polygon, never a point
            assert feature["geometry"]["type"] == zone["geometry"]["type"], row["id"]
            written, stored = (shapely.geometry.shape(g).normalize() for g in (feature["geometry"], zone["geometry"]))
            assert written.equals_exact(stored, 1e-6), row["id"]
        assert [properties["lon"], properties["lat"]] == point
        assert properties["placed_at"] == ("reported point" if reported else "zone reference point")
        assert properties["zone_name"] == zone["properties"]["name"]
        assert properties["source_urls"] == " ".join(urls[i] for i in row["sources"].split(";")), row["id"]
        if layer == "sites":
            status = latest_status(row["id"])
            assert [properties["status"], properties["status_date"], properties["status_note"]] == [
                status["status"], status["date"], status["note"],
            ], row["id"]  # fmt: skip
            assert properties["status_sources"] == status["sources"]


def test_zones_export_is_the_zones_file_whatever_the_filter():
    from geo.catalog import load_catalog
    from geo.export import layer_geojson

    narrow = Filter(date(2025, 10, 1), date(2025, 10, 2), ("off_venezuela",), ("strikes",))
    exported = json.loads(layer_geojson(load_catalog(), "zones", narrow))["features"]
    expected = source_zones()
    assert [f["properties"]["id"] for f in exported] == list(expected)
    for feature in exported:
        source = expected[feature["properties"]["id"]]
        assert feature["properties"] == source["properties"]
        assert feature["geometry"]["type"] == source["geometry"]["type"] == "Polygon"
        got, want = shapely.geometry.shape(feature["geometry"]), shapely.geometry.shape(source["geometry"])
        # the same polygon (its ring may start at another vertex), to the exported precision
        assert shapely.normalize(got).equals_exact(shapely.normalize(want), 1e-6), feature["properties"]["id"]


def test_a_projected_layer_is_exported_in_longitude_and_latitude():
    """Web Mercator metres, computed here from the published formula, come out as degrees."""
    radius = 6378137.0
    places = [(-66.0, 12.6), (-105.04, 11.73), (0.5, -33.9)]
    metres = [(radius * math.radians(lon), radius * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
              for lon, lat in places]  # fmt: skip
    frame = gpd.GeoDataFrame({"id": ["a", "b", "c"]}, geometry=[Point(x, y) for x, y in metres], crs=3857)
    features = feature_collection(frame)["features"]
    for feature, (lon, lat) in zip(features, places):
        assert feature["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=1e-6)
    assert "source_urls" not in features[0]["properties"]


def test_the_zip_holds_the_selection_the_register_and_the_tallies_as_published():
    from geo.catalog import load_catalog
    from geo.export import layer_geojson, zip_all

    catalog = load_catalog()
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",))
    with zipfile.ZipFile(io.BytesIO(zip_all(catalog, flt))) as archive:
        for layer in ("strikes", "deployments", "sites", "events", "zones"):
            assert json.loads(archive.read(f"{layer}.geojson")) == json.loads(layer_geojson(catalog, layer, flt))
        sources = list(csv.DictReader(io.StringIO(archive.read("sources.csv").decode("utf-8"))))
        tallies = list(csv.DictReader(io.StringIO(archive.read("tallies.csv").decode("utf-8"))))
        readme = archive.read("README.txt").decode("utf-8")
    assert sources == csv_rows(REPO / "seeds" / "sources.csv")
    assert {row.pop("release") for row in tallies} == {catalog.release.version}  # each row names its release
    assert tallies == sorted(csv_rows(REPO / "data" / "tallies.csv"), key=lambda row: row["as_of"])
    assert header_of(archive_text(catalog, flt, "sources.csv")) == header_of(
        (REPO / "seeds" / "sources.csv").read_text(encoding="utf-8")
    )
    assert header_of(archive_text(catalog, flt, "tallies.csv")) == [
        *header_of((REPO / "data" / "tallies.csv").read_text(encoding="utf-8")),
        "release",
    ]
    assert "Selection: 2025-10-01 to 2025-10-31; eastern_pacific." in readme


def archive_text(catalog, flt, name):
    from geo.export import zip_all

    with zipfile.ZipFile(io.BytesIO(zip_all(catalog, flt))) as archive:
        return archive.read(name).decode("utf-8")


RELEASE = Release("2026-12-02", date(2026, 12, 2))


def header_of(text):
    return next(csv.reader(io.StringIO(text)))


def test_the_zip_is_compressed():
    from geo.catalog import load_catalog
    from geo.export import zip_all

    blob = zip_all(load_catalog(), Filter())
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
    assert len(blob) < sum(info.file_size for info in infos) / 2  # text compresses well


def test_layer_csv_holds_the_selected_source_rows():
    """22 to 31 October 2025 in the eastern Pacific (S008 of 21 October is not), chosen
    here from data/strikes.csv by hand."""
    from geo.catalog import load_catalog
    from geo.export import layer_csv

    flt = Filter(date(2025, 10, 22), date(2025, 10, 31), ("eastern_pacific",))
    exported = list(csv.DictReader(io.StringIO(layer_csv(load_catalog(), "strikes", flt))))
    source = [
        row
        for row in csv_rows(REPO / "data" / "strikes.csv")
        if "2025-10-22" <= row["date"] <= "2025-10-31" and row["region"] == "Eastern Pacific"
    ]
    assert [row["id"] for row in exported] == [row["id"] for row in source] and source
    for got, want in zip(exported, source):
        for column, raw in want.items():
            if column in REALS and raw:
                assert float(got[column]) == float(raw), (want["id"], column)
            elif column not in REALS:
                assert got[column] == raw, (want["id"], column)
        assert (got["first_date"], got["last_date"]) == (want["date"], want["date"])


def test_the_readme_explains_each_coded_field():
    from geo.schema import GEO_PRECISION

    text = describe(Filter(), RELEASE)
    lines = text.splitlines()
    assert lines[0] == "Caribbean and eastern Pacific campaign map: export"
    assert "Coordinates are WGS 84 longitude, latitude (RFC 7946)." in lines
    prose = " ".join(lines)
    assert f"geo_precision: 1 {GEO_PRECISION[1]}; 2 {GEO_PRECISION[2]}; 3 {GEO_PRECISION[3]}:" in prose
    assert "the point is the zone's reference point (placed_at = 'zone reference point'), not a position" in prose
    for field in ("geo_precision", "uncertainty_km", "killed", "rescued"):
        assert any(line.startswith(f"{field}: ") for line in lines), field
    assert "uncertainty_km: radius within which the event lies, as far as sources tell." in lines
    assert "killed: killed in the strike; presumed_dead: missing after a suspended search; rescued: " in prose
    assert "survivors recovered alive. sources: ids in sources.csv; source_urls: their links." in prose
    assert "sites.geojson shows each site's status as of the selection's end." in lines
    assert text.endswith("\n")


def test_the_readme_names_the_selection():
    assert "Selection: campaign start to latest record; all regions.\n" in describe(Filter(), RELEASE)
    both = describe(Filter(date(2025, 9, 1), date(2025, 9, 30), ("caribbean", "off_venezuela")), RELEASE)
    assert "Selection: 2025-09-01 to 2025-09-30; caribbean, off_venezuela.\n" in both
    assert "WGS 84 longitude, latitude" in both and "zone reference point" in both


def test_file_names_without_an_end_or_a_latest_date():
    assert export_name("strikes", Filter(), "csv") == "strikes_all-regions_start_latest.csv"
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31))
    assert export_name("events", flt, "csv", date(2026, 6, 21)) == "events_all-regions_2025-10-01_2025-10-31.csv"


def test_plain_values_are_json_ready():
    assert plain(None) is None and plain(pd.NA) is None and plain(pd.NaT) is None
    assert plain(pd.Timestamp("2025-09-02 13:45")) == "2025-09-02"
    assert plain(datetime(2025, 9, 2, 23, 59)) == "2025-09-02"
    assert plain(date(2025, 9, 2)) == "2025-09-02"
    for value, want in ((np.int64(7), 7), (np.float64(2.5), 2.5), (1.5, 1.5), (np.bool_(True), True), ("x", "x")):
        assert plain(value) == want and type(plain(value)) is type(want), value
    assert plain(float("nan")) is None and plain(np.float32("nan")) is None


def test_column_values_by_type():
    assert column_values(pd.Series(pd.to_datetime(["2025-09-02", None]))) == ["2025-09-02", None]
    assert column_values(pd.Series(pd.to_datetime(["2025-09-02 13:45", "2025-09-03 00:10"]))) == [
        "2025-09-02",
        "2025-09-03",
    ]
    assert column_values(pd.Series([1.5, float("nan")])) == [1.5, None]
    assert column_values(pd.Series([1.5, None], dtype="Float64")) == [1.5, None]
    ints = column_values(pd.Series([3, 4], dtype="int64"))
    assert ints == [3, 4] and all(type(v) is int for v in ints)
    nullable = column_values(pd.Series([3, None], dtype="Int64"))
    assert nullable == [3, None] and type(nullable[0]) is int
    full_nullable = column_values(pd.Series([3, 4], dtype="Int64"))
    assert full_nullable == [3, 4] and all(type(v) is int for v in full_nullable)
    flags = column_values(pd.Series([True, False]))
    assert flags == [True, False] and all(type(v) is bool for v in flags)
    assert column_values(pd.Series(["a", None], dtype=object)) == ["a", None]
    assert column_values(pd.Series(["a", None], dtype="string")) == ["a", None]
    assert column_values(pd.Series(["a", "b"], dtype="category")) == ["a", "b"]


def test_geometries_are_rounded_to_six_decimals():
    from shapely.geometry import box

    points = gpd.GeoDataFrame({"id": ["p"]}, geometry=[Point(-66.12345678, 12.98765432)], crs=4326)
    assert feature_collection(points)["features"][0]["geometry"]["coordinates"] == [-66.123457, 12.987654]
    shapes = gpd.GeoDataFrame(
        {"id": ["p", "q"]}, geometry=[Point(1.0000004, 2.0), box(-1.23456789, 0, 0, 1.00000049)], crs=4326
    )
    found = [f["geometry"] for f in feature_collection(shapes)["features"]]
    assert found[0] == {"type": "Point", "coordinates": pytest.approx((1.0, 2.0), abs=1e-9)}
    assert found[1]["type"] == "Polygon"
    xs = {round(x, 9) for x, _ in found[1]["coordinates"][0]}
    ys = {round(y, 9) for _, y in found[1]["coordinates"][0]}
    assert xs == {-1.234568, 0.0} and ys == {0.0, 1.0}


def test_unknown_source_ids_and_missing_sources_give_no_url(layer):
    fc = feature_collection(layer.assign(sources=["SRC-0002;SRC-0404", None]), SOURCES)
    assert [f["properties"]["source_urls"] for f in fc["features"]] == ["https://b.example/2", None]
    without = feature_collection(layer.drop(columns="sources"), SOURCES)
    assert "source_urls" not in without["features"][0]["properties"]
    assert "source_urls" not in feature_collection(layer)["features"][0]["properties"]


def test_a_layer_with_only_geometry_has_empty_properties():
    bare = gpd.GeoDataFrame(geometry=[Point(1, 2), Point(3, 4)], crs=4326)
    assert [f["properties"] for f in feature_collection(bare)["features"]] == [{}, {}]


def test_csv_of_a_plain_table_keeps_every_column_and_formats_dates():
    table = pd.DataFrame({"id": ["T1"], "as_of": pd.to_datetime(["2025-10-28"]), "killed": pd.array([57], "Int64")})
    assert to_csv(table) == "id,as_of,killed\r\nT1,2025-10-28,57\r\n"  # CRLF: a CR inside a cell stays in it
    timed = pd.DataFrame({"id": ["T1", "T2"], "as_of": pd.to_datetime(["2025-10-28 13:45", "2025-10-29 00:00"])})
    assert to_csv(timed) == "id,as_of\r\nT1,2025-10-28\r\nT2,2025-10-29\r\n"


def test_a_layer_without_a_crs_is_taken_as_longitude_and_latitude():
    frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(-66.0, 12.6)])
    assert frame.crs is None
    assert feature_collection(frame)["features"][0]["geometry"]["coordinates"] == [-66.0, 12.6]


# --- GeoParquet -------------------------------------------------------------------------


@pytest.mark.parametrize("layer_name", ["strikes", "deployments", "sites", "events", "zones"])
def test_geoparquet_holds_the_geojsons_rows_and_fields_typed(layer_name, tmp_path):
    from geo.catalog import load_catalog
    from geo.export import layer_geojson, layer_parquet

    catalog = load_catalog()
    flt = Filter(date(2025, 9, 1), date(2026, 3, 31))
    path = tmp_path / f"{layer_name}.parquet"
    path.write_bytes(layer_parquet(catalog, layer_name, flt))
    back = gpd.read_parquet(path)
    features = json.loads(layer_geojson(catalog, layer_name, flt))["features"]
    assert len(back) == len(features) > 0
    assert list(back["id"]) == [f["properties"]["id"] for f in features]
    assert set(back.columns) == set(features[0]["properties"]) | {"geometry", "release"}
    assert back.crs.to_epsg() == 4326
    assert back.attrs["release"] == catalog.release.metadata() and set(back["release"]) == {catalog.release.version}
    for row, feature in zip(back.itertuples(), features):
        if feature["geometry"] is None:
            assert row.geometry is None
        else:  # a record known only by its zone is its zone's polygon here too, never a point
            assert row.geometry.geom_type == feature["geometry"]["type"]
            written = shapely.geometry.shape(feature["geometry"])  # rounded to six decimals, rings may start elsewhere
            assert row.geometry.normalize().equals_exact(written.normalize(), 1e-6)
    if "first_date" in back.columns:  # typed: dates stay dates (a month-only `date` of an event stays its text)
        assert pd.api.types.is_datetime64_any_dtype(back["first_date"])
    if "killed" in back.columns:
        assert pd.api.types.is_integer_dtype(back["killed"])


def test_geoparquet_with_no_geometry_for_records_without_a_position():
    from geo.catalog import load_catalog
    from geo.export import layer_parquet

    catalog = load_catalog()
    back = gpd.read_parquet(io.BytesIO(layer_parquet(catalog, "strikes", Filter(), unlocated="null")))
    zonal = back["placed_at"] != "reported point"
    assert back.geometry[zonal].isna().all() and back.geometry[~zonal].notna().all()
    assert "no geometry" in back.attrs["unlocated_records"]


def test_cli_writes_geoparquet_by_option_or_extension(tmp_path):
    from geo.cli import main

    by_option, by_name = tmp_path / "strikes.out", tmp_path / "strikes.parquet"
    assert main(["export", "--layer", "strikes", "--format", "parquet", "-o", str(by_option)]) == 0
    assert main(["export", "--layer", "strikes", "--region", "caribbean", "-o", str(by_name)]) == 0
    whole, caribbean = gpd.read_parquet(by_option), gpd.read_parquet(by_name)
    assert len(whole) > len(caribbean) > 0 and set(caribbean["region"].dropna()) == {"Caribbean Sea"}
    with pytest.raises(SystemExit, match="one layer a file"):
        main(["export", "--layer", "all", "--format", "parquet", "-o", str(tmp_path / "all.parquet")])
