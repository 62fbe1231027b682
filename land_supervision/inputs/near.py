"""Reading a large layer (the 三调 baseline) only near given geometries (patches, plots, projects), through the
source's own spatial index, decoded in bulk and reprojected in bulk.

One entry point, :func:`read_near`, dispatches on the source:

- GeoPackage: straight from SQLite, one statement, the R-tree searched once per window (``read_gpkg_near``).
- Shapefile: the record boxes read from the .shp through its .shx in one sequential pass (numpy, no
  per-feature Python), the records near the windows selected on a grid, their polygons decoded from the .shp
  and their fields from the .dbf in bulk (``read_shapefile_near``). A .qix is not needed (and never written:
  the user's folder is read only).
- File Geodatabase and other OGR sources: GDAL's Arrow stream with one spatial filter per group of windows
  (the source's own index, .spx for a File Geodatabase), groups sized by a cost estimate
  (``read_ogr_near``); plain OGR feature iteration where the Arrow stream is not available.
- PostGIS: ``postgis_near.read_postgis_near`` when that module is present (the server selects the windows).
- Anything else, and any layer with unsaved edits (only QGIS knows them), a feature filter that is no plain
  SQL condition or a custom CRS: QGIS's own reader with one filter rectangle per 1 km cell (``read_qgis_near``).

Every reader returns the same structure: (feature ids as int64, shapely geometries in the working CRS,
{field: list of values}) without duplicates, ids in QGIS's numbering (the source's FIDs), values as QGIS gives
them (text as str, NULL as None, dates as ISO text). Windows are (xmin, ymin, xmax, ymax) in the working CRS; a
reader may give a few more features than meet them (the bounding-box test is coarse), never fewer.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsProviderRegistry, QgsRectangle

from ..core.geodesy import WORKING_CRS, transform_geometries
from ..core.proj_thread import in_python_thread
from .reader import _python_value
from .wkb import from_wkb

SourceTable = namedtuple("SourceTable", "path name subset crs encoding")
SourceTable.__new__.__defaults__ = ("",)


def _empty(field_names) -> tuple:
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=object), {name: [] for name in field_names}


# -- windows -----------------------------------------------------------------------------------------------

def windows_of(geoms, margin: float = 1.0) -> list[tuple]:
    """One window per geometry: its bounding box grown by ``margin`` (empty and missing geometries skipped)."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    if len(geoms) == 0:
        return []
    bounds = shapely.bounds(geoms) + np.array([-margin, -margin, margin, margin])
    return [tuple(row) for row in bounds[np.isfinite(bounds).all(axis=1)].tolist()]


def grouped_windows(windows, cell: float) -> list[tuple]:
    """The windows grouped by the ``cell``-metre grid cell of their centres, each group as its bounding box
    (``cell`` infinite: one box around all)."""
    if len(windows) == 0:
        return []
    w = np.asarray(windows, dtype=float)
    if not math.isfinite(cell):
        return [(w[:, 0].min(), w[:, 1].min(), w[:, 2].max(), w[:, 3].max())]
    cx = np.floor((w[:, 0] + w[:, 2]) / 2 / cell).astype(np.int64)
    cy = np.floor((w[:, 1] + w[:, 3]) / 2 / cell).astype(np.int64)
    key = (cx - cx.min()) * (cy.max() - cy.min() + 1) + (cy - cy.min())
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.r_[True, key[order][1:] != key[order][:-1]])
    b = w[order]
    out = np.column_stack([np.minimum.reduceat(b[:, 0], starts), np.minimum.reduceat(b[:, 1], starts),
                           np.maximum.reduceat(b[:, 2], starts), np.maximum.reduceat(b[:, 3], starts)])
    return [tuple(row) for row in out.tolist()]


def patch_windows(geoms: np.ndarray, cell: float = 1000.0, margin: float = 1.0) -> list[tuple]:
    """Bounding boxes of the geometries grouped by a grid of ``cell`` metres (QGIS's reader: one request each)."""
    return grouped_windows(windows_of(geoms, margin), cell)


def _same_projection_shift(src: str, dst: str) -> tuple[float, float] | None:
    """(dx, dy) when ``src`` and ``dst`` are one projection differing only in false easting/northing (EPSG:4528
    and 4549: the zone prefix), else None."""
    return _shift_of(src, dst)


@lru_cache(maxsize=64)
@in_python_thread
def _shift_of(src: str, dst: str):
    import warnings

    from pyproj import CRS

    try:
        a, b = (CRS.from_user_input(c) for c in (src, dst))
        if a.is_geographic or b.is_geographic:
            return None
        with warnings.catch_warnings():  # PROJ strings lose some CRS metadata: only parameters compared here
            warnings.simplefilter("ignore")
            pa, pb = (_proj_parameters(c.to_proj4()) for c in (a, b))
    except Exception:  # noqa: BLE001 - a CRS pyproj cannot express as PROJ parameters: transform in full
        return None
    if not pa or pa.get("units") != "m" or pb.get("units") != "m" or pa.get("proj") is None:
        return None
    rest_a = {k: v for k, v in pa.items() if k not in ("x_0", "y_0")}
    rest_b = {k: v for k, v in pb.items() if k not in ("x_0", "y_0")}
    if rest_a != rest_b:
        return None
    return (float(pb.get("x_0", 0)) - float(pa.get("x_0", 0)), float(pb.get("y_0", 0)) - float(pa.get("y_0", 0)))


def _proj_parameters(proj: str) -> dict:
    return dict(re.findall(r"\+(\w+)(?:=(\S+))?", proj or ""))


def to_crs(geoms: np.ndarray, src: str, dst: str) -> np.ndarray:
    """Geometries from ``src`` to ``dst``: a plain shift where the two differ only by false origin (exact),
    else a full transformation, vectorised either way."""
    if src == dst or len(geoms) == 0:
        return geoms
    shift = _same_projection_shift(src, dst)
    if shift is not None:
        dx, dy = shift
        return shapely.transform(np.asarray(geoms, dtype=object), lambda xy: xy + np.array([dx, dy]))
    return transform_geometries(geoms, src, dst)


def windows_in(windows, crs: str) -> list[tuple]:
    """Working-CRS windows as windows of ``crs``: each box's edges densified to 10 m and reprojected in one
    call (a shift where the CRSs differ by false origin only)."""
    if crs == WORKING_CRS or not len(windows):
        return list(windows)
    boxes = shapely.box(*np.asarray(windows, dtype=float).T)
    if _same_projection_shift(WORKING_CRS, crs) is None:
        boxes = shapely.segmentize(boxes, 10.0)
    moved = to_crs(boxes, WORKING_CRS, crs)
    return [tuple(b) for b in shapely.bounds(moved).tolist()]


def grid_order(windows: list[tuple], cell: float = 1000.0) -> list[tuple]:
    """The windows sorted by ``cell``-metre columns and rows of their centres: neighbouring look-ups read the
    same index and table pages (in random order a GeoPackage's R-tree search takes about twice as long)."""
    if not windows:
        return []
    w = np.asarray(windows, dtype=float)
    cx = np.floor((w[:, 0] + w[:, 2]) / 2 / cell)
    cy = np.floor((w[:, 1] + w[:, 3]) / 2 / cell)
    return [windows[i] for i in np.lexsort((cy, cx)).tolist()]


class NearBoxes:
    """Which boxes meet, or lie within one grid cell of, any of the ``windows`` (m x 4).

    The windows are painted once on a grid (cells of at least 10 m, at most ``max_cells`` cells) turned into a
    summed-area table; each box is then tested in O(1) whatever its size, without geometry objects."""

    def __init__(self, windows, max_cells: float = 1e6):
        w = np.asarray(windows, dtype=float).reshape(-1, 4)
        self.empty = len(w) == 0
        if self.empty:
            return
        x0, y0, x1, y1 = w[:, 0].min(), w[:, 1].min(), w[:, 2].max(), w[:, 3].max()
        cell = max(10.0, math.sqrt(max((x1 - x0) * (y1 - y0), 1e-12) / max_cells),
                   (x1 - x0) / 20000.0, (y1 - y0) / 20000.0)
        if (x1 - x0) < 10 * cell and (y1 - y0) < 10 * cell:  # degrees, or a tiny extent: 1/100 of it
            cell = max(x1 - x0, y1 - y0, 1e-9) / 100.0
        nx, ny = int((x1 - x0) // cell) + 1, int((y1 - y0) // cell) + 1
        ix1, iy1 = ((w[:, 0] - x0) // cell).astype(np.int64), ((w[:, 1] - y0) // cell).astype(np.int64)
        ix2, iy2 = ((w[:, 2] - x0) // cell).astype(np.int64), ((w[:, 3] - y0) // cell).astype(np.int64)
        paint = np.zeros((ny + 1, nx + 1), dtype=np.int32)
        np.add.at(paint, (iy1, ix1), 1)
        np.add.at(paint, (iy1, ix2 + 1), -1)
        np.add.at(paint, (iy2 + 1, ix1), -1)
        np.add.at(paint, (iy2 + 1, ix2 + 1), 1)
        covered = paint.cumsum(axis=0).cumsum(axis=1)[:ny, :nx] > 0
        del paint
        self.table = np.zeros((ny + 1, nx + 1), dtype=np.int32)
        self.table[1:, 1:] = covered.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)
        self.grid = (x0, y0, x1, y1, cell, nx, ny)

    def __call__(self, bounds: np.ndarray) -> np.ndarray:
        b = np.asarray(bounds, dtype=float).reshape(-1, 4)
        if self.empty or len(b) == 0:
            return np.zeros(len(b), dtype=bool)
        x0, y0, x1, y1, cell, nx, ny = self.grid
        with np.errstate(invalid="ignore"):  # NaN boxes (null shapes) compare false: not inside
            inside = np.flatnonzero((b[:, 2] >= x0 - cell) & (b[:, 0] <= x1 + cell) &
                                    (b[:, 3] >= y0 - cell) & (b[:, 1] <= y1 + cell))
        b = b[inside]
        scale = 1.0 / cell
        rx1 = np.clip((b[:, 0] - x0) * scale, 0, nx - 1).astype(np.int32)
        rx2 = np.clip((b[:, 2] - x0) * scale, 0, nx - 1).astype(np.int32) + 1
        ry1 = np.clip((b[:, 1] - y0) * scale, 0, ny - 1).astype(np.int32)
        ry2 = np.clip((b[:, 3] - y0) * scale, 0, ny - 1).astype(np.int32) + 1
        t = self.table
        count = t[ry2, rx2] - t[ry1, rx2] - t[ry2, rx1] + t[ry1, rx1]
        out = np.zeros(len(bounds), dtype=bool)
        out[inside[count > 0]] = True
        return out


def boxes_near(bounds: np.ndarray, windows) -> np.ndarray:
    """Mask of the boxes ``bounds`` (n x 4) meeting, or within one grid cell of, any window (see NearBoxes)."""
    return NearBoxes(windows)(bounds)


# -- which reader ------------------------------------------------------------------------------------------

@in_python_thread  # pyproj 3.7 must not run on a thread Python did not create (core/proj_thread.py)
def proj_knows(authid: str) -> bool:
    """Whether pyproj (which reprojects the windows and polygons in bulk) knows the CRS ``authid``; QGIS's own
    user-defined CRSs (USER:100000) it does not."""
    if not authid:
        return False
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_user_input(authid)
    except CRSError:
        return False
    return True


def ogr_table(layer) -> SourceTable | None:
    """(path, table name, subset, CRS authid, text encoding) of a plain OGR file layer (a file, or a File
    Geodatabase folder) with an authority CRS and no unsaved edits, else None."""
    if layer is None or layer.providerType() != "ogr" or not proj_knows(layer.crs().authid()):
        return None  # a user-defined CRS (USER:100000) is QGIS's own: read through QGIS
    if layer.isModified():  # unsaved edits live in QGIS's edit buffer, not in the file: read through QGIS
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path or not Path(path).exists():
        return None
    name = parts.get("layerName") or ""
    if not name and parts.get("layerId") not in (None, "", 0, "0"):
        return None  # a layer picked by number in a multi-layer source: QGIS knows which
    return SourceTable(path, name, layer.subsetString(), layer.crs().authid(), _encoding_of(layer, path))


def _encoding_of(layer, path: str) -> str:
    """The text encoding of a shapefile as QGIS reads it: the override or the layer's own setting, else what
    the .cpg or the .dbf's language byte declare, else UTF-8 ('' for other formats: GDAL gives UTF-8)."""
    if not path.lower().endswith((".shp", ".dbf")):
        return ""
    from .dbf_encoding import declared_encoding
    from .encodings import _DEFAULTS, ENCODING_OVERRIDE

    override = layer.customProperty(ENCODING_OVERRIDE)
    if override:
        return str(override)
    provider = layer.dataProvider()
    own = (provider.encoding() if provider is not None else "") or ""
    if own.upper() not in _DEFAULTS:
        return own
    declared = declared_encoding(path)[0]
    return declared or "UTF-8"


def near_layer(alg, parameters: dict, name: str, context):
    """The QgsVectorLayer behind parameter ``name`` when it is read whole (not restricted to selected features,
    a feature limit or a filter expression of the parameter), else None (then ``read_near`` reads through
    QGIS, which applies the restriction).

    Called in the run's thread (a dock runs its algorithm as a background task): a layer object or a project
    layer id is taken as it is (one look-up by id), not through QGIS's general resolution, which walks every
    layer of the project (id, name, validity, source) from this thread while the main thread may be changing
    them (QGIS 3.40 crashed there now and then)."""
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsVectorLayer

    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit != -1 or getattr(value, "filterExpression", ""):
            return None
        value = value.source.staticValue()
    if isinstance(value, QgsVectorLayer):
        return value
    project = context.project()
    if isinstance(value, str) and value and project is not None:
        layer = project.mapLayer(value)
        if isinstance(layer, QgsVectorLayer):
            return layer
    return alg.parameterAsVectorLayer(parameters, name, context)


def read_layer_near(source, field_names: list[str], near, context, feedback=None, layer=None, label: str = "",
                    numeric=(), margin: float = 1.0, where: str = "", keep=None):
    """``read_source``'s LayerArrays (working CRS) of the features of ``source`` near the geometries ``near``
    (one window per geometry, grown by ``margin`` metres), through ``read_near``. The same checks first: a CRS
    that fits the coordinates, every field present; ``numeric``: fields read as numbers when stored as text."""
    from qgis.core import QgsProcessingException

    from ..translation import tr
    from .checks import check_crs, convert_numbers
    from .reader import LayerArrays

    label = label or source.sourceName()
    check_crs(source, label, layer)
    fields = source.fields()
    for name in field_names:
        if fields.lookupField(name) < 0:
            raise QgsProcessingException(tr("Layer '{layer}' has no field '{field}'").format(layer=label, field=name))
    ids, geoms, columns = read_near(source, list(field_names), windows_of(near, margin), context, feedback, layer,
                                    where, keep)
    convert_numbers(columns, source, numeric, label, ids)
    return LayerArrays(ids, geoms, columns, WORKING_CRS)


def _postgis_reader():
    try:
        from .postgis_near import read_postgis_near
    except ImportError:
        return None
    return read_postgis_near


def read_near(source, field_names: list[str], windows: list[tuple], context, feedback=None, layer=None,
              where: str = "", keep=None) -> tuple:
    """The features of ``source`` near the ``windows`` (working CRS) with the fields ``field_names``, through
    the fastest reader for the layer behind it (``layer``: the QgsVectorLayer, None when the source is
    restricted, e.g. to selected features: then QGIS's reader). ``where``: an SQL condition on the table
    aliased ``t`` (GeoPackage, PostGIS), ``keep``: the same selection as a function of the columns (a dict of
    numpy arrays) giving a mask, applied wherever the SQL is not. Returns (ids, geometries in the working CRS,
    {field: values}); empty when cancelled."""
    result = None
    if layer is not None and layer.providerType() == "postgres" and not layer.isModified():
        reader = _postgis_reader()
        if reader is not None:
            result = reader(layer, field_names, windows, feedback, where)
    else:
        table = ogr_table(layer)
        if table is not None:
            lower = table.path.lower()
            if lower.endswith(".gpkg"):
                result = read_gpkg_near(table, field_names, windows, feedback, where)
            elif lower.endswith(".shp") and not _index_pays(table, windows):
                result = read_shapefile_near(table, field_names, windows, feedback, keep)
            if result is None and not _canceled(feedback) and not lower.endswith(".gpkg"):
                result = read_ogr_near(table, field_names, windows, feedback, keep)
    if _canceled(feedback):
        return _empty(field_names)
    if result is None:
        if feedback is not None:
            from ..translation import tr

            feedback.pushInfo(tr("Layer '{layer}': read through QGIS (unsaved edits, a filter, or a source without "
                                 "a fast reader): slower").format(layer=source.sourceName()))
        result = read_qgis_near(source, field_names, grouped_windows(windows, 1000.0), context, feedback)
    return _kept(result, keep)


def _index_pays(table: SourceTable, windows: list[tuple]) -> bool:
    """A shapefile with a .qix (its spatial index) and few windows: searching the index costs less than one
    pass over the record boxes (about half a feature read per record)."""
    if _sibling(Path(table.path), ".qix") is None:
        return False
    dataset, layer = _open_ogr(table)
    if layer is None:
        return False
    groups, cost = _grouping(windows_in(windows, table.crs), layer)
    return cost < 0.5 * max(layer.GetFeatureCount(0), 0)


def _canceled(feedback) -> bool:
    return feedback is not None and feedback.isCanceled()


def _kept(result: tuple, keep) -> tuple:
    ids, geoms, columns = result
    if keep is None or len(ids) == 0:
        return result
    mask = np.asarray(keep({k: np.asarray(v, dtype=object) for k, v in columns.items()}), dtype=bool)
    if mask.all():
        return result
    rows = np.flatnonzero(mask)
    return ids[rows], geoms[rows], {k: [v[i] for i in rows.tolist()] for k, v in columns.items()}


# -- QGIS ---------------------------------------------------------------------------------------------------

def read_qgis_near(source, field_names: list[str], windows: list[tuple], context, feedback=None) -> tuple:
    """Features of ``source`` meeting any window (working CRS), through QGIS's provider and its spatial index,
    one request per window. Returns (feature ids, shapely geometries in the working CRS, {field: values})
    without duplicates."""
    fields = source.fields()
    indexes = [fields.lookupField(name) for name in field_names]
    target = QgsCoordinateReferenceSystem(WORKING_CRS)
    seen: set = set()
    ids, wkbs = [], []
    columns: dict[str, list] = {name: [] for name in field_names}
    for w, (x1, y1, x2, y2) in enumerate(windows):
        if feedback is not None:
            if feedback.isCanceled():
                break
            if w % 20 == 0:
                feedback.setProgress(15 + 25 * w / len(windows))
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(x1, y1, x2, y2))
        request.setSubsetOfAttributes(indexes)
        if source.sourceCrs().authid() != WORKING_CRS:
            request.setDestinationCrs(target, context.transformContext())
        for feature in source.getFeatures(request):
            fid = feature.id()
            if fid in seen:
                continue
            seen.add(fid)
            ids.append(fid)
            attrs = feature.attributes()
            for name, index in zip(field_names, indexes):
                columns[name].append(_python_value(attrs[index]))
            wkbs.append(bytes(feature.geometry().asWkb()))
    geoms = from_wkb(wkbs) if wkbs else np.empty(0, dtype=object)
    return np.asarray(ids, dtype=np.int64), np.asarray(geoms, dtype=object), columns


# -- GeoPackage ---------------------------------------------------------------------------------------------

def read_gpkg_near(table, field_names: list[str], windows: list[tuple], feedback=None, where: str = ""):
    """A GeoPackage table near the windows, straight from SQLite in one statement: the windows go to a
    temporary table, the R-tree gives the ids meeting any of them (one search per window, inside SQLite), the
    rows with the SQL condition ``where`` come back in id order, the geometry blobs are decoded batch by batch
    (GeoPackage header skipped, WKB to shapely). None if not applicable or cancelled."""
    import sqlite3

    path, name, subset, crs = table[:4]
    if not path.lower().endswith(".gpkg"):
        return None
    windows = windows_in(windows, crs)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        sql = _near_sql(db, name, field_names, "".join(f" AND ({c})" for c in (subset, where) if c))
        if sql is None:
            return None
        db.execute("PRAGMA temp_store = MEMORY")  # the windows and the id list (else spilled to a temp file)
        db.execute("PRAGMA cache_size = -16384")  # 16 MiB: R-tree pages stay cached between neighbouring windows
        db.execute("CREATE TEMP TABLE win (x1 REAL, y1 REAL, x2 REAL, y2 REAL)")
        db.executemany("INSERT INTO temp.win VALUES (?, ?, ?, ?)", grid_order(windows))
        if feedback is not None:
            db.set_progress_handler(feedback.isCanceled, 100_000)  # a true answer interrupts the statement
        ids, geoms, values = _decoded(db.execute(sql), len(field_names))
    except sqlite3.Error:
        return None
    finally:
        db.close()
    if feedback is not None:
        if feedback.isCanceled():
            return None
        feedback.setProgress(30)
    return ids, to_crs(geoms, crs, WORKING_CRS), dict(zip(field_names, values))


def _near_sql(db, name: str, field_names: list[str], conditions: str) -> str | None:
    """The statement giving (id, geometry blob, fields) of the rows of GeoPackage table ``name`` (the first
    one if empty) near the windows of temp.win, in id order; None if the table or its R-tree is missing."""
    if not name:
        row = db.execute("SELECT table_name FROM gpkg_geometry_columns").fetchone()
        name = row[0] if row else ""
    row = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (name,)).fetchone()
    if row is None:
        return None
    geom = row[0]
    pk = [r[1] for r in db.execute(f"PRAGMA table_info({quoted(name)})") if r[5]]
    rtree = f"rtree_{name}_{geom}"
    if not pk or db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (rtree,)).fetchone() is None:
        return None
    # Identifiers cannot be bound parameters: the table, its columns and the R-tree (names read from the
    # GeoPackage's own catalogue, field names from the algorithm's parameters) go in quoted by quoted();
    # ``conditions`` are the layer's QGIS subset string (SQL by definition, as QGIS itself applies it) and
    # the caller's constant conditions. The connection is read-only; the window coordinates are bound values.
    # CROSS JOIN keeps the windows outside: one R-tree search per window
    near = (f"SELECT r.id FROM temp.win w CROSS JOIN {quoted(rtree)} r "  # nosec B608
            "WHERE r.maxx >= w.x1 AND r.minx <= w.x2 AND r.maxy >= w.y1 AND r.miny <= w.y2")
    key = f"t.{quoted(pk[0])}"
    columns = "".join(f", t.{quoted(f)}" for f in field_names)
    return (f"SELECT {key}, t.{quoted(geom)}{columns} FROM {quoted(name)} t "  # nosec B608
            f"WHERE {key} IN ({near}){conditions} ORDER BY {key}")


def quoted(identifier: str) -> str:
    """An SQL identifier in double quotes, embedded quotes doubled."""
    return '"' + identifier.replace('"', '""') + '"'


def _decoded(cursor, n_fields: int, batch: int = 50_000) -> tuple[np.ndarray, np.ndarray, list[list]]:
    """Ids, shapely geometries and the value lists of the fields of rows (id, geometry blob, fields...),
    fetched and decoded batch by batch: the raw rows of one batch at a time in memory."""
    ids, geoms, values = [], [], [[] for _ in range(n_fields)]
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            break
        ids.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
        blobs = (r[1] for r in rows)
        geoms.append(from_wkb([b[_WKB_START[b[3]]:] if b is not None else None for b in blobs]))
        for k, column in enumerate(values):
            column.extend(r[2 + k] for r in rows)
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object), values
    return np.concatenate(ids), np.concatenate(geoms), values


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
# where the WKB starts in a GeoPackage geometry blob, by its flags byte: the 'GP' header, then an envelope
_WKB_START = tuple(8 + _ENVELOPE_BYTES.get((flags >> 1) & 7, 0) for flags in range(256))


# -- OGR (File Geodatabase and the rest) ------------------------------------------------------------------

def _open_ogr(table: SourceTable):
    """(dataset, layer) of the table, read only (a shapefile in its text encoding), or (None, None)."""
    from osgeo import gdal

    options = [f"ENCODING={table.encoding}"] if table.encoding and table.path.lower().endswith((".shp", ".dbf")) \
        else []
    try:
        dataset = gdal.OpenEx(table.path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=options)
    except RuntimeError:
        return None, None
    if dataset is None:
        return None, None
    layer = dataset.GetLayerByName(table.name) if table.name else dataset.GetLayer(0)
    return (dataset, layer) if layer is not None else (None, None)


def _arrow_available() -> bool:
    try:
        from osgeo import gdal_array, ogr  # noqa: F401
    except Exception:  # noqa: BLE001 - ImportError, or numpy's own errors raised by gdal_array's import
        return False
    return hasattr(ogr.Layer, "GetArrowStreamAsNumPy")


# cost of one spatial filter (index search, stream set-up) in features read: measured on a File Geodatabase
# and an indexed shapefile of 1,000,000 polygons (about 400 us per window vs about 3 us per feature)
_WINDOW_COST = 150.0


def _groups_for(windows: list[tuple], ogr_layer, indexed: bool) -> list[tuple]:
    """The windows grouped so that index searches and rows read cost least (estimated from the layer's
    density); without a spatial index every filter is a full scan: one group."""
    if not indexed or len(windows) <= 1:
        return grouped_windows(windows, math.inf)
    return _grouping(windows, ogr_layer)[0]


def _grouping(windows: list[tuple], ogr_layer) -> tuple[list[tuple], float]:
    """(groups of windows, estimated cost in features read) of the cheapest grouping by grid cells."""
    count = ogr_layer.GetFeatureCount(0)
    try:
        x0, x1, y0, y1 = ogr_layer.GetExtent(0)
    except RuntimeError:
        return list(windows), math.inf
    area = max((x1 - x0) * (y1 - y0), 1e-12)
    density = count / area if count > 0 else 0.0
    best, best_cost = list(windows), math.inf
    span = math.sqrt(area)
    for fraction in (0.0, 0.003, 0.006, 0.012, 0.025, 0.05, 0.1, 0.2, math.inf):
        groups = list(windows) if fraction == 0.0 else grouped_windows(windows, span * fraction)
        if not groups:
            return [], 0.0
        g = np.asarray(groups, dtype=float)
        rows = float(((g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1])).sum()) * density
        cost = _WINDOW_COST * len(groups) + min(rows, count * len(groups))
        if cost < best_cost:
            best, best_cost = groups, cost
    return best, best_cost


_DECODE_ROWS = 20_000  # rows of Arrow batches decoded in one call (each call costs about 1.5 ms of numpy set-up)


def read_ogr_near(table: SourceTable, field_names: list[str], windows: list[tuple], feedback=None, keep=None):
    """An OGR layer near the windows: one spatial filter per group of windows (the source's own index), the
    rows in bulk through GDAL's Arrow stream (else plain OGR iteration), duplicates dropped by FID, ``keep``
    applied before any geometry is decoded. None if the source cannot be read so."""
    dataset, layer = _open_ogr(table)
    if layer is None:
        return None
    definition = layer.GetLayerDefn()
    available = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    by_upper = {name.upper(): name for name in available}
    actual = [name if name in available else by_upper.get(name.upper()) for name in field_names]
    if any(a is None for a in actual):
        return None
    if table.subset:
        if table.subset.lstrip().lower().startswith("select"):
            return None  # a full SQL statement: QGIS runs it
        try:
            layer.SetAttributeFilter(table.subset)
        except RuntimeError:
            return None
    layer.SetIgnoredFields([name for name in available if name not in actual])
    local = windows_in(windows, table.crs)
    groups = _groups_for(local, layer, bool(layer.TestCapability("FastSpatialFilter")))
    fid_column = layer.GetFIDColumn() or "OGC_FID"
    geometry_column = layer.GetGeometryColumn() or "wkb_geometry"
    arrow = _arrow_available()
    near = NearBoxes(local) if len(groups) < len(local) else None  # a group's box reads more than its windows
    ids, geoms, parts = [], [], {name: [] for name in field_names}
    pending: list[tuple] = []  # small batches (one per window when sparse) decoded together

    def decode() -> None:
        fids, shapes, columns = _batch_rows(
            np.concatenate([p[0] for p in pending]), np.concatenate([p[1] for p in pending]),
            {name: np.concatenate([p[2][k] for p in pending]) for k, name in enumerate(field_names)}, keep, near,
            table.crs)
        pending.clear()
        ids.append(fids)
        geoms.append(shapes)
        for name in field_names:
            parts[name].append(columns[name])

    for g, window in enumerate(groups):
        if feedback is not None and g % 50 == 0:
            if feedback.isCanceled():
                return None
            feedback.setProgress(15 + 15 * g / len(groups))
        layer.SetSpatialFilterRect(*window)
        batches = _arrow_batches(layer, fid_column, geometry_column, actual) if arrow else \
            _plain_batches(layer, actual)
        for fids, blobs, values in batches:
            pending.append((np.asarray(fids, dtype=np.int64), blobs, [_text_column(v) for v in values]))
            if sum(len(p[0]) for p in pending) >= _DECODE_ROWS:
                decode()
    if pending:
        decode()
    del layer, dataset
    if not ids:
        return _empty(field_names)
    unique, first = np.unique(np.concatenate(ids), return_index=True)
    columns = {name: np.concatenate(parts[name])[first].tolist() for name in field_names}
    return unique, np.concatenate(geoms)[first], columns


def _batch_rows(fids: np.ndarray, blobs: np.ndarray, columns: dict, keep, near, crs: str) -> tuple:
    """One batch's rows kept (``columns``: its values already as ``_text_column`` gives them): those ``keep``
    selects (before any geometry is decoded), then, with ``near``, those whose box is near a window; geometries
    in the working CRS. Simple polygons (one ring, the common case) are read from their WKB in numpy, tested on
    their box before any geometry is built and built in one call from coordinates already moved to the working
    CRS; the rest through shapely's WKB reader. Memory follows the rows kept, not the rows read."""
    if keep is not None:
        mask = np.asarray(keep(columns), dtype=bool)
        fids, blobs = fids[mask], blobs[mask]
        columns = {name: v[mask] for name, v in columns.items()}
    simple, x, y, counts = _simple_rings(blobs)
    rows = np.arange(len(blobs))
    shapes = np.empty(len(blobs), dtype=object)
    other = np.flatnonzero(~simple)
    if len(other):
        decoded = from_wkb(blobs[other])
        if near is not None:
            close = near(shapely.bounds(decoded))
            other, decoded = other[close], decoded[close]
        shapes[other] = to_crs(decoded, crs, WORKING_CRS)
    ones = np.flatnonzero(simple)
    if len(ones):
        first = np.r_[0, np.cumsum(counts)[:-1]]
        if near is not None:
            boxes = np.column_stack([np.minimum.reduceat(x, first), np.minimum.reduceat(y, first),
                                     np.maximum.reduceat(x, first), np.maximum.reduceat(y, first)])
            close = near(boxes)
            points = np.repeat(close, counts)
            x, y, counts, ones = x[points], y[points], counts[close], ones[close]
        x, y = _coordinates_to(x, y, crs, WORKING_CRS)
        if len(ones):
            shapes[ones] = shapely.from_ragged_array(shapely.GeometryType.POLYGON, np.column_stack([x, y]),
                                                     (np.r_[0, np.cumsum(counts)], np.arange(len(ones) + 1)))
    keep_rows = np.sort(np.r_[other, ones]) if near is not None else rows
    return (np.asarray(fids, dtype=np.int64)[keep_rows], shapes[keep_rows],
            {name: v[keep_rows] for name, v in columns.items()})


def _u32(data: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Little-endian unsigned 32-bit integers at byte ``positions`` of ``data`` (any alignment)."""
    b = [data[positions + k].astype(np.int64) for k in range(4)]
    return b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)


def _simple_rings(blobs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(mask of the WKB blobs that are a little-endian 2D Polygon of one ring or a MultiPolygon of one such
    polygon, and their ring's x, y and point counts, record after record)."""
    n = len(blobs)
    lengths = np.fromiter((len(b) if b is not None else 0 for b in blobs), dtype=np.int64, count=n)
    simple = lengths >= 13 + 4 * 16
    if not simple.any():
        return simple, np.empty(0), np.empty(0), np.empty(0, dtype=np.int64)
    data = np.frombuffer(b"".join(b for b in blobs if b is not None) + bytes(32), dtype=np.uint8)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    rows = np.flatnonzero(simple)
    at = starts[rows]
    kind = _u32(data, at + 1)
    multi = kind == 6
    ok = (data[at] == 1) & ((kind == 3) | multi) & (_u32(data, at + 5) == 1)
    ok &= ~multi | ((data[at + 9] == 1) & (_u32(data, at + 10) == 3) & (_u32(data, at + 14) == 1))
    head = np.where(multi, 22, 13)
    points = _u32(data, at + head - 4)
    ok &= head + 16 * points == lengths[rows]
    simple[rows[~ok]] = False
    rows, at, head, points = rows[ok], at[ok], head[ok], points[ok]
    x, y = _Reader(data).points(at + head, points)
    return simple, x, y, points


def _arrow_batches(layer, fid_column: str, geometry_column: str, actual: list[str]):
    stream = layer.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=YES", "INCLUDE_FID=YES"])
    for batch in stream:
        raw = batch[geometry_column]
        yield (np.asarray(batch[fid_column], dtype=np.int64), _wkb_objects(raw),
               [batch[name] for name in actual])


def _plain_batches(layer, actual: list[str], size: int = 20_000):
    """The same batches from plain OGR iteration (where GDAL's Arrow-to-numpy bridge is missing)."""
    indexes = [layer.GetLayerDefn().GetFieldIndex(name) for name in actual]
    fids, blobs, values = [], [], [[] for _ in actual]
    for feature in layer:
        fids.append(feature.GetFID())
        geometry = feature.GetGeometryRef()
        blobs.append(bytes(geometry.ExportToIsoWkb()) if geometry is not None and not geometry.IsEmpty() else None)
        for k, index in enumerate(indexes):
            values[k].append(_ogr_value(feature, index))
        if len(fids) >= size:
            yield np.asarray(fids, dtype=np.int64), _objects(blobs), [_objects(v) for v in values]
            fids, blobs, values = [], [], [[] for _ in actual]
    if fids:
        yield np.asarray(fids, dtype=np.int64), _objects(blobs), [_objects(v) for v in values]


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _ogr_value(feature, index: int):
    from osgeo import ogr

    if not feature.IsFieldSetAndNotNull(index):
        return None
    kind = feature.GetFieldType(index)
    if kind in (ogr.OFTDate, ogr.OFTDateTime):
        year, month, day, hour, minute, second, _ = feature.GetFieldAsDateTime(index)
        if kind == ogr.OFTDate:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{int(second):02d}"
    return feature.GetField(index)


def _wkb_objects(raw) -> np.ndarray:
    """WKB bytes per feature (None for a null or empty geometry)."""
    mask = np.ma.getmaskarray(raw) if isinstance(raw, np.ma.MaskedArray) else None
    data = raw.data if isinstance(raw, np.ma.MaskedArray) else raw
    out = np.empty(len(data), dtype=object)
    if data.dtype.kind == "V":  # every blob of the batch of one length: fixed-width raw bytes
        out[:] = data.astype(object)
    else:
        out[:] = [bytes(w) if w is not None and len(w) else None for w in data]
    if mask is not None and mask.any():
        out[mask] = None
    return out


def _text_column(values) -> np.ndarray:
    """A batch's attribute values as the QGIS reader gives them: text as str, NULL as None (object array)."""
    mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
    data = values.data if isinstance(values, np.ma.MaskedArray) else np.asarray(values)
    out = np.empty(len(data), dtype=object)
    if data.dtype.kind in "SO":  # UTF-8 bytes (or already text), each distinct value decoded once
        cache: dict = {}
        out[:] = [cache[v] if v in cache else cache.setdefault(v, v.decode("utf-8", "replace")
                                                              if isinstance(v, bytes) else v)
                  for v in data.tolist()]
    elif data.dtype.kind == "M":
        out[:] = np.datetime_as_string(data, unit="D" if "[D]" in str(data.dtype) else "s").tolist()
    else:
        out[:] = data.tolist()
    if mask is not None and mask.any():
        out[mask] = None
    return out


# -- shapefile ----------------------------------------------------------------------------------------------

_POLYGON_TYPES = (5, 15, 25)


def _sibling(path: Path, suffix: str) -> Path | None:
    for candidate in (path.with_suffix(suffix.lower()), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return None


_BLOCK = 32 << 20  # bytes read at a time from a .shp or .dbf: memory stays flat whatever the file's size


def read_shapefile_near(table: SourceTable, field_names: list[str], windows: list[tuple], feedback=None,
                        keep=None):
    """A polygon shapefile near the windows, read in numpy: the record boxes from the .shp (through the .shx)
    block by block, the records near a window selected on a grid (``NearBoxes``), their fields from the .dbf
    and their polygons from the .shp (one outer ring and its holes built in one call; records of several
    outer rings through OGR). No index needed, nothing written, files read in blocks of ``_BLOCK`` bytes (never
    mapped whole). None if the file is not a plain polygon shapefile this reader knows (then OGR reads it), or
    on a layer filter."""
    shp = Path(table.path)
    shx, dbf = _sibling(shp, ".shx"), _sibling(shp, ".dbf")
    if shx is None or dbf is None or table.subset:
        return None
    with open(shp, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or int.from_bytes(header[32:36], "little") not in _POLYGON_TYPES:
        return None
    dbf_info = _dbf_layout(dbf)
    wanted = _dbf_fields(dbf_info, field_names) if dbf_info is not None else None
    if wanted is None:
        return None
    index = np.fromfile(shx, dtype=">i4", offset=100).reshape(-1, 2).astype(np.int64) * 2  # bytes
    n_records = min(len(index), dbf_info["count"], (dbf.stat().st_size - dbf_info["header"]) // dbf_info["record"])
    offsets, lengths = index[:n_records, 0], index[:n_records, 1]
    records = _near_records(shp, offsets, lengths, NearBoxes(windows_in(windows, table.crs)), feedback)
    if records is None:
        return None
    raw = _dbf_gather(dbf, dbf_info, records, [(0, 1)] + [(f[1], f[2]) for f in wanted])
    live = np.flatnonzero(raw[0] != b"*")
    records = records[live]
    columns = {name: _dbf_column(raw[k + 1][live], field, table.encoding)
               for k, (name, field) in enumerate(zip(field_names, wanted))}
    del raw
    if any(column is None for column in columns.values()):
        return None
    if keep is not None and len(records):
        rows = np.flatnonzero(np.asarray(keep({k: _objects(v) for k, v in columns.items()}), dtype=bool))
        records = records[rows]
        columns = {k: [v[i] for i in rows.tolist()] for k, v in columns.items()}
    geoms = _shp_geometries(shp, offsets, lengths, table, records)
    if geoms is None:
        return None
    if feedback is not None:
        feedback.setProgress(30)
    return records, geoms, columns


def _read_block(handle, start: int, size: int) -> np.ndarray:
    handle.seek(int(start))
    return np.frombuffer(handle.read(int(size)), dtype=np.uint8)


def _near_records(shp: Path, offsets: np.ndarray, lengths: np.ndarray, near_boxes, feedback):
    """The records (sorted) whose box is near a window: the .shp read block by block in file order."""
    order = np.argsort(offsets, kind="stable")
    ordered = offsets[order]
    selected = [np.empty(0, dtype=np.int64)]
    file_size = shp.stat().st_size
    i = 0
    while i < len(order):
        if feedback is not None and feedback.isCanceled():
            return None
        start = int(ordered[i])
        if start + 52 > file_size:
            break
        # one block mapped at a time (no copy; unmapped before the next, so the pages leave the process)
        data = np.memmap(shp, dtype=np.uint8, mode="r", offset=start, shape=(min(_BLOCK, file_size - start),))
        j = max(i + 1, int(np.searchsorted(ordered, start + len(data) - 52, side="right")))
        rows = order[i:j]
        selected.append(rows[near_boxes(_record_boxes(data, ordered[i:j] - start, lengths[rows]))])
        del data
        i = j
    return np.sort(np.concatenate(selected))


def _shp_geometries(shp: Path, offsets: np.ndarray, lengths: np.ndarray, table: SourceTable, records: np.ndarray):
    """Polygons (working CRS) of ``records`` in file order: runs of records less than 64 KiB apart read as one
    piece (sparse records alone, not the bytes between), pieces gathered up to a block, each block decoded in
    one call."""
    out = np.empty(len(records), dtype=object)
    order = np.argsort(offsets[records], kind="stable")
    starts = offsets[records][order]
    ends = np.maximum.accumulate(starts + 8 + lengths[records][order]) if len(order) else starts
    breaks = np.r_[np.flatnonzero(starts[1:] - ends[:-1] > (64 << 10)) + 1, len(order)]
    pieces, local, done, size = [], [], 0, 0
    with open(shp, "rb") as handle:
        i = 0
        while i < len(order):
            run_end = int(breaks[np.searchsorted(breaks, i, side="right")])
            j = max(i + 1, min(run_end, int(np.searchsorted(ends, starts[i] + _BLOCK, side="right"))))
            handle.seek(int(starts[i]))
            pieces.append(handle.read(int(ends[j - 1] - starts[i])))
            local.append(starts[i:j] - starts[i] + size)
            size += len(pieces[-1])
            i = j
            if size >= _BLOCK or i == len(order):
                rows = order[done:i]
                geoms = _shp_polygons(np.frombuffer(b"".join(pieces), dtype=np.uint8), np.concatenate(local), table,
                                      records[rows])
                if geoms is None:
                    return None
                out[rows] = geoms
                pieces, local, done, size = [], [], i, 0
    return out


class _Reader:
    """Little-endian numbers at any even byte offset of a memory-mapped file (records of a .shp start on
    16-bit words): one view per alignment, gathered in numpy."""

    def __init__(self, data: np.ndarray):
        self.data = data
        self.size = len(data)

    def values(self, positions: np.ndarray, dtype: str) -> np.ndarray:
        width = np.dtype(dtype).itemsize
        out = np.empty(len(positions), dtype=dtype)
        shift = positions % width
        for s in np.unique(shift).tolist():
            rows = np.flatnonzero(shift == s)
            count = (self.size - s) // width
            view = np.frombuffer(self.data, dtype=dtype, offset=s, count=count) if count > 0 else None
            index = (positions[rows] - s) // width
            if view is None or (len(index) and index.max() >= count):
                raise ValueError("record beyond the end of the file")
            out[rows] = view[index]
        return out

    def points(self, bases: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """x and y of the ``counts[i]`` points (pairs of little-endian doubles) starting at byte ``bases[i]``,
        record after record: gathered per alignment of the records (all alike in most files)."""
        total = int(counts.sum())
        x, y = np.empty(total), np.empty(total)
        first = np.r_[0, np.cumsum(counts)[:-1]]
        shift = bases % 8
        for s in range(8):
            recs = np.flatnonzero(shift == s)
            if len(recs) == 0:
                continue
            count = (self.size - s) // 8
            view = np.frombuffer(self.data, dtype="<f8", offset=s, count=count)
            c = counts[recs]
            index = np.repeat((bases[recs] - s) // 8, c) + 2 * _ranks(c)
            if len(index) and index.max() + 1 >= count:
                raise ValueError("record beyond the end of the file")
            if len(recs) == len(bases):
                x, y = view[index], view[index + 1]
            else:
                to = np.repeat(first[recs], c) + _ranks(c)
                x[to], y[to] = view[index], view[index + 1]
        return x, y


def _record_boxes(shp_map: np.ndarray, offsets: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Bounding boxes (n x 4; NaN for a null record) of the records at ``offsets`` with content ``lengths``
    (bytes, from the .shx): the four doubles after each record's shape type, gathered per alignment."""
    size = len(shp_map)
    bounds = np.full((len(offsets), 4), np.nan)
    rows = np.flatnonzero((lengths >= 44) & (offsets + 52 <= size))  # a null shape holds its type only
    base = offsets[rows] + 12
    shift = base % 8
    for s in range(8):
        picked = np.flatnonzero(shift == s)
        if len(picked) == 0:
            continue
        view = np.frombuffer(shp_map, dtype="<f8", offset=s, count=(size - s) // 8)
        bounds[rows[picked]] = view[((base[picked] - s) // 8)[:, None] + np.arange(4)]
    return bounds


def _shp_polygons(shp_map: np.ndarray, offsets: np.ndarray, table: SourceTable, records: np.ndarray):
    """Shapely polygons of the polygon records at ``offsets`` as OGR builds them: one ring, or one clockwise
    outer ring with its counter-clockwise holes, built in one vectorised call; any other record (several
    outer rings) through OGR itself."""
    n = len(offsets)
    if n == 0:
        return np.empty(0, dtype=object)
    reader = _Reader(shp_map)
    try:
        n_parts = reader.values(offsets + 44, "<i4").astype(np.int64)
        n_points = reader.values(offsets + 48, "<i4").astype(np.int64)
        if (n_parts < 1).any() or (n_points < 1).any():
            return None
        part_pos = np.repeat(offsets + 52, n_parts) + 4 * _ranks(n_parts)
        part_start = reader.values(part_pos, "<i4").astype(np.int64)
        x, y = reader.points(offsets + 52 + 4 * n_parts, n_points)
    except ValueError:
        return None
    x, y = _coordinates_to(x, y, table.crs, WORKING_CRS)
    point_first = np.r_[0, np.cumsum(n_points)[:-1]]  # each record's first point in x, y
    ring_record = np.repeat(np.arange(n), n_parts)
    ring_start = point_first[ring_record] + part_start
    ring_end = np.r_[ring_start[1:], 0]
    last_ring = np.cumsum(n_parts) - 1
    ring_end[last_ring] = point_first + n_points
    sizes = ring_end - ring_start
    bad_ring = (sizes < 4) | (part_start < 0) | (part_start >= n_points[ring_record])
    good = np.bincount(ring_record, weights=bad_ring.astype(float), minlength=n) == 0
    sizes = np.where(bad_ring, 0, sizes)
    # ring orientation: shoelace on coordinates relative to the ring's first point (no cancellation)
    ring_of_point = np.repeat(np.arange(len(sizes)), sizes)
    index = np.repeat(ring_start, sizes) + _ranks(sizes)
    first = np.clip(ring_start, 0, len(x) - 1)
    rx = x[index] - np.repeat(x[first], sizes)
    ry = y[index] - np.repeat(y[first], sizes)
    following = np.arange(1, len(rx) + 1)
    ends = np.cumsum(sizes)[sizes > 0] - 1
    following[ends] = ends - sizes[sizes > 0] + 1
    cross = rx * ry[following % max(len(ry), 1)] - rx[following % max(len(rx), 1)] * ry
    clockwise = np.bincount(ring_of_point, weights=cross, minlength=len(sizes)) < 0
    outer = np.bincount(ring_record, weights=clockwise.astype(float), minlength=n).astype(np.int64)
    simple = good & ((n_parts == 1) | (outer == 1))
    # the outer ring first within each record, the holes after it in their order
    hole = (n_parts[ring_record] > 1) & ~clockwise
    order = np.lexsort((np.arange(len(sizes)), hole, ring_record))
    rings = order[simple[ring_record[order]]]
    gather = np.repeat(ring_start[rings], sizes[rings]) + _ranks(sizes[rings])
    coords = np.column_stack([x[gather], y[gather]])
    simple_rows = np.flatnonzero(simple)
    out = np.empty(n, dtype=object)
    if len(simple_rows):
        out[simple_rows] = shapely.from_ragged_array(
            shapely.GeometryType.POLYGON, coords,
            (np.r_[0, np.cumsum(sizes[rings])], np.r_[0, np.cumsum(n_parts[simple_rows])]))
    other = np.flatnonzero(~simple)
    if len(other):
        fallback = _ogr_geometries(table, records[other])
        if fallback is None:
            return None
        out[other] = to_crs(fallback, table.crs, WORKING_CRS)
    return out


def _coordinates_to(x: np.ndarray, y: np.ndarray, src: str, dst: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinate arrays from ``src`` to ``dst`` (a shift where the CRSs differ by false origin only)."""
    if src == dst or len(x) == 0:
        return x, y
    shift = _same_projection_shift(src, dst)
    if shift is not None:
        return x + shift[0], y + shift[1]
    moved = shapely.get_coordinates(to_crs(shapely.points(x, y), src, dst))
    return moved[:, 0], moved[:, 1]


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0..count-1 for each count, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    return np.arange(total, dtype=np.int64) - np.repeat(starts, counts)


def _ogr_geometries(table: SourceTable, fids: np.ndarray):
    """Geometries of the features ``fids`` read one by one through OGR (the few records the vectorised
    decoding leaves to it)."""
    dataset, layer = _open_ogr(table)
    if layer is None:
        return None
    layer.SetIgnoredFields([layer.GetLayerDefn().GetFieldDefn(i).GetName()
                            for i in range(layer.GetLayerDefn().GetFieldCount())])
    blobs = []
    for fid in fids.tolist():
        feature = layer.GetFeature(int(fid))
        geometry = feature.GetGeometryRef() if feature is not None else None
        blobs.append(bytes(geometry.ExportToIsoWkb()) if geometry is not None else None)
    del layer, dataset
    return from_wkb(blobs)


def _dbf_layout(dbf: Path) -> dict | None:
    """Record count, header and record length and fields {name: (type, offset in record, width, decimals)}."""
    with open(dbf, "rb") as handle:
        head = handle.read(32)
        if len(head) < 32:
            return None
        count = int.from_bytes(head[4:8], "little")
        header_len = int.from_bytes(head[8:10], "little")
        record_len = int.from_bytes(head[10:12], "little")
        descriptors = handle.read(max(header_len - 32, 0))
    fields, offset = {}, 1  # the deletion flag comes first
    for i in range(0, len(descriptors) - 31, 32):
        entry = descriptors[i:i + 32]
        if entry[0] == 0x0D:
            break
        name = entry[:11].split(b"\x00", 1)[0].decode("latin-1").strip()
        kind, width, decimals = chr(entry[11]), entry[16], entry[17]
        fields[name] = (kind, offset, width, decimals)
        offset += width
    if offset > record_len or record_len <= 0:
        return None
    return {"count": count, "header": header_len, "record": record_len, "fields": fields}


def _dbf_fields(info: dict, field_names: list[str]) -> list | None:
    by_upper = {name.upper(): name for name in info["fields"]}
    out = []
    for name in field_names:
        actual = name if name in info["fields"] else by_upper.get(name.upper())
        if actual is None or info["fields"][actual][0] not in "CNFD":
            return None  # a name GDAL changed (long or re-encoded names) or a type left to OGR (L, M, ...)
        out.append(info["fields"][actual])
    return out


def _dbf_gather(dbf: Path, info: dict, records: np.ndarray, spans: list[tuple]) -> list[np.ndarray]:
    """For each (offset in record, width) of ``spans``, the bytes of the (sorted) ``records`` as an array of
    S<width>, the .dbf read block by block (only the runs of records holding selected ones)."""
    size = info["record"]
    per_block = max(1, _BLOCK // size)
    gap = max(1, (64 << 10) // size)  # records further apart than 64 KiB: read separately, not the bytes between
    breaks = np.r_[np.flatnonzero(np.diff(records) > gap) + 1, len(records)]
    outs = [np.empty(len(records), dtype=f"S{max(width, 1)}") for _, width in spans]
    with open(dbf, "rb") as handle:
        i = 0
        while i < len(records):
            first = int(records[i])
            run_end = int(breaks[np.searchsorted(breaks, i, side="right")])
            j = min(run_end, int(np.searchsorted(records, first + per_block, side="left")))
            block = _read_block(handle, info["header"] + first * size, (int(records[j - 1]) - first + 1) * size)
            rows = block.reshape(-1, size)[records[i:j] - first]
            for out, (offset, width) in zip(outs, spans):
                out[i:j] = np.ascontiguousarray(rows[:, offset:offset + width]).view(f"S{width}").ravel()
            i = j
    return outs


def _dbf_column(raw: np.ndarray, field: tuple, encoding: str) -> list | None:
    """One field's values as OGR/QGIS give them: text trimmed (blank as NULL), numbers as int or float (blank or
    '*' as NULL), dates as ISO text; None when a value is not what the field type says (OGR then reads it)."""
    kind, _offset, width, decimals = field
    if kind in "NF":  # the common case, every value a plain number, parsed in C
        try:
            return raw.astype(np.int64 if decimals == 0 and width < 19 else float).tolist()
        except (ValueError, OverflowError):
            pass
    cache: dict = {}
    try:
        return [cache[v] if v in cache else cache.setdefault(v, _dbf_value(v, kind, width, decimals,
                                                                           encoding or "utf-8"))
                for v in raw.tolist()]
    except (ValueError, LookupError):
        return None


def _dbf_value(raw: bytes, kind: str, width: int, decimals: int, encoding: str):
    text = raw.split(b"\x00", 1)[0].strip(b" ")
    if kind == "C":
        return text.decode(encoding, "replace") if text else None
    if not text or text.startswith(b"*"):
        return None
    if kind == "D":
        if text == b"00000000":
            return None
        if len(text) != 8 or not text.isdigit():
            raise ValueError(text)
        return f"{text[:4].decode()}-{text[4:6].decode()}-{text[6:].decode()}"
    if decimals == 0 and width < 19:
        return int(text)
    return float(text)
