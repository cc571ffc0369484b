"""Integrity of the project's own data."""

import json
from datetime import date

import pytest

from geo import stats
from geo.catalog import PLACED_ZONE, load_catalog
from geo.query import sites_as_of
from tests.conftest import REPO


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO / "data")


def test_ids_are_unique(catalog):
    for layer in ("strikes", "deployments", "sites", "events", "tallies", "sources"):
        assert getattr(catalog, layer)["id"].is_unique, layer


def test_every_record_cites_sources_that_resolve(catalog):
    cited = set()
    for layer in ("strikes", "deployments", "sites", "events", "tallies", "site_status"):
        for ids in getattr(catalog, layer)["sources"]:
            parts = ids.split(";")
            assert parts and set(parts) <= set(catalog.sources.index)
            cited.update(parts)
    assert cited == set(catalog.sources.index)


def test_the_seed_articles_are_in_the_register_with_summaries(catalog):
    seeds = catalog.sources.loc[["SEED-000", "SEED-003"]]
    assert seeds["summary"].str.len().min() > 200
    assert "S028" in seeds.at["SEED-000", "summary"] and "S011" in seeds.at["SEED-003", "summary"]
    assert catalog.strikes.set_index("id").at["S028", "sources"].count("SEED-000") == 1


def test_stated_regions_agree_with_locations(catalog):
    for layer in ("strikes", "deployments", "sites", "events"):
        frame = catalog.layer(layer)
        placed = frame[frame.geometry.notna()]  # a strike with no reported region is not placed
        found = catalog.zones.region_of(placed["lon"], placed["lat"])
        assert list(found) == list(placed["region"]), layer
        assert frame.loc[frame.geometry.isna(), "region"].isna().all(), layer


def test_counts_are_consistent(catalog):
    strikes = catalog.strikes
    for column in ("strikes", "vessels", "killed", "survivors", "rescued", "presumed_dead"):
        assert (strikes[column] >= 0).all()
    assert (strikes["rescued"] + strikes["presumed_dead"] <= strikes["survivors"]).all()
    assert (strikes["vessels"] >= strikes["strikes"]).all()


def test_strikes_never_claim_more_precision_than_sources_give(catalog):
    strikes = catalog.strikes
    # no source gives coordinates for any strike; the three search areas and the
    # distance from Isla Beata (S003) are precision 2
    assert (strikes["geo_precision"] >= 2).all()
    pointed = strikes[strikes["geo_precision"] == 2].set_index("id")
    assert set(pointed.index) == {"S003", "S011", "S025", "S036"}
    assert (pointed["uncertainty_km"] >= 50).all()
    zonal = strikes[(strikes["geo_precision"] == 3) & strikes["region"].notna()]
    assert (zonal["placed_at"] == PLACED_ZONE).all() and (zonal["uncertainty_km"] >= 300).all()
    unplaced = strikes[strikes["region"].isna()]
    assert unplaced["geometry"].isna().all() and unplaced["lon"].isna().all()


def test_the_campaign_starts_on_2_september_2025(catalog):
    first = catalog.strikes.sort_values("date").iloc[0]
    assert (first["date"].date(), first["killed"]) == (date(2025, 9, 2), 11)


def test_our_count_agrees_with_every_published_tally(catalog):
    """Every difference is the one its tally row explains in its notes."""
    for cmp in stats.tally_comparisons(catalog.tallies, catalog.strikes):
        tally = cmp.tally
        assert cmp.explained, f"{tally['id']} {tally['publisher']}: difference {cmp.difference} unexplained"
        if cmp.difference:
            assert "Difference from our count" in tally["notes"], tally["id"]


def test_official_tallies_match_exactly(catalog):
    official = catalog.tallies[catalog.tallies["publisher"].str.startswith("SOUTHCOM")]
    assert len(official) >= 2
    for row in official.to_dict("records"):
        assert stats.compare(row, catalog.strikes).difference == 0


def test_galapagos_status_history(catalog):
    baltra = catalog.sites[catalog.sites["name"].str.contains("Baltra")]["id"].iloc[0]

    def status_on(day):
        found = sites_as_of(catalog.sites, catalog.site_status, day)
        return found.set_index("id")["status"].get(baltra)

    assert status_on(date(2025, 10, 27)) in (None, "former")
    assert status_on(date(2025, 10, 28)) == "proposed"
    assert status_on(date(2025, 10, 31)) == "withdrawn"
    assert status_on(date(2025, 11, 16)) == "rejected"


def test_zones_file_is_what_the_builder_makes():
    import scripts.build_zones as build_zones

    built = json.loads(json.dumps(build_zones.build()))
    stored = json.loads((REPO / "data" / "zones.geojson").read_text(encoding="utf-8"))
    assert built == stored


def test_the_data_says_how_current_it_is(catalog):
    """The latest date any file speaks of, read straight from the CSVs."""
    import csv

    def days(file, column):
        with (REPO / "data" / file).open(encoding="utf-8") as fh:
            return [row[column] for row in csv.DictReader(fh) if row[column]]

    written = days("strikes.csv", "date") + days("events.csv", "date") + days("deployments.csv", "start")
    written += days("site_status.csv", "date") + days("tallies.csv", "as_of")
    latest = max(value if len(value) == 10 else value + "-01" for value in written)
    assert catalog.latest_record.isoformat() == latest


def test_the_served_basemap_is_the_data_basemap():
    """Streamlit serves static/land.geojson (it refuses symlinks); build_land.py writes both."""
    assert (REPO / "static" / "land.geojson").read_bytes() == (REPO / "data" / "land.geojson").read_bytes()
