"""The reader's language, per session (never process-wide): from the link's
?lang=, else the browser's preferred language, else English; the switch in
the sidebar changes it, and every link the page writes carries it.

Only "en" and "es" are languages; any other `lang` value is English, with
no error (a link's value is never shown)."""

from __future__ import annotations

import streamlit as st

from geo.i18n import DEFAULT, LANGUAGES, Translator, preferred, translator

KEY = "lang"
BROWSER_KEY = "_browser_lang"  # the browser's preferred language, read once a session
SWITCH_LABEL = "Idioma · Language"  # in both languages: a reader who cannot read the page still finds it


def browser_language() -> str:
    """The browser's preferred language, where Streamlit exposes it: the
    locale it reports (st.context.locale), then its Accept-Language header."""
    try:
        locale = st.context.locale
    except Exception:  # no browser (AppTest)
        locale = None
    try:
        accept = st.context.headers.get("Accept-Language")
    except Exception:
        accept = None
    return preferred(locale, accept) or DEFAULT


def from_link() -> str | None:
    asked = (st.query_params.get_all(KEY) or [""])[-1].strip().lower()[:8]
    return asked if asked in LANGUAGES else None


def choose() -> Translator:
    """At the start of every run, before anything is drawn: the session's
    language, set from the link or the browser on its first run."""
    if BROWSER_KEY not in st.session_state:
        st.session_state[BROWSER_KEY] = browser_language()
    if st.session_state.get(KEY) not in LANGUAGES:
        st.session_state[KEY] = from_link() or st.session_state[BROWSER_KEY]
    return translator(st.session_state[KEY])


def current() -> Translator:
    return translator(st.session_state.get(KEY))


def link_params() -> dict:
    """The language as a link carries it: left out when it is what the
    reader's browser would choose anyway and English (short links stay short)."""
    lang = st.session_state.get(KEY) or DEFAULT
    browser = st.session_state.get(BROWSER_KEY) or DEFAULT
    return {} if lang == DEFAULT == browser else {KEY: lang}


def switch() -> None:
    """English | Español, on every page (in the sidebar, above the filter)."""
    st.radio(SWITCH_LABEL, list(LANGUAGES), key=KEY, format_func=LANGUAGES.get, horizontal=True)
