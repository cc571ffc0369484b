"""The page through Streamlit's AppTest: figures equal geo.stats for the
filter, URL parameters round-trip, bad parameters warn, the deck spec holds
every layer with an id and the right number of features."""

import json
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


def run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def metrics(at) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


def expected(flt: Filter) -> dict[str, int]:
    catalog = load_catalog()
    total = stats.totals(select(catalog, Filter(flt.start, flt.end, flt.places, ("strikes",)))["strikes"])
    return {
        "Strikes": total["strikes"], "Vessels": total["vessels"], "Killed": total["killed"],
        "Presumed dead": total["presumed_dead"], "Rescued": total["rescued"], "Deaths": total["deaths"],
    }  # fmt: skip


def url(at) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


def deck(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_the_page_comes_up_with_the_whole_campaign():
    at = run()
    assert not at.exception and not at.error
    assert metrics(at) == expected(Filter())
    assert "Data current to" in at.markdown[0].value


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


def test_a_link_to_one_record_opens_its_details():
    at = run({"id": "S011"})
    assert any("S011" in m.value for m in at.markdown if m.value.startswith("####"))
    fields = at.dataframe[0].value
    assert dict(zip(fields["field"], fields["value"]))["killed"] == "14"
    assert any(layer["id"] == "selected" for layer in deck(at)["layers"])
    assert url(at)["id"] == ["S011"]


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
    assert len(at.metric) == 6
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
    assert not at.exception and len(at.metric) == 6
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
        assert any("S011" in m.value for m in at.markdown if m.value.startswith("####"))


def view(at) -> tuple:
    state = at.session_state
    return (tuple(state["dates"]), tuple(state["places"]), tuple(state["layers"]), state["selected"], state["quick"])


def test_every_address_the_page_writes_reopens_the_same_view():
    at = run()
    steps = [
        lambda: at.sidebar.selectbox(key="quick").set_value("October 2025"),
        lambda: at.sidebar.multiselect(key="places").set_value(["caribbean", "off_venezuela"]),
        lambda: at.text_input(key="_pick_id").set_value("zone:off_venezuela"),
        lambda: at.text_input(key="_pick_id").set_value("d021"),
        lambda: at.text_input(key="_pick_id").set_value("no such id"),
        lambda: at.text_input(key="_pick_id").set_value("zone:atlantis"),
    ]
    for step in steps:
        step()
        at.run()
        assert not at.exception and not at.error
        again = run(url(at))
        assert not again.warning, (url(at), [w.value for w in again.warning])
        assert view(again) == view(at) or (view(again)[:3] == view(at)[:3] and view(again)[3] == ""), url(at)


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
