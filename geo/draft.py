"""Drafting a strike row from the text of an official statement.

SOUTHCOM's releases and the Secretary's posts follow a few set phrasings
("On Aug. 23, ... conducted a lethal kinetic strike on a vessel ... in the
Eastern Pacific ... Three male narco-terrorists were killed"). `propose`
reads what such a text states and nothing more: a figure the text does not
state stays empty (unknown) and is listed in `missing`, for the editor to
confirm or fill from another source. Nothing is inferred from running totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

NUMBER_WORDS = {
    "no": 0, "zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
REGIONS = (
    ("Eastern Pacific", r"eastern\s+pacific"),
    ("Caribbean Sea", r"caribbean"),
    ("Western Atlantic", r"atlantic"),
)
ZONE_OF_REGION = {
    "Caribbean Sea": "caribbean",
    "Eastern Pacific": "eastern_pacific",
    "Western Atlantic": "western_atlantic",
}
PERSON = (
    r"(?:(?:male|female|suspected|alleged)\s+)*"
    r"(?:narco-?\s?terrorists?|people|persons?|m[ae]n|wom[ae]n|crew\s+members?|individuals?)"
)
FLAGS = re.IGNORECASE | re.ASCII


def number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


@dataclass
class Proposal:
    """A proposed row (column -> text cell) with the phrase each value was read
    from, and the columns the statement does not state."""

    row: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def put(self, column: str, value, phrase: str) -> None:
        self.row[column] = str(value)
        self.evidence[column] = " ".join(phrase.split())


def find(pattern: str, text: str) -> re.Match | None:
    return re.search(pattern, text, FLAGS)


def strike_day(text: str, published: date) -> tuple[date, str, str] | None:
    """(day, precision, phrase): an explicit 'On Aug. 23' (the year is the
    statement's, or the year before when that day would follow it), or
    'today' / 'yesterday' / 'last night' counted from the statement's date."""
    m = find(rf"\bon\s+(?:\w+day,\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", text)
    if m:
        month = MONTHS[m.group(1)[:3].lower()]  # Sept, Sep. and September all begin with "sep"
        year = int(m.group(3)) if m.group(3) else published.year
        try:
            day = date(year, month, int(m.group(2)))
        except ValueError:
            return None
        if not m.group(3) and day > published:
            day = day.replace(year=year - 1)
        return day, "strike_day", m.group(0)
    m = find(r"\b(yesterday|last\s+night|today|this\s+morning)\b", text)
    if m:
        back = 1 if m.group(1).lower() in ("yesterday",) or m.group(1).lower().startswith("last") else 0
        return published - timedelta(days=back), "strike_day", m.group(0)
    return None


def counted(out: Proposal, column: str, text: str, several: str, one: str) -> None:
    """A count stated as 'three strikes' (`several`, the number in group 1) or
    'a strike' (`one`); missing when the text states neither."""
    if m := find(several, text):
        out.put(column, number(m.group(1)), m.group(0))
    elif m := find(one, text):
        out.put(column, 1, m.group(0))
    else:
        out.missing.append(column)


def propose(text: str, published: date, announced_by: str) -> Proposal:
    """What the statement states, as a strikes.csv row of text cells."""
    text = " ".join(text.split())
    out = Proposal()
    found = strike_day(text, published)
    if found:
        day, precision, phrase = found
        out.put("date", day.isoformat(), phrase)
        out.put("date_precision", precision, phrase)
    else:
        out.put("date", published.isoformat(), "no strike day stated: the statement's date")
        out.put("date_precision", "announcement_day", "no strike day stated")
    regions = [(name, m) for name, pattern in REGIONS if (m := find(pattern, text))]
    regions.sort(key=lambda pair: pair[1].start())
    if regions:
        name, m = regions[0]
        out.put("region", name, m.group(0))
        out.put("zone", ZONE_OF_REGION[name], m.group(0))
    else:
        out.missing += ["region", "zone"]
    counted(out, "strikes", text, rf"\b{NUMBER}\s+(?:lethal\s+)?(?:kinetic\s+)?strikes\b",
            r"\ba\s+(?:lethal\s+)?(?:kinetic\s+)?strike\b")  # fmt: skip
    counted(out, "vessels", text, rf"\bon\s+{NUMBER}\s+(?:\w+\s+)?(?:vessels|boats)\b",
            r"\bon\s+(?:a|an|one|yet\s+another|another)\s+(?:[\w-]+\s+){0,2}(?:vessel|boat)\b")  # fmt: skip
    m = find(rf"\b{NUMBER}\s+{PERSON}\s+(?:\w+\s+){{0,4}}(?:were|was)\s+killed\b", text) or find(
        rf"\bkill(?:ed|ing)\s+{NUMBER}\s+{PERSON}", text
    )
    if m or (m := find(rf"\ball\s+{NUMBER}\s+{PERSON}\s+(?:\w+\s+){{0,4}}(?:were\s+)?killed", text)):
        out.put("killed", number(m.group(1)), m.group(0))
    else:
        out.missing.append("killed")
    m = (
        find(r"\bno\s+survivors\b|\bthere\s+were\s+no\s+survivors\b", text)
        or find(rf"\b{NUMBER}\s+survivors?\b", text)
        or find(rf"\b{NUMBER}\s+(?:\w+\s+)?(?:survived|survives)\b", text)
    )
    if m:
        out.put("survivors", 0 if m.group(0).lower().startswith(("no", "there")) else number(m.group(1)), m.group(0))
    else:
        out.missing.append("survivors")
    m = find(rf"\b{NUMBER}\s+(?:survivors?\s+)?(?:were|was)\s+rescued\b", text)
    if m:
        out.put("rescued", number(m.group(1)), m.group(0))
    elif out.row.get("survivors") == "0":
        out.put("rescued", 0, "no survivors")
    else:
        out.missing.append("rescued")
    if out.row.get("survivors") == "0":
        out.put("presumed_dead", 0, "no survivors")
    else:
        out.missing.append("presumed_dead")
    m = find(r"semi-?\s?submersible|low-profile\s+vessel|go-fast|fishing\s+(?:boat|vessel)|speedboat", text)
    out.put("vessel_type", m.group(0).lower() if m else "vessel", m.group(0) if m else "no type stated")
    m = find(r"operated\s+by\s+(?:a\s+|an\s+)?(Designated\s+Terrorist\s+Organizations?)", text)
    if m:
        out.put("alleged_group", f"unnamed {m.group(1)}", m.group(0))
    # a named group starts with a capital: "narco-traffickers" names none (only "operated by" ignores case);
    # its name may have accents ("Cártel")
    elif m := re.search(r"(?i:operated\s+by\s+(?:the\s+)?)([A-Z][\w&' -]{2,60}?)(?:\s+in|\s+and|[,.])", text):
        out.put("alleged_group", m.group(1).strip(), m.group(0))
    out.put("announced_by", announced_by, "from the statement's publisher and date")
    return out


def next_id(existing, prefix: str, width: int) -> str:
    """The next free id after the highest in use (ids are never reused)."""
    numbers = [int(i[len(prefix) :]) for i in existing if re.fullmatch(rf"{prefix}\d+", i or "", re.ASCII)]
    return f"{prefix}{(max(numbers, default=0) + 1):0{width}d}"
