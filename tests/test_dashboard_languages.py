"""Every page through AppTest in English and in Spanish: no traceback, the
page's words in the session's language, the language kept in the links the
page writes, the switch, an unknown lang= falling back to English quietly,
and two sessions in different languages side by side."""

from __future__ import annotations

import pytest

from geo.catalog import load_catalog
from geo.i18n import translator
from tests.test_dashboard import run  # the app opened as a reader opens a link

PAGES = {  # page: (English heading, Spanish heading)
    None: ("US strikes and forces in the Caribbean and eastern Pacific",
           "Ataques y fuerzas de EE. UU. en el Caribe y el Pacífico oriental"),
    "records": ("Records", "Registros"),
    "record": ("S011: Strike of 27 Oct 2025", "S011: Ataque del 27 oct 2025"),
    "totals": ("Published totals against our count", "Totales publicados frente a nuestro conteo"),
    "methods": ("Methods and data", "Métodos y datos"),
}  # fmt: skip


def headings(at) -> list[str]:
    return [e.value for e in [*at.title, *at.header, *at.subheader]]


def words(at) -> str:
    """Every text the page shows (markdown, captions, labels, metrics, headings)."""
    parts = headings(at) + [e.value for e in [*at.markdown, *at.caption, *at.warning, *at.info]]
    parts += [m.label for m in at.metric] + [w.label for w in [*at.selectbox, *at.multiselect, *at.text_input]]
    return "\n".join(str(p) for p in parts)


def url(at) -> dict:
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page", list(PAGES), ids=lambda p: p or "map")
def test_every_page_in_both_languages(page, lang):
    params = {"lang": lang, **({"id": "S011"} if page == "record" else {})}
    at = run(params, page)
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    heading = PAGES[page][0 if lang == "en" else 1]
    assert any(h.startswith(heading) for h in headings(at)), (heading, headings(at))
    assert at.sidebar.radio(key="lang").value == lang
    text = words(at)
    if lang == "es":
        assert "Datos actualizados al" in text and "versión de datos" in text
        assert "Filtro" in headings(at) and "Período" in text
        assert "Data current to" not in text and "Time range" not in text
        assert url(at).get("lang") == ["es"]  # the address bar keeps the language
    else:
        assert "Data current to" in text and "lang" not in url(at)


def test_the_map_page_in_spanish_reads_as_spanish():
    at = run({"lang": "es"})
    labels = [m.label for m in at.metric]
    assert labels == ["Ataques", "Embarcaciones", "Muertos", "Presuntos muertos", "Rescatados",
                      "Destino desconocido", "Fallecidos"]  # fmt: skip
    strikes = at.metric[0].value.removeprefix("≥ ")
    total = len(load_catalog().strikes)
    assert strikes.replace(".", "").isdigit()
    text = words(at)
    assert f"{translator('es').number(total)} anuncios" in text
    assert "Ataques del 2 sept 2025 a " in text  # dates as a Spanish reader writes them
    assert "Cronología" in headings(at) and "Descargar la vista filtrada" in headings(at)
    buttons = [b.label for b in at.get("download_button")]
    assert "Ataques (GeoJSON)" in buttons and "Todas las capas (zip)" in buttons
    deck = at.get("deck_gl_json_chart")[0].proto.json
    assert "Ataque S0" in deck and "haga clic" in deck and "Strike S0" not in deck


def test_the_record_page_in_spanish_translates_labels_and_vocabulary_and_marks_english_text():
    at = run({"lang": "es", "id": "B025"}, "record")
    assert not at.exception
    table = at.dataframe[0].value
    fields = dict(zip(table["field"], table["value"]))
    assert fields["Región"] == "Pacífico oriental"
    assert fields["Precisión de la ubicación"].startswith("2: cerca de un lugar con nombre")
    assert fields["Notas (palabras del proyecto)"].endswith("(en inglés)")
    assert any(t.startswith("**Estado al ") for t in [m.value for m in at.markdown])
    code = [c.value for c in at.code]
    assert any("registro B025" in c and "consultado el" in c and "lang=es" in c for c in code), code


def test_the_switch_changes_the_language_and_the_link():
    at = run()
    assert at.sidebar.radio(key="lang").value == "en"
    at.sidebar.radio(key="lang").set_value("es").run()
    assert not at.exception
    assert "Ataques y fuerzas de EE. UU. en el Caribe y el Pacífico oriental" in headings(at)
    assert url(at)["lang"] == ["es"]
    at.sidebar.radio(key="lang").set_value("en").run()
    assert "US strikes and forces in the Caribbean and eastern Pacific" in headings(at)
    assert "lang" not in url(at)


def test_links_the_page_writes_keep_the_language():
    at = run({"lang": "es", "q": "S011", "start": "2025-10-01"}, "records")
    assert not at.exception
    links = [link.proto.query_string for link in at.get("page_link")]
    assert links and all("lang=es" in link for link in links), links
    assert url(at)["lang"] == ["es"] and url(at)["q"] == ["S011"] and url(at)["start"] == ["2025-10-01"]
    table = at.dataframe[0].value
    assert all("lang=es" in link for link in table["page"])
    assert set(table["layer"]) <= {"Ataques", "Despliegues", "Sitios", "Hechos"}


@pytest.mark.parametrize("value", ["xx", "", "fr", "<b>es</b>", "javascript:alert(1)", "es" * 500, "EN"])
def test_an_unknown_language_is_english_without_a_word(value):
    at = run({"lang": value})
    assert not at.exception and not at.error
    assert "US strikes and forces in the Caribbean and eastern Pacific" in headings(at)
    assert not at.warning, [w.value for w in at.warning]
    if len(value) > 4:  # a link's value is never shown
        assert value[:20] not in words(at)


def test_two_sessions_in_different_languages_at_once_each_see_their_own():
    spanish, english = run({"lang": "es"}), run({"lang": "en"})
    spanish.sidebar.selectbox(key="quick").set_value("October 2025")
    english.sidebar.selectbox(key="quick").set_value("October 2025")
    spanish.run()
    english.run()  # interleaved runs in one process: no language leaks from one session to the other
    assert "Ataques y fuerzas de EE. UU. en el Caribe y el Pacífico oriental" in headings(spanish)
    assert "US strikes and forces in the Caribbean and eastern Pacific" in headings(english)
    assert spanish.sidebar.selectbox(key="quick").format_func("October 2025") == "octubre de 2025"
    assert english.sidebar.selectbox(key="quick").format_func("October 2025") == "October 2025"
    assert [m.label for m in spanish.metric][0] == "Ataques" and [m.label for m in english.metric][0] == "Strikes"
    spanish.run()
    assert "Cronología" in headings(spanish) and "Timeline" in headings(english)


def test_playback_and_publication_graphics_in_spanish():
    at = run({"lang": "es", "start": "2025-10-01", "end": "2025-10-31"})
    labels = {b.key: b.label for b in at.button}
    assert labels["play-play"] == "Reproducir semana a semana" and labels["play-next"] == "Semana siguiente"
    at.button(key="play-next").click().run()
    assert not at.exception
    status = [m.value for m in at.markdown if m.value.startswith("**Semana 1 de ")]
    assert status == ["**Semana 1 de 5: 1 oct a 7 oct 2025**"], [m.value for m in at.markdown][:5]
    assert any(c.value.startswith("ataques hasta la fecha: ") for c in at.caption)
    downloads = [b.label for b in at.get("download_button")]
    assert "Mapa (PNG, 300 ppp)" in downloads and "Animación (GIF)" in downloads
    assert "Gráficos para publicar" in headings(at)
