from datetime import date

import pytest

from geo.schema import PARSERS, CellError, Column


def parse(kind, raw, **kw):
    return PARSERS[kind](raw, Column("c", kind, **kw))


def test_dates_must_be_real_days():
    assert parse("date", "2025-09-02") == date(2025, 9, 2)
    with pytest.raises(CellError, match="not a date"):
        parse("date", "2 Sep 2025")
    with pytest.raises(CellError, match="not a real date"):
        parse("date", "2025-02-30")


def test_day_or_month_keeps_what_the_source_gives():
    assert parse("day_or_month", "2025-10") == "2025-10"
    assert parse("day_or_month", "2025-10-03") == "2025-10-03"
    with pytest.raises(CellError):
        parse("day_or_month", "2025-13")


def test_counts_refuse_negatives_with_their_own_reason():
    assert parse("count", "11") == 11
    with pytest.raises(CellError, match="negative"):
        parse("count", "-1")
    with pytest.raises(CellError, match="whole number"):
        parse("count", "3.5")


def test_coordinates_have_ranges():
    assert parse("lat", "10.5") == 10.5
    with pytest.raises(CellError, match="out of range"):
        parse("lat", "95")
    with pytest.raises(CellError, match="out of range"):
        parse("lon", "-200")


def test_source_ids_are_listed_with_semicolons():
    assert parse("sources", "SRC-0001;SEED-000") == ("SRC-0001", "SEED-000")
    with pytest.raises(CellError, match="empty source id"):
        parse("sources", "SRC-0001;;SRC-0002")
    with pytest.raises(CellError, match="not a source id"):
        parse("sources", "https://example.org")
    with pytest.raises(CellError, match="twice"):
        parse("sources", "SRC-0001;SRC-0001")


def test_choices_return_the_typed_value():
    assert parse("choice", "2", choices=(1, 2, 3)) == 2
    with pytest.raises(CellError, match="one of"):
        parse("choice", "4", choices=(1, 2, 3))


def test_ids_follow_their_pattern():
    assert parse("id", "S001", pattern="S[0-9]{3}") == "S001"
    with pytest.raises(CellError, match="form"):
        parse("id", "S1", pattern="S[0-9]{3}")


def test_every_pattern_is_ascii_only():
    """\\d, \\w and \\s take other scripts' digits and spaces, which pandas and Python read differently."""
    import re

    from geo import schema

    patterns = [getattr(schema, name) for name in ("DAY", "MONTH", "COUNT", "SIGNED", "NUMBER", "URL", "SOURCE_ID")]
    patterns += [col.pattern for table in (*schema.DATA_TABLES, schema.SOURCES) for col in table.columns]
    for pattern in filter(None, patterns):
        assert not re.search(r"\\[dwsDWS]", pattern), pattern
        assert pattern.isascii(), pattern


def test_cells_are_trimmed_of_exactly_what_python_calls_whitespace():
    from geo.csvread import SPACE

    assert set(SPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_numbers_beyond_ascii_digits_and_the_bound_are_refused():
    for raw in ("１１", "٣", "1_000", "10001", "9223372036854775807", "0" * 5000 + "1" * 5000):
        with pytest.raises(CellError):
            parse("count", raw)
    assert parse("count", "0010000") == 10000
    assert parse("int", "-10000") == -10000
    for raw in ("1_0", "١٢.٥", "nan", "inf", "0x10", "1e400"):
        with pytest.raises(CellError):
            parse("lon", raw)
    with pytest.raises(CellError, match="between 1900 and 2099"):
        parse("date", "9999-12-31")
