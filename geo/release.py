"""The data's release: its version, read from data/CHANGELOG.md, and the
texts that make a figure citable ("cite this" for a view and for a record).

A release is named by the date of the data's latest change (YYYY-MM-DD), the
first `## YYYY-MM-DD` heading of the CHANGELOG. Every figure the page shows,
every export and every citation carries it, so a number cited today can be
traced to the data it came from next year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.i18n import ENGLISH, Translator
from geo.problems import Problem

TITLE = "Caribbean and eastern Pacific campaign map"
HEADING = re.compile(r"^## (\d{4}-\d{2}-\d{2})\b(.*)$", re.MULTILINE | re.ASCII)


@dataclass(frozen=True)
class Release:
    version: str  # YYYY-MM-DD
    released: date

    @property
    def label(self) -> str:
        return f"data release {self.version}"

    def metadata(self) -> dict:
        """The release as a JSON member of every export."""
        return {"title": TITLE, "version": self.version, "released": self.released.isoformat(),
                "changelog": "CHANGELOG.md", "citation": cite_release(self)}  # fmt: skip


def releases(text: str) -> list[str]:
    """Every release version in a CHANGELOG, newest first as written."""
    return [m.group(1) for m in HEADING.finditer(text)]


def read_release(changelog: Path) -> tuple[Release | None, list[Problem]]:
    """The current release, or the problems that stop it being read."""
    where = changelog.name if changelog.parent.name != "data" else f"data/{changelog.name}"
    try:
        text = changelog.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(where, 0, "", "file is missing: every release needs its CHANGELOG")]
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(where, 0, "", f"cannot be read: {err.__class__.__name__}")]
    versions = releases(text)
    if not versions:
        return None, [Problem(where, 0, "", "no release heading '## YYYY-MM-DD' found")]
    problems = []
    parsed = []
    for version in versions:
        line = text[: text.index(f"## {version}")].count("\n") + 1
        try:
            parsed.append(date.fromisoformat(version))
        except ValueError:
            problems.append(Problem(where, line, "", f"release {version} is not a real date"))
    if not problems and parsed != sorted(parsed, reverse=True):
        problems.append(Problem(where, 0, "", "release headings must run newest first"))
    if problems:
        return None, problems
    return Release(versions[0], parsed[0]), []


def cite_release(release: Release) -> str:
    return f"{TITLE}, {release.label} (version {release.version})."


def cite_view(release: Release, selection: str, link: str, accessed: date | None = None,
              t: Translator = ENGLISH) -> str:  # fmt: skip
    """A citation of the current view: what was selected, the release, the
    link, in the reader's language (the project's title stays as published)."""
    accessed = accessed or date.today()
    return t.gettext("{title}, {release}: {selection}. {link} (accessed {accessed}).").format(
        title=TITLE,
        release=t.gettext("data release {version}").format(version=release.version),
        selection=selection,
        link=link,
        accessed=t.date(accessed, "long"),
    )


def cite_record(release: Release, record_id: str, title: str, link: str, accessed: date | None = None,
                t: Translator = ENGLISH) -> str:  # fmt: skip
    """A citation of one record by its stable id."""
    accessed = accessed or date.today()
    return t.gettext("{title}, {release}, record {id} ({record_title}). {link} (accessed {accessed}).").format(
        title=TITLE,
        release=t.gettext("data release {version}").format(version=release.version),
        id=record_id,
        record_title=title,
        link=link,
        accessed=t.date(accessed, "long"),
    )


SECTIONS = ("Added", "Corrected", "Removed")


def add_entry(text: str, version: str, section: str, line: str) -> str:
    """The CHANGELOG with `- line` under `### section` of release `version`,
    which becomes the newest release when it is not there yet."""
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {SECTIONS}")
    entry = f"- {line.strip()}\n"
    heading = f"## {version}\n"
    if heading not in text:
        first = HEADING.search(text)
        at = first.start() if first else len(text)
        text = text[:at] + heading + "\n" + text[at:]
    start = text.index(heading) + len(heading)
    following = HEADING.search(text, start)
    end = following.start() if following else len(text)
    body = text[start:end]
    sub = f"### {section}\n"
    if sub in body:
        at = body.index(sub) + len(sub)
        nxt = re.search(r"^(### |## )", body[at:], re.MULTILINE)
        insert_at = at + (nxt.start() if nxt else len(body[at:]))
        chunk = body[at:insert_at].rstrip("\n")
        body = body[:at] + (chunk + "\n" if chunk else "") + entry + "\n" + body[insert_at:].lstrip("\n")
    else:
        body = "\n" + sub + entry + "\n" + body.lstrip("\n")
    return text[:start] + body + text[end:]
