"""Dock panel of the 用地预审 pre-check: draw a project (or pick a layer of them) and see every constraint and
every quota at once; print the sheets."""

from __future__ import annotations

import time

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..constants import PATROL_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD, RESOURCES, WORKING_CRS
from ..qgis_compat import LayerFilter
from ..reports.precheck_sheet import FIGURES
from ..translation import tr, tr_noop
from .dock_base import ToolDock
from .file_dialogs import save_path
from .layer_picking import has_fields, pick_layer
from .results_store import Output, ResultsStore, RunOptions
from .run_panel import RunPanel
from .settings import ProjectEntries
from .zoning.draw_tool import POLYGON, FootprintMapTool

# (parameter, label, standard fields, name words, fields of the plugin's outputs that rule a layer out)
OUTPUTS = ("WTDM", "XZMJ_MU", "JHZB_QK")  # any tool's results: never a survey or constraint layer
INPUTS = [
    ("BASELINE", tr_noop("Baseline survey (三调 DLTB)"), ("DLBM",), ("dltb", "baseline", "地类"), OUTPUTS),
    ("FARMLAND", tr_noop("Permanent basic farmland"), (), ("farmland", "jbnt", "基本农田"), OUTPUTS),
    ("REDLINE", tr_noop("Ecological red line"), (), ("redline", "sthx", "红线"), OUTPUTS),
    ("DEV_BOUNDARY", tr_noop("Urban development boundary"), (), ("dev_boundary", "kfbj", "开发边界"), OUTPUTS),
    ("PARK_ZONES", tr_noop("Marine park zones"), ("GKFQ",), ("park", "海洋公园"), OUTPUTS),
    # the patrol and reclamation results are what these two want; only the pre-check's own are ruled out
    ("PATCHES", tr_noop("Patrol patches"), ("JCBH", PATROL_VERDICT_FIELD), ("patch", "图斑"), ("JHZB_QK",)),
    ("PLOTS", tr_noop("Reclamation plots"), ("DKBH", RECLAMATION_VERDICT_FIELD), ("plot", "地块"), ("JHZB_QK",)),
]
SETTINGS = ProjectEntries("precheck")
STYLES = RESOURCES / "precheck" / "styles"


def precheck_outputs() -> list:
    """The layer check's results, top to bottom: projects by findings over the constraint pieces."""
    return [Output("OUTPUT", "projects", tr("Pre-check"), STYLES / "precheck.qml"),
            Output("OUTPUT_PIECES", "pieces", tr("Pre-check pieces"), STYLES / "precheck_pieces.qml")]


class PrecheckDock(ToolDock):
    OBJECT_NAME = "LandSupervisionPrecheckDock"
    TITLE = "Land-use pre-check"

    def build(self) -> None:
        self.tool: FootprintMapTool | None = None
        self.last_result: dict | None = None
        self.layers: dict[str, QgsMapLayerComboBox] = {}
        self._build_layers()
        self._build_draw()
        self._build_batch()
        self.restore_inputs()
        self.preselect()
        QgsProject.instance().layersAdded.connect(self.preselect)
        QgsProject.instance().readProject.connect(self.restore_inputs)

    def _build_layers(self) -> None:
        """The input layers and the ledger."""
        box = QGroupBox(tr("Layers"), self)
        form = QFormLayout(box)
        for name, label, _, _, _ in INPUTS:
            combo = QgsMapLayerComboBox(box)
            combo.setObjectName(f"precheck_{name}")
            combo.setFilters(LayerFilter.PolygonLayer)
            if name != "BASELINE":  # optional: empty unless a layer is recognised (never the first at random)
                combo.setAllowEmptyLayer(True)
                combo.setLayer(None)
            form.addRow(tr(label), combo)
            self.layers[name] = combo
        self.ledger = QgsFileWidget(box)
        self.ledger.setObjectName("precheck_LEDGER")
        self.ledger.setFilter(tr("GeoPackage (*.gpkg)"))
        self.ledger.setToolTip(tr("The quota ledger (.gpkg), or a PostgreSQL connection name or URI"))
        form.addRow(tr("Ledger"), self.ledger)
        self.body_layout.addWidget(box)

    def _build_draw(self) -> None:
        """Draw one project and see its pre-check."""
        draw = QGroupBox(tr("Draw a project"), self)
        layout = QVBoxLayout(draw)
        self.draw_button = QPushButton(tr("Draw"), draw)
        self.draw_button.setObjectName("precheckDraw")
        self.draw_button.setCheckable(True)
        self.draw_button.setToolTip(tr("Click the vertices, right click to finish"))
        self.draw_button.clicked.connect(lambda checked: self.start_drawing() if checked else self.stop_drawing())
        layout.addWidget(self.draw_button)
        self.summary = QLabel(tr("Draw a project polygon to see its pre-check."), draw)
        self.summary.setObjectName("precheckSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3, draw)
        self.table.setObjectName("precheckTable")
        self.table.setHorizontalHeaderLabels([tr("Item"), tr("Value"), tr("Unit")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(260)
        layout.addWidget(self.table)
        self.body_layout.addWidget(draw)

    def _build_batch(self) -> None:
        """Check a layer of projects and print their sheets."""
        batch = QGroupBox(tr("Check a layer of projects"), self)
        batch_form = QFormLayout(batch)
        self.projects = QgsMapLayerComboBox(batch)
        self.projects.setObjectName("precheck_PROJECTS")
        self.projects.setFilters(LayerFilter.PolygonLayer)
        batch_form.addRow(tr("Project polygons"), self.projects)
        self.run_panel = RunPanel(tr("Check"), batch)
        self.run_panel.setObjectName("precheckRunPanel")
        self.run_panel.run_clicked.connect(self.check_layer)
        batch_form.addRow(self.run_panel)
        self.store = ResultsStore("precheck", tr("Land-use pre-check"), self.iface)
        self.run_options = RunOptions(batch)
        batch_form.addRow(self.run_options)
        self._run = None
        buttons = QHBoxLayout()
        self.print_button = QPushButton(tr("Print sheets…"), batch)
        self.print_button.setObjectName("precheckPrint")
        self.print_button.clicked.connect(self._ask_sheet_path)
        buttons.addWidget(self.print_button)
        batch_form.addRow(buttons)
        self.last_outputs: dict = {}
        self.body_layout.addWidget(batch)

    def preselect(self, *args) -> None:
        """Each empty input takes the layer with its standard fields (never one of the plugin's outputs)."""
        for name, _, fields, words, without in INPUTS:
            combo = self.layers[name]
            current = combo.currentLayer()
            if current is None or (fields and not has_fields(current, fields)):
                layer = pick_layer(combo, fields, words, without=without)
                if layer is not None and (fields or any(w in layer.name().lower() for w in words)):
                    combo.setLayer(layer)

    # parameters and runs -------------------------------------------------------------------------------
    def parameters(self, projects) -> dict | None:
        if self.layers["BASELINE"].currentLayer() is None:
            self.summary.setText(tr("Choose the baseline survey layer first."))
            return None
        parameters = {"PROJECTS": projects, "PROJECT_ID_FIELD": "XMBH"}
        for name, combo in self.layers.items():
            if combo.currentLayer() is not None:
                parameters[name] = combo.currentLayer().id()
        if self.ledger.filePath():
            parameters["LEDGER"] = self.ledger.filePath()
        return parameters

    def check_geometry(self, geometry, crs) -> dict | None:
        """Pre-check one drawn polygon (QgsGeometry in ``crs``) on the main thread; shows and returns its row."""
        layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or WORKING_CRS}&field=XMBH:string", tr("Drawn project"),
                               "memory")
        feature = QgsFeature(layer.fields())
        feature.setAttributes([tr("Drawn project")])
        feature.setGeometry(geometry)
        layer.dataProvider().addFeatures([feature])
        parameters = self.parameters(layer)
        if parameters is None:
            return None
        parameters.update({"OUTPUT": "memory:", "OUTPUT_PIECES": "memory:"})
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("landsupervision:projectprecheck")
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        started = time.perf_counter()
        try:
            results, ok = algorithm.run(parameters, context, QgsProcessingFeedback())
        except QgsProcessingException as exc:
            self.summary.setText(str(exc))
            return None
        if not ok:
            self.summary.setText(tr("The pre-check failed"))
            return None
        output = context.takeResultLayer(results["OUTPUT"])
        row = next((dict(zip(output.fields().names(), f.attributes())) for f in output.getFeatures()), None)
        self.show_row(row, (time.perf_counter() - started) * 1000)
        self.last_result = row
        return row

    def show_row(self, row: dict, milliseconds: float) -> None:
        findings = row.get("WTSM") or tr("no findings")
        self.summary.setText(f"<b>{findings}</b><br><small>{milliseconds:.0f} ms</small>")
        self.table.setRowCount(len(FIGURES))
        for r, (label, field, unit) in enumerate(FIGURES):
            value = row.get(field)
            if value is None or str(value) == "NULL":
                text = tr("not checked")
            elif isinstance(value, float):
                text = f"{value:,.1f}" if unit == "公斤" else f"{value:,.2f}"
            else:
                text = str(value) or "-"
            for c, cell in enumerate((label, text, unit)):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()

    def check_layer(self) -> bool:
        projects = self.projects.currentLayer()
        if projects is None:
            self.run_panel.status.setText(tr("Choose the project layer first."))
            return False
        parameters = self.parameters(projects.id())
        if parameters is None:
            return False
        self.save_inputs()
        self._run = self.store.begin(self, keep=self.run_options.kept())
        if self._run is None:
            self.run_panel.status.setText(tr("Choose where to save the results"))
            return False
        parameters.update(self._run.parameters(precheck_outputs()))
        return self.run_panel.start("landsupervision:projectprecheck", parameters, self._layer_checked)

    def _layer_checked(self, ok: bool, results: dict, context) -> None:
        if not ok:
            return
        self.last_outputs = self.store.publish(self._run, precheck_outputs(), results)
        self.run_panel.status.setText(tr("{n} projects with findings").format(
            n=results.get("PROJECTS_WITH_FINDINGS")))

    def _ask_sheet_path(self) -> None:
        path = save_path(self, tr("Save the pre-check sheets"), tr("PDF files (*.pdf)"), "sheets",
                         "precheck_sheets.pdf")
        if path:
            self.print_sheets(path)

    def print_sheets(self, path: str) -> bool:
        """Print the sheets of the last layer check (main thread: print layouts render there)."""
        if "OUTPUT" not in self.last_outputs:
            self.run_panel.status.setText(tr("Check a layer of projects first."))
            return False
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("landsupervision:precheckreport")
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        parameters = {"PRECHECK": self.last_outputs["OUTPUT"], "OUTPUT": path}
        if "OUTPUT_PIECES" in self.last_outputs:
            parameters["PIECES"] = self.last_outputs["OUTPUT_PIECES"]
        try:
            results, ok = algorithm.run(parameters, context, QgsProcessingFeedback())
        except QgsProcessingException as exc:
            self.run_panel.status.setText(str(exc))
            return False
        if ok:
            self.run_panel.status.setText(tr("{pages} pages written to {path}").format(pages=results["PAGES"],
                                                                                       path=path))
        return bool(ok)

    # drawing ------------------------------------------------------------------------------------------------
    def start_drawing(self) -> None:
        canvas = self.iface.mapCanvas()
        if self.tool is None:
            self.tool = FootprintMapTool(canvas, POLYGON)
            self.tool.drawn.connect(self._drawn)
        self.draw_button.setChecked(True)
        canvas.setMapTool(self.tool)

    def stop_drawing(self) -> None:
        self.draw_button.setChecked(False)
        if self.tool is not None and self.iface.mapCanvas().mapTool() is self.tool:
            self.iface.mapCanvas().unsetMapTool(self.tool)

    def _drawn(self, geometry) -> None:
        self.check_geometry(geometry, self.iface.mapCanvas().mapSettings().destinationCrs())

    # inputs remembered in the project ------------------------------------------------------------------------
    def save_inputs(self) -> None:
        """Remember the chosen layers and ledger in the project (a check of a layer does this)."""
        for name, combo in self.layers.items():
            SETTINGS.write_layer(name, combo.currentLayer())
        SETTINGS.write_layer("PROJECTS", self.projects.currentLayer())
        SETTINGS.write("LEDGER", self.ledger.filePath())

    def restore_inputs(self, *args) -> None:
        """The layers and ledger saved in the project, where it has them."""
        for name, combo in [*self.layers.items(), ("PROJECTS", self.projects)]:
            layer, saved = SETTINGS.read_layer(name)
            if layer is not None:
                combo.setLayer(layer)
            elif saved == "" and combo.allowEmptyLayer():
                combo.setLayer(None)
        ledger = SETTINGS.read("LEDGER")
        if ledger is not None:
            self.ledger.setFilePath(ledger)

    def unload(self) -> None:
        self.stop_drawing()
        if self.tool is not None:
            self.tool.remove()
            self.tool = None
        self.run_panel.shutdown()
        for signal, slot in ((QgsProject.instance().layersAdded, self.preselect),
                             (QgsProject.instance().readProject, self.restore_inputs)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
