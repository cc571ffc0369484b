"""The message catalogues: extract every interface text from the code and
docs/methods.md (babel.cfg says where), and update each language's
catalogue (locales/<lang>/LC_MESSAGES/messages.po) to match.

    python -m scripts.messages update   # then translate the new and fuzzy entries
    python -m scripts.messages check    # exit 1 and name each missing, fuzzy or obsolete one

A new message arrives with an empty translation; a changed one keeps its old
translation marked fuzzy (shown in English until someone reviews it and
removes the flag); a message gone from the code is dropped. tests/test_i18n.py
runs the same check, so CI fails on any of them. Same as
`pybabel extract -F babel.cfg -o messages.pot . && pybabel update -i messages.pot -d locales`.
"""

from __future__ import annotations

import sys
from io import BytesIO

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from geo.i18n import BABEL_LOCALE, DEFAULT, LANGUAGES, catalogue_path
from geo.paths import REPO

HEADER = "The campaign map's interface"


def template() -> Catalog:
    """Every message in the code and the Markdown pages, as a fresh template."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, "babel.cfg")
    catalogue = Catalog(project=HEADER, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        REPO, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        catalogue.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalogue


def read(lang: str) -> Catalog:
    path = catalogue_path(lang)
    if not path.exists():
        return Catalog(locale=BABEL_LOCALE[lang], project=HEADER, fuzzy=False)
    with path.open("rb") as fh:
        return read_po(fh, locale=BABEL_LOCALE[lang])


def problems(lang: str, fresh: Catalog | None = None) -> list[str]:
    """What is wrong with a language's catalogue against the code, one line per message."""
    fresh = fresh or template()
    catalogue = read(lang)
    out = []
    for message in fresh:
        if not message.id:
            continue
        key = message.id if not isinstance(message.id, (list, tuple)) else message.id[0]
        have = catalogue.get(message.id, message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
        if have is None:
            out.append(f"missing ({where}): {key!r}")
        elif have.fuzzy:
            out.append(f"fuzzy, to review ({where}): {key!r}")
        elif not all(have.string) if isinstance(have.string, (list, tuple)) else not have.string:
            out.append(f"not translated ({where}): {key!r}")
    for message in catalogue:
        if message.id and fresh.get(message.id, message.context) is None:
            out.append(f"obsolete (no longer in the code): {message.id!r}")
    out += [f"obsolete (no longer in the code): {m.id!r}" for m in catalogue.obsolete.values()]
    return out


def update(lang: str) -> None:
    fresh = template()
    catalogue = read(lang)
    fresh.creation_date = catalogue.creation_date  # the header changes only when a person edits it
    catalogue.update(fresh, update_header_comment=False)
    path = catalogue_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalogue, width=100, sort_output=False, ignore_obsolete=True, omit_header=False)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    languages = [lang for lang in LANGUAGES if lang != DEFAULT]
    if command == "update":
        for lang in languages:
            update(lang)
        return 0
    fresh = template()
    found = [f"{lang}: {line}" for lang in languages for line in problems(lang, fresh)]
    print("\n".join(found) or "every message has a translation")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
