"""The naive baseline of the benchmark: the way most Streamlit + pydeck
tutorials build such a map. Every rerun reads the CSV again with no cache,
filters with GeoSeries.within, and puts every point and the whole basemap
inline in the deck JSON. Not part of the product; it exists to be measured
against (benchmarks/run.py), reading the same data directory."""

import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

DATA = Path(os.environ["GEO_DATA_DIR"])

strikes = pd.read_csv(DATA / "strikes.csv")
zones = gpd.read_file(DATA / "zones.geojson")
land = json.loads((DATA / "land.geojson").read_text())
points = gpd.GeoDataFrame(strikes, geometry=gpd.points_from_xy(strikes["lon"].fillna(-80), strikes["lat"].fillna(12)))
points["date"] = pd.to_datetime(points["date"])

months = sorted(points["date"].dt.strftime("%B %Y").unique(), key=lambda m: pd.to_datetime(m))
choice = st.sidebar.selectbox("Time range", ["Whole campaign", *months])
region = st.sidebar.selectbox("Region", ["All", "Caribbean Sea", "Eastern Pacific"])
chosen = points
if choice != "Whole campaign":
    chosen = chosen[chosen["date"].dt.strftime("%B %Y") == choice]
if region != "All":
    shape = zones[zones["name"] == region].geometry.iloc[0]
    chosen = chosen[chosen.within(shape)]

st.metric("Strikes", int(chosen["strikes"].sum()))
records = json.loads(chosen.drop(columns="geometry").assign(date=chosen["date"].astype(str)).to_json(orient="records"))
deck = pdk.Deck(
    layers=[
        pdk.Layer("GeoJsonLayer", data=land, get_fill_color=[220, 220, 220]),
        pdk.Layer(
            "ScatterplotLayer",
            data=records,
            get_position=["lon", "lat"],
            get_radius=20000,
            get_fill_color=[213, 94, 0],
            pickable=True,
        ),  # fmt: skip
    ],
    initial_view_state=pdk.ViewState(latitude=12, longitude=-80, zoom=3.2),
    map_provider=None,
    tooltip={"text": "{id} {date}: {killed} killed"},
)
st.pydeck_chart(deck, height=600)
