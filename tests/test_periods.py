"""The date filter's quick choices, counted from the data, not from today."""

from datetime import date

from geo.periods import WHOLE, label_of, quick_ranges


def test_quick_ranges_from_mid_august_to_early_october():
    ranges = quick_ranges(date(2025, 8, 15), date(2025, 10, 3))
    assert ranges == {
        WHOLE: (None, None),
        "Last 30 days of data": (date(2025, 9, 4), date(2025, 10, 3)),  # 4 Sep .. 3 Oct is 30 days
        "Last 90 days of data": (date(2025, 7, 6), date(2025, 10, 3)),  # 6 Jul .. 3 Oct is 90 days
        "August 2025": (date(2025, 8, 1), date(2025, 8, 31)),
        "September 2025": (date(2025, 9, 1), date(2025, 9, 30)),
        "October 2025": (date(2025, 10, 1), date(2025, 10, 31)),
    }
    assert list(ranges)[:3] == [WHOLE, "Last 30 days of data", "Last 90 days of data"]


def test_the_months_run_across_the_new_year_and_a_leap_february():
    months = list(quick_ranges(date(2023, 11, 30), date(2024, 3, 1)).items())[3:]
    assert months == [
        ("November 2023", (date(2023, 11, 1), date(2023, 11, 30))),
        ("December 2023", (date(2023, 12, 1), date(2023, 12, 31))),
        ("January 2024", (date(2024, 1, 1), date(2024, 1, 31))),
        ("February 2024", (date(2024, 2, 1), date(2024, 2, 29))),
        ("March 2024", (date(2024, 3, 1), date(2024, 3, 31))),
    ]


def test_one_day_of_data_gives_one_month():
    ranges = quick_ranges(date(2025, 9, 2), date(2025, 9, 2))
    assert list(ranges)[3:] == ["September 2025"]


def test_label_of_names_the_quick_choice_a_range_is():
    ranges = quick_ranges(date(2025, 8, 15), date(2025, 10, 3))
    assert label_of(ranges, None, None) == WHOLE
    assert label_of(ranges, date(2025, 9, 1), date(2025, 9, 30)) == "September 2025"
    assert label_of(ranges, date(2025, 9, 1), date(2025, 9, 29)) is None
    assert label_of(ranges, date(2025, 9, 1), None) is None


def test_quick_choices_are_shown_in_the_readers_language_and_keep_their_english_keys():
    from geo.i18n import translator
    from geo.periods import LAST_90, shown

    es = translator("es")
    assert shown(WHOLE) == "Whole campaign" and shown(WHOLE, es) == "Toda la campaña"
    assert shown(LAST_90, es) == "Últimos 90 días de datos"
    assert shown("October 2025") == "October 2025"
    assert shown("October 2025", es) == "octubre de 2025"  # a month in the reader's words, from its English key
    assert shown("May 2026", es) == "mayo de 2026"
    assert shown("Custom range", es) == "Rango personalizado"  # not a month: translated as a message
    assert shown("no such choice", es) == "no such choice"
