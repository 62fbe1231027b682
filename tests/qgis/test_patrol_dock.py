"""The patrol dock: build, fill the layer pickers from a project, run on the demo data, review, add, print."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from tests.conftest import wait_for

APPROVALS = ["nzy", "gd", "lsyd", "ssnyd", "xxyd"]


@pytest.fixture
def demo_project(demo_gpkg):
    project = QgsProject.instance()
    project.clear()
    layers = {}
    for name in ["demo_patches", "demo_verification", "demo_baseline_dltb", "demo_farmland", "demo_towns"] + [
            f"demo_approvals_{s}" for s in APPROVALS]:
        layer = QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr")
        assert layer.isValid()
        project.addMapLayer(layer)
        layers[name] = layer
    yield layers
    project.clear()


def _check_discrepancies_read_as_words(table) -> None:
    """The Discrepancies column reads as words; the codes stay in the data (tooltip, filter, field WTDM)."""
    from land_supervision.ui.patrol.results import CODE_NAMES, COLUMNS

    col = [n for n, _, _ in COLUMNS].index("WTDM")
    cells = [table.table.item(r, col) for r in range(table.table.rowCount())]
    coded = [c for c in cells if c is not None and c.data(Qt.ItemDataRole.UserRole + 2)]
    assert coded
    for cell in coded:
        codes = cell.data(Qt.ItemDataRole.UserRole + 2).split(";")
        assert not any(code in cell.text() for code in codes)
        assert all(CODE_NAMES[code] in cell.text() and code in cell.toolTip() for code in codes)
    some_code = coded[0].data(Qt.ItemDataRole.UserRole + 2).split(";")[0]
    table.filter.setText(some_code)
    assert table.visible_rows() == sum(some_code in c.data(Qt.ItemDataRole.UserRole + 2).split(";")
                                       for c in coded)
    table.filter.setText("")


def test_dock_runs_reviews_and_prints(qgis_iface, provider, demo_project, tmp_path):
    from land_supervision.ui.patrol_dock import PatrolDock

    dock = PatrolDock(qgis_iface)
    try:
        assert dock.objectName() == "LandSupervisionPatrolDock"
        combos = dock.inputs.combos
        for key, name in [("PATCHES", "demo_patches"), ("VERIFICATION", "demo_verification"),
                          ("BASELINE", "demo_baseline_dltb"), ("FARMLAND", "demo_farmland"), ("TOWNS", "demo_towns")]:
            combos[key].setLayer(demo_project[name])
        dock.inputs.set_approvals([demo_project[f"demo_approvals_{s}"].id() for s in APPROVALS])
        dock.inputs.save()
        # remembered in the project: a second dock restores the choice
        other = PatrolDock(qgis_iface)
        assert other.inputs.combos["BASELINE"].currentLayer() == demo_project["demo_baseline_dltb"]
        assert len(other.inputs.approval_ids()) == 5
        other.unload()

        assert dock.run()
        assert wait_for(lambda: dock.results, timeout=120)
        table = dock.patch_table
        assert table.table.rowCount() == 40
        first = table.table.item(0, 7)  # issues column, sorted descending: discrepancies first
        assert int(first.text()) > 0
        assert "耕占比" in table.summary.text() or "cultivated" in table.summary.text().lower()
        table.only_issues.setChecked(True)
        with_issues = table.visible_rows()
        assert 0 < with_issues < 40
        table.only_issues.setChecked(False)
        table.filter.setText("Q10008")  # 3304822021Q10008: batch 2021Q1, number 8
        assert table.visible_rows() == 1
        table.filter.setText("")
        _check_discrepancies_read_as_words(table)

        # the run added its layers, styled, to the tool's group; a layer the user removed can be added back
        patches = dock.result_layers["OUTPUT"]
        assert patches.renderer().type() == "categorizedSymbol"
        assert {layer.name() for layer in dock.store.set_layers()} == {"patrol_patches", "patrol_discrepancies",
                                                                     "patrol_towns"}
        assert dock.add_result_layers() == []
        towns = dock.result_layers["OUTPUT_TOWNS"].featureCount()
        QgsProject.instance().removeMapLayer(dock.result_layers["OUTPUT_TOWNS"].id())
        added = dock.add_result_layers()
        assert [layer.name() for layer in added] == ["patrol_towns"]
        assert added[0].renderer().type() == "graduatedSymbol" and added[0].featureCount() == towns >= 9
        canvas = qgis_iface.mapCanvas()
        before = canvas.extent()
        table.table.cellClicked.emit(0, 0)
        assert canvas.extent() != before and canvas.extent().width() < 5000

        seen = []
        dock.run_panel.finished.connect(lambda ok, results: seen.append(results))
        assert dock.print_atlas(str(tmp_path / "atlas.pdf"))
        assert wait_for(lambda: not dock.run_panel.is_running())
        assert seen[-1]["PAGE_COUNT"] == 41 and (tmp_path / "atlas.pdf").stat().st_size > 10000
    finally:
        dock.unload()


def test_dock_preselects_layers_by_standard_fields(qgis_iface, provider, demo_project):
    from land_supervision.ui.patrol_dock import PatrolDock

    dock = PatrolDock(qgis_iface)
    try:
        picked = {key: combo.currentLayer().name() for key, combo in dock.inputs.combos.items()
                  if combo.currentLayer() is not None}
        assert picked["PATCHES"] == "demo_patches"
        assert picked["VERIFICATION"] == "demo_verification"
        assert picked["BASELINE"] == "demo_baseline_dltb"
        assert picked["TOWNS"] == "demo_towns"
    finally:
        dock.unload()


def test_preselection_skips_the_plugins_results_and_checks_the_approval_layers(qgis_iface, provider, demo_gpkg,
                                                                               tmp_path):
    """A project that already holds reclamation results (plots and towns with XZQMC, XZQDM) and patrol results:
    the towns input is still the towns layer, and every approval layer (PZWH) is checked."""
    from land_supervision.ui.patrol_dock import PatrolDock

    project = QgsProject.instance()
    project.clear()
    plots = QgsVectorLayer("Polygon?crs=EPSG:4549&field=DKBH:string&field=XZQMC:string&field=XZQDM:string"
                           "&field=YSJL:string", "checked_plots", "memory")
    patrol_towns = QgsVectorLayer("Polygon?crs=EPSG:4549&field=XZQDM:string&field=XZQMC:string&field=TBS:integer",
                                  "patrol_towns", "memory")
    project.addMapLayers([plots, patrol_towns])  # the results first, as in the demo project
    names = ["demo_patches", "demo_verification", "demo_baseline_dltb", "demo_towns"] + [
        f"demo_approvals_{s}" for s in APPROVALS]
    layers = {n: QgsVectorLayer(f"{demo_gpkg}|layername={n}", n, "ogr") for n in names}
    project.addMapLayers(list(layers.values()))
    dock = PatrolDock(qgis_iface)
    try:
        assert dock.inputs.combos["TOWNS"].currentLayer() is layers["demo_towns"]
        assert set(dock.inputs.approval_ids()) == {layers[f"demo_approvals_{s}"].id() for s in APPROVALS}
    finally:
        dock.unload()
        project.clear()
