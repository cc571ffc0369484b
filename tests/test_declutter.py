"""Label boxes and their greedy placement, in a view where the arithmetic is
exact: zoom 0, 512 x 512 pixels centred on (0, 0), so (0, 0) is pixel (256, 256)."""

import pytest

from geo.declutter import box, declutter, mark_boxes, overlaps
from geo.viewport import View

VIEW = View(0.0, 0.0, 0.0, 512, 512)


def label(text="ab", size=10, offset=(0, 0), **more):
    return {"text": text, "lon": 0.0, "lat": 0.0, "size": size, "offset": offset, **more}


def test_a_box_is_0_6_em_a_character_1_25_em_a_line_and_3_pixels_around():
    # 2 characters of 10 px: 12 + 6 wide; one line: 12.5 + 6 high; centred on (256, 256)
    assert box(label(), VIEW) == (247.0, 246.75, 265.0, 265.25)
    # the longest of two lines (6 characters of 20 px): 72 + 6 wide; 2 lines: 50 + 6 high; moved by (10, -5)
    assert box(label("ab\nlonger", 20, (10, -5)), VIEW) == (227.0, 223.0, 305.0, 279.0)


def test_a_label_without_size_or_offset_is_11_pixels_on_its_point():
    assert box({"text": "abc", "lon": 0.0, "lat": 0.0}, VIEW) == pytest.approx((243.1, 246.125, 268.9, 265.875))
    assert box({"text": 7, "lon": -90.0, "lat": 0.0}, VIEW) == pytest.approx((128 - 6.3, 246.125, 128 + 6.3, 265.875))


def test_a_mark_keeps_6_pixels_clear_around_it():
    assert mark_boxes([(0.0, 0.0), (90.0, 0.0)], VIEW) == [(250.0, 250.0, 262.0, 262.0), (378.0, 250.0, 390.0, 262.0)]
    assert mark_boxes([], VIEW) == []


@pytest.mark.parametrize(
    ("other", "overlap"),
    [
        ((5, 5, 15, 15), True),
        ((10, 0, 20, 10), False),  # touching on the right is not overlapping
        ((-10, 0, 0, 10), False),  # nor on the left
        ((0, 10, 10, 20), False),  # below
        ((0, -10, 10, 0), False),  # above
        ((9.5, 9.5, 30, 30), True),
        ((-30, -30, 0.5, 0.5), True),
        ((20, 0, 30, 10), False),
        ((0, 20, 10, 30), False),
    ],
)
def test_overlaps_only_when_the_boxes_share_an_area(other, overlap):
    assert overlaps((0, 0, 10, 10), other) is overlap
    assert overlaps(other, (0, 0, 10, 10)) is overlap


@pytest.mark.parametrize(
    ("offset", "drawn"),
    [((-247, 0), True), ((-248, 0), False), ((247, 0), True), ((248, 0), False),
     ((0, -246.75), True), ((0, -247), False), ((0, 246.75), True), ((0, 247), False)],
)  # fmt: skip
def test_a_label_touching_the_edge_is_drawn_one_crossing_it_is_not(offset, drawn):
    assert declutter([label(offset=offset)], VIEW) == ([label(offset=offset)] if drawn else [])


def test_the_higher_priority_wins_and_equal_ones_keep_their_order():
    low, default, high = label("low", priority=-1), label("default"), label("high", priority=1)
    assert declutter([low, default, high], VIEW) == [high]
    assert declutter([low, default], VIEW) == [default]
    first, second = label("first", priority=5), label("second", priority=5)
    assert declutter([first, second], VIEW) == [first]


def test_labels_apart_are_all_drawn_and_marks_keep_labels_off():
    west, east = label("w", offset=(-100, 0)), label("e", offset=(100, 0))
    assert declutter([west, east], VIEW) == [west, east]
    assert declutter([west, east], VIEW, keep_out=[(340, 250, 360, 262)]) == [west]
    assert declutter([], VIEW) == []


def test_a_space_does_not_break_a_line():
    # "Sea of A" is one line of 8 characters of 10 px: 48 + 6 wide, 12.5 + 6 high
    assert box(label("Sea of A"), VIEW) == (229.0, 246.75, 283.0, 265.25)
