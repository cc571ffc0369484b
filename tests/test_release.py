"""The release: its version from the CHANGELOG, stamped on the page's data,
every export and the citation texts; the data package and CITATION.cff."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from geo.paths import REPO, DataPaths
from geo.query import Filter
from geo.release import Release, add_entry, cite_record, cite_view, read_release, releases

CHANGELOG = "# Changes\n\n## 2026-12-02\n\n### Added\n- S052 new\n\n## 2026-11-21\n\nFirst release.\n"


def newest_heading(path: Path) -> str:
    """The first '## YYYY-MM-DD' line of a CHANGELOG, read without the code under test."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## ") and line[3:13].replace("-", "").isdigit():
            return line[3:13]
    raise AssertionError("no release heading")


def test_release_is_the_newest_heading(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    release, problems = read_release(path)
    assert problems == [] and release == Release("2026-12-02", date(2026, 12, 2))
    assert releases(CHANGELOG) == ["2026-12-02", "2026-11-21"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# Changes\n\nnothing yet\n", "no release heading"),
        ("## 2026-11-21\n\n## 2026-12-02\n", "newest first"),
        ("## 2026-02-30\n", "not a real date"),
    ],
)
def test_a_broken_changelog_is_named(tmp_path, text, reason):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(text, encoding="utf-8")
    release, problems = read_release(path)
    assert release is None and reason in problems[0].reason and problems[0].file == "CHANGELOG.md"


def test_a_missing_changelog_is_a_data_problem(tmp_path):
    release, problems = read_release(tmp_path / "CHANGELOG.md")
    assert release is None and "missing" in problems[0].reason


def test_add_entry_starts_a_new_release_above_the_old_one():
    text = add_entry(CHANGELOG, "2026-12-05", "Added", "S053 (2026-12-04): drafted")
    assert releases(text) == ["2026-12-05", "2026-12-02", "2026-11-21"]
    text = add_entry(text, "2026-12-05", "Added", "S054 second")
    text = add_entry(text, "2026-12-05", "Corrected", "S010 note")
    section = text.split("## 2026-12-05\n")[1].split("## 2026-12-02")[0]
    assert section.index("- S053") < section.index("- S054")
    assert "### Corrected\n- S010 note" in section
    assert text.count("- S052 new") == 1  # the older release is untouched


def test_add_entry_refuses_an_unknown_section():
    with pytest.raises(ValueError, match="section"):
        add_entry(CHANGELOG, "2026-12-05", "Tweaked", "x")


def test_citations_name_release_record_and_link():
    release = Release("2026-12-02", date(2026, 12, 2))
    view = cite_view(release, "strikes 1 Oct to 31 Oct 2025, Eastern Pacific", "http://h/?start=2025-10-01",
                     date(2026, 12, 3))  # fmt: skip
    assert "data release 2026-12-02" in view and "http://h/?start=2025-10-01" in view and "3 December 2026" in view
    record = cite_record(release, "S011", "Strike of 27 Oct 2025", "http://h/?id=S011", date(2026, 12, 3))
    assert "record S011" in record and "data release 2026-12-02" in record and "http://h/?id=S011" in record


def test_real_release_matches_the_changelog():
    from geo.catalog import load_catalog

    assert load_catalog().release.version == newest_heading(REPO / "data" / "CHANGELOG.md")


def test_every_export_carries_the_release():
    from geo.catalog import load_catalog
    from geo.export import layer_csv, layer_geojson, zip_all

    catalog = load_catalog()
    version = newest_heading(REPO / "data" / "CHANGELOG.md")
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31))
    assert json.loads(layer_geojson(catalog, "strikes", flt))["release"]["version"] == version
    rows = list(csv.DictReader(io.StringIO(layer_csv(catalog, "strikes", flt))))
    assert rows and {row["release"] for row in rows} == {version}
    with zipfile.ZipFile(io.BytesIO(zip_all(catalog, flt))) as archive:
        assert json.loads(archive.read("release.json"))["version"] == version
        assert json.loads(archive.read("events.geojson"))["release"]["version"] == version
        assert f"## {version}" in archive.read("CHANGELOG.md").decode()
        assert version in archive.read("README.txt").decode()
        tallies = list(csv.DictReader(io.StringIO(archive.read("tallies.csv").decode())))
        assert {row["release"] for row in tallies} == {version}


def test_stats_command_names_the_release(capsys):
    from geo.cli import main

    assert main(["stats"]) == 0
    assert f"release {newest_heading(REPO / 'data' / 'CHANGELOG.md')}" in capsys.readouterr().out


# --- the Frictionless data package and CITATION.cff ------------------------------------


def test_datapackage_is_current():
    """datapackage.json is what `python -m geo package` writes for this release."""
    from geo.package import package_json

    release, _ = read_release(DataPaths.resolve().changelog)
    assert (REPO / "datapackage.json").read_text(encoding="utf-8") == package_json(release), (
        "datapackage.json is stale: run python -m geo package"
    )


def test_datapackage_describes_exactly_the_files_and_columns():
    package = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    on_disk = {}
    for path in sorted((REPO / "data").glob("*.csv")) + sorted((REPO / "seeds").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            on_disk[str(path.relative_to(REPO))] = next(csv.reader(handle))
    assert described == on_disk
    assert all(f.get("description") for r in package["resources"] for f in r["schema"]["fields"])


def frictionless_report(descriptor: Path):
    frictionless = pytest.importorskip("frictionless")
    return frictionless.validate(str(descriptor))


def test_datapackage_validates_with_frictionless():
    report = frictionless_report(REPO / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_catches_a_bad_cell(tmp_path):
    """The descriptor's constraints have teeth: a negative count fails the package."""
    shutil.copy(REPO / "datapackage.json", tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.geojson"))
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    strikes = tmp_path / "data" / "strikes.csv"
    lines = strikes.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("killed")] = "-3"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    lines[1] = out.getvalue()
    strikes.write_text("".join(lines), encoding="utf-8")
    report = frictionless_report(tmp_path / "datapackage.json")
    assert not report.valid
    assert any(row[1] == "killed" for row in report.flatten(["rowNumber", "fieldName"]))


def cff_validator():
    """The official CFF 1.2.0 JSON schema, as shipped in the cffconvert package."""
    jsonschema = pytest.importorskip("jsonschema")
    spec = importlib.util.find_spec("cffconvert")
    if spec is None:
        pytest.skip("cffconvert (for its CFF schema) is not installed")
    schema = Path(spec.submodule_search_locations[0]) / "schemas" / "1.2.0" / "schema.json"
    return jsonschema.Draft7Validator(json.loads(schema.read_text()), format_checker=jsonschema.FormatChecker())


def test_citation_cff_is_valid_and_names_the_release():
    yaml = pytest.importorskip("yaml")
    document = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    errors = [e.message for e in cff_validator().iter_errors(document)]
    assert errors == []
    version = newest_heading(REPO / "data" / "CHANGELOG.md")
    assert document["version"] == version and str(document["date-released"]) == version


def test_cff_schema_refuses_a_broken_citation():
    yaml = pytest.importorskip("yaml")
    document = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    del document["authors"]
    assert list(cff_validator().iter_errors(document))
