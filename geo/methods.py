"""The methods text: docs/methods.md with its figures computed from the data,
so no number in it is ever typed by hand."""

from __future__ import annotations

from pathlib import Path

from geo import stats
from geo.catalog import NOT_PLACED, Catalog
from geo.grading import REPORTING_GRADES
from geo.i18n import ENGLISH, Translator, translate_markdown
from geo.paths import REPO

METHODS = REPO / "docs" / "methods.md"


def figures(catalog: Catalog, t: Translator = ENGLISH) -> dict[str, str]:
    strikes = catalog.strikes
    total = stats.totals(strikes)
    n = t.number
    english = t.lang == ENGLISH.lang
    return {
        "release": catalog.release.version,
        "announcements": n(total["records"]),
        "strikes": n(total["strikes"]),
        "vessels": n(total["vessels"]),
        "killed": n(total["killed"]),
        "presumed_dead": n(total["presumed_dead"]),
        "presumed_basis": stats.presumed_dead_basis_text(total, t) or t.gettext("none"),
        "rescued": n(total["rescued"]),
        "fate_unknown": n(total["fate_unknown"]),
        "deaths": n(total["deaths"]),
        "unknown_toll": n(int(strikes["killed"].isna().sum())),
        "tallies": n(len(catalog.tallies)),
        "first_strike": t.date(strikes["date"].min(), "long"),
        "last_strike": t.date(strikes["date"].max(), "long"),
        "latest_record": t.date(catalog.latest_record, "long"),
        "precision_two": n(int((strikes["geo_precision"] == 2).sum())),
        "precision_three": n(int((strikes["geo_precision"] == 3).sum())),
        "unplaced": n(int((strikes["placed_at"] == NOT_PLACED).sum())),
        "grades": "\n".join(
            f"- **{key.replace('_', ' ') if english else t.word('grade_name', key)}**: {t.gettext(words)}."
            for key, words in REPORTING_GRADES.items()
        ),
    }


def methods_text(catalog: Catalog, path: Path = METHODS, t: Translator = ENGLISH) -> str:
    """The Markdown of the methods page in the reader's language (block by
    block, from the catalogue), its placeholders filled from the data."""
    return translate_markdown(path.read_text(encoding="utf-8"), t).format_map(figures(catalog, t))
