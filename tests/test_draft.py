"""`python -m geo draft strike`: the parser on the set phrasings of official
statements (written for these tests after the wording of SOUTHCOM releases
and the Secretary's posts quoted in the data), and the all-or-nothing append."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from geo.cli import main
from geo.draft import next_id, propose

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

RELEASE_AUG = (
    "On Aug. 23, at the direction of Secretary of War Pete Hegseth, Joint Task Force Southern Spear conducted a "
    "lethal kinetic strike on a vessel operated by Designated Terrorist Organizations in the Eastern Pacific. "
    "Intelligence confirmed the vessel was transiting along known narco-trafficking routes in the Eastern Pacific "
    "and was engaged in narco-trafficking operations. Three male narco-terrorists were killed during this action. "
    "No U.S. military forces were harmed."
)
POST_OCT = (
    "Yesterday, at the direction of President Trump, the Department of War carried out three lethal kinetic "
    "strikes on four vessels operated by Designated Terrorist Organizations trafficking narcotics in the Eastern "
    "Pacific. The four vessels were known by our intelligence apparatus. Fourteen narco-terrorists were killed "
    "during the three strikes, and there was one survivor. Mexican search and rescue authorities accepted the case."
)
RELEASE_SURVIVORS = (
    "On June 21, 2026, Joint Task Force Southern Spear conducted a lethal kinetic strike on a vessel operated by a "
    "designated terrorist organization in the Caribbean. Two male narco-terrorists were killed and six survived. "
    "The U.S. Coast Guard was immediately notified to activate the search and rescue system."
)
SEMI_SUB = (
    "Today, at the direction of President Trump, the Department of War struck a narco-submarine, a "
    "semi-submersible vessel, in the Caribbean. Two narco-terrorists were killed and two survivors were "
    "rescued. Both were rescued by a U.S. Navy helicopter."
)
NOTHING = "SOUTHCOM conducted an operation. More details will follow."


def test_a_release_with_a_date_region_and_toll():
    out = propose(RELEASE_AUG, date(2026, 8, 24), "SOUTHCOM release, 24 Aug 2026").row
    assert out["date"] == "2026-08-23" and out["date_precision"] == "strike_day"
    assert (out["region"], out["zone"]) == ("Eastern Pacific", "eastern_pacific")
    assert (out["strikes"], out["vessels"], out["killed"]) == ("1", "1", "3")
    assert out["alleged_group"] == "unnamed Designated Terrorist Organizations"


def test_a_post_counted_from_its_own_date():
    proposal = propose(POST_OCT, date(2025, 10, 28), "Hegseth (X)")
    out = proposal.row
    assert out["date"] == "2025-10-27" and out["date_precision"] == "strike_day"
    assert (out["strikes"], out["vessels"], out["killed"], out["survivors"]) == ("3", "4", "14", "1")
    assert "rescued" in proposal.missing and "presumed_dead" in proposal.missing  # their fate is not stated


def test_survivors_and_a_full_date():
    out = propose(RELEASE_SURVIVORS, date(2026, 6, 21), "SOUTHCOM release").row
    assert out["date"] == "2026-06-21" and out["region"] == "Caribbean Sea"
    assert (out["killed"], out["survivors"]) == ("2", "6")
    assert "rescued" not in out


def test_rescued_and_vessel_type():
    out = propose(SEMI_SUB, date(2025, 10, 16), "Trump (Truth Social)").row
    assert out["date"] == "2025-10-16" and (out["killed"], out["survivors"], out["rescued"]) == ("2", "2", "2")
    assert out["vessel_type"] == "semi-submersible"


def test_a_day_after_the_statement_belongs_to_the_year_before():
    text = "On Dec. 30, forces conducted a lethal kinetic strike on a vessel in the Eastern Pacific."
    assert propose(text, date(2026, 1, 2), "SOUTHCOM").row["date"] == "2025-12-30"


def test_what_is_not_stated_stays_empty():
    proposal = propose(NOTHING, date(2026, 9, 1), "SOUTHCOM")
    assert proposal.row["date"] == "2026-09-01" and proposal.row["date_precision"] == "announcement_day"
    for column in ("region", "zone", "killed", "survivors", "vessels", "strikes"):
        assert column not in proposal.row and column in proposal.missing


def test_next_id_never_reuses_an_id():
    assert next_id(["S001", "S009", "S057", "Sx"], "S", 3) == "S058"
    assert next_id([], "SRC-", 4) == "SRC-0001"


def run_draft(data_copy, tmp_path, text, *extra):
    statement = tmp_path / "statement.txt"
    statement.write_text(text, encoding="utf-8")
    return main(["draft", "strike", str(statement), "--data-dir", str(data_copy), "--published", "2026-08-24",
                 "--announced-by", "SOUTHCOM release", "--url", "https://www.southcom.mil/x/lethal-kinetic-strike",
                 "--title", "Lethal Kinetic Strike, Aug. 23, 2026", *extra])  # fmt: skip


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_dry_run_writes_nothing(data_copy, tmp_path, capsys):
    before = (data_copy / "strikes.csv").read_bytes()
    assert run_draft(data_copy, tmp_path, RELEASE_AUG) == 0
    out = capsys.readouterr().out
    assert "The data validates with this row." in out and "Dry run" in out
    assert (data_copy / "strikes.csv").read_bytes() == before


def test_write_appends_the_row_the_source_and_a_changelog_line(data_copy, tmp_path, capsys):
    strikes_before = rows(data_copy / "strikes.csv")
    assert run_draft(data_copy, tmp_path, RELEASE_AUG, "--set", "survivors=0", "--write") == 0
    strikes = rows(data_copy / "strikes.csv")
    assert len(strikes) == len(strikes_before) + 1
    new = strikes[-1]
    assert new["id"] == next_id([r["id"] for r in strikes_before], "S", 3)
    assert (new["date"], new["region"], new["killed"], new["survivors"]) == ("2026-08-23", "Eastern Pacific", "3", "0")
    source = rows(data_copy.parent / "seeds" / "sources.csv")[-1]
    assert new["sources"] == source["id"] and source["kind"] == "official"
    changelog = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = changelog.split("\n## ")[1]
    assert newest.startswith(date.today().isoformat()) and new["id"] in newest
    assert main(["validate", "--data-dir", str(data_copy)]) == 0


def test_a_row_that_would_break_the_data_is_not_written(data_copy, tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in [data_copy / "strikes.csv", data_copy / "CHANGELOG.md"]}
    assert run_draft(data_copy, tmp_path, RELEASE_AUG, "--set", "rescued=5", "--write") == 1
    out = capsys.readouterr().out
    assert "nothing was written" in out and "rescued" in out
    assert {p.name: p.read_bytes() for p in [data_copy / "strikes.csv", data_copy / "CHANGELOG.md"]} == before


def test_a_draft_needs_a_source(data_copy, tmp_path):
    statement = tmp_path / "s.txt"
    statement.write_text(RELEASE_AUG, encoding="utf-8")
    with pytest.raises(SystemExit, match="--source"):
        main(["draft", "strike", str(statement), "--data-dir", str(data_copy), "--published", "2026-08-24",
              "--announced-by", "SOUTHCOM"])  # fmt: skip
