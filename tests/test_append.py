"""Appending drafted rows, all or nothing: the CSV line, the new text of each
file touched, validation in a scratch copy, and the real files left alone
until the whole copy validates."""

from __future__ import annotations

from datetime import date

import pytest

from geo.append import appended, changes, check_in_copy, commit, csv_line, header_of
from geo.paths import DataPaths
from tests.test_validate_checks import write_data

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8


@pytest.fixture
def tiny(tmp_path):
    return DataPaths.resolve(write_data(tmp_path))


def test_a_csv_line_in_the_headers_order_quoted_where_needed():
    assert csv_line(["id", "title", "notes"], {"notes": 'said "x"', "id": "E009", "title": "Strike, then seizure"}) == (
        'E009,"Strike, then seizure","said ""x"""\n'
    )
    assert csv_line(["a", "b"], {"a": "1", "z": "not a column"}) == "1,\n"


def test_a_row_is_appended_on_its_own_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,name\nA1,Ñandú", encoding="utf-8")  # no newline at the end
    assert header_of(path) == ["id", "name"]
    assert appended(path, {"id": "A2", "name": "Año"}) == "id,name\nA1,Ñandú\nA2,Año\n"
    path.write_text("id,name\n", encoding="utf-8")
    assert appended(path, {"id": "A1"}) == "id,name\nA1,\n"


def test_changes_name_each_file_with_its_new_text_and_the_changelog(tiny):
    new = changes(tiny, {"sources.csv": {"id": "SRC-0003"}, "strikes.csv": {"id": "S030"}},
                  ("2025-11-02", "Added", "S030 (new)"))  # fmt: skip
    assert list(new) == [tiny.seeds_dir / "sources.csv", tiny.data_dir / "strikes.csv", tiny.changelog]
    assert new[tiny.seeds_dir / "sources.csv"].endswith("\nSRC-0003,,,,,,\n")
    assert new[tiny.data_dir / "strikes.csv"].endswith("\nS030" + "," * 21 + "\n")
    assert (
        new[tiny.changelog]
        == "# Changes\n\n## 2025-11-02\n\n### Added\n- S030 (new)\n\n## 2025-11-01\n\nFirst release.\n"
    )


def test_a_change_is_validated_in_a_copy_and_the_data_left_alone(tiny):
    before = {p: p.read_bytes() for p in tiny.files()}
    good = changes(tiny, {}, ("2025-11-02", "Added", "a note"))
    assert check_in_copy(tiny, good) == []
    uncited = changes(tiny, {"sources.csv": {"id": "SRC-0003", "publisher": "AP", "published": "2025-10-01",
                                             "title": "T", "url": "https://c.example/3", "kind": "wire"}},
                      ("2025-11-02", "Added", "SRC-0003"))  # fmt: skip
    assert [str(p) for p in check_in_copy(tiny, uncited)] == [
        "seeds/sources.csv:4: id: source SRC-0003 is cited by no record; cite it or remove it"]  # fmt: skip
    bad = changes(tiny, {"strikes.csv": {"id": "S030", "date": "someday"}}, ("2025-11-02", "Added", "S030"))
    assert ("data/strikes.csv", 31, "date") in [(p.file, p.row, p.column) for p in check_in_copy(tiny, bad)]
    assert {p: p.read_bytes() for p in tiny.files()} == before  # nothing written outside the copy
    commit(uncited)
    assert (tiny.seeds_dir / "sources.csv").read_text(encoding="utf-8").endswith("https://c.example/3,wire,\n")
    assert "- SRC-0003" in tiny.changelog.read_text(encoding="utf-8")


def test_the_copy_holds_files_not_links_so_a_link_target_is_never_written(tiny, tmp_path):
    real = tmp_path / "elsewhere.csv"
    (tiny.data_dir / "strikes.csv").rename(real)
    (tiny.data_dir / "strikes.csv").symlink_to(real)
    before = real.read_bytes()
    new = changes(tiny, {"strikes.csv": {"id": "S030", "date": "someday"}}, ("2025-11-02", "Added", "S030"))
    assert check_in_copy(tiny, new)  # the broken row is found in the copy ...
    assert real.read_bytes() == before  # ... and the file the link points at is untouched


def test_the_copy_is_validated_as_of_the_day_given(tiny):
    new = changes(tiny, {}, ("2025-11-02", "Added", "a note"))
    assert check_in_copy(tiny, new) == []
    early = check_in_copy(tiny, new, date(2025, 9, 10))  # strikes of 11 to 29 September lie after that day
    assert [(p.row, p.column) for p in early if p.file == "data/strikes.csv"][:2] == [(12, "date"), (13, "date")]
