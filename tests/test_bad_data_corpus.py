"""The corpus of malformed data: one case per kind of mistake a data editor
makes, each applied to a copy of the real data and run through
`python -m geo validate`, which must fail and name file, row, column and reason."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo.cli import main
from tests.conftest import edit_csv, read_cell


def first_pointed(path: Path, west_of: float = 0.0) -> int:
    """The first row with a point (west of a longitude, when given)."""
    line = 2
    while read_cell(path, line, "lon") == "" or float(read_cell(path, line, "lon")) > west_of:
        line += 1
    return line


def swap(path: Path, line: int) -> None:
    lon, lat = read_cell(path, line, "lon"), read_cell(path, line, "lat")
    edit_csv(path, line, "lon", lat)
    edit_csv(path, line, "lat", lon)


def replace_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = text
    path.write_text("".join(lines), encoding="utf-8")


DROP = object()


def edit_zone(path: Path, number: int, name: str, value) -> int:
    """Set one property of the zones file's feature `number` (1-based); returns the number."""
    document = json.loads(path.read_text(encoding="utf-8"))
    properties = document["features"][number - 1]["properties"]
    if value is DROP:
        del properties[name]
    else:
        properties[name] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    return number


def zone_geometry(path: Path, number: int, geometry: dict) -> int:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"][number - 1]["geometry"] = geometry
    path.write_text(json.dumps(document), encoding="utf-8")
    return number


def link_elsewhere(path: Path) -> int:
    """The file replaced by a symbolic link to a copy outside the data directory."""
    outside = path.parent.parent / f"outside-{path.name}"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    return 0


def directory_instead(path: Path) -> int:
    path.unlink()
    path.mkdir()
    return 0


def on_land(path: Path) -> int:
    line = first_pointed(path)
    edit_csv(path, line, "lon", "-84.0")  # inland Costa Rica
    edit_csv(path, line, "lat", "10.0")
    edit_csv(path, line, "zone", "eastern_pacific")
    return line


def swapped(path: Path, west_of: float = 0.0) -> int:
    line = first_pointed(path, west_of)
    swap(path, line)
    return line


def wrong_region(path: Path) -> int:
    line = first_pointed(path, -90)  # a point in the eastern Pacific, said to be in the Caribbean
    edit_csv(path, line, "region", "Caribbean Sea")
    edit_csv(path, line, "zone", "caribbean")
    return line


# name: (file, change -> line it breaks, expected column, words of the reason)
CASES = {
    "unparseable date": ("strikes.csv", lambda p: edit_csv(p, 2, "date", "2 Sept 2025") or 2, "date", "not a date"),
    "impossible date": ("events.csv", lambda p: edit_csv(p, 3, "date", "2025-02-30") or 3, "date", "not a real date"),
    "latitude out of range": ("strikes.csv", lambda p: edit_csv(p, first_pointed(p), "lat", "123.4")
                              or first_pointed(p), "lat", "out of range"),
    "longitude out of range": ("sites.csv", lambda p: edit_csv(p, 2, "lon", "-265.6") or 2, "lon", "out of range"),
    # a longitude beyond 90 degrees becomes an impossible latitude when swapped
    "lat and lon swapped": ("strikes.csv", lambda p: swapped(p, -90), "lat", "swapped"),
    # a smaller one becomes a point outside every region
    "lat and lon swapped inside the range": ("strikes.csv", swapped, "lon", "lies in no region; are lon and lat"),
    "strike on land": ("strikes.csv", on_land, "lat", "is on land"),
    "unknown region": ("deployments.csv", lambda p: edit_csv(p, 2, "region", "Gulf of Mexico") or 2, "region",
                       "not one of"),
    "unknown zone": ("events.csv", lambda p: edit_csv(p, 2, "zone", "off_cuba") or 2, "zone", "unknown zone"),
    "region disagrees with the point": ("strikes.csv", wrong_region, "region", "not in the stated region"),
    "duplicate id": ("deployments.csv", lambda p: edit_csv(p, 3, "id", read_cell(p, 2, "id")) or 3, "id",
                     "is used again"),
    "unknown source id": ("events.csv", lambda p: edit_csv(p, 2, "sources", "SRC-9999") or 2, "sources",
                          "not in the register"),
    "missing source": ("sites.csv", lambda p: edit_csv(p, 2, "sources", "") or 2, "sources", "empty but required"),
    "malformed source id": ("tallies.csv", lambda p: edit_csv(p, 2, "sources", "AP") or 2, "sources",
                            "not a source id"),
    "negative count": ("strikes.csv", lambda p: edit_csv(p, 2, "presumed_dead", "-2") or 2, "presumed_dead",
                       "negative"),
    "more fates than survivors": ("strikes.csv", lambda p: edit_csv(p, 2, "rescued", "40") or 2, "survivors",
                                  "exceed survivors"),
    "end before start": ("deployments.csv", lambda p: (edit_csv(p, 2, "start", "2025-09-10"),
                         edit_csv(p, 2, "end", "2025-09-01")) and 2, "end", "before start"),
    "status for an unknown site": ("site_status.csv", lambda p: edit_csv(p, 2, "site_id", "B999") or 2, "site_id",
                                   "not in sites.csv"),
    "missing column": ("tallies.csv", lambda p: (p.write_text(p.read_text(encoding="utf-8").replace(
                       ",known_difference,", ",", 1), encoding="utf-8"), 1)[1], "known_difference", "missing"),
    "unknown column": ("sites.csv", lambda p: replace_line(p, 1, p.read_text(encoding="utf-8").splitlines()[0]
                       + ",extra\n") or 1, "extra", "unknown column"),
    "row with too many values": ("strikes.csv", lambda p: replace_line(p, 3, p.read_text(encoding="utf-8")
                                 .splitlines()[2] + ",x\n") or 3, "", "values, the header has"),
    "byte-order mark": ("events.csv", lambda p: (p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()), 1)[1], "",
                        "byte-order mark"),
    "latin-1 encoding": ("sites.csv", lambda p: (p.write_bytes(p.read_text(encoding="utf-8").encode("latin-1",
                         "replace")), None)[1], "", "is not UTF-8"),
    "UTF-16 encoding": ("deployments.csv", lambda p: (p.write_bytes(p.read_text(encoding="utf-8")
                        .encode("utf-16")), 1)[1], "", "is not UTF-8"),
    "empty file": ("strikes.csv", lambda p: (p.write_bytes(b""), 0)[1], "", "file is empty"),
    "missing file": ("events.csv", lambda p: p.unlink() or 0, "", "file is missing"),
    # numbers Python reads but pandas does not: refused by name, never loaded as missing
    "count in full-width digits": ("strikes.csv", lambda p: edit_csv(p, 2, "killed", "１１") or 2, "killed",
                                   "digits other than 0-9"),
    "count in Arabic-Indic digits": ("events.csv", lambda p: edit_csv(p, 3, "killed", "٣") or 3, "killed",
                                     "digits other than 0-9"),
    "id in other digits": ("deployments.csv", lambda p: edit_csv(p, 2, "id", "D٠٠1") or 2, "id",
                           "digits other than 0-9"),
    "source id in other digits": ("events.csv", lambda p: edit_csv(p, 2, "sources", "SRC-００01") or 2, "sources",
                                  "digits other than 0-9"),
    "number with an underscore": ("sites.csv", lambda p: edit_csv(p, 2, "lon", "-6_6.5") or 2, "lon", "underscore"),
    "implausibly large count": ("strikes.csv", lambda p: edit_csv(p, 3, "vessels", "10000000000000000000") or 3,
                                "vessels", "beyond 10,000"),
    "count that overflows the total": ("strikes.csv", lambda p: edit_csv(p, 4, "killed", str(2**63 - 1)) or 4,
                                       "killed", "beyond 10,000"),
    "date far in the future": ("tallies.csv", lambda p: edit_csv(p, 2, "as_of", "9999-12-31") or 2, "as_of",
                               "between 1900 and 2099"),
    # files that used to crash the validator
    "old Mac line endings": ("strikes.csv", lambda p: (p.write_bytes(p.read_bytes().replace(b"\n", b"\r")), 1)[1],
                             "", "CSV (Macintosh)"),
    "quote never closed": ("events.csv", lambda p: replace_line(p, 3, 'E999,"never closed\n') or 3, "",
                           "not valid CSV"),
    "directory instead of a file": ("tallies.csv", directory_instead, "", "not a regular file"),
    "symbolic link": ("sites.csv", link_elsewhere, "", "symbolic link"),
    # zones.geojson: every property the code reads, by feature number
    "zone ref_lon as text": ("zones.geojson", lambda p: edit_zone(p, 4, "ref_lon", "-66.0"), "ref_lon",
                             "is not a number"),
    "zone ref_lat null": ("zones.geojson", lambda p: edit_zone(p, 5, "ref_lat", None), "ref_lat",
                          "null is not a number"),
    "zone ref_lat out of range": ("zones.geojson", lambda p: edit_zone(p, 5, "ref_lat", 123.0), "ref_lat",
                                  "out of range"),
    "zone name null": ("zones.geojson", lambda p: edit_zone(p, 6, "name", None), "name", "not a non-empty text"),
    "unknown zone kind": ("zones.geojson", lambda p: edit_zone(p, 2, "kind", "ocean"), "kind", "not one of"),
    "zone property missing": ("zones.geojson", lambda p: edit_zone(p, 3, "ref_lat", DROP), "ref_lat",
                              "property is missing"),
    "zone in an unknown region": ("zones.geojson", lambda p: edit_zone(p, 7, "region", "Atlantis"), "region",
                                  "not one of"),
    "zone id not fit for a link": ("zones.geojson", lambda p: edit_zone(p, 8, "id", "Off Cuba!"), "id",
                                   "is not of the form"),
    "zone name used twice": ("zones.geojson", lambda p: edit_zone(p, 9, "name", "caribbean sea"), "name",
                             "is used again"),
    "zone reference point outside it": ("zones.geojson", lambda p: edit_zone(p, 4, "ref_lon", -100.0), "ref_lon",
                                        "lies outside the polygon"),
    "zone geometry not a polygon": ("zones.geojson", lambda p: zone_geometry(p, 10, {"type": "Point",
                                    "coordinates": [-103.0, 13.0]}), "geometry", "not a polygon"),
    "zones file not JSON": ("zones.geojson", lambda p: (p.write_text('{"type": "FeatureCollection",\n  oops'), 2)[1],
                            "", "is not valid JSON"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_bad_data_is_named(name, data_copy, capsys):
    file, change, column, words = CASES[name]
    path = data_copy.parent / "seeds" / file if file == "sources.csv" else data_copy / file
    line = change(path)
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    ours = [ln for ln in lines if f"{file}:" in ln]
    matching = [ln for ln in ours if words in ln and f": {column or '-'}: " in ln]
    assert matching, f"{name}: no line for {file} {column} '{words}' in {ours}"
    if line is not None:
        assert any(f"{file}:{line}: " in ln for ln in matching), (name, line, matching)


def test_nothing_is_dropped_silently(data_copy, capsys):
    """Several mistakes at once: each is named, and the data is refused whole."""
    for name in ("negative count", "unknown zone", "duplicate id", "missing source"):
        file, change, _, _ = CASES[name]
        change(data_copy / file)
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") >= 4
    assert main(["stats", "--data-dir", str(data_copy)]) == 1  # no figures from refused data


def test_spreadsheet_formulas_in_the_data_are_text_not_errors(tmp_path, capsys):
    """Not bad data but hostile data: formulas in every free-text field validate (they are
    text), and the command line's CSV gives each with a leading single quote."""
    from tests.poison import formula_copy

    data = formula_copy(tmp_path)
    assert main(["validate", "--data-dir", str(data)]) == 0
    out = tmp_path / "events.csv"
    assert main(["export", "--layer", "events", "--data-dir", str(data), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        titles = [row["title"] for row in csv.DictReader(fh)]
    assert titles[0].startswith("'=HYPERLINK(") and titles[1].startswith("'+cmd"), titles[:2]
