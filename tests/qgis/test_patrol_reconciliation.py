"""landsupervision:patchreconciliation through processing.run and qgis_process on the hand-built scene of
tests/core/test_patrol_reconcile.py (answers worked out by hand in planar m2; the algorithm reports
CGCS2000 ellipsoidal areas, which here, 100 km east of 120E, are 0.025% smaller - hence rel=5e-4)."""

from __future__ import annotations

import json

import numpy as np
import processing
import pytest
import shapely
import shapely.affinity
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsVectorLayer

from land_supervision.algorithms.layer_io import write_gpkg
from land_supervision.core.geodesy import transform_geometries
from land_supervision.core.tables import FeatureTable
from tests.conftest import run_qgis_process
from tests.core.test_patrol_reconcile import APPROVALS, PATCHES, ROWS, scene

ALG = "landsupervision:patchreconciliation"
SUBTYPE_LAYERS = {"conversion": "批复_农转用", "supply": "approvals_gd", "temporary": "approvals_lsyd",
                  "facility": "approvals_ssnyd", "advance": "approvals_xxyd"}


def write_scene(path, towns_crs="EPSG:4490", farmland_crs="EPSG:4528", gbk_free=True):
    patches, verification, approvals, baseline, towns, farmland = scene()
    tables = [
        FeatureTable("patches", [("JCBH", "str"), ("XZQDM", "str"), ("JCMJ", "float")],
                     {"JCBH": [k for k, _ in PATCHES], "XZQDM": ["330482"] * len(PATCHES),
                      "JCMJ": [round(float(shapely.area(g)) / 666.6667, 2) for _, g in PATCHES]},
                     np.array([g for _, g in PATCHES], dtype=object), "Polygon"),
        FeatureTable("verification", [(f, "str") for f in ("JCBH", "PDJG", "HFLX", "WFLX")]
                     + [("JCGDMJ", "float"), ("ZYJJBNTMJ", "float"), ("PZWH", "str"), ("ZGZT", "str"),
                        ("SFPC", "str"), ("ZGCS", "str")],
                     {name: [r[i] for r in ROWS] for i, name in enumerate(
                         ["JCBH", "PDJG", "HFLX", "WFLX", "JCGDMJ", "ZYJJBNTMJ", "PZWH", "ZGZT", "SFPC", "ZGCS"])}),
        FeatureTable("baseline", [("DLBM", "str"), ("KCXS", "float")],
                     {"DLBM": baseline.dlbm, "KCXS": baseline.kcxs}, baseline.geometry, "Polygon"),
        FeatureTable("towns", [("XZQMC", "str"), ("XZQDM", "str")], {"XZQMC": towns.names, "XZQDM": towns.codes},
                     transform_geometries(towns.geometry, "EPSG:4549", towns_crs), "Polygon", towns_crs),
        FeatureTable("farmland", [("BH", "str")], {"BH": ["F1"]},
                     transform_geometries(farmland, "EPSG:4549", farmland_crs), "Polygon", farmland_crs),
    ]
    for key, name in SUBTYPE_LAYERS.items():
        sel = [i for i, a in enumerate(APPROVALS) if a[2] == key]
        fields = [("PZWH", "str")] if key == "supply" else [("PZWH", "str"), ("PZLX", "str")]
        columns = {"PZWH": [APPROVALS[i][1] for i in sel], "PZLX": [key_zh(key)] * len(sel)}
        tables.append(FeatureTable(name, fields, columns, np.array([APPROVALS[i][0] for i in sel], dtype=object),
                                   "Polygon"))
    write_gpkg(str(path), tables, QgsProcessingContext())
    return {name: f"{path}|layername={name}" for name in
            ["patches", "verification", "baseline", "towns", "farmland", *SUBTYPE_LAYERS.values()]}


def key_zh(key):
    return {"conversion": "农转用/征收批复", "supply": "供地", "temporary": "临时用地", "facility": "设施农用地",
            "advance": "先行用地"}[key]


def params(layers, tmp_path, **extra):
    out = {"PATCHES": layers["patches"], "VERIFICATION": layers["verification"], "BASELINE": layers["baseline"],
           "TOWNS": layers["towns"], "FARMLAND": layers["farmland"],
           "APPROVALS": [layers[n] for n in SUBTYPE_LAYERS.values()],
           "OUTPUT": str(tmp_path / "out.gpkg"), "OUTPUT_DISCREPANCIES": str(tmp_path / "disc.gpkg"),
           "OUTPUT_TOWNS": str(tmp_path / "towns.gpkg")}
    out.update(extra)
    return out


def features(path):
    layer = QgsVectorLayer(str(path), "x", "ogr")
    assert layer.isValid()
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def scene_layers(tmp_path_factory):
    return write_scene(tmp_path_factory.mktemp("patrol") / "scene.gpkg")


def test_processing_run_on_hand_built_scene(scene_layers, tmp_path, provider):
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        lines: list = []

        def pushInfo(self, info):
            self.lines.append(info)

    feedback = Log()
    result = processing.run(ALG, params(scene_layers, tmp_path), feedback=feedback)
    patches = {}
    for row in features(result["OUTPUT"]):
        patches.setdefault(row["JCBH"], row)
    for jcbh, field in [("P1", "NZYMJ"), ("P2", "GYMJ"), ("P3", "LSYDMJ"), ("P4", "SSNYDMJ"), ("P5", "XXYDMJ")]:
        assert patches[jcbh][field] == pytest.approx(10000, rel=5e-4), jcbh  # each legal sub-type
        assert patches[jcbh]["JYJG"] == "合法" and patches[jcbh]["WTDM"] in ("", None)
    assert patches["P12"]["KXZS"] == 2 and patches["P12"]["GDMJ"] == pytest.approx(14250, rel=5e-4)
    assert patches["P13"]["TBMJ"] == pytest.approx(30000, rel=5e-4)
    assert patches["P14"]["JHXF"] == 1
    codes = sorted((r["WTDM"], r["JCBH"]) for r in features(result["OUTPUT_DISCREPANCIES"]))
    assert codes == sorted([("WEAK_COVERAGE", "P6"), ("CULTIVATED_AREA_OFF", "P7"), ("NOT_REPORTED", "P8"),
                            ("DUPLICATE_JCBH", "P9"), ("DUPLICATE_JCBH", "P9"), ("DUPLICATE_JCBH", "P10"),
                            ("DUPLICATE_JCBH", "P10"), ("APPROVAL_NOT_FOUND", "P11"), ("WEAK_COVERAGE", "P11"),
                            ("FARMLAND_AREA_OFF", "P13"), ("INVALID_GEOMETRY", "P14"), ("NOT_ISSUED", "P-GHOST")]
                           + [("CRIMINAL_THRESHOLD", k) for k in ("P7", "P8", "P10", "P10", "P12", "P13", "P14")])
    towns = {r["XZQMC"]: r for r in features(result["OUTPUT_TOWNS"])}
    assert towns["甲镇"]["GZB"] == pytest.approx(33.33, abs=0.01)
    assert towns["合计"]["GZB"] == pytest.approx(100 * 70250 / 144250, abs=0.01)
    assert result["COUNTY_RATIO"] == pytest.approx(100 * 70250 / 144250, abs=0.01)
    log = "\n".join(feedback.lines)
    assert "EPSG:4490" in log and "EPSG:4528" in log and "reprojected" in log
    assert "耕占比" in log


def test_qgis_process_runs(scene_layers, tmp_path):
    args = [f"{k}={v}" for k, v in params(scene_layers, tmp_path).items() if k != "APPROVALS"]
    args += [f"APPROVALS={v}" for v in params(scene_layers, tmp_path)["APPROVALS"]]
    proc = run_qgis_process("run", ALG, "--json", "--", *args)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    payload = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert payload["results"]["PATCH_COUNT"] == len(PATCHES)
    assert payload["results"]["DISCREPANCY_COUNT"] == 12 + 7  # 7 CRIMINAL_THRESHOLD
    assert payload["results"]["COUNTY_RATIO"] == pytest.approx(100 * 70250 / 144250, abs=0.01)


def test_missing_field_names_layer_and_field(scene_layers, tmp_path, provider):
    with pytest.raises(QgsProcessingException) as err:
        processing.run(ALG, params(scene_layers, tmp_path, PATCH_ID_FIELD="BH_MISSING"))
    assert "patches" in str(err.value) and "BH_MISSING" in str(err.value)


def test_empty_patches_clear_message_and_empty_outputs(scene_layers, tmp_path, provider):
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:4549&field=JCBH:string", "empty_patches", "memory")
    result = processing.run(ALG, params(scene_layers, tmp_path, PATCHES=empty))
    assert features(result["OUTPUT"]) == []
    not_issued = [r for r in features(result["OUTPUT_DISCREPANCIES"]) if r["WTDM"] == "NOT_ISSUED"]
    assert len(not_issued) == len(ROWS)  # every answer is for a patch that is not there


@pytest.mark.parametrize("ldid", [0x4D, 0x00])
def test_gbk_dbf_without_cpg_reads_as_chinese(scene_layers, tmp_path, provider, ldid):
    """Patches as a shapefile with GBK text and no .cpg: with the language byte 0x4D, and with none."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    source = QgsVectorLayer(scene_layers["patches"], "patches", "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = "GBK"
    path = tmp_path / "patches_gbk.shp"
    QgsVectorFileWriter.writeAsVectorFormatV2(source, str(path), QgsCoordinateTransformContext(), options)
    # rename one patch to Chinese text, then drop the .cpg and set the language byte
    layer = QgsVectorLayer(str(path), "gbk", "ogr")
    layer.startEditing()
    first = next(layer.getFeatures())
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("JCBH"), "平湖图斑一")
    assert layer.commitChanges()
    del layer
    path.with_suffix(".cpg").unlink()
    data = bytearray(path.with_suffix(".dbf").read_bytes())
    data[29] = ldid
    path.with_suffix(".dbf").write_bytes(bytes(data))
    result = processing.run(ALG, params(scene_layers, tmp_path, PATCHES=str(path)))
    keys = {r["JCBH"] for r in features(result["OUTPUT"])}
    assert "平湖图斑一" in keys


def test_fast_baseline_read_equals_qgis_read(demo_gpkg, provider):
    """The GeoPackage read of the baseline near the patches gives the features QGIS's own reader gives."""
    from qgis.core import QgsProcessingFeedback

    from land_supervision.algorithms.layer_io import read_source
    from land_supervision.algorithms.patrol.patrol_io import ogr_table, patch_windows, read_gpkg_near, read_near

    patches = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "p", "ogr")
    baseline = QgsVectorLayer(f"{demo_gpkg}|layername=demo_baseline_dltb", "b", "ogr")
    context = QgsProcessingContext()
    windows = patch_windows(read_source(patches, [], context).geometry)
    fields = ["DLBM", "KCXS"]
    ids_q, geoms_q, cols_q = read_near(baseline, fields, windows, context, QgsProcessingFeedback())
    ids_o, geoms_o, cols_o = read_gpkg_near(ogr_table(baseline), fields, windows)
    # the R-tree gives every polygon whose bounding box meets a window: QGIS's set and a few more
    assert set(ids_q.tolist()) <= set(ids_o.tolist()) and len(ids_q) > 50
    boxes = shapely.box(*np.array(windows).T)
    assert shapely.STRtree(boxes).query(shapely.envelope(geoms_o), predicate="intersects")[0].size >= len(ids_o)
    position = {fid: i for i, fid in enumerate(ids_o.tolist())}
    common = [position[fid] for fid in ids_q.tolist()]
    assert [cols_o["DLBM"][i] for i in common] == cols_q["DLBM"]
    assert np.allclose([cols_o["KCXS"][i] for i in common], cols_q["KCXS"])
    assert shapely.equals_exact(geoms_o[common], geoms_q, tolerance=1e-6).all()


def test_layer_without_crs_is_refused_by_name(scene_layers, tmp_path, provider):
    from qgis.core import QgsCoordinateReferenceSystem

    towns = QgsVectorLayer("MultiPolygon?field=XZQMC:string&field=XZQDM:string", "towns_without_crs", "memory")
    towns.setCrs(QgsCoordinateReferenceSystem())
    with pytest.raises(QgsProcessingException) as err:
        processing.run(ALG, params(scene_layers, tmp_path, TOWNS=towns))
    assert "towns_without_crs" in str(err.value) and "coordinate reference system" in str(err.value)


def test_qgis_process_missing_field_is_a_clear_error(scene_layers, tmp_path):
    args = [f"{k}={v}" for k, v in params(scene_layers, tmp_path).items() if k != "APPROVALS"]
    proc = run_qgis_process("run", ALG, "--", *args, "BASELINE_CLASS_FIELD=DLBM_X")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "DLBM_X" in output and "baseline" in output
    assert "Traceback" not in output


def test_bulk_patch_read_equals_qgis_read(demo_gpkg, provider):
    """The patches of a GeoPackage read in bulk (GDAL's Arrow stream) give what QGIS's reader gives."""
    from land_supervision.algorithms.fast_read import read_ogr
    from land_supervision.algorithms.layer_io import read_source
    from land_supervision.algorithms.patrol.patch_reconciliation import _plain

    layer = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "p", "ogr")
    names = ["JCBH", "XZQDM", "JCMJ", "QSX", "HSX"]
    fast = read_ogr(layer, names)
    slow = read_source(layer, names, QgsProcessingContext(), target_crs="EPSG:4549")
    assert fast.ids.tolist() == slow.ids.tolist() and len(fast) == layer.featureCount() > 10
    for name in names:
        assert _plain(fast.columns[name]) == slow.columns[name], name
        assert [type(v) for v in _plain(fast.columns[name])] == [type(v) for v in slow.columns[name]], name
    assert shapely.equals_exact(fast.geometry, slow.geometry, tolerance=0.0).all()


def test_baseline_class_filter_keeps_the_rows_the_evidence_uses():
    """The SQL pre-filter (codes as stored, else trimmed and upper-cased) keeps what the trimmed and
    upper-cased test alone keeps, and every code the evidence counts."""
    import sqlite3

    from land_supervision.algorithms.patrol.patrol_io import class_filter_sql
    from land_supervision.core.patrol.evidence import RELEVANT_CODES, RELEVANT_PREFIXES, classify_baseline

    codes = ["0101", "0102K", " 0103", "0201", "0301", "0404", "0501", "05H1", "0602", "0701", "0810", "0810A",
             "09", "1001", "1003 ", "1004", "1006", "1107", "1109", "1201", "1202", "1203", "k0101", "", None]
    db = sqlite3.connect(":memory:")
    db.execute('CREATE TABLE t ("DLBM" TEXT)')
    db.executemany("INSERT INTO t VALUES (?)", [(c,) for c in codes])
    kept = {r[0] for r in db.execute(f"SELECT t.DLBM FROM t WHERE {class_filter_sql('DLBM')}")}
    code = 'upper(trim(t."DLBM"))'
    prefixes, full = (", ".join(f"'{c}'" for c in group) for group in (RELEVANT_PREFIXES, RELEVANT_CODES))
    alone = {r[0] for r in db.execute(
        f"SELECT t.DLBM FROM t WHERE substr({code}, 1, 2) IN ({prefixes}) OR substr({code}, 1, 4) IN ({full})")}
    assert kept == alone
    kind, construction = classify_baseline(codes)
    assert {c for c, k, b in zip(codes, kind, construction) if k >= 0 or b} <= kept


def test_approval_dates_read_from_date_fields(scene_layers, tmp_path, provider):
    """PZRQ, DQRQ and HSX as QGIS date fields: an approval dated after the 后时相, a 临时用地 past its term."""
    from qgis.core import QgsFeature, QgsGeometry
    from qgis.PyQt.QtCore import QDate

    def memory(uri, name, rows):
        layer = QgsVectorLayer(uri, name, "memory")
        features = []
        for geom, values in rows:
            feature = QgsFeature(layer.fields())
            if geom is not None:
                feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
            feature.setAttributes(values)
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        return layer

    a, b = PATCHES[0][1], PATCHES[1][1]  # 10000 m2 each, on 0101
    patches = memory("Polygon?crs=EPSG:4549&field=JCBH:string&field=HSX:date", "dated_patches",
                     [(a, ["D1", QDate(2021, 9, 30)]), (b, ["D2", QDate(2021, 9, 30)])])
    verification = memory("None?field=JCBH:string&field=PDJG:string&field=HFLX:string", "dated_answers",
                          [(None, ["D1", "合法", "农转用/征收批复"]), (None, ["D2", "合法", "临时用地"])])
    nzy = memory("Polygon?crs=EPSG:4549&field=PZWH:string&field=PZRQ:date", "dated_nzy",
                 [(a.buffer(5), ["浙土字〔2021〕77号", QDate(2021, 10, 8)])])
    lsyd = memory("Polygon?crs=EPSG:4549&field=PZWH:string&field=PZRQ:date&field=DQRQ:date&field=JCSS:string",
                  "dated_lsyd", [(b.buffer(5), ["平临〔2019〕7号", QDate(2019, 3, 1), QDate(2023, 3, 1), "否"])])
    result = processing.run(ALG, params(scene_layers, tmp_path, PATCHES=patches, VERIFICATION=verification,
                                        APPROVALS=[nzy, lsyd]))
    found = sorted((r["WTDM"], r["JCBH"]) for r in features(result["OUTPUT_DISCREPANCIES"]))
    assert ("APPROVED_AFTER_BUILT", "D1") in found and ("TEMPORARY_EXPIRED", "D2") in found
    rows = {r["JCBH"]: r for r in features(result["OUTPUT"])}
    assert rows["D1"]["HPFGMJ"] == pytest.approx(10000, rel=5e-4) and rows["D1"]["JYJG"] == "疑似违法"


def test_a_year_of_batches_through_processing(scene_layers, tmp_path, provider):
    """A batch field PC: the batch table, and a patch issued again in a later batch counted once."""
    from qgis.core import QgsFeature, QgsGeometry

    layer = QgsVectorLayer("Polygon?crs=EPSG:4549&field=JCBH:string&field=PC:string", "year_patches", "memory")
    p7, p8 = PATCHES[6][1], PATCHES[7][1]  # no approvals there; p7 on 0101 (KCXS 0.1), p8 on 0103
    rows = [("Y1", "2021Q1", p7), ("Y2", "2021Q2", shapely.affinity.translate(p7, 50)), ("Y3", "2021Q3", p8)]
    features = []
    for key, batch, geom in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        feature.setAttributes([key, batch])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    result = processing.run(ALG, params(scene_layers, tmp_path, PATCHES=layer,
                                        OUTPUT_BATCHES=str(tmp_path / "batches.gpkg")))
    found = [(r["WTDM"], r["JCBH"]) for r in features_of(result["OUTPUT_DISCREPANCIES"])]
    assert ("REPEATED_IN_BATCHES", "Y2") in found
    batches = {r["PC"]: r for r in features_of(result["OUTPUT_BATCHES"]) if r["XZQMC"] == "合计"}
    assert sorted(batches) == ["2021Q1", "2021Q2", "2021Q3"] and batches["2021Q2"]["CFS"] == 1
    # unreported, all suggested illegal: Y1 9000 m2 of 耕地 (KCXS 0.1), Y2 only its new half 4500, Y3 10000
    assert [batches[b]["WFGD_MU"] for b in sorted(batches)] == pytest.approx([13.5, 6.75, 15.0], abs=0.02)


features_of = features


def test_fast_baseline_read_of_a_zone_prefixed_geopackage(demo_gpkg, provider, tmp_path):
    """A baseline GeoPackage in EPSG:4528 (eastings 40xxxxxx) takes the SQLite read too: windows shifted into
    its CRS, polygons back to EPSG:4549 in one call; the same polygons as the EPSG:4549 original."""
    from osgeo import gdal

    from land_supervision.algorithms.layer_io import read_source
    from land_supervision.algorithms.patrol.patrol_io import ogr_table, patch_windows, read_gpkg_near

    zoned = tmp_path / "baseline_4528.gpkg"
    gdal.VectorTranslate(str(zoned), str(demo_gpkg), options=gdal.VectorTranslateOptions(
        format="GPKG", layers=["demo_baseline_dltb"], dstSRS="EPSG:4528", reproject=True))
    patches = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "p", "ogr")
    original = QgsVectorLayer(f"{demo_gpkg}|layername=demo_baseline_dltb", "b", "ogr")
    shifted = QgsVectorLayer(f"{zoned}|layername=demo_baseline_dltb", "b4528", "ogr")
    assert shifted.crs().authid() == "EPSG:4528" and ogr_table(shifted)[3] == "EPSG:4528"
    windows = patch_windows(read_source(patches, [], QgsProcessingContext()).geometry)
    ids_a, geoms_a, cols_a = read_gpkg_near(ogr_table(original), ["DLBM"], windows)
    ids_b, geoms_b, cols_b = read_gpkg_near(ogr_table(shifted), ["DLBM"], windows)
    def keyed(geoms, codes):  # (class, vertices to 0.1 mm): the copy renumbers the features
        rounded = shapely.set_precision(geoms, 1e-4)
        return {(c, g.wkt) for c, g in zip(codes, rounded)}

    original_set, shifted_set = keyed(geoms_a, cols_a["DLBM"]), keyed(geoms_b, cols_b["DLBM"])
    assert len(original_set) > 50 and original_set <= shifted_set  # every polygon, moved back exactly
    # a few more: the R-tree keeps float32 boxes, about 4 m coarse at eastings of 40 million (harmless: the
    # overlay drops what does not meet a patch)
    assert len(shifted_set - original_set) <= 0.1 * len(original_set)


def test_zone_prefixed_baseline_gives_the_same_answers(demo_gpkg, provider, tmp_path):
    from osgeo import gdal

    from tests.qgis.test_patrol_native_overlaps import demo_params

    zoned = tmp_path / "baseline_4528.gpkg"
    gdal.VectorTranslate(str(zoned), str(demo_gpkg), options=gdal.VectorTranslateOptions(
        format="GPKG", layers=["demo_baseline_dltb"], dstSRS="EPSG:4528", reproject=True))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    original = processing.run(ALG, demo_params(demo_gpkg, tmp_path / "a"))
    shifted = processing.run(ALG, dict(demo_params(demo_gpkg, tmp_path / "b"),
                                       BASELINE=f"{zoned}|layername=demo_baseline_dltb"))
    assert shifted["COUNTY_RATIO"] == pytest.approx(original["COUNTY_RATIO"], abs=1e-9)
    assert shifted["DISCREPANCY_COUNT"] == original["DISCREPANCY_COUNT"]
    rows_a = {r["JCBH"]: r["GDMJ"] for r in features(original["OUTPUT"])}
    rows_b = {r["JCBH"]: r["GDMJ"] for r in features(shifted["OUTPUT"])}
    assert rows_a.keys() == rows_b.keys()
    assert all(rows_b[k] == pytest.approx(rows_a[k], abs=1e-4) for k in rows_a)
