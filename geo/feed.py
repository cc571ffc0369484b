"""The static release feed: the whole current release as files that a web
server hands out directly (nginx at /feed/, never through Python), for other
newsrooms' graphics and for a CDN.

    python -m geo release -o DIR

writes DIR/<version>/ (the release named by data/CHANGELOG.md) and points
DIR/latest at it:

    <layer>.geojson     every layer and the zones, RFC 7946, stamped with the release
    <layer>.csv         every layer, one row per record, each row naming the release
    <layer>.parquet     every layer and the zones as GeoParquet (geopandas, pyarrow); like the
                        GeoJSON, a record known only by its zone has the zone's polygon
    data/*.csv, seeds/sources.csv
                        the canonical tables, as datapackage.json describes them
    datapackage.json    the Frictionless data package of those tables
    CHANGELOG.md        what changed in each release
    map.png             the whole campaign as a print map (300 dpi, geo.graphics)
    preview.png         the same at 120 dpi: the image a shared link shows (og:image, via nginx)
    release.json        the release and the list of files
    SHA256SUMS          sha256sum -c format, every other file of the release

A published version is immutable (served with `Cache-Control: immutable`):
writing the same release again with different content is refused, as a data
change needs a new CHANGELOG heading. `latest` is a symlink switched in one
rename, so a reader never finds it half written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo import graphics
from geo.catalog import Catalog
from geo.export import layer_csv, layer_geojson, placed_honestly, with_release, with_source_urls, zones_frame
from geo.package import PACKAGE_FILE, package_json
from geo.query import Filter, select
from geo.schema import DATA_TABLES, LAYERS, SOURCES

LATEST = "latest"
CHECKSUMS = "SHA256SUMS"
RELEASE_FILE = "release.json"
PREVIEW = "preview.png"
PREVIEW_DPI = 120  # 1200 x 780 px, the size link previews use


class FeedError(Exception):
    """A feed that cannot be written as asked (a published release would change)."""


@dataclass(frozen=True)
class Written:
    version: str
    directory: Path  # DIR/<version>
    files: tuple[str, ...]  # relative to directory, SHA256SUMS last
    unchanged: bool  # the release was already published with this content


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_checksums(directory: Path) -> dict[str, str]:
    """SHA256SUMS of a release directory as {relative path: hex digest}."""
    out = {}
    for line in (directory / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        out[name] = digest
    return out


def verify(directory: Path) -> list[str]:
    """The files of a release directory whose checksum does not match (or that are missing)."""
    bad = []
    for name, digest in read_checksums(directory).items():
        path = directory / name
        if not path.is_file() or sha256(path) != digest:
            bad.append(name)
    return bad


def write_files(catalog: Catalog, target: Path) -> list[str]:
    """Every file of the release (but SHA256SUMS) into target; their relative paths."""
    names: list[str] = []

    def put(name: str, content: bytes | str) -> None:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        names.append(name)

    whole = Filter()
    frames = select(catalog, whole)
    for layer in LAYERS:
        put(f"{layer}.geojson", layer_geojson(catalog, layer, whole))
        put(f"{layer}.csv", layer_csv(catalog, layer, whole))
        # as the GeoJSON: a record known only by its zone has the zone's polygon, never a point
        honest = placed_honestly(frames[layer], catalog.zones, "zone")
        table = with_release(with_source_urls(honest, catalog.sources), catalog.release)
        table = gpd.GeoDataFrame(table, geometry=honest.geometry.name, crs=honest.crs)
        table.to_parquet(target / f"{layer}.parquet", index=False)
        names.append(f"{layer}.parquet")
    put("zones.geojson", layer_geojson(catalog, "zones", whole))
    zones_frame(catalog).to_parquet(target / "zones.parquet", index=False)
    names.append("zones.parquet")
    # the canonical tables at the paths datapackage.json names (data/..., seeds/...)
    for table in (*DATA_TABLES, SOURCES):
        folder = "seeds" if table is SOURCES else "data"
        put(f"{folder}/{table.file}", catalog.paths.table(table.file).read_bytes())
    # the whole campaign as a map: print-ready, and small for link previews (og:image)
    scene = graphics.scene_for(catalog, whole)
    put("map.png", graphics.image(scene, "png"))
    put(PREVIEW, graphics.image(scene, "png", dpi=PREVIEW_DPI))
    put(PACKAGE_FILE, package_json(catalog.release))
    put("CHANGELOG.md", catalog.paths.changelog.read_bytes())
    listing = {**catalog.release.metadata(), "files": sorted([*names, RELEASE_FILE, CHECKSUMS])}
    put(RELEASE_FILE, json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
    return sorted(names)


def write_feed(catalog: Catalog, out: Path) -> Written:
    """The current release under out/<version>/ and out/latest pointing at it."""
    version = catalog.release.version
    out.mkdir(parents=True, exist_ok=True)
    final = out / version
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=out))
    try:
        names = write_files(catalog, staging)
        sums = "".join(f"{sha256(staging / name)}  {name}\n" for name in names)
        (staging / CHECKSUMS).write_text(sums, encoding="utf-8")
        names.append(CHECKSUMS)
        os.chmod(staging, 0o755)  # noqa: S103 - mkdtemp makes it 0700; the web server publishes it
        unchanged = False
        if final.exists():
            if (final / CHECKSUMS).is_file() and (final / CHECKSUMS).read_text(encoding="utf-8") == sums:
                unchanged = not verify(final)
            if not unchanged:
                raise FeedError(
                    f"release {version} is already published in {final} with other content; "
                    "a change to the data needs a new release (a new heading in data/CHANGELOG.md)"
                )
        else:
            staging.rename(final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    point_latest(out, version)
    return Written(version, final, tuple(names), unchanged)


def point_latest(out: Path, version: str) -> None:
    """out/latest -> version, replaced in one rename (readers see the old or the new, never none)."""
    link = out / LATEST
    if link.is_symlink() and os.readlink(link) == version:
        return
    if link.exists() and not link.is_symlink():
        raise FeedError(f"{link} exists and is not a symlink; remove it")
    temporary = out / f".{LATEST}-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(version, target_is_directory=True)
    os.replace(temporary, link)
