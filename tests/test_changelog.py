"""The release read from a CHANGELOG, its problems as an editor reads them,
new lines filed under their release and section, and the citation texts;
every expected text is written out in full."""

from datetime import date

import pytest

from geo.problems import Problem
from geo.release import TITLE, Release, add_entry, cite_record, cite_release, cite_view, read_release

pytestmark = pytest.mark.usefixtures("explicit_encoding")  # files are read and written as UTF-8

OLD = "# Changelog\n\nIntro.\n\n## 2026-11-21\n\n### Added\n- S050 first\n"
RELEASE = Release("2026-12-02", date(2026, 12, 2))


def read(tmp_path, text, folder="notes"):
    path = tmp_path / folder / "CHANGELOG.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_release(path)


def test_a_new_release_goes_above_the_newest_with_its_section():
    assert add_entry(OLD, "2026-12-05", "Added", "  S051 new  ") == (
        "# Changelog\n\nIntro.\n\n## 2026-12-05\n\n### Added\n- S051 new\n\n## 2026-11-21\n\n### Added\n- S050 first\n"
    )


def test_a_changelog_without_releases_gets_its_first_at_the_end():
    assert add_entry("# Changelog\n\n", "2026-12-05", "Removed", "S009 duplicate") == (
        "# Changelog\n\n## 2026-12-05\n\n### Removed\n- S009 duplicate\n\n"
    )


def test_a_line_joins_the_end_of_its_section_before_the_next_one():
    text = (
        "## 2026-12-05\n\n### Added\n- S051 new\n\n### Corrected\n- S010 note\n\n## 2026-11-21\n\n### Added\n- S050\n"
    )
    assert add_entry(text, "2026-12-05", "Added", "S052 newer") == (
        "## 2026-12-05\n\n### Added\n- S051 new\n- S052 newer\n\n### Corrected\n- S010 note\n\n"
        "## 2026-11-21\n\n### Added\n- S050\n"
    )
    assert add_entry(text, "2026-12-05", "Corrected", "S011 date") == (
        "## 2026-12-05\n\n### Added\n- S051 new\n\n### Corrected\n- S010 note\n- S011 date\n\n"
        "## 2026-11-21\n\n### Added\n- S050\n"
    )


def test_a_new_section_opens_the_release_and_older_releases_are_untouched():
    text = "## 2026-12-05\n\n### Added\n- S051 new\n\n## 2026-11-21\n\n### Corrected\n- S001\n"
    assert add_entry(text, "2026-12-05", "Corrected", "S002 fix") == (
        "## 2026-12-05\n\n### Corrected\n- S002 fix\n\n### Added\n- S051 new\n\n"
        "## 2026-11-21\n\n### Corrected\n- S001\n"
    )
    assert add_entry(text, "2026-11-21", "Corrected", "S003 fix") == (
        "## 2026-12-05\n\n### Added\n- S051 new\n\n## 2026-11-21\n\n### Corrected\n- S001\n- S003 fix\n\n"
    )


def test_the_same_version_heading_further_down_is_not_the_release():
    text = "## 2026-12-05\n\n### Added\n- S051 new\n"
    twice = add_entry(add_entry(text, "2026-12-05", "Added", "a"), "2026-12-05", "Added", "b")
    assert twice == "## 2026-12-05\n\n### Added\n- S051 new\n- a\n- b\n\n"


def test_an_empty_section_takes_the_line_without_a_blank_before_it():
    text = "## 2026-12-05\n\n### Added\n\n### Removed\n- S009\n"
    assert (
        add_entry(text, "2026-12-05", "Added", "S051") == "## 2026-12-05\n\n### Added\n- S051\n\n### Removed\n- S009\n"
    )


def test_the_problems_of_a_changelog_name_file_line_and_reason(tmp_path):
    assert read(tmp_path, "# Changes\n\nnothing yet\n") == (
        None,
        [Problem("CHANGELOG.md", 0, "", "no release heading '## YYYY-MM-DD' found")],
    )
    assert read(tmp_path, "# C\n\n## 2026-11-21\n\n## 2026-12-02\n") == (
        None,
        [Problem("CHANGELOG.md", 0, "", "release headings must run newest first")],
    )
    assert read(tmp_path, "# C\n\nx\n\n## 2026-12-02\n\n## 2026-02-30\n\n## 2026-13-01\n") == (None, [
        Problem("CHANGELOG.md", 7, "", "release 2026-02-30 is not a real date"),
        Problem("CHANGELOG.md", 9, "", "release 2026-13-01 is not a real date"),
    ])  # fmt: skip


def test_a_changelog_in_data_is_named_with_its_folder(tmp_path):
    assert read(tmp_path, "# C\n", folder="data")[1] == [
        Problem("data/CHANGELOG.md", 0, "", "no release heading '## YYYY-MM-DD' found")]  # fmt: skip
    assert read_release(tmp_path / "data" / "gone.md") == (
        None, [Problem("data/gone.md", 0, "", "file is missing: every release needs its CHANGELOG")])  # fmt: skip


def test_an_unreadable_changelog_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_bytes("## 2026-12-02 caf\u00e9\n".encode("latin-1"))
    assert read_release(path) == (None, [Problem("CHANGELOG.md", 0, "", "cannot be read: UnicodeDecodeError")])
    path.write_text("## 2026-12-02 café\n", encoding="utf-8")
    assert read_release(path) == (RELEASE, [])
    (tmp_path / "folder.md").mkdir()
    assert read_release(tmp_path / "folder.md") == (
        None,
        [Problem("folder.md", 0, "", "cannot be read: IsADirectoryError")],
    )


def test_every_citation_written_out():
    assert RELEASE.label == "data release 2026-12-02"
    assert cite_release(RELEASE) == f"{TITLE}, data release 2026-12-02 (version 2026-12-02)."
    assert cite_view(RELEASE, "strikes in October 2025", "http://h/?start=2025-10-01", date(2026, 12, 3)) == (
        f"{TITLE}, data release 2026-12-02: strikes in October 2025. http://h/?start=2025-10-01 "
        "(accessed 03 December 2026)."
    )
    assert cite_record(RELEASE, "S011", "Strike of 27 Oct 2025", "http://h/?id=S011", date(2026, 1, 9)) == (
        f"{TITLE}, data release 2026-12-02, record S011 (Strike of 27 Oct 2025). http://h/?id=S011 "
        "(accessed 09 January 2026)."
    )


def test_a_citation_without_a_day_is_accessed_today():
    today = f"(accessed {date.today():%d %B %Y})."
    assert cite_view(RELEASE, "all", "http://h/").endswith(today)
    assert cite_record(RELEASE, "S001", "t", "http://h/").endswith(today)


def test_the_release_member_of_every_export():
    assert RELEASE.metadata() == {
        "title": "Caribbean and eastern Pacific campaign map",
        "version": "2026-12-02",
        "released": "2026-12-02",
        "changelog": "CHANGELOG.md",
        "citation": "Caribbean and eastern Pacific campaign map, data release 2026-12-02 (version 2026-12-02).",
    }


def test_an_unknown_section_is_refused():
    with pytest.raises(ValueError, match="section must be one of"):
        add_entry(OLD, "2026-12-05", "Tweaked", "x")


def test_a_line_keeps_the_text_before_it_exactly():
    text = "## 2026-12-05\n\n### Added\n- S051 ends in spaces  \n- S052 ends in X\n"
    assert add_entry(text, "2026-12-05", "Added", "S053") == (
        "## 2026-12-05\n\n### Added\n- S051 ends in spaces  \n- S052 ends in X\n- S053\n\n"
    )


def test_a_new_section_keeps_the_release_notes_below_it_exactly():
    text = "## 2026-12-05\n\nX-ray of the data.\n\n## 2026-11-21\n"
    assert add_entry(text, "2026-12-05", "Added", "S051") == (
        "## 2026-12-05\n\n### Added\n- S051\n\nX-ray of the data.\n\n## 2026-11-21\n"
    )
    indented = "## 2026-12-05\n  note\n"
    assert add_entry(indented, "2026-12-05", "Added", "S051") == "## 2026-12-05\n\n### Added\n- S051\n\n  note\n"


def test_a_heading_written_twice_is_filled_and_named_at_its_first():
    twice = "## 2026-12-05\n\n### Added\n- a\n\n### Added\n- b\n\n## 2026-12-05\n"
    assert add_entry(twice, "2026-12-05", "Added", "c") == (
        "## 2026-12-05\n\n### Added\n- a\n- c\n\n### Added\n- b\n\n## 2026-12-05\n"
    )


def test_a_bad_release_written_twice_is_named_at_its_first_line(tmp_path):
    assert read(tmp_path, "# C\n\n## 2026-02-30\n\n## 2026-02-30\n")[1] == [
        Problem("CHANGELOG.md", 3, "", "release 2026-02-30 is not a real date"),
        Problem("CHANGELOG.md", 3, "", "release 2026-02-30 is not a real date"),
    ]
