"""The methods text: docs/methods.md with its figures computed from the data,
so no number in it is ever typed by hand."""

from __future__ import annotations

from pathlib import Path

from geo import stats
from geo.catalog import NOT_PLACED, Catalog
from geo.grading import REPORTING_GRADES
from geo.paths import REPO

METHODS = REPO / "docs" / "methods.md"


def figures(catalog: Catalog) -> dict[str, str]:
    strikes = catalog.strikes
    total = stats.totals(strikes)
    return {
        "release": catalog.release.version,
        "announcements": f"{total['records']:,}",
        "strikes": f"{total['strikes']:,}",
        "vessels": f"{total['vessels']:,}",
        "killed": f"{total['killed']:,}",
        "presumed_dead": f"{total['presumed_dead']:,}",
        "presumed_basis": stats.presumed_dead_basis_text(total) or "none",
        "rescued": f"{total['rescued']:,}",
        "fate_unknown": f"{total['fate_unknown']:,}",
        "deaths": f"{total['deaths']:,}",
        "unknown_toll": f"{int(strikes['killed'].isna().sum()):,}",
        "tallies": f"{len(catalog.tallies):,}",
        "first_strike": f"{strikes['date'].min():%d %B %Y}",
        "last_strike": f"{strikes['date'].max():%d %B %Y}",
        "latest_record": f"{catalog.latest_record:%d %B %Y}",
        "precision_two": f"{int((strikes['geo_precision'] == 2).sum()):,}",
        "precision_three": f"{int((strikes['geo_precision'] == 3).sum()):,}",
        "unplaced": f"{int((strikes['placed_at'] == NOT_PLACED).sum()):,}",
        "grades": "\n".join(f"- **{key.replace('_', ' ')}**: {words}." for key, words in REPORTING_GRADES.items()),
    }


def methods_text(catalog: Catalog, path: Path = METHODS) -> str:
    """The Markdown of the methods page, its placeholders filled from the data."""
    return path.read_text(encoding="utf-8").format_map(figures(catalog))
