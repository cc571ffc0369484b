"""Playback on the map page: play, pause, a week back or on, and the speed.

The controls rerun the whole page (a change of play or pause must redefine
the map's fragment with or without its timer); while playing, the timer
reruns only the map's fragment, which moves one week on each time. The step
lives in the session, so two readers play independently.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import streamlit as st

from app import context, lang
from geo import playback, stats
from geo.i18n import N_
from geo.playback import Step

# the choices keep their English labels as keys (a session's choice survives a change of language)
SPEEDS = {N_("Slow (2 s a week)"): 2.0, N_("Normal (1 s a week)"): 1.0, N_("Fast (0.5 s a week)"): 0.5}
DEFAULT_SPEED = "Normal (1 s a week)"
STEP_KEY, PLAYING_KEY, SPEED_KEY = "play_step", "playing", "play_speed"
FULL_RUN_KEY = "_play_full_run"  # set by a whole-page run: the fragment's run in it is not a timer tick


@dataclass(frozen=True)
class Frame:
    """What the map shows at a playback step."""

    step: Step
    selection: dict[str, gpd.GeoDataFrame]
    strikes: gpd.GeoDataFrame


def weeks(view: context.View) -> tuple[list[Step], object]:
    start, end = playback.range_of(view.flt, view.catalog.first_record, view.catalog.latest_record)
    return playback.steps(start, end), start


def _index(count: int) -> int | None:
    index = st.session_state.get(STEP_KEY)
    if index is None or count == 0:
        return None
    return min(max(int(index), 0), count - 1)  # a narrower filter may have fewer weeks


def _play() -> None:
    count = st.session_state.get("_play_count", 0)
    index = st.session_state.get(STEP_KEY)
    if index is None or index >= count - 1:
        st.session_state[STEP_KEY] = 0  # from the first week, or again from it at the end
    st.session_state[PLAYING_KEY] = True


def _pause() -> None:
    st.session_state[PLAYING_KEY] = False


def _move(by: int) -> None:
    count = st.session_state.get("_play_count", 0)
    index = st.session_state.get(STEP_KEY)
    index = (-1 if by > 0 else count) if index is None else index
    st.session_state[STEP_KEY] = min(max(index + by, 0), max(count - 1, 0))
    st.session_state[PLAYING_KEY] = False


def _stop() -> None:
    st.session_state[STEP_KEY] = None
    st.session_state[PLAYING_KEY] = False


def controls(view: context.View, phone: bool) -> float | None:
    """The play bar; returns the seconds between steps while playing (the map fragment's timer), else None."""
    _ = lang.current().gettext
    steps, _start = weeks(view)
    st.session_state["_play_count"] = len(steps)
    st.session_state[FULL_RUN_KEY] = True
    playing = bool(st.session_state.get(PLAYING_KEY)) and bool(steps)
    index = _index(len(steps))
    with st.container(horizontal=True, gap="small", key="playback", vertical_alignment="bottom"):
        if playing:
            st.button(_("Pause"), icon=":material/pause:", on_click=_pause, key="play-pause", type="primary")
        else:
            label = _("Play week by week") if index is None else _("Play")
            st.button(label, icon=":material/play_arrow:", on_click=_play, key="play-play", type="primary",
                      disabled=not steps, help=_("Steps the map through the chosen range a week at a time: "
                      "strikes and events to date, deployments and site statuses of that week."))  # fmt: skip
        st.button(_("Week back"), icon=":material/skip_previous:", on_click=_move, args=(-1,), key="play-back",
                  disabled=not steps or index == 0)  # fmt: skip
        st.button(_("Week on"), icon=":material/skip_next:", on_click=_move, args=(1,), key="play-next",
                  disabled=not steps or index == len(steps) - 1)  # fmt: skip
        if index is not None or playing:
            st.button(_("Whole range"), icon=":material/stop:", on_click=_stop, key="play-stop",
                      help=_("Back to the whole chosen range"))  # fmt: skip
        st.selectbox(_("Speed"), list(SPEEDS), index=list(SPEEDS).index(DEFAULT_SPEED), key=SPEED_KEY,
                     format_func=_, label_visibility="collapsed" if phone else "visible", width=240)  # fmt: skip
    if not playing:
        return None
    return SPEEDS.get(st.session_state.get(SPEED_KEY), SPEEDS[DEFAULT_SPEED])


def tick(view: context.View) -> Frame | None:
    """In the map fragment: the frame to show, a week on when this run is the timer's."""
    steps, start = weeks(view)
    full_run = st.session_state.pop(FULL_RUN_KEY, False)
    index = _index(len(steps))
    if index is None:
        return None
    if st.session_state.get(PLAYING_KEY) and not full_run:
        if index >= len(steps) - 1:
            st.session_state[PLAYING_KEY] = False
            st.rerun(scope="app")  # the last week: stop the timer
        index += 1
    st.session_state[STEP_KEY] = index
    step = steps[index]
    return Frame(step, playback.at_step(view.catalog, view.flt, step, start),
                 playback.strikes_at(view.catalog, view.flt, step, start))  # fmt: skip


def status(frame: Frame) -> None:
    """The week shown and the figures at it, above the map."""
    t = lang.current()
    _ = t.gettext
    total = stats.totals(frame.strikes)
    parts = [_("strikes to date: {figure}").format(figure=stats.figure_text(total, "strikes", t)),
             _("deaths: {figure}").format(figure=stats.figure_text(total, "deaths", t))]  # fmt: skip
    for layer, words in (("deployments", N_("deployments that week")), ("sites", N_("sites with a status")),
                         ("events", N_("events to date"))):  # fmt: skip
        if layer in frame.selection:
            parts.append(f"{_(words)}: {t.number(len(frame.selection[layer]))}")
    with st.container(key="playback-status"):
        st.markdown(f"**{playback.step_label(frame.step, t)}**")
        st.caption(" · ".join(parts))
