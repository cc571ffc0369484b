"""Each cell parser's value, and its reason written out in full, on cells
chosen at the edges: the first and last allowed year, the range ends of
lon, lat and km, 10,000 and 10,001, a value cut at 60 characters."""

from datetime import date

import pytest

from geo.schema import PARSERS, CellError, Column, matches, not_digits, shown


def parse(kind, raw, **kw):
    return PARSERS[kind](raw, Column("c", kind, **kw))


def reason(kind, raw, **kw) -> str:
    with pytest.raises(CellError) as caught:
        parse(kind, raw, **kw)
    return str(caught.value)


def test_shown_quotes_escapes_control_characters_and_cuts_long_values():
    assert shown("abc") == "'abc'"
    assert shown("a\tb\nc\x00") == "'a\\tb\\nc\\x00'"
    assert shown("é€") == "'é€'"  # printable, kept
    assert shown("x" * 60) == "'" + "x" * 60 + "'"
    assert shown("x" * 61) == "'" + "x" * 60 + "… (61 characters)'"
    assert shown("y" * 1234) == "'" + "y" * 60 + "… (1,234 characters)'"
    assert shown("\n" * 61) == "'" + "\\n" * 30 + "… (61 characters)'"  # 60 characters shown


def test_not_digits_names_foreign_digits_then_underscores():
    assert not_digits("１１") == "'１１' has digits other than 0-9 (full-width, Arabic-Indic...); retype it with 0-9"
    assert not_digits("1_000") == "'1_000' has an underscore; write the number with the digits 0-9 only"
    assert not_digits("٣_1").startswith("'٣_1' has digits other than 0-9")
    assert not_digits("12a") == ""


def test_matches_is_the_whole_cell_in_ascii():
    assert matches("[0-9]+", "123") and not matches("[0-9]+", "123x") and not matches("[0-9]+", "x123")
    assert not matches(r"\w+", "é")  # ASCII: a letter outside it is no word character


def test_text_is_kept_as_written():
    assert parse("text", "  as is ") == "  as is "


def test_id_reasons():
    assert parse("id", "S001", pattern="S[0-9]{3}") == "S001"
    assert reason("id", "S1", pattern="S[0-9]{3}") == "'S1' is not an id of the form S[0-9]{3}"
    assert reason("id", "S００1", pattern="S[0-9]{3}").endswith("retype it with 0-9")


def test_date_reasons_and_the_years_allowed():
    assert parse("date", "1900-01-01") == date(1900, 1, 1)
    assert parse("date", "2099-12-31") == date(2099, 12, 31)
    assert reason("date", "1899-12-31") == "'1899-12-31' is not a date between 1900 and 2099"
    assert reason("date", "2100-01-01") == "'2100-01-01' is not a date between 1900 and 2099"
    assert reason("date", "2025-02-29") == "'2025-02-29' is not a real date"
    assert reason("date", "2 Sep 2025") == "'2 Sep 2025' is not a date YYYY-MM-DD"
    assert reason("date", "２０２５-09-02").endswith("retype it with 0-9")


def test_day_or_month_reasons():
    assert parse("day_or_month", "2025-02") == "2025-02"
    assert reason("day_or_month", "2025-13") == "'2025-13-01' is not a real date"
    assert reason("day_or_month", "1899-12") == "'1899-12-01' is not a date between 1900 and 2099"
    assert reason("day_or_month", "2025") == "'2025' is not a date YYYY-MM-DD"


def test_count_reasons_and_the_bound_of_10000():
    assert parse("count", "10000") == 10000 and parse("count", "0") == 0 and parse("count", "000") == 0
    assert reason("count", "10001") == "'10001' is beyond 10,000, more than the whole campaign; is it mistyped?"
    assert reason("count", "99999") == "'99999' is beyond 10,000, more than the whole campaign; is it mistyped?"
    assert reason("count", "-1") == "'-1' is negative; a count is 0 or more"
    assert reason("count", "+3") == "'+3' is not a whole number"
    assert reason("count", "3.0") == "'3.0' is not a whole number"
    assert reason("count", "1_0") == "'1_0' has an underscore; write the number with the digits 0-9 only"


def test_signed_numbers_take_a_sign():
    assert parse("int", "-10000") == -10000 and parse("int", "+7") == 7 and parse("int", "-0") == 0
    assert reason("int", "-10001") == "'-10001' is beyond 10,000, more than the whole campaign; is it mistyped?"
    assert reason("int", "--1") == "'--1' is not a whole number"


def test_lon_lat_km_ranges_include_their_ends():
    assert parse("lon", "-180") == -180.0 and parse("lon", "180.0") == 180.0 and parse("lon", ".5") == 0.5
    assert reason("lon", "180.5") == "'180.5' is out of range [-180, 180]"
    assert reason("lon", "-180.01") == "'-180.01' is out of range [-180, 180]"
    assert parse("lat", "-90") == -90.0 and parse("lat", "90") == 90.0 and parse("lat", "1e1") == 10.0
    assert reason("lat", "90.5") == "'90.5' is out of range [-90, 90]; are lon and lat swapped?"
    assert reason("lat", "-180") == "'-180' is out of range [-90, 90]; are lon and lat swapped?"
    assert reason("lat", "180.5") == "'180.5' is out of range [-90, 90]"
    assert parse("km", "0") == 0.0 and parse("km", "5000") == 5000.0
    assert reason("km", "-0.5") == "'-0.5' is out of range [0, 5000]"
    assert reason("km", "5000.1") == "'5000.1' is out of range [0, 5000]"


def test_number_reasons():
    assert reason("lon", "ten") == "'ten' is not a number"
    assert reason("lat", "1,5") == "'1,5' is not a number"
    assert reason("km", "１").endswith("retype it with 0-9")


def test_choice_reasons_and_types():
    assert parse("choice", "2", choices=(1, 2, 3)) == 2 and isinstance(parse("choice", "2", choices=(1, 2, 3)), int)
    assert parse("choice", "yes", choices=("yes", "no")) == "yes"
    assert reason("choice", "Yes", choices=("yes", "no")) == "'Yes' is not one of: yes, no"


def test_source_id_reasons():
    assert parse("sources", " SRC-0001 ;\tSEED-000") == ("SRC-0001", "SEED-000")
    assert reason("sources", "SRC-0001;") == "'SRC-0001;' has an empty source id (ids are separated by ';')"
    assert reason("sources", "SRC-0001;SRC-12") == "'SRC-12' is not a source id (SRC-0000 or SEED-000)"
    assert reason("sources", "SRC-０００1").endswith("retype it with 0-9")
    assert reason("sources", "SRC-0001; SRC-0001") == "the same source id is listed twice"


def test_url_reasons():
    assert parse("url", "https://www.southcom.mil/x?a=1") == "https://www.southcom.mil/x?a=1"
    assert parse("url", "http://a.b") == "http://a.b"
    for raw in ("ftp://a.b", "https://a b.c", "https://nodot", 'https://a.b/"x"', "https://a.b/<x>"):
        assert reason("url", raw) == f"{shown(raw)} is not an http(s) URL (printable ASCII, no spaces)"
