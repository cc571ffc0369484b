"""Appending a drafted record to the data, all or nothing: the new rows are
validated with the rest of the data in a scratch copy first, and the real
files are written only when the whole copy validates."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

from geo.paths import DataPaths
from geo.problems import Problem
from geo.release import add_entry
from geo.validate import validate


def csv_line(header: list[str], row: dict[str, str]) -> str:
    out = io.StringIO()
    csv.DictWriter(out, header, lineterminator="\n", extrasaction="raise").writerow(
        {name: row.get(name, "") for name in header}
    )
    return out.getvalue()


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def appended(path: Path, row: dict[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    return text + csv_line(header_of(path), row)


def changes(paths: DataPaths, rows: dict[str, dict[str, str]], log: tuple[str, str, str]) -> dict[Path, str]:
    """The new text of every file touched: rows appended per table file name
    ('sources.csv' goes to the register), and the CHANGELOG line
    (version, section, line)."""
    out = {paths.table(file): appended(paths.table(file), row) for file, row in rows.items()}
    version, section, line = log
    out[paths.changelog] = add_entry(paths.changelog.read_text(encoding="utf-8"), version, section, line)
    return out


def check_in_copy(paths: DataPaths, new_text: dict[Path, str], today: date | None = None) -> list[Problem]:
    """Validate the data as it would be after the change, in a scratch copy."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = DataPaths(Path(scratch) / "data", Path(scratch) / "seeds")
        shutil.copytree(paths.data_dir, copy.data_dir, symlinks=False)
        shutil.copytree(paths.seeds_dir, copy.seeds_dir, symlinks=False)
        for path, text in new_text.items():
            target = (copy.seeds_dir if path.parent == paths.seeds_dir else copy.data_dir) / path.name
            target.write_text(text, encoding="utf-8")
        return validate(copy, today).problems


def commit(new_text: dict[Path, str]) -> None:
    for path, text in new_text.items():
        path.write_text(text, encoding="utf-8")
