"""The command line on the tiny data set of tests/test_validate_checks.py
(29 strikes of 3 killed each, one a day from 1 September 2025; six published
tallies), so every figure it prints can be worked out by hand."""

from __future__ import annotations

import json
import zipfile

import pytest

from geo import cli
from geo.cli import main
from tests.conftest import edit_csv
from tests.test_validate_checks import write_data


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    # the release's maps as their format and resolution: geo.graphics draws them (tests/test_graphics.py)
    monkeypatch.setattr(cli.graphics, "image", lambda scene, fmt, dpi=300: f"{fmt} at {dpi} dpi".encode())
    return write_data(tmp_path)


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_stats_to_a_published_tally_every_line(tiny, capsys):
    edit_csv(tiny / "tallies.csv", 2, "notes", "Paper counts three strikes only")
    code, out, _ = run(capsys, "stats", "--data-dir", str(tiny), "--start", "2025-09-01", "--end", "2025-09-20")
    assert code == 0
    assert out == (
        "Data release 2025-11-01\n"
        "Selection: 2025-09-01 to 2025-09-20, all regions\n"
        "  rows (announcements) 20\n"
        "  strikes              20\n"
        "  vessels              20\n"
        "  killed               60\n"
        "  presumed_dead        0\n"
        "  deaths               60\n"
        "  survivors            0\n"
        "  rescued              0\n"
        "  fate_unknown         0\n"
        "Latest published tally up to 2025-09-20 (whole campaign, all regions):\n"
        "  Paper, as of 2025-09-19: 17 killed in strikes (exact); counts: three strikes\n"
        # 19 strikes of 3 killed up to 19 September: 57
        "  our count to the same date: 57 killed in strikes (killed 57, presumed dead 0)\n"
        "  difference -40: Paper counts three strikes only\n"
        "  source: SRC-0001\n"
    )


def test_stats_of_the_whole_data_in_two_places_to_the_last_tally(tiny, capsys):
    code, out, _ = run(capsys, "stats", "--data-dir", str(tiny), "--region", "off_venezuela", "Caribbean Sea")
    assert code == 0
    lines = out.splitlines()
    # no dates given: from the first strike to the latest record (the tally of 28 October)
    assert lines[1] == "Selection: 2025-09-01 to 2025-10-28, Off Venezuela, Caribbean Sea"
    assert lines[2:5] == ["  rows (announcements) 29", "  strikes              29", "  vessels              29"]
    assert lines[-4:] == [
        "  Tracker, as of 2025-10-28: 58 deaths (not stated whether the missing are counted) (about); "
        "counts: all strikes",
        "  our count to the same date: 87 deaths (not stated whether the missing are counted) "
        "(killed 87, presumed dead 0)",
        "  difference -29: not explained",
        "  source: SRC-0001",
    ]


def test_stats_with_unknown_tolls_and_presumed_dead_before_any_tally(tiny, capsys):
    strikes = tiny / "strikes.csv"
    edit_csv(strikes, 2, "killed", "")
    for column, value in (("survivors", "2"), ("presumed_dead", "2"), ("presumed_dead_basis", "search_suspended")):
        edit_csv(strikes, 3, column, value)
    edit_csv(strikes, 4, "survivors", "1")
    edit_csv(strikes, 4, "rescued", "1")
    code, out, _ = run(capsys, "stats", "--data-dir", str(tiny), "--end", "2025-09-03")
    assert code == 0
    assert out.splitlines()[1:] == [
        "Selection: 2025-09-01 to 2025-09-03, all regions",
        "  rows (announcements) 3",
        "  strikes              3",
        "  vessels              3",
        "  killed               at least 6 (1 strike with no reported figure)",
        "  presumed_dead        2",
        "  deaths               at least 8 (1 strike with no reported figure)",
        "  survivors            3",
        "  rescued              1",
        "  fate_unknown         0",
        "  presumed dead by basis: 2 after a reported suspended search",
        "No published tally up to that date.",
    ]


def test_validate_counts_the_rows_of_each_file(tiny, capsys):
    assert run(capsys, "validate", "--data-dir", str(tiny)) == (
        0,
        "ok: 29 strikes.csv, 8 deployments.csv, 2 sites.csv, 2 site_status.csv, 7 events.csv, 6 tallies.csv, "
        "2 sources.csv\n",
        "",
    )


def test_validate_fails_with_one_line_per_problem_and_their_number(tiny, capsys):
    edit_csv(tiny / "strikes.csv", 2, "killed", "-1")
    edit_csv(tiny / "strikes.csv", 3, "vessels", "x")
    code, out, err = run(capsys, "validate", "--data-dir", str(tiny))
    assert code == 1 and err == "2 problem(s) found\n"
    assert out == (
        "data/strikes.csv:2: killed: '-1' is negative; a count is 0 or more\n"
        "data/strikes.csv:3: vessels: 'x' is not a whole number\n"
    )


def test_a_data_error_stops_every_command_but_validate(tiny, capsys, tmp_path):
    edit_csv(tiny / "strikes.csv", 2, "date", "someday")
    code, out, err = run(capsys, "stats", "--data-dir", str(tiny))
    assert code == 1
    assert out == "data/strikes.csv:2: date: 'someday' is not a date YYYY-MM-DD\n"
    assert err == "the data does not validate; fix the lines above (python -m geo validate)\n"
    assert run(capsys, "release", "--data-dir", str(tiny), "-o", str(tmp_path / "feed"))[0] == 1


def test_export_writes_the_format_its_name_asks_for(tiny, capsys, tmp_path):
    for name in ("s.geojson", "s.CSV", "s.csv"):
        code, out, _ = run(capsys, "export", "--data-dir", str(tiny), "--layer", "strikes", "-o", str(tmp_path / name),
                           "--start", "2025-09-02", "--end", "2025-09-04")  # fmt: skip
        assert (code, out) == (0, f"wrote {tmp_path / name}\n")
    features = json.loads((tmp_path / "s.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["id"] for f in features] == ["S002", "S003", "S004"]
    rows = (tmp_path / "s.CSV").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,") and [r.split(",")[0] for r in rows[1:]] == ["S002", "S003", "S004"]
    assert main(["export", "--data-dir", str(tiny), "--layer", "all", "-o", str(tmp_path / "a.zip")]) == 0
    assert "strikes.geojson" in zipfile.ZipFile(tmp_path / "a.zip").namelist()


def test_export_of_unlocated_records_as_null_geometry(tiny, tmp_path):
    assert main(["export", "--data-dir", str(tiny), "--layer", "strikes", "-o", str(tmp_path / "z.geojson")]) == 0
    assert main(["export", "--data-dir", str(tiny), "--layer", "strikes", "--unlocated", "null",
                 "-o", str(tmp_path / "n.geojson")]) == 0  # fmt: skip
    zone = json.loads((tmp_path / "z.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"]
    null = json.loads((tmp_path / "n.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"]
    assert zone["type"] == "Polygon" and null is None  # every tiny strike is known only by its region


def test_a_release_is_written_once_and_then_left_alone(tiny, capsys, tmp_path):
    feed = tmp_path / "feed"
    code, out, _ = run(capsys, "release", "--data-dir", str(tiny), "-o", str(feed))
    written = len([p for p in (feed / "2025-11-01").rglob("*") if p.is_file()])
    assert (code, out) == (0, f"release 2025-11-01: wrote {written} files in {feed / '2025-11-01'}; "
                              f"{feed / 'latest'} -> 2025-11-01\n")  # fmt: skip
    code, out, _ = run(capsys, "release", "--data-dir", str(tiny), "-o", str(feed))
    assert (code, out) == (0, f"release 2025-11-01: already published, unchanged in {feed / '2025-11-01'}; "
                              f"{feed / 'latest'} -> 2025-11-01\n")  # fmt: skip


def test_a_release_that_would_change_a_published_one_is_refused(tiny, capsys, tmp_path):
    feed = tmp_path / "feed"
    assert run(capsys, "release", "--data-dir", str(tiny), "-o", str(feed))[0] == 0
    edit_csv(tiny / "strikes.csv", 2, "notes", "changed without a new release")
    code, out, err = run(capsys, "release", "--data-dir", str(tiny), "-o", str(feed))
    assert code == 1 and out == "" and err.startswith("error: ")


def test_package_names_what_it_rewrote(tiny, capsys, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(tiny))
    calls = []
    monkeypatch.setattr(cli, "write_package", lambda release: calls.append(release.version) or [])
    assert run(capsys, "package") == (0, "release 2025-11-01: up to date\n", "")
    monkeypatch.setattr(cli, "write_package", lambda release: [tiny / "datapackage.json", tiny / "CITATION.cff"])
    assert run(capsys, "package") == (0, "release 2025-11-01: datapackage.json, CITATION.cff rewritten\n", "")
    assert calls == ["2025-11-01"]
    (tiny / "CHANGELOG.md").write_text("# nothing\n", encoding="utf-8")
    assert run(capsys, "package") == (1, "data/CHANGELOG.md:0: -: no release heading '## YYYY-MM-DD' found\n", "")


def test_filter_mistakes_are_clear_errors(tiny, capsys):
    with pytest.raises(SystemExit, match=r"^error: --start 2025-09-05 is after --end 2025-09-04$"):
        main(["stats", "--data-dir", str(tiny), "--start", "2025-09-05", "--end", "2025-09-04"])
    known = "caribbean, eastern_pacific, western_atlantic, off_venezuela, central_caribbean"
    with pytest.raises(SystemExit, match=rf"^error: unknown region or zone 'Mars'; known: {known}$"):
        main(["stats", "--data-dir", str(tiny), "--region", "Mars"])
    with pytest.raises(SystemExit):
        main(["stats", "--data-dir", str(tiny), "--end", "2025-9-4"])
    assert "argument --end: '2025-9-4' is not a date YYYY-MM-DD" in capsys.readouterr().err


def test_a_one_day_selection_is_allowed(tiny, capsys):
    code, out, _ = run(capsys, "stats", "--data-dir", str(tiny), "--start", "2025-09-04", "--end", "2025-09-04")
    assert code == 0 and "  rows (announcements) 1\n" in out


DATA_DIR = ("--data-dir", "data directory (default: GEO_DATA_DIR or the repo's data/)")
FILTER = [
    ("--start", "first day, YYYY-MM-DD (inclusive)"),
    ("--end", "last day, YYYY-MM-DD (inclusive)"),
    ("--region", "region or zone, by id or name: eastern_pacific, 'Caribbean Sea', off_venezuela"),
]
# the interface as README's development section and `--help` present it: each command's words and options
INTERFACE = {
    "validate": ("check every data file; one line per problem", [DATA_DIR]),
    "export": (
        "write a layer (or all, as a zip) as GeoJSON, or one layer as CSV or GeoParquet",
        [
            ("--layer", None),
            ("-o --output", None),
            (
                "--format",
                "geojson, csv or parquet (GeoParquet, one layer a file); by default from the output's "
                "extension (.csv, .parquet), else GeoJSON",
            ),
            ("--unlocated", "geometry of records with no reported position: their zone's polygon (default) or null"),
            DATA_DIR,
            *FILTER,
        ],
    ),  # fmt: skip
    "graphic": (
        "the selection as a print map (.png at 300 dpi, .svg) or a weekly animation (.gif, .mp4), by the output's "
        "extension",
        [
            ("-o --output", "FILE.png, FILE.svg, FILE.gif or FILE.mp4"),
            ("--dpi", "resolution (default: 300 for images, 96 for animations)"),
            ("--lang", "language of the graphic's words (en, es); data names stay as written"),
            DATA_DIR,
            *FILTER,
        ],
    ),  # fmt: skip
    "stats": ("totals of the selection and the latest published tally", [DATA_DIR, *FILTER]),
    "package": ("rewrite datapackage.json and CITATION.cff for the current release", []),
    "release": (
        "write the release feed: DIR/<version>/ (GeoJSON, CSV, GeoParquet, data package, CHANGELOG, SHA256SUMS) "
        "and DIR/latest",
        [("-o --output", "the feed's directory (DIR)"), DATA_DIR],
    ),
    "draft": (
        "draft a new record from the text of an official statement",
        [
            ("kind", "what to draft (a strike)"),
            ("text", "file with the statement's text (default: stdin)"),
            ("--published", "the statement's date, YYYY-MM-DD"),
            ("--announced-by", "who made it, and how: 'SOUTHCOM release'"),
            ("--source", "cite this existing source id instead of registering a new one"),
            ("--url", "the statement's URL (registered as a new source)"),
            ("--title", "the statement's title"),
            ("--publisher", "the new source's publisher"),
            ("--kind-of-source", "the new source's kind"),
            ("--set", "fix or fill a proposed value (repeatable), e.g. --set survivors=0"),
            ("--notes", "notes in your own words"),
            ("--write", "append the row (after it validates) and log it"),
            DATA_DIR,
        ],
    ),  # fmt: skip
}


def test_every_command_and_option_says_what_it_does():
    import argparse

    parser = cli.parser()
    assert (parser.prog, parser.description) == ("python -m geo", "Campaign map data tools.")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sub.required and list(sub.choices) == list(INTERFACE)
    helps = {action.dest: action.help for action in sub._choices_actions}
    for command, (words, options) in INTERFACE.items():
        assert helps[command] == words, command
        found = [(" ".join(a.option_strings) or a.dest, a.help) for a in sub.choices[command]._actions
                 if a.dest != "help"]  # fmt: skip
        assert found == options, command


def test_the_options_defaults_choices_and_forms():
    import argparse

    sub = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))

    def option(command, name):
        return next(a for a in sub.choices[command]._actions if name in (a.dest, *a.option_strings))

    layer = option("export", "--layer")
    assert layer.required and layer.choices == ["strikes", "deployments", "sites", "events", "zones", "all"]
    unlocated = option("export", "--unlocated")
    assert (unlocated.default, unlocated.choices) == ("zone", ["zone", "null"])
    region = option("stats", "--region")
    assert (region.nargs, region.default, region.metavar) == ("+", [], "NAME")
    assert option("release", "--output").required and option("draft", "--published").required
    assert option("draft", "--announced-by").required and option("draft", "kind").choices == ["strike"]
    text = option("draft", "text")
    assert (text.nargs, text.default) == ("?", "-")
    assert (option("draft", "--publisher").default, option("draft", "--kind-of-source").default) == (
        "US Southern Command", "official")  # fmt: skip
    assert option("draft", "--kind-of-source").dest == "source_kind"
    changes = option("draft", "--set")
    assert (changes.default, changes.metavar, changes.nargs) == ([], "COLUMN=VALUE", None)
    assert isinstance(changes, argparse._AppendAction) and option("draft", "--notes").default == ""
    assert option("draft", "--write").default is False


def test_graphic_by_the_outputs_extension(tiny, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli.graphics, "scene_for", lambda catalog, flt, t=None: ("scene", flt.start, flt.end))
    monkeypatch.setattr(cli.graphics, "weekly_frames", lambda catalog, flt, t=None: ["week 1", "week 2"])
    monkeypatch.setattr(cli.graphics, "gif", lambda scene, frames, dpi: f"gif {len(frames)} at {dpi}".encode())
    monkeypatch.setattr(cli.graphics, "mp4", lambda scene, frames, dpi: f"mp4 {len(frames)} at {dpi}".encode())
    monkeypatch.setattr(cli.graphics, "ffmpeg", lambda: "/usr/bin/ffmpeg")
    for name, dpi, content in (
        ("m.PNG", [], b"png at 300 dpi"),
        ("m.svg", ["--dpi", "150"], b"svg at 150 dpi"),
        ("a.gif", [], b"gif 2 at 96"),
        ("a.mp4", ["--dpi", "72"], b"mp4 2 at 72"),
    ):
        out = tmp_path / name
        code, printed, _ = run(capsys, "graphic", "--data-dir", str(tiny), "-o", str(out), *dpi)
        assert (code, printed, out.read_bytes()) == (0, f"wrote {out}\n", content)


def test_graphic_refuses_what_it_cannot_draw(tiny, capsys, tmp_path, monkeypatch):
    code, out, err = run(capsys, "graphic", "--data-dir", str(tiny), "-o", str(tmp_path / "m.jpg"))
    assert (code, out, err) == (2, "", f"error: {tmp_path / 'm.jpg'} must end in .png, .svg, .gif or .mp4\n")
    monkeypatch.setattr(cli.graphics, "weekly_frames", lambda catalog, flt, t=None: [])
    code, out, err = run(capsys, "graphic", "--data-dir", str(tiny), "-o", str(tmp_path / "a.gif"))
    assert (code, err) == (1, "error: the range holds no week to animate\n")
    monkeypatch.setattr(cli.graphics, "weekly_frames", lambda catalog, flt, t=None: ["week 1"])
    monkeypatch.setattr(cli.graphics, "ffmpeg", lambda: None)
    code, out, err = run(capsys, "graphic", "--data-dir", str(tiny), "-o", str(tmp_path / "a.mp4"))
    assert (code, err) == (1, "error: no ffmpeg for MP4 (pip install imageio-ffmpeg)\n")
    assert not (tmp_path / "a.mp4").exists() and not (tmp_path / "a.gif").exists()
