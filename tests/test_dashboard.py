"""The page through Streamlit's AppTest: figures equal geo.stats for the
filter, URL parameters round-trip, bad parameters warn, the deck spec holds
every layer with an id and the right number of features."""

import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_hyp
from streamlit.testing.v1 import AppTest

from geo import stats
from geo.catalog import load_catalog
from geo.query import Filter, select
from tests.conftest import REPO, edit_csv, read_cell

TIMEOUT = 120


def run(params: dict | None = None, page: str | None = None) -> AppTest:
    """The app as a reader opens a link: its query parameters, on a page (app/pages/<page>.py)."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"app/pages/{page}.py")
    return at.run()


def metrics(at) -> dict[str, int]:
    """Each figure as a number; a floor ("≥ 67": some strikes have no reported figure) as its value."""
    return {m.label: int(m.value.removeprefix("≥ ").replace(",", "")) for m in at.metric}


def floors(at) -> set[str]:
    return {m.label for m in at.metric if m.value.startswith("≥ ")}


def expected(flt: Filter) -> dict[str, int]:
    catalog = load_catalog()
    total = stats.totals(select(catalog, replace(flt, layers=("strikes",)))["strikes"])
    return {
        "Strikes": total["strikes"], "Vessels": total["vessels"], "Killed": total["killed"],
        "Presumed dead": total["presumed_dead"], "Rescued": total["rescued"], "Deaths": total["deaths"],
        "Fate unknown": total["fate_unknown"],
    }  # fmt: skip


def url(at) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


def deck(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_the_page_comes_up_with_the_whole_campaign():
    at = run()
    assert not at.exception and not at.error
    assert metrics(at) == expected(Filter())
    assert any("Data current to" in c.value for c in at.caption)
    # strikes with no reported toll make the whole-campaign deaths a floor, and the page says so
    assert {"Killed", "Deaths"} <= floors(at) and "Strikes" not in floors(at)
    assert any("figures marked ≥ are floors" in c.value for c in at.caption)


def test_changing_dates_and_region_changes_the_figures():
    at = run()
    at.sidebar.selectbox(key="quick").set_value("October 2025").run()
    at.sidebar.multiselect(key="places").set_value(["eastern_pacific"]).run()
    flt = Filter(date(2025, 10, 1), date(2025, 10, 31), ("eastern_pacific",))
    assert metrics(at) == expected(flt)
    assert metrics(at)["Strikes"] > 0
    assert url(at) == {"start": ["2025-10-01"], "end": ["2025-10-31"], "region": ["eastern_pacific"]}


def test_url_parameters_reproduce_the_view():
    at = run({"start": "2025-12-01", "end": "2026-01-31", "region": ["caribbean", "off_venezuela"],
              "layers": "strikes,sites"})  # fmt: skip
    flt = Filter(date(2025, 12, 1), date(2026, 1, 31), ("caribbean", "off_venezuela"))
    assert metrics(at) == expected(flt)
    assert at.sidebar.multiselect(key="places").value == ["caribbean", "off_venezuela"]
    layer_ids = {layer["id"] for layer in deck(at)["layers"]}
    assert "strikes" in layer_ids and "sites" in layer_ids and "deployments" not in layer_ids
    assert url(at)["layers"] == ["strikes,sites"]


@pytest.mark.parametrize(
    "params",
    [{"start": "2025-02-30"}, {"region": "atlantis"}, {"layers": "ufo"}, {"start": "2026-05-01", "end": "2025-01-01"},
     {"id": "S999"}, {"end": "1999-01-01"}],
)  # fmt: skip
def test_bad_parameters_warn_and_fall_back(params):
    at = run(params)
    assert not at.exception
    assert at.warning, "a bad parameter must give a visible warning"
    assert metrics(at)["Strikes"] > 0


def test_a_link_to_one_record_selects_it_on_the_map():
    at = run({"id": "S011"})
    assert any(m.value.startswith("**S011:") for m in at.markdown)
    assert any("14 killed" in m.value for m in at.markdown)
    assert any(layer["id"] == "selected" for layer in deck(at)["layers"])
    assert url(at)["id"] == ["S011"]
    links = [link for link in at.get("page_link") if "S011" in str(link.proto)]
    assert links, "the summary links to the record's page"


def test_the_record_page_shows_every_field_sources_and_citation():
    at = run({"id": "S011", "start": "2025-10-01"}, page="record")
    assert not at.exception and at.title[0].value.startswith("S011:")
    fields = dict(zip(at.dataframe[0].value["field"], at.dataframe[0].value["value"]))
    assert fields["Killed"] == "14" and fields["Presumed dead"] == "1"
    assert fields["Why presumed dead"].startswith("search_suspended")
    sources = at.dataframe[1].value
    with (REPO / "seeds" / "sources.csv").open(encoding="utf-8") as handle:
        import csv

        register = {row["id"]: row for row in csv.DictReader(handle)}
    wanted = read_cell(REPO / "data" / "strikes.csv", 12, "sources").split(";")
    assert list(sources["id"]) == wanted and list(sources["url"]) == [register[i]["url"] for i in wanted]
    assert url(at)["start"] == ["2025-10-01"] and url(at)["id"] == ["S011"]  # the filter stays in the address
    codes = [c.value for c in at.code]
    assert any("record S011" in c and "id=S011" in c for c in codes)


def test_a_deployment_page_shows_every_period_of_its_asset():
    at = run({"id": "D021"}, page="record")
    assert not at.exception
    ford = [
        row for row in load_catalog().deployments.to_dict("records") if row["asset"] == "USS Gerald R. Ford (CVN-78)"
    ]
    assert any(f"All {len(ford)} periods" in s.value for s in at.subheader)
    assert len(at.get("vega_lite_chart")) >= 1


def test_a_site_page_shows_its_status_history():
    at = run({"id": "B025"}, page="record")
    history = at.dataframe[2].value
    assert list(history["status"]) == ["proposed", "withdrawn", "rejected"]


def test_a_zone_page_lists_its_records():
    at = run({"id": "zone:off_venezuela", "start": "2025-09-01", "end": "2025-09-30"}, page="record")
    assert at.title[0].value == "Off Venezuela (southern Caribbean)"
    assert any("S001" in str(link.proto) for link in at.get("page_link"))


def test_the_deck_has_every_layer_with_an_id_and_the_right_features():
    at = run({"start": "2025-10-01", "end": "2025-10-31"})
    spec = deck(at)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert all(layer.get("id") for layer in spec["layers"])
    assert not spec.get("mapProvider") and not str(spec.get("mapStyle")).startswith("http")
    assert layers["land"]["data"] == "app/static/land.geojson"
    catalog = load_catalog()
    chosen = select(catalog, Filter(date(2025, 10, 1), date(2025, 10, 31)))
    strikes = chosen["strikes"]
    pointed = strikes[strikes["placed_at"] == "reported point"]
    assert len(layers["strikes"]["data"]) == len(pointed)
    zone_features = layers["strike-zones"]["data"]["features"]
    assert sum(f["properties"]["count"] for f in zone_features) == len(strikes) - len(pointed)
    for layer in ("deployments", "sites", "events"):
        frame = chosen[layer]
        drawn = len(layers[f"{layer}-areas"]["data"])
        zoned = sum(f["properties"]["count"] for f in layers[f"{layer}-zones"]["data"]["features"])
        assert drawn + zoned == len(frame), layer
    assert len(json.dumps(spec)) < 300_000


def test_invalid_data_shows_the_problems_not_a_traceback(data_copy, monkeypatch):
    edit_csv(data_copy / "strikes.csv", 2, "killed", "-4")
    monkeypatch.setenv("GEO_DATA_DIR", str(data_copy))
    at = run()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    problems = at.dataframe[0].value
    assert list(problems.iloc[0][["row", "column"]]) == [2, "killed"]


MARK = "Qj7"  # starts every generated link value; page text never holds it (compared case-blind)
MARKUP = [
    "[Official correction](http://example.org/phish)", "![x](http://host.example/pixel.png)", ":red[alert]",
    ":material/home:", "$x^2$", "<img src=x onerror=alert(1)>", "http://bare.example/x", "www.example.com",
    "**bold** _it_ `code`", "# heading", "> quote", "a@b.example",
]  # fmt: skip
query_values = st_hyp.one_of(
    st_hyp.text(alphabet=st_hyp.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=25),
    st_hyp.sampled_from(MARKUP),
    st_hyp.lists(st_hyp.sampled_from(MARKUP), min_size=2, max_size=4).map(" ".join),
).map(lambda text: MARK + text.replace(",", "," + MARK))


def carried(at) -> list:
    """Every element that shows something a link carried (the mark)."""
    protos = [(node, str(getattr(node, "proto", None) or "")) for node in at]
    return [node for node, proto in protos if MARK.casefold() in proto.casefold()]


def assert_link_text_is_plain(at) -> None:
    assert all(node.type == "text" for node in carried(at)), [(n.type, str(n.proto)[:200]) for n in carried(at)]
    assert len(at.warning) <= 1 and len(at.text) <= 1
    assert all(len(text.value) <= 1_000 for text in at.text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st_hyp.dictionaries(
        st_hyp.sampled_from(["start", "end", "region", "layers", "id"]),
        st_hyp.one_of(
            query_values,
            st_hyp.lists(query_values, min_size=2, max_size=3),
            st_hyp.sampled_from(["2025-10-01", "caribbean", "strikes,sites", "S011", "zone:off_venezuela"]),
        ),
        max_size=5,
    )
)
def test_the_page_comes_up_whatever_the_link(params):
    """Arbitrary Unicode, Markdown and HTML in every parameter: the page renders its figures,
    what the link carried shows only as plain text, in one warning at most."""
    at = run(params)
    assert not at.exception
    assert not at.error
    assert len(at.metric) == 7
    assert_link_text_is_plain(at)


def test_link_markup_renders_as_plain_text_only():
    at = run({
        "id": "[Official correction](http://example.org/phish)", "end": "![x](http://host.example/pixel.png)",
        "start": ":red[x] :material/home: $x^2$", "region": ["<b>x</b>", "http://bare.example"],
        "layers": "www.example.com",
    })  # fmt: skip
    assert len(at.warning) == 1 and "phish" not in at.warning[0].value
    assert len(at.text) == 1 and at.text[0].type == "text"
    body = at.text[0].value
    for carried_value in ("[Official correction](http", "![x](http://host", ":red[x]", "<b>x</b>", "http://bare"):
        assert carried_value.casefold() in body.casefold()
    for node in at:
        if node.type in ("markdown", "caption", "warning", "info", "error", "subheader", "title", "latex"):
            assert not any(word in node.value for word in ("phish", "pixel", "bare.example", "red[", "material/home"))


def test_a_link_of_fifty_thousand_unknown_regions_warns_once_briefly():
    at = run({"region": ",".join(f"r{i}" for i in range(50_000)), "layers": ["ufo", "<b>x</b>"] * 400})
    assert not at.exception and len(at.metric) == 7
    assert len(at.warning) == 1 and len(at.text) == 1
    assert len(at.text[0].value) < 400 and "49,997 more" in at.text[0].value


def test_link_warnings_go_once_the_reader_changes_the_filter():
    at = run({"region": "atlantis"})
    assert at.warning
    at.run()
    assert at.warning, "a rerun with the link's view still says what was ignored"
    at.sidebar.selectbox(key="quick").set_value("October 2025").run()
    assert not at.warning and not at.text
    at.sidebar.multiselect(key="places").set_value(["caribbean"]).run()
    assert not at.warning


@pytest.mark.parametrize(
    "params, opens",
    [({"id": "zone:off_venezuela"}, "zone:off_venezuela"), ({"id": "s011"}, "S011"),
     ({"id": "Zone:Off_Venezuela"}, "zone:off_venezuela")],
)  # fmt: skip
def test_links_to_a_selection_reopen_it(params, opens):
    at = run(params)
    assert not at.warning and at.session_state["selected"] == opens
    assert url(at)["id"] == [opens]
    if opens.startswith("zone:"):
        assert any("records with no reported position" in m.value for m in at.markdown)
    else:
        assert any(m.value.startswith("**S011:") for m in at.markdown)


def view(at) -> tuple:
    state = at.session_state
    return (tuple(state["dates"]), tuple(state["places"]), tuple(state["layers"]), tuple(state["grades"]),
            state["quick"])  # fmt: skip


@pytest.mark.parametrize("page", ["map", "record", "records", "totals", "methods"])
def test_every_address_a_page_writes_reopens_the_same_view(page):
    at = run(page=page)
    steps = [
        lambda: at.sidebar.selectbox(key="quick").set_value("October 2025"),
        lambda: at.sidebar.multiselect(key="places").set_value(["caribbean", "off_venezuela"]),
        lambda: at.sidebar.multiselect(key="grades").set_value(["official_and_independent"]),
    ]
    if page == "record":
        steps += [lambda: at.text_input(key="record-id").set_value("zone:off_venezuela"),
                  lambda: at.text_input(key="record-id").set_value("d021"),
                  lambda: at.text_input(key="record-id").set_value("no such id"),
                  lambda: at.text_input(key="record-id").set_value("zone:atlantis")]  # fmt: skip
    if page == "records":
        steps += [lambda: at.text_input(key="records-q").set_value("venezuela"),
                  lambda: at.multiselect(key="records-layer").set_value(["strikes"])]  # fmt: skip
    for step in steps:
        step()
        at.run()
        assert not at.exception and not at.error
        again = run(url(at), page=page)
        assert not again.warning, (url(at), [w.value for w in again.warning])
        assert view(again) == view(at), url(at)
        assert url(again) == url(at)
        if page == "records":
            assert again.dataframe[0].value["id"].tolist() == at.dataframe[0].value["id"].tolist()


def test_a_broken_zones_file_shows_the_problems_panel(data_copy, monkeypatch):
    document = json.loads((data_copy / "zones.geojson").read_text(encoding="utf-8"))
    document["features"][3]["properties"]["ref_lon"] = "-66.0"
    document["features"][5]["properties"]["name"] = None
    (data_copy / "zones.geojson").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("GEO_DATA_DIR", str(data_copy))
    at = run({"region": "atlantis"})
    assert not at.exception and "did not pass validation" in at.error[0].value
    problems = at.dataframe[0].value
    assert {(f, r, c) for f, r, c in problems[["file", "row", "column"]].itertuples(index=False)} == {
        ("data/zones.geojson", 4, "ref_lon"), ("data/zones.geojson", 6, "name"),
    }  # fmt: skip


def test_an_edited_data_file_is_used_at_the_next_rerun(data_copy, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(data_copy))
    at = run()
    killed = metrics(at)["Killed"]
    strikes = data_copy / "strikes.csv"
    edit_csv(strikes, 2, "killed", str(int(read_cell(strikes, 2, "killed")) + 5))
    at.run()
    assert metrics(at)["Killed"] == killed + 5
    edit_csv(strikes, 2, "killed", "minus one")
    at.run()
    assert not at.exception and "did not pass validation" in at.error[0].value
    assert not at.metric, "figures of the last good data must not be mixed with the bad"
    edit_csv(strikes, 2, "killed", "0")
    at.run()
    assert not at.error and metrics(at)["Killed"] == killed - int(read_cell(REPO / "data" / "strikes.csv", 2, "killed"))


def test_a_record_shows_its_grade_and_a_citation_with_the_release():
    at = run({"id": "S011"}, page="record")
    version = load_catalog().release.version
    codes = [c.value for c in at.code]
    record = [c for c in codes if "record S011" in c]
    assert record and f"data release {version}" in record[0] and "id=S011" in record[0]
    assert any("reporting: an official statement and independent reporting" in c.value for c in at.caption)
    on_map = run()
    assert any(f"data release {version}" in c.value and "all regions" in c.value for c in on_map.code)  # the view


def test_the_grade_filter_narrows_every_layer_and_the_figures():
    at = run({"grade": "secondary_only"})
    flt = Filter(grades=("secondary_only",))
    assert metrics(at) == expected(flt) and 0 < metrics(at)["Strikes"] < expected(Filter())["Strikes"]
    assert url(at)["grade"] == ["secondary_only"]


def test_records_search_finds_across_layers_and_opens_record_pages():
    at = run({"q": "galapagos"}, page="records")
    table = at.dataframe[0].value
    assert {"B025", "E014", "E015"} <= set(table["id"])
    assert all("record?" in link and "id=" in link for link in table["page"])
    at = run({"q": "galapagos", "layer": "sites"}, page="records")
    assert set(at.dataframe[0].value["layer"]) == {"sites"}


def test_totals_page_lists_every_published_total_with_our_count():
    at = run(page="totals")
    table = at.dataframe[0].value
    catalog = load_catalog()
    assert len(table) == len(catalog.tallies)
    newest = table.iloc[0]
    assert newest["as of"] == catalog.tallies["as_of"].max().strftime("%Y-%m-%d")
    cmp = [c for c in stats.tally_comparisons(catalog.tallies, catalog.strikes) if c.tally["id"] == "T058"][0]
    assert int(newest["difference"]) == cmp.difference


def test_methods_page_figures_come_from_the_data():
    at = run(page="methods")
    text = at.markdown[0].value
    total = stats.totals(load_catalog().strikes)
    assert f"{total['records']:,} announcements of {total['strikes']:,} strikes" in text
    assert "{" not in text


def test_the_page_names_the_release():
    at = run()
    version = load_catalog().release.version
    assert any(version in c.value for c in at.caption)


def test_playback_steps_a_week_at_a_time_and_returns_to_the_whole_range():
    at = run({"start": "2025-09-02", "end": "2025-10-31"})
    assert not at.exception
    whole = metrics(at)
    at.button(key="play-next").click().run()
    assert not at.exception
    assert "**Week 1 of 9: 2 Sep to 8 Sep 2025**" in [m.value for m in at.markdown]
    at.button(key="play-next").click().run()
    shown = [m.value for m in at.markdown]
    assert "**Week 2 of 9: 9 Sep to 15 Sep 2025**" in shown
    assert any(c.value.startswith("strikes to date: 2 · deaths: 14") for c in at.caption)  # S001 (11) + S002 (3)
    assert metrics(at) == whole  # the figures above the map keep speaking for the whole range
    at.button(key="play-back").click().run()
    assert "**Week 1 of 9: 2 Sep to 8 Sep 2025**" in [m.value for m in at.markdown]
    at.button(key="play-play").click().run()  # plays on from here (the timer's ticks are the browser test's)
    assert at.session_state["playing"] is True
    at.button(key="play-pause").click().run()
    assert at.session_state["playing"] is False
    at.button(key="play-stop").click().run()
    assert not any(m.value.startswith("**Week ") for m in at.markdown)


@pytest.mark.parametrize(
    ("url", "path", "want"),
    [
        ("http://127.0.0.1:8599", "", "http://127.0.0.1:8599/?id=S011"),  # the browser's root has no slash
        ("http://127.0.0.1:8599/", "record", "http://127.0.0.1:8599/record?id=S011"),
        ("http://127.0.0.1:8599/?start=2025-10-01", "", "http://127.0.0.1:8599/?id=S011"),
        ("https://map.example.org/records?id=x#top", "record", "https://map.example.org/record?id=S011"),
        ("https://example.org/campaign/record", "", "https://example.org/campaign/?id=S011"),  # served under a path
    ],
)
def test_links_to_a_view_keep_the_host_whatever_page_they_are_written_on(url, path, want):
    from app.state import link_from

    assert link_from(url, {"id": "S011"}, path) == want
