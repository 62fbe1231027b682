"""The docks open as tabs of one another and fit a 420 px dock in English and in Chinese."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt
from qgis.PyQt.QtWidgets import QApplication, QMainWindow, QPushButton, QTableWidget, QTableWidgetItem

import land_supervision

WIDTH = 420


@pytest.fixture
def main_window(qgis_iface, monkeypatch):
    """pytest-qgis's iface with a real QMainWindow behind addDockWidget (its stub adds nothing)."""
    window = qgis_iface.mainWindow()
    assert isinstance(window, QMainWindow)
    monkeypatch.setattr(qgis_iface, "addDockWidget", lambda area, dock: window.addDockWidget(area, dock))
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda dock: window.removeDockWidget(dock))
    window.resize(1400, 900)
    window.show()
    yield window
    window.hide()


def test_docks_open_tabbed(session_plugin, qgis_iface, main_window):
    session_plugin.unload()
    plugin = land_supervision.classFactory(qgis_iface)
    try:
        plugin.initGui()
        docks = list(plugin.docks.values())
        assert len(docks) == 5  # the four tools and the pre-check
        # as QGIS's window state restored after the plugins load can leave them: stacked in one column
        for dock in docks:
            dock.blockSignals(True)
            dock.show()
        for dock in docks:
            main_window.removeDockWidget(dock)
            main_window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, Qt.Orientation.Vertical)
            dock.show()
        assert not main_window.tabifiedDockWidgets(docks[0])
        for dock in docks:
            dock.hide()
            dock.blockSignals(False)
        for key, dock in plugin.docks.items():
            assert plugin.open_dock(key) is dock and dock.isVisible()
        QApplication.processEvents()
        assert set(main_window.tabifiedDockWidgets(docks[0])) == set(docks[1:])  # (hidden docks are not listed)
        # one column of tabs: each dock, raised, the full height, not a quarter of it
        for dock in docks:
            dock.raise_()
            QApplication.processEvents()
            assert dock.height() > 600, dock.objectName()
    finally:
        plugin.unload()
        session_plugin.initProcessing()


def _visible_in_viewport(widget, scroll) -> bool:
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return top_left.x() >= 0 and top_left.x() + widget.width() <= viewport.width()


@pytest.mark.parametrize("locale", ["en_US", "zh-Hans"])
def test_every_dock_fits_420_px(qgis_iface, provider, locale):
    import subprocess
    import sys

    from land_supervision.translation import install_translator
    from land_supervision.ui.ledger_dock import LedgerDock
    from land_supervision.ui.patrol_dock import PatrolDock
    from land_supervision.ui.reclamation_dock import ReclamationDock
    from land_supervision.ui.zoning_dock import ZoningDock
    from tests.conftest import ROOT

    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py")], check=True, capture_output=True)
    translator = install_translator(locale)
    assert (translator is not None) == locale.startswith("zh")
    try:
        for cls in (ReclamationDock, LedgerDock, ZoningDock, PatrolDock):
            dock = cls(qgis_iface)  # on its own (as if floating), 420 px wide
            dock.resize(WIDTH, 800)
            dock.show()
            QApplication.processEvents()
            try:
                assert dock.width() == WIDTH
                scroll = dock.widget()
                body = scroll.widget()
                # the body needs no more than the viewport, with room for a vertical scroll bar
                assert body.minimumSizeHint().width() <= scroll.viewport().width() - 16, cls.__name__
                assert scroll.horizontalScrollBar().maximum() == 0, cls.__name__
                if cls is LedgerDock:
                    for name in ("ledgerBrowse", "ledgerOpen", "ledgerPrintStatement", "ledgerPostButton"):
                        button = body.findChild(QPushButton, name)
                        assert button is not None and _visible_in_viewport(button, scroll), (locale, name)
            finally:
                dock.hide()
                dock.unload()
                dock.deleteLater()
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


def test_result_columns_fit_and_stay_reachable(qgis_app):
    from land_supervision.ui.dock_base import COLUMN_MAX_WIDTH, fit_columns

    table = QTableWidget(3, 9)
    table.resize(380, 200)
    for row in range(3):
        for col in range(9):
            table.setItem(row, col, QTableWidgetItem("x" * (80 if col == 4 else 6)))
    table.show()
    fit_columns(table)
    QApplication.processEvents()
    widths = [table.columnWidth(c) for c in range(9)]
    assert max(widths) == COLUMN_MAX_WIDTH == widths[4]  # the long column is capped, its text in the tooltip
    assert table.item(0, 4).toolTip() == "x" * 80 and table.item(0, 3).toolTip() == ""
    assert all(w < COLUMN_MAX_WIDTH for c, w in enumerate(widths) if c != 4)
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # more than fits: the table scrolls sideways to the last column
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    last = table.horizontalHeader().sectionViewportPosition(8) + table.columnWidth(8)
    assert last <= table.viewport().width()
    table.setColumnWidth(0, 50)  # the user resizes a column
    assert table.columnWidth(0) == 50
    table.hide()


def test_a_double_click_on_a_result_row_shows_every_column(qgis_app):
    """A dock is too narrow for nine columns: a double-click on a row opens all of them, one per line."""
    from qgis.PyQt.QtWidgets import QDialog, QLabel

    from land_supervision.ui.dock_base import fit_columns, row_details

    table = QTableWidget(2, 3)
    table.setHorizontalHeaderLabels(["JCBH", "ZZJG", "WTDM"])
    for row, values in enumerate([("3304822021Q10007", "违法", "填报耕地面积不符；" * 12), ("B2", "合法", "")]):
        for col, text in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(text))
    fit_columns(table)
    fit_columns(table)  # a refill connects nothing twice
    long_text = "填报耕地面积不符；" * 12
    assert row_details(table, 0) == [("JCBH", "3304822021Q10007"), ("ZZJG", "违法"), ("WTDM", long_text)]
    table.cellDoubleClicked.emit(0, 1)
    dialogs = [d for d in table.findChildren(QDialog) if d.objectName() == "rowDetails"]
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    texts = [label.text() for label in dialogs[0].findChildren(QLabel)]
    assert "3304822021Q10007" in texts and "填报耕地面积不符；" * 12 in texts
    dialogs[0].reject()
