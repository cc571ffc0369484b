"""Exports of the filtered layers: RFC 7946 GeoJSON per layer, a zip of all
layers with the source register, and CSV.

Every field travels with each feature, the precision fields included, with
dates as ISO strings and missing values as null; each feature also carries
the URLs of its sources so an exported file stands on its own.

CSV is opened in spreadsheets, which run a cell starting with =, +, -, @, a
tab or a carriage return as a formula (OWASP "CSV injection"). Every CSV we
write prefixes such a text cell with a single quote, so it shows as the text
it is; numbers (a negative known_difference) stay numbers, and GeoJSON keeps
the text exactly as in the data.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo.catalog import PLACED_ZONE
from geo.codebook import DERIVED, FILES, meaning
from geo.i18n import translator
from geo.query import Filter, select
from geo.release import Release
from geo.schema import LAYERS, SOURCE_SEPARATOR

COORDINATE_DECIMALS = 6  # about 0.1 m: never the limit on precision here


def plain(value):
    """A JSON-ready Python value: ISO dates, None for every kind of missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def column_values(column: pd.Series) -> list:
    """A whole column as JSON-ready values, converted at once (a per-cell
    conversion costs seconds at a hundred thousand features)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d")
        return text.astype(object).where(column.notna(), None).tolist()
    if pd.api.types.is_float_dtype(column):
        return [None if math.isnan(v) else v for v in column.to_numpy(dtype=float).tolist()]
    if pd.api.types.is_integer_dtype(column) and not column.hasnans:
        return column.to_numpy(dtype="int64").tolist()
    if pd.api.types.is_bool_dtype(column):
        return column.astype(bool).tolist()
    values = column.astype(object).where(column.notna(), None).tolist()
    return [plain(v) for v in values] if pd.api.types.is_integer_dtype(column) else values


def source_urls(ids: str, sources: pd.DataFrame) -> str:
    return " ".join(sources.at[i, "url"] for i in ids.split(SOURCE_SEPARATOR) if i in sources.index)


def geometries(frame: gpd.GeoDataFrame) -> list[dict | None]:
    """Each feature's geometry; None (JSON null, allowed by RFC 7946) for a
    record that is not placed at all (a strike with no reported region)."""
    shapes = frame.geometry.values
    kinds = shapely.get_type_id(shapes) if len(shapes) else np.array([], dtype=int)
    if len(shapes) and kinds.min() == 0 and kinds.max() == 0:  # points only: the fast path
        coords = np.round(shapely.get_coordinates(shapes), COORDINATE_DECIMALS).tolist()
        return [{"type": "Point", "coordinates": xy} for xy in coords]
    rounded = shapely.set_precision(shapes, 10**-COORDINATE_DECIMALS)
    return [None if g is None else shapely.geometry.mapping(g) for g in rounded]


def feature_collection(frame: gpd.GeoDataFrame, sources: pd.DataFrame | None = None) -> dict:
    """An RFC 7946 FeatureCollection (lon, lat in WGS 84; no crs member)."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    names = [c for c in frame.columns if c != frame.geometry.name]
    columns = [column_values(frame[name]) for name in names]
    if sources is not None and "sources" in names:
        cited = frame["sources"].astype(object)
        urls = {ids: source_urls(ids, sources) for ids in cited.dropna().unique()}
        names.append("source_urls")
        columns.append([urls.get(ids) for ids in cited.tolist()])
    features = [
        {"type": "Feature", "properties": dict(zip(names, values)), "geometry": geometry}
        for geometry, values in zip(geometries(frame), zip(*columns) if columns else [()] * len(frame))
    ]
    return {"type": "FeatureCollection", "features": features}


EXPORT_CHUNK = 50_000  # features built at a time: a million-feature export never holds a million dicts


UNLOCATED = {
    "zone": "records with no reported position have their reference zone's polygon as geometry",
    "null": "records with no reported position have no geometry (null)",
}


def placed_honestly(frame: gpd.GeoDataFrame, zones, unlocated: str = "zone") -> gpd.GeoDataFrame:
    """The layer as exported: a record known only by its zone is never a crisp
    point. Its geometry becomes the zone's polygon (or null, `unlocated="null"`);
    the reference point stays in its lon/lat properties with placed_at saying so."""
    if unlocated not in UNLOCATED:
        raise ValueError(f"unlocated must be one of {', '.join(UNLOCATED)}")
    zonal = (frame["placed_at"] == PLACED_ZONE).to_numpy() if "placed_at" in frame.columns else None
    if zonal is None or not zonal.any():
        return frame
    shapes = frame.geometry.values.copy()
    if unlocated == "zone":
        polygons = zones.frame.geometry
        shapes[zonal] = [polygons.get(z) for z in frame["zone"].to_numpy()[zonal]]
    else:
        shapes[zonal] = None
    return frame.set_geometry(gpd.GeoSeries(shapes, index=frame.index, crs=frame.crs))


def to_geojson(
    frame: gpd.GeoDataFrame,
    sources: pd.DataFrame | None = None,
    release: Release | None = None,
    unlocated: str | None = None,
) -> bytes:
    """UTF-8 GeoJSON. orjson writes a hundred thousand features in a fraction
    of a second (the standard json module needs several); NaN becomes null.
    Built in chunks, so memory stays near the size of the output itself.
    With a release, a top-level `release` member (RFC 7946 allows foreign
    members) names the data release the file was made from."""
    parts = []
    for start in range(0, len(frame), EXPORT_CHUNK):
        features = feature_collection(frame.iloc[start : start + EXPORT_CHUNK], sources)["features"]
        parts.append(orjson.dumps(features)[1:-1])
    head = b'{"type":"FeatureCollection",'
    if release is not None:
        head += b'"release":' + orjson.dumps(release.metadata()) + b","
    if unlocated is not None:
        head += b'"unlocated_records":' + orjson.dumps(UNLOCATED[unlocated]) + b","
    return head + b'"features":[' + b",".join(parts) + b"]}"


def zones_frame(catalog) -> gpd.GeoDataFrame:
    return catalog.zones.frame.reset_index(drop=True)


def layer_geojson(catalog, layer: str, flt: Filter, unlocated: str = "zone") -> bytes:
    """One layer of the filtered view as GeoJSON text ('zones' is not filtered);
    records with no reported position as their zone's polygon, or null."""
    if layer == "zones":
        return to_geojson(zones_frame(catalog), release=catalog.release)
    frame = select(catalog, replace(flt, layers=(layer,)))[layer]
    return to_geojson(placed_honestly(frame, catalog.zones, unlocated), catalog.sources, catalog.release, unlocated)


FORMULA_START = r"[=+\-@\t\r]"  # what makes a spreadsheet read a cell as a formula


def neutralised(column: pd.Series) -> pd.Series:
    """A text column with every cell a spreadsheet would run as a formula
    prefixed with a single quote (OWASP); other cells as they are."""
    text = column.astype("string")
    risky = text.str.match(FORMULA_START, na=False).to_numpy(dtype=bool)
    return text.where(~risky, "'" + text) if risky.any() else column


def to_csv(frame: pd.DataFrame) -> str:
    """A layer as CSV: every column but the geometry (lon and lat are columns),
    dates as YYYY-MM-DD, text cells safe to open in a spreadsheet. Lines end
    in CRLF (RFC 4180), which also makes a value holding a CR quoted."""
    if isinstance(frame, gpd.GeoDataFrame):
        frame = frame.drop(columns=frame.geometry.name)
    table = pd.DataFrame(frame)
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            table[column] = values.dt.strftime("%Y-%m-%d")
        elif not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            table[column] = neutralised(values)
    return table.to_csv(index=False, lineterminator="\r\n")


def with_release(frame: pd.DataFrame, release: Release) -> pd.DataFrame:
    """The frame with a last column `release`: every CSV row names its data release."""
    return frame.assign(release=release.version)


def with_source_urls(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The frame with `source_urls` after `sources`, so a CSV row stands on its own."""
    if "sources" not in frame.columns:
        return frame
    cited = frame["sources"].astype(object)
    urls = {ids: source_urls(ids, sources) for ids in cited.dropna().unique()}
    at = list(frame.columns).index("sources") + 1
    out = pd.DataFrame(frame).copy()
    out.insert(at, "source_urls", [urls.get(ids) for ids in cited.tolist()])
    return out


def layer_csv(catalog, layer: str, flt: Filter) -> str:
    """One layer of the filtered view as CSV ('zones' is not filtered), with
    its sources' URLs, each row stamped with the release."""
    if layer == "zones":
        return to_csv(with_release(zones_frame(catalog), catalog.release))
    frame = select(catalog, replace(flt, layers=(layer,)))[layer]
    return to_csv(with_release(with_source_urls(frame, catalog.sources), catalog.release))


def zip_all(catalog, flt: Filter, unlocated: str = "zone") -> bytes:
    """All layers of the filtered view, the zones, the sources they cite, the
    sites' status history and the published tallies, in one zip."""
    buffer = io.BytesIO()
    selected = select(catalog, replace(flt, layers=LAYERS))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for layer in LAYERS:
            frame = placed_honestly(selected[layer], catalog.zones, unlocated)
            archive.writestr(f"{layer}.geojson", to_geojson(frame, catalog.sources, catalog.release, unlocated))
        archive.writestr("zones.geojson", to_geojson(zones_frame(catalog), release=catalog.release))
        archive.writestr("sources.csv", to_csv(catalog.sources))
        archive.writestr("tallies.csv", to_csv(with_release(catalog.tallies, catalog.release)))
        archive.writestr("site_status.csv", to_csv(with_release(catalog.site_status, catalog.release)))
        archive.writestr("README.txt", describe(flt, catalog.release, unlocated))
        archive.writestr("release.json", orjson.dumps(release_member(catalog, flt), option=orjson.OPT_INDENT_2))
        archive.writestr("CHANGELOG.md", catalog.paths.changelog.read_bytes())
    return buffer.getvalue()


def selection_words(flt: Filter) -> str:
    start = flt.start.isoformat() if flt.start else "campaign start"
    end = flt.end.isoformat() if flt.end else "latest record"
    places = ", ".join(flt.places) if flt.places else "all regions"
    return f"{start} to {end}; {places}"


def release_member(catalog, flt: Filter) -> dict:
    """The zip's metadata member: the release and the selection it holds."""
    return {**catalog.release.metadata(), "selection": selection_words(flt)}


def describe(flt: Filter, release: Release, unlocated: str = "zone") -> str:
    return (
        "Caribbean and eastern Pacific campaign map: export\n"
        f"Data release {release.version} (see CHANGELOG.md and release.json).\n"
        f"Selection: {selection_words(flt)}.\n\n"
        "Coordinates are WGS 84 longitude, latitude (RFC 7946).\n"
        "geo_precision: 1 coordinates reported or geolocated; 2 near a named place;\n"
        "3 only a sea zone or region is known: the point is the zone's reference\n"
        "point (placed_at = 'zone reference point'), not a position, and is kept in the\n"
        f"lon and lat properties only; in these files {UNLOCATED[unlocated]}.\n"
        "uncertainty_km: radius within which the event lies, as far as sources tell.\n"
        "killed: killed in the strike; presumed_dead: missing after a suspended search;\n"
        "rescued: survivors recovered alive. sources: ids in sources.csv; source_urls: their links.\n"
        "sites.geojson shows each site's status as of the selection's end.\n"
        f"reporting_grade: {DERIVED['reporting_grade']}\n"
        "Empty counts are unknown: no source states them.\n"
        "In the CSV files a text starting with =, +, -, @, a tab or a carriage return has a\n"
        "single quote put before it, so that a spreadsheet shows it rather than running it as\n"
        "a formula; the GeoJSON files hold the text as it is.\n" + field_meanings()
    )


def field_meanings() -> str:
    """What every field means, in English and in Spanish (the names stay in
    English in every language: they are a data format)."""
    spanish = translator("es")
    lines = ["", "Fields, in English and Spanish / Campos, en inglés y en español", "(field names stay in English "
             "in every file / los nombres de los campos quedan en inglés en todos los archivos)"]  # fmt: skip
    groups = [(file, columns) for file, (_, columns) in FILES.items()]
    groups.append(("every export / toda exportación", DERIVED))
    for file, columns in groups:
        lines += ["", file]
        for column, words in columns.items():
            lines += [f"  {column}: {meaning(words)}", f"    es: {meaning(words, spanish)}"]
    return "\n".join(lines) + "\n"


def export_name(layer: str, flt: Filter, extension: str, latest: date | None = None) -> str:
    """A file name that carries the regions and the date range, e.g.
    strikes_eastern_pacific_2025-10-01_2025-10-31.geojson (all-regions when none is chosen)."""
    start = flt.start.isoformat() if flt.start else "start"
    end = (flt.end or latest).isoformat() if (flt.end or latest) else "latest"
    places = "+".join(re.sub(r"[^a-z0-9_]", "", p.lower()) for p in flt.places) or "all-regions"
    return f"{layer}_{places}_{start}_{end}.{extension}"
