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
    """Each figure as a number; a floor ("≥ 67": some strikes have no reported figure) as its value."""
    return {m.label: int(m.value.removeprefix("≥ ").replace(",", "")) for m in at.metric}


def floors(at) -> set[str]:
    return {m.label for m in at.metric if m.value.startswith("≥ ")}


def expected(flt: Filter) -> dict[str, int]:
    catalog = load_catalog()
    total = stats.totals(select(catalog, Filter(flt.start, flt.end, flt.places, ("strikes",)))["strikes"])
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
    assert "Data current to" in at.markdown[0].value
    # strikes with no reported toll make the whole-campaign deaths a floor, and the page says so
    assert {"Killed", "Deaths"} <= floors(at) and "Strikes" not in floors(at)
    assert any("Figures marked ≥ are floors" in c.value for c in at.caption)


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


query_values = st_hyp.text(alphabet=st_hyp.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st_hyp.dictionaries(
        st_hyp.sampled_from(["start", "end", "region", "layers", "id"]),
        st_hyp.one_of(query_values, st_hyp.sampled_from(["2025-10-01", "caribbean", "strikes,sites", "S011"])),
        max_size=5,
    )
)
def test_the_page_comes_up_whatever_the_link(params):
    """Arbitrary query strings: the page always renders figures, at most with warnings."""
    at = run(params)
    assert not at.exception
    assert not at.error
    assert len(at.metric) == 7


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
    at = run({"id": "S011"})
    version = load_catalog().release.version
    codes = [c.value for c in at.code]
    record = [c for c in codes if "record S011" in c]
    assert record and f"data release {version}" in record[0] and "id=S011" in record[0]
    assert any(f"data release {version}" in c and "all regions" in c for c in codes)  # the view's citation
    assert any("Reporting grade:" in m.value for m in at.markdown)


def test_the_page_names_the_release():
    at = run()
    version = load_catalog().release.version
    assert any(version in c.value for c in at.caption)
