"""The Frictionless data package (datapackage.json) and CITATION.cff, written
from the schema, the codebook and the release, so they describe exactly the
files and columns that exist and name the current release.

`python -m geo package` rewrites both; a test fails when either is stale.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from geo.codebook import FILES, meaning
from geo.i18n import N_, translator
from geo.paths import REPO
from geo.release import TITLE, Release
from geo.schema import DATA_TABLES, SOURCES, Column, Table

PACKAGE_FILE = "datapackage.json"
CITATION_FILE = "CITATION.cff"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}  # fmt: skip
# pattern (ASCII digits only) of each kind of cell kept as a string
PATTERNS = {
    "day_or_month": r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?",
    "sources": r"(SRC-[0-9]{4}|SEED-[0-9]{3})(;(SRC-[0-9]{4}|SEED-[0-9]{3}))*",
}


SPANISH = "description_es"  # each description in Spanish too (a custom property; names stay English)


def field(col: Column, description: str) -> dict:
    """A Table Schema field for one column."""
    out: dict = {"name": col.name, "description": meaning(description),
                 SPANISH: meaning(description, translator("es"))}  # fmt: skip
    constraints: dict = {"required": True} if col.required else {}
    kind = col.kind
    if kind == "date":
        out.update(type="date", format="%Y-%m-%d")
    elif kind == "count":
        out["type"] = "integer"
        constraints["minimum"] = 0
    elif kind == "int":
        out["type"] = "integer"
    elif kind in ("lon", "lat", "km"):
        out["type"] = "number"
        constraints.update({"lon": {"minimum": -180, "maximum": 180}, "lat": {"minimum": -90, "maximum": 90},
                            "km": {"minimum": 0, "maximum": 5000}}[kind])  # fmt: skip
    elif kind == "choice" and all(isinstance(c, int) for c in col.choices):
        out["type"] = "integer"
        constraints["enum"] = list(col.choices)
    elif kind == "choice":
        out["type"] = "string"
        constraints["enum"] = [str(c) for c in col.choices]
    elif kind == "url":
        out.update(type="string", format="uri")
    else:
        out["type"] = "string"
        pattern = col.pattern.replace(r"\d", "[0-9]") if kind == "id" else PATTERNS.get(kind)
        if pattern:
            constraints["pattern"] = pattern
    if constraints:
        out["constraints"] = constraints
    return out


def resource(table: Table, path: str) -> dict:
    description, columns = FILES[table.file]
    schema: dict = {"fields": [field(col, columns[col.name]) for col in table.columns], "missingValues": [""]}
    if table.id_column:
        schema["primaryKey"] = [table.id_column]
    if table.file == "site_status.csv":
        schema["foreignKeys"] = [{"fields": ["site_id"], "reference": {"resource": "sites", "fields": ["id"]}}]
    return {
        "name": table.file.removesuffix(".csv"),
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        SPANISH: translator("es").gettext(description),
        "schema": schema,
    }


DESCRIPTION = N_(
    "Sourced records of the US military campaign in the Caribbean and the eastern Pacific since August 2025: "
    "lethal strikes on boats, deployments, bases and their status, other events, and published running totals. "
    "Every record cites its sources and says how precisely it is located. Changes are listed in data/CHANGELOG.md."
)


def descriptor(release: Release) -> dict:
    """The data package of the repository's data (paths relative to the repo root)."""
    resources = [resource(t, f"data/{t.file}") for t in DATA_TABLES]
    resources.append(resource(SOURCES, f"seeds/{SOURCES.file}"))
    return {
        "name": "caribbean-eastern-pacific-campaign-map",
        "title": TITLE,
        "description": DESCRIPTION,
        SPANISH: translator("es").gettext(DESCRIPTION),
        "version": release.version,
        "created": f"{release.released.isoformat()}T00:00:00Z",
        "licenses": [LICENSE],
        "profile": "tabular-data-package",
        "resources": resources,
    }


def package_json(release: Release) -> str:
    return json.dumps(descriptor(release), indent=2, ensure_ascii=False) + "\n"


def citation_cff(release: Release, current: str) -> str:
    """CITATION.cff with its version and release date set to the release."""
    text = re.sub(r"(?m)^version: .*$", f'version: "{release.version}"', current)
    return re.sub(r"(?m)^date-released: .*$", f'date-released: "{release.released.isoformat()}"', text)


def write_package(release: Release, root: Path = REPO) -> list[Path]:
    """Rewrite datapackage.json and CITATION.cff for the release; returns what changed."""
    changed = []
    package = root / PACKAGE_FILE
    text = package_json(release)
    if not package.is_file() or package.read_text(encoding="utf-8") != text:
        package.write_text(text, encoding="utf-8")
        changed.append(package)
    citation = root / CITATION_FILE
    current = citation.read_text(encoding="utf-8")
    updated = citation_cff(release, current)
    if updated != current:
        citation.write_text(updated, encoding="utf-8")
        changed.append(citation)
    return changed
