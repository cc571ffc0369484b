"""The reporting grade of a record, from the kinds of the sources it cites."""

import pandas as pd
import pytest

from geo.grading import grade, grades

KINDS = pd.Series({"SRC-0001": "official", "SRC-0002": "aggregator", "SRC-0003": "wire", "SRC-0004": "other"})


@pytest.mark.parametrize("kind", ["wire", "newspaper", "broadcaster", "magazine", "tracker"])
def test_each_independent_kind_is_independent_reporting(kind):
    assert grade({kind}) == "independent_only"
    assert grade({kind, "official"}) == "official_and_independent"


@pytest.mark.parametrize("kind", ["aggregator", "other", "official_post", ""])
def test_anything_else_is_secondary(kind):
    assert grade({kind}) == "secondary_only"
    assert grade(set()) == "secondary_only"


def test_a_layer_without_announcers_is_graded_on_its_sources_alone():
    layer = pd.DataFrame({"sources": ["SRC-0003", "SRC-0001", "SRC-0001;SRC-0003"]}, index=[10, 11, 12])
    found = grades(layer, KINDS)
    assert list(found) == ["independent_only", "official_only", "official_and_independent"]
    assert list(found.index) == [10, 11, 12] and found.dtype == object


def test_ids_are_read_with_spaces_and_unknown_or_missing_ones_are_secondary():
    layer = pd.DataFrame({
        "sources": ["SRC-0002 ; SRC-0003", "SRC-0099", None, " SRC-0001"],
        "announced_by": ["  ", None, "SOUTHCOM", float("nan")],
    })  # fmt: skip
    assert list(grades(layer, KINDS)) == ["independent_only", "secondary_only", "secondary_only", "official_only"]


def test_an_announcer_counts_only_with_an_independent_outlet_relaying_it():
    layer = pd.DataFrame({"sources": ["SRC-0003", "SRC-0002;SRC-0004", "SRC-0003"],
                          "announced_by": ["Hegseth on X", "Hegseth on X", " "]})  # fmt: skip
    assert list(grades(layer, KINDS)) == ["official_and_independent", "secondary_only", "independent_only"]


def test_a_missing_announcer_is_no_announcement():
    layer = pd.DataFrame({"sources": ["SRC-0003", "SRC-0003"], "announced_by": pd.array([None, None], dtype="str")})
    assert list(grades(layer, KINDS)) == ["independent_only", "independent_only"]
