"""python -m geo validate | export | stats"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo import stats
from geo.catalog import load_catalog
from geo.dates import parse_day
from geo.details import as_text
from geo.export import layer_csv, layer_geojson, zip_all
from geo.paths import DataPaths
from geo.problems import DataError
from geo.query import Filter, apply
from geo.schema import LAYERS
from geo.validate import validate


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
        "export", help="write a layer (or all, as a zip) as GeoJSON, or one layer as CSV when the output ends in .csv"
    )
    export.add_argument("--layer", required=True, choices=[*LAYERS, "zones", "all"])
    export.add_argument("-o", "--output", required=True, type=Path)
    common(export)
    common(sub.add_parser("stats", help="totals of the selection and the latest published tally"))
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


def run_export(args, catalog) -> int:
    flt = build_filter(args, catalog)
    if args.layer == "all":
        args.output.write_bytes(zip_all(catalog, flt))
    elif args.output.suffix.lower() == ".csv":  # text cells made safe for spreadsheets (geo.export)
        args.output.write_bytes(layer_csv(catalog, args.layer, flt).encode("utf-8"))
    else:
        args.output.write_bytes(layer_geojson(catalog, args.layer, flt))
    print(f"wrote {args.output}")
    return 0


def run_stats(args, catalog) -> int:
    flt = build_filter(args, catalog)
    chosen = apply(catalog.strikes, flt, catalog.zones)
    total = stats.totals(chosen)
    where = ", ".join(catalog.zones.name(p) for p in flt.places) or "all regions"
    first = flt.start or catalog.first_record
    last = flt.end or catalog.latest_record
    print(f"Selection: {first} to {last}, {where}")
    print(f"  strike records  {total['records']}")
    for name in ("strikes", "vessels", "killed", "presumed_dead", "deaths", "survivors", "rescued"):
        print(f"  {name:<15} {total[name]}")
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


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "validate":
        return run_validate(args)
    try:
        catalog = load_catalog(args.data_dir)
    except DataError as err:
        print(err.report())
        print("the data does not validate; fix the lines above (python -m geo validate)", file=sys.stderr)
        return 1
    return run_export(args, catalog) if args.command == "export" else run_stats(args, catalog)
