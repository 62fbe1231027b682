"""The reclamation dock: choose layers, run in the background, table coloured by verdict, zoom, sample, report."""


import processing
import pytest
from qgis.core import QgsProject, QgsVectorLayer

from land_supervision.ui.reclamation_dock import ReclamationDock
from tests.conftest import wait_for

NAMES = {"PROJECTS": "demo_reclamation_projects", "PLOTS": "demo_reclamation_plots",
         "BASELINE": "demo_baseline_dltb", "DEV_BOUNDARY": "demo_dev_boundary",
         "ECO_REDLINE": "demo_reclamation_redline", "PRIOR_PLOTS": "demo_prior_plots", "TOWNS": "demo_towns",
         "AREA_CHAIN": "demo_reclamation_chain"}



@pytest.fixture
def dock(qgis_iface, provider, demo_gpkg):
    project = QgsProject.instance()
    project.clear()
    layers = {}
    for key, name in NAMES.items():
        layer = QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr")
        assert layer.isValid()
        project.addMapLayer(layer)
        layers[key] = layer
    widget = ReclamationDock(qgis_iface)
    for key, layer in layers.items():
        widget.form.combos[key].setLayer(layer)
    yield widget, layers
    widget.unload()
    project.clear()


def test_run_fill_zoom_sample_report(dock, qgis_iface, tmp_path):
    widget, layers = dock
    widget.run_panel.run_button.click()
    assert wait_for(lambda: widget.plots_layer is not None)
    table = widget.results.plots
    assert table.rowCount() == layers["PLOTS"].featureCount()
    verdicts = {table.item(r, 2).text(): table.item(r, 0).background().color().name() for r in range(table.rowCount())}
    assert verdicts == {"合格": "#d9f2dd", "不合格": "#fbdad5", "待核实": "#fdeccc"}
    bad = next(r for r in range(table.rowCount()) if "R05" in table.item(r, 4).text())
    assert "复垦目标地类" in table.item(bad, 4).text()
    assert widget.results.projects.rowCount() == 10
    assert widget.chain_layer is not None and widget.chain_layer.featureCount() == 60
    tip = widget.results.projects.item(0, 0).toolTip()  # the project's area chain, one step a line
    assert tip.count("\n") == 6 and "规划新增" in tip and "确认新增" in tip
    # click to zoom: the canvas shows that plot
    widget.results.zoom_to_row(bad)
    canvas = qgis_iface.mapCanvas()
    plot = widget.plots_layer.getFeature(widget.results.feature_ids[bad]).geometry().boundingBox()
    assert canvas.extent().contains(plot)
    assert widget.plots_layer.selectedFeatureIds() == [widget.results.feature_ids[bad]]
    # sample with the chosen seed
    widget.seed.setValue(77)
    widget.sample_button.click()
    assert wait_for(lambda: widget.sample_layer is not None)
    assert all(f["CYZZ"] == 77 for f in widget.sample_layer.getFeatures())
    assert "77" in widget.message.text()
    # report
    widget.report_path = str(tmp_path / "dock.pdf")
    widget.report_button.click()
    assert wait_for(lambda: not widget.run_panel.is_running())
    assert (tmp_path / "dock.pdf").stat().st_size > 10000
    # ledger: without a ledger chosen nothing is posted, and it says so
    widget.ledger_button.click()
    assert widget.message.text()
    # with one: each accepted project's credit once; a second post is refused with a message
    from decimal import Decimal

    from land_supervision.core import ledger

    accepted = [f for f in widget.projects_layer.getFeatures() if f["XMJL"] == "合格"]
    assert accepted
    widget.ledger_file.setFilePath(str(tmp_path / "ledger.gpkg"))
    widget.ledger_button.click()
    assert wait_for(lambda: not widget.run_panel.is_running())
    credits = sum(2 if f["ZBLX"] == "both" else 1 for f in accepted)  # a batch for both credits both kinds
    assert credits > len(accepted)
    assert widget.message.text().startswith(f"{credits} ") or "已入账 " in widget.message.text()
    with ledger.open_ledger(str(tmp_path / "ledger.gpkg")) as book:
        linkage = sum(Decimal(f"{f['JYZBMJ']:.2f}") for f in accepted
                      if f["ZBLX"] in ("linkage_surplus", "both"))
        assert book.balance("linkage_surplus", "area") == linkage
        cultivated = sum(Decimal(f"{f['RZSDMJ'] + f['RZSJDMJ'] + f['RZHDMJ']:.2f}") for f in accepted
                         if f["ZBLX"] in ("compensation", "both"))
        assert book.balance("compensation", "cultivated_area") == cultivated
    widget.ledger_button.click()
    assert wait_for(lambda: not widget.run_panel.is_running())
    assert "已入账" in widget.message.text() or "already" in widget.message.text()


def test_layers_remembered_per_project(dock, qgis_iface):
    widget, layers = dock
    widget.form.save()  # what starting a run does
    again = ReclamationDock(qgis_iface)
    try:
        for key, layer in layers.items():
            assert again.form.combos[key].currentLayer() == layer
    finally:
        again.unload()


def test_run_without_layers_says_what_is_missing(qgis_iface, provider):
    QgsProject.instance().clear()
    widget = ReclamationDock(qgis_iface)
    try:
        widget.run_acceptance()
        assert not widget.run_panel.is_running()
        assert widget.message.text()
    finally:
        widget.unload()


def test_layers_guessed_by_name_in_a_fresh_project(qgis_iface, provider, demo_gpkg):
    project = QgsProject.instance()
    project.clear()
    try:
        for name in list(NAMES.values()) + ["demo_farmland", "demo_county"]:
            project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr"))
        widget = ReclamationDock(qgis_iface)
        try:
            for key, name in NAMES.items():
                assert widget.form.combos[key].currentLayer().name() == name, key
        finally:
            widget.unload()
    finally:
        project.clear()


def test_layers_guessed_when_added_after_the_dock(qgis_iface, provider, demo_gpkg):
    project = QgsProject.instance()
    project.clear()
    widget = ReclamationDock(qgis_iface)
    try:
        for name in ["demo_county"] + list(NAMES.values()):
            project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr"))
        for key, name in NAMES.items():
            assert widget.form.combos[key].currentLayer().name() == name, key
    finally:
        widget.unload()
        project.clear()


def test_layers_guessed_by_standard_fields_whatever_their_names(qgis_iface, provider, demo_gpkg):
    """Layers named by the user (图层1 ...) are still found by their standard fields."""
    project = QgsProject.instance()
    project.clear()
    by_fields = ["PROJECTS", "PLOTS", "BASELINE", "TOWNS", "AREA_CHAIN"]
    try:
        for number, key in enumerate(["AREA_CHAIN", "TOWNS", "BASELINE", "PLOTS", "PROJECTS"]):
            project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername={NAMES[key]}", f"图层{number}", "ogr"))
        project.addMapLayer(QgsVectorLayer(f"{demo_gpkg}|layername=demo_county", "图层9", "ogr"))
        # the tool's own outputs look like inputs by their fields, and come first by name: never picked
        checked = processing.run("landsupervision:reclamationacceptance", {
            **{key: f"{demo_gpkg}|layername={name}" for key, name in NAMES.items()},
            "OUTPUT_PLOTS": "memory:", "OUTPUT_PROJECTS": "memory:", "OUTPUT_TOWNS": "memory:",
            "OUTPUT_CHAIN": "memory:"})
        for number, key in enumerate(("OUTPUT_PLOTS", "OUTPUT_PROJECTS", "OUTPUT_CHAIN")):
            checked[key].setName(f"0_area_chain_projects_reclamation_plot{number}")
            project.addMapLayer(checked[key])
        widget = ReclamationDock(qgis_iface)
        try:
            for key in by_fields:
                layer = widget.form.combos[key].currentLayer()
                assert layer is not None and NAMES[key] in layer.source(), key
        finally:
            widget.unload()
    finally:
        project.clear()
