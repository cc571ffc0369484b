"""Where the data lives: the repository's data/ and seeds/, or another
directory named by --data-dir or the GEO_DATA_DIR environment variable.

The source register is the `seeds/` directory beside the data directory
(GEO_SEEDS_DIR overrides it), so a copy of the project's data for a test or
a fork keeps the same shape: DIR/data and DIR/seeds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    data_dir: Path
    seeds_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> DataPaths:
        chosen = Path(data_dir or os.environ.get("GEO_DATA_DIR") or REPO / "data")
        seeds = os.environ.get("GEO_SEEDS_DIR")
        return cls(chosen, Path(seeds) if seeds else chosen.parent / "seeds")

    def table(self, file: str) -> Path:
        return (self.seeds_dir if file == "sources.csv" else self.data_dir) / file

    @property
    def zones(self) -> Path:
        return self.data_dir / "zones.geojson"

    @property
    def land(self) -> Path:
        return self.data_dir / "land.geojson"

    @property
    def changelog(self) -> Path:
        return self.data_dir / "CHANGELOG.md"

    def files(self) -> list[Path]:
        """Every file the catalog reads, for the content hash of the cache."""
        from geo.schema import DATA_TABLES, SOURCES

        tables = [self.table(t.file) for t in (*DATA_TABLES, SOURCES)]
        return [*tables, self.zones, self.land, self.changelog]
