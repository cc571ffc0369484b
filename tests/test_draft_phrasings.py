"""What `propose` reads from each set phrasing, checked as whole rows: the
value the statement states, the phrase it was read from, and the columns it
does not state (left empty for the editor, never guessed)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.draft import Proposal, next_id, number, propose, strike_day

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

PUBLISHED = date(2025, 10, 28)


def row(text, published=PUBLISHED):
    return propose(text, published, "SOUTHCOM release").row


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("On Sept. 5", date(2025, 9, 5)),
        ("On September 5th", date(2025, 9, 5)),
        ("On Sep 5", date(2025, 9, 5)),
        ("on Tuesday, Oct. 14", date(2025, 10, 14)),
        ("On Oct. 3rd, 2024", date(2024, 10, 3)),
        ("On Jan 2", date(2025, 1, 2)),
        ("On Dec. 1", date(2024, 12, 1)),  # after the statement: the year before
        ("On Oct. 28", date(2025, 10, 28)),  # the statement's own day
        ("On June 1st", date(2025, 6, 1)),
        ("On March 22nd", date(2025, 3, 22)),
        ("On Feb. 2", date(2025, 2, 2)),
        ("On Apr. 30", date(2025, 4, 30)),
        ("On May 31", date(2025, 5, 31)),
        ("On July 4", date(2025, 7, 4)),
        ("On Aug. 23", date(2025, 8, 23)),
        ("On Nov. 1", date(2024, 11, 1)),
        ("Yesterday", date(2025, 10, 27)),
        ("Last night", date(2025, 10, 27)),
        ("last  night", date(2025, 10, 27)),
        ("Today", date(2025, 10, 28)),
        ("This morning", date(2025, 10, 28)),
    ],
)
def test_the_strike_day_as_stated(phrase, day):
    found = strike_day(f"{phrase}, forces conducted a lethal kinetic strike.", PUBLISHED)
    assert found is not None and found[:2] == (day, "strike_day")
    assert found[2].lower() == phrase.lower()


def test_a_day_that_does_not_exist_is_not_a_strike_day():
    assert strike_day("On Feb. 30, a strike.", PUBLISHED) is None
    assert strike_day("A strike was conducted.", PUBLISHED) is None
    out = propose("On Feb. 30, a strike.", PUBLISHED, "x")
    assert (out.row["date"], out.row["date_precision"]) == ("2025-10-28", "announcement_day")
    assert out.evidence["date"] == "no strike day stated: the statement's date"


def test_the_first_region_named_is_the_region():
    text = "In the Caribbean, a lethal kinetic strike; like those in the Eastern Pacific, and the Atlantic."
    out = propose(text, PUBLISHED, "x")
    assert (out.row["region"], out.row["zone"], out.evidence["region"]) == ("Caribbean Sea", "caribbean", "Caribbean")
    assert row("A strike in the western Atlantic.")["zone"] == "western_atlantic"
    assert row("A strike in international waters of the eastern  Pacific.")["region"] == "Eastern Pacific"


def test_a_whole_statement_read_as_a_row():
    text = (
        "Yesterday, forces carried out two lethal strikes on three vessels operated by Tren de Aragua in the "
        "Eastern Pacific, killing five narco-terrorists. There were no survivors. The low-profile vessel sank."
    )
    out = propose(text, PUBLISHED, "Hegseth (X)")
    assert out.row == {
        "date": "2025-10-27", "date_precision": "strike_day", "region": "Eastern Pacific", "zone": "eastern_pacific",
        "strikes": "2", "vessels": "3", "killed": "5", "survivors": "0", "rescued": "0", "presumed_dead": "0",
        "vessel_type": "low-profile vessel", "alleged_group": "Tren de Aragua", "announced_by": "Hegseth (X)",
    }  # fmt: skip
    assert out.missing == []
    assert out.evidence["killed"] == "killing five narco-terrorists"
    assert out.evidence["survivors"] == "There were no survivors"
    assert out.evidence["rescued"] == out.evidence["presumed_dead"] == "no survivors"
    assert out.evidence["alleged_group"] == "operated by Tren de Aragua in"
    assert out.evidence["announced_by"] == "from the statement's publisher and date"
    assert (out.evidence["date"], out.evidence["strikes"], out.evidence["vessels"]) == (
        "Yesterday", "two lethal strikes", "on three vessels")  # fmt: skip
    assert out.evidence["vessel_type"] == "low-profile vessel"


def test_the_evidence_of_rescues_and_of_an_unnamed_group():
    out = propose("A strike on a vessel operated by Designated Terrorist Organizations in the Caribbean. Two "
                  "survivors were rescued.", PUBLISHED, "x")  # fmt: skip
    assert out.evidence["rescued"] == "Two survivors were rescued" and out.row["rescued"] == "2"
    assert out.evidence["alleged_group"] == "operated by Designated Terrorist Organizations"


def test_a_group_name_may_have_accents():
    assert row("operated by the Cártel de los Soles, in the Caribbean.")["alleged_group"] == "Cártel de los Soles"


def test_the_region_named_first_in_the_text_wins_not_the_first_alphabetically():
    out = propose("A strike in the eastern Pacific, like those in the Caribbean.", PUBLISHED, "x")
    assert (out.row["region"], out.evidence["region"]) == ("Eastern Pacific", "eastern Pacific")


def test_nothing_stated_leaves_every_count_for_the_editor():
    out = propose("SOUTHCOM conducted an operation.", PUBLISHED, "SOUTHCOM")
    assert out.row == {"date": "2025-10-28", "date_precision": "announcement_day", "vessel_type": "vessel",
                       "announced_by": "SOUTHCOM"}  # fmt: skip
    assert out.missing == ["region", "zone", "strikes", "vessels", "killed", "survivors", "rescued", "presumed_dead"]
    assert out.evidence["vessel_type"] == "no type stated"
    assert out.evidence["date_precision"] == "no strike day stated"


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        ("conducted a strike on a boat", "strikes", "1"),
        ("conducted a lethal kinetic strike on a boat", "strikes", "1"),
        ("conducted 3 kinetic strikes", "strikes", "3"),
        ("conducted twelve strikes", "strikes", "12"),
        ("a strike on a go-fast vessel", "vessels", "1"),
        ("a strike on yet another narco-trafficking vessel", "vessels", "1"),
        ("a strike on another boat", "vessels", "1"),
        ("strikes on four drug boats", "vessels", "4"),
        ("strikes on 11 vessels", "vessels", "11"),
        ("Three male narco-terrorists aboard the vessel were killed", "killed", "3"),
        ("one person was killed", "killed", "1"),
        ("One man aboard was killed", "killed", "1"),
        ("two women were killed", "killed", "2"),
        ("a single individual was killed", "killed", "1"),
        ("All 6 crew members aboard were killed", "killed", "6"),
        ("killed 14 narco-terrorists", "killed", "14"),
        ("killing two individuals", "killed", "2"),
        ("Four suspected narco-terrorists were killed", "killed", "4"),
        ("there were two survivors", "survivors", "2"),
        ("one survivor", "survivors", "1"),
        ("no survivors", "survivors", "0"),
        ("two men survived", "survivors", "2"),
        ("1 survives", "survivors", "1"),
        ("two survivors were rescued", "rescued", "2"),
        ("one was rescued", "rescued", "1"),
        ("a semi-submersible", "vessel_type", "semi-submersible"),
        ("a semi submersible", "vessel_type", "semi submersible"),
        ("a Go-Fast boat", "vessel_type", "go-fast"),
        ("a fishing vessel", "vessel_type", "fishing vessel"),
        ("a fishing boat", "vessel_type", "fishing boat"),
        ("a speedboat", "vessel_type", "speedboat"),
        ("operated by a Designated Terrorist Organization, in", "alleged_group",
         "unnamed Designated Terrorist Organization"),
        ("operated by the ELN, in", "alleged_group", "ELN"),
        ("operated by Tren de Aragua and", "alleged_group", "Tren de Aragua"),
        ("operated by Cartel de los Soles.", "alleged_group", "Cartel de los Soles"),
    ],
)  # fmt: skip
def test_each_phrasing_gives_its_value(text, column, value):
    assert row(text + ".")[column] == value


def test_survivors_whose_fate_is_not_stated():
    out = propose("Two were killed and there were two survivors.", PUBLISHED, "x")
    assert out.row["survivors"] == "2" and "rescued" not in out.row and "presumed_dead" not in out.row
    assert out.missing[-2:] == ["rescued", "presumed_dead"]


def test_a_group_is_named_only_when_the_statement_names_one():
    assert "alleged_group" not in row("operated by narco-traffickers in the Caribbean.")
    assert "alleged_group" not in row("operated by XY.")  # too short a name to be one


def test_numbers_in_words_and_digits():
    assert [number(w) for w in ("no", "A", "an", "single", "Twenty", "007", "19")] == [0, 1, 1, 1, 20, 7, 19]


def test_evidence_is_one_line():
    out = Proposal()
    out.put("killed", 3, "three\n   were  killed ")
    assert (out.row, out.evidence) == ({"killed": "3"}, {"killed": "three were killed"})


def test_next_id_counts_only_ids_of_its_form():
    assert next_id(["S001", "S009", "S057", "Sx", None, "", "S58a", "X100"], "S", 3) == "S058"
    assert next_id(["SRC-0466", "SEED-001"], "SRC-", 4) == "SRC-0467"
    assert next_id(["S999"], "S", 3) == "S1000"
    assert next_id([], "S", 3) == "S001"
    assert next_id(["S001", "S\u0669\u0669\u0669"], "S", 3) == "S002"  # Arabic-Indic digits are no id
