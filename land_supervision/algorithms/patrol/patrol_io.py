"""Reading the patrol inputs from QGIS sources into the core's arrays (baseline: only near the patches)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProviderRegistry,
    QgsRectangle,
)

from ...core.geodesy import WORKING_CRS, transform_geometries
from ...core.patrol.inputs import ApprovalInput, BaselineInput
from ...inputs.checks import check_crs, convert_numbers, label_of, note_reprojection
from ...inputs.fields import field_map
from ...inputs.fields import resolve_fields as inputs_resolve_fields
from ...translation import tr
from ..layer_io import _python_value, read_source

source_label = label_of  # a name for messages: the table name of a 'file|layername=x' value, else the source name


def resolve_fields(source, kind: str, overrides: dict, required, optional=(), label: str = "") -> dict:
    """Logical -> actual field names of ``source``; a missing field is an error naming layer and field."""
    return inputs_resolve_fields(source, field_map(kind, label or source.sourceName(), overrides), required, optional)


def crs_note(source, feedback, label: str = "") -> None:
    """Say in the log when a layer is reprojected to the working CRS; refuse a layer without CRS."""
    check_crs(source, label or source.sourceName())  # present, and fitting the coordinates
    note_reprojection(source, feedback, label or source.sourceName())


def patch_windows(geoms: np.ndarray, cell: float = 1000.0, margin: float = 1.0) -> list[tuple]:
    """Bounding boxes of the patches grouped by a grid of ``cell`` metres: the baseline read windows."""
    geoms = geoms[~shapely.is_empty(geoms) & ~shapely.is_missing(geoms)]
    if len(geoms) == 0:
        return []
    bounds = shapely.bounds(geoms)
    cx = np.floor((bounds[:, 0] + bounds[:, 2]) / 2 / cell).astype(np.int64)
    cy = np.floor((bounds[:, 1] + bounds[:, 3]) / 2 / cell).astype(np.int64)
    order = np.argsort(cx * 10_000_000 + cy, kind="stable")
    key = (cx * 10_000_000 + cy)[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    b = bounds[order]
    lo = np.column_stack([np.minimum.reduceat(b[:, 0], starts), np.minimum.reduceat(b[:, 1], starts)]) - margin
    hi = np.column_stack([np.maximum.reduceat(b[:, 2], starts), np.maximum.reduceat(b[:, 3], starts)]) + margin
    return [tuple(row) for row in np.column_stack([lo, hi]).tolist()]


def read_near(source, field_names: list[str], windows: list[tuple], context, feedback=None):
    """Features of ``source`` meeting any window (working CRS), through the provider's spatial index.

    Returns (feature ids, shapely geometries in the working CRS, {field: values}) without duplicates.
    """
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
    geoms = shapely.from_wkb(wkbs, on_invalid="warn") if wkbs else np.empty(0, dtype=object)
    return np.asarray(ids, dtype=np.int64), np.asarray(geoms, dtype=object), columns


def ogr_table(layer):
    """(path, table name, subset, CRS authid) of a plain OGR file layer with an authority CRS, else None."""
    if layer is None or layer.providerType() != "ogr" or not layer.crs().authid():
        return None
    if layer.isModified():  # unsaved edits live in QGIS's edit buffer, not in the file: read through QGIS
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path or not Path(path).is_file():
        return None
    return path, parts.get("layerName") or "", layer.subsetString(), layer.crs().authid()


def _windows_in(windows: list[tuple], crs: str) -> list[tuple]:
    """Working-CRS windows as windows of ``crs``: each box's edges densified to 10 m and reprojected in one
    call (the windows carry their own 1 m margin; EPSG:4528 <-> 4549 is an exact shift of the eastings)."""
    if crs == WORKING_CRS or not windows:
        return windows
    boxes = shapely.segmentize(shapely.box(*np.asarray(windows, dtype=float).T), 10.0)
    moved = transform_geometries(boxes, WORKING_CRS, crs)
    return [tuple(b) for b in shapely.bounds(moved).tolist()]


def read_gpkg_near(table, field_names: list[str], windows: list[tuple], feedback=None, where: str = ""):
    """As read_near for a GeoPackage table, straight from SQLite in one statement: the windows go to a
    temporary table, the R-tree gives the ids meeting any of them (one search per window, inside SQLite),
    the rows with the SQL condition ``where`` come back in id order, the geometry blobs are decoded batch by
    batch (GeoPackage header skipped, WKB to shapely). None if not applicable or cancelled."""
    import sqlite3

    path, name, subset, crs = table
    if not path.lower().endswith(".gpkg"):
        return None
    windows = _windows_in(windows, crs)
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
        db.executemany("INSERT INTO temp.win VALUES (?, ?, ?, ?)", _grid_order(windows))
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
    if crs != WORKING_CRS:  # the polygons to the working CRS in one vectorised call
        geoms = transform_geometries(geoms, crs, WORKING_CRS)
    return ids, geoms, dict(zip(field_names, values))


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
    pk = [r[1] for r in db.execute(f"PRAGMA table_info({_quoted(name)})") if r[5]]
    rtree = f"rtree_{name}_{geom}"
    if not pk or db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (rtree,)).fetchone() is None:
        return None
    # Identifiers cannot be bound parameters: the table, its columns and the R-tree (names read from the
    # GeoPackage's own catalogue, field names from the algorithm's parameters) go in quoted by _quoted;
    # ``conditions`` are the layer's QGIS subset string (SQL by definition, as QGIS itself applies it) and
    # class_filter_sql's constants. The connection is read-only; the window coordinates are bound values.
    # CROSS JOIN keeps the windows outside: one R-tree search per window
    near = (f"SELECT r.id FROM temp.win w CROSS JOIN {_quoted(rtree)} r "  # nosec B608
            "WHERE r.maxx >= w.x1 AND r.minx <= w.x2 AND r.maxy >= w.y1 AND r.miny <= w.y2")
    key = f"t.{_quoted(pk[0])}"
    columns = "".join(f", t.{_quoted(f)}" for f in field_names)
    return (f"SELECT {key}, t.{_quoted(geom)}{columns} FROM {_quoted(name)} t "  # nosec B608
            f"WHERE {key} IN ({near}){conditions} ORDER BY {key}")


def _quoted(identifier: str) -> str:
    """An SQLite identifier in double quotes, embedded quotes doubled."""
    return '"' + identifier.replace('"', '""') + '"'


def _decoded(cursor, n_fields: int, batch: int = 50_000) -> tuple[np.ndarray, np.ndarray, list[list]]:
    """Ids, shapely geometries and the value lists of the fields of rows (id, geometry blob, fields...),
    fetched and decoded batch by batch: the raw rows of one batch at a time in memory."""
    ids, geoms, values = [], [], [[] for _ in range(n_fields)]
    while rows := cursor.fetchmany(batch):
        ids.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
        blobs = (r[1] for r in rows)
        geoms.append(shapely.from_wkb([b[_WKB_START[b[3]]:] if b is not None else None for b in blobs],
                                      on_invalid="warn"))
        for k, column in enumerate(values):
            column.extend(r[2 + k] for r in rows)
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object), values
    return np.concatenate(ids), np.concatenate(geoms), values


def _grid_order(windows: list[tuple], cell: float = 1000.0) -> list[tuple]:
    """The windows sorted by ``cell``-metre columns and rows of their centres: neighbouring look-ups read the
    same R-tree and table pages (in random order the R-tree search takes about twice as long)."""
    if not windows:
        return []
    w = np.asarray(windows, dtype=float)
    cx = np.floor((w[:, 0] + w[:, 2]) / 2 / cell)
    cy = np.floor((w[:, 1] + w[:, 3]) / 2 / cell)
    return [windows[i] for i in np.lexsort((cy, cx)).tolist()]


def class_filter_sql(field: str) -> str:
    """SQL keeping the baseline polygons the evidence uses: 耕地 and construction land (三调 codes). Codes
    matched as stored first, then trimmed and upper-cased: the same rows, most decided without the string
    functions."""
    from ...core.patrol.evidence import RELEVANT_CODES, RELEVANT_PREFIXES

    prefixes = ", ".join(f"'{p}'" for p in RELEVANT_PREFIXES)
    codes = ", ".join(f"'{c}'" for c in RELEVANT_CODES)
    column = f"t.{_quoted(field)}"
    return " OR ".join(f"substr({code}, 1, 2) IN ({prefixes}) OR substr({code}, 1, 4) IN ({codes})"
                       for code in (column, f"upper(trim({column}))"))


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
# where the WKB starts in a GeoPackage geometry blob, by its flags byte: the 'GP' header, then an envelope
_WKB_START = tuple(8 + _ENVELOPE_BYTES.get((flags >> 1) & 7, 0) for flags in range(256))


def read_baseline(source, names: dict, patches: np.ndarray, context, feedback, layer=None,
                  label: str = "") -> BaselineInput:
    """The baseline polygons near ``patches``: from a GeoPackage straight through SQLite, else through the
    QGIS provider's spatial index with one window per 1 km cell of patches."""
    wanted = [names["class_code"]] + ([names["deduct_ratio"]] if "deduct_ratio" in names else [])
    table = ogr_table(layer)
    where = class_filter_sql(names["class_code"])
    usable = patches[~shapely.is_missing(patches) & ~shapely.is_empty(patches)]
    windows = [tuple(b) for b in (shapely.bounds(usable) + [-1.0, -1.0, 1.0, 1.0]).tolist()]  # one per patch
    fast = read_gpkg_near(table, wanted, windows, feedback, where) if table is not None else None
    if fast is None:
        feedback.pushInfo(tr("Reading the baseline through QGIS (not a GeoPackage: slower)"))
        fast = read_near(source, wanted, patch_windows(patches), context, feedback)
    ids, geoms, columns = fast
    if "deduct_ratio" in names:  # KCXS stored as text (no work when the field is numeric)
        convert_numbers(columns, source, [names["deduct_ratio"]], label or source.sourceName(), ids)
    kcxs = columns[names["deduct_ratio"]] if "deduct_ratio" in names else [0.0] * len(geoms)
    if "deduct_ratio" not in names:
        feedback.pushWarning(tr("Layer '{layer}' has no field '{field}': 耕地 areas are not net of 田坎").format(
            layer=source.sourceName(), field="KCXS"))
    return BaselineInput(geoms, columns[names["class_code"]], kcxs)


def layer_label(layer) -> str:
    """The layer's name and, for a file layer, its table name (where a sub-type may be written)."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return f"{layer.name()} {parts.get('layerName') or ''}"


def read_approvals(layers, names: dict, rules, context, feedback) -> ApprovalInput:
    """Every approval layer: geometry, 批准文号 and sub-type (from the type field, else the layer name), and where
    the layer has them the approval date, the 临时用地 term end and the infrastructure flag. ``names``: logical
    name -> field name (approval_no, subtype, date, term_end, infrastructure)."""
    geoms, numbers, subtypes, layer_names = [], [], [], []
    optional = ("date", "term_end", "infrastructure")
    extra: dict[str, list] = {key: [] for key in optional}
    for layer in layers:
        crs_note(layer, feedback, label_of(layer))
        upper = {f.upper(): f for f in layer.fields().names()}
        number_field, type_field = names["approval_no"], names["subtype"]
        if number_field.upper() not in upper:
            raise QgsProcessingException(tr("Layer '{layer}' has no field '{field}'").format(
                layer=layer.name(), field=number_field))
        wanted = {"approval_no": upper[number_field.upper()]}
        for key in ("subtype",) + optional:
            if names[key].upper() in upper:
                wanted[key] = upper[names[key].upper()]
        data = read_source(layer, list(wanted.values()), context, feedback, target_crs=WORKING_CRS,
                           label=label_of(layer))
        layer_sub = rules.subtype_of(layer_label(layer))
        if "subtype" not in wanted and layer_sub is None:
            feedback.pushWarning(tr("Layer '{layer}': no field '{field}' and no sub-type in its name; its approvals "
                                    "count for the total coverage only").format(layer=layer.name(), field=type_field))
        if "date" not in wanted:
            feedback.pushWarning(tr("Layer '{layer}' has no field '{field}': its approvals are taken as dated in time "
                                    "(未批先建 not checked)").format(layer=layer.name(), field=names["date"]))
        for i in range(len(data)):
            sub = rules.subtype_of(data.columns[wanted["subtype"]][i]) if "subtype" in wanted else None
            sub = sub or layer_sub
            subtypes.append(sub.key if sub else "")
        for key in optional:
            extra[key].extend(data.columns[wanted[key]] if key in wanted else [None] * len(data))
        geoms.extend(data.geometry)
        numbers.extend(data.columns[wanted["approval_no"]])
        layer_names.extend([layer.name()] * len(data))
    return ApprovalInput(np.asarray(geoms, dtype=object), numbers, subtypes, layer_names, extra["date"],
                         extra["term_end"], extra["infrastructure"])
