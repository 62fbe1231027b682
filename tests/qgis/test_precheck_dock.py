"""The pre-check dock on the hand-built scene of tests/core/test_precheck.py: layers preselected by their
standard fields, a drawn polygon answered at once, a layer checked in the background, the sheets printed."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsProject, QgsVectorLayer

from land_supervision.ui.precheck_dock import PrecheckDock
from tests.conftest import wait_for
from tests.qgis.test_precheck_algorithm import scene  # noqa: F401 - the module fixture


@pytest.fixture
def dock(qgis_iface, scene, provider):  # noqa: F811
    gpkg, ledger, _grain, _folder = scene
    project = QgsProject.instance()
    layers = {name: QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
              for name in ("projects", "dltb", "farmland", "boundary", "park", "patches", "plots")}
    project.addMapLayers(list(layers.values()))
    panel = PrecheckDock(qgis_iface)
    panel.ledger.setFilePath(str(ledger))
    yield panel, layers
    panel.unload()
    project.removeAllMapLayers()


def test_inputs_preselected_by_their_fields(dock):
    panel, layers = dock
    assert panel.layers["BASELINE"].currentLayer() is layers["dltb"]
    assert panel.layers["PARK_ZONES"].currentLayer() is layers["park"]
    assert panel.layers["PATCHES"].currentLayer() is layers["patches"]
    assert panel.layers["PLOTS"].currentLayer() is layers["plots"]
    assert panel.layers["FARMLAND"].currentLayer() is layers["farmland"]  # by its name


def test_drawn_polygon_answered_at_once(dock):
    panel, layers = dock
    panel.layers["DEV_BOUNDARY"].setLayer(layers["boundary"])
    p1 = next(layers["projects"].getFeatures()).geometry()  # in EPSG:4528, as the layer is
    row = panel.check_geometry(QgsGeometry(p1), QgsCoordinateReferenceSystem("EPSG:4528"))
    assert row["GD_MU"] == 57.0 and row["YJJBNT_MU"] == 15.0 and row["KFBJ_OUT_MU"] == 15.0
    assert row["GD_QK"] == 7.0 and row["WZG_TB"] == "JC1"
    cells = {panel.table.item(r, 0).text(): panel.table.item(r, 1).text() for r in range(panel.table.rowCount())}
    assert cells["占用耕地（扣除田坎）"] == "57.00" and cells["粮食产能"] == "22,500.0"
    assert "占用永久基本农田" in panel.summary.text() and " ms" in panel.summary.text()


def test_without_baseline_it_says_so(dock):
    panel, layers = dock
    panel.layers["BASELINE"].setLayer(None)
    p1 = next(layers["projects"].getFeatures()).geometry()
    assert panel.check_geometry(QgsGeometry(p1), QgsCoordinateReferenceSystem("EPSG:4528")) is None
    assert "baseline" in panel.summary.text() or "三调" in panel.summary.text()


def test_layer_check_then_sheets(dock, tmp_path):
    panel, layers = dock
    panel.projects.setLayer(layers["projects"])
    seen = []
    panel.run_panel.finished.connect(lambda ok, results: seen.append(ok))
    assert panel.check_layer()
    assert wait_for(lambda: seen)
    assert seen == [True] and panel.last_outputs["OUTPUT"].featureCount() == 2
    pdf = tmp_path / "sheets.pdf"
    assert panel.print_sheets(str(pdf))
    assert wait_for(lambda: not panel.run_panel.is_running())
    assert pdf.exists() and "2 pages" in panel.run_panel.status.text()


def test_patrol_results_are_picked_for_patches_but_never_as_the_survey(qgis_iface, provider):
    project = QgsProject.instance()
    reconciled = QgsVectorLayer("Polygon?crs=EPSG:4549&field=JCBH:string&field=ZZJG:string&field=WTDM:string"
                                "&field=DLBM:string", "patrol_patches", "memory")
    survey = QgsVectorLayer("Polygon?crs=EPSG:4549&field=DLBM:string", "dltb", "memory")
    project.addMapLayers([reconciled, survey])
    panel = PrecheckDock(qgis_iface)
    try:
        assert panel.layers["PATCHES"].currentLayer() is reconciled
        assert panel.layers["BASELINE"].currentLayer() is survey  # not the result that also carries DLBM
    finally:
        panel.unload()
        project.removeAllMapLayers()
