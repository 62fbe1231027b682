"""The features of a PostGIS layer near a set of windows, selected by the server through its GiST index.

QGIS's postgres provider hands a large baseline over feature by feature (~10 us each from Python). Here the
layer's own connection (its QgsDataSourceUri: host, port, dbname, user, password, service, authcfg expanded
by QGIS's authentication manager) is opened with psycopg2 and ONE statement does the work on the server: the
windows travel as four float arrays, each one meets the table's GiST index (``geom && ST_MakeEnvelope``),
the rows found are made unique by key there, and come back (geometry as WKB in hexadecimal text, the wanted
fields) through a server-side cursor, batch by batch, decoded in bulk (``shapely.from_wkb`` per batch). The
layer's subset string (QGIS's SQL filter) and the caller's ``where`` are applied by the server too.

``read_postgis_near`` returns what ``read_gpkg_near`` returns (ids in key order, shapely geometries in the
working CRS, {field: values}) or None when this read does not apply: not a postgres layer, unsaved edits,
no single key column or no authority CRS, psycopg2 missing, the connection refused (credentials that
cannot be resolved headless, e.g. an authcfg whose master password is not available) or a statement the
server rejects, and when cancelled. The caller then reads through QGIS's provider; the reason is in the log.
"""

from __future__ import annotations

import threading

import numpy as np
import shapely
from qgis.core import QgsDataSourceUri, QgsWkbTypes

from ..core.geodesy import WORKING_CRS
from ..qgis_compat import WkbType
from ..translation import tr
from .near import grid_order, proj_knows, to_crs, windows_in

BATCH = 50_000  # rows fetched and decoded at a time
_INTEGER_TYPES = (20, 21, 23)  # int8, int2, int4: the key is QGIS's feature id
_NUMERIC, _DATE, _TIMESTAMP, _TIMESTAMPTZ = 1700, 1082, 1114, 1184


def postgis_table(layer) -> dict | None:
    """What the server read needs of ``layer`` (its URI parts, CRS), or None if it does not apply."""
    if layer is None or layer.providerType() != "postgres" or not proj_knows(layer.crs().authid()):
        return None
    if layer.isModified():  # unsaved edits live in QGIS's edit buffer, not in the database: read through QGIS
        return None
    uri = QgsDataSourceUri(layer.source())
    key, geom = uri.keyColumn().strip('"'), uri.geometryColumn()
    if not uri.table() or not geom or not key or "," in key:  # a composite key: QGIS's own way
        return None
    wkb_type = layer.wkbType()
    # curves (CurvePolygon, MultiSurface; or a column of any type) are made linear by the server: their WKB
    # is not one shapely reads
    linear = not QgsWkbTypes.isCurvedType(wkb_type) and wkb_type != WkbType.Unknown
    return {"uri": uri, "schema": uri.schema(), "table": uri.table(), "geom": geom, "key": key,
            "srid": uri.srid(), "subset": layer.subsetString(), "crs": layer.crs().authid(), "name": layer.name(),
            "linear": linear}


def estimated_facts(layer) -> tuple | None:
    """((xmin, ymin, xmax, ymax) from the table's statistics, whether the layer has a row) of a PostGIS layer,
    for the input checks, without the provider's full-table ``ST_Extent`` and ``count(*)`` (0.3 s of a sparse
    patrol run on 1,000,000 polygons): ``ST_EstimatedExtent`` and one ``EXISTS`` under the layer's subset
    string. None where it does not apply or cannot tell (no statistics yet: the table was never analysed, a
    view; psycopg2 missing; no connection): the caller asks QGIS's provider."""
    table = postgis_table(layer)
    if table is None or table["uri"].useEstimatedMetadata():  # QGIS's provider estimates already
        return None
    try:
        import psycopg2
        from psycopg2 import sql
    except ImportError:
        return None
    try:
        conn = psycopg2.connect(_dsn(table["uri"]))
    except psycopg2.Error:
        return None
    try:
        conn.set_session(readonly=True)
        cursor = conn.cursor()
        names = [table["schema"], table["table"]] if table["schema"] else [table["table"]]
        cursor.execute("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM ST_EstimatedExtent(%s, %s, %s) "
                       "AS e" if len(names) == 2 else "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                       "ST_EstimatedExtent(%s, %s) AS e", [*names, table["geom"]])
        extent = cursor.fetchone()
        if extent is None or extent[0] is None:
            return None
        condition = sql.SQL(" WHERE ({})".format(table["subset"])) if table["subset"] else sql.SQL("")
        cursor.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {s}{w})").format(
            s=sql.Identifier(*names), w=condition))
        return tuple(float(v) for v in extent), bool(cursor.fetchone()[0])
    except psycopg2.Error:
        return None
    finally:
        conn.close()


def read_postgis_near(layer, field_names: list[str], windows: list[tuple], feedback=None, where: str = ""):
    """(ids, shapely geometries in the working CRS, {field: values}) of the rows of PostGIS ``layer`` whose
    bounding box meets any of ``windows`` (working CRS), its subset string and ``where`` (SQL on alias ``t``)
    holding; None if not applicable, refused by the server, or cancelled (see the module)."""
    table = postgis_table(layer)
    if table is None:
        return None
    try:
        import psycopg2
    except ImportError:
        _say(feedback, tr("Layer '{layer}': psycopg2 is not installed; reading the PostGIS layer through QGIS "
                          "(slower)").format(layer=table["name"]))
        return None
    try:
        conn = psycopg2.connect(_dsn(table["uri"]))
    except psycopg2.Error as exc:
        _say(feedback, tr("Layer '{layer}': no connection of its own to the PostGIS database ({error}); reading "
                          "through QGIS (slower)").format(layer=table["name"], error=_first_line(exc)))
        return None
    try:
        return _read(conn, table, field_names, windows, feedback, where)
    except (psycopg2.Error, IndexError, ValueError, TypeError) as exc:  # psycopg2's own formatting errors too
        if feedback is None or not feedback.isCanceled():
            _say(feedback, tr("Layer '{layer}': the PostGIS server refused the read ({error}); reading through "
                              "QGIS (slower)").format(layer=table["name"], error=_first_line(exc)))
        return None
    finally:
        conn.close()


def _read(conn, table: dict, field_names: list[str], windows: list[tuple], feedback, where: str):
    import psycopg2.extensions

    conn.set_session(readonly=True)
    cursor = conn.cursor()
    # JIT compiling costs more than it saves on this statement (seen: 0.5-2.8 s); parallel workers would
    # each repeat the window search; the key sort fits in memory
    for setting in ("SET jit = off", "SET max_parallel_workers_per_gather = 0", "SET work_mem = '64MB'",
                    "SET DateStyle TO ISO"):  # dates as YYYY-MM-DD text, whatever the server's default
        cursor.execute(setting)
    for oids, name, cast in (((_NUMERIC,), "LS_NUMERIC", _as_float),
                             ((_DATE,), "LS_DATE", _as_text),
                             ((_TIMESTAMP, _TIMESTAMPTZ), "LS_TIMESTAMP", _as_iso_datetime)):
        # the values QGIS's reader gives (reader._python_value): numeric as float, dates as ISO text
        psycopg2.extensions.register_type(psycopg2.extensions.new_type(oids, name, cast), conn)
    srid = _srid(conn, table)
    boxes = np.asarray(grid_order(windows_in(windows, table["crs"])), dtype=float).reshape(-1, 4)
    stop = threading.Event()
    watcher = None
    if feedback is not None:  # a cancel interrupts the running statement, not only the next batch
        watcher = threading.Thread(target=_watch, args=(conn, feedback, stop), daemon=True)
        watcher.start()
    try:
        cursor = conn.cursor(name="land_supervision_near")  # server-side: BATCH rows in memory at a time
        cursor.itersize = BATCH
        cursor.execute(_statement(table, field_names, where),
                       [boxes[:, 0].tolist(), boxes[:, 1].tolist(), boxes[:, 2].tolist(), boxes[:, 3].tolist(),
                        srid])
        ids, geoms, values, integer_keys = _fetched(cursor, len(field_names), feedback)
    finally:
        stop.set()
        if watcher is not None:
            watcher.join()
    if feedback is not None:
        if feedback.isCanceled():
            return None
        feedback.setProgress(30)
    if not integer_keys:  # a text or uuid key: QGIS numbers such features itself; positions serve as ids here
        ids = np.arange(len(ids), dtype=np.int64)
    # the polygons to the working CRS in one vectorised call (a shift for EPSG:4528, as for the other readers)
    geoms = to_crs(geoms, table["crs"], WORKING_CRS)
    return ids, geoms, dict(zip(field_names, values))


def _statement(table: dict, field_names: list[str], where: str):
    """The one statement: each window meets the GiST index (windows in grid order: neighbouring searches
    read the same pages), the rows found by several windows are made unique by key (sorted: the rows come
    back in key order), the conditions apply; then each row's geometry once as hexadecimal WKB text (cheaper
    for psycopg2 to hand over than bytea: seen 0.9-1.2 s vs 1.6-2.5 s of client CPU for 358,586 rows)."""
    from psycopg2 import sql

    if table["table"].startswith("("):  # a query layer: QGIS's own SQL text stands for the table
        source = sql.SQL(table["table"].replace("%", "%%"))  # its LIKE '01%' is no parameter placeholder
    elif table["schema"]:
        source = sql.Identifier(table["schema"], table["table"])
    else:
        source = sql.Identifier(table["table"])
    key, geom = sql.Identifier(table["key"]), sql.Identifier(table["geom"])
    # inner columns renamed ls_f0, ls_f1...: a wanted field may be the key itself
    columns = sql.SQL("").join(sql.SQL(", t.{} AS {}").format(sql.Identifier(name), sql.Identifier(f"ls_f{k}"))
                               for k, name in enumerate(field_names))
    outer = sql.SQL("").join(sql.SQL(", ls_near.{}").format(sql.Identifier(f"ls_f{k}"))
                             for k in range(len(field_names)))
    # the layer's subset string is SQL by definition (QGIS sends it to the same server); ``where`` is the
    # caller's constant SQL (class_filter_sql); window coordinates and SRID are bound parameters. The
    # windows' columns have names no table is likely to have (the subset string names columns unqualified).
    # A literal % (LIKE '01%') is doubled: psycopg2 reads % as a parameter mark in a statement with parameters
    conditions = sql.SQL("").join(sql.SQL(" AND ({})").format(sql.SQL(c.replace("%", "%%")))
                                  for c in (table["subset"], where) if c)
    shape = sql.SQL("ls_near.ls_geom" if table["linear"] else "ST_CurveToLine(ls_near.ls_geom)")
    return sql.SQL(
        "SELECT ls_near.ls_key, encode(ST_AsBinary({shape}), 'hex'){outer} FROM ("
        "SELECT DISTINCT ON (t.{key}) t.{key} AS ls_key, t.{geom} AS ls_geom{columns} "
        "FROM unnest(%s::float8[], %s::float8[], %s::float8[], %s::float8[]) "
        "AS ls_window(ls_window_x1, ls_window_y1, ls_window_x2, ls_window_y2) "
        "JOIN {source} t ON t.{geom} && ST_MakeEnvelope(ls_window_x1, ls_window_y1, ls_window_x2, ls_window_y2, %s) "
        "WHERE TRUE{conditions} ORDER BY t.{key}) ls_near"
    ).format(key=key, geom=geom, columns=columns, outer=outer, source=source, conditions=conditions, shape=shape)


def _fetched(cursor, n_fields: int, feedback):
    """Ids, geometries, field value lists, whether the key is an integer; batch by batch."""
    ids, geoms, values = [], [], [[] for _ in range(n_fields)]
    integer_keys = True
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows or (feedback is not None and feedback.isCanceled()):
            break
        if cursor.description[0].type_code in _INTEGER_TYPES:
            ids.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
        else:
            integer_keys = False
            ids.append(np.zeros(len(rows), dtype=np.int64))
        geoms.append(shapely.from_wkb([None if r[1] is None else bytes.fromhex(r[1]) for r in rows],
                                      on_invalid="warn"))
        for k, column in enumerate(values):
            column.extend(r[2 + k] for r in rows)
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object), values, integer_keys
    return np.concatenate(ids), np.concatenate(geoms), values, integer_keys


def _srid(conn, table: dict) -> int:
    """The SRID of the geometry column: the layer's URI says it, else the column's first geometry does."""
    if str(table["srid"]).isdigit():
        return int(table["srid"])
    from psycopg2 import sql

    source = sql.Identifier(table["schema"], table["table"]) if table["schema"] else sql.Identifier(table["table"])
    cursor = conn.cursor()
    cursor.execute(sql.SQL("SELECT ST_SRID({g}) FROM {s} WHERE {g} IS NOT NULL LIMIT 1").format(
        g=sql.Identifier(table["geom"]), s=source))
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def _dsn(uri) -> str:
    """libpq connection string of the layer: QGIS expands its authcfg (user/password or certificates) when it
    can; a bounded wait; the statement is read-only (set on the session)."""
    info = uri.connectionInfo(True)
    return f"{info} connect_timeout=10 application_name='land_supervision'"


def _watch(conn, feedback, stop: threading.Event) -> None:
    while not stop.wait(0.1):
        if feedback.isCanceled():
            conn.cancel()  # libpq's cancel request: thread-safe, the statement ends with QueryCanceled
            return


def _as_float(value, cursor):
    return None if value is None else float(value)


def _as_text(value, cursor):
    return value


def _as_iso_datetime(value, cursor):
    return None if value is None else value[:19].replace(" ", "T")


def _first_line(exc) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _say(feedback, message: str) -> None:
    if feedback is not None:
        feedback.pushInfo(message)
