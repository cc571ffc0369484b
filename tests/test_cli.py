"""The command line as a data editor and an analyst use it."""

import json
import subprocess
import sys
import zipfile

import geopandas as gpd
import pytest

from geo.cli import main
from tests.conftest import REPO, edit_csv

LAYERS = ["strikes", "deployments", "sites", "events", "zones"]


def test_validate_passes_on_the_real_data(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_validate_lists_every_problem_and_fails(data_copy, capsys):
    edit_csv(data_copy / "strikes.csv", 2, "killed", "-1")
    edit_csv(data_copy / "deployments.csv", 3, "asset_type", "spaceship")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.endswith("strikes.csv:2: killed: '-1' is negative; a count is 0 or more") for line in lines)
    assert any("deployments.csv:3: asset_type: 'spaceship' is not one of" in line for line in lines)


def test_geo_data_dir_points_the_package_elsewhere(data_copy, monkeypatch, capsys):
    edit_csv(data_copy / "strikes.csv", 2, "zone", "atlantis")
    monkeypatch.setenv("GEO_DATA_DIR", str(data_copy))
    assert main(["validate"]) == 1
    assert "unknown zone 'atlantis'" in capsys.readouterr().out


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_exports_to_geojson_that_geopandas_reads_back(layer, tmp_path):
    out = tmp_path / f"{layer}.geojson"
    assert main(["export", "--layer", layer, "-o", str(out)]) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    back = gpd.read_file(out)
    assert len(back) == len(collection["features"])
    if layer != "zones":
        assert len(back) > 0
        properties = collection["features"][0]["properties"]
        for field in ("id", "geo_precision", "uncertainty_km", "location_basis", "sources", "source_urls"):
            assert field in properties
        assert back["id"].is_unique


def test_export_of_a_filtered_strike_layer(tmp_path):
    out = tmp_path / "october_pacific.geojson"
    args = ["export", "--layer", "strikes", "--start", "2025-10-01", "--end", "2025-10-31"]
    assert main([*args, "--region", "eastern_pacific", "-o", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["date"].startswith("2025-10") for f in features)
    assert {f["properties"]["region"] for f in features} == {"Eastern Pacific"}
    for name in ("id", "date", "region", "vessels", "killed", "presumed_dead", "rescued", "geo_precision",
                 "uncertainty_km", "sources"):  # fmt: skip
        assert name in features[0]["properties"]


def test_export_all_writes_a_zip(tmp_path):
    out = tmp_path / "all.zip"
    assert main(["export", "--layer", "all", "-o", str(out)]) == 0
    assert "strikes.geojson" in zipfile.ZipFile(out).namelist()


def test_stats_prints_totals_and_the_published_tally(capsys):
    assert main(["stats", "--start", "2025-09-01", "--end", "2025-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Selection: 2025-09-01 to 2025-12-31, all regions" in out
    assert "Latest published tally up to 2025-12-31" in out


def test_unknown_region_is_a_clear_error():
    with pytest.raises(SystemExit, match="unknown region or zone 'Mediterranean'"):
        main(["stats", "--region", "Mediterranean"])


def test_a_data_error_stops_export_with_the_problems(data_copy, tmp_path, capsys):
    edit_csv(data_copy / "strikes.csv", 2, "date", "someday")
    out = tmp_path / "x.geojson"
    assert main(["export", "--layer", "strikes", "--data-dir", str(data_copy), "-o", str(out)]) == 1
    assert "strikes.csv:2: date:" in capsys.readouterr().out and not out.exists()


def test_python_dash_m_geo_runs():
    done = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("text", ["20251031", "2025W401", "2025-10-31T00:00"])
def test_dates_on_the_command_line_are_exactly_yyyy_mm_dd(text, capsys):
    with pytest.raises(SystemExit):
        main(["stats", "--start", text])
    assert "is not a date YYYY-MM-DD" in capsys.readouterr().err


def test_graphic_writes_the_selection_as_a_print_map_or_an_animation(tmp_path):
    from io import BytesIO

    from PIL import Image

    from geo.cli import main

    png = tmp_path / "october.png"
    assert main(["graphic", "--start", "2025-10-01", "--end", "2025-10-31", "--region", "eastern_pacific",
                 "--dpi", "50", "-o", str(png)]) == 0  # fmt: skip
    picture = Image.open(BytesIO(png.read_bytes()))
    assert picture.size == (500, 325) and "1 Oct 2025 to 31 Oct 2025 · Eastern Pacific" in picture.info["Title"]
    gif = tmp_path / "october.gif"
    assert main(["graphic", "--start", "2025-10-01", "--end", "2025-10-14", "--dpi", "30", "-o", str(gif)]) == 0
    assert Image.open(gif).n_frames == 2
    assert main(["graphic", "-o", str(tmp_path / "map.jpg")]) == 2


def test_graphic_in_spanish(tmp_path):
    svg = tmp_path / "mapa.svg"
    assert main(["graphic", "--start", "2025-10-01", "--end", "2025-10-31", "--lang", "es", "-o", str(svg)]) == 0
    text = svg.read_text(encoding="utf-8")
    assert "Ataques y fuerzas de EE. UU." in text and "Leyenda" in text and "1 oct 2025 a 31 oct 2025" in text
