"""The reporting grade of a record, in the spirit of Airwars' grading: how well
the facts of a record are reported by the sources it cites.

The grade is derived from the record's sources, never typed by hand, so it
cannot drift from them: citing a better source raises it.

- An official statement is present when the record cites an official source
  (a release, a statement, an official post), or, for a strike, when it names
  who announced it and an independent outlet relays that announcement.
- Independent reporting is a wire, newspaper, broadcaster, magazine or
  tracker that the record cites.
- Aggregators, rewrite and headline-mirror sites and other pages are
  secondary: a record that rests on them alone is graded so, whatever it says
  was announced.
"""

from __future__ import annotations

import pandas as pd

from geo.i18n import N_
from geo.schema import SOURCE_SEPARATOR

REPORTING_GRADES = {
    "official_and_independent": N_("an official statement and independent reporting"),
    "official_only": N_("an official statement only; no independent outlet cited"),
    "independent_only": N_("independent reporting only; no official statement"),
    "secondary_only": N_("only aggregators or rewrite sites; no official statement or independent outlet read"),
}
INDEPENDENT_KINDS = frozenset({"wire", "newspaper", "broadcaster", "magazine", "tracker"})
OFFICIAL_KINDS = frozenset({"official"})


def grade(kinds: set[str], announced: bool = False) -> str:
    """The grade of one record from the kinds of the sources it cites and
    whether it names an official announcer (strikes)."""
    independent = bool(kinds & INDEPENDENT_KINDS)
    official = bool(kinds & OFFICIAL_KINDS) or (announced and independent)
    if official and independent:
        return "official_and_independent"
    if official:
        return "official_only"
    if independent:
        return "independent_only"
    return "secondary_only"


def grades(frame: pd.DataFrame, source_kinds: pd.Series) -> pd.Series:
    """The grade of every record of a layer. `source_kinds` maps a source id
    to its kind; `announced_by`, where the layer has it, counts as an official
    announcement relayed by the independent sources cited."""
    kind_of = source_kinds.to_dict()
    announced = (
        frame["announced_by"].fillna("").astype(str).str.strip().ne("")
        if "announced_by" in frame.columns
        else pd.Series(False, index=frame.index)
    )
    values = [
        grade({kind_of.get(i.strip(), "other") for i in str(ids).split(SOURCE_SEPARATOR)}, bool(said))
        for ids, said in zip(frame["sources"].fillna(""), announced)
    ]
    return pd.Series(values, index=frame.index, dtype="object")
