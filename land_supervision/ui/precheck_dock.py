"""Dock panel of the 用地预审 pre-check: draw a project (or pick a layer of them) and see every constraint and
every quota at once; print the sheets."""

from __future__ import annotations

import time

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
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

from ..algorithms.precheck.project_precheck import FINDINGS
from ..constants import (
    ISSUES_FIELD,
    PATROL_VERDICT_FIELD,
    PRECHECK_QUOTA_SHORT_FIELD,
    RECLAMATION_VERDICT_FIELD,
    RESOURCES,
    WORKING_CRS,
)
from ..qgis_compat import LayerFilter
from ..translation import tr, tr_noop
from .dock_base import ToolDock
from .draw_kit import POLYGON, DrawKit
from .file_dialogs import save_path
from .layer_picking import has_fields, pick_layer
from .results_store import Output, ResultsStore, RunOptions
from .run_panel import RunPanel
from .settings import ProjectEntries

OUTPUTS = (ISSUES_FIELD, "XZMJ_MU", PRECHECK_QUOTA_SHORT_FIELD)  # any tool's results: no survey or constraint
# (parameter, label, standard fields, name words, fields of the plugin's outputs that rule a layer out)
INPUTS = [
    ("BASELINE", tr_noop("Baseline survey (三调 DLTB)"), ("DLBM",), ("dltb", "baseline", "地类"), OUTPUTS),
    ("FARMLAND", tr_noop("Permanent basic farmland"), (), ("farmland", "jbnt", "基本农田"), OUTPUTS),
    ("REDLINE", tr_noop("Ecological red line"), (), ("redline", "sthx", "红线"), OUTPUTS),
    ("DEV_BOUNDARY", tr_noop("Urban development boundary"), (), ("dev_boundary", "kfbj", "开发边界"), OUTPUTS),
    ("PARK_ZONES", tr_noop("Marine park zones"), ("GKFQ",), ("park", "海洋公园"), OUTPUTS),
    # the patrol and reclamation results are what these two want; only the pre-check's own are ruled out
    ("PATCHES", tr_noop("Patrol patches"), ("JCBH", PATROL_VERDICT_FIELD), ("patch", "图斑"),
     (PRECHECK_QUOTA_SHORT_FIELD,)),
    ("PLOTS", tr_noop("Reclamation plots"), ("DKBH", RECLAMATION_VERDICT_FIELD), ("plot", "地块"),
     (PRECHECK_QUOTA_SHORT_FIELD,)),
]
SETTINGS = ProjectEntries("precheck")
STYLES = RESOURCES / "precheck" / "styles"


def precheck_outputs() -> list:
    """The layer check's results, top to bottom: projects by findings over the constraint pieces."""
    return [Output("OUTPUT", "projects", tr("Pre-check"), STYLES / "precheck.qml"),
            Output("OUTPUT_PIECES", "pieces", tr("Pre-check pieces"), STYLES / "precheck_pieces.qml")]


# the figures the dock shows: (field, label, unit), labels and units through tr() (the printed sheet keeps its
# Chinese form in reports/precheck_sheet.FIGURES)
MU, KG = tr_noop("mu"), tr_noop("kg")
FIGURES = [
    ("ZMJ_MU", tr_noop("Project area"), MU),
    ("YJJBNT_MU", tr_noop("Permanent basic farmland occupied"), MU),
    ("STHX_MU", tr_noop("Inside the ecological red line"), MU),
    ("KFBJ_IN_MU", tr_noop("Inside the urban development boundary"), MU),
    ("JZJSQ_MU", tr_noop("of which concentrated construction zone (集中建设区)"), MU),
    ("TXFZQ_MU", tr_noop("of which flexible development zone (弹性发展区)"), MU),
    ("KFBJ_OUT_MU", tr_noop("Outside the urban development boundary"), MU),
    ("HYGY_MU", tr_noop("Inside the marine park"), MU),
    ("YGGK_MU", tr_noop("of which strict control zone (严格管控区)"), MU),
    ("HLLY_MU", tr_noop("of which reasonable use zone (合理利用区)"), MU),
    ("HYGY_JL", tr_noop("Marine park verdict for the declared use"), ""),
    ("NYD_MU", tr_noop("Agricultural land converted"), MU),
    ("WLYD_MU", tr_noop("Unused land converted"), MU),
    ("JHZB_MU", tr_noop("Plan quota needed"), MU),
    ("GD_MU", tr_noop("Cultivated land occupied, net of ridges (田坎)"), MU),
    ("ST_MU", tr_noop("of which paddy fields"), MU),
    ("CN_KG", tr_noop("Grain capacity occupied"), KG),
    ("LD_MU", tr_noop("Forest land occupied"), MU),
    ("JHZB_YAP", tr_noop("Plan quota already allocated"), MU),
    ("GD_YAP", tr_noop("Cultivated area already allocated"), MU),
    ("ST_YAP", tr_noop("Paddy area already allocated"), MU),
    ("CN_YAP", tr_noop("Grain capacity already allocated"), KG),
    (PRECHECK_QUOTA_SHORT_FIELD, tr_noop("Plan quota short"), MU),
    ("GD_QK", tr_noop("Cultivated area short"), MU),
    ("ST_QK", tr_noop("Paddy area short"), MU),
    ("CN_QK", tr_noop("Grain capacity short"), KG),
    ("JHZB_PC", tr_noop("Plan quota: lots drawn"), MU),
    ("GD_PC", tr_noop("Cultivated area: lots drawn"), MU),
    ("ST_PC", tr_noop("Paddy area: lots drawn"), MU),
    ("CN_PC", tr_noop("Grain capacity: lots drawn"), KG),
    ("WZG_TB", tr_noop("Open patrol patches inside"), ""),
    ("FK_DK", tr_noop("Reclaimed plots occupied"), ""),
]


class PrecheckDock(ToolDock):
    OBJECT_NAME = "LandSupervisionPrecheckDock"
    TITLE = "Land-use pre-check"

    def build(self) -> None:
        self.last_result: dict | None = None
        self.last_geometry = None  # the drawn project's polygon (QgsGeometry, working CRS), for posting
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
        self.draw_button.setToolTip(tr("Click the vertices, right click to finish"))
        self.draw = DrawKit(self.iface.mapCanvas(), self.check_geometry, {POLYGON: self.draw_button})
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
        self.allocate_button = QPushButton(tr("Post as an allocation…"), draw)
        self.allocate_button.setObjectName("precheckAllocate")
        self.allocate_button.setToolTip(tr("Open the ledger's post form for this project (the project selected in "
                                           "the last pre-check layer, else the drawn one), prefilled"))
        self.allocate_button.clicked.connect(self.post_allocation)
        layout.addWidget(self.allocate_button)
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
        started = time.perf_counter()
        results, context, error = RunPanel.run_now("landsupervision:projectprecheck", parameters)
        if results is None:
            self.summary.setText(error or tr("The pre-check failed"))
            return None
        output = context.takeResultLayer(results["OUTPUT"])
        row = next((dict(zip(output.fields().names(), f.attributes())) for f in output.getFeatures()), None)
        self.show_row(row, (time.perf_counter() - started) * 1000)
        self.last_result = row
        self.last_geometry = next((QgsGeometry(f.geometry()) for f in output.getFeatures()), None)
        return row

    def show_row(self, row: dict, milliseconds: float) -> None:
        codes = [c for c in str(row.get(ISSUES_FIELD) or "").split(";") if c in FINDINGS]
        findings = "; ".join(tr(FINDINGS[c]) for c in codes) or tr("no findings")
        self.summary.setText(f"<b>{findings}</b><br><small>{milliseconds:.0f} ms</small>")
        self.table.setRowCount(len(FIGURES))
        for r, (field, label, unit) in enumerate(FIGURES):
            value = row.get(field)
            if value is None or str(value) == "NULL":
                text = tr("not checked")
            elif isinstance(value, float):
                text = f"{value:,.1f}" if unit == KG else f"{value:,.2f}"
            else:
                text = str(value) or "-"
            for c, cell in enumerate((tr(label), text, tr(unit) if unit else "")):
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
        """Print the sheets of the last layer check through the run panel (on the main thread, page by page);
        returns whether it started."""
        if "OUTPUT" not in self.last_outputs:
            self.run_panel.status.setText(tr("Check a layer of projects first."))
            return False
        parameters = {"PRECHECK": self.last_outputs["OUTPUT"], "OUTPUT": path}
        if "OUTPUT_PIECES" in self.last_outputs:
            parameters["PIECES"] = self.last_outputs["OUTPUT_PIECES"]
        return self.run_panel.start("landsupervision:precheckreport", parameters, self._sheets_printed)

    def _sheets_printed(self, ok: bool, results: dict, _context) -> None:
        if ok:
            self.run_panel.status.setText(tr("{pages} pages written to {path}").format(pages=results["PAGES"],
                                                                                       path=results["OUTPUT"]))

    # posting -------------------------------------------------------------------------------------------------
    def posting_target(self):
        """(row, QgsGeometry in the working CRS, project id) of the project to post: the feature selected in the
        last pre-check layer, else the drawn project (no id: the user gives one); None without a result."""
        layer = self.last_outputs.get("OUTPUT")
        selected = layer.selectedFeatures() if layer is not None else []
        if selected:
            feature = selected[0]
            geometry = QgsGeometry(feature.geometry())
            if layer.crs().authid() != WORKING_CRS:
                geometry.transform(QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(WORKING_CRS),
                                                          QgsProject.instance()))
            row = dict(zip(layer.fields().names(), feature.attributes()))
            return row, geometry, str(row.get("XMBH") or "")
        if self.last_result is None:
            return None
        return self.last_result, self.last_geometry, ""

    def post_allocation(self):
        """Open the ledger's post form prefilled for the project (see ``posting_target``); returns the dialog."""
        import shapely

        from ..algorithms.ledger.common import resolve_ledger_uri
        from ..core.ledger import LedgerError
        from .precheck.allocation_dialog import AllocationDialog

        target = self.posting_target()
        if target is None:
            self.summary.setText(tr("Draw a project or select one in the pre-check layer first."))
            return None
        if not self.ledger.filePath():
            self.summary.setText(tr("Choose the ledger first."))
            return None
        row, geometry, project_id = target
        try:
            polygon = shapely.from_wkb(bytes(geometry.asWkb())) if geometry is not None else None
            dialog = AllocationDialog.open_for(resolve_ledger_uri(self.ledger.filePath()), row, polygon,
                                               project_id, self)
        except (LedgerError, QgsProcessingException) as exc:
            self.summary.setText(str(getattr(exc, "message", exc)))
            return None
        dialog.show()
        return dialog

    # drawing ------------------------------------------------------------------------------------------------
    def start_drawing(self) -> None:
        self.draw.start(POLYGON)

    def stop_drawing(self) -> None:
        self.draw.stop()

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
        self.draw.unload()
        self.run_panel.shutdown()
        for signal, slot in ((QgsProject.instance().layersAdded, self.preselect),
                             (QgsProject.instance().readProject, self.restore_inputs)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
