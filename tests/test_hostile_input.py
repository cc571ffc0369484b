"""Hostile input without a browser: poisoned text stays text, arbitrary
links give a valid filter, server settings fit a public read-only page."""

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.catalog import load_catalog
from geo.query import from_params
from geo.schema import LAYERS
from geo.textsafe import md_escape, md_link
from tests.conftest import REPO
from tests.poison import PAYLOAD, poisoned_copy


@pytest.fixture(scope="module")
def zones():
    return load_catalog().zones


def test_poisoned_data_still_validates(tmp_path):
    """Markup in text is not a data error: it is text, and shown as text."""
    from geo.cli import main

    assert main(["validate", "--data-dir", str(poisoned_copy(tmp_path))]) == 0


def test_markdown_escaping_leaves_no_live_markup():
    escaped = md_escape(PAYLOAD)
    assert "<" not in escaped and "](" not in escaped
    assert md_link("a title", "javascript:alert(1)") == "a title"
    assert md_link("[x](y)", "https://example.org/a") == r"[\[x\]\(y\)](https://example.org/a)"


params = st.dictionaries(
    st.sampled_from(["start", "end", "region", "layers", "id", "zoom", "x"]),
    st.lists(st.text(max_size=30), max_size=4),
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=params)
def test_any_query_string_gives_a_valid_filter(zones, params):
    parsed = from_params(params, zones)
    flt = parsed.filter
    assert flt.start is None or flt.end is None or flt.start <= flt.end
    assert set(flt.places) <= set(zones.ids)
    assert set(flt.layers) <= set(LAYERS)
    assert all(isinstance(w, str) and w for w in parsed.warnings)


def test_server_settings_fit_a_public_read_only_dashboard():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 1  # no feature takes uploads
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["magicEnabled"] is False  # no expression renders by accident
    sources = {path.name: path.read_text() for path in [REPO / "dashboard.py", *sorted((REPO / "app").rglob("*.py"))]}
    assert not any("file_uploader" in text for text in sources.values())
    # the only unsafe_allow_html is the legend, whose text is the project's own constants
    assert [name for name, text in sources.items() if "unsafe_allow_html=True" in text] == ["legend.py"]
    legend = sources["legend.py"]
    assert legend.count("unsafe_allow_html=True") == 1 and "catalog" not in legend and "html.escape" in legend
