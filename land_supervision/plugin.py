"""The QGIS plugin: Processing provider, the 国土空间监管 menu and toolbar, one dock panel per tool."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QMainWindow, QMenu

from .constants import ICONS
from .qgis_compat import QAction
from .translation import install_translator, tr, tr_noop

MENU_TITLE = "国土空间监管"


def _tool_specs():
    """(key, dock class, icon file, English action text) per tool, in menu order."""
    from .ui.ledger_dock import LedgerDock
    from .ui.patrol_dock import PatrolDock
    from .ui.precheck_dock import PrecheckDock
    from .ui.reclamation_dock import ReclamationDock
    from .ui.zoning_dock import ZoningDock

    return [
        ("reclamation", ReclamationDock, "reclamation.svg", tr_noop("Reclamation acceptance")),
        ("ledger", LedgerDock, "ledger.svg", tr_noop("Quota ledger")),
        ("zoning", ZoningDock, "zoning.svg", tr_noop("Ecological zoning")),
        ("patrol", PatrolDock, "patrol.svg", tr_noop("Satellite-patrol reconciliation")),
        ("precheck", PrecheckDock, "icon.svg", tr_noop("Land-use pre-check")),
    ]


class LandSupervisionPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.language_chosen = False  # once per load: the language follows QGIS's locale (install_translator)
        self.menu = None
        self.toolbar = None
        self.actions: dict = {}
        self.docks: dict = {}

    # Processing -----------------------------------------------------------------------------------
    def initProcessing(self):
        if not self.language_chosen:
            self.translator = install_translator()
            self.language_chosen = True
        if self.provider is None:
            from .algorithms.provider import LandSupervisionProvider

            provider = LandSupervisionProvider()
            # addProvider deletes the object and returns False when the id is taken
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    # GUI ------------------------------------------------------------------------------------------
    def initGui(self):
        self.initProcessing()
        main_window = self.iface.mainWindow()
        self.toolbar = self.iface.addToolBar(MENU_TITLE)
        self.toolbar.setObjectName("LandSupervisionToolbar")
        self.menu = QMenu(MENU_TITLE, main_window)
        self.menu.setObjectName("LandSupervisionMenu")
        for key, dock_class, icon, text in _tool_specs():
            action = QAction(QIcon(str(ICONS / icon)), tr(text), main_window)
            action.setObjectName(f"LandSupervision_{key}")
            action.setCheckable(True)
            action.setToolTip(tr(text))
            dock = dock_class(self.iface, main_window)
            dock.setToggleVisibilityAction(action)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self._tabify(dock)
            dock.hide()
            self.menu.addAction(action)
            self.toolbar.addAction(action)
            self.actions[key] = action
            self.docks[key] = dock
        menu_bar = main_window.menuBar()
        before = self.iface.firstRightStandardMenu() if hasattr(self.iface, "firstRightStandardMenu") else None
        if isinstance(before, QMenu):
            menu_bar.insertMenu(before.menuAction(), self.menu)
        else:
            menu_bar.addMenu(self.menu)

    def _tabify(self, dock) -> None:
        """The tool docks open as tabs of one another, not stacked in a column: tabbed when added, and again
        the first time each is shown (QGIS restores its window state after the plugins are loaded)."""
        main_window = self.iface.mainWindow()
        first = next(iter(self.docks.values()), None)
        if isinstance(main_window, QMainWindow) and first is not None:
            area = main_window.dockWidgetArea(first)
            if area != Qt.DockWidgetArea.NoDockWidgetArea and main_window.dockWidgetArea(dock) == area:
                main_window.tabifyDockWidget(first, dock)
        dock.visibilityChanged.connect(lambda visible, d=dock: visible and self._join_tabs(d))

    def _join_tabs(self, dock) -> None:
        """Put ``dock`` into the tabs of an open tool dock, once per session (a user's own layout stays)."""
        if getattr(dock, "_joined_tabs", False):
            return
        dock._joined_tabs = True
        main_window = self.iface.mainWindow()
        if not isinstance(main_window, QMainWindow) or dock.isFloating():
            return
        area = main_window.dockWidgetArea(dock)
        others = [d for d in self.docks.values() if d is not dock and d.isVisible() and not d.isFloating()
                  and main_window.dockWidgetArea(d) == area]
        if others and dock not in main_window.tabifiedDockWidgets(others[0]):
            main_window.tabifyDockWidget(others[0], dock)
            dock.raise_()

    def open_dock(self, key: str):
        """Show and raise a tool's dock (used by tests and the screenshot script)."""
        dock = self.docks[key]
        dock.show()
        dock.raise_()
        return dock

    def unload(self):
        for dock in self.docks.values():
            dock.unload()
            self.iface.removeDockWidget(dock)
            dock.setParent(None)
            dock.deleteLater()
        self.docks.clear()
        for action in self.actions.values():
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions.clear()
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        self.language_chosen = False
