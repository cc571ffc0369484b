"""Downloads of the filtered view, and the citation of that view."""

from __future__ import annotations

import os

import streamlit as st

from app import lang
from app.figures import describe_selection
from app.state import page_link, view_params
from geo import export, release
from geo.catalog import Catalog
from geo.export import UNLOCATED
from geo.query import Filter
from geo.schema import LAYERS

FORMATS = {
    "GeoJSON": ("geojson", "application/geo+json", export.layer_geojson),
    "CSV": ("csv", "text/csv", export.layer_csv),
}


def downloads(catalog: Catalog, flt: Filter, phone: bool = False) -> None:
    t = lang.current()
    _ = t.gettext
    st.subheader(_("Download the filtered view"))
    st.caption(
        _(
            "Data release {release}, stamped in every file. GeoJSON (RFC 7946, longitude/latitude) keeps every "
            "field, the precision fields, the reporting grade and the sources' URLs; CSV too, with text made safe "
            "for spreadsheets. File names carry the regions and dates. The whole release, for your own graphics: "
            "[GeoJSON, CSV, GeoParquet, checksums]({feed})."
        ).format(release=catalog.release.version, feed=os.environ.get("FEED_URL", "/feed/latest/"))
        + " "
        + _("Field names stay in English in every file (they are a data format); the codebook and each zip's "
            "README say what each means, in English and Spanish.")
    )  # fmt: skip
    choices = {"zone": _("as their sea zone's polygon"), "null": _("with no geometry (null)")}
    unlocated = st.radio(
        _("Records with no reported position, in GeoJSON"),
        list(UNLOCATED),
        format_func=choices.get,
        horizontal=True,
        key="unlocated",
        help=_("Never as a point: a record known only by its sea zone is exported as the zone's polygon or with "
               "no geometry; its zone's reference point stays in the lon and lat properties."),
    )  # fmt: skip
    latest = catalog.latest_record
    per_row = 2 if phone else len(LAYERS) + 1
    buttons = [
        (f"{t.word('layer', layer)} ({label})", extension, mime, build, layer)
        for label, (extension, mime, build) in FORMATS.items()
        for layer in LAYERS
    ]
    buttons.append((_("All layers (zip)"), "zip", "application/zip", None, "campaign"))
    for start in range(0, len(buttons), per_row):
        for col, (label, extension, mime, build, layer) in zip(st.columns(per_row), buttons[start : start + per_row]):
            if build is None:
                data = lambda: export.zip_all(catalog, flt, unlocated)  # noqa: E731
            elif extension == "geojson":
                data = lambda build=build, layer=layer: build(catalog, layer, flt, unlocated)  # noqa: E731
            else:
                data = lambda build=build, layer=layer: build(catalog, layer, flt)  # noqa: E731
            col.download_button(label, data=data, file_name=export.export_name(layer, flt, extension, latest),
                                mime=mime, on_click="ignore", key=f"download-{extension}-{layer}",
                                type="primary" if build is None else "secondary")  # fmt: skip
    layers = ", ".join(t.word("layer", x) for x in flt.layers) or _("none")
    st.markdown("**" + _("Cite this view") + "**")
    what = _("{selection}, layers: {layers}").format(selection=describe_selection(catalog, flt, t), layers=layers)
    text = release.cite_view(catalog.release, what, page_link(view_params(flt)), t=t)
    st.code(text, language=None, wrap_lines=True)
