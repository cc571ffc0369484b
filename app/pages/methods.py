"""Methods and data page: how the figures are made (docs/methods.md, its
numbers computed from the data), the downloads, the codebook, the CHANGELOG
and the release."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import context, lang, state
from app.downloads import downloads
from geo.codebook import DERIVED, FILES, meaning
from geo.i18n import ENGLISH, Translator
from geo.methods import methods_text


def codebook(t: Translator = ENGLISH) -> pd.DataFrame:
    """Every file and column with its meaning in the reader's language (the
    names stay as the files have them)."""
    rows = [(file, column, meaning(words, t)) for file, (_, columns) in FILES.items()
            for column, words in columns.items()]  # fmt: skip
    rows += [(t.gettext("(every export)"), column, meaning(words, t)) for column, words in DERIVED.items()]
    return pd.DataFrame(rows, columns=["file", "column", "meaning"])


def page() -> None:
    view = context.current()
    catalog = view.catalog
    t = lang.current()
    _ = t.gettext
    state.write_url(view.flt)
    st.title(_("Methods and data"))
    tabs = st.tabs([_("Methods"), _("Downloads"), _("Codebook"), _("Changes")])
    with tabs[0]:
        st.markdown(methods_text(catalog, t=t))
    with tabs[1]:
        downloads(catalog, view.flt, context.phone())
    with tabs[2]:
        st.caption(_("Every file and column of the data, as datapackage.json (a Frictionless data package) "
                     "describes them. File and column names stay in English: they are a data format."))  # fmt: skip
        english = t.lang == ENGLISH.lang
        st.dataframe(codebook(t), hide_index=True, width="stretch",
                     column_config={"file": None if english else _("file"), "column": None if english else _("column"),
                                    "meaning": st.column_config.TextColumn(None if english else _("meaning"),
                                                                           width="large")})  # fmt: skip
    with tabs[3]:
        # the Spanish adds that the list is in English
        st.caption(_("Data release {release}. Each release lists every record added, corrected or removed, and "
                     "why.").format(release=catalog.release.version))  # fmt: skip
        st.markdown(catalog.paths.changelog.read_text(encoding="utf-8").split("\n", 1)[1])


page()
