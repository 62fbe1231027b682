"""Runs inside the QGIS desktop (qgis --code): open every dock of the plugin and take screenshots."""

import json
import os
import sys
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer

SHOTS = os.environ["LS_GUI_SHOTS"]
REPORT = os.environ["LS_GUI_REPORT"]
TOOLS = ["reclamation", "ledger", "zoning", "patrol", "precheck"]
state = {"docks": {}, "python_errors": [], "messages": []}


def on_message(message, tag, level):
    if tag == "Python error" or (level == Qgis.MessageLevel.Critical and "Traceback" in message):
        state["python_errors"].append(message)


QgsApplication.messageLog().messageReceived.connect(on_message)
_previous_hook = sys.excepthook


def hook(kind, value, tb):
    state["python_errors"].append("".join(traceback.format_exception(kind, value, tb)))
    _previous_hook(kind, value, tb)


sys.excepthook = hook
iface = qgis.utils.iface


def finish():
    try:
        from land_supervision.core.messages import current_language

        state["language"] = current_language()
    except Exception:  # recorded as no language
        state["language"] = None
    with open(REPORT, "w", encoding="utf-8") as handle:
        json.dump(state, handle, ensure_ascii=False, indent=2)
    iface.actionExit().trigger()


def shoot(index=0):
    plugin = qgis.utils.plugins.get("land_supervision")
    if plugin is None or not hasattr(plugin, "docks"):
        state["python_errors"].append("land_supervision is not loaded: " + repr(list(qgis.utils.plugins)))
        finish()
        return
    if index > 0:
        key = TOOLS[index - 1]
        dock = plugin.docks[key]
        window = iface.mainWindow()
        path = os.path.join(SHOTS, f"{index:02d}_{key}_window.png")
        window.grab().save(path)
        dock.grab().save(os.path.join(SHOTS, f"{index:02d}_{key}_dock.png"))
        state["docks"][key]["screenshot"] = path
        scroll = dock.widget()
        state["docks"][key].update(
            width=dock.width(), height=dock.height(), tabs=len(window.tabifiedDockWidgets(dock)),
            fits=scroll.horizontalScrollBar().maximum() == 0 if hasattr(scroll, "horizontalScrollBar") else None)
    if index >= len(TOOLS):
        QTimer.singleShot(500, lambda: run_patrol(plugin))
        return
    key = TOOLS[index]
    show_tool_group(index)
    try:
        if index == 0:  # all four open, as a planner has them: tabs of one another
            for other in TOOLS:
                plugin.open_dock(other)
        dock = plugin.open_dock(key)  # its tab in front
        state["docks"][key] = {"visible": dock.isVisible(), "title": dock.windowTitle()}
    except Exception:  # recorded, and the check fails
        state["python_errors"].append(traceback.format_exc())
        state["docks"][key] = {"visible": False}
    QTimer.singleShot(1500, lambda: shoot(index + 1))


def run_patrol(plugin, waited=0.0):
    """Run the patrol dock on the demo layers and shoot its table (discrepancies in words, not codes)."""
    from qgis.core import QgsProject

    dock = plugin.docks["patrol"]
    if waited == 0.0:
        try:
            by_name = {layer.name(): layer for layer in QgsProject.instance().mapLayers().values()}
            for key, name in [("PATCHES", "demo_patches"), ("VERIFICATION", "demo_verification"),
                              ("BASELINE", "demo_baseline_dltb"), ("FARMLAND", "demo_farmland"),
                              ("TOWNS", "demo_towns")]:
                if name in by_name:
                    dock.inputs.combos[key].setLayer(by_name[name])
            dock.inputs.set_approvals([layer.id() for name, layer in by_name.items()
                                       if name.startswith("demo_approvals_")])
            plugin.open_dock("patrol")
            if not dock.run():
                state["patrol_run"] = "not started: " + dock.run_panel.status.text()
                QTimer.singleShot(200, finish)
                return
        except Exception:  # recorded, and the check fails
            state["python_errors"].append(traceback.format_exc())
            QTimer.singleShot(200, finish)
            return
    if not dock.results and waited < 60.0:
        QTimer.singleShot(500, lambda: run_patrol(plugin, waited + 0.5))
        return
    table = dock.patch_table.table
    state["patrol_run"] = {"rows": table.rowCount(), "seconds": waited}
    if table.rowCount():
        from land_supervision.ui.patrol.results import COLUMNS

        col = [n for n, _, _ in COLUMNS].index("WTDM")
        state["patrol_run"]["discrepancies"] = [table.item(r, col).text() for r in range(min(5, table.rowCount()))
                                                if table.item(r, col) is not None]
        table.scrollTo(table.model().index(0, col))
    dock.grab().save(os.path.join(SHOTS, "05_patrol_results_dock.png"))
    QTimer.singleShot(200, finish)


def show_tool_group(index):
    """Make the current tool's layer group visible (the others hidden) and zoom to its layers."""
    from qgis.core import QgsProject, QgsRectangle

    root = QgsProject.instance().layerTreeRoot()
    groups = [g for g in root.children() if hasattr(g, "findLayers")]
    extent = QgsRectangle()
    for number, group in enumerate(groups):
        visible = number == index or number == len(groups) - 1  # the tool's group and the base data
        group.setItemVisibilityChecked(visible)
        if number == index:
            for layer_node in group.findLayers():
                layer = layer_node.layer()
                if (layer is not None and layer_node.itemVisibilityChecked() and layer.isSpatial()
                        and not layer.extent().isEmpty()):
                    extent.combineExtentWith(layer.extent())
    if not extent.isEmpty():
        extent.scale(1.15)
        iface.mapCanvas().setExtent(extent)
        iface.mapCanvas().refresh()


iface.mainWindow().showMaximized()
QTimer.singleShot(6000, shoot)
