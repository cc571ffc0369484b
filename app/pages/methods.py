"""Methods and data page: how the figures are made (docs/methods.md, its
numbers computed from the data), the downloads, the codebook, the CHANGELOG
and the release."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, state
from app.downloads import downloads
from geo.codebook import DERIVED, FILES
from geo.methods import methods_text


def codebook() -> pd.DataFrame:
    rows = [(file, column, words) for file, (_, columns) in FILES.items() for column, words in columns.items()]
    rows += [("(every export)", column, words) for column, words in DERIVED.items()]
    return pd.DataFrame(rows, columns=["file", "column", "meaning"])


def page() -> None:
    view = context.current()
    catalog = view.catalog
    state.write_url(view.flt)
    st.title("Methods and data")
    tabs = st.tabs(["Methods", "Downloads", "Codebook", "Changes"])
    with tabs[0]:
        st.markdown(methods_text(catalog))
    with tabs[1]:
        downloads(catalog, view.flt, context.phone())
    with tabs[2]:
        st.caption("Every file and column of the data, as datapackage.json (a Frictionless data package) "
                   "describes them.")  # fmt: skip
        st.dataframe(codebook(), hide_index=True, width="stretch",
                     column_config={"meaning": st.column_config.TextColumn(width="large")})  # fmt: skip
    with tabs[3]:
        st.caption(f"Data release {catalog.release.version}. Each release lists every record added, "
                   "corrected or removed, and why.")  # fmt: skip
        st.markdown(catalog.paths.changelog.read_text(encoding="utf-8").split("\n", 1)[1])


page()
