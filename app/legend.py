"""The map's legend (pydeck has none): compact, collapsible, never taller
than the map. Static text of ours, escaped anyway."""

from __future__ import annotations

import html

import streamlit as st

from app import lang
from geo import mapview


def legend_html() -> str:
    rows, group = [], None
    for entry in mapview.legend_entries(lang.current()):
        if entry["group"] != group:
            group = entry["group"]
            rows.append(f"<div style='margin-top:6px;font-weight:600;font-size:12px'>{html.escape(group)}</div>")
        r, g, b = entry["colour"]
        if entry["shape"] == "ring":
            swatch = f"background:#fff;border:3px solid rgb({r},{g},{b})"
        elif entry["shape"] in ("area", "circle"):
            swatch = f"background:rgba({r},{g},{b},0.25);border:1px solid rgb({r},{g},{b})"
        else:
            swatch = f"background:rgb({r},{g},{b});border:1px solid #fff"
        glyph = html.escape(entry.get("glyph", ""))
        rows.append(
            "<div style='display:flex;gap:6px;align-items:center;margin:1px 0'>"
            f"<span style='display:inline-block;min-width:12px;height:12px;border-radius:50%;{swatch}'></span>"
            f"<span style='font-weight:700;min-width:30px;font-size:10px'>{glyph}</span>"
            f"<span style='font-size:11px;line-height:1.2'>{html.escape(entry['text'])}</span></div>"
        )
    return "".join(rows)


def legend(height: int, expanded: bool) -> None:
    """Inside an expander, scrolling within `height` pixels: never taller than the map."""
    _ = lang.current().gettext
    with (
        st.expander(_("Legend"), expanded=expanded, icon=":material/legend_toggle:"),
        st.container(height=height, border=False),
    ):
        label = html.escape(_("Map legend"), quote=True)
        st.markdown(f"<div aria-label='{label}'>{legend_html()}</div>", unsafe_allow_html=True)
