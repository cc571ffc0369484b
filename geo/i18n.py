"""The interface in English and Spanish: gettext message catalogues managed
with Babel (locales/<lang>/LC_MESSAGES/messages.po), one Translator per
language, never a process-wide language.

A Translator is passed explicitly to every geo function that writes words a
reader sees (chart axes, tooltips, figures, labels); each defaults to
ENGLISH, so a caller that names no language gets the English text exactly as
before. The dashboard keeps the reader's language in the session, so two
readers in different languages at once each see their own.

The messages are the English text itself (gettext's convention): a message
with no translation, or a fuzzy one, shows in English. `N_()` marks a text
for extraction where it is defined (a table of words); it is translated
where it is shown. The catalogue is read with babel.messages.pofile when a
language is first asked for (no compiled .mo that could go stale);
`python -m scripts.messages` extracts the messages and updates the
catalogues, and tests/test_i18n.py fails on a missing, fuzzy, empty or
obsolete translation, naming it.
"""

from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from geo.paths import REPO

LOCALES = REPO / "locales"
DOMAIN = "messages"
DEFAULT = "en"
LANGUAGES = {"en": "English", "es": "Español"}  # each in its own words, as a switch shows them
# Babel locale of each language: "es" writes 1.234 and 27 oct 2025 (es_419 would write 1,234)
BABEL_LOCALE = {"en": "en", "es": "es"}
# date patterns (CLDR): en as the page always wrote them (02 Sep 2025, %d %b %Y)
DATE_PATTERNS = {
    "en": {"day": "dd MMM y", "long": "dd MMMM y", "month": "MMMM y"},
    "es": {"day": "d MMM y", "long": "d 'de' MMMM 'de' y", "month": "LLLL 'de' y"},
}


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Translator:
    """The messages of one language, and its way of writing dates and numbers."""

    lang: str
    messages: dict = field(default_factory=dict, repr=False)  # msgid -> msgstr, or plural msgid -> forms
    plural_expr: str = "(n != 1)"

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        return found if isinstance(found, str) and found else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get(singular)
        if isinstance(forms, tuple) and all(forms):
            index = int(_plural(self.plural_expr)(int(n)))
            return forms[min(index, len(forms) - 1)]
        return self.gettext(singular if n == 1 else plural)  # a pair marked with N_(): two plain messages

    def number(self, value, digits: int = 0) -> str:
        """1,234 in English, 1.234 in Spanish; `digits` after the decimal point at most."""
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=BABEL_LOCALE[self.lang])

    def signed(self, value: int) -> str:
        """+3 or -2 (a difference), in the reader's digits."""
        return ("+" if value > 0 else "") + self.number(value)

    def date(self, value: date | datetime, width: str = "day") -> str:
        """A day as a reader reads it: 27 Oct 2025 / 27 oct 2025 (width "day"),
        27 October 2025 / 27 de octubre de 2025 ("long"), October 2025 /
        octubre de 2025 ("month")."""
        if isinstance(value, datetime):
            value = value.date()
        return _babel_date(value, DATE_PATTERNS[self.lang][width], locale=BABEL_LOCALE[self.lang])

    def as_written(self, text: str) -> str:
        """Free text the project wrote in English (notes, location basis), kept
        as written and marked so in another language: 'text (in English)'."""
        if self.lang == DEFAULT or not text:
            return text
        tag = self.gettext("in English")
        return f"{text} ({tag})"

    def country(self, name: str) -> str:
        """A country's English name (as the basemap has it) in this language,
        from Babel's CLDR territory names; a name it does not know, as it is."""
        if self.lang == DEFAULT:
            return name
        code = _territory_codes().get(name)
        if code is None:
            return self.gettext(name)
        return _territories(self.lang).get(code, name)

    def word(self, kind: str, code) -> str:
        """A value of the data's own vocabulary (a region, an asset type, a
        site status...) in this language; an unknown code as it is."""
        from geo.vocabulary import words

        english = words(kind).get(code)
        if english is None:
            return str(code).replace("_", " ")
        return self.gettext(english)


# Natural Earth's short names that CLDR writes otherwise
TERRITORY_ALIASES = {
    "Antigua and Barb.": "AG", "British Virgin Is.": "VG", "Cayman Is.": "KY", "Clipperton I.": "CP",
    "Dominican Rep.": "DO", "Saint Lucia": "LC", "St-Barthélemy": "BL", "St-Martin": "MF",
    "St. Kitts and Nevis": "KN", "St. Vin. and Gren.": "VC", "Trinidad and Tobago": "TT",
    "Turks and Caicos Is.": "TC", "U.S. Minor Outlying Is.": "UM", "U.S. Virgin Is.": "VI",
    "United States of America": "US",
}  # fmt: skip


@lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    from babel import Locale

    codes = {name: code for code, name in Locale.parse("en").territories.items() if code.isalpha()}
    return {**codes, **TERRITORY_ALIASES}


@lru_cache(maxsize=len(LANGUAGES))
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(BABEL_LOCALE[lang]).territories)


@lru_cache(maxsize=8)
def _plural(expr: str):
    return _gettext.c2py(expr)


def catalogue_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translator(lang: str | None) -> Translator:
    """The Translator of a language; English for anything unknown. Catalogues
    are read once per process and shared (read-only) by every session."""
    return _load(lang if lang in LANGUAGES else DEFAULT)


@cache
def _load(lang: str) -> Translator:
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.exists():
        return Translator(lang)
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=BABEL_LOCALE[lang])
    messages: dict = {}
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            messages[message.id[0]] = tuple(message.string)
        elif message.string:
            messages[message.id] = message.string
    return Translator(lang, messages, catalogue.plural_expr or "(n != 1)")


ENGLISH = translator(DEFAULT)
_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def preferred(*sources: str | None) -> str | None:
    """The first supported language in what the browser says it prefers: an
    Accept-Language header ("es-MX,es;q=0.9,en;q=0.8") or a locale ("es-CO"),
    in the order given; None when none of them names a supported language."""
    for source in sources:
        if not isinstance(source, str):
            continue
        ranked = []
        for position, part in enumerate(source[:500].split(",")):
            match = _TAG.match(part)
            if not match:
                continue
            try:
                quality = float(match.group(2)) if match.group(2) else 1.0
            except ValueError:
                continue
            ranked.append((-quality, position, match.group(1).lower()))
        for quality, _, lang in sorted(ranked):
            if quality < 0 and lang in LANGUAGES:
                return lang
    return None


def extract_markdown(fileobj, keywords, comment_tags, options):
    """Babel extraction method for Markdown pages (docs/methods.md): each
    paragraph, heading or list item is one message, as Sphinx's gettext does."""
    for number, _, message in markdown_pieces(fileobj.read().decode("utf-8")):
        if message:
            yield number, "gettext", message, []


def markdown_pieces(text: str) -> list[tuple[int, str, str]]:
    """(line number, prefix, message) for each block of a Markdown text: a
    paragraph (its lines joined), a heading or a list item ("- " is the
    prefix, not part of the message). A blank line, or a placeholder alone on
    its line ({grades}, filled with words already translated), is a piece
    with no message, kept as it is (its text is the prefix)."""
    pieces: list[list] = []
    open_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        alone = line.startswith("{") and line.endswith("}") and " " not in line
        if not line or alone:
            pieces.append([number, raw, ""])
            open_block = False
        elif line.startswith("#"):
            pieces.append([number, "", line])
            open_block = False
        elif line.startswith("- "):
            pieces.append([number, "- ", line[2:]])
            open_block = True
        elif open_block:
            pieces[-1][2] += " " + line
        else:
            pieces.append([number, "", line])
            open_block = True
    return [tuple(piece) for piece in pieces]


def translate_markdown(text: str, t: Translator = ENGLISH) -> str:
    """A Markdown page in the reader's language, block by block; English is
    the text as written."""
    if t.lang == DEFAULT:
        return text
    return "\n".join(prefix + t.gettext(message) for _, prefix, message in markdown_pieces(text)) + "\n"


@lru_cache(maxsize=len(LANGUAGES))
def vega_locale(lang: str) -> dict:
    """The d3 number and time locale of a language, from Babel's CLDR data, for
    a Vega-Lite chart's config.locale (axis months, tooltip dates, digits)."""
    from babel import Locale

    locale = Locale.parse(BABEL_LOCALE.get(lang, DEFAULT))
    months = locale.months["format"]
    days = locale.days["format"]
    order = [6, 0, 1, 2, 3, 4, 5]  # d3 weeks start on Sunday; CLDR numbers Monday 0
    return {
        "number": {"decimal": locale.number_symbols["latn"]["decimal"],
                   "thousands": locale.number_symbols["latn"]["group"], "grouping": [3], "currency": ["", ""]},
        "time": {"dateTime": "%x, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
                 "days": [days["wide"][i] for i in order], "shortDays": [days["abbreviated"][i] for i in order],
                 "months": [months["wide"][i] for i in range(1, 13)],
                 "shortMonths": [months["abbreviated"][i].rstrip(".") for i in range(1, 13)]},
    }  # fmt: skip
