"""The ledger dock: open a ledger, balances, validation as you type, post, history, reverse, map, statement."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from land_supervision.core.ledger import open_ledger
from land_supervision.core.ledger.importer import import_file
from tests.conftest import wait_for
from tests.core.test_ledger_pg_server import make_uri

BUREAU = Path(__file__).resolve().parents[2] / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"



def _click(dock, button) -> None:
    """Click Post or Reverse and wait for the background posting to end (the dock's writer)."""
    button.click()
    assert wait_for(lambda: not dock.writer.busy())


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
    _click(dock, form.post_button)
    assert "Posted entry 19" in dock.status.text() or "19" in dock.status.text()
    assert dock.ledger.balance("linkage_surplus") == D("3000")
    _check_statement_period(dock)

    history = dock.history
    history.project.setText("T-1")
    assert history.table.rowCount() == 1 and history.table.item(0, 0).text() == "19"
    history.table.selectRow(0)
    _click(dock, history.reverse_button)
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
    _click(dock, form.post_button)
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


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_dock_lots_deadlines_and_lot_fields(qgis_iface, provider, tmp_path):
    """The bureau's ledger: what is left per lot, the two 长城 advances overdue as of today, the post form's lot
    fields per transaction type, its dry run naming the lots the posting would draw (the oldest first, or the
    lots ticked), and a repayment naming its advance; the tables follow each posting."""
    from land_supervision.core.ledger import LotBook
    from land_supervision.ui.ledger_dock import LedgerDock

    path = str(tmp_path / "bureau.gpkg")
    with open_ledger(path) as led:
        import_file(led, str(BUREAU))
    dock = LedgerDock(qgis_iface)
    assert dock.open_ledger(path)
    lots = {(row[0], row[2]): row for row in _cells(dock.lots_table)}
    assert lots["跨市调剂-2019", "linkage surplus quota"][3] == "920.00"  # 958 - 38 (see docs/ledger.md)
    assert lots["跨省调剂-2018", "linkage surplus quota"][3] == "0.00"
    assert lots["省统筹补充耕地-2020", "cultivated-land compensation quota"][3:6] == ["171.00", "0.00", "0"]
    today = dt.date.today()
    line = dock.deadlines.line.text()
    assert line == f"As of {today.isoformat()}: 2 overdue, 0 due within 90 days", line
    assert [(r[0], r[6]) for r in _cells(dock.deadlines.table)] == [("长城预支-2019", "overdue"),
                                                                    ("长城预支-2020", "overdue")]

    _allocation_draws(dock)
    _advance_and_repayment(dock, today)
    assert isinstance(dock.form.book, LotBook)
    dock.unload()


def _shown(form, name) -> bool:
    widget = form.fields.get(name) or form.lot_widgets[name]
    return not widget.isHidden()


def _allocation_draws(dock) -> None:
    form = dock.form
    shown = functools.partial(_shown, form)
    form.txn.setCurrentIndex(form.txn.findData("grant"))
    assert shown("lot_id") and shown("grade") and not shown("term") and not shown("draw_from")
    form.txn.setCurrentIndex(form.txn.findData("allocation"))
    assert shown("draw_from") and not shown("lot_id") and not shown("repays")
    picks = [form.draw_list.item(i).text() for i in range(form.draw_list.count())]
    # the oldest first; 跨省调剂-2018's linkage surplus is used up, its attached spatial quota is not
    assert picks[0] == "跨省调剂-2018 (2018-06-30): spatial (planning-scale) quota 296.00"
    assert "linkage surplus quota 920.00" in next(p for p in picks if p.startswith("跨市调剂-2019 (2019-"))
    form.fields["linkage"].setText("50")
    form.fields["project_id"].setText("T-1")
    form.fields["batch_no"].setText("2024-1")
    assert form.post_button.isEnabled(), form.message.text()
    assert "Lots it would draw: linkage surplus quota: area: 跨市调剂-2019 50.00" in form.message.text()
    index = next(i for i in range(form.draw_list.count()) if form.draw_list.item(i).text().startswith("省内调剂-2020"))
    form.draw_list.item(index).setCheckState(Qt.CheckState.Checked)  # this lot instead
    assert "linkage surplus quota: area: 省内调剂-2020 50.00" in form.message.text()
    _click(dock, form.post_button)
    assert dock.ledger.lots().entry_draws(19) == [("省内调剂-2020", "linkage_surplus", "area", D("50"))]
    lots = {(row[0], row[2]): row for row in _cells(dock.lots_table)}
    assert lots["省内调剂-2020", "linkage surplus quota"][3] == "908.00"  # refreshed after the post
    assert form.chosen_lots() == ()  # cleared with the amounts


def _advance_and_repayment(dock, today) -> None:
    form = dock.form
    shown = functools.partial(_shown, form)
    # an advance: a commitment needs its due date; one due in 30 days is "due" as of today
    form.txn.setCurrentIndex(form.txn.findData("advance"))
    assert shown("term") and shown("due_date") and shown("lot_id")
    form.fields["plan"].setText("100")
    form.fields["evidence"].setText("承诺函")
    form.fields["lot_id"].setText("承诺-T")
    form.term.setCurrentIndex(form.term.findData("commitment"))
    assert not form.post_button.isEnabled() and "commitment needs its due date" in form.message.text()
    form.fields["due_date"].setText((today + dt.timedelta(days=30)).isoformat())
    assert form.post_button.isEnabled(), form.message.text()
    _click(dock, form.post_button)
    assert dock.deadlines.line.text() == f"As of {today.isoformat()}: 2 overdue, 1 due within 90 days"
    assert [r[:2] + r[5:] for r in _cells(dock.deadlines.table)][-1] == ["承诺-T", "commitment", "30", "due"]

    # a repayment: the oldest open advance by default, or the one named
    form.txn.setCurrentIndex(form.txn.findData("repayment"))
    form.fields["plan"].setText("80")
    assert form.post_button.isEnabled(), form.message.text()
    assert "Repays the advance 长城预支-2019" in form.message.text()
    assert [form.repays.itemData(i) for i in range(form.repays.count())] == ["", "长城预支-2019", "长城预支-2020",
                                                                              "承诺-T"]
    form.repays.setCurrentIndex(form.repays.findData("承诺-T"))
    assert "Repays the advance 承诺-T" in form.message.text()
    _click(dock, form.post_button)
    rows = {r["lot_id"]: r for r in dock.ledger.deadlines(include_all=True)}
    assert rows["承诺-T"]["outstanding"] == D("20") and rows["长城预支-2019"]["outstanding"] == D("600")


def test_dock_lots_speak_one_language(qgis_iface, provider, tmp_path):
    import re

    from qgis.PyQt.QtCore import QCoreApplication

    from land_supervision.core import messages
    from land_supervision.translation import install_translator
    from land_supervision.ui.ledger_dock import LedgerDock

    path = str(tmp_path / "bureau.gpkg")
    with open_ledger(path) as led:
        import_file(led, str(BUREAU))
    translator = install_translator("zh_CN")
    try:
        dock = LedgerDock(qgis_iface)
        assert dock.open_ledger(path)
        headers = [dock.lots_table.horizontalHeaderItem(c).text() for c in range(dock.lots_table.columnCount())]
        line = dock.deadlines.line.text()
        statuses = {r[6] for r in _cells(dock.deadlines.table)}
        kinds = {r[2] for r in _cells(dock.lots_table)}
        form = dock.form
        form.txn.setCurrentIndex(form.txn.findData("allocation"))
        form.fields["linkage"].setText("50")
        form.fields["project_id"].setText("T-1")
        form.fields["batch_no"].setText("2024-1")
        message = form.message.text()
        dock.unload()
    finally:
        QCoreApplication.removeTranslator(translator)
        messages.set_language(None)
    assert headers[:4] == ["批次", "日期", "指标", "余量(亩)"] and line.startswith("截至 ")
    assert statuses == {"已逾期"} and not any(re.search(r"[A-Za-z]", k) for k in kinds)
    assert "将取用的批次:" in message and "跨市调剂-2019 50.00" in message
    assert not re.search(r"[A-Za-z]", message.replace("OK", "")), message


def test_posting_waits_for_the_lock_without_freezing_the_window(qgis_iface, provider, tmp_path):
    """Another user holds the ledger's write lock: Post returns at once, the dock says it is posting with the
    form and history locked, QGIS's event loop keeps running; once the lock is released the entry is posted
    and the dock refreshed. A refusal comes back as the dock's status."""
    import sqlite3

    from land_supervision.core.ledger import Entry
    from land_supervision.ui.ledger_dock import LedgerDock

    path = str(tmp_path / "busy.gpkg")
    with open_ledger(path) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
    dock = LedgerDock(qgis_iface)
    assert dock.open_ledger(path)
    form = dock.form
    form.txn.setCurrentIndex(form.txn.findData("grant"))
    form.fields["plan"].setText("5")
    assert form.post_button.isEnabled(), form.message.text()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another user in the middle of a posting
    try:
        form.post_button.click()
        ticks = []
        assert not wait_for(lambda: ticks.append(1) and False, timeout=1.0)  # the event loop runs meanwhile
        assert len(ticks) > 20
        assert dock.writer.busy() and "Posting" in dock.status.text()
        assert not form.isEnabled() and not dock.history.isEnabled()
        assert dock.ledger.balance("plan") == D("100")  # the dock's own reads go on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert wait_for(lambda: not dock.writer.busy())
    assert "Posted entry 2" in dock.status.text() and form.isEnabled()
    assert dock.balances.item(0, 1) is not None and dock.ledger.balance("plan") == D("105")
    form.txn.setCurrentIndex(form.txn.findData("allocation"))
    dock.post(Entry("allocation", {("plan", "area"): D("500")}, year=2024, project_id="P", batch_no="B"))
    assert wait_for(lambda: not dock.writer.busy())
    assert "balance too low" in dock.status.text() and dock.ledger.balance("plan") == D("105")
    dock.unload()
    assert dock.writer.ledger is None
