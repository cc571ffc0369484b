"""python -m geo validate | export | graphic | stats | package | release | draft"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo import graphics, stats
from geo.catalog import load_catalog
from geo.dates import parse_day
from geo.details import as_text
from geo.drafting import run_draft
from geo.export import layer_csv, layer_geojson_parts, layer_parquet, write_zip
from geo.feed import FeedError, write_feed
from geo.i18n import LANGUAGES, translator
from geo.package import write_package
from geo.paths import DataPaths
from geo.problems import DataError
from geo.query import Filter, apply
from geo.release import read_release
from geo.schema import LAYERS
from geo.validate import validate

EXPORT_FORMATS = ("geojson", "csv", "parquet")


def day(value: str) -> date:
    try:
        return parse_day(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m geo", description="Campaign map data tools.")
    sub = main.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, with_filter: bool = True) -> None:
        p.add_argument("--data-dir", help="data directory (default: GEO_DATA_DIR or the repo's data/)")
        if with_filter:
            p.add_argument("--start", type=day, help="first day, YYYY-MM-DD (inclusive)")
            p.add_argument("--end", type=day, help="last day, YYYY-MM-DD (inclusive)")
            p.add_argument(
                "--region",
                nargs="+",
                default=[],
                metavar="NAME",
                help="region or zone, by id or name: eastern_pacific, 'Caribbean Sea', off_venezuela",
            )

    common(sub.add_parser("validate", help="check every data file; one line per problem"), False)
    export = sub.add_parser(
        "export", help="write a layer (or all, as a zip) as GeoJSON, or one layer as CSV or GeoParquet"
    )
    export.add_argument("--layer", required=True, choices=[*LAYERS, "zones", "all"])
    export.add_argument("-o", "--output", required=True, type=Path)
    export.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        help="geojson, csv or parquet (GeoParquet, one layer a file); by default from the output's extension "
        "(.csv, .parquet), else GeoJSON",
    )
    export.add_argument(
        "--unlocated",
        choices=["zone", "null"],
        default="zone",
        help="geometry of records with no reported position: their zone's polygon (default) or null",
    )
    common(export)
    graphic = sub.add_parser("graphic", help="the selection as a print map (.png at 300 dpi, .svg) or a weekly "
                             "animation (.gif, .mp4), by the output's extension")  # fmt: skip
    graphic.add_argument("-o", "--output", required=True, type=Path, help="FILE.png, FILE.svg, FILE.gif or FILE.mp4")
    graphic.add_argument("--dpi", type=int, help="resolution (default: 300 for images, 96 for animations)")
    graphic.add_argument("--lang", choices=sorted(LANGUAGES), default="en",
                         help="language of the graphic's words (en, es); data names stay as written")  # fmt: skip
    common(graphic)
    common(sub.add_parser("stats", help="totals of the selection and the latest published tally"))
    sub.add_parser("package", help="rewrite datapackage.json and CITATION.cff for the current release")
    feed = sub.add_parser("release", help="write the release feed: DIR/<version>/ (GeoJSON, CSV, GeoParquet, "
                          "data package, CHANGELOG, SHA256SUMS) and DIR/latest")  # fmt: skip
    feed.add_argument("-o", "--output", required=True, type=Path, help="the feed's directory (DIR)")
    feed.add_argument("--data-dir", help="data directory (default: GEO_DATA_DIR or the repo's data/)")
    draft = sub.add_parser("draft", help="draft a new record from the text of an official statement")
    draft.add_argument("kind", choices=["strike"], help="what to draft (a strike)")
    draft.add_argument("text", nargs="?", default="-", help="file with the statement's text (default: stdin)")
    draft.add_argument("--published", type=day, required=True, help="the statement's date, YYYY-MM-DD")
    draft.add_argument("--announced-by", required=True, help="who made it, and how: 'SOUTHCOM release'")
    draft.add_argument("--source", help="cite this existing source id instead of registering a new one")
    draft.add_argument("--url", help="the statement's URL (registered as a new source)")
    draft.add_argument("--title", help="the statement's title")
    draft.add_argument("--publisher", default="US Southern Command", help="the new source's publisher")
    draft.add_argument("--kind-of-source", default="official", dest="source_kind", help="the new source's kind")
    draft.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE",
                       help="fix or fill a proposed value (repeatable), e.g. --set survivors=0")  # fmt: skip
    draft.add_argument("--notes", default="", help="notes in your own words")
    draft.add_argument("--write", action="store_true", help="append the row (after it validates) and log it")
    draft.add_argument("--data-dir", help="data directory (default: GEO_DATA_DIR or the repo's data/)")
    return main


def build_filter(args, catalog) -> Filter:
    places = []
    for name in args.region:
        found = catalog.zones.resolve(name)
        if found is None:
            known = ", ".join(catalog.zones.ids)
            raise SystemExit(f"error: unknown region or zone '{name}'; known: {known}")
        places.append(found)
    if args.start and args.end and args.start > args.end:
        raise SystemExit(f"error: --start {args.start} is after --end {args.end}")
    return Filter(args.start, args.end, tuple(places))


def run_validate(args) -> int:
    checked = validate(DataPaths.resolve(args.data_dir))
    for problem in checked.problems:
        print(problem)
    if checked.problems:
        print(f"{len(checked.problems)} problem(s) found", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(frame)} {file}" for file, frame in checked.frames.items())
    print(f"ok: {counts}")
    return 0


def export_format(args) -> str:
    """The format asked for, else the one the output's extension names."""
    if args.format:
        return args.format
    return {".csv": "csv", ".parquet": "parquet", ".geoparquet": "parquet"}.get(args.output.suffix.lower(), "geojson")


def run_export(args, catalog) -> int:
    flt = build_filter(args, catalog)
    kind = export_format(args)
    if args.layer == "all" and kind != "geojson":
        raise SystemExit(f"error: --layer all is a zip of GeoJSON files; {kind} is one layer a file (--layer strikes)")
    if args.layer == "all":
        write_zip(catalog, flt, args.output, args.unlocated)
    elif kind == "parquet":
        args.output.write_bytes(layer_parquet(catalog, args.layer, flt, args.unlocated))
    elif kind == "csv":  # text cells made safe for spreadsheets (geo.export)
        args.output.write_bytes(layer_csv(catalog, args.layer, flt).encode("utf-8"))
    else:
        with args.output.open("wb") as out:  # written as it is made
            for part in layer_geojson_parts(catalog, args.layer, flt, args.unlocated):
                out.write(part)
    print(f"wrote {args.output}")
    return 0


def run_graphic(args, catalog) -> int:
    fmt = args.output.suffix.lower().lstrip(".")
    if fmt not in graphics.FORMATS:
        print(f"error: {args.output} must end in .png, .svg, .gif or .mp4", file=sys.stderr)
        return 2
    flt = build_filter(args, catalog)
    t = translator(args.lang)
    scene = graphics.scene_for(catalog, flt, t=t)
    if fmt in ("png", "svg"):
        data = graphics.image(scene, fmt, dpi=args.dpi or graphics.PRINT_DPI)
    else:
        frames = graphics.weekly_frames(catalog, flt, t)
        if not frames:
            print("error: the range holds no week to animate", file=sys.stderr)
            return 1
        if fmt == "mp4" and graphics.ffmpeg() is None:
            print("error: no ffmpeg for MP4 (pip install imageio-ffmpeg)", file=sys.stderr)
            return 1
        write = graphics.gif if fmt == "gif" else graphics.mp4
        data = write(scene, frames, dpi=args.dpi or graphics.ANIMATION_DPI)
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    return 0


def run_stats(args, catalog) -> int:
    flt = build_filter(args, catalog)
    chosen = apply(catalog.strikes, flt, catalog.zones)
    total = stats.totals(chosen)
    where = ", ".join(catalog.zones.name(p) for p in flt.places) or "all regions"
    first = flt.start or catalog.first_record
    last = flt.end or catalog.latest_record
    print(f"{catalog.release.label.capitalize()}")
    print(f"Selection: {first} to {last}, {where}")
    print(f"  rows (announcements) {total['records']}")
    for name in ("strikes", "vessels", "killed", "presumed_dead", "deaths", "survivors", "rescued", "fate_unknown"):
        print(f"  {name:<20} {stats.figure_text(total, name)}")
    if total["presumed_dead"]:
        print(f"  presumed dead by basis: {stats.presumed_dead_basis_text(total)}")
    tally = stats.latest_tally(catalog.tallies, last)
    if tally is None:
        print("No published tally up to that date.")
        return 0
    cmp = stats.compare(tally, catalog.strikes)
    print(f"Latest published tally up to {last} (whole campaign, all regions):")
    print(f"  {tally['publisher']}, as of {tally['as_of'].date()}: {tally['killed']} {cmp.measure} "
          f"({tally['qualifier'].replace('_', ' ')}); counts: {tally['counts']}")  # fmt: skip
    print(f"  our count to the same date: {cmp.ours_comparable} {cmp.measure} "
          f"(killed {cmp.ours['killed']}, presumed dead {cmp.ours['presumed_dead']})")  # fmt: skip
    if cmp.difference:
        print(f"  difference {cmp.difference:+d}: {as_text(tally['notes']) or 'not explained'}")
    print(f"  source: {tally['sources']}")
    return 0


def run_package(args) -> int:
    release, problems = read_release(DataPaths.resolve().changelog)
    if release is None:
        print("\n".join(str(p) for p in problems))
        return 1
    changed = write_package(release)
    print(
        f"release {release.version}: "
        + (", ".join(p.name for p in changed) + " rewritten" if changed else "up to date")
    )
    return 0


def run_release(args, catalog) -> int:
    try:
        written = write_feed(catalog, args.output)
    except FeedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    state = "already published, unchanged" if written.unchanged else f"wrote {len(written.files)} files"
    print(f"release {written.version}: {state} in {written.directory}; {args.output / 'latest'} -> {written.version}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "validate":
        return run_validate(args)
    if args.command == "package":
        return run_package(args)
    if args.command == "draft":
        return run_draft(args)
    try:
        catalog = load_catalog(args.data_dir)
    except DataError as err:
        print(err.report())
        print("the data does not validate; fix the lines above (python -m geo validate)", file=sys.stderr)
        return 1
    if args.command == "release":
        return run_release(args, catalog)
    if args.command == "graphic":
        return run_graphic(args, catalog)
    return run_export(args, catalog) if args.command == "export" else run_stats(args, catalog)
