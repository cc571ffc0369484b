"""Publication graphics of the filtered view: a print-ready map (PNG, SVG)
and the campaign a week a frame (GIF, MP4), drawn by geo.graphics only when
their button is pressed."""

from __future__ import annotations

import streamlit as st

from geo import export, graphics
from geo.catalog import Catalog
from geo.query import Filter


def publication_downloads(catalog: Catalog, flt: Filter, phone: bool = False) -> None:
    st.subheader("Graphics for publication")
    st.caption(
        "The filtered view as a map to publish under a story: title, dates, regions, key, source line and data "
        "release on the image, marks by the same rules as the map above (strikes with no reported position shade "
        "their sea area). PNG at 300 dpi for print, SVG with its text kept as text. The animation steps through "
        "the chosen range a week a frame with a running count (GIF; MP4 for social media). Each takes a few "
        "seconds to draw; the animation of the whole campaign up to half a minute."
    )
    latest = catalog.latest_record

    def view(fmt: str):
        return lambda: graphics.image(graphics.scene_for(catalog, flt), fmt)

    def animation(write):
        return lambda: write(graphics.scene_for(catalog, flt), graphics.weekly_frames(catalog, flt))

    buttons = [
        ("Map (PNG, 300 dpi)", "png", view("png"), "map"),
        ("Map (SVG)", "svg", view("svg"), "map"),
        ("Animation (GIF)", "gif", animation(graphics.gif), "weekly"),
    ]
    if graphics.ffmpeg() is not None:
        buttons.append(("Animation (MP4)", "mp4", animation(graphics.mp4), "weekly"))
    per_row = 2 if phone else len(buttons)
    for start in range(0, len(buttons), per_row):
        row = buttons[start : start + per_row]
        for col, (label, extension, build, name) in zip(st.columns(per_row), row):
            col.download_button(label, data=build, file_name=export.export_name(name, flt, extension, latest),
                                mime=graphics.FORMATS[extension], on_click="ignore",
                                key=f"graphic-{extension}")  # fmt: skip
