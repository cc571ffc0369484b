"""`python -m geo draft strike`: the editor's routine for a newly announced
strike. Read the statement, propose a row, let the editor confirm or fix each
value, validate the data as it would be, then append and log it."""

from __future__ import annotations

import sys
from datetime import date

from geo.append import changes, check_in_copy, commit, csv_line, header_of
from geo.draft import next_id, propose
from geo.paths import DataPaths
from geo.schema import SOURCES, STRIKES


def read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    with open(name, encoding="utf-8") as handle:
        return handle.read()


def ask(column: str, value: str, evidence: str) -> str:
    """One value shown to the editor; Enter keeps it, '-' empties it."""
    hint = f"  (read from: {evidence})" if evidence else "  (not stated: empty means unknown)"
    answer = input(f"{column} [{value}]{hint}: ").strip()
    if answer == "-":
        return ""
    return answer or value


def build_rows(args, paths: DataPaths) -> tuple[dict[str, dict[str, str]], str, list[str]]:
    """(rows per file, the strike's id, notes for the editor)."""
    text = read_text(args.text)
    proposal = propose(text, args.published, f"{args.announced_by}, {args.published:%d %b %Y}")
    row = dict(proposal.row)
    for item in args.set:
        column, _, value = item.partition("=")
        if column not in STRIKES.names:
            raise SystemExit(f"error: --set {column}: no such column in strikes.csv")
        row[column] = value
        proposal.evidence[column] = "set by the editor"
    strikes = paths.table(STRIKES.file).read_text(encoding="utf-8").splitlines()[1:]
    strike_id = next_id([line.split(",", 1)[0] for line in strikes], "S", 3)
    rows: dict[str, dict[str, str]] = {}
    if args.source:
        source_id = args.source
    else:
        if not (args.url and args.title):
            raise SystemExit("error: give --source ID, or --url and --title to register the statement")
        register = paths.table(SOURCES.file).read_text(encoding="utf-8").splitlines()[1:]
        source_id = next_id([line.split(",", 1)[0] for line in register], "SRC-", 4)
        rows[SOURCES.file] = {
            "id": source_id, "publisher": args.publisher, "published": args.published.isoformat(),
            "title": args.title, "url": args.url, "kind": args.source_kind,
            "summary": f"Statement announcing strike {strike_id}; the row was drafted from its text.",
        }  # fmt: skip
    region = row.get("region", "")
    row.update(
        id=strike_id,
        geo_precision=row.get("geo_precision", "3"),
        location_basis=row.get("location_basis") or (f"{region}; no position given in the statement" if region else ""),
        sources=source_id,
        notes=args.notes or row.get("notes", ""),
    )
    if args.write and sys.stdin.isatty() and args.text != "-":  # at a terminal, the editor confirms each value
        for column in STRIKES.names:
            if column not in ("id", "sources"):
                row[column] = ask(column, row.get(column, ""), proposal.evidence.get(column, ""))
    rows[STRIKES.file] = row
    unstated = [c for c in proposal.missing if not row.get(c)]
    return rows, strike_id, unstated


def run_draft(args) -> int:
    paths = DataPaths.resolve(args.data_dir)
    rows, strike_id, unstated = build_rows(args, paths)
    row = rows[STRIKES.file]
    print(f"Proposed {strike_id} for {paths.table(STRIKES.file)}:")
    for column in STRIKES.names:
        print(f"  {column:<20} {row.get(column, '')}")
    if unstated:
        print(f"Not stated in the text (left empty = unknown): {', '.join(unstated)}")
    killed = row.get("killed") or "toll not stated"
    region = row.get("region") or "region not stated"
    line = (
        f"{strike_id} ({row.get('date')}, {region}, {killed} killed): new strike, drafted from "
        f"{args.announced_by} of {args.published.isoformat()} ({row['sources']})."
    )
    new_text = changes(paths, rows, (date.today().isoformat(), "Added", line))
    problems = check_in_copy(paths, new_text)
    if problems:
        print("The data would not validate with this row; nothing was written:")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    print("The data validates with this row.")
    if not args.write:
        print("Dry run: nothing written. Check the values, fix any with --set COLUMN=VALUE, then add --write.")
        print(csv_line(header_of(paths.table(STRIKES.file)), row), end="")
        return 0
    commit(new_text)
    print(f"Appended {strike_id} to {paths.table(STRIKES.file).name} and logged it in CHANGELOG.md: {line}")
    if args.data_dir is None:
        print("Now run: python -m geo package  (updates datapackage.json and CITATION.cff), then ./test.sh")
    return 0
