"""Reading a file: each kind of malformed file gives its own message."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo import csvread
from geo.csvread import display_path, read_table
from geo.schema import Column, Table

TABLE = Table("t.csv", (Column("id", "id", pattern="X[0-9]"), Column("n", "count"), Column("note", "text", False)))


def read(tmp_path, content: bytes):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    frame, problems = read_table(path, TABLE)
    assert all(p.file == display_path(path) for p in problems)  # every problem names the file
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
    frame, problems = read_table(tmp_path / "absent.csv", TABLE)
    assert [(p.file, p.row, p.column, p.reason) for p in problems] == [
        (display_path(tmp_path / "absent.csv"), 0, "", "file is missing")
    ]
    assert frame.empty and list(frame.columns) == ["_row", "id", "n", "note"]


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


# --- every kind of column: typed values of good cells, the reason for each bad one -------

EVERY_KIND = Table(
    "k.csv",
    (
        Column("id", "id", pattern=r"K\d"),
        Column("day", "date", False),
        Column("dm", "day_or_month", False),
        Column("c", "count", False),
        Column("i", "int", False),
        Column("lon", "lon", False),
        Column("lat", "lat", False),
        Column("km", "km", False),
        Column("ch", "choice", False, choices=(1, 2, 3)),
        Column("src", "sources", False),
        Column("url", "url", False),
        Column("note", "text", False),
    ),
)
HEADER = b"id,day,dm,c,i,lon,lat,km,ch,src,url,note\n"


def read_kinds(tmp_path, *lines: bytes):
    path = tmp_path / "k.csv"
    path.write_bytes(HEADER + b"".join(line + b"\n" for line in lines))
    frame, problems = read_table(path, EVERY_KIND)
    assert all(p.file == display_path(path) for p in problems)
    return frame, problems


def test_good_cells_of_every_kind_are_typed(tmp_path):
    frame, problems = read_kinds(
        tmp_path,
        b"K1,2025-09-02,2025-10,3,-4,-180,90,5000,2,SRC-0001 ; SEED-001,https://a.example/x,plain",
        b"K2,2024-02-29,2025-10-31,0,+7,180,-90,0,3,SRC-0002,http://b.example,",
        b"K3,,,,,,,,,,,",
    )
    assert problems == []
    first, second, third = frame.to_dict("records")
    assert first["day"] == pd.Timestamp("2025-09-02") and first["dm"] == "2025-10"
    assert (first["c"], first["i"], second["c"], second["i"]) == (3, -4, 0, 7)
    assert (first["lon"], first["lat"], first["km"]) == (-180.0, 90.0, 5000.0)
    assert (second["lon"], second["lat"], second["km"]) == (180.0, -90.0, 0.0)
    assert first["ch"] == 2 and second["ch"] == 3  # the choice itself, not its label
    assert first["src"] == "SRC-0001;SEED-001" and second["src"] == "SRC-0002"
    assert (first["url"], first["note"]) == ("https://a.example/x", "plain")
    assert second["day"] == pd.Timestamp("2024-02-29") and second["dm"] == "2025-10-31"
    assert all(pd.isna(value) for name, value in third.items() if name not in ("_row", "id"))
    assert str(frame["c"].dtype) == "Int64" and str(frame["i"].dtype) == "Int64"
    assert [str(frame[n].dtype) for n in ("lon", "lat", "km")] == ["float64"] * 3


@pytest.mark.parametrize(
    "column, value, reason",
    [
        ("day", "2025-02-30", "'2025-02-30' is not a real date"),
        ("day", "2025-9-2", "'2025-9-2' is not a date YYYY-MM-DD"),
        ("day", "2025-10", "'2025-10' is not a date YYYY-MM-DD"),
        ("dm", "2025-13", "'2025-13-01' is not a real date"),
        ("dm", "2025", "'2025' is not a date YYYY-MM-DD"),
        ("dm", "2025-02-30", "'2025-02-30' is not a real date"),
        ("c", "-2", "'-2' is negative; a count is 0 or more"),
        ("c", "2.5", "'2.5' is not a whole number"),
        ("i", "7a", "'7a' is not a whole number"),
        ("i", "--7", "'--7' is not a whole number"),
        ("lon", "abc", "'abc' is not a number"),
        ("lon", "W66", "'W66' is not a number"),
        ("lon", "180.5", "'180.5' is out of range [-180, 180]"),
        ("lon", "-180.01", "'-180.01' is out of range [-180, 180]"),
        ("lat", "12.6N", "'12.6N' is not a number"),
        ("lat", "-95", "'-95' is out of range [-90, 90]; are lon and lat swapped?"),
        ("lat", "90.5", "'90.5' is out of range [-90, 90]; are lon and lat swapped?"),
        ("lat", "200", "'200' is out of range [-90, 90]"),
        ("km", "-1", "'-1' is out of range [0, 5000]"),
        ("km", "5000.5", "'5000.5' is out of range [0, 5000]"),
        ("km", "ten", "'ten' is not a number"),
        ("ch", "4", "'4' is not one of: 1, 2, 3"),
        ("ch", "1.0", "'1.0' is not one of: 1, 2, 3"),
        ("src", "SRC-0001;SRC-0001", "the same source id is listed twice"),
        ("src", "SRC-0001 ; SRC-0001", "the same source id is listed twice"),
        ("src", "SRC-1", "'SRC-1' is not a source id (SRC-0000 or SEED-000)"),
        ("src", "SRC-0001;", "'SRC-0001;' has an empty source id (ids are separated by ';')"),
        ("url", "ftp://a.example", "'ftp://a.example' is not an http(s) URL (printable ASCII, no spaces)"),
        ("url", "https://localhost", "'https://localhost' is not an http(s) URL (printable ASCII, no spaces)"),
        ("id", "K", "'K' is not an id of the form K\\d"),
    ],
)
def test_each_bad_cell_is_named_and_its_row_left_out(tmp_path, column, value, reason):
    cells = dict.fromkeys(EVERY_KIND.names, "")
    cells["id"] = "K1"
    cells[column] = value
    line = ",".join(cells[name] for name in EVERY_KIND.names).encode()
    frame, problems = read_kinds(tmp_path, b"K9,,,,,,,,,,,", line)
    assert [(p.row, p.column, p.reason) for p in problems] == [(3, column, reason)]
    assert list(frame["id"]) == ["K9"] and list(frame["_row"]) == [2]


def test_a_bad_byte_is_placed_on_its_line(tmp_path):
    _, problems = read(tmp_path, b'id,n,note\nX1,1,"two\nlines"\nX2,2,ok\nX3,3,\xff\n')
    assert reasons(problems) == [(5, "", "byte 0xff is not UTF-8; save the file as UTF-8")]
    _, problems = read(tmp_path, b"\xef\xbb\xbfid,n,note\nX1,1,\n")
    assert reasons(problems) == [(1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")]


def test_an_empty_file_names_the_header_it_needs(tmp_path):
    rows, problems = read(tmp_path, b"")
    assert rows == [] and reasons(problems) == [(0, "", "file is empty; expected the header: id,n,note")]


def test_a_header_alone_without_a_newline_is_an_empty_table(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note")
    assert rows == [] and problems == []
    rows, problems = read(tmp_path, b" id , n ,note\r\nX1, 4 ,  spaced out  \r\n")
    assert problems == [] and [(r["_row"], r["id"], r["n"], r["note"]) for r in rows] == [(2, "X1", 4, "spaced out")]


def test_each_header_problem_is_named_once(tmp_path):
    _, problems = read(tmp_path, b"id,n,n,extra\nX1,1,1,\n")
    assert sorted(reasons(problems)) == [
        (1, "extra", "unknown column; expected: id,n,note"),
        (1, "n", "column appears more than once"),
        (1, "note", "column is missing from the header"),
    ]


def test_a_row_with_too_few_values_is_reported_with_its_line(tmp_path):
    rows, problems = read(tmp_path, b'id,n,note\nX1,1,"a, b\nc"\nX2,2\n\nX3,3,\n')
    assert [(r["_row"], r["id"], r["note"]) for r in rows] == [(2, "X1", "a, b\nc"), (6, "X3", None)]
    assert reasons(problems) == [(4, "", "has 2 values, the header has 3 columns")]


def test_quoted_commas_newlines_and_crlf_keep_their_lines(tmp_path):
    content = b'id,n,note\r\nX1,1,"one, two"\r\n\r\nX2,2,"three\r\nfour ""quoted"""\r\nX3,3,last'
    rows, problems = read(tmp_path, content)
    assert problems == []
    assert [(r["_row"], r["id"], r["n"]) for r in rows] == [(2, "X1", 1), (4, "X2", 2), (6, "X3", 3)]
    assert rows[0]["note"] == "one, two" and rows[1]["note"] == 'three\r\nfour "quoted"'


def test_a_row_of_empty_cells_holds_no_record(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\n , ,\nX1,1,\n")
    assert problems == [] and [r["_row"] for r in rows] == [3]


def test_a_required_empty_cell_leaves_the_row_out(tmp_path):
    rows, problems = read(tmp_path, b"id,n,note\nX1,,\nX2,5,\n")
    assert [r["id"] for r in rows] == ["X2"]
    assert reasons(problems) == [(2, "n", "is empty but required")]


def test_a_file_of_empty_cells_still_types_its_columns(tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes(HEADER)
    frame, problems = read_table(path, EVERY_KIND)
    assert problems == [] and frame.empty
    assert list(frame.columns) == ["_row", *EVERY_KIND.names]


def test_paths_show_as_an_editor_types_them(tmp_path, monkeypatch):
    from geo.csvread import display_path

    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "data" / "strikes.csv") == "data/strikes.csv"
    elsewhere = tmp_path.parent / "other.csv"  # never the server's own path: only the folder and the file
    assert display_path(elsewhere) == f"{tmp_path.parent.name}/other.csv"


@pytest.mark.parametrize(
    "column, value",
    [("lon", "1_0"), ("km", "5_0"), ("c", "١٢"), ("i", "-٣"), ("lat", "١٢")],
)
def test_a_number_only_python_would_read_is_refused_not_lost(tmp_path, column, value):
    """Python's float() and int() take '1_0' and Arabic-Indic digits; pandas
    does not, so such a cell would come out empty. It is reported instead."""
    cells = dict.fromkeys(EVERY_KIND.names, "")
    cells["id"] = "K1"
    cells[column] = value
    frame, problems = read_kinds(tmp_path, ",".join(cells[name] for name in EVERY_KIND.names).encode())
    assert [(p.row, p.column) for p in problems] == [(2, column)]
    assert value in problems[0].reason
    assert frame.empty


# --- the fast reader and the careful one ---------------------------------------------------


def test_record_shape_counts_lines_and_values_by_hand():
    from geo.csvread import record_shape

    raw = b'id,n,note\r\nX1,1,"a, b"\r\n\r\nX2,2,"c\r\nd ""q"", e"\r\n\nX3,,\n,,\nX4,4,x'
    # line 1 header; 2 X1; 3 blank (CR only); 4-5 X2; 6 blank; 7 X3; 8 empty cells; 9 X4, no newline at the end
    lines, fields = record_shape(raw)
    assert lines.tolist() == [2, 4, 7, 8, 9] and fields.tolist() == [3, 3, 3, 3, 3]
    lines, fields = record_shape(b"a,b\n1,2,3\n4\n\n5,6\n")
    assert lines.tolist() == [2, 3, 5] and fields.tolist() == [3, 1, 2]
    lines, fields = record_shape(b'a\n"x,y"\n\n""\nz')
    assert lines.tolist() == [2, 4, 5] and fields.tolist() == [1, 1, 1]
    lines, fields = record_shape(b"a,b")
    assert lines.tolist() == [] and fields.tolist() == []
    assert lines.dtype == np.int64


WELL_FORMED = [
    b"id,n,note\nX1,1,a\nX2,2,b\n",
    b"id,n,note\r\nX1,1,a\r\n\r\nX2,2,b\r\n",
    b'id,n,note\nX1,1,"a, b\nc"\n\n\nX2,2,"say ""hi"""',
    b"id,n,note\nX1,1,\n,,\nX2,2,b\n\n",
    b"id,n,note\nX1,1,x\nX2,2,y",
]


@pytest.mark.parametrize("content", WELL_FORMED)
def test_a_well_formed_file_is_read_by_the_fast_reader(tmp_path, monkeypatch, content):
    """At a million rows only pandas' C parser is fast enough; the careful reader
    is for files with a malformed record."""
    import geo.csvread as csvread

    def never(*args):
        raise AssertionError("took the slow path")

    monkeypatch.setattr(csvread, "split_slowly", never)
    rows, problems = read(tmp_path, content)
    assert problems == [] and [r["id"] for r in rows] == ["X1", "X2"]


def test_a_malformed_record_sends_the_file_to_the_careful_reader(tmp_path, monkeypatch):
    import geo.csvread as csvread

    calls = []
    careful = csvread.split_slowly
    monkeypatch.setattr(csvread, "split_slowly", lambda *args: calls.append(1) or careful(*args))
    rows, problems = read(tmp_path, b'id,n,note\r\nX1,1,"a\r\nb"\r\nX2,2\r\n\r\nX3,3,c\r\n')
    assert calls == [1]
    assert [(r["_row"], r["id"], r["note"]) for r in rows] == [(2, "X1", "a\r\nb"), (6, "X3", "c")]
    assert reasons(problems) == [(4, "", "has 2 values, the header has 3 columns")]
    assert all(p.file == display_path(tmp_path / "t.csv") for p in problems)


def test_an_optional_count_column_left_empty_stays_a_count(tmp_path):
    frame, problems = read_kinds(tmp_path, b"K1,,,,,,,,,,,", b"K2,,,,,,,,,,,")
    assert problems == [] and len(frame) == 2
    assert str(frame["c"].dtype) == "Int64" and str(frame["i"].dtype) == "Int64"
    assert frame["c"].isna().all() and frame["note"].isna().all()


def test_a_file_with_old_mac_line_ends_is_named_not_misread(tmp_path):
    """Excel for Mac's 'CSV (Macintosh)' ends lines with a bare carriage return:
    the file is refused with a reason that says how to save it, never read wrongly
    or crashed on."""
    rows, problems = read(tmp_path, b'id,n,note\rX1,1,a\rX2,2,"b\rc"\rX3,x,\r')
    assert rows == []
    assert len(problems) == 1 and "CSV (Macintosh)" in problems[0].reason and "LF or CRLF" in problems[0].reason
