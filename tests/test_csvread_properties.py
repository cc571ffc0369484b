"""Property tests over the CSV reader: whatever a data editor types in any
column, the cell is either accepted with exactly the value it shows or named
(file, row, column, reason); the reader never raises, and the loaded totals
are the sum of the accepted cells."""

from __future__ import annotations

import csv
import io
import math
from datetime import date

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.csvread import SPACE, read_table
from geo.schema import PARSERS, SOURCE_SEPARATOR, CellError, Column, Table

TABLE = Table(
    "t.csv",
    (
        Column("id", "id", pattern="X[0-9]{3}"),
        Column("day", "date", required=False),
        Column("month", "day_or_month", required=False),
        Column("n", "count"),
        Column("diff", "int", required=False),
        Column("lon", "lon", required=False),
        Column("lat", "lat", required=False),
        Column("km", "km", required=False),
        Column("level", "choice", required=False, choices=(1, 2, 3)),
        Column("sources", "sources", required=False),
        Column("url", "url", required=False),
        Column("note", "text", required=False),
    ),
)
TRICKY = "0123456789-+._eE ;,\"'\n\r\t:/XSRCED\u00a0\u3000１２３٣٤۵०৪๓߁𝟘²½ⅷ"
VALID = {
    "id": ["X001", "X123"],
    "day": ["2025-10-03", "1999-12-31", ""],
    "month": ["2025-10", "2025-10-03", ""],
    "n": ["0", "11", "007", "10000"],
    "diff": ["-4", "+5", "0", ""],
    "lon": ["-66.25", "1e1", "180", ".5", ""],
    "lat": ["12.5", "-0.0", "-90", ""],
    "km": ["0", "4999.5", ""],
    "level": ["1", "2", "3", ""],
    "sources": ["SRC-0001", "SRC-0001; SEED-002", ""],
    "url": ["https://a.example/x", ""],
    "note": ["", "a note", "=1+2"],
}
ZEROS = (0xFF10, 0x660, 0x966, 0x1D7D8)  # full-width, Arabic-Indic, Devanagari, mathematical digits


def other_digit(value: str):
    """The value with one of its digits written in another script."""
    places = [i for i, c in enumerate(value) if c.isdigit()]
    if not places:
        return st.just(value)
    return st.tuples(st.sampled_from(places), st.sampled_from(ZEROS)).map(
        lambda pick: value[: pick[0]] + chr(pick[1] + int(value[pick[0]])) + value[pick[0] + 1 :]
    )


def mutated(column: str):
    """A valid value with one character put in, or one digit in another script."""
    insert = st.builds(
        lambda value, at, char: value[: at % (len(value) + 1)] + char + value[at % (len(value) + 1) :],
        st.sampled_from(VALID[column]), st.integers(0, 20), st.sampled_from(TRICKY),
    )  # fmt: skip
    return st.one_of(insert, st.sampled_from(VALID[column]).flatmap(other_digit))


def cell(column: str):
    valid = st.sampled_from(VALID[column])
    wild = st.one_of(st.text(alphabet=TRICKY, max_size=12), st.text(st.characters(codec="utf-8"), max_size=12))
    return st.one_of(valid, valid, valid, mutated(column), wild)


rows = st.lists(st.fixed_dictionaries({c.name: cell(c.name) for c in TABLE.columns}), min_size=1, max_size=6)


def write(path, records) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(TABLE.names)
    writer.writerows([[r[name] for name in TABLE.names] for r in records])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def exact(col: Column, text: str):
    """The value a cell shows, read independently of geo/ (ASCII digits only):
    what the loaded frame must hold for an accepted cell."""
    if col.kind in ("count", "int"):
        assert text.isascii() and text.lstrip("+-").isdigit(), text
        return int(text)
    if col.kind in ("lon", "lat", "km"):
        assert text.isascii(), text
        return float(text)
    if col.kind == "date":
        assert text.isascii(), text
        return pd.Timestamp(date.fromisoformat(text))
    if col.kind == "choice":
        return int(text)
    if col.kind == "sources":
        return SOURCE_SEPARATOR.join(part.strip() for part in text.split(SOURCE_SEPARATOR))
    if col.kind in ("id", "day_or_month", "url"):
        assert text.isascii(), text
    return text


def refused(col: Column, text: str) -> bool:
    if not text:
        return col.required
    try:
        PARSERS[col.kind](text, col)
    except CellError:
        return True
    return False


def same(got, want) -> bool:
    if isinstance(want, float):
        return isinstance(got, float) and (got == want or (math.isnan(got) and math.isnan(want)))
    return got == want and type(got) is not float


GOOD = {name: values[0] for name, values in VALID.items()}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=rows)
@example(records=[GOOD, {**GOOD, "n": "１１"}, {**GOOD, "lon": "1_0"}, {**GOOD, "id": "X٠٠1"}])
@example(records=[GOOD, {**GOOD, "n": "10000000000000000000"}, {**GOOD, "n": "9223372036854775807"}])
@example(records=[GOOD, {**GOOD, "note": "a\rb"}, {**GOOD, "day": "9999-12-31"}])
@example(records=[{**GOOD, "sources": "SRC-0001\u00a0;SEED-002"}, {**GOOD, "url": "https://a.example/\u00a0x"}])
def test_every_cell_is_accepted_exactly_or_named(tmp_path, records):
    path = tmp_path / "t.csv"
    write(path, records)
    frame, problems = read_table(path, TABLE)
    named = {(p.row, p.column) for p in problems}
    assert all(p.row >= 2 and p.column in TABLE.names for p in problems), problems
    loaded = {int(r["_row"]): r for r in frame.to_dict("records")}
    line, expected_total = 2, 0
    for record in records:
        texts = {name: record[name].strip(SPACE) for name in TABLE.names}
        if all(text == "" for text in texts.values()):
            assert line not in loaded  # a blank record holds nothing
        else:
            bad = {name for name in TABLE.names if refused(TABLE.columns[TABLE.names.index(name)], texts[name])}
            assert {(line, name) for name in bad} == {(row, c) for row, c in named if row == line}, (record, problems)
            if bad:
                assert line not in loaded, record
            else:
                got = loaded[line]
                for col in TABLE.columns:
                    text = texts[col.name]
                    if text == "":
                        assert pd.isna(got[col.name]), (col.name, got[col.name])
                    else:
                        assert same(got[col.name], exact(col, text)), (col.name, text, got[col.name])
                expected_total += int(texts["n"])
        line += 1 + record_newlines(record)
    assert int(frame["n"].sum()) == expected_total
    assert len(frame) == len(loaded)


def record_newlines(record) -> int:
    return sum(record[name].count("\n") for name in TABLE.names)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=200), st.text(alphabet=TRICKY + "X", max_size=200).map(str.encode)))
def test_no_bytes_make_the_reader_raise(tmp_path, body):
    """Arbitrary bytes after a good header: problems or records, never an exception,
    and every record and problem on a line the file has."""
    path = tmp_path / "t.csv"
    content = (",".join(TABLE.names) + "\n").encode() + body
    path.write_bytes(content)
    frame, problems = read_table(path, TABLE)
    lines = content.count(b"\n") + 1
    assert all(0 <= p.row <= lines for p in problems)
    assert all(2 <= row <= lines for row in frame["_row"])
    if not problems:
        assert frame["n"].notna().all()
