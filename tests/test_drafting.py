"""The editor's routine around a drafted strike, on the tiny data set: each
value asked with where it was read, the row and the new source built, and
what is printed before anything is written."""

from __future__ import annotations

import io
from argparse import Namespace
from datetime import date

import pytest

from geo import drafting
from geo.drafting import ask, build_rows, read_text, run_draft
from geo.paths import DataPaths
from tests.test_validate_checks import write_data

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

TEXT = ("On Aug. 23, forces conducted a lethal kinetic strike on a vessel in the Eastern Pacific. "
        "Three male narco-terrorists were killed.")  # fmt: skip


def args(tmp_path, **changes):
    statement = tmp_path / "statement.txt"
    statement.write_text(TEXT, encoding="utf-8")
    values = dict(text=str(statement), published=date(2026, 8, 24), announced_by="SOUTHCOM release", source=None,
                  url="https://www.southcom.mil/x", title="Lethal Kinetic Strike", publisher="US Southern Command",
                  source_kind="official", set=[], notes="", write=False, data_dir=None)  # fmt: skip
    return Namespace(**{**values, **changes})


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "copy").mkdir()
    return DataPaths.resolve(write_data(tmp_path / "copy"))


def test_the_statement_is_read_from_a_file_or_stdin(tmp_path, monkeypatch):
    (tmp_path / "s.txt").write_text("Año 2026", encoding="utf-8")
    assert read_text(str(tmp_path / "s.txt")) == "Año 2026"
    monkeypatch.setattr("sys.stdin", io.StringIO("from stdin"))
    assert read_text("-") == "from stdin"


def test_each_value_is_asked_with_where_it_was_read(monkeypatch):
    asked = []

    def answer(text):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr("builtins.input", answer)
    answers = ["", " 4 ", "-", ""]
    assert ask("killed", "3", "three were killed") == "3"  # Enter keeps it
    assert ask("killed", "3", "three were killed") == "4"
    assert ask("vessels", "1", "") == ""  # '-' empties it
    assert ask("survivors", "", "") == ""
    assert asked[0] == "killed [3]  (read from: three were killed): "
    assert asked[2] == "vessels [1]  (not stated: empty means unknown): "


def test_the_row_and_its_new_source(tiny, tmp_path):
    rows, strike_id, unstated = build_rows(args(tmp_path, notes="checked"), tiny)
    assert strike_id == "S030"
    source = rows["sources.csv"]
    assert source == {"id": "SRC-0003", "publisher": "US Southern Command", "published": "2026-08-24",
                      "title": "Lethal Kinetic Strike", "url": "https://www.southcom.mil/x", "kind": "official",
                      "summary": "Statement announcing strike S030; the row was drafted from its text."}  # fmt: skip
    row = rows["strikes.csv"]
    assert {k: row[k] for k in ("id", "date", "region", "killed", "geo_precision", "location_basis", "sources",
                                "notes", "announced_by")} == {
        "id": "S030", "date": "2026-08-23", "region": "Eastern Pacific", "killed": "3", "geo_precision": "3",
        "location_basis": "Eastern Pacific; no position given in the statement", "sources": "SRC-0003",
        "notes": "checked", "announced_by": "SOUTHCOM release, 24 Aug 2026"}  # fmt: skip
    assert unstated == ["survivors", "rescued", "presumed_dead"]


def test_an_existing_source_and_the_editors_corrections(tiny, tmp_path):
    fixes = ["survivors=0", "geo_precision=2", "location_basis=off Manta"]
    rows, _, unstated = build_rows(args(tmp_path, source="SRC-0002", set=fixes), tiny)
    assert list(rows) == ["strikes.csv"] and rows["strikes.csv"]["sources"] == "SRC-0002"
    row = rows["strikes.csv"]
    assert (row["survivors"], row["geo_precision"], row["location_basis"]) == ("0", "2", "off Manta")
    assert unstated == ["rescued", "presumed_dead"]


def test_no_region_stated_leaves_the_basis_empty(tiny, tmp_path):
    statement = tmp_path / "s.txt"
    statement.write_text("A strike was conducted.", encoding="utf-8")
    row = build_rows(args(tmp_path, text=str(statement)), tiny)[0]["strikes.csv"]
    assert row["location_basis"] == "" and "region" not in row


def test_mistakes_in_the_command_are_named(tiny, tmp_path):
    with pytest.raises(SystemExit, match="^error: --set size: no such column in strikes.csv$"):
        build_rows(args(tmp_path, set=["size=3"]), tiny)
    with pytest.raises(SystemExit, match=r"^error: give --source ID, or --url and --title to register the statement$"):
        build_rows(args(tmp_path, url=None), tiny)
    with pytest.raises(SystemExit, match="--url and --title"):
        build_rows(args(tmp_path, title=None), tiny)


def test_at_a_terminal_every_value_but_id_and_sources_is_confirmed(tiny, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked = []
    monkeypatch.setattr(drafting, "ask", lambda column, value, evidence: asked.append(column) or value)
    build_rows(args(tmp_path, write=True), tiny)
    assert "id" not in asked and "sources" not in asked and asked[:2] == ["date", "date_precision"]
    asked.clear()
    build_rows(args(tmp_path, write=False), tiny)
    assert asked == []  # a dry run asks nothing


def test_a_dry_run_prints_the_row_and_writes_nothing(tiny, tmp_path, capsys):
    before = {p: p.read_bytes() for p in tiny.files()}
    assert run_draft(args(tmp_path, data_dir=str(tiny.data_dir))) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Proposed S030 for {tiny.data_dir / 'strikes.csv'}:"
    assert out[1] == "  id                   S030"
    assert "Not stated in the text (left empty = unknown): survivors, rescued, presumed_dead" in out
    assert "The data validates with this row." in out
    assert out[-2] == ("Dry run: nothing written. Check the values, fix any with --set COLUMN=VALUE, then add "
                       "--write.")  # fmt: skip
    assert out[-1].startswith("S030,2026-08-23,strike_day,Eastern Pacific,eastern_pacific,")
    assert {p: p.read_bytes() for p in tiny.files()} == before


def test_writing_logs_the_strike_in_the_changelog(tiny, tmp_path, capsys):
    assert run_draft(args(tmp_path, data_dir=str(tiny.data_dir), write=True, set=["survivors=0"])) == 0
    line = ("S030 (2026-08-23, Eastern Pacific, 3 killed): new strike, drafted from SOUTHCOM release of 2026-08-24 "
            "(SRC-0003).")  # fmt: skip
    assert f"- {line}" in tiny.changelog.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert f"Appended S030 to strikes.csv and logged it in CHANGELOG.md: {line}" in out
    assert "Now run: python -m geo package" not in out  # only for the repository's own data


def test_a_row_that_would_not_validate_is_not_written(tiny, tmp_path, capsys):
    before = {p: p.read_bytes() for p in tiny.files()}
    assert run_draft(args(tmp_path, data_dir=str(tiny.data_dir), write=True, set=["rescued=5"])) == 1
    out = capsys.readouterr().out
    assert "The data would not validate with this row; nothing was written:\n  data/strikes.csv:31: " in out
    assert {p: p.read_bytes() for p in tiny.files()} == before


def test_notes_from_the_notes_option_or_a_set_and_a_value_holding_an_equals_sign(tiny, tmp_path):
    assert build_rows(args(tmp_path), tiny)[0]["strikes.csv"]["notes"] == ""
    fixes = ["notes=ratio 3=4", "vessel_type=go-fast"]
    row = build_rows(args(tmp_path, set=fixes), tiny)[0]["strikes.csv"]
    assert (row["notes"], row["vessel_type"]) == ("ratio 3=4", "go-fast")


def test_at_a_terminal_each_value_is_asked_with_its_evidence(tiny, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked = {}
    monkeypatch.setattr(drafting, "ask", lambda column, value, evidence: asked.setdefault(column, (value, evidence))[0])
    build_rows(args(tmp_path, write=True, set=["vessels=2"]), tiny)
    assert asked["killed"] == ("3", "Three male narco-terrorists were killed")
    assert asked["vessels"] == ("2", "set by the editor")
    assert asked["survivors"] == ("", "") and asked["notes"] == ("", "")
    asked.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXT))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    build_rows(args(tmp_path, write=True, text="-"), tiny)
    assert asked == {}  # the statement came on stdin: no terminal to answer from


def test_the_next_ids_follow_the_highest_in_use_wherever_it_stands(tiny, tmp_path):
    from tests.conftest import edit_csv

    edit_csv(tiny.data_dir / "strikes.csv", 2, "id", "S099")
    edit_csv(tiny.seeds_dir / "sources.csv", 2, "id", "SRC-0009")
    rows, strike_id, _ = build_rows(args(tmp_path), tiny)
    assert (strike_id, rows["sources.csv"]["id"]) == ("S100", "SRC-0010")


def test_a_row_without_region_or_toll_says_so_in_the_changelog(tiny, tmp_path, capsys):
    statement = tmp_path / "bare.txt"
    statement.write_text("A strike was conducted.", encoding="utf-8")
    assert run_draft(args(tmp_path, text=str(statement), data_dir=str(tiny.data_dir))) == 1  # no region: invalid
    out = capsys.readouterr().out.splitlines()
    assert "  killed               " in out  # printed empty, never as None
    assert run_draft(args(tmp_path, text=str(statement), data_dir=str(tiny.data_dir), write=True,
                          set=["region=Caribbean Sea", "zone=caribbean", "survivors=0"])) == 0  # fmt: skip
    assert "- S030 (2026-08-24, Caribbean Sea, toll not stated killed): new strike" in tiny.changelog.read_text(
        encoding="utf-8")  # fmt: skip


def test_every_problem_of_a_row_that_would_not_validate_on_its_own_line(tiny, tmp_path, capsys):
    assert run_draft(args(tmp_path, data_dir=str(tiny.data_dir), set=["rescued=5", "vessels=-1"])) == 1
    out = capsys.readouterr().out.splitlines()
    at = out.index("The data would not validate with this row; nothing was written:")
    problems = out[at + 1 :]
    assert len(problems) >= 2 and all(line.startswith(("  data/", "  seeds/")) for line in problems)
    assert "  data/strikes.csv:31: vessels: '-1' is negative; a count is 0 or more" in problems
