"""Reading one CSV file against its table spec, reporting every problem.

Strict on purpose: a regular file (no symbolic link), UTF-8 without a
byte-order mark, LF or CRLF line endings, the exact header, one value per
column. Columns are checked all at once (vectorised, so a million
rows read in seconds); the reason for each bad cell comes from the column's
cell parser in geo.schema, so a message reads the same whatever the size.
A row with a bad cell is reported and left out of the typed frame; the
caller refuses the data when any problem exists, so nothing is dropped
without a message. Whatever the bytes, reading never raises: a file that
cannot be read is a problem like any other.
"""

from __future__ import annotations

import csv
import io
import stat
from array import array
from pathlib import Path

import numpy as np
import pandas as pd

from geo.problems import Problem
from geo.schema import (
    DAY,
    FIRST_YEAR,
    LAST_YEAR,
    LIST_SPACE,
    MAX_COUNT,
    MONTH,
    NUMBER,
    PARSERS,
    SOURCE_ID,
    SOURCE_SEPARATOR,
    URL,
    CellError,
    Column,
    Table,
    shown,
)

BOM = b"\xef\xbb\xbf"
ROW = "_row"  # the line number of each record, as an editor shows it (header = 1)


# Trimmed from both ends of every cell: each character Python counts as
# whitespace, spelled out so that pandas' string engines (pyarrow, Python) trim alike.
SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
SPACE += "\u2028\u2029\u202f\u205f\u3000"


def display_path(path: Path) -> str:
    """A data file as problems name it: its directory's name and its own
    (data/strikes.csv, seeds/sources.csv), never where the server keeps them."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def read_bytes(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem that stops its reading. A symbolic link
    is refused: a data file lies in the data directory itself, and a link to
    another file would put that file's first line on the public problems panel."""
    if path.is_symlink():
        reason = "is a symbolic link; a data file must be a regular file in the data directory"
        return None, [Problem(label, 0, "", reason)]
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, [Problem(label, 0, "", "is not a regular file")]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(label, 0, "", "file is missing")]
    except OSError as err:
        return None, [Problem(label, 0, "", f"cannot be read: {err.strerror or type(err).__name__}")]


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
    raw, problems = read_bytes(path, label)
    if raw is None:
        return empty_frame(table), problems
    if not raw.strip():
        reason = f"file is empty; expected the header: {','.join(table.names)}"
        return empty_frame(table), [Problem(label, 0, "", reason)]
    text, problems = decode(raw, label)
    if text is None:
        return empty_frame(table), problems
    problems = bare_carriage_returns(raw, label)
    if problems:
        return empty_frame(table), problems
    header = read_header(text[: text.find("\n") + 1 or None])
    del text  # the bytes are parsed directly; a second copy of a large file is not kept
    problems = check_header(header, table, label)
    if problems:
        return empty_frame(table), problems
    cells, lines, problems = split_records(raw, header, label)
    cells = cells.apply(lambda column: column.str.strip(SPACE))
    blank = (cells == "").all(axis=1).to_numpy()
    cells, lines = cells[~blank].reset_index(drop=True), lines[~blank]
    typed, bad, cell_problems = parse_columns(cells, lines, table, label)
    typed.insert(0, ROW, lines)
    return typed[~bad].reset_index(drop=True), problems + cell_problems


def read_header(line: str) -> list[str]:
    try:
        return [name.strip(SPACE) for name in next(csv.reader(io.StringIO(line, newline="")), [])]
    except csv.Error:
        return []  # every column is then named missing


def bare_carriage_returns(raw: bytes, label: str) -> list[Problem]:
    """A carriage return outside quotes and not before a newline: the file was
    saved with old Mac line endings ("CSV (Macintosh)"), or has a stray one.
    Inside a quoted value a CR is text, as CSV allows."""
    buffer = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(buffer == 34)
    returns = np.flatnonzero(buffer == 13)
    returns = returns[np.searchsorted(quotes, returns) % 2 == 0]
    after = returns + 1
    following = np.zeros(len(returns), dtype=np.uint8)  # past the end: nothing follows
    within = after < len(buffer)
    following[within] = buffer[after[within]]  # never a copy of the whole file
    bare = returns[following != 10]
    if not len(bare):
        return []
    line = int(np.count_nonzero(buffer[: bare[0]] == 10)) + 1
    reason = (
        "has a carriage return (CR) outside quotes that ends no line, as in files saved as 'CSV (Macintosh)'; "
        "save the file with LF or CRLF line endings"
    )
    return [Problem(label, line, "", reason)]


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
        try:
            cells = pd.read_csv(
                io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True,
                encoding="utf-8", index_col=False,
            )  # fmt: skip
        except ValueError:  # pandas' parser error: the slow path names the line
            cells = None
        if cells is not None and len(cells) == len(lines) and len(cells.columns) == len(header):
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
    """Record by record with Python's csv reader. Lines end at LF only (a CR
    inside quotes is text), so line numbers are those an editor shows; a
    record the reader cannot make sense of (a quote never closed, say) is
    named, and the rest of the file with it."""
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    starts, records, problems = array("l"), [], []
    try:
        next(reader)
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
    except csv.Error as err:
        line = line_end + 1
        reason = f"is not valid CSV from this line on ({err}); nothing after it is read"
        problems.append(Problem(label, line, "", reason))
    cells = pd.DataFrame(records, columns=header, dtype=str)
    return cells, np.asarray(starts, dtype=np.int64), problems


# --- one column at a time: a mask of good cells and their typed values ---------------


def as_days(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")


def real_days(texts: pd.Series) -> pd.Series:
    """Which texts (already of the form YYYY-MM-DD) are real days in the years allowed."""
    days = as_days(texts)
    return days.notna() & days.dt.year.between(FIRST_YEAR, LAST_YEAR)


def check_text(values, col):
    return pd.Series(True, index=values.index), values


def check_id(values, col):
    return values.str.fullmatch(col.pattern), values


def check_date(values, col):
    ok = values.str.fullmatch(DAY) & real_days(values)
    return ok, as_days(values.where(ok))


def check_day_or_month(values, col):
    month = values.str.fullmatch(MONTH)
    padded = values.where(~month, values + "-01")
    ok = (month | values.str.fullmatch(DAY)) & real_days(padded)
    return ok, values


def whole_numbers(values: pd.Series, pattern: str):
    """At most five digits after leading zeros (so never a number pandas
    cannot hold), then at most MAX_COUNT either way."""
    ok = values.str.fullmatch(pattern)
    numbers = pd.to_numeric(values.where(ok), errors="coerce")
    ok &= numbers.abs() <= MAX_COUNT
    return ok, numbers.where(ok).astype("Int64")


def check_count(values, col):
    return whole_numbers(values, "0*[0-9]{1,5}")


def check_int(values, col):
    return whole_numbers(values, "[-+]?0*[0-9]{1,5}")


def number_check(low: float, high: float):
    def check(values, col):
        ok = values.str.fullmatch(NUMBER)
        # Python's float, as the cell parser uses: the same value to the last bit
        numbers = pd.Series(values.where(ok, "nan").to_numpy(dtype=object).astype(float), index=values.index)
        return ok & numbers.between(low, high), numbers

    return check


def check_choice(values, col):
    labels = [str(c) for c in col.choices]
    typed = values.map(dict(zip(labels, col.choices)))
    return values.isin(labels), typed


def check_sources(values, col):
    normal = values.str.replace(f"[{LIST_SPACE}]*{SOURCE_SEPARATOR}[{LIST_SPACE}]*", SOURCE_SEPARATOR, regex=True)
    ok = normal.str.fullmatch(rf"{SOURCE_ID}(?:{SOURCE_SEPARATOR}{SOURCE_ID})*")
    several = normal.str.contains(SOURCE_SEPARATOR, regex=False)
    doubled = normal[several].str.split(SOURCE_SEPARATOR).map(lambda ids: len(set(ids)) != len(ids))
    ok = ok & ~doubled.reindex(values.index, fill_value=False)
    return ok, normal


def check_url(values, col):
    return values.str.fullmatch(URL), values


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


def reason_for(raw: str, col: Column) -> str:
    """The cell parser's reason for refusing a value. Should the parser accept
    a value the vectorised check refused, the cell is refused all the same:
    a value that would load as missing is never let through in silence."""
    try:
        PARSERS[col.kind](raw, col)
    except CellError as err:
        return str(err)
    return f"{shown(raw)} cannot be read as a {col.kind.replace('_', ' ')}"


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
