"""Labels that never overprint: a greedy placement in screen space.

Labels are taken in order of priority; one whose box would overlap a box
already placed is dropped (its information stays in the mark's tooltip). The
boxes are measured at the map's first view, so what a reader sees when the
page opens is legible at phone and desktop widths alike.
"""

from __future__ import annotations

from geo.viewport import View

CHAR_WIDTH = 0.6  # of the font size, for Arial-like faces
LINE_HEIGHT = 1.25
PADDING = 3  # pixels kept clear around each label


def box(label: dict, view: View) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label centred on its point, with its pixel offset."""
    size = label.get("size", 11)
    lines = str(label["text"]).split("\n")
    width = max(len(line) for line in lines) * size * CHAR_WIDTH + 2 * PADDING
    height = len(lines) * size * LINE_HEIGHT + 2 * PADDING
    x, y = view.to_screen(label["lon"], label["lat"])
    dx, dy = label.get("offset", (0, 0))
    x, y = x + dx, y + dy
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def declutter(labels: list[dict], view: View, keep_out: list[tuple] = ()) -> list[dict]:
    """The labels to draw, highest `priority` first, none overlapping another
    or any box in `keep_out`; labels outside the view are dropped too."""
    placed = list(keep_out)
    chosen = []
    for label in sorted(labels, key=lambda item: -item.get("priority", 0)):
        rect = box(label, view)
        if rect[2] < 0 or rect[0] > view.width or rect[3] < 0 or rect[1] > view.height:
            continue
        if any(overlaps(rect, other) for other in placed):
            continue
        placed.append(rect)
        chosen.append(label)
    return chosen
