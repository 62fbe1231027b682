"""Writing large FeatureTables to a Processing sink in batches (the same features as ``layer_io.write_to_sink``).

Polygons are made multi-part in one vectorised call, NaN becomes NULL column by column, and features go to
the sink in batches of ``addFeatures``: for 100,000 checked plots this saves seconds over feature-by-feature.
"""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import QgsFeature, QgsFeatureSink, QgsGeometry

from ...core.tables import FeatureTable
from ..layer_io import qgs_fields


def _multi(geoms: np.ndarray, geometry_type: str) -> np.ndarray:
    out = np.array(geoms, dtype=object)
    if geometry_type == "Polygon":
        single = np.flatnonzero(shapely.get_type_id(out) == 3)
        if len(single):
            out[single] = shapely.multipolygons(out[single], indices=np.arange(len(single)))
    elif geometry_type == "LineString":
        single = np.flatnonzero(shapely.get_type_id(out) == 1)
        if len(single):
            out[single] = shapely.multilinestrings(out[single], indices=np.arange(len(single)))
    return out


def _column(values) -> list:
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        out = values.astype(object)
        out[np.isnan(values)] = None
        return out.tolist()
    return [None if isinstance(v, float) and v != v else v for v in values]


def write_table(sink, table: FeatureTable, feedback=None, batch: int = 5000) -> int:
    """Add every row of ``table`` to ``sink``; returns the count written (stops early when canceled)."""
    fields = qgs_fields(table)
    wkbs = None
    if table.geometry is not None and table.geometry_type != "None":
        wkbs = shapely.to_wkb(_multi(table.geometry, table.geometry_type), output_dimension=2)
    columns = [_column(table.columns[name]) for name in table.field_names]
    count, pending = 0, []
    for i, row in enumerate(zip(*columns) if columns else ([] for _ in range(len(table)))):
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        if wkbs is not None and wkbs[i] is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(wkbs[i])
            feature.setGeometry(geometry)
        pending.append(feature)
        if len(pending) >= batch:
            if feedback is not None and feedback.isCanceled():
                return count
            sink.addFeatures(pending, QgsFeatureSink.FastInsert)
            count += len(pending)
            pending = []
    if pending:
        sink.addFeatures(pending, QgsFeatureSink.FastInsert)
        count += len(pending)
    return count
