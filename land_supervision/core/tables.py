"""A column-oriented feature table: what core produces and the shells write to layers or files."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

import numpy as np
import shapely

from ..constants import WORKING_CRS

FIELD_TYPES = ("str", "int", "float", "date", "datetime")


@dataclass
class FeatureTable:
    """Columns of equal length, an optional shapely geometry array, and where it came from.

    ``fields`` lists (name, type) in output order, type one of FIELD_TYPES (date/datetime as ISO text).
    ``geometry_type`` is 'Polygon', 'Point', 'LineString' (written as multi-types where needed) or
    'None' for a table without geometry.
    """

    name: str
    fields: list[tuple[str, str]]
    columns: dict[str, np.ndarray | list]
    geometry: np.ndarray | None = None
    geometry_type: str = "None"
    crs: str = WORKING_CRS
    description: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for name, kind in self.fields:
            if kind not in FIELD_TYPES:
                raise ValueError(f"{self.name}.{name}: unknown field type {kind!r}")
            if name not in self.columns:
                raise ValueError(f"{self.name}: no column for field {name!r}")
        lengths = {len(self.columns[name]) for name, _ in self.fields}
        if self.geometry is not None:
            lengths.add(len(self.geometry))
        if len(lengths) > 1:
            raise ValueError(f"{self.name}: columns of different lengths {sorted(lengths)}")

    def __len__(self) -> int:
        if self.geometry is not None:
            return len(self.geometry)
        return len(self.columns[self.fields[0][0]]) if self.fields else 0

    @classmethod
    def from_rows(cls, name: str, fields: list[tuple[str, str]], rows, geometry=None, geometry_type: str = "None",
                  crs: str = WORKING_CRS) -> FeatureTable:
        """A table of dict ``rows`` (one value per field name; a 'float' field's value cast to float)."""
        columns: dict[str, list] = {field_name: [] for field_name, _ in fields}
        for row in rows:
            for field_name, kind in fields:
                value = row[field_name]
                columns[field_name].append(float(value) if kind == "float" else value)
        return cls(name, fields, columns, geometry, geometry_type, crs)

    @property
    def field_names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def rows(self):
        """Attribute rows as tuples of Python values (numpy scalars converted)."""
        cols = [_python_list(self.columns[name]) for name in self.field_names]
        return zip(*cols) if cols else iter([()] * len(self))

    def content_hash(self) -> str:
        """SHA-256 over field names, attribute values and geometry WKB (stable across runs)."""
        digest = hashlib.sha256()
        digest.update(repr((self.name, self.fields, self.geometry_type, self.crs)).encode())
        for row in self.rows():
            digest.update(repr(tuple(_canonical(v) for v in row)).encode("utf-8"))
        if self.geometry is not None:
            for wkb in shapely.to_wkb(self.geometry, output_dimension=2, byte_order=1):
                digest.update(struct.pack("<I", len(wkb) if wkb is not None else 0))
                digest.update(wkb or b"")
        return digest.hexdigest()


def _python_list(values) -> list:
    if isinstance(values, np.ndarray):
        return values.tolist()
    return list(values)


def _canonical(value):
    if isinstance(value, float):
        return round(value, 6)
    return value


def concat_tables(tables: list[FeatureTable]) -> FeatureTable | None:
    """Rows of tables with the same fields, one after the other."""
    if not tables:
        return None
    first = tables[0]
    columns = {name: np.concatenate([np.asarray(t.columns[name], dtype=object) for t in tables])
               for name in first.field_names}
    geometry = np.concatenate([t.geometry for t in tables])
    return FeatureTable(first.name, first.fields, columns, geometry, first.geometry_type, first.crs)
