"""Reading a file: each kind of malformed file gives its own message."""

from pathlib import Path

import pandas as pd

from geo import csvread
from geo.csvread import display_path, read_table
from geo.schema import Column, Table

TABLE = Table("t.csv", (Column("id", "id", pattern="X[0-9]"), Column("n", "count"), Column("note", "text", False)))


def read(tmp_path, content: bytes):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    frame, problems = read_table(path, TABLE)
    rows = [{k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
            for r in frame.to_dict("records")]  # fmt: skip
    return rows, problems


def reasons(problems):
    return [(p.row, p.column, p.reason) for p in problems]


def test_a_clean_file_gives_typed_rows_with_line_numbers(tmp_path):
    rows, problems = read(tmp_path, b'id,n,note\nX1,3,"two\nlines"\nX2,0,\n')
    assert problems == []
    assert [(r["_row"], r["id"], r["n"], r["note"]) for r in rows] == [
        (2, "X1", 3, "two\nlines"),
        (4, "X2", 0, None),
    ]


def test_every_bad_cell_is_reported_at_once(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\nX1,-2,\nbad,x,\n,,a note\n")
    assert rows == []
    assert sorted(reasons(problems)) == [
        (2, "n", "'-2' is negative; a count is 0 or more"),
        (3, "id", "'bad' is not an id of the form X[0-9]"),
        (3, "n", "'x' is not a whole number"),
        (4, "id", "is empty but required"),
        (4, "n", "is empty but required"),
    ]


def test_header_problems_name_the_column(tmp_path):
    _, problems = read(tmp_path, b"id,count,note,extra\nX1,1,,\n")
    assert {(p.row, p.column) for p in problems} == {(1, "n"), (1, "count"), (1, "extra")}


def test_a_row_with_too_many_values_is_reported_not_dropped(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\nX1,1,a,b\nX2,2,\n")
    assert [r["id"] for r in rows] == ["X2"]
    assert reasons(problems) == [(2, "", "has 4 values, the header has 3 columns")]


def test_byte_order_mark_and_other_encodings_are_named(tmp_path):
    _, problems = read(tmp_path, b"\xef\xbb\xbfid,n,note\n")
    assert "byte-order mark" in problems[0].reason
    _, problems = read(tmp_path, b"id,n,note\nX1,1,caf\xe9\n")
    assert (problems[0].row, problems[0].reason) == (2, "byte 0xe9 is not UTF-8; save the file as UTF-8")


def test_empty_and_missing_files(tmp_path):
    _, problems = read(tmp_path, b"  \n")
    assert "file is empty" in problems[0].reason
    _, problems = read_table(tmp_path / "absent.csv", TABLE)  # noqa: F841
    assert problems[0].reason == "file is missing"


def test_blank_lines_hold_no_record(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\n\nX1,1,\n\n")
    assert problems == [] and [r["_row"] for r in rows] == [3]


# --- what an outside review found: numbers Python reads and pandas does not, odd files -----


def test_numbers_in_other_digits_are_refused_not_loaded_as_missing(tmp_path):
    """Full-width and Arabic-Indic digits and underscores: Python's int() and
    float() read them, pandas does not; a cell that passed would load as missing."""
    rows, problems = read(tmp_path, "id,n,note\nX1,１１,\nX2,٣,\nX3,1_0,\nX٤,1,\n".encode())
    assert rows == []
    assert sorted(reasons(problems)) == [
        (2, "n", "'１１' has digits other than 0-9 (full-width, Arabic-Indic...); retype it with 0-9"),
        (3, "n", "'٣' has digits other than 0-9 (full-width, Arabic-Indic...); retype it with 0-9"),
        (4, "n", "'1_0' has an underscore; write the number with the digits 0-9 only"),
        (5, "id", "'X٤' has digits other than 0-9 (full-width, Arabic-Indic...); retype it with 0-9"),
    ]


def test_coordinates_and_source_ids_in_other_digits_are_refused(tmp_path):
    table = Table("t.csv", (Column("lon", "lon"), Column("sources", "sources"), Column("url", "url")))
    path = tmp_path / "t.csv"
    path.write_text("lon,sources,url\n-6٦.5,SRC-0001,https://a.example/x\n1_0,SRC-００01,https://a.example/\u00a0x\n")
    frame, problems = read_table(path, table)
    assert frame.empty
    assert sorted((p.row, p.column) for p in problems) == [(2, "lon"), (3, "lon"), (3, "sources"), (3, "url")]


def test_counts_have_a_plausible_bound(tmp_path):
    content = b"id,n,note\nX1,10000000000000000000,\nX2,9223372036854775807,\nX3,10001,\nX4,0010000,\nX5,1e19,\n"
    rows, problems = read(tmp_path, content)
    assert [(r["_row"], r["n"]) for r in rows] == [(5, 10000)]
    assert [(p.row, p.column) for p in problems] == [(2, "n"), (3, "n"), (4, "n"), (6, "n")]
    assert all("beyond 10,000" in p.reason for p in problems[:3]) and "not a whole number" in problems[3].reason


def test_a_huge_cell_is_quoted_short_on_one_line(tmp_path):
    _, problems = read(tmp_path, b'id,n,note\nX1,"' + b"9" * 100_000 + b'\n1",\n')
    assert len(problems) == 1 and "\n" not in problems[0].reason and len(problems[0].reason) < 200
    assert "(100,002 characters)" in problems[0].reason


def test_old_mac_line_endings_are_named(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\rX1,1,\rX2,2,\r")
    assert rows == []
    assert reasons(problems) == [(1, "", problems[0].reason)] and "CSV (Macintosh)" in problems[0].reason
    _, problems = read(tmp_path, b"id,n,note\nX1,1,a\rb\nX2,2,\n")  # a stray CR in an unquoted value
    assert [(p.row, p.column) for p in problems] == [(2, "")]


def test_a_carriage_return_inside_quotes_is_text(tmp_path):
    """Valid CSV: the CR belongs to the value, and lines are counted as an editor counts them,
    in the fast path and in the record-by-record one (taken when another line is malformed)."""
    rows, problems = read(tmp_path, b'id,n,note\nX1,3,"a\rb"\nX2,1,"\r"\r\nX3,2,\n')
    assert problems == []
    assert [(r["_row"], r["id"], r["note"]) for r in rows] == [(2, "X1", "a\rb"), (3, "X2", None), (4, "X3", None)]
    rows, problems = read(tmp_path, b'id,n,note\nX1,3,"a\rb"\nX2,1,\nX3,1,2,3\n')
    assert [(r["_row"], r["id"]) for r in rows] == [(2, "X1"), (3, "X2")]
    assert reasons(problems) == [(4, "", "has 4 values, the header has 3 columns")]


def test_a_quote_never_closed_is_named(tmp_path):
    rows, problems = read(tmp_path, b'id,n,note\nX1,3,ok\nX2,1,"never closed\nX3,1,\n')
    assert [(p.row, p.column) for p in problems] == [(3, "")] and "not valid CSV" in problems[0].reason


def test_a_file_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,n,note\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    _, problems = read_table(path, TABLE)
    assert reasons(problems) == [(0, "", "cannot be read: Permission denied")]


def test_links_and_directories_are_not_data_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2,x\n")
    (tmp_path / "data").mkdir()
    link = tmp_path / "data" / "t.csv"
    link.symlink_to(secret)
    _, problems = read_table(link, TABLE)
    assert len(problems) == 1 and "symbolic link" in problems[0].reason and "hunter2" not in str(problems[0])
    (tmp_path / "data" / "d.csv").mkdir()
    assert read_table(tmp_path / "data" / "d.csv", TABLE)[1][0].reason == "is not a regular file"


def test_problems_name_the_file_by_its_directory_not_the_server_path(tmp_path):
    assert display_path(tmp_path / "somewhere" / "data" / "strikes.csv") == "data/strikes.csv"
    _, problems = read(tmp_path, b"id,n,note\nX1,-1,\n")
    assert problems[0].file == f"{tmp_path.name}/t.csv"


def test_a_value_the_fast_check_refuses_is_never_kept_silently(tmp_path, monkeypatch):
    """Should the vectorised check and the cell parser ever disagree, the cell is named."""
    monkeypatch.setitem(csvread.CHECKS, "count", lambda values, col: (values == "never", values))
    rows, problems = read(tmp_path, b"id,n,note\nX1,3,\n")
    assert rows == [] and reasons(problems) == [(2, "n", "'3' cannot be read as a count")]
