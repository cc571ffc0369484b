"""Totals, weekly and cumulative series, and the comparison of our own count
with the running totals that officials and trackers publish.

Deaths are kept in two kinds throughout: killed in the strike, and presumed
dead (missing after a search was suspended). `deaths` is their sum, the
figure most trackers publish; every figure says which it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.i18n import ENGLISH, N_, Translator

COUNTS = ("strikes", "vessels", "killed", "presumed_dead", "rescued", "survivors")
NO_REGION = "Region not reported"
PRESUMED_BASES = ("search_suspended", "officially_presumed", "inferred")


def totals(strikes: pd.DataFrame) -> dict[str, int]:
    """Sums of the selection over the values sources state, plus:

    - `records` (rows of strikes.csv) and `deaths` (killed + presumed dead);
    - `<count>_uncounted`: how many strikes (engagements) have that count
      unknown, so each sum is a floor ("at least") when it is not zero;
      `deaths_uncounted` counts strikes whose killed or presumed dead is unknown;
    - `fate_unknown`: survivors neither rescued nor presumed dead, their fate
      unreported (their own count, apart from the other two);
    - `presumed_dead_<basis>`: the presumed dead by why they are so coded.
    """
    out = {name: int(strikes[name].sum()) for name in COUNTS}
    engagements = strikes["strikes"].fillna(0)
    for name in COUNTS:
        out[f"{name}_uncounted"] = int(engagements[strikes[name].isna().to_numpy()].sum())
    out["deaths"] = out["killed"] + out["presumed_dead"]
    either = (strikes["killed"].isna() | strikes["presumed_dead"].isna()).to_numpy()
    out["deaths_uncounted"] = int(engagements[either].sum())
    settled = strikes["rescued"].fillna(0) + strikes["presumed_dead"].fillna(0)
    out["fate_unknown"] = int((strikes["survivors"] - settled).clip(lower=0).sum())
    basis = strikes["presumed_dead_basis"] if "presumed_dead_basis" in strikes.columns else None
    for name in PRESUMED_BASES:
        out[f"presumed_dead_{name}"] = 0 if basis is None else int(strikes["presumed_dead"][basis == name].sum())
    out["records"] = len(strikes)
    return out


def figure_text(total: dict[str, int], name: str, t: Translator = ENGLISH) -> str:
    """A total as a reader should read it: 'at least' when some strikes in the
    selection have that figure unknown, with how many were left uncounted."""
    value = t.number(total[name])
    uncounted = total.get(f"{name}_uncounted", 0)
    if not uncounted:
        return value
    return t.ngettext(
        "at least {value} ({count} strike with no reported figure)",
        "at least {value} ({count} strikes with no reported figure)",
        uncounted,
    ).format(value=value, count=t.number(uncounted))


BASIS_WORDS = {
    "search_suspended": N_("after a reported suspended search"),
    "officially_presumed": N_("so listed by officials"),
    "inferred": N_("inferred (no search end reported)"),
}


def presumed_dead_basis_text(total: dict[str, int], t: Translator = ENGLISH) -> str:
    """Why the presumed dead are presumed dead, e.g. '8 after a suspended search, 2 inferred'."""
    parts = [f"{t.number(total[f'presumed_dead_{b}'])} {t.gettext(BASIS_WORDS[b])}"
             for b in PRESUMED_BASES if total[f"presumed_dead_{b}"]]  # fmt: skip
    return "; ".join(parts)


def weekly(strikes: pd.DataFrame) -> pd.DataFrame:
    """Per ISO week (starting Monday) and region: strikes, vessels, killed,
    presumed dead, deaths. Weeks with no strike are present with zeros, so a
    chart shows lulls as lulls."""
    columns = ["week", "region", "strikes", "vessels", "killed", "presumed_dead", "deaths"]
    if strikes.empty:
        return pd.DataFrame(columns=columns)
    region = strikes["region"].astype(object).where(strikes["region"].notna(), NO_REGION)
    frame = strikes.assign(week=strikes["date"].dt.to_period("W-SUN").dt.start_time, region=region)
    sums = frame.groupby(["week", "region"])[["strikes", "vessels", "killed", "presumed_dead"]].sum()
    weeks = pd.date_range(frame["week"].min(), frame["week"].max(), freq="7D")
    full = pd.MultiIndex.from_product([weeks, sorted(frame["region"].unique())], names=["week", "region"])
    sums = sums.reindex(full, fill_value=0).astype("int64").reset_index()
    sums["deaths"] = sums["killed"] + sums["presumed_dead"]
    return sums[columns]


def cumulative(strikes: pd.DataFrame) -> pd.DataFrame:
    """Running totals by strike date over the selection (all regions together)."""
    columns = ["date", "strikes", "vessels", "killed", "presumed_dead", "deaths"]
    if strikes.empty:
        return pd.DataFrame(columns=columns)
    daily = strikes.groupby("date")[["strikes", "vessels", "killed", "presumed_dead"]].sum()
    running = daily.cumsum().astype("int64").reset_index()
    running["deaths"] = running["killed"] + running["presumed_dead"]
    return running[columns]


@dataclass(frozen=True)
class Comparison:
    """A published tally beside our own count up to the same date."""

    tally: dict  # the tallies.csv row
    ours: dict[str, int]  # totals() of our strikes up to the tally's date
    ours_comparable: int  # our figure counted the way the tally counts
    difference: int  # tally minus ours_comparable
    explained: bool  # the difference is the one the tally row explains

    @property
    def measure(self) -> str:
        return self.measure_in(ENGLISH)

    def measure_in(self, t: Translator) -> str:
        if self.tally["includes_presumed_dead"] == "yes":
            return t.gettext("killed and presumed dead")
        if self.tally["includes_presumed_dead"] == "no":
            return t.gettext("killed in strikes")
        return t.gettext("deaths (not stated whether the missing are counted)")


def latest_tally(tallies: pd.DataFrame, when: date | None) -> dict | None:
    """The latest published tally as of `when` (the latest of all when None).
    When several publishers report the same day, the fullest count wins: one
    that includes the presumed dead, then the highest figure (they are all
    'at least' figures); the others stay in tallies.csv for comparison."""
    eligible = tallies if when is None else tallies[tallies["as_of"] <= pd.Timestamp(when)]
    if eligible.empty:
        return None
    ranked = eligible.assign(_full=eligible["includes_presumed_dead"] == "yes")
    best = ranked.sort_values(["as_of", "_full", "killed"], kind="stable").iloc[-1]
    return best.drop("_full").to_dict()


def compare(tally: dict, strikes: pd.DataFrame) -> Comparison:
    """Our count over the whole campaign up to the tally's date (tallies are
    campaign-wide), counted as the tally counts: with the presumed dead when
    it includes them, without when it does not."""
    counts = strikes[list(COUNTS)]  # only the counted columns: cheap to narrow even at a million rows
    ours = totals(counts[(strikes["date"] <= pd.Timestamp(tally["as_of"])).to_numpy()])
    comparable = ours["killed"] if tally["includes_presumed_dead"] == "no" else ours["deaths"]
    difference = int(tally["killed"]) - comparable
    known = tally.get("known_difference")
    known = 0 if known is None or pd.isna(known) else int(known)
    return Comparison(tally, ours, comparable, difference, difference == known)


def tally_comparisons(tallies: pd.DataFrame, strikes: pd.DataFrame) -> list[Comparison]:
    return [compare(row, strikes) for row in tallies.to_dict("records")]
