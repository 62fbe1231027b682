"""WKB to shapely for every reader: curved geometries (arcs) straightened by GDAL where GEOS cannot read them."""

from __future__ import annotations

import numpy as np
import shapely


def from_wkb(blobs) -> np.ndarray:
    """Shapely geometries (object array) of WKB blobs (None for a null one). A curved geometry (CurvePolygon,
    MultiSurface, CompoundCurve: arcs, common in ArcGIS File Geodatabases), which GEOS before 3.13 cannot read
    and shapely has no type for after, is straightened by GDAL (``GetLinearGeometry``: at most 4 degrees of arc
    per segment) and read again; only the blobs GEOS refused go through GDAL, one by one. A blob neither can
    read stays None, with shapely's warning."""
    raw = blobs if isinstance(blobs, np.ndarray) and blobs.dtype == object else _object_array(list(blobs))
    geoms = _decoded(raw)
    refused = np.flatnonzero(shapely.is_missing(geoms))
    if not len(refused):
        return geoms
    refused = refused[[raw[i] is not None and len(raw[i]) > 0 for i in refused.tolist()]]
    if len(refused):
        geoms[refused] = shapely.from_wkb(_object_array([_straightened(raw[i]) for i in refused.tolist()]),
                                          on_invalid="warn")
    return geoms


def _decoded(raw: np.ndarray) -> np.ndarray:
    """shapely.from_wkb of the whole array; where GEOS (3.13+) reads an arc that shapely has no type for (it
    raises NotImplementedError), blob by blob, the curved ones None (straightened by the caller)."""
    try:
        return np.asarray(shapely.from_wkb(raw, on_invalid="ignore"), dtype=object).reshape(-1)
    except NotImplementedError:
        out = np.empty(len(raw), dtype=object)
        for i, blob in enumerate(raw.tolist()):
            try:
                out[i] = shapely.from_wkb(blob, on_invalid="ignore")
            except NotImplementedError:
                out[i] = None
        return out


def _straightened(blob):
    """The ISO WKB of ``blob``'s geometry with its arcs made segments (and without M, which GEOS before 3.12
    cannot read), or the blob itself if GDAL cannot read it either."""
    from osgeo import ogr

    try:
        geometry = ogr.CreateGeometryFromWkb(bytes(blob))
    except RuntimeError:
        return blob
    if geometry is None:
        return blob
    linear = geometry.GetLinearGeometry()
    linear.SetMeasured(False)
    return bytes(linear.ExportToIsoWkb())


def _object_array(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
