"""landsupervision:projectprecheck through processing.run and qgis_process on the hand-built scene of
tests/core/test_precheck.py (figures worked out there), written to a GeoPackage in EPSG:4528 (zone-prefixed
eastings) so that reading and reprojection are part of the test."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal as D  # noqa: N817

import numpy as np
import processing
import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsVectorLayer

from land_supervision.algorithms.layer_io import write_gpkg
from land_supervision.core.geodesy import transform_geometries
from land_supervision.core.ledger import Entry, open_ledger
from land_supervision.core.tables import FeatureTable
from tests.conftest import QGIS_PROCESS, qgis_python_env
from tests.core.test_precheck import box


def _table(name, geoms, crs="EPSG:4528", **columns):
    fields = [(k, "str" if isinstance(v[0], str) else "float") for k, v in columns.items()]
    geoms = np.array(geoms, dtype=object)
    if crs != "EPSG:4549":
        geoms = transform_geometries(geoms, "EPSG:4549", crs)
    return FeatureTable(name, fields, {k: list(v) for k, v in columns.items()}, geoms, "Polygon", crs)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    folder = tmp_path_factory.mktemp("precheck")
    gpkg = folder / "scene.gpkg"
    tables = [
        _table("projects", [box(0, 0, 200, 200), box(1000, 0, 1200, 200)], XMBH=["P1", "P2"], YT=["道路", "风电"]),
        _table("dltb", [box(0, 0, 100, 200), box(100, 0, 200, 200), box(1000, 0, 1100, 200), box(1100, 0, 1200, 200)],
               DLBM=["0101", "0103", "1105", "0301"], KCXS=[0.1, 0.0, 0.0, 0.0]),
        _table("farmland", [box(0, 0, 50, 200)], BSM=["F1"]),
        _table("boundary", [box(50, -10, 260, 210)], LX=["集中建设区"], crs="EPSG:4549"),
        _table("park", [box(1100, -500, 1600, 500), box(1600, -500, 2000, 500)], GKFQ=["严格管控区", "合理利用区"]),
        _table("patches", [box(20, 20, 40, 40), box(1200, 0, 1300, 100)], JCBH=["JC1", "JC2"],
               ZZJG=["违法", "违法"], ZGZT=["未整改", "未整改"]),
        _table("plots", [box(1050, 50, 1080, 80), box(30, 30, 60, 60)], DKBH=["DK1", "DK2"], YSJL=["合格", "不合格"]),
    ]
    write_gpkg(str(gpkg), tables, QgsProcessingContext())
    ledger = folder / "ledger.gpkg"
    with open_ledger(str(ledger)) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
        led.post(Entry("grant", {("compensation", "cultivated_area"): D("50"),
                                    ("compensation", "paddy_area"): D("30"),
                                    ("compensation", "grain_capacity"): D("20000")}, year=2024))
    grain = folder / "grain.csv"
    grain.write_text("code,grade,kg_per_mu,source\n0101,,500,test\n0102,,400,test\n0103,,300,test\n", encoding="utf-8")
    return gpkg, ledger, grain, folder


def _params(scene, **extra):
    gpkg, ledger, grain, folder = scene
    layer = f"{gpkg}|layername="
    base = {"PROJECTS": layer + "projects", "PROJECT_ID_FIELD": "XMBH", "USE_FIELD": "YT",
            "BASELINE": layer + "dltb", "FARMLAND": layer + "farmland", "DEV_BOUNDARY": layer + "boundary",
            "DEV_KIND_FIELD": "LX", "PARK_ZONES": layer + "park", "PATCHES": layer + "patches",
            "PLOTS": layer + "plots", "LEDGER": str(ledger), "GRAIN_RATES": str(grain),
            "OUTPUT": str(folder / "precheck.gpkg"), "OUTPUT_PIECES": str(folder / "pieces.gpkg")}
    base.update(extra)
    return base


def _rows(path):
    layer = QgsVectorLayer(str(path), "x", "ogr")
    assert layer.isValid()
    return {f["XMBH"]: {n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()}


def test_processing_run_gives_the_hand_figures(scene, provider):
    out = processing.run("landsupervision:projectprecheck", _params(scene))
    rows = _rows(out["OUTPUT"])
    p1, p2 = rows["P1"], rows["P2"]
    assert (p1["ZMJ_MU"], p1["YJJBNT_MU"], p1["KFBJ_IN_MU"], p1["KFBJ_OUT_MU"]) == (60.0, 15.0, 45.0, 15.0)
    assert (p1["GD_MU"], p1["ST_MU"], p1["CN_KG"], p1["JHZB_MU"]) == (57.0, 27.0, 22500.0, 60.0)
    assert (p2["WLYD_MU"], p2["LD_MU"], p2["YGGK_MU"], p2["HYGY_JL"]) == (30.0, 30.0, 30.0, "禁止")
    assert (p1["GD_QK"], p1["CN_QK"], p2["JHZB_QK"]) == (7.0, 2500.0, 20.0)
    assert p1["WZG_TB"] == "JC1" and p2["FK_DK"] == "DK1" and p1["FK_DK"] == ""  # DK2 was not accepted
    assert p1["WTDM"] == "FARMLAND;OUTSIDE_BOUNDARY;QUOTA_SHORT;OPEN_PATCH"
    assert out["PROJECTS_WITH_FINDINGS"] == 2
    pieces = QgsVectorLayer(out["OUTPUT_PIECES"], "p", "ogr")
    assert pieces.featureCount() == 3 and pieces.crs().authid() == "EPSG:4549"


def test_without_ledger_and_optional_layers(scene, provider):
    params = _params(scene, LEDGER="", FARMLAND=None, DEV_BOUNDARY=None, PARK_ZONES=None, PATCHES=None, PLOTS=None)
    rows = _rows(processing.run("landsupervision:projectprecheck", params)["OUTPUT"])
    assert rows["P1"]["WTDM"] == "" and rows["P1"]["GD_MU"] == 57.0
    assert rows["P1"]["JHZB_QK"] in (None,) or str(rows["P1"]["JHZB_QK"]) == "NULL"


def test_baseline_without_dlbm_is_refused(scene, provider):
    with pytest.raises(QgsProcessingException, match="DLBM"):
        processing.run("landsupervision:projectprecheck", _params(scene, BASELINE=_params(scene)["FARMLAND"]))


def test_qgis_process_runs_it(scene, tmp_path):
    params = _params(scene, OUTPUT=str(tmp_path / "o.gpkg"), OUTPUT_PIECES=str(tmp_path / "p.gpkg"))
    args = [f"{k}={v}" for k, v in params.items() if v not in (None, "")]
    result = subprocess.run([QGIS_PROCESS, "run", "landsupervision:projectprecheck", "--json", "--", *args],
                            capture_output=True, text=True, env=qgis_python_env(), timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    outputs = json.loads(result.stdout[result.stdout.index("{"):])["results"]
    assert outputs["PROJECTS_WITH_FINDINGS"] == 2
    assert _rows(tmp_path / "o.gpkg")["P2"]["JHZB_QK"] == 20.0


def test_sheets_one_page_per_project_with_the_figures(scene, provider, tmp_path):
    import unicodedata

    out = processing.run("landsupervision:projectprecheck", _params(
        scene, OUTPUT=str(tmp_path / "r.gpkg"), OUTPUT_PIECES=str(tmp_path / "p.gpkg")))
    pdf = tmp_path / "sheets.pdf"
    result = processing.run("landsupervision:precheckreport", {
        "PRECHECK": out["OUTPUT"], "PIECES": out["OUTPUT_PIECES"], "OUTPUT": str(pdf)})
    assert result["PAGES"] == 2 and pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)
    pages = text.split("\f")
    assert "用地预审核查表:P1" in pages[0] and "用地预审核查表:P2" in pages[1]  # (NFKC: full-width colon)
    assert "占用永久基本农田" in pages[0] and "22,500.0" in pages[0] and "JC1" in pages[0]
    assert "海洋公园禁止" in pages[1] and "DK1" in pages[1]


def test_sheets_refuse_another_layer(scene, provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="projectprecheck"):
        processing.run("landsupervision:precheckreport", {
            "PRECHECK": _params(scene)["FARMLAND"], "OUTPUT": str(tmp_path / "x.pdf")})
    assert not (tmp_path / "x.pdf").exists()
