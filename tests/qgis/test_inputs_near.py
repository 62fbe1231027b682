"""inputs.near: the same polygons and values near the windows from every format a survey arrives in, as QGIS's
own reader gives them; unsaved edits respected; windows selecting at their edges."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

pytestmark = pytest.mark.usefixtures("session_plugin")

FIELDS = ["DLBM", "DLMC", "KCXS", "BH"]
NAMES = ["水田", "旱地", "城镇住宅用地", "河流水面", "果园"]
CODES = ["0101", "0103", "0701", "1101", "0201"]


def _baseline() -> tuple[np.ndarray, list[dict]]:
    """A 12 x 12 grid of 100 m parcels (EPSG:4549, near Pinghu) with a hole in some, a two-part parcel, a
    sliver touching a window's edge and a parcel far away; text with Chinese, NULLs, numbers."""
    x0, y0 = 600000.0, 3390000.0
    geoms, rows = [], []
    for i in range(12):
        for j in range(12):
            k = i * 12 + j
            cell = shapely.box(x0 + 100 * i, y0 + 100 * j, x0 + 100 * i + 100, y0 + 100 * j + 100)
            if k % 7 == 3:
                cell = cell.difference(cell.centroid.buffer(20, 4))
            if k == 50:
                cell = shapely.MultiPolygon([shapely.box(*cell.bounds[:2], cell.bounds[0] + 40, cell.bounds[3]),
                                             shapely.box(cell.bounds[0] + 60, cell.bounds[1], *cell.bounds[2:])])
            geoms.append(cell)
            rows.append({"DLBM": CODES[k % 5], "DLMC": NAMES[k % 5] if k % 11 else None,
                         "KCXS": round(0.01 * (k % 9), 4) if k % 13 else None, "BH": k})
    geoms.append(shapely.box(x0 + 5000, y0 + 5000, x0 + 5100, y0 + 5100))  # far away
    rows.append({"DLBM": "0101", "DLMC": "水田", "KCXS": 0.1, "BH": 999})
    return np.asarray(geoms, dtype=object), rows


WINDOWS = [  # working CRS; the first meets parcel (3, 4) only at its edge x = 600400
    (600390.0, 3390420.0, 600400.0, 3390480.0),
    (600650.0, 3390650.0, 600830.0, 3390710.0),
    (600000.0, 3391150.0, 600010.0, 3391160.0),
    (600480.0, 3390480.0, 600560.0, 3390560.0),
]


def _write(path, driver: str, crs: int, geoms, rows, layer_options=(), name="dltb") -> None:
    from osgeo import gdal


    gdal.UseExceptions()
    # QGIS sets SHAPE_ENCODING="" for the whole process once its OGR provider has opened a shapefile (it then
    # decodes the text itself): GDAL would write the text unrecoded. Written here as a survey tool writes it.
    previous = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        _write_features(path, driver, crs, geoms, rows, layer_options, name)
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", previous)


def _write_features(path, driver: str, crs: int, geoms, rows, layer_options, name) -> None:
    from osgeo import ogr, osr

    from land_supervision.core.geodesy import transform_geometries

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, srs, ogr.wkbMultiPolygon if driver != "ESRI Shapefile" else ogr.wkbPolygon,
                                options=list(layer_options))
    for field, kind in (("DLBM", ogr.OFTString), ("DLMC", ogr.OFTString), ("KCXS", ogr.OFTReal),
                        ("BH", ogr.OFTInteger)):
        definition = ogr.FieldDefn(field, kind)
        if kind == ogr.OFTString:
            definition.SetWidth(40)
        layer.CreateField(definition)
    moved = transform_geometries(geoms, "EPSG:4549", f"EPSG:{crs}") if crs != 4549 else geoms
    for geom, row in zip(moved, rows):
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in row.items():
            if value is not None:
                feature.SetField(key, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom)))
        layer.CreateFeature(feature)
    dataset = None


@pytest.fixture(scope="module")
def formats(tmp_path_factory) -> dict:
    """label -> QGIS source of the same baseline in each format."""
    from osgeo import gdal

    folder = tmp_path_factory.mktemp("near")
    geoms, rows = _baseline()
    out = {}
    _write(folder / "b4549.gpkg", "GPKG", 4549, geoms, rows)
    out["gpkg 4549"] = f"{folder / 'b4549.gpkg'}|layername=dltb"
    _write(folder / "b4528.gpkg", "GPKG", 4528, geoms, rows)
    out["gpkg 4528"] = f"{folder / 'b4528.gpkg'}|layername=dltb"
    _write(folder / "b4490.gpkg", "GPKG", 4490, geoms, rows)
    out["gpkg 4490"] = f"{folder / 'b4490.gpkg'}|layername=dltb"
    _write(folder / "b4528.gdb", "OpenFileGDB", 4528, geoms, rows)
    out["filegdb 4528"] = f"{folder / 'b4528.gdb'}|layername=dltb"
    _write(folder / "b4490.gdb", "OpenFileGDB", 4490, geoms, rows)
    out["filegdb 4490"] = f"{folder / 'b4490.gdb'}|layername=dltb"
    (folder / "shp").mkdir()
    _write(folder / "shp" / "b4528.shp", "ESRI Shapefile", 4528, geoms, rows, ["ENCODING=UTF-8", "SPATIAL_INDEX=NO"],
           "b4528")
    out["shapefile 4528"] = str(folder / "shp" / "b4528.shp")
    (folder / "qix").mkdir()
    _write(folder / "qix" / "b4528.shp", "ESRI Shapefile", 4528, geoms, rows, ["ENCODING=UTF-8", "SPATIAL_INDEX=YES"],
           "b4528")
    assert (folder / "qix" / "b4528.qix").exists()
    out["shapefile+qix 4528"] = str(folder / "qix" / "b4528.qix").replace(".qix", ".shp")
    (folder / "cpg").mkdir()
    _write(folder / "cpg" / "b4528.shp", "ESRI Shapefile", 4528, geoms, rows, ["ENCODING=CP936", "SPATIAL_INDEX=NO"],
           "b4528")
    out["shapefile GBK .cpg 4528"] = str(folder / "cpg" / "b4528.shp")
    (folder / "gbk").mkdir()
    gbk = folder / "gbk" / "b4490.shp"
    _write(gbk, "ESRI Shapefile", 4490, geoms, rows, ["ENCODING=CP936", "SPATIAL_INDEX=NO"], "b4490")
    gbk.with_suffix(".cpg").unlink(missing_ok=True)
    data = bytearray(gbk.with_suffix(".dbf").read_bytes())
    data[29] = 0  # no language byte either: only the text says GBK
    gbk.with_suffix(".dbf").write_bytes(bytes(data))
    out["shapefile GBK 4490"] = str(gbk)
    assert gdal.OpenEx(str(gbk)) is not None
    return out


def _layer(source: str):
    """The layer as an algorithm sees it (a GBK .dbf without .cpg re-opened as GBK, as every tool does)."""
    from land_supervision.inputs.encodings import with_detected_encodings

    params, keep = with_detected_encodings({"B": source}, ["B"], QgsProcessingFeedback())
    layer = params["B"] if isinstance(params["B"], QgsVectorLayer) else QgsVectorLayer(source, "baseline", "ogr")
    assert layer.isValid(), source
    return layer, keep


def _meeting(geoms, windows) -> np.ndarray:
    boxes = shapely.box(*np.asarray(windows).T)
    return np.unique(shapely.STRtree(boxes).query(geoms, predicate="intersects")[0])


def _tolerance(label: str) -> float:
    return 1e-3 if "4490" in label else 1e-6


@pytest.mark.parametrize("label", ["gpkg 4549", "gpkg 4528", "gpkg 4490", "filegdb 4528", "filegdb 4490",
                                   "shapefile 4528", "shapefile+qix 4528", "shapefile GBK .cpg 4528",
                                   "shapefile GBK 4490"])
def test_fast_read_equals_qgis_read(formats, label, monkeypatch):
    """Every format through its fast reader (QGIS's reader forbidden): the features QGIS gives near the
    windows, with the same ids, values and geometries, and none far away."""
    from land_supervision.inputs import near

    layer, _keep = _layer(formats[label])
    context = QgsProcessingContext()
    slow = near.read_qgis_near(layer, FIELDS, WINDOWS, context)

    def refuse(*args, **kwargs):
        raise AssertionError(f"{label}: read through QGIS")

    monkeypatch.setattr(near, "read_qgis_near", refuse)
    ids, geoms, columns = near.read_near(layer, FIELDS, WINDOWS, context, QgsProcessingFeedback(), layer)
    assert set(slow[0].tolist()) <= set(ids.tolist()) and len(slow[0]) >= 8
    position = {fid: i for i, fid in enumerate(ids.tolist())}
    rows = [position[fid] for fid in slow[0].tolist()]
    for name in FIELDS:
        assert [columns[name][i] for i in rows] == slow[2][name], (label, name)
    assert "水田" in columns["DLMC"] and None in columns["DLMC"]
    # the same shapes (QGIS may hand a polygon as a one-part multipolygon), vertices within the tolerance
    assert (shapely.hausdorff_distance(geoms[rows], slow[1]) <= _tolerance(label)).all(), label
    assert np.allclose(shapely.area(geoms[rows]), shapely.area(slow[1]), rtol=1e-9, atol=_tolerance(label))
    assert 999 not in columns["BH"]  # the parcel far away
    # the extra features of a fast read lie near the windows (a coarse box test, or a box around a group of
    # windows read with one index search), never beyond them
    extra = np.setdiff1d(np.arange(len(ids)), rows)
    around = shapely.box(*np.asarray(WINDOWS)[:, :2].min(axis=0), *np.asarray(WINDOWS)[:, 2:].max(axis=0))
    assert (shapely.distance(geoms[extra], around) < 60).all()


def test_same_answers_from_every_format(formats):
    """The parcels meeting the windows, by number, class and shape, are the same from every format."""
    from land_supervision.inputs.near import read_near

    answers = {}
    for label, source in formats.items():
        layer, _keep = _layer(source)
        ids, geoms, columns = read_near(layer, FIELDS, WINDOWS, QgsProcessingContext(), None, layer)
        meeting = _meeting(geoms, WINDOWS)
        answers[label] = {(columns["BH"][i], columns["DLBM"][i], columns["DLMC"][i],
                           round(float(shapely.area(geoms[i])), 1)) for i in meeting.tolist()}
    reference = answers["gpkg 4549"]
    assert len(reference) >= 8
    for label, found in answers.items():
        assert found == reference, label
    # the parcel touching the first window only along x = 600400 is there
    assert any(bh == 3 * 12 + 4 for bh, *_ in reference)


def test_unsaved_edits_are_read(formats):
    """A layer with unsaved edits is read through QGIS: the edited class and the moved parcel are seen."""
    from qgis.core import QgsGeometry

    from land_supervision.inputs.near import read_near

    layer = QgsVectorLayer(formats["shapefile 4528"], "edited", "ogr")
    feature = next(f for f in layer.getFeatures() if f["BH"] == 3 * 12 + 4)
    far = next(f for f in layer.getFeatures() if f["BH"] == 999)
    assert layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().lookupField("DLBM"), "1203")
    moved = shapely.box(600500.0 + 40_000_000, 3390500.0, 600520.0 + 40_000_000, 3390520.0)
    layer.changeGeometry(far.id(), QgsGeometry.fromWkt(moved.wkt))
    try:
        ids, geoms, columns = read_near(layer, FIELDS, WINDOWS, QgsProcessingContext(), None, layer)
    finally:
        layer.rollBack()
    by_number = dict(zip(columns["BH"], columns["DLBM"]))
    assert by_number[3 * 12 + 4] == "1203" and 999 in by_number
    assert shapely.hausdorff_distance(geoms[columns["BH"].index(999)],
                                      shapely.box(600500, 3390500, 600520, 3390520)) < 1e-6


def test_window_edges(tmp_path):
    """A polygon touching a window's edge is read, one 1 km away is not, from the GeoPackage, the File
    Geodatabase and the shapefile readers alike."""
    from land_supervision.inputs.near import read_near

    geoms = np.asarray([shapely.box(600000, 3390000, 600100, 3390100),  # touches the window at x = 600100
                        shapely.box(600100.5, 3390200, 600150, 3390250),  # 0.5 m beyond its corner, no overlap
                        shapely.box(601200, 3390000, 601300, 3390100)], dtype=object)  # 1 km away
    rows = [{"DLBM": "0101", "DLMC": "水田", "KCXS": 0.0, "BH": k} for k in range(3)]
    window = [(600100.0, 3390000.0, 600200.0, 3390199.0)]
    for driver, name in (("GPKG", "e.gpkg"), ("OpenFileGDB", "e.gdb"), ("ESRI Shapefile", "e.shp")):
        _write(tmp_path / name, driver, 4549, geoms, rows, ["ENCODING=UTF-8"] if name.endswith("shp") else [],
               "e")
        source = str(tmp_path / name) + ("" if name.endswith("shp") else "|layername=e")
        layer = QgsVectorLayer(source, "e", "ogr")
        ids, found, columns = read_near(layer, ["BH"], window, QgsProcessingContext(), None, layer)
        assert 0 in columns["BH"] and 2 not in columns["BH"], name
        # boxes alike: GDAL hands their blobs as one fixed-width array, decoded all the same
        assert not shapely.is_missing(found).any(), name
        first = found[columns["BH"].index(0)]
        assert shapely.hausdorff_distance(first, geoms[0]) < 1e-6, name


def test_plain_ogr_iteration_where_no_arrow_stream(formats, monkeypatch):
    """Where GDAL's Arrow-to-numpy bridge is missing (GDAL < 3.6, or gdal_array not loading), the File
    Geodatabase is read feature by feature through OGR: the same ids, values and polygons."""
    from land_supervision.inputs import near

    layer, _keep = _layer(formats["filegdb 4528"])
    arrow = near.read_near(layer, FIELDS, WINDOWS, QgsProcessingContext(), None, layer)
    monkeypatch.setattr(near, "_arrow_available", lambda: False)
    plain = near.read_near(layer, FIELDS, WINDOWS, QgsProcessingContext(), None, layer)
    assert plain[0].tolist() == arrow[0].tolist() and len(plain[0]) >= 8
    assert plain[2] == arrow[2]
    assert (shapely.hausdorff_distance(plain[1], arrow[1]) == 0).all()


def _copy(source_uri: str, target, driver: str, crs: str, options=()) -> str:
    """The layer copied with GDAL into ``driver`` in ``crs``; its QGIS source."""
    from osgeo import gdal

    path, _, layer = source_uri.partition("|layername=")
    gdal.VectorTranslate(str(target), path, options=gdal.VectorTranslateOptions(
        format=driver, layers=[layer], dstSRS=crs, reproject=True, layerCreationOptions=list(options)))
    return str(target) if driver == "ESRI Shapefile" else f"{target}|layername={layer}"


@pytest.mark.parametrize("driver,crs", [("OpenFileGDB", "EPSG:4528"), ("ESRI Shapefile", "EPSG:4490")])
def test_reclamation_reads_its_baseline_near_the_plots_from_any_format(demo_gpkg, provider, tmp_path, driver, crs):
    """reclamationacceptance with the 三调 baseline as a File Geodatabase or a shapefile: the verdicts and the
    new-land areas of the GeoPackage baseline."""
    import processing

    from tests.qgis.test_reclamation_algorithms import features, params, uri

    name = "b.gdb" if driver == "OpenFileGDB" else "b.shp"
    baseline = _copy(uri(demo_gpkg, "demo_baseline_dltb"), tmp_path / name, driver, crs, ["ENCODING=UTF-8"]
                     if driver == "ESRI Shapefile" else [])
    plain = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg))
    other = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, BASELINE=baseline))
    def verdicts(result):
        return {p["DKBH"]: (p["YSJL"], p["YYDM"], round(p["JSYDBL"] or 0, 3), round(p["XZMJ_MU"] or 0, 3))
                for p in features(result["OUTPUT_PLOTS"])}

    a, b = verdicts(plain), verdicts(other)
    assert a == b and len(a) > 10


def test_precheck_reads_its_baseline_near_the_projects_from_a_file_geodatabase(tmp_path, provider):
    """projectprecheck with the baseline as a File Geodatabase in EPSG:4528: the hand figures of the
    GeoPackage scene (tests/qgis/test_precheck_algorithm.py)."""
    import processing

    from tests.qgis import test_precheck_algorithm as scene_module

    scene = scene_module.scene.__wrapped__(_Factory(tmp_path)) if hasattr(scene_module.scene, "__wrapped__") \
        else None
    if scene is None:
        pytest.skip("the pre-check scene fixture cannot be built outside its module")
    gpkg = scene[0]
    baseline = _copy(f"{gpkg}|layername=dltb", tmp_path / "dltb.gdb", "OpenFileGDB", "EPSG:4528")
    plain = scene_module._rows(processing.run("landsupervision:projectprecheck",
                                              scene_module._params(scene))["OUTPUT"])
    other = scene_module._rows(processing.run("landsupervision:projectprecheck", scene_module._params(
        scene, BASELINE=baseline, OUTPUT=str(tmp_path / "o.gpkg"), OUTPUT_PIECES=str(tmp_path / "p.gpkg")))["OUTPUT"])
    keys = ("GD_MU", "ST_MU", "CN_KG", "WLYD_MU", "LD_MU", "WTDM")
    assert {k: {n: r[n] for n in keys} for k, r in plain.items()} == \
        {k: {n: r[n] for n in keys} for k, r in other.items()}
    assert plain["P1"]["GD_MU"] == 57.0


class _Factory:
    def __init__(self, path):
        self.path = path

    def mktemp(self, name):
        folder = self.path / name
        folder.mkdir()
        return folder


def test_patrol_class_mask_keeps_what_its_sql_keeps():
    """relevant_codes (the selection applied where no SQL runs: shapefile, File Geodatabase) keeps exactly the
    codes class_filter_sql keeps."""
    import sqlite3

    from land_supervision.algorithms.patrol.patrol_io import class_filter_sql, relevant_codes

    codes = ["0101", "0102K", " 0103", "0201", "0301", "0404", "0501", "05H1", "0602", "0701", "0810", "0810A",
             "09", "1001", "1003 ", "1004", "1006", "1107", "1109", "1201", "1202", "1203", "k0101", "", None]
    db = sqlite3.connect(":memory:")
    db.execute('CREATE TABLE t ("DLBM" TEXT)')
    db.executemany("INSERT INTO t VALUES (?)", [(c,) for c in codes])
    kept = {r[0] for r in db.execute(f"SELECT t.DLBM FROM t WHERE {class_filter_sql('DLBM')}")}
    mask = relevant_codes(np.asarray(codes, dtype=object))
    assert {c for c, m in zip(codes, mask.tolist()) if m} == kept and 3 < len(kept) < len(codes)


def test_a_user_defined_crs_is_read_through_qgis(formats, tmp_path):
    """pyproj does not know QGIS's user CRSs (USER:100000): such a layer takes QGIS's reader, never a crash."""
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem

    from land_supervision.inputs import near

    assert near.proj_knows("EPSG:4528") and not near.proj_knows("USER:100000") and not near.proj_knows("")
    layer, _keep = _layer(formats["gpkg 4528"])
    custom = QgsCoordinateReferenceSystem.fromProj(layer.crs().toProj())
    registry = getattr(QgsApplication, "coordinateReferenceSystemRegistry", None)
    if registry is not None:  # QGIS 3.18+: a real user CRS with a USER: id
        registry().addUserCrs(custom, "bureau local")
        custom = QgsCoordinateReferenceSystem(custom.toWkt())
    layer.setCrs(custom)
    if layer.crs().authid().startswith("USER:"):
        assert near.ogr_table(layer) is None
    ids, geoms, _columns = near.read_near(layer, FIELDS, WINDOWS, QgsProcessingContext(), None, layer)
    assert len(ids) >= 8 and all(g is not None for g in geoms)
def _write_curved(path, driver: str, kind) -> float:
    """A layer of ``kind`` (CurvePolygon, MultiSurface) holding a disc of radius 50 m drawn with two true arcs
    and, beside it, a square with one arched side (EPSG:4549); returns the disc's area."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4549)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = dataset.CreateLayer("arcs", srs, kind)
    layer.CreateField(ogr.FieldDefn("BH", ogr.OFTInteger))
    shapes = ["CURVEPOLYGON(CIRCULARSTRING(600450 3390500,600550 3390500,600450 3390500))",
              "CURVEPOLYGON(COMPOUNDCURVE((600600 3390450,600700 3390450,600700 3390550),"
              "CIRCULARSTRING(600700 3390550,600650 3390600,600600 3390550),(600600 3390550,600600 3390450)))"]
    for k, wkt in enumerate(shapes):
        geometry = ogr.CreateGeometryFromWkt(wkt)
        if kind == ogr.wkbMultiSurface:
            geometry = ogr.ForceTo(geometry, ogr.wkbMultiSurface)
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("BH", k)
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    dataset = None
    return math.pi * 50 ** 2


@pytest.mark.parametrize("driver,name,kind", [("GPKG", "arcs.gpkg", "CurvePolygon"),
                                              ("GPKG", "multi.gpkg", "MultiSurface"),
                                              ("OpenFileGDB", "arcs.gdb", "CurvePolygon"),
                                              ("OpenFileGDB", "multi.gdb", "MultiSurface")])
def test_curved_polygons_are_read(tmp_path, monkeypatch, driver, name, kind):
    """Polygons with true arcs (which GEOS 3.11 cannot read from WKB) are read, straightened, by the fast
    reader, by QGIS's reader and by the whole-layer readers alike, with their area within 1%: none silently dropped."""
    from osgeo import ogr

    from land_supervision.inputs import near
    from land_supervision.inputs.fast_ogr import read_ogr
    from land_supervision.inputs.reader import read_source

    disc = _write_curved(tmp_path / name, driver, getattr(ogr, f"wkb{kind}"))
    arched = 100 * 100 + math.pi * 50 ** 2 / 2
    layer = QgsVectorLayer(f"{tmp_path / name}|layername=arcs", "arcs", "ogr")
    assert layer.isValid() and layer.featureCount() == 2
    context = QgsProcessingContext()
    window = [(600400.0, 3390400.0, 600800.0, 3390700.0)]
    slow = near.read_qgis_near(layer, ["BH"], window, context)

    def refuse(*args, **kwargs):
        raise AssertionError(f"{name}: read through QGIS")

    monkeypatch.setattr(near, "read_qgis_near", refuse)
    fast = near.read_near(layer, ["BH"], window, context, None, layer)
    whole = read_source(layer, ["BH"], context)  # the readers of whole layers alike
    bulk = read_ogr(layer, ["BH"])
    for ids, geoms, columns in (slow, fast, (whole.ids, whole.geometry, whole.columns),
                                (bulk.ids, bulk.geometry, bulk.columns)):
        assert len(ids) == 2, name
        assert sorted(columns["BH"]) == [0, 1] and not shapely.is_missing(geoms).any(), name
        areas = dict(zip(columns["BH"], shapely.area(geoms).tolist()))
        assert areas[0] == pytest.approx(disc, rel=0.01) and areas[1] == pytest.approx(arched, rel=0.01), name
        assert shapely.get_type_id(geoms).max() <= 6  # plain (multi)polygons


def test_near_layer_takes_the_layer_without_walking_the_project(formats, provider):
    """near_layer: a layer object or a project layer id is taken as it is (one look-up by id: the run's thread
    does not walk the project's layers); a restricted parameter gives None; a path is loaded by QGIS."""
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsProperty

    from land_supervision.inputs.near import near_layer

    project = QgsProject.instance()
    layer = QgsVectorLayer(formats["gpkg 4549"], "baseline", "ogr")
    project.addMapLayer(layer)
    try:
        context = QgsProcessingContext()
        context.setProject(project)
        alg = _Resolver()
        assert near_layer(alg, {"B": layer}, "B", context) is layer
        assert near_layer(alg, {"B": layer.id()}, "B", context) is layer
        whole = QgsProcessingFeatureSourceDefinition(QgsProperty.fromValue(layer.id()), False)
        assert near_layer(alg, {"B": whole}, "B", context) is layer
        selected = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        assert near_layer(alg, {"B": selected}, "B", context) is None
        loaded = near_layer(alg, {"B": formats["shapefile 4528"]}, "B", context)
        assert loaded is not None and loaded.isValid() and loaded is not layer
    finally:
        project.removeMapLayer(layer.id())


class _Resolver:
    """Just what near_layer asks of an algorithm: QGIS's own parameter resolution."""

    def parameterAsVectorLayer(self, parameters, name, context):  # noqa: N802 - QGIS's name
        from qgis.core import QgsProcessingUtils

        return QgsProcessingUtils.mapLayerFromString(parameters[name], context)
