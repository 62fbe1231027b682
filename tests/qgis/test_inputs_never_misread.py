"""Issue 13 part 2, never misread: real files (shapefiles with and without .cpg, GBK text, a GeoPackage whose
CRS metadata is wrong) through processing.run; every misreading is refused with a message naming the layer."""

from __future__ import annotations

import sqlite3

import processing
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from land_supervision.qgis_compat import FieldType, InvalidGeometryCheck, VectorWriter

X0, Y0 = 605_000.0, 3_379_000.0
_TYPES = {str: FieldType.String, float: FieldType.Double, int: FieldType.LongLong}


def write_layer(path, geometry_type: str, crs: str, fields, rows, encoding="UTF-8", layer_name=None):
    """A shapefile or GeoPackage at ``path`` with ``rows`` (wkt, values...); returns its source text."""
    memory = QgsVectorLayer(f"{geometry_type}?crs={crs}", "m", "memory")
    memory.dataProvider().addAttributes([QgsField(n, _TYPES[t]) for n, t in fields])
    memory.updateFields()
    features = []
    for wkt, *values in rows:
        feature = QgsFeature(memory.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    memory.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG" if str(path).endswith(".gpkg") else "ESRI Shapefile"
    options.fileEncoding = encoding
    if layer_name:
        options.layerName = layer_name
    error = QgsVectorFileWriter.writeAsVectorFormatV2(memory, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == VectorWriter.NoError, error
    return f"{path}|layername={layer_name}" if layer_name else str(path)


def without_cpg(path, ldid=0x00):
    """Remove the .cpg and the code-page byte of a shapefile: its text is then undeclared."""
    path.with_suffix(".cpg").unlink(missing_ok=True)
    data = bytearray(path.with_suffix(".dbf").read_bytes())
    data[29] = ldid
    path.with_suffix(".dbf").write_bytes(bytes(data))


def set_gpkg_crs(path, table: str, srs_id: int) -> None:
    """Write wrong CRS metadata into a GeoPackage (the coordinates stay as they are)."""
    wkt = QgsCoordinateReferenceSystem(f"EPSG:{srs_id}").toWkt()
    db = sqlite3.connect(str(path))
    try:
        if not db.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone():
            db.execute("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id,"
                       " definition) VALUES (?, ?, 'EPSG', ?, ?)", (f"EPSG:{srs_id}", srs_id, srs_id, wkt))
        db.execute("UPDATE gpkg_geometry_columns SET srs_id = ? WHERE table_name = ?", (srs_id, table))
        db.execute("UPDATE gpkg_contents SET srs_id = ? WHERE table_name = ?", (srs_id, table))
        db.commit()
    finally:
        db.close()


def box(x1, y1, x2, y2, dx=0.0):
    return shapely.box(X0 + dx + x1, Y0 + y1, X0 + dx + x2, Y0 + y2).wkt


def zones_file(tmp_path, dx=0.0, crs="EPSG:4549", name="zones.shp", encoding="UTF-8"):
    strict = box(0, 0, 1000, 1000, dx)
    use = shapely.from_wkt(box(-1000, -1000, 2000, 2000, dx)).difference(shapely.from_wkt(strict)).wkt
    return write_layer(tmp_path / name, "Polygon", crs, [("GKFQ", str)], [(strict, "严格管控区"), (use, "合理利用区")],
                       encoding=encoding)


def activities_file(tmp_path, dx=0.0, crs="EPSG:4549", name="acts.shp", encoding="UTF-8", rows=None):
    rows = rows or [(box(100, 100, 200, 200, dx), "A1", "风电"), (box(1500, 1500, 1600, 1600, dx), "A2", "风电")]
    return write_layer(tmp_path / name, "Polygon", crs, [("HDBH", str), ("HDLX", str)], rows, encoding=encoding)


def refused(alg: str, params: dict, context=None) -> str:
    """The message of the refusal (not pytest.raises: a kept traceback keeps Processing's context alive)."""
    try:
        processing.run(alg, params, context=context)
    except QgsProcessingException as exc:
        return str(exc)
    raise AssertionError(f"{alg} did not refuse")


def no_geometry_check():
    """A context that lets invalid geometries through (the QGIS option 'Do not filter'), as a user may set."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
    return context


# --- 1. coordinates that do not fit the layer's CRS -------------------------------------------------------------

def test_zone_prefixed_eastings_under_4549_refused_in_zoning(tmp_path, provider):
    zones = zones_file(tmp_path, dx=40_000_000.0, name="zones_prefixed.shp")
    acts = activities_file(tmp_path, dx=40_000_000.0)
    message = refused("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": acts, "OUTPUT": "memory:"})
    assert "zones_prefixed" in message and "EPSG:4549" in message and "EPSG:4528" in message and "40" in message


@pytest.mark.parametrize("alg", ["zoneaccounting", "vesselintrusions"])
def test_zone_prefixed_zones_refused_in_accounting_and_intrusions(tmp_path, provider, alg):
    """(today zoneaccounting gave nan 公顷 and vesselintrusions 0 episodes)"""
    zones = zones_file(tmp_path, dx=40_000_000.0, name="zones_prefixed.shp")
    params = {"ZONES": zones, "OUTPUT": "memory:"}
    if alg == "vesselintrusions":
        params.update(TRACKS=tracks_file(tmp_path, [(f"POINT({X0} {Y0})", "V1", "2024-05-01T08:00:00")]),
                      MONTHLY="memory:")
    message = refused(f"landsupervision:{alg}", params)
    assert "zones_prefixed" in message and "EPSG:4528" in message


def test_three_point_ring_named(tmp_path, provider):
    zones = zones_file(tmp_path)
    ring = f"POLYGON(({X0 + 100} {Y0 + 100}, {X0 + 200} {Y0 + 100}, {X0 + 100} {Y0 + 100}))"
    acts = write_layer(tmp_path / "acts.gpkg", "Polygon", "EPSG:4549", [("HDBH", str), ("HDLX", str)],
                       [(box(100, 100, 200, 200), "A1", "风电"), (ring, "A2", "风电")], layer_name="acts3")
    message = refused("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": acts, "OUTPUT": "memory:"},
                      no_geometry_check())
    assert "acts3" in message and "2" in message and "ring" in message


def tracks_file(tmp_path, rows, fields=(("CBBH", str), ("SJ", str)), name="tracks.gpkg"):
    return write_layer(tmp_path / name, "Point", "EPSG:4549", list(fields), rows, layer_name="tracks")


@pytest.mark.parametrize("bad", ["null", "empty", "nan"])
def test_bad_track_points_named(tmp_path, provider, bad):
    zones = zones_file(tmp_path)
    wkt = {"null": None, "empty": "POINT EMPTY", "nan": "POINT(nan nan)"}[bad]
    rows = [(f"POINT({X0 + 500} {Y0 + 500})", "V1", "2024-05-01T08:00:00"),
            (wkt, "V1", "2024-05-01T08:10:00"),
            (f"POINT({X0 + 600} {Y0 + 500})", "V1", "2024-05-01T08:20:00")]
    tracks = tracks_file(tmp_path, rows)
    result = processing.run("landsupervision:vesselintrusions", {
        "ZONES": zones, "TRACKS": tracks, "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert result["EPISODES"] == 1 and result["SKIPPED_ROWS"] == 1


def test_same_field_for_vessel_and_time_refused(tmp_path, provider):
    zones = zones_file(tmp_path)
    tracks = tracks_file(tmp_path, [(f"POINT({X0 + 500} {Y0 + 500})", "V1", "2024-05-01T08:00:00")])
    message = refused("landsupervision:vesselintrusions", {
        "ZONES": zones, "TRACKS": tracks, "VESSEL_FIELD": "SJ", "TIME_FIELD": "SJ", "OUTPUT": "memory:",
        "MONTHLY": "memory:"})
    assert "tracks" in message and "SJ" in message


# --- 2. GBK text without .cpg, in every tool ---------------------------------------------------------------------

def features_of(layer):
    layer = QgsVectorLayer(layer, "out", "ogr") if isinstance(layer, str) else layer
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


@pytest.mark.parametrize("ldid", [0x00, 0x4D])
def test_gbk_zones_and_activities_without_cpg(tmp_path, provider, ldid):
    zones = zones_file(tmp_path, encoding="GBK", name="zones_gbk.shp")
    acts = activities_file(tmp_path, encoding="GBK", name="acts_gbk.shp")
    for path in ("zones_gbk.shp", "acts_gbk.shp"):
        without_cpg(tmp_path / path, ldid)
    result = processing.run("landsupervision:zoningconformance", {"ZONES": zones, "ACTIVITIES": acts,
                                                                  "OUTPUT": "memory:"})
    verdicts = {row["HDBH"]: row["JL"] for row in features_of(result["OUTPUT"])}
    assert verdicts == {"A1": "禁止", "A2": "禁止"}  # 风电 is 禁止 in both zones by the default matrix
    assert result["UNKNOWN"] == 0


def test_gbk_vessel_ids_without_cpg(tmp_path, provider):
    zones = zones_file(tmp_path)
    rows = [(f"POINT({X0 + 500} {Y0 + 500})", "浙平渔01", "2024-05-01T08:00:00"),
            (f"POINT({X0 + 600} {Y0 + 500})", "浙平渔01", "2024-05-01T08:10:00")]
    path = tmp_path / "tracks_gbk.shp"
    write_layer(path, "Point", "EPSG:4549", [("CBBH", str), ("SJ", str)], rows, encoding="GBK")
    without_cpg(path)
    result = processing.run("landsupervision:vesselintrusions", {
        "ZONES": zones, "TRACKS": str(path), "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert [row["CBBH"] for row in features_of(result["OUTPUT"])] == ["浙平渔01"]


def test_encoding_override(tmp_path, provider, monkeypatch):
    """The override names the encoding of a .dbf that declares none (here: its GBK text read as Latin-1)."""
    zones = zones_file(tmp_path)
    rows = [(f"POINT({X0 + 500} {Y0 + 500})", "浙平渔01", "2024-05-01T08:00:00")]
    path = tmp_path / "tracks_gbk.shp"
    write_layer(path, "Point", "EPSG:4549", [("CBBH", str), ("SJ", str)], rows, encoding="GBK")
    without_cpg(path)
    monkeypatch.setenv("LAND_SUPERVISION_DBF_ENCODING", "ISO-8859-1")
    result = processing.run("landsupervision:vesselintrusions", {
        "ZONES": zones, "TRACKS": str(path), "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert [row["CBBH"] for row in features_of(result["OUTPUT"])] == ["浙平渔01".encode("gbk").decode("latin-1")]


# --- the patrol: a stand-alone GBK .dbf, numbers as text, an empty baseline, wrong CRS metadata, unsaved edits ---

def export(layer_text, path, encoding="UTF-8"):
    """A copy of a layer as a shapefile (a stand-alone .dbf for a table) at ``path``."""
    source = QgsVectorLayer(layer_text, "source", "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = encoding
    error = QgsVectorFileWriter.writeAsVectorFormatV2(source, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == VectorWriter.NoError, error
    return str(path)


@pytest.fixture(scope="module")
def patrol_scene(tmp_path_factory):
    from tests.qgis.test_patrol_reconciliation import write_scene

    return write_scene(tmp_path_factory.mktemp("patrol_inputs") / "scene.gpkg")


def patrol_params(layers, tmp_path, **extra):
    from tests.qgis.test_patrol_reconciliation import params

    return params(layers, tmp_path, **extra)


COUNTY_RATIO = 100 * 70250 / 144250  # the hand-built scene's answer (tests/qgis/test_patrol_reconciliation.py)


def test_standalone_gbk_verification_dbf(patrol_scene, tmp_path, provider):
    dbf = tmp_path / "verification.dbf"
    export(patrol_scene["verification"], tmp_path / "verification", encoding="GBK")  # no geometry: a .dbf
    without_cpg(dbf)
    assert not dbf.with_suffix(".shp").exists()
    result = processing.run("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path,
                                                                                 VERIFICATION=str(dbf)))
    assert result["COUNTY_RATIO"] == pytest.approx(COUNTY_RATIO, abs=0.01)


def verification_with_text_areas(layers, tmp_path, text):
    """The verification table with JCGDMJ stored as text, written by ``text(value)``."""
    source = QgsVectorLayer(layers["verification"], "v", "ogr")
    fields = [(f.name(), str) for f in source.fields() if f.name() != "fid"]
    rows = [(None, *[text(f[n]) if n == "JCGDMJ" else f[n] for n, _ in fields]) for f in source.getFeatures()]
    rows = [tuple("" if v is None or str(v) == "NULL" else v for v in row[1:]) for row in rows]
    return write_layer(tmp_path / "ver_text.gpkg", "None", "EPSG:4549", fields, [(None, *r) for r in rows],
                       layer_name="verification_text")


def test_numbers_as_text_with_decimal_comma(patrol_scene, tmp_path, provider):
    plain = processing.run("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path))
    comma = verification_with_text_areas(patrol_scene, tmp_path, lambda v: str(v).replace(".", ","))
    result = processing.run("landsupervision:patchreconciliation", patrol_params(
        patrol_scene, tmp_path, VERIFICATION=comma, OUTPUT=str(tmp_path / "o2.gpkg"),
        OUTPUT_DISCREPANCIES=str(tmp_path / "d2.gpkg"), OUTPUT_TOWNS=str(tmp_path / "t2.gpkg")))
    assert result["DISCREPANCY_COUNT"] == plain["DISCREPANCY_COUNT"]
    assert result["COUNTY_RATIO"] == pytest.approx(plain["COUNTY_RATIO"])


def test_unreadable_number_names_layer_feature_field(patrol_scene, tmp_path, provider):
    bad = verification_with_text_areas(patrol_scene, tmp_path, lambda v: "一万" if v else v)
    message = refused("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path, VERIFICATION=bad))
    assert "verification_text" in message and "JCGDMJ" in message and "一万" in message and "feature" in message


def test_empty_baseline_refused(patrol_scene, tmp_path, provider):
    empty = write_layer(tmp_path / "empty.gpkg", "Polygon", "EPSG:4549", [("DLBM", str), ("KCXS", float)], [],
                        layer_name="dltb_empty")
    message = refused("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path, BASELINE=empty))
    assert "dltb_empty" in message and "empty" in message


def test_gpkg_with_wrong_crs_metadata_refused(patrol_scene, tmp_path, provider):
    """A baseline GeoPackage in EPSG:4528 coordinates whose metadata says EPSG:4549 (the fast SQLite reader too)."""
    path = tmp_path / "dltb_4528.gpkg"
    source = QgsVectorLayer(patrol_scene["baseline"], "b", "ogr")
    rows = []
    for f in source.getFeatures():
        geom = shapely.from_wkb(bytes(f.geometry().asWkb()))
        rows.append((shapely.transform(geom, lambda xy: xy + [40_000_000.0, 0.0]).wkt, f["DLBM"], f["KCXS"]))
    uri = write_layer(path, "MultiPolygon", "EPSG:4528", [("DLBM", str), ("KCXS", float)], rows,
                      layer_name="dltb")
    set_gpkg_crs(path, "dltb", 4549)
    layer = QgsVectorLayer(uri, "dltb", "ogr")
    assert layer.crs().authid() == "EPSG:4549"
    del layer
    message = refused("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path, BASELINE=uri))
    assert "dltb" in message and "EPSG:4549" in message and "EPSG:4528" in message


# --- the ledger's allocation check, the atlas and the report: no CRS, empty, prefixed, numbers as text ------------

BUREAU = "land_supervision/resources/ledger/bureau_transactions.csv"


@pytest.fixture
def ledger(tmp_path, provider):
    path = str(tmp_path / "l.gpkg")
    processing.run("landsupervision:ledgerimport", {"LEDGER": path, "INPUT": BUREAU})
    return path


def baseline_copy(demo_gpkg, path, name, kcxs_text=None, dx=0.0, crs="EPSG:4549"):
    """demo_baseline_dltb copied (optionally shifted by ``dx``, KCXS as text written by ``kcxs_text``)."""
    source = QgsVectorLayer(f"{demo_gpkg}|layername=demo_baseline_dltb", "b", "ogr")
    kind = str if kcxs_text else float
    rows = []
    for f in source.getFeatures():
        geom = shapely.from_wkb(bytes(f.geometry().asWkb()))
        if dx:
            geom = shapely.transform(geom, lambda xy: xy + [dx, 0.0])
        kcxs = f["KCXS"]
        rows.append((geom.wkt, f["DLBM"], kcxs_text(kcxs) if kcxs_text else kcxs))
    return write_layer(path, "MultiPolygon", crs, [("DLBM", str), ("KCXS", kind)], rows, layer_name=name)


def test_check_allocation_kcxs_as_text_with_decimal_comma(demo_gpkg, ledger, tmp_path):
    plain = processing.run("landsupervision:ledgercheckallocation", {
        "LEDGER": ledger, "BASELINE": f"{demo_gpkg}|layername=demo_baseline_dltb", "OUTPUT": "memory:"})
    text = baseline_copy(demo_gpkg, tmp_path / "b.gpkg", "dltb_text", lambda v: f"{v:.4f}".replace(".", ","))
    result = processing.run("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": text,
                                                                     "OUTPUT": "memory:"})
    assert result["SHORT_PROJECTS"] == plain["SHORT_PROJECTS"] == 5
    need = {(f["project_id"], f["requirement"]): f["need"] for f in plain["OUTPUT"].getFeatures()}
    assert {(f["project_id"], f["requirement"]): f["need"] for f in result["OUTPUT"].getFeatures()} == \
        pytest.approx(need)


def test_check_allocation_refuses_empty_prefixed_and_crs_less_baselines(demo_gpkg, ledger, tmp_path):
    empty = write_layer(tmp_path / "e.gpkg", "Polygon", "EPSG:4549", [("DLBM", str), ("KCXS", float)], [],
                        layer_name="dltb_empty")
    message = refused("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": empty,
                                                                "OUTPUT": "memory:"})
    assert "dltb_empty" in message and "empty" in message
    prefixed = baseline_copy(demo_gpkg, tmp_path / "p.gpkg", "dltb_prefixed", dx=40_000_000.0)
    message = refused("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": prefixed,
                                                                "OUTPUT": "memory:"})
    assert "dltb_prefixed" in message and "EPSG:4528" in message
    no_crs = QgsVectorLayer("Polygon?field=DLBM:string&field=KCXS:double", "dltb_no_crs", "memory")
    no_crs.setCrs(QgsCoordinateReferenceSystem())
    feature = QgsFeature(no_crs.fields())
    feature.setAttributes(["0101", 0.0])
    feature.setGeometry(QgsGeometry.fromWkt(box(0, 0, 100, 100)))
    no_crs.dataProvider().addFeatures([feature])
    message = refused("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": no_crs,
                                                                "OUTPUT": "memory:"})
    assert "dltb_no_crs" in message and "coordinate reference system" in message


def crs_less(name, fields=""):
    layer = QgsVectorLayer(f"Polygon{'?' + fields if fields else ''}", name, "memory")
    layer.setCrs(QgsCoordinateReferenceSystem())
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt(box(0, 0, 100, 100)))
    layer.dataProvider().addFeatures([feature])
    return layer


def test_layer_without_crs_refused_by_name_in_post_atlas_and_report(ledger, tmp_path):
    project = crs_less("project_no_crs")
    message = refused("landsupervision:ledgerpost", {
        "LEDGER": ledger, "TXN_TYPE": 6, "YEAR": 2024, "PLAN": "90", "PROJECT_ID": "LL-1", "BATCH_NO": "2024-5",
        "PROJECT_NAME": "无坐标系项目", "PROJECT_GEOMETRY": project})
    assert "project_no_crs" in message and "coordinate reference system" in message
    patches, towns = crs_less("patches_no_crs"), crs_less("towns_no_crs")
    message = refused("landsupervision:patchatlas", {"PATCHES": patches, "TOWNS": towns,
                                                    "OUTPUT": str(tmp_path / "atlas.pdf")})
    assert "patches_no_crs" in message and "coordinate reference system" in message
    plots, projects = crs_less("plots_no_crs"), crs_less("projects_no_crs")
    message = refused("landsupervision:reclamationreport", {"PLOTS": plots, "PROJECTS": projects,
                                                           "OUTPUT": str(tmp_path / "report.pdf")})
    assert "plots_no_crs" in message and "coordinate reference system" in message
    assert not (tmp_path / "atlas.pdf").exists() and not (tmp_path / "report.pdf").exists()


# --- degrees under a projected CRS, metres under EPSG:4490, the zone prefix missing under EPSG:4528 ---------------

def test_degrees_under_projected_and_metres_under_4490(tmp_path, provider):
    acts = activities_file(tmp_path)
    degrees = write_layer(tmp_path / "zones_deg.shp", "Polygon", "EPSG:4549", [("GKFQ", str)],
                          [(shapely.box(121.0, 30.6, 121.01, 30.61).wkt, "严格管控区")])
    message = refused("landsupervision:zoningconformance", {"ZONES": degrees, "ACTIVITIES": acts,
                                                            "OUTPUT": "memory:"})
    assert "zones_deg" in message and "degrees" in message and "EPSG:4490" in message
    zones = zones_file(tmp_path)
    metres = activities_file(tmp_path, crs="EPSG:4490", name="acts_metres.shp")
    message = refused("landsupervision:zoneaccounting", {"ZONES": zones, "LAND": metres, "OUTPUT": "memory:"})
    assert "acts_metres" in message and "metres" in message and "EPSG:4549" in message


def test_missing_zone_prefix_under_4528(tmp_path, provider):
    zones = zones_file(tmp_path, crs="EPSG:4528", name="zones_4528.shp")
    message = refused("landsupervision:vesselintrusions", {
        "ZONES": zones, "TRACKS": tracks_file(tmp_path, [(f"POINT({X0} {Y0})", "V1", "2024-05-01T08:00:00")]),
        "OUTPUT": "memory:", "MONTHLY": "memory:"})
    assert "zones_4528" in message and "no zone prefix" in message and "EPSG:4549" in message


# --- 4. unsaved edits are read, not the file behind QGIS's back ---------------------------------------------------

def test_patrol_reads_unsaved_edits_of_the_baseline(patrol_scene, tmp_path, provider):
    """The baseline GeoPackage as a layer with unsaved edits (every class made 1001): the edits count."""
    saved = processing.run("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path))
    layer = QgsVectorLayer(patrol_scene["baseline"], "baseline", "ogr")
    assert layer.startEditing()
    index = layer.fields().indexOf("DLBM")
    for feature in layer.getFeatures():
        layer.changeAttributeValue(feature.id(), index, "1001")
    assert layer.isModified()
    edited = processing.run("landsupervision:patchreconciliation", patrol_params(
        patrol_scene, tmp_path, BASELINE=layer, OUTPUT=str(tmp_path / "o2.gpkg"),
        OUTPUT_DISCREPANCIES=str(tmp_path / "d2.gpkg"), OUTPUT_TOWNS=str(tmp_path / "t2.gpkg")))
    layer.rollBack()
    assert saved["COUNTY_RATIO"] == pytest.approx(COUNTY_RATIO, abs=0.01)
    assert not edited["COUNTY_RATIO"]  # no 耕地 left in the edited baseline: nothing of it is taken


def test_fast_patch_read_takes_unsaved_edits(patrol_scene, tmp_path, provider):
    layer = QgsVectorLayer(patrol_scene["patches"], "patches", "ogr")
    assert layer.startEditing()
    first = next(layer.getFeatures())
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("JCBH"), "EDITED-1")
    result = processing.run("landsupervision:patchreconciliation", patrol_params(patrol_scene, tmp_path,
                                                                                 PATCHES=layer))
    layer.rollBack()
    assert "EDITED-1" in {row["JCBH"] for row in features_of(result["OUTPUT"])}


# --- the command line: the same reader ----------------------------------------------------------------------------

def test_qgis_process_gbk_without_cpg_and_prefixed_refusal(tmp_path, provider):
    import json

    from tests.conftest import run_qgis_process

    zones = zones_file(tmp_path, encoding="GBK", name="zones_gbk.shp")
    acts = activities_file(tmp_path, encoding="GBK", name="acts_gbk.shp")
    for path in ("zones_gbk.shp", "acts_gbk.shp"):
        without_cpg(tmp_path / path)
    out = tmp_path / "conf.gpkg"
    proc = run_qgis_process("run", "landsupervision:zoningconformance", "--json", "--", f"ZONES={zones}",
                            f"ACTIVITIES={acts}", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["PROHIBITED"] == 2 and results["UNKNOWN"] == 0
    assert "GBK" in proc.stdout + proc.stderr  # the guess is said in the log
    prefixed = zones_file(tmp_path, dx=40_000_000.0, name="zones_prefixed.shp")
    proc = run_qgis_process("run", "landsupervision:zoningconformance", "--", f"ZONES={prefixed}",
                            f"ACTIVITIES={acts}", f"OUTPUT={tmp_path / 'x.gpkg'}")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "zones_prefixed" in output and "EPSG:4528" in output
    assert "Traceback" not in output and not (tmp_path / "x.gpkg").exists()
