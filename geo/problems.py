"""Data problems a data editor can act on: file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data. `row` is the line number in the file as a
    spreadsheet or editor shows it (the header is line 1), 0 for the whole file."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        column = self.column or "-"
        return f"{self.file}:{self.row}: {column}: {self.reason}"


class DataError(Exception):
    """Raised when the data does not validate; carries every problem at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} data problem(s):\n" + self.report())

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)
