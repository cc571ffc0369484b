"""The baseline of the benchmark: the map page a competent Streamlit user
writes. Not part of the product; it exists to be measured against
(benchmarks/run.py), reading the same data directory (GEO_DATA_DIR).

It loads the CSV once (st.cache_data), draws the same static land basemap
as ours (a URL the browser fetches once and caches, not inline JSON), plots
only the strikes that have a position (most are known only by their sea
zone and have none), and filters by month and by the region column with
masks. NAIVE_MODE picks the variant:

    full   every column of the plotted rows goes to the browser (pydeck's default)
    slim   only the five columns it draws and shows (id, date, killed, lon, lat)
    bare   no filter and no figure: the map of every positioned strike, and the
           selected one written under it (st.pydeck_chart's on_select); the
           yardstick for a click on a mark
"""

import os
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

DATA = Path(os.environ["GEO_DATA_DIR"])
MODE = os.environ.get("NAIVE_MODE", "full")
LAND_URL = "app/static/land.geojson"  # as ours: Streamlit's static file server
DRAWN = ["id", "date", "killed", "lon", "lat"]
VIEW = pdk.ViewState(latitude=13.0, longitude=-82.5, zoom=3.4)  # replaced by ours for the click (bare)


@st.cache_data
def load(path: Path) -> pd.DataFrame:
    strikes = pd.read_csv(path / "strikes.csv")
    strikes["date"] = pd.to_datetime(strikes["date"])
    strikes["month"] = strikes["date"].dt.strftime("%B %Y")
    return strikes


def deck(points: pd.DataFrame, view: pdk.ViewState) -> pdk.Deck:
    return pdk.Deck(
        layers=[
            pdk.Layer("GeoJsonLayer", data=LAND_URL, get_fill_color=[220, 220, 220], stroked=False),
            pdk.Layer(
                "ScatterplotLayer",
                data=points,
                id="points",
                get_position=["lon", "lat"],
                get_radius=20000,
                radius_min_pixels=4,
                get_fill_color=[213, 94, 0],
                pickable=True,
            ),
        ],  # fmt: skip
        initial_view_state=view,
        map_provider=None,
        tooltip={"text": "{id} {date}: {killed} killed"},
    )


strikes = load(DATA)
if MODE == "bare":
    from geo.mapview import INITIAL_VIEW  # the same first view as ours, so a mark is at the same pixel

    points = strikes.loc[strikes["lon"].notna(), DRAWN].assign(date=lambda f: f["date"].dt.strftime("%Y-%m-%d"))
    event = st.pydeck_chart(deck(points, INITIAL_VIEW), height=600, on_select="rerun",
                            selection_mode="single-object", key="map")  # fmt: skip
    for picked in event.selection.get("objects", {}).get("points", []):
        st.markdown(f"**{picked['id']}:** {picked['date']}, {picked['killed']} killed")
else:
    months = list(dict.fromkeys(strikes.sort_values("date")["month"]))
    choice = st.sidebar.selectbox("Time range", ["Whole campaign", *months])
    region = st.sidebar.selectbox("Region", ["All", "Caribbean Sea", "Eastern Pacific"])
    keep = pd.Series(True, index=strikes.index)
    if choice != "Whole campaign":
        keep &= strikes["month"] == choice
    if region != "All":
        keep &= strikes["region"] == region
    chosen = strikes[keep]
    st.metric("Strikes", int(chosen["strikes"].sum()))
    points = chosen[chosen["lon"].notna()]
    points = points[DRAWN] if MODE == "slim" else points.drop(columns="month")
    points = points.assign(date=points["date"].dt.strftime("%Y-%m-%d"))
    points = points.astype(object).where(points.notna(), None)  # JSON has no NaN: missing values as null
    st.pydeck_chart(deck(points, VIEW), height=600)
