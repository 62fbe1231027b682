"""The patrol baseline in PostGIS: read near the patches by the server (inputs/postgis_near.py).

The demo baseline is loaded into the test cluster of tests/core/test_ledger_pg_server.py (a real PostgreSQL
with PostGIS) twice: in EPSG:4549 with the GeoPackage's field names, and in zone-prefixed EPSG:4528 with the
lower-case names ogr2ogr gives by default. The server read must give what the GeoPackage read and QGIS's own
provider give, and patchreconciliation the same answers as from the GeoPackage.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import processing
import pytest
import shapely
from qgis.core import QgsDataSourceUri, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from land_supervision.algorithms.layer_io import read_source
from land_supervision.algorithms.patrol.patrol_io import (
    class_filter_sql,
    ogr_table,
    patch_windows,
    read_gpkg_near,
    read_near,
)
from land_supervision.inputs.postgis_near import read_postgis_near
from tests.core.test_ledger_pg_server import pg_server
from tests.qgis.test_patrol_native_overlaps import demo_params

ALG = "landsupervision:patchreconciliation"
FALLBACK = "Reading the baseline through QGIS"


class Recorder(QgsProcessingFeedback):
    """A feedback that keeps what is said to it."""

    def __init__(self):
        super().__init__()
        self.said: list[str] = []

    def pushInfo(self, info):  # noqa: N802 - QGIS's name
        self.said.append(info)
        super().pushInfo(info)


@pytest.fixture(scope="module")
def pg_baseline(demo_gpkg):
    """{'4549': uri kwargs, '4528': ...}: the demo baseline in a fresh schema of the test cluster."""
    import psycopg2
    from osgeo import gdal

    server = pg_server()
    schema = f"patrol_pg_{int(time.time() * 1000) % 10**9}"
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
    conn.autocommit = True
    conn.cursor().execute(f"CREATE SCHEMA {schema}")
    conn.close()
    target = f"PG:host={server['host']} port={server['port']} user=postgres dbname={server['dbname']}"
    tables = {"4549": ("b4549", "EPSG:4549", ["LAUNDER=NO"]), "4528": ("b4528", "EPSG:4528", [])}
    for table, crs, extra in tables.values():
        options = ["-f", "PostgreSQL", "-preserve_fid", "-nln", table, "-t_srs", crs,
                   "-lco", f"SCHEMA={schema}", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid"]
        for option in extra:
            options += ["-lco", option]
        assert gdal.VectorTranslate(target, str(demo_gpkg), options=options + ["demo_baseline_dltb"]) is not None
    return {"server": server, "schema": schema, "tables": tables}


def pg_layer(pg_baseline, srid: str, subset: str = "", user: str = "postgres") -> QgsVectorLayer:
    server = pg_baseline["server"]
    uri = QgsDataSourceUri()
    uri.setConnection(server["host"], str(server["port"]), server["dbname"], user, "")
    uri.setDataSource(pg_baseline["schema"], pg_baseline["tables"][srid][0], "geom", subset, "fid")
    return QgsVectorLayer(uri.uri(False), f"baseline_pg_{srid}", "postgres")


def demo_windows(demo_gpkg) -> list[tuple]:
    patches = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "p", "ogr")
    geoms = read_source(patches, [], QgsProcessingContext()).geometry
    return [tuple(b) for b in (shapely.bounds(geoms) + [-1.0, -1.0, 1.0, 1.0]).tolist()]


def gpkg_layer(demo_gpkg, subset: str = "") -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{demo_gpkg}|layername=demo_baseline_dltb", "baseline", "ogr")
    if subset:
        assert layer.setSubsetString(subset)
    return layer


def exact_hits(geoms: np.ndarray, windows: list[tuple]) -> np.ndarray:
    """Positions of the polygons whose exact bounding box meets a window (what both indexes must find)."""
    boxes = shapely.box(*np.asarray(windows, dtype=float).T)
    return np.unique(shapely.STRtree(boxes).query(shapely.envelope(geoms), predicate="intersects")[0])


def test_server_read_equals_geopackage_read(demo_gpkg, pg_baseline, provider):
    layer = pg_layer(pg_baseline, "4549")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4549"
    windows = demo_windows(demo_gpkg)
    feedback = Recorder()
    ids_p, geoms_p, cols_p = read_postgis_near(layer, ["DLBM", "KCXS"], windows, feedback, class_filter_sql("DLBM"))
    ids_g, geoms_g, cols_g = read_gpkg_near(ogr_table(gpkg_layer(demo_gpkg)), ["DLBM", "KCXS"], windows, None,
                                            class_filter_sql("DLBM"))
    assert feedback.said == []  # nothing to report: no fallback
    assert len(ids_p) > 50 and np.all(np.diff(ids_p) > 0)  # unique, in key order
    # both indexes keep rounded boxes: each read holds every polygon whose exact box meets a window
    exact_p, exact_g = ids_p[exact_hits(geoms_p, windows)], ids_g[exact_hits(geoms_g, windows)]
    assert set(exact_p.tolist()) == set(exact_g.tolist())
    assert set(exact_g.tolist()) <= set(ids_p.tolist())
    common = np.intersect1d(ids_p, ids_g)
    assert len(common) >= len(exact_g)
    p, g = np.searchsorted(ids_p, common), np.searchsorted(ids_g, common)
    assert [cols_p["DLBM"][i] for i in p] == [cols_g["DLBM"][i] for i in g]
    assert [cols_p["KCXS"][i] for i in p] == pytest.approx([cols_g["KCXS"][i] for i in g])
    assert isinstance(cols_p["KCXS"][0], float) and isinstance(cols_p["DLBM"][0], str)
    assert shapely.equals_exact(geoms_p[p], geoms_g[g], tolerance=0).all()


def test_server_read_equals_qgis_provider_read(demo_gpkg, pg_baseline, provider):
    """The rows QGIS's postgres provider gives for the 1 km windows are among the server read's, equal."""
    layer = pg_layer(pg_baseline, "4549")
    patches = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "p", "ogr")
    windows = patch_windows(read_source(patches, [], QgsProcessingContext()).geometry)
    context = QgsProcessingContext()
    ids_q, geoms_q, cols_q = read_near(layer, ["DLBM", "KCXS"], windows, context, QgsProcessingFeedback())
    ids_p, geoms_p, cols_p = read_postgis_near(layer, ["DLBM", "KCXS"], windows)
    assert len(ids_q) > 50 and set(ids_q.tolist()) <= set(ids_p.tolist())
    position = {fid: i for i, fid in enumerate(ids_p.tolist())}
    common = [position[fid] for fid in ids_q.tolist()]
    assert [cols_p["DLBM"][i] for i in common] == cols_q["DLBM"]
    assert np.allclose([cols_p["KCXS"][i] for i in common], cols_q["KCXS"])
    assert shapely.equals_exact(geoms_p[common], geoms_q, tolerance=1e-6).all()


@pytest.mark.parametrize("srid, slack", [("4549", 1.0), ("4528", 20.0)])
def test_windows_at_edges(pg_baseline, srid, slack, provider):
    """A window touching a polygon's box on its edge finds it; one ``slack`` m beyond does not (in EPSG:4528
    the index's float4 boxes are about 4 m coarse at eastings of 40 million); windows beyond the data's
    extent find nothing; no windows, no rows."""
    layer = pg_layer(pg_baseline, srid)
    field = "DLBM" if srid == "4549" else "dlbm"
    extent = pg_layer(pg_baseline, "4549").extent()  # in the working CRS
    everything = (extent.xMinimum() - 100, extent.yMinimum() - 100, extent.xMaximum() + 100, extent.yMaximum() + 100)
    ids, geoms, _ = read_postgis_near(layer, [field], [everything])
    assert len(ids) == layer.featureCount()
    xmin, ymin, xmax, ymax = shapely.bounds(shapely.union_all(shapely.envelope(geoms)))
    # the polygon reaching furthest east, and a window just at its box's east edge (working CRS)
    east = int(np.argmax(shapely.bounds(geoms)[:, 2]))
    bx1, by1, bx2, by2 = shapely.bounds(geoms[east])
    cy = (by1 + by2) / 2
    touching = read_postgis_near(layer, [field], [(bx2, cy - 1, bx2 + 50, cy + 1)])
    assert ids[east] in touching[0].tolist()
    beyond = read_postgis_near(layer, [field], [(bx2 + slack, cy - 1, bx2 + 50, cy + 1)])
    assert ids[east] not in beyond[0].tolist()
    # a window half outside the data's extent finds the polygons at its edge; one wholly outside, nothing
    edge = read_postgis_near(layer, [field], [(xmax - 100, ymin, xmax + 1000, ymax)])
    assert len(edge[0]) > 0 and ids[east] in edge[0].tolist()
    outside = read_postgis_near(layer, [field], [(xmax + 1000, ymin, xmax + 2000, ymax)])
    assert len(outside[0]) == 0 and outside[1].dtype == object and outside[2] == {field: []}
    assert len(read_postgis_near(layer, [field], [])[0]) == 0


def test_zone_prefixed_table_gives_the_same_polygons(demo_gpkg, pg_baseline, provider):
    """EPSG:4528 table (eastings 40xxxxxx): windows moved into its CRS, polygons back to EPSG:4549."""
    windows = demo_windows(demo_gpkg)
    layer = pg_layer(pg_baseline, "4528")
    assert layer.crs().authid() == "EPSG:4528"
    ids_z, geoms_z, cols_z = read_postgis_near(layer, ["dlbm"], windows)
    ids_a, geoms_a, cols_a = read_postgis_near(pg_layer(pg_baseline, "4549"), ["DLBM"], windows)
    assert shapely.bounds(geoms_z)[:, 0].max() < 1e6  # back in the working CRS
    exact = set(ids_a[exact_hits(geoms_a, windows)].tolist())
    assert len(exact) > 50 and exact <= set(ids_z.tolist())  # -preserve_fid: the same keys
    position = {fid: i for i, fid in enumerate(ids_z.tolist())}
    for i, fid in enumerate(ids_a.tolist()):
        if fid in exact:
            j = position[fid]
            assert cols_z["dlbm"][j] == cols_a["DLBM"][i]
            assert shapely.equals_exact(geoms_z[j], geoms_a[i], tolerance=1e-4)


def test_subset_string_is_respected(demo_gpkg, pg_baseline, provider):
    subset = "\"DLBM\" LIKE '01%' AND \"KCXS\" > 0"
    layer = pg_layer(pg_baseline, "4549", subset)
    assert layer.isValid() and layer.subsetString() == subset
    windows = demo_windows(demo_gpkg)
    ids, geoms, cols = read_postgis_near(layer, ["DLBM", "KCXS"], windows)
    assert len(ids) > 10
    assert all(code.startswith("01") for code in cols["DLBM"]) and min(cols["KCXS"]) > 0
    ids_g, _, cols_g = read_gpkg_near(ogr_table(gpkg_layer(demo_gpkg, subset)), ["DLBM", "KCXS"], windows)
    exact = set(ids_g[exact_hits(_, windows)].tolist())
    assert exact <= set(ids.tolist())
    everything = read_postgis_near(pg_layer(pg_baseline, "4549"), ["DLBM"], windows)
    assert len(everything[0]) > len(ids)  # the filter took rows away


def test_patch_reconciliation_same_answers_as_geopackage(demo_gpkg, pg_baseline, provider, tmp_path):
    """patchreconciliation with the baseline in PostGIS (EPSG:4549 and 4528) answers as with the GeoPackage:
    every field of every row of the three outputs, and the read happens on the server (no fallback)."""
    runs = {}
    for name, baseline in (("gpkg", None), ("4549", pg_layer(pg_baseline, "4549")),
                           ("4528", pg_layer(pg_baseline, "4528"))):
        folder = tmp_path / name
        folder.mkdir()
        params = demo_params(demo_gpkg, folder)
        if baseline is not None:
            params["BASELINE"] = baseline
        feedback = Recorder()
        result = processing.run(ALG, params, feedback=feedback)
        assert not any(FALLBACK in line for line in feedback.said), name
        runs[name] = result
    expected = runs["gpkg"]
    for name in ("4549", "4528"):
        result = runs[name]
        assert result["COUNTY_RATIO"] == pytest.approx(expected["COUNTY_RATIO"], abs=1e-9)
        assert result["DISCREPANCY_COUNT"] == expected["DISCREPANCY_COUNT"]
        for output in ("OUTPUT", "OUTPUT_DISCREPANCIES", "OUTPUT_TOWNS"):
            assert rows_of(result[output]) == rows_of(expected[output]), (name, output)


def rows_of(path: str) -> list:
    """The attribute rows of an output, floats to 1e-4 m2 (reprojection moves vertices by ~1e-9 m)."""
    layer = QgsVectorLayer(path, "out", "ogr")
    rows = []
    for feature in layer.getFeatures():
        rows.append(tuple(round(v, 4) if isinstance(v, float) else v for v in feature.attributes()[1:]))
    assert rows
    return sorted(rows, key=repr)


def test_cancel_interrupts_the_statement(demo_gpkg, pg_baseline, provider):
    """A cancel while the server works ends the read at once (the statement is cancelled on the server)."""
    layer = pg_layer(pg_baseline, "4549")
    windows = demo_windows(demo_gpkg)
    feedback = QgsProcessingFeedback()
    timer = threading.Timer(0.5, feedback.cancel)
    timer.start()
    started = time.perf_counter()
    slow = "(SELECT pg_sleep(20)) IS NOT NULL"  # the server would work 20 s
    assert read_postgis_near(layer, ["DLBM"], windows, feedback, slow) is None
    assert time.perf_counter() - started < 10
    timer.join()
    cancelled = QgsProcessingFeedback()
    cancelled.cancel()
    assert read_postgis_near(layer, ["DLBM"], windows, cancelled) is None
    # the server is free again for the next read
    assert len(read_postgis_near(layer, ["DLBM"], windows)[0]) > 50


@pytest.mark.parametrize("authcfg", ["", "zz99999"])
def test_unresolvable_credentials_fall_back_with_a_log_line(demo_gpkg, pg_baseline, provider, authcfg):
    """A connection the server refuses (here: a role it does not know; also with an authentication
    configuration QGIS does not have, which it expands to nothing without asking) gives None and says why."""
    from qgis.core import QgsCoordinateReferenceSystem

    layer = pg_layer(pg_baseline, "4549", user="nobody_here")
    if authcfg:
        uri = QgsDataSourceUri(layer.source())
        uri.setAuthConfigId(authcfg)
        layer = QgsVectorLayer(uri.uri(False), "baseline_pg_4549", "postgres")
        assert f"authcfg={authcfg}" in layer.source()
    layer.setCrs(QgsCoordinateReferenceSystem("EPSG:4549"))  # QGIS could not open it either; the CRS is known
    feedback = Recorder()
    assert read_postgis_near(layer, ["DLBM"], demo_windows(demo_gpkg), feedback) is None
    assert any("no connection of its own" in line and "nobody_here" in line for line in feedback.said)


def test_unsaved_edits_are_read_through_qgis(demo_gpkg, pg_baseline, provider, tmp_path):
    """A layer with unsaved edits is not read behind QGIS's back: the edit is in the answer."""
    layer = pg_layer(pg_baseline, "4549")
    windows = demo_windows(demo_gpkg)
    ids, _, cols = read_postgis_near(layer, ["DLBM"], windows)
    assert layer.startEditing()
    try:
        assert layer.changeAttributeValue(int(ids[0]), layer.fields().indexOf("DLBM"), "9999")
        assert read_postgis_near(layer, ["DLBM"], windows) is None
        ids_q, _, cols_q = read_near(layer, ["DLBM"], windows, QgsProcessingContext(), QgsProcessingFeedback())
        assert cols_q["DLBM"][ids_q.tolist().index(int(ids[0]))] == "9999"
    finally:
        layer.rollBack()
    assert cols["DLBM"][0] != "9999"


def test_text_key_and_typed_fields_read_as_qgis_reads_them(demo_gpkg, pg_baseline, provider):
    """A table keyed by text, with numeric, date and timestamp fields: the server read gives the rows and
    values QGIS's provider gives (numeric as float, dates as ISO text), ids numbered in key order."""
    import psycopg2

    server, schema = pg_baseline["server"], pg_baseline["schema"]
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
    conn.autocommit = True
    cursor = conn.cursor()
    cursor.execute(f"CREATE TABLE {schema}.typed AS SELECT 'K' || fid AS code, geom, \"DLBM\", "
                   f"\"KCXS\"::numeric(6, 4) AS kcxs_num, date '2024-03-01' + (fid % 30) AS rq, "
                   f"timestamp '2024-03-01 08:30:15' + fid * interval '1 minute' AS ts FROM {schema}.b4549")
    cursor.execute(f"ALTER TABLE {schema}.typed ADD PRIMARY KEY (code)")
    cursor.execute(f"CREATE INDEX ON {schema}.typed USING gist (geom)")
    conn.close()
    uri = QgsDataSourceUri()
    uri.setConnection(server["host"], str(server["port"]), server["dbname"], "postgres", "")
    uri.setDataSource(schema, "typed", "geom", "", "code")
    layer = QgsVectorLayer(uri.uri(False), "typed", "postgres")
    assert layer.isValid()
    fields = ["DLBM", "kcxs_num", "rq", "ts"]
    windows = demo_windows(demo_gpkg)
    ids, geoms, cols = read_postgis_near(layer, fields, windows)
    assert ids.tolist() == list(range(len(ids))) and len(ids) > 50
    _, geoms_q, cols_q = read_near(layer, fields, windows, QgsProcessingContext(), QgsProcessingFeedback())

    def rows(geometries, columns):
        return sorted(zip(shapely.to_wkb(geometries, hex=True).tolist(), *(columns[f] for f in fields)))

    ours, theirs = rows(geoms, cols), rows(geoms_q, cols_q)
    assert ours == theirs
    assert isinstance(ours[0][2], float) and len(ours[0][3]) == 10 and ours[0][4][10] == "T"


def test_curved_polygons_come_back_linear(pg_baseline, provider):
    """A MultiSurface column (a circle as a CurvePolygon): the server makes it linear, nothing is lost."""
    import psycopg2

    server, schema = pg_baseline["server"], pg_baseline["schema"]
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
    conn.autocommit = True
    cursor = conn.cursor()
    cursor.execute(f'CREATE TABLE {schema}.curvy (fid serial PRIMARY KEY, "DLBM" text, '
                   "geom geometry(MultiSurface, 4549))")
    cursor.execute(f"INSERT INTO {schema}.curvy (\"DLBM\", geom) VALUES ('0101', ST_GeomFromText("
                   "'MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(500000 3400000, 500100 3400000, 500000 3400000)))', "
                   "4549))")
    conn.close()
    uri = QgsDataSourceUri()
    uri.setConnection(server["host"], str(server["port"]), server["dbname"], "postgres", "")
    uri.setDataSource(schema, "curvy", "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), "curvy", "postgres")
    assert layer.isValid()
    ids, geoms, cols = read_postgis_near(layer, ["DLBM", "fid"], [(500040.0, 3399990.0, 500060.0, 3400010.0)])
    assert ids.tolist() == [1] and cols["DLBM"] == ["0101"] and cols["fid"] == [1]  # the key as a field too
    assert geoms[0] is not None and geoms[0].area == pytest.approx(np.pi * 50 ** 2, rel=1e-3)


def _sql(pg_baseline, *statements) -> None:
    import psycopg2

    server = pg_baseline["server"]
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
    conn.autocommit = True
    for statement in statements:
        conn.cursor().execute(statement)
    conn.close()


def test_input_checks_ask_the_servers_statistics(pg_baseline, provider):
    """The CRS and emptiness checks of a PostGIS layer use ST_EstimatedExtent and one EXISTS (not the provider's
    full-table ST_Extent and count): the same verdicts, and none where the server has no statistics."""
    from qgis.core import QgsProcessingException

    from land_supervision.inputs.checks import check_crs, check_not_empty
    from land_supervision.inputs.postgis_near import estimated_facts

    schema = pg_baseline["schema"]
    _sql(pg_baseline, f"CREATE TABLE {schema}.stats AS SELECT * FROM {schema}.b4549",
         f"ALTER TABLE {schema}.stats ADD PRIMARY KEY (fid)")
    server = pg_baseline["server"]

    def layer_of(table: str, subset: str = "", estimated: bool = False) -> QgsVectorLayer:
        uri = QgsDataSourceUri()
        uri.setConnection(server["host"], str(server["port"]), server["dbname"], "postgres", "")
        uri.setDataSource(schema, table, "geom", subset, "fid")
        uri.setUseEstimatedMetadata(estimated)
        layer = QgsVectorLayer(uri.uri(False), table, "postgres")
        assert layer.isValid()
        return layer

    assert estimated_facts(layer_of("stats")) is None  # never analysed: QGIS's provider answers
    _sql(pg_baseline, f"ANALYZE {schema}.stats")
    layer = layer_of("stats")
    corners, has_rows = estimated_facts(layer)
    extent = layer.extent()
    assert has_rows
    assert corners == pytest.approx((extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()),
                                    abs=2000.0)  # statistics' histogram bounds, not exact
    check_crs(layer, "stats", layer)  # fits EPSG:4549
    assert estimated_facts(layer_of("stats", estimated=True)) is None  # the provider estimates itself
    nothing = layer_of("stats", subset="fid < 0")
    assert estimated_facts(nothing)[1] is False
    with pytest.raises(QgsProcessingException, match="'stats_empty' is empty"):
        check_not_empty(nothing, "stats_empty", nothing)
    # zone-prefixed eastings in a column that says EPSG:4549: refused on the estimated extent
    _sql(pg_baseline, f"CREATE TABLE {schema}.misread AS SELECT fid, dlbm, "
                      f"ST_SetSRID(geom, 4549)::geometry(MultiPolygon, 4549) AS geom FROM {schema}.b4528",
         f"ALTER TABLE {schema}.misread ADD PRIMARY KEY (fid)", f"ANALYZE {schema}.misread")
    misread = layer_of("misread")
    assert estimated_facts(misread)[0][0] > 40_000_000
    with pytest.raises(QgsProcessingException, match="misread.*EPSG:4528"):
        check_crs(misread, "misread", misread)
