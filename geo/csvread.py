"""Reading one CSV file against its table spec, reporting every problem.

Strict on purpose: UTF-8 without a byte-order mark, the exact header, one
value per column. Columns are checked all at once (vectorised, so a million
rows read in seconds); the reason for each bad cell comes from the column's
cell parser in geo.schema, so a message reads the same whatever the size.
A row with a bad cell is reported and left out of the typed frame; the
caller refuses the data when any problem exists, so nothing is dropped
without a message.
"""

from __future__ import annotations

import csv
import io
from array import array
from pathlib import Path

import numpy as np
import pandas as pd

from geo.problems import Problem
from geo.schema import PARSERS, SOURCE_ID, SOURCE_SEPARATOR, CellError, Column, Table

BOM = b"\xef\xbb\xbf"
ROW = "_row"  # the line number of each record, as an editor shows it (header = 1)


def display_path(path: Path) -> str:
    """The path as a data editor would type it: relative to the working
    directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(BOM):
        return None, [Problem(label, 1, "", "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        reason = f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8"
        return None, [Problem(label, line, "", reason)]


def empty_frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in [ROW, *table.names]})


def read_table(path: Path, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """The typed frame (with each record's line number in `_row`) and the problems."""
    label = display_path(path)
    if not path.is_file():
        return empty_frame(table), [Problem(label, 0, "", "file is missing")]
    raw = path.read_bytes()
    if not raw.strip():
        reason = f"file is empty; expected the header: {','.join(table.names)}"
        return empty_frame(table), [Problem(label, 0, "", reason)]
    text, problems = decode(raw, label)
    if text is None:
        return empty_frame(table), problems
    header = [name.strip() for name in next(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None], newline="")))]
    del text  # the bytes are parsed directly; a second copy of a large file is not kept
    problems = check_header(header, table, label)
    if problems:
        return empty_frame(table), problems
    cells, lines, problems = split_records(raw, header, label)
    cells = cells.apply(lambda column: column.str.strip())
    blank = (cells == "").all(axis=1).to_numpy()
    cells, lines = cells[~blank].reset_index(drop=True), lines[~blank]
    typed, bad, cell_problems = parse_columns(cells, lines, table, label)
    typed.insert(0, ROW, lines)
    return typed[~bad].reset_index(drop=True), problems + cell_problems


def check_header(header: list[str], table: Table, label: str) -> list[Problem]:
    problems = []
    missing = [name for name in table.names if name not in header]
    unknown = [name for name in header if name not in table.names]
    doubled = sorted({name for name in header if header.count(name) > 1})
    for name in missing:
        problems.append(Problem(label, 1, name, "column is missing from the header"))
    for name in unknown:
        problems.append(Problem(label, 1, name, f"unknown column; expected: {','.join(table.names)}"))
    for name in doubled:
        problems.append(Problem(label, 1, name, "column appears more than once"))
    return problems


def split_records(raw: bytes, header: list[str], label: str) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """Cells as strings, the line on which each record starts, and a problem
    for every record with the wrong number of values (left out of the cells).

    The common case (every record well formed) is read by pandas' C parser,
    with line numbers found from the raw bytes; any malformed record sends
    the file through Python's csv reader, which names each bad line."""
    lines, fields = record_shape(raw)
    if (fields == len(header)).all():
        cells = pd.read_csv(
            io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True,
            encoding="utf-8", index_col=False,
        )  # fmt: skip
        if len(cells) == len(lines) and len(cells.columns) == len(header):
            cells.columns = header
            return cells, lines, []
    return split_slowly(raw.decode("utf-8"), header, label)


def record_shape(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """For each non-blank record after the header: the line it starts on and
    its number of values. A record ends at a newline outside quotes, values
    are split by commas outside quotes (an even number of quotes before them)."""
    buffer = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(buffer == 34)
    newlines = np.flatnonzero(buffer == 10)
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
    if len(buffer) and buffer[-1] != 10:
        ends = np.append(ends, len(buffer))
    starts = np.concatenate([[0], ends[:-1] + 1])
    length = ends - starts
    blank = (length == 0) | ((length == 1) & (buffer[np.minimum(starts, len(buffer) - 1)] == 13))
    commas = np.flatnonzero(buffer == 44)
    commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    fields = 1 + np.searchsorted(commas, ends) - np.searchsorted(commas, starts)
    lines = 1 + np.searchsorted(newlines, starts)
    keep = ~blank
    keep[0] = False  # the header
    return lines[keep].astype(np.int64), fields[keep]


def split_slowly(text: str, header: list[str], label: str) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    starts, records, problems = array("l"), [], []
    line_end = reader.line_num
    for fields in reader:
        line, line_end = line_end + 1, reader.line_num
        if not fields:
            continue  # a blank line holds no record
        if len(fields) != len(header):
            reason = f"has {len(fields)} values, the header has {len(header)} columns"
            problems.append(Problem(label, line, "", reason))
            continue
        starts.append(line)
        records.append(fields)
    cells = pd.DataFrame(records, columns=header, dtype=str)
    return cells, np.asarray(starts, dtype=np.int64), problems


# --- one column at a time: a mask of good cells and their typed values ---------------

DAY = r"\d{4}-\d{2}-\d{2}"
MONTH = r"\d{4}-\d{2}"


def as_days(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")


def check_text(values, col):
    return pd.Series(True, index=values.index), values


def check_id(values, col):
    return values.str.fullmatch(col.pattern), values


def check_date(values, col):
    days = as_days(values)
    return values.str.fullmatch(DAY) & days.notna(), days


def check_day_or_month(values, col):
    month = values.str.fullmatch(MONTH)
    padded = values.where(~month, values + "-01")
    ok = (month | values.str.fullmatch(DAY)) & as_days(padded).notna()
    return ok, values


def check_count(values, col):
    ok = values.str.fullmatch(r"\d+")
    return ok, pd.to_numeric(values.where(ok), errors="coerce").astype("Int64")


def check_int(values, col):
    ok = values.str.fullmatch(r"[-+]?\d+")
    return ok, pd.to_numeric(values.where(ok), errors="coerce").astype("Int64")


def number_check(low: float, high: float):
    def check(values, col):
        numbers = pd.to_numeric(values, errors="coerce")
        return numbers.between(low, high), numbers.astype("float64")

    return check


def check_choice(values, col):
    labels = [str(c) for c in col.choices]
    typed = values.map(dict(zip(labels, col.choices)))
    return values.isin(labels), typed


def check_sources(values, col):
    normal = values.str.replace(r"\s*;\s*", SOURCE_SEPARATOR, regex=True)
    ok = normal.str.fullmatch(rf"{SOURCE_ID}(?:{SOURCE_SEPARATOR}{SOURCE_ID})*")
    several = normal.str.contains(SOURCE_SEPARATOR, regex=False)
    doubled = normal[several].str.split(SOURCE_SEPARATOR).map(lambda ids: len(set(ids)) != len(ids))
    ok = ok & ~doubled.reindex(values.index, fill_value=False)
    return ok, normal


def check_url(values, col):
    return values.str.fullmatch(r"https?://[^\s\"<>]+\.[^\s\"<>]+"), values


CHECKS = {
    "text": check_text,
    "id": check_id,
    "date": check_date,
    "day_or_month": check_day_or_month,
    "count": check_count,
    "int": check_int,
    "lon": number_check(-180.0, 180.0),
    "lat": number_check(-90.0, 90.0),
    "km": number_check(0.0, 5000.0),
    "choice": check_choice,
    "sources": check_sources,
    "url": check_url,
}


def reason_for(raw: str, col: Column) -> str | None:
    """The cell parser's reason for refusing a value (None if it accepts it)."""
    try:
        PARSERS[col.kind](raw, col)
    except CellError as err:
        return str(err)
    return None


def parse_columns(cells: pd.DataFrame, lines: np.ndarray, table: Table, label: str):
    typed, problems = {}, []
    bad = np.zeros(len(cells), dtype=bool)
    for col in table.columns:
        values = cells[col.name]
        empty = (values == "").to_numpy()
        if col.required:
            for i in np.flatnonzero(empty):
                problems.append(Problem(label, int(lines[i]), col.name, "is empty but required"))
            bad |= empty
        present = values[~empty]
        positions = np.flatnonzero(~empty)
        ok, converted = CHECKS[col.kind](present, col)
        # a cell that converts to nothing (Python reads '1_0' and '١٢', pandas does not) is refused, not lost
        ok = ok.fillna(False) & converted.notna()
        for i in np.flatnonzero(~ok.to_numpy(dtype=bool)):
            position = int(positions[i])
            raw = present.iloc[i]
            reason = reason_for(raw, col) or f"'{raw}' cannot be read as a {col.kind} value"
            problems.append(Problem(label, int(lines[position]), col.name, reason))
            bad[position] = True
        column = pd.Series(None, index=cells.index, dtype=object)
        typed[col.name] = converted.reindex(cells.index) if len(converted) else column
        if len(converted) == 0 and col.kind in ("count", "int"):
            typed[col.name] = column.astype("Int64")
    return pd.DataFrame(typed, index=cells.index), bad, problems
