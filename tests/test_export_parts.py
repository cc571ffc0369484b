"""Export parts checked against what they promise: the README's words on
unknowns and formulas, file names, a layer exported whatever layers the page
shows, the zip's members, honest placement with no placement column."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.catalog import load_catalog
from geo.export import describe, export_name, layer_csv, layer_geojson, placed_honestly, with_source_urls, zip_all
from geo.query import Filter
from geo.release import Release

RELEASE = Release("2026-12-02", date(2026, 12, 2))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_the_readme_says_what_an_empty_count_and_a_leading_quote_mean():
    assert (
        "Empty counts are unknown: no source states them.\n"
        "In the CSV files a text starting with =, +, -, @, a tab or a carriage return has a\n"
        "single quote put before it, so that a spreadsheet shows it rather than running it as\n"
        "a formula; the GeoJSON files hold the text as it is.\n"
    ) in describe(Filter(), RELEASE)


def test_a_file_name_keeps_only_letters_digits_and_underscores_of_a_place():
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("Eastern Pacific", "off-venezuela"))
    assert export_name("strikes", flt, "csv") == "strikes_easternpacific+offvenezuela_2025-10-01_2025-10-31.csv"


def test_a_layer_is_exported_whatever_layers_the_page_shows(catalog):
    hidden = Filter(layers=("sites",))
    features = json.loads(layer_geojson(catalog, "strikes", hidden))["features"]
    assert len(features) == len(catalog.strikes)
    assert len(layer_csv(catalog, "events", Filter(layers=())).splitlines()) == len(catalog.events) + 1


def test_the_zip_holds_every_layer_its_readme_and_release_whatever_layers_are_shown(catalog):
    archive = zipfile.ZipFile(io.BytesIO(zip_all(catalog, Filter(layers=()), "null")))
    strikes = json.loads(archive.read("strikes.geojson"))["features"]
    assert len(strikes) == len(catalog.strikes)
    zonal = [f for f in strikes if f["properties"]["placed_at"] == "zone reference point"]
    assert zonal and all(f["geometry"] is None for f in zonal)  # asked for null geometry: none drawn
    assert "in these files records with no reported position have no geometry (null)" in archive.read(
        "README.txt").decode("utf-8")  # fmt: skip
    release = archive.read("release.json").decode("utf-8")
    assert release.startswith('{\n  "title": ') and json.loads(release)["selection"] == (
        "campaign start to latest record; all regions")  # fmt: skip
    status = archive.read("site_status.csv").decode("utf-8").splitlines()
    assert status[0] == "site_id,date,status,note,sources,release" and len(status) == len(catalog.site_status) + 1


def test_without_a_placement_column_nothing_is_moved(tiny_zones):
    frame = gpd.GeoDataFrame({"id": ["X1"], "zone": ["sea_a"]}, geometry=[Point(1, 2)], crs=4326)
    assert placed_honestly(frame, tiny_zones) is frame
    with pytest.raises(ValueError, match="^unlocated must be one of zone, null$"):
        placed_honestly(frame, tiny_zones, "centroid")


def test_source_urls_come_right_after_the_sources():
    register = pd.DataFrame({"url": ["https://a.example/1", "https://b.example/2"]}, index=["SRC-0001", "SRC-0002"])
    frame = pd.DataFrame({"id": ["S1"], "sources": ["SRC-0001;SRC-0002"], "notes": ["n"]})
    out = with_source_urls(frame, register)
    assert list(out.columns) == ["id", "sources", "source_urls", "notes"]
    assert out.at[0, "source_urls"] == "https://a.example/1 https://b.example/2"


def test_the_readme_lists_every_field_in_english_and_spanish():
    from geo.codebook import DERIVED, FILES
    from geo.export import field_meanings

    lines = field_meanings().split("\n")
    assert lines[:4] == [
        "", "Fields, in English and Spanish / Campos, en inglés y en español",
        "(field names stay in English in every file / los nombres de los campos quedan en inglés en todos los "
        "archivos)", ""]  # fmt: skip
    assert lines[4:7] == [
        "strikes.csv", "  id: Stable record id, S and three or more digits; never reused.",
        "    es: Id estable del registro, S y tres o más dígitos; nunca se reutiliza."]  # fmt: skip
    assert lines[-3:] == [
        "  release: The data release (its date) the export was made from.",
        "    es: La versión de datos (su fecha) de la que se hizo la exportación.", ""]  # fmt: skip
    assert [line for line in lines if line.endswith(".csv")] == list(FILES)
    assert "every export / toda exportación" in lines
    fields = sum(len(columns) for _, columns in FILES.values()) + len(DERIVED)
    assert sum(line.startswith("  ") and not line.startswith("    ") for line in lines) == fields
    assert sum(line.startswith("    es: ") for line in lines) == fields
