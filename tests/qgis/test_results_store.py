"""The docks' results policy (ui/results_store): results in the tool's group at the top of the tree, styled from
the shipped .qml, saved in the project's results GeoPackage, a rerun replacing the previous set (or kept as a
separate run), back with their features when the project is reopened; the user's layers and tables untouched."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from qgis.core import (
    QgsLayerTreeGroup,
    QgsProcessingContext,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from land_supervision.qgis_compat import VectorWriter
from land_supervision.translation import tr
from land_supervision.ui import results_store
from tests.conftest import wait_for
from tests.qgis.test_zoning_helpers import demo_layer


def _tables(path) -> list[str]:
    from osgeo import ogr

    source = ogr.Open(str(path))
    names = sorted(source.GetLayerByIndex(i).GetName() for i in range(source.GetLayerCount()))
    source = None
    return names


def _user_gpkg(path: Path) -> None:
    """A GeoPackage the user already has where the results go, with a table of their own."""
    layer = QgsVectorLayer("Point?crs=EPSG:4549&field=NOTE:string", "my_notes", "memory")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "my_notes"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsProcessingContext().transformContext(),
                                                      options)
    assert error[0] == VectorWriter.NoError


def _group_of(layer) -> QgsLayerTreeGroup:
    return QgsProject.instance().layerTreeRoot().findLayer(layer.id()).parent()


@pytest.fixture
def zoning(qgis_iface, demo_gpkg, provider):
    from land_supervision.ui.zoning_dock import ZoningDock

    project = QgsProject.instance()
    project.clear()
    layers = [demo_layer(demo_gpkg, name) for name in ("demo_park_zones", "demo_activities_points")]
    project.addMapLayers(layers)
    panel = ZoningDock(qgis_iface)
    panel.zone_layer.setLayer(layers[0])
    panel.activity_layer.setLayer(layers[1])
    yield panel
    panel.unload()
    project.clear()


def _check(panel) -> None:
    assert panel.check_layer()
    assert wait_for(lambda: not panel.run_panel.is_running())
    assert panel.run_panel.status.text().startswith(("Prohibited", "禁止")), panel.run_panel.status.text()


def test_rerun_replaces_keep_adds_users_layers_and_tables_untouched(zoning, tmp_path, qgis_iface,
                                                                     results_file_in_tmp):
    panel = zoning
    project = QgsProject.instance()
    results = tmp_path / "results.gpkg"
    _user_gpkg(results)
    name = "Conformance of demo_activities_points"
    mine = QgsVectorLayer("Point?crs=EPSG:4549&field=JL:string", name, "memory")  # the user's, same name
    project.addMapLayer(mine)

    _check(panel)
    assert len(results_file_in_tmp) == 1  # unsaved project: asked once where the results go ...
    _check(panel)
    assert len(results_file_in_tmp) == 1  # ... and remembered in the project
    sets = panel.store.set_layers()
    assert len(sets) == 1
    layer = sets[0]
    assert layer.name() == name and layer.featureCount() == panel.activity_layer.currentLayer().featureCount()
    assert layer.providerType() == "ogr" and layer.source().startswith(str(results))
    assert layer.renderer().type() == "categorizedSymbol" and layer.renderer().classAttribute() == "JL"
    group = _group_of(layer)
    root = project.layerTreeRoot()
    assert group.name() == tr("Ecological zoning") and root.children()[0] is group
    assert group.isVisible()
    # one zoning table in the file (the first run's was dropped), the user's table kept
    zoning_tables = [t for t in _tables(results) if t.startswith("zoning_")]
    assert len(zoning_tables) == 1 and layer.customProperty(results_store.TABLE_PROPERTY) == zoning_tables[0]
    assert "my_notes" in _tables(results)
    assert project.mapLayer(mine.id()) is mine  # the user's layer of the same name stays
    # the map shows the results
    canvas = qgis_iface.mapCanvas()
    assert canvas.extent().contains(layer.extent())

    panel.run_options.keep.setChecked(True)
    _check(panel)
    every = panel.store.set_layers(kept=None)
    assert len(every) == 2
    kept = panel.store.set_layers(kept=True)[0]
    assert _group_of(kept).parent() is group and _group_of(kept).name().startswith(tr("Run {time}")[:-6])
    assert len([t for t in _tables(results) if t.startswith("zoning_")]) == 2

    panel.run_options.keep.setChecked(False)  # the next plain run replaces the plain set, not the kept one
    _check(panel)
    assert len(panel.store.set_layers(kept=None)) == 2
    assert panel.store.set_layers(kept=True)[0] is kept
    assert len([t for t in _tables(results) if t.startswith("zoning_")]) == 2
    assert project.mapLayer(mine.id()) is mine and "my_notes" in _tables(results)
    # the results are never taken as the dock's inputs
    from land_supervision.ui.zoning_dock import ZoningDock

    fresh = ZoningDock(qgis_iface)
    try:
        assert not results_store.result_tool(fresh.activity_layer.currentLayer())
    finally:
        fresh.unload()


def test_reclamation_results_saved_with_the_project_and_back_on_reopen(qgis_iface, provider, demo_gpkg, tmp_path,
                                                                       results_file_in_tmp):
    from land_supervision.ui.reclamation_dock import ReclamationDock
    from tests.qgis.test_reclamation_dock import NAMES

    project = QgsProject.instance()
    project.clear()
    for name in NAMES.values():
        project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr"))
    qgz = tmp_path / "survey.qgz"
    assert project.write(str(qgz))  # a saved project: the results go beside it, no dialog
    dock = ReclamationDock(qgis_iface)
    try:
        for key, name in NAMES.items():
            dock.form.combos[key].setLayer(project.mapLayersByName(name)[0])
        for _ in range(2):
            dock.plots_layer = None
            dock.run_panel.run_button.click()
            assert wait_for(lambda: dock.plots_layer is not None)
        assert results_file_in_tmp == []
        results = tmp_path / "survey_results.gpkg"
        layers = dock.store.set_layers()
        assert len(layers) == 4 and all(layer.source().startswith(str(results)) for layer in layers)
        group = _group_of(dock.plots_layer)
        order = [node.layer().customProperty(results_store.TABLE_PROPERTY).split("_")[1]
                 for node in group.findLayers()]
        assert order == ["plots", "projects", "towns", "chain"]  # top to bottom: the summaries under the plots
        plots = dock.plots_layer
        assert plots.renderer().type() == "categorizedSymbol" and plots.renderer().classAttribute() == "YSJL"
        towns = next(layer for layer in layers if layer.customProperty(results_store.TABLE_PROPERTY).startswith(
            "reclamation_towns_"))
        assert towns.renderer().symbol().color().alpha() == 0  # drawn as outlines: the plots show through
        chain = dock.chain_layer
        assert not chain.isSpatial() and chain.featureCount() == 60
        counts = {layer.name(): layer.featureCount() for layer in layers}
        assert len([t for t in _tables(results) if t.startswith("reclamation_")]) == 4

        assert project.write()
        project.clear()
        assert project.read(str(qgz))
        back = dock.store.set_layers()
        assert {layer.name(): layer.featureCount() for layer in back} == counts
        assert all(layer.isValid() for layer in back)
        plots = next(layer for layer in back
                     if layer.customProperty(results_store.TABLE_PROPERTY).startswith("reclamation_plots_"))
        assert plots.renderer().type() == "categorizedSymbol"
        assert project.layerTreeRoot().children()[0].name() == tr("Reclamation acceptance")
        # the dock restored its inputs from the project, and a rerun replaces the restored set
        assert dock.form.combos["PLOTS"].currentLayer().name() == NAMES["PLOTS"]
        dock.plots_layer = None
        dock.run_panel.run_button.click()
        assert wait_for(lambda: dock.plots_layer is not None)
        assert len(dock.store.set_layers()) == 4
        assert len([t for t in _tables(results) if t.startswith("reclamation_")]) == 4
    finally:
        dock.unload()
        project.clear()


def test_patrol_leaves_no_temporary_folder(qgis_iface, provider, demo_gpkg, tmp_path, monkeypatch):
    from land_supervision.ui.patrol_dock import PatrolDock
    from tests.qgis.test_patrol_dock import APPROVALS

    project = QgsProject.instance()
    project.clear()
    names = ["demo_patches", "demo_verification", "demo_baseline_dltb", "demo_farmland", "demo_towns"]
    for name in names + [f"demo_approvals_{s}" for s in APPROVALS]:
        project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr"))
    private = tmp_path / "tmp"  # this process's temporary folder (/tmp is shared with other processes)
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    dock = PatrolDock(qgis_iface)
    try:
        assert dock.run()
        assert wait_for(lambda: dock.results, timeout=120)
        assert list(private.iterdir()) == []  # no patrol_* folder (nor anything else) left behind
        layers = dock.store.set_layers()
        assert sorted(layer.name() for layer in layers) == ["patrol_discrepancies", "patrol_patches", "patrol_towns"]
        assert all(layer.source().startswith(str(tmp_path / "results.gpkg")) for layer in layers)
        # the patrol town summary is never preselected as another dock's towns
        from land_supervision.ui.reclamation_dock import ReclamationDock

        other = ReclamationDock(qgis_iface)
        try:
            assert other.form.combos["TOWNS"].currentLayer().name() == "demo_towns"
        finally:
            other.unload()
        again = PatrolDock(qgis_iface)
        try:
            assert again.inputs.combos["TOWNS"].currentLayer().name() == "demo_towns"
        finally:
            again.unload()
    finally:
        dock.unload()
        project.clear()


def test_precheck_inputs_and_ledger_back_on_project_load(qgis_iface, provider, scene, tmp_path):  # noqa: F811
    from land_supervision.ui.ledger_dock import LedgerDock
    from land_supervision.ui.precheck_dock import PrecheckDock

    gpkg, ledger, _grain, _folder = scene
    project = QgsProject.instance()
    project.clear()
    layers = {name: QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
              for name in ("projects", "dltb", "farmland", "boundary", "park", "patches", "plots")}
    project.addMapLayers(list(layers.values()))
    panel = PrecheckDock(qgis_iface)
    books = LedgerDock(qgis_iface)
    try:
        panel.ledger.setFilePath(str(ledger))
        panel.projects.setLayer(layers["projects"])
        assert books.open_ledger(str(ledger), create=False)
        for _ in range(2):  # the ledger's project layer: in its tool's group, once however often it is shown
            books.show_projects()
        shown = [layer for layer in project.mapLayers().values() if results_store.result_tool(layer) == "ledger"]
        assert len(shown) == 1 and _group_of(shown[0]).name() == tr("Quota ledger")
        assert panel.check_layer()
        assert wait_for(lambda: not panel.run_panel.is_running())
        checked = panel.last_outputs["OUTPUT"]
        assert checked.renderer().type() == "RuleRenderer" and checked.featureCount() == 2
        assert panel.last_outputs["OUTPUT_PIECES"].renderer().type() == "categorizedSymbol"
        qgz = tmp_path / "precheck.qgz"
        assert project.write(str(qgz))
        project.clear()
        panel.ledger.setFilePath("")
        from land_supervision.core.ledger import open_ledger

        open_ledger(str(tmp_path / "other.gpkg"), create=True).close()
        assert books.open_ledger(str(tmp_path / "other.gpkg"), create=False)  # another ledger open meanwhile
        assert books.uri != str(ledger)
        assert project.read(str(qgz))
        assert panel.projects.currentLayer().name() == "projects"
        assert panel.layers["BASELINE"].currentLayer().name() == "dltb"
        assert panel.ledger.filePath() == str(ledger)
        assert books.uri == str(ledger)
        back = [layer for layer in project.mapLayers().values() if results_store.result_tool(layer) == "precheck"]
        assert sorted(layer.featureCount() > 0 for layer in back) == [True, True]
    finally:
        panel.unload()
        books.unload()
        project.clear()


from tests.qgis.test_precheck_algorithm import scene  # noqa: E402, F401 - the module fixture


def test_a_project_saved_under_another_name_never_drops_the_originals_tables(zoning, tmp_path, results_file_in_tmp):
    """Save As shares the run record and the results file with the original: the copy's next run replaces its own
    layers but leaves the original's table in the file; a duplicated result layer is the user's and stays."""
    panel = zoning
    project = QgsProject.instance()
    assert project.write(str(tmp_path / "a.qgz"))
    _check(panel)
    first = panel.store.set_layers()[0]
    first_id = first.id()
    original_table = first.customProperty(results_store.TABLE_PROPERTY)
    results = Path(first.customProperty(results_store.FILE_PROPERTY))
    assert project.write(str(tmp_path / "b.qgz"))  # Save As, same folder
    copy = first.clone()  # "Duplicate layer" copies the plugin's marks too
    copy.setName("my copy")
    project.addMapLayer(copy)
    _check(panel)
    assert original_table in _tables(results)  # a.qgz still finds its results
    assert project.mapLayer(first_id) is None and project.mapLayer(copy.id()) is copy
    _check(panel)  # b.qgz's own run is replaced as usual (its table dropped), the copy still stays
    assert project.mapLayer(copy.id()) is copy
    assert original_table in _tables(results)
