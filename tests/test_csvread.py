"""Reading a file: each kind of malformed file gives its own message."""

import pandas as pd

from geo.csvread import read_table
from geo.schema import Column, Table

TABLE = Table("t.csv", (Column("id", "id", pattern=r"X\d"), Column("n", "count"), Column("note", "text", False)))


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
        (3, "id", "'bad' is not an id of the form X\\d"),
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
