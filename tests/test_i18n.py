"""The interface in English and Spanish: the Spanish catalogue is complete
and current (the messages are extracted from the code at test time and
compared with it, each problem named), translations keep their placeholders,
geo's text producers speak the translator's language and default to
English, dates and numbers follow the reader's locale, and nothing sets a
language for the whole process."""

from __future__ import annotations

import builtins
import re
import string
from datetime import date

import pytest

from geo import charts, mapview, stats
from geo.catalog import load_catalog
from geo.i18n import ENGLISH, LANGUAGES, catalogue_path, markdown_pieces, preferred, translator
from geo.methods import methods_text
from geo.vocabulary import VOCABULARY, ZONES
from scripts import messages

SPANISH = translator("es")


@pytest.fixture(scope="module")
def fresh():
    return messages.template()


def test_every_message_has_a_current_spanish_translation(fresh):
    """Fails on a message missing from the catalogue, one marked fuzzy, an
    empty translation or an obsolete entry, and names each:
    `python -m scripts.messages update`, then translate what it lists."""
    problems = messages.problems("es", fresh)
    assert problems == [], "the Spanish catalogue is not current:\n" + "\n".join(problems)


def test_a_stale_catalogue_is_named_message_by_message(fresh, tmp_path, monkeypatch):
    text = catalogue_path("es").read_text(encoding="utf-8")
    text = text.replace('msgid "Timeline"\nmsgstr "Cronología"', 'msgid "Timeline"\nmsgstr ""')
    text = text.replace('msgid "Legend"\n', '#, fuzzy\nmsgid "Legend"\n', 1)
    text = text.replace(
        'msgid "Filter"\nmsgstr "Filtro"', 'msgid "Filter"\nmsgstr "Filtro"\n\nmsgid "Gone"\nmsgstr "Ido"'
    )
    text = re.sub(r'\n#:[^\n]*\nmsgid "Methods"\nmsgstr "Métodos"\n', "\n", text)
    stale = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    stale.parent.mkdir(parents=True)
    stale.write_text(text, encoding="utf-8")
    monkeypatch.setattr(messages, "catalogue_path", lambda lang: stale)
    found = "\n".join(messages.problems("es", fresh))
    assert "not translated" in found and "'Timeline'" in found
    assert "fuzzy" in found and "'Legend'" in found
    assert "missing" in found and "'Methods'" in found
    assert "obsolete" in found and "'Gone'" in found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_every_placeholder(fresh):
    catalogue = messages.read("es")
    for message in fresh:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        have = catalogue.get(message.id)
        strings = have.string if isinstance(have.string, (list, tuple)) else [have.string]
        for translated in strings:
            assert fields(translated) == fields(ids[-1]), (ids[0], translated)
        if ids[0].startswith(("**", "- ")) or ids[0].endswith(" "):  # Markdown and joins survive
            assert strings[0][:2] == ids[0][:2] or ids[0].endswith(" ") and strings[0].endswith(" "), ids[0]


def test_every_zone_and_coded_value_has_words_for_the_reader():
    catalog = load_catalog()
    for zone_id, name in zip(catalog.zones.frame["id"], catalog.zones.frame["name"]):
        assert ZONES.get(zone_id) == name, f"geo/vocabulary.py ZONES lacks {zone_id}: {name}"
    for kind, words in VOCABULARY.items():
        for code, english in words.items():
            assert SPANISH.gettext(english) != english or english in ("no", "id"), (kind, code, english)


def test_dates_and_numbers_in_the_readers_locale():
    assert SPANISH.number(1234) == "1.234" and ENGLISH.number(1234) == "1,234"
    assert SPANISH.date(date(2025, 10, 27)) == "27 oct 2025"
    assert ENGLISH.date(date(2025, 9, 2)) == "02 Sep 2025"  # as the page always wrote it (%d %b %Y)
    assert SPANISH.date(date(2025, 10, 27), "long") == "27 de octubre de 2025"
    assert SPANISH.date(date(2025, 10, 1), "month") == "octubre de 2025"
    assert SPANISH.signed(-3) == "-3" and SPANISH.signed(1200) == "+1.200"


def test_an_unknown_language_is_english():
    for asked in ("xx", "", None, "<script>", "EN", "es-MX"):
        assert translator(asked).lang == "en"
    assert set(LANGUAGES) == {"en", "es"}


def test_the_browsers_preferred_language():
    assert preferred("es-MX,es;q=0.9,en;q=0.8") == "es"
    assert preferred("en-US,en;q=0.9,es;q=0.8") == "en"
    assert preferred("fr-FR, es;q=0.7, en;q=0.5") == "es"
    assert preferred("de-DE") is None and preferred(None, "es-CO") == "es"
    assert preferred("en;q=0.2, es;q=0.9") == "es"
    assert preferred("*;q=x, <b>") is None


def test_no_language_is_set_for_the_whole_process():
    assert not hasattr(builtins, "_"), "gettext.install() would make one language for every session"
    assert translator("es") is SPANISH and translator("en") is ENGLISH  # catalogues shared, read-only


def test_geo_text_is_english_by_default_and_spanish_on_request():
    total = {"killed": 1234, "killed_uncounted": 2}
    assert stats.figure_text(total, "killed") == "at least 1,234 (2 strikes with no reported figure)"
    assert stats.figure_text(total, "killed", SPANISH) == "al menos 1.234 (2 ataques sin cifra informada)"
    assert stats.figure_text({"killed": 5, "killed_uncounted": 1}, "killed", SPANISH).endswith(
        "(1 ataque sin cifra informada)"
    )
    groups = {entry["group"] for entry in mapview.legend_entries(SPANISH)}
    assert groups == {"Ataques", "Despliegues", "Sitios (estado al final del rango)", "Hechos", "Ubicación"}
    assert "aircraft carrier" in {e["text"] for e in mapview.legend_entries()}
    assert "portaaviones" in {e["text"] for e in mapview.legend_entries(SPANISH)}


def test_the_maps_tooltips_speak_the_readers_language():
    catalog = load_catalog()
    strikes = catalog.strikes[catalog.strikes["id"] == "S011"]
    english = mapview.tip_fields(strikes, "strikes")
    spanish = mapview.tip_fields(strikes, "strikes", t=SPANISH)
    assert english["tip_title"].iloc[0].startswith("Strike S011: 2025-10-27")
    assert spanish["tip_title"].iloc[0].startswith("Ataque S011: 2025-10-27")
    body = spanish["tip_body"].iloc[0]
    assert "muertos" in body and "Pacífico oriental" in body and "haga clic" in body
    assert "killed" not in body


def test_charts_have_axes_and_tooltips_in_spanish():
    catalog = load_catalog()
    strikes = catalog.strikes
    marks = (
        catalog.events.head(0).assign(short=[])[["first_date", "title", "short"]].rename(columns={"first_date": "date"})
    )
    spec = charts.timeline(stats.weekly(strikes), stats.cumulative(strikes), marks, t=SPANISH).to_dict()
    text = str(spec)
    assert "fallecidos por semana" in text and "semana (a partir del lunes)" in text and "Pacífico oriental" in text
    assert spec["config"]["locale"]["time"]["shortMonths"][9] == "oct"  # axis months in Spanish
    assert "deaths per week" not in text
    english = charts.timeline(stats.weekly(strikes), stats.cumulative(strikes), marks).to_dict()
    assert "locale" not in english.get("config", {}) and "deaths per week (killed + presumed dead)" in str(english)


def test_the_methods_page_in_spanish_keeps_its_figures_and_no_english_block():
    catalog = load_catalog()
    english, spanish = methods_text(catalog), methods_text(catalog, t=SPANISH)
    assert english.startswith("# Methods") and spanish.startswith("# Métodos")
    assert "## Qué se cuenta" in spanish and "{" not in spanish
    for _, _, block in markdown_pieces((messages.REPO / "docs" / "methods.md").read_text(encoding="utf-8")):
        if block and "{" not in block:
            assert block not in spanish, block
    assert f"{len(catalog.tallies):,}".replace(",", ".") in spanish


def test_publication_graphics_in_the_chosen_language():
    from geo import graphics, playback
    from geo.query import Filter

    catalog = load_catalog()
    english, spanish = graphics.scene_for(catalog, Filter()), graphics.scene_for(catalog, Filter(), t=SPANISH)
    assert english.caption.title == "US strikes and forces in the Caribbean and eastern Pacific"
    assert spanish.caption.title.startswith("Ataques y fuerzas de EE. UU.")
    assert spanish.caption.period.startswith("2 sept 2025 a ") and spanish.caption.regions == "Todas las regiones"
    assert spanish.caption.source_line().startswith("Fuentes: ")
    labels = [h.get_label() for h in graphics.legend_handles(spanish.selection, SPANISH)]
    assert "Solo posición aproximada (anillo, sin punto)" in labels and "Sitio: propuesto (anillo)" in labels
    step = playback.steps(date(2025, 9, 2), date(2025, 10, 31))[4]
    assert playback.step_label(step) == "Week 5 of 9: 30 Sep to 6 Oct 2025"
    assert playback.step_label(step, SPANISH) == "Semana 5 de 9: 30 sept a 6 oct 2025"
    svg = graphics.image(spanish, "svg").decode("utf-8")
    assert "Leyenda" in svg and "Key<" not in svg


def test_records_are_found_by_words_in_the_readers_language():
    from geo.query import Filter, select
    from geo.search import matching, records_table

    catalog = load_catalog()
    table = records_table(select(catalog, Filter()), catalog.sources, SPANISH)
    assert "S011" in set(matching(table, "27 oct 2025")["id"])
    assert "D021" in set(matching(table, "portaaviones")["id"])
    assert "B025" in set(matching(table, "pacifico oriental galapagos")["id"])  # accents folded
    english = records_table(select(catalog, Filter()), catalog.sources)
    assert matching(english, "portaaviones").empty  # English search is as it was
