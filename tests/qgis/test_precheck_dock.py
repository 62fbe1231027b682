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
    cells = {panel.table.item(r, 0).text(): (panel.table.item(r, 1).text(), panel.table.item(r, 2).text())
             for r in range(panel.table.rowCount())}
    assert cells["Cultivated land occupied, net of ridges (田坎)"] == ("57.00", "mu")
    assert cells["Grain capacity occupied"] == ("22,500.0", "kg") and cells["Cultivated area short"] == ("7.00", "mu")
    assert cells["Plan quota already allocated"] == ("0.00", "mu")
    # the scene's ledger: lot L1 (plan 100), lot L2 (耕地 50): the lots the balance part would draw
    assert cells["Plan quota: lots drawn"] == ("L1 60.00", "mu") and cells["Cultivated area: lots drawn"] == \
        ("L2 50.00", "mu")
    assert "occupies permanent basic farmland" in panel.summary.text() and " ms" in panel.summary.text()


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


def test_figure_labels_speak_one_language(dock):
    """English UI: English labels and units (the Chinese term in parentheses only for 田坎 and the zone names);
    Chinese UI: Chinese only."""
    import re

    from qgis.PyQt.QtCore import QCoreApplication

    from land_supervision.translation import install_translator

    panel, layers = dock
    p1 = QgsGeometry(next(layers["projects"].getFeatures()).geometry())
    panel.check_geometry(p1, QgsCoordinateReferenceSystem("EPSG:4528"))
    english = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert all(re.search(r"[A-Za-z]", label) for label in english)
    assert [label for label in english if re.search(r"[\u4e00-\u9fff]", label)] == [
        "of which concentrated construction zone (集中建设区)", "of which flexible development zone (弹性发展区)",
        "of which strict control zone (严格管控区)", "of which reasonable use zone (合理利用区)",
        "Cultivated land occupied, net of ridges (田坎)"]
    translator = install_translator("zh_CN")
    try:
        panel.check_geometry(p1, QgsCoordinateReferenceSystem("EPSG:4528"))
        chinese = [(panel.table.item(r, 0).text(), panel.table.item(r, 2).text())
                   for r in range(panel.table.rowCount())]
        summary = panel.summary.text()
    finally:
        QCoreApplication.removeTranslator(translator)
    assert not any(re.search(r"[A-Za-z]", label + unit) for label, unit in chinese)
    assert ("占用耕地（扣除田坎）", "亩") in chinese and ("占用粮食产能", "公斤") in chinese
    assert "占用永久基本农田" in summary and "permanent" not in summary


def _fresh_ledger(path):
    from decimal import Decimal as D  # noqa: N817

    from land_supervision.core.ledger import Entry, open_ledger

    with open_ledger(str(path)) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
        led.post(Entry("grant", {("compensation", "cultivated_area"): D("100"), ("compensation", "paddy_area"): D("50"),
                                 ("compensation", "grain_capacity"): D("40000")}, year=2024))
    return str(path)


def _checked_layer(panel, layers, ledger: str):
    """The demo projects layer pre-checked through the dock against ``ledger``: the result layer."""
    panel.ledger.setFilePath(ledger)
    panel.projects.setLayer(layers["projects"])
    seen = []
    panel.run_panel.finished.connect(lambda ok, results: seen.append(ok))
    assert panel.check_layer() and wait_for(lambda: seen) and seen == [True]
    return panel.last_outputs["OUTPUT"]


def _post(dialog) -> None:
    """Click Post and wait for the background posting to end."""
    dialog.form.post_button.click()
    assert wait_for(lambda: not dialog.writer.busy())


def test_post_a_drawn_project_as_an_allocation(dock, tmp_path):
    """The button opens the ledger's post form prefilled from the drawn project's result (allocation, plan 60,
    耕地 57 / 水田 27 / 22,500 kg); the user gives the project id and batch; the ledger's rules post it, with
    the drawn polygon as the project's polygon. A second pre-check of the same polygon under that id reads
    covered."""
    from land_supervision.core.ledger import open_ledger
    from land_supervision.core.ledger.allocation_check import allocated_by_project

    panel, layers = dock
    ledger = _fresh_ledger(tmp_path / "ledger.gpkg")
    panel.ledger.setFilePath(ledger)
    assert panel.post_allocation() is None and "first" in panel.summary.text()  # nothing drawn yet
    p1 = QgsGeometry(next(layers["projects"].getFeatures()).geometry())
    panel.check_geometry(p1, QgsCoordinateReferenceSystem("EPSG:4528"))
    dialog = panel.post_allocation()
    form = dialog.form
    try:
        assert form.txn.currentData() == "allocation"
        assert [form.fields[k].text() for k in ("plan", "cultivated", "paddy", "grain")] == \
            ["60.00", "57.00", "27.00", "22500.00"]
        assert not form.post_button.isEnabled()  # no project id, no batch yet: the ledger's rule says so
        form.fields["project_id"].setText("P1")
        form.fields["batch_no"].setText("2024-预审-1")
        assert form.post_button.isEnabled(), form.message.text()
        _post(dialog)
        assert dialog.posted is not None and dialog.posted.entry_no == 3
    finally:
        dialog.close()
    with open_ledger(ledger, create=False) as led:
        assert allocated_by_project(led)["P1"][("plan", "area")] == 60
        (project,) = led.projects()
    assert project["project_id"] == "P1" and project["batch_no"] == "2024-预审-1" and project["wkb"]


def test_posting_a_result_the_ledger_refuses_says_why(dock, tmp_path):
    """Plan 100 granted, nothing for 耕地: the prefilled compensation is refused by the balance rule and the
    Post button stays off."""
    from decimal import Decimal as D  # noqa: N817

    from land_supervision.core.ledger import Entry, open_ledger

    panel, layers = dock
    ledger = tmp_path / "plan_only.gpkg"
    with open_ledger(str(ledger)) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
    panel.ledger.setFilePath(str(ledger))
    panel.check_geometry(QgsGeometry(next(layers["projects"].getFeatures()).geometry()),
                         QgsCoordinateReferenceSystem("EPSG:4528"))
    dialog = panel.post_allocation()
    try:
        dialog.form.fields["project_id"].setText("P1")
        dialog.form.fields["batch_no"].setText("B")
        assert not dialog.form.post_button.isEnabled() and dialog.form.message.text()
    finally:
        dialog.close()


def test_post_form_for_a_project_selected_in_the_checked_layer(dock, tmp_path):
    panel, layers = dock
    result = _checked_layer(panel, layers, _fresh_ledger(tmp_path / "ledger.gpkg"))
    result.selectByIds([f.id() for f in result.getFeatures() if f["XMBH"] == "P2"])
    dialog = panel.post_allocation()
    try:
        assert dialog.form.fields["project_id"].text() == "P2"
        assert [dialog.form.fields[k].text() for k in ("plan", "cultivated")] == ["60.00", ""]
        dialog.form.fields["batch_no"].setText("B")
        assert dialog.form.post_button.isEnabled(), dialog.form.message.text()
    finally:
        dialog.close()


def test_reopened_post_form_offers_only_what_is_left(dock, tmp_path):
    """The amounts follow the ledger as it is when the form opens, not the pre-check's *_YAP: with 20 亩 of
    P2's 60 allocated since the check, 40.00 is offered; once posted through the form, reopening it without a
    new pre-check offers 0.00, says P2 is covered and cannot post."""
    from decimal import Decimal as D  # noqa: N817

    from land_supervision.core.ledger import Entry, open_ledger
    from land_supervision.core.ledger.allocation_check import allocated_by_project

    panel, layers = dock
    ledger = _fresh_ledger(tmp_path / "ledger.gpkg")
    result = _checked_layer(panel, layers, ledger)
    row = next(f for f in result.getFeatures() if f["XMBH"] == "P2")
    assert row["JHZB_MU"] == pytest.approx(60) and not row["JHZB_YAP"]
    result.selectByIds([row.id()])
    with open_ledger(ledger, create=False) as led:  # allocated after the pre-check ran
        led.post(Entry("allocation", {("plan", "area"): D("20")}, year=2024, project_id="P2", batch_no="B0"))
    for offered in ("40.00", "0.00"):
        dialog = panel.post_allocation()
        form = dialog.form
        try:
            assert form.fields["project_id"].text() == "P2" and form.fields["plan"].text() == offered
            form.fields["batch_no"].setText("B1")
            assert form.post_button.isEnabled() == (offered != "0.00"), form.message.text()
            assert ("P2" in form.message.text() and "covered" in form.message.text()) == (offered == "0.00")
            _post(dialog)
            assert (dialog.posted is not None) == (offered != "0.00")
        finally:
            dialog.close()
    with open_ledger(ledger, create=False) as led:
        assert allocated_by_project(led)["P2"][("plan", "area")] == 60


def test_drawn_project_is_covered_once_its_posted_id_is_typed(dock, tmp_path):
    """A drawn project posted as P1, drawn again: the form offers the pre-check's amounts until P1 is typed,
    then 0.00 everywhere and a message saying P1 is covered; another id gets its own amounts back."""
    panel, layers = dock
    panel.ledger.setFilePath(_fresh_ledger(tmp_path / "ledger.gpkg"))
    panel.check_geometry(QgsGeometry(next(layers["projects"].getFeatures()).geometry()),
                         QgsCoordinateReferenceSystem("EPSG:4528"))
    for attempt in range(2):
        dialog = panel.post_allocation()
        form = dialog.form
        try:
            assert form.fields["plan"].text() == "60.00" and form.fields["cultivated"].text() == "57.00"
            form.fields["project_id"].setText("P1")
            form.fields["batch_no"].setText("B2")
            if attempt:
                assert [form.fields[k].text() for k in ("plan", "cultivated", "paddy", "grain")] == ["0.00"] * 4
                assert "P1" in form.message.text() and not form.post_button.isEnabled()
                form.fields["project_id"].setText("P9")  # another id: its own amounts again
                assert form.fields["plan"].text() == "60.00" and "covered" not in form.message.text()
            else:
                _post(dialog)
                assert dialog.posted is not None
        finally:
            dialog.close()


def test_posting_by_someone_else_while_the_form_is_open(dock, tmp_path):
    """The form opened on P2 (60.00 to allocate); another user allocates 20 亩 to P2 meanwhile: Post writes
    nothing, says the ledger changed and offers 40.00; the second Post allocates those 40, P2 ends at 60."""
    from decimal import Decimal as D  # noqa: N817

    from land_supervision.core.ledger import Entry, open_ledger
    from land_supervision.core.ledger.allocation_check import allocated_by_project

    panel, layers = dock
    ledger = _fresh_ledger(tmp_path / "ledger.gpkg")
    result = _checked_layer(panel, layers, ledger)
    result.selectByIds([f.id() for f in result.getFeatures() if f["XMBH"] == "P2"])
    dialog = panel.post_allocation()
    form = dialog.form
    try:
        form.fields["batch_no"].setText("B1")
        assert form.fields["plan"].text() == "60.00" and form.post_button.isEnabled(), form.message.text()
        with open_ledger(ledger, create=False) as other:
            other.post(Entry("allocation", {("plan", "area"): D("20")}, year=2024, project_id="P2", batch_no="B0"))
        _post(dialog)
        assert dialog.posted is None and "changed" in dialog.status.text()
        assert form.fields["plan"].text() == "40.00"
        _post(dialog)
        assert dialog.posted is not None, dialog.status.text()
    finally:
        dialog.close()
    with open_ledger(ledger, create=False) as led:
        assert allocated_by_project(led)["P2"][("plan", "area")] == 60 and led.verify().ok


def test_form_closed_while_its_posting_waits(dock, tmp_path):
    """Close the form while its posting waits for another user's write lock: closing waits for the posting,
    which lands once the lock is released; nothing breaks afterwards."""
    import sqlite3
    import threading

    from land_supervision.core.ledger import open_ledger
    from land_supervision.core.ledger.allocation_check import allocated_by_project

    panel, layers = dock
    ledger = _fresh_ledger(tmp_path / "ledger.gpkg")
    result = _checked_layer(panel, layers, ledger)
    result.selectByIds([f.id() for f in result.getFeatures() if f["XMBH"] == "P2"])
    dialog = panel.post_allocation()
    dialog.form.fields["batch_no"].setText("B1")
    holder = sqlite3.connect(ledger, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    dialog.form.post_button.click()
    assert dialog.writer.busy() and not dialog.form.isEnabled()
    threading.Timer(0.5, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    dialog.close()  # waits for the posting
    assert wait_for(lambda: not dialog.writer.busy())
    assert dialog.posted is not None and dialog.ledger is None
    with open_ledger(ledger, create=False) as led:
        assert allocated_by_project(led)["P2"][("plan", "area")] == 60
