"""The campaign map: the pages, and the frame they share (app/frame.py).
Page titles are in the session's language (app/lang.py), chosen first."""

import streamlit as st

from app import frame, lang

_ = lang.choose().gettext
PAGES = {
    "map": st.Page("app/pages/map.py", title=_("Map"), icon=":material/map:", url_path="map", default=True),
    "records": st.Page("app/pages/records.py", title=_("Records"), icon=":material/table:", url_path="records"),
    "record": st.Page("app/pages/record.py", title=_("Record"), icon=":material/description:", url_path="record"),
    "totals": st.Page("app/pages/totals.py", title=_("Totals"), icon=":material/functions:", url_path="totals"),
    "methods": st.Page(
        "app/pages/methods.py", title=_("Methods and data"), icon=":material/menu_book:", url_path="methods"
    ),  # fmt: skip
}

frame.main(PAGES)
