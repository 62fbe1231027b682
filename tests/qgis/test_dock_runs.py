"""Each dock driven through a whole run as a planner would: open it, pick the inputs, click Run, wait for the
run to end, read the results, print the report through the dock and find a known Chinese word in the PDF.

While each report prints, a 20 ms QTimer notes the longest stretch without an event-loop iteration (the
time QGIS would look frozen); the figures are printed (pytest -s), never asserted (no timed assertions).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QPushButton

from tests.conftest import wait_for
from tests.qgis.test_precheck_algorithm import scene  # noqa: F401 - the module fixture

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


class GapMeter:
    """The longest gap between event-loop iterations while the block runs (a QTimer ticking every 20 ms)."""

    def __init__(self, name: str, interval_ms: int = 20):
        self.name = name
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1

    def __enter__(self):
        self.started = self.last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self.timer.stop()
        print(f"\nGAP {self.name}: longest {self.longest * 1000:.0f} ms without events, "
              f"{time.perf_counter() - self.started:.2f} s in all, {self.ticks} ticks")


def click(dock, name: str) -> None:
    button = dock.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def run_and_wait(dock, panel, timeout: float = 180.0) -> None:
    """Click the panel's run button (objectName runButton) and process events until the run has ended."""
    button = panel.findChild(QPushButton, "runButton")
    assert button is not None and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wait_for(lambda: not panel.is_running(), timeout)


def cancel_print(panel, start, path: Path) -> None:
    """Start a print and click Cancel at its first progress step: no file, no staging folder, "Canceled"."""
    seen = []

    def on_progress(value):
        if value > 0 and not seen:
            seen.append(value)
            QTest.mouseClick(panel.findChild(QPushButton, "cancelButton"), Qt.MouseButton.LeftButton)

    panel.progress.valueChanged.connect(on_progress)
    try:
        start()
        assert wait_for(lambda: not panel.is_running())
    finally:
        panel.progress.valueChanged.disconnect(on_progress)
    assert seen, "no progress was shown"
    assert not path.exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    assert panel.status.text() in ("Canceled", "已取消")


def pdf_text(path: Path) -> str:
    assert path.exists() and path.stat().st_size > 5_000, path
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout.decode("utf-8"))


def layer_names() -> list[str]:
    return [layer.name() for layer in QgsProject.instance().mapLayers().values()]


def add_demo_layers(demo_gpkg, names) -> dict:
    project = QgsProject.instance()
    project.clear()
    layers = {}
    for name in names:
        layer = QgsVectorLayer(f"{demo_gpkg}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        project.addMapLayer(layer)
        layers[name] = layer
    return layers


@pytest.fixture
def opened(qgis_iface, provider):
    """Open a dock as the plugin does (shown), unload it after the test, clear the project."""
    docks = []

    def open_dock(dock_class):
        dock = dock_class(qgis_iface)
        dock.show()
        docks.append(dock)
        return dock

    yield open_dock
    for dock in docks:
        dock.unload()
        dock.deleteLater()
    QgsProject.instance().clear()


def test_reclamation_dock_whole_run(opened, demo_gpkg, tmp_path):
    from land_supervision.ui.reclamation_dock import ReclamationDock
    from tests.qgis.test_reclamation_dock import NAMES

    layers = add_demo_layers(demo_gpkg, NAMES.values())
    dock = opened(ReclamationDock)
    for key, name in NAMES.items():
        assert dock.form.combos[key].currentLayer() is layers[name], key  # picked by the dock itself
    run_and_wait(dock, dock.run_panel)
    assert dock.run_panel.status.text() in ("Finished", "完成")
    assert dock.results.plots.rowCount() == layers["demo_reclamation_plots"].featureCount()
    assert dock.results.projects.rowCount() == layers["demo_reclamation_projects"].featureCount()
    for name in ("Checked plots", "Project summary", "Town summary", "Area chain by step"):
        assert name in layer_names()
    dock.report_path = str(tmp_path / "reclamation.pdf")
    with GapMeter("reclamation report"):
        click(dock, "printReportButton")
        assert wait_for(lambda: not dock.run_panel.is_running())
    assert "建设用地复垦验收核查报告" in pdf_text(tmp_path / "reclamation.pdf")
    assert "reclamation.pdf" in dock.message.text()
    dock.report_path = str(tmp_path / "canceled.pdf")
    cancel_print(dock.run_panel, lambda: click(dock, "printReportButton"), tmp_path / "canceled.pdf")


def test_ledger_dock_whole_run(opened, tmp_path):
    from land_supervision.core.ledger import open_ledger
    from land_supervision.core.ledger.importer import import_file
    from land_supervision.ui.ledger_dock import LedgerDock
    from tests.qgis.test_ledger_dock import BUREAU

    path = str(tmp_path / "ledger.gpkg")
    with open_ledger(path) as book:
        import_file(book, str(BUREAU))
    dock = opened(LedgerDock)
    dock.location.setText(path)
    click(dock, "ledgerOpen")
    assert dock.ledger is not None and dock.balances.rowCount() > 0
    run_and_wait(dock, dock.runner)  # verify the ledger
    assert "Ledger receipt:" in dock.status.text()
    assert "FAILED" not in dock.status.text()
    click(dock, "ledgerShowProjects")
    assert "Quota ledger projects" in layer_names()
    with GapMeter("ledger statement"):
        assert dock.statement("pdf", str(tmp_path / "statement.pdf"))
        assert wait_for(lambda: not dock.runner.is_running())
    assert "用地指标台账" in pdf_text(tmp_path / "statement.pdf")
    cancel_print(dock.runner, lambda: dock.statement("pdf", str(tmp_path / "canceled.pdf")),
                 tmp_path / "canceled.pdf")


def test_zoning_dock_whole_run(opened, demo_gpkg, tmp_path):
    from land_supervision.ui.zoning_dock import ZoningDock

    add_demo_layers(demo_gpkg, ["demo_park_zones", "demo_activities_points"])
    dock = opened(ZoningDock)
    assert dock.zone_layer.currentLayer().name() == "demo_park_zones"
    assert dock.activity_layer.currentLayer().name() == "demo_activities_points"
    run_and_wait(dock, dock.run_panel)
    assert "Conformance of demo_activities_points" in layer_names()
    status = dock.run_panel.status.text()
    assert "Prohibited" in status or "禁止" in status
    with GapMeter("zoning map"):
        assert dock.print_map(str(tmp_path / "zoning.pdf"))
        assert wait_for(lambda: not dock.run_panel.is_running())
    assert "生态分区管控图" in pdf_text(tmp_path / "zoning.pdf").replace(" ", "")
    assert "zoning.pdf" in dock.map_status.text()
    cancel_print(dock.run_panel, lambda: dock.print_map(str(tmp_path / "canceled.pdf")), tmp_path / "canceled.pdf")


def test_patrol_dock_whole_run(opened, demo_gpkg, tmp_path):
    from land_supervision.ui.patrol_dock import PatrolDock
    from tests.qgis.test_patrol_dock import APPROVALS

    add_demo_layers(demo_gpkg, ["demo_patches", "demo_verification", "demo_baseline_dltb", "demo_farmland",
                                "demo_towns"] + [f"demo_approvals_{s}" for s in APPROVALS])
    dock = opened(PatrolDock)
    run_and_wait(dock, dock.run_panel)
    assert dock.patch_table.table.rowCount() == 40
    click(dock, "patrolAddLayers")
    for name in ("patrol_patches", "patrol_discrepancies", "patrol_towns"):
        assert name in layer_names()
    with GapMeter("patrol atlas"):
        assert dock.print_atlas(str(tmp_path / "atlas.pdf"))
        assert wait_for(lambda: not dock.run_panel.is_running())
    text = pdf_text(tmp_path / "atlas.pdf")
    assert "卫片执法图斑核查" in text
    assert "41 pages" in dock.run_panel.status.text() or "41 页" in dock.run_panel.status.text()
    cancel_print(dock.run_panel, lambda: dock.print_atlas(str(tmp_path / "canceled.pdf")),
                 tmp_path / "canceled.pdf")


def test_precheck_dock_whole_run(opened, scene, tmp_path):  # noqa: F811
    from land_supervision.ui.precheck_dock import PrecheckDock

    gpkg, ledger, _grain, _folder = scene
    project = QgsProject.instance()
    project.clear()
    for name in ("projects", "dltb", "farmland", "boundary", "park", "patches", "plots"):
        project.addMapLayer(QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr"))
    dock = opened(PrecheckDock)
    dock.ledger.setFilePath(str(ledger))
    dock.projects.setLayer(project.mapLayersByName("projects")[0])
    run_and_wait(dock, dock.run_panel)
    assert "Pre-check" in layer_names() and "Pre-check pieces" in layer_names()
    assert dock.last_outputs["OUTPUT"].featureCount() == 2
    status = dock.run_panel.status.text()
    assert "projects with findings" in status or "个项目" in status
    with GapMeter("pre-check sheets"):
        assert dock.print_sheets(str(tmp_path / "sheets.pdf"))
        assert wait_for(lambda: not dock.run_panel.is_running())
    text = pdf_text(tmp_path / "sheets.pdf")
    assert "用地预审核查表" in text and "P1" in text and "P2" in text
    cancel_print(dock.run_panel, lambda: dock.print_sheets(str(tmp_path / "canceled.pdf")),
                 tmp_path / "canceled.pdf")
