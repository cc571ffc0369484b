"""The codebook's words: allowed values spelled out, and labels of the record page."""

from geo.codebook import DERIVED, FILES, label


def test_allowed_values_are_listed_key_colon_words_separated_by_semicolons():
    assert FILES["strikes.csv"][1]["geo_precision"] == (
        "How precisely the place is known. 1: coordinates reported or geolocated; 2: near a named place; "
        "3: only a sea zone or region is known."
    )
    assert DERIVED["reporting_grade"].startswith(
        "Derived from the cited sources' kinds (geo/grading.py). official_and_independent: an official statement "
        "and independent reporting; official_only: "
    )


def test_a_column_has_its_own_label_or_its_name_in_words():
    assert label("presumed_dead") == "Presumed dead"
    assert label("vessels") == "Boats struck"
    assert label("end_basis") == "What the end rests on"
    assert label("source_urls") == "Source urls"  # no label of its own: the name, in words
    assert label("release") == "Release"
