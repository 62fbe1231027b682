"""The ledger dock: open a ledger, balances, validation as you type, post, history, reverse, map, statement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest
from qgis.core import QgsProject

from land_supervision.core.ledger import open_ledger
from land_supervision.core.ledger.importer import import_file
from tests.conftest import wait_for
from tests.core.test_ledger_pg_server import make_uri

BUREAU = Path(__file__).resolve().parents[2] / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"



def _check_statement_period(dock) -> None:
    """The statement period is the ledger's own span up to today (today's posting is in the statement), unless
    the user typed a date."""
    today = dt.date.today().isoformat()
    assert (dock.date_from.text(), dock.date_to.text()) == ("2018-06-30", today)
    dock.date_to.setText("2020-12-31")
    dock.date_to.setModified(True)  # as typed by the user: kept
    dock.refresh()
    assert dock.date_to.text() == "2020-12-31"
    dock.date_to.clear()  # emptied: the span again
    dock.refresh()
    assert dock.date_to.text() == today


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_dock_end_to_end(qgis_iface, provider, tmp_path, store):
    from land_supervision.ui.ledger_dock import LedgerDock

    path = make_uri(store, tmp_path)
    with open_ledger(path) as led:
        import_file(led, str(BUREAU))
    dock = LedgerDock(qgis_iface)
    assert dock.objectName() == "LandSupervisionLedgerDock"
    assert dock.open_ledger(path)
    table = dock.balances
    cells = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
             for r in range(table.rowCount())}
    # quota names in the interface's language (English here: no translation loaded)
    assert cells["linkage surplus quota: area"] == ("3,050.00", "0.00")
    assert cells["annual plan quota: area"] == ("0.00", "1,200.00")
    assert QgsProject.instance().readEntry("LandSupervision", "ledger/uri", "")[0] == path

    form = dock.form
    form.txn.setCurrentIndex(form.txn.findData("allocation"))
    form.fields["linkage"].setText("3050.01")  # more than the balance
    form.fields["project_id"].setText("T-1")
    form.fields["batch_no"].setText("2024-1")
    assert not form.post_button.isEnabled()
    assert "balance too low" in form.message.text() and "0.0100 short" in form.message.text()
    form.fields["linkage"].setText("50")
    assert form.post_button.isEnabled(), form.message.text()
    form.fields["batch_no"].setText("")  # an allocation names its approval batch
    assert not form.post_button.isEnabled() and "approval batch" in form.message.text()
    form.fields["batch_no"].setText("2024-1")
    form.post_button.click()
    assert "Posted entry 19" in dock.status.text() or "19" in dock.status.text()
    assert dock.ledger.balance("linkage_surplus") == D("3000")
    _check_statement_period(dock)

    history = dock.history
    history.project.setText("T-1")
    assert history.table.rowCount() == 1 and history.table.item(0, 0).text() == "19"
    history.table.selectRow(0)
    history.reverse_button.click()
    assert dock.ledger.balance("linkage_surplus") == D("3050")
    history.project.setText("")
    assert history.table.item(0, 6).text() == "19"  # newest first: the reversal naming entry 19

    dock.show_projects()
    layers = QgsProject.instance().mapLayersByName(dock.projects_layer().name())
    assert layers and layers[0].featureCount() == 5
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])
    del layers

    pdf = tmp_path / "s.pdf"
    assert dock.statement("pdf", str(pdf))
    assert wait_for(lambda: not dock.runner.is_running())
    assert pdf.exists() and pdf.stat().st_size > 1000 and str(pdf) in dock.status.text()
    dock.verify()
    assert wait_for(lambda: not dock.runner.is_running())
    assert "intact" in dock.status.text()
    dock.unload()
    assert dock.ledger is None


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_dock_asks_before_creating_a_ledger(qgis_iface, provider, tmp_path, store, monkeypatch):
    from land_supervision.ui.ledger_dock import LedgerDock

    uri = str(tmp_path / "typo.gpkg") if store == "gpkg" else make_uri(store, tmp_path)
    dock = LedgerDock(qgis_iface)
    asked = []
    monkeypatch.setattr(dock, "confirm_create", lambda where: asked.append(where) or False)
    monkeypatch.setattr("land_supervision.ui.ledger_dock.QMessageBox.warning", lambda *a, **k: None)
    assert not dock.open_ledger(uri)  # declined: nothing created
    assert asked == [uri] and dock.ledger is None
    if store == "gpkg":
        assert not (tmp_path / "typo.gpkg").exists()
    assert not dock.open_ledger(uri, quiet=True) and asked == [uri]  # a remembered ledger is never created
    monkeypatch.setattr(dock, "confirm_create", lambda where: asked.append(where) or True)
    assert dock.open_ledger(uri) and len(asked) == 2 and dock.ledger.verify().ok
    assert dock.open_ledger(uri) and len(asked) == 2  # an existing ledger opens without a question

    form = dock.form  # amounts as a planner types them
    form.txn.setCurrentIndex(form.txn.findData("grant"))
    form.fields["plan"].setText("1_000")
    assert not form.post_button.isEnabled() and "Plan quota" in form.message.text()
    assert "not a number" in form.message.text()
    form.fields["plan"].setText("12,5")
    assert form.post_button.isEnabled(), form.message.text()
    form.post_button.click()
    assert dock.ledger.balance("plan") == D("12.5")
    dock.unload()


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_dock_map_shows_current_polygons(qgis_iface, provider, tmp_path, store):
    """A polygon posted wrong, reversed and posted again: the map shows the new one only."""
    import shapely

    from land_supervision.core.ledger import Entry
    from land_supervision.ui.ledger_dock import LedgerDock

    uri = make_uri(store, tmp_path)
    with open_ledger(uri) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2020))
        led.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P", batch_no="B",
                       geometry=shapely.box(121.0, 30.7, 121.001, 30.701)))
        led.reverse(2)
        led.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P", batch_no="B",
                       geometry=shapely.box(600000, 3400000, 600100, 3400100)))
    dock = LedgerDock(qgis_iface)
    assert dock.open_ledger(uri)
    layer = dock.projects_layer()
    features = list(layer.getFeatures())
    assert len(features) == 1 and features[0].geometry().boundingBox().xMinimum() == 600000
    del layer, features
    dock.unload()
