"""datapackage.json and CITATION.cff written for a release: a field per
column kind, the citation's two dated lines, and rewriting only what changed."""

import json
from datetime import date

import pytest

from geo import package
from geo.package import citation_cff, field, package_json, write_package
from geo.release import Release
from geo.schema import Column

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

RELEASE = Release("2026-12-05", date(2026, 12, 5))
CFF = 'cff-version: 1.2.0\ntitle: "Map"\nversion: "2026-11-21"\ndate-released: "2026-11-21"\nlicense: CC-BY-4.0\n'


def test_an_id_pattern_is_written_with_ascii_digits():
    assert field(Column("id", "id", pattern=r"X\d{3}"), "An id.") == {
        "name": "id", "description": "An id.", "description_es": "An id.", "type": "string",
        "constraints": {"required": True, "pattern": "X[0-9]{3}"},
    }  # fmt: skip


def test_the_citation_takes_the_release_version_and_day_and_nothing_else():
    assert citation_cff(RELEASE, CFF) == (
        'cff-version: 1.2.0\ntitle: "Map"\nversion: "2026-12-05"\ndate-released: "2026-12-05"\nlicense: CC-BY-4.0\n'
    )
    assert citation_cff(RELEASE, "title: x\n  version: kept\n") == "title: x\n  version: kept\n"


def test_write_package_rewrites_what_is_stale_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(package, "TITLE", "Mapa de la campaña")  # not ASCII: written and read as UTF-8
    (tmp_path / "CITATION.cff").write_text(CFF.replace('"Map"', '"Mapa de la campaña"'), encoding="utf-8")
    assert write_package(RELEASE, tmp_path) == [tmp_path / "datapackage.json", tmp_path / "CITATION.cff"]
    assert json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["version"] == "2026-12-05"
    assert (tmp_path / "datapackage.json").read_text(encoding="utf-8") == package_json(RELEASE)
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8") == (
        'cff-version: 1.2.0\ntitle: "Mapa de la campaña"\nversion: "2026-12-05"\ndate-released: "2026-12-05"\n'
        "license: CC-BY-4.0\n"
    )
    assert write_package(RELEASE, tmp_path) == []  # both current: nothing written
    (tmp_path / "datapackage.json").write_text("{}\n", encoding="utf-8")
    assert write_package(RELEASE, tmp_path) == [tmp_path / "datapackage.json"]
    assert write_package(Release("2026-12-06", date(2026, 12, 6)), tmp_path) == [
        tmp_path / "datapackage.json", tmp_path / "CITATION.cff"]  # fmt: skip


def test_the_package_is_utf_8_text_with_two_space_indents(monkeypatch):
    monkeypatch.setattr(package, "TITLE", "Mapa de la campaña")
    text = package_json(RELEASE)
    assert '  "title": "Mapa de la campaña",\n' in text and text.endswith("}\n")
