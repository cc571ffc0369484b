"""What every page of one run shares: the catalog, the filter from the
sidebar, the filtered layers, and the pages to link to. The frame stores it
in the session (never in a module global: sessions run side by side)."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass

import geopandas as gpd
import streamlit as st

from geo.catalog import Catalog
from geo.query import Filter
from geo.viewport import is_phone

LAND_URL = "app/static/land.geojson"  # served by Streamlit's static file server, cached by the browser
log = logging.getLogger("dashboard")
TIMINGS = os.environ.get("DASHBOARD_TIMINGS") == "1"


@dataclass(frozen=True)
class View:
    catalog: Catalog
    flt: Filter
    selection: dict[str, gpd.GeoDataFrame]  # the chosen layers, filtered
    chosen: gpd.GeoDataFrame  # the filtered strikes, even when their layer is hidden (the figures count them)
    pages: dict  # page name -> st.Page, for links that carry the filter


def current() -> View:
    return st.session_state["_view"]


def phone() -> bool:
    """A phone-width reader, told by the browser's user agent."""
    try:
        return is_phone(st.context.headers.get("User-Agent"))
    except Exception:  # no browser (AppTest): a desktop
        return False


def basemap_option() -> dict | None:
    """An online basemap only when configured (MAP_BASEMAP=carto|mapbox and its key)."""
    provider = os.environ.get("MAP_BASEMAP", "").strip().lower()
    if provider == "carto" and os.environ.get("CARTO_API_KEY"):
        return {"provider": "carto", "style": "light", "keys": {"carto": os.environ["CARTO_API_KEY"]}}
    if provider == "mapbox" and os.environ.get("MAPBOX_API_KEY"):
        return {"provider": "mapbox", "style": "mapbox://styles/mapbox/light-v11",
                "keys": {"mapbox": os.environ["MAPBOX_API_KEY"]}}  # fmt: skip
    return None


@contextmanager
def timed(name: str):
    """With DASHBOARD_TIMINGS=1, each section's server time goes to the log
    (the benchmark reads it); otherwise this costs nothing."""
    start = time.perf_counter()
    yield
    if TIMINGS:
        log.warning("timing %s %.1f ms", name, (time.perf_counter() - start) * 1000)
