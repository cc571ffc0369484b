"""Publication graphics of the filtered view: a print-ready map (PNG, SVG)
and the campaign a week a frame (GIF, MP4), drawn by geo.graphics only when
their button is pressed."""

from __future__ import annotations

import streamlit as st

from app import lang
from geo import export, graphics
from geo.catalog import Catalog
from geo.query import Filter


def publication_downloads(catalog: Catalog, flt: Filter, phone: bool = False) -> None:
    t = lang.current()  # the graphics are drawn in the reader's language (taken now: they are drawn on a click)
    _ = t.gettext
    st.subheader(_("Graphics for publication"))
    st.caption(
        _(
            "The filtered view as a map to publish under a story: title, dates, regions, key, source line and data "
            "release on the image, marks by the same rules as the map above (strikes with no reported position "
            "shade their sea area). PNG at 300 dpi for print, SVG with its text kept as text. The animation steps "
            "through the chosen range a week a frame with a running count (GIF; MP4 for social media). Each takes "
            "a few seconds to draw; the animation of the whole campaign up to half a minute."
        )
    )
    latest = catalog.latest_record

    def view(fmt: str):
        return lambda: graphics.image(graphics.scene_for(catalog, flt, t=t), fmt)

    def animation(write):
        return lambda: write(graphics.scene_for(catalog, flt, t=t), graphics.weekly_frames(catalog, flt, t))

    buttons = [
        (_("Map (PNG, 300 dpi)"), "png", view("png"), "map"),
        (_("Map (SVG)"), "svg", view("svg"), "map"),
        (_("Animation (GIF)"), "gif", animation(graphics.gif), "weekly"),
    ]
    if graphics.ffmpeg() is not None:
        buttons.append((_("Animation (MP4)"), "mp4", animation(graphics.mp4), "weekly"))
    per_row = 2 if phone else len(buttons)
    for start in range(0, len(buttons), per_row):
        row = buttons[start : start + per_row]
        for col, (label, extension, build, name) in zip(st.columns(per_row), row):
            col.download_button(label, data=build, file_name=export.export_name(name, flt, extension, latest),
                                mime=graphics.FORMATS[extension], on_click="ignore",
                                key=f"graphic-{extension}")  # fmt: skip
