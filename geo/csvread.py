"""Reading one CSV file against its table spec, reporting every problem.

Strict on purpose: UTF-8 without a byte-order mark, the exact header, one
value per column. A row with a bad cell is reported and left out of the
typed rows; the caller refuses the data when any problem exists, so nothing
is dropped without a message.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.problems import Problem
from geo.schema import PARSERS, CellError, Table

BOM = b"\xef\xbb\xbf"


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


def read_table(path: Path, table: Table) -> tuple[list[dict], list[Problem]]:
    """Typed rows (each with its line number under '_row') and the problems."""
    label = display_path(path)
    if not path.is_file():
        return [], [Problem(label, 0, "", "file is missing")]
    raw = path.read_bytes()
    if not raw.strip():
        return [], [Problem(label, 0, "", f"file is empty; expected the header: {','.join(table.names)}")]
    text, problems = decode(raw, label)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader)]
    problems = check_header(header, table, label)
    if problems:
        return [], problems
    rows: list[dict] = []
    line_end = reader.line_num
    for fields in reader:
        line, line_end = line_end + 1, reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue  # a blank line holds no record
        if len(fields) != len(header):
            reason = f"has {len(fields)} values, the header has {len(header)} columns"
            problems.append(Problem(label, line, "", reason))
            continue
        row, row_problems = parse_row(dict(zip(header, fields)), table, label, line)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(row)
    return rows, problems


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


def parse_row(raw: dict, table: Table, label: str, line: int) -> tuple[dict, list[Problem]]:
    row: dict = {"_row": line}
    problems = []
    for col in table.columns:
        value = raw[col.name].strip()
        if not value:
            if col.required:
                problems.append(Problem(label, line, col.name, "is empty but required"))
            row[col.name] = None
            continue
        try:
            row[col.name] = PARSERS[col.kind](value, col)
        except CellError as err:
            problems.append(Problem(label, line, col.name, str(err)))
    return row, problems
