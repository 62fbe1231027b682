"""Dock panel of the Satellite-patrol reconciliation tool: choose layers, run, review the patches, print."""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QHBoxLayout, QPushButton

from ..translation import tr
from .dock_base import ToolDock
from .file_dialogs import save_path
from .patrol.inputs import InputLayers
from .patrol.results import PatchTable
from .results_store import Output, ResultsStore, RunOptions, in_project
from .run_panel import RunPanel

RECONCILE = "landsupervision:patchreconciliation"
ATLAS = "landsupervision:patchatlas"
OUTPUTS = {"OUTPUT": "patrol_patches", "OUTPUT_DISCREPANCIES": "patrol_discrepancies", "OUTPUT_TOWNS": "patrol_towns"}


def patrol_outputs() -> list:
    """The reconciliation's results, top to bottom: patches by verdict over the towns by 耕占比, the
    discrepancies as a table."""
    from ..reports.patrol_styles import STYLE_FILES

    return [Output("OUTPUT", "patches", OUTPUTS["OUTPUT"], STYLE_FILES["patches"]),
            Output("OUTPUT_TOWNS", "towns", OUTPUTS["OUTPUT_TOWNS"], STYLE_FILES["towns"]),
            Output("OUTPUT_DISCREPANCIES", "discrepancies", OUTPUTS["OUTPUT_DISCREPANCIES"], table=True)]


class PatrolDock(ToolDock):
    OBJECT_NAME = "LandSupervisionPatrolDock"
    TITLE = "Satellite-patrol reconciliation"

    def build(self) -> None:
        self.results: dict = {}
        self.result_layers: dict = {}
        self.inputs = InputLayers(self)
        self.body_layout.addWidget(self.inputs)
        self.run_panel = RunPanel(tr("Reconcile"), self)
        self.run_panel.setObjectName("patrolRunPanel")
        self.run_panel.run_button.setToolTip(tr("Run the reconciliation on the chosen layers"))
        self.run_panel.run_clicked.connect(self.run)
        self.body_layout.addWidget(self.run_panel)
        self.store = ResultsStore("patrol", tr("Satellite-patrol reconciliation"), self.iface)
        self.run_options = RunOptions(self)
        self.body_layout.addWidget(self.run_options)
        self._run = None
        self.patch_table = PatchTable(self)
        self.patch_table.patch_clicked.connect(self.zoom_to_patch)
        self.body_layout.addWidget(self.patch_table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("Add result layers"), self)
        self.add_button.setObjectName("patrolAddLayers")
        self.add_button.setToolTip(tr("Add the reconciled patches, discrepancies and town summary, styled"))
        self.add_button.clicked.connect(self.add_result_layers)
        self.atlas_button = QPushButton(tr("Print atlas"), self)
        self.atlas_button.setObjectName("patrolPrintAtlas")
        self.atlas_button.setToolTip(tr("Print the cover and one page per patch to a PDF"))
        self.atlas_button.clicked.connect(self.ask_atlas)
        for button in (self.add_button, self.atlas_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        self.body_layout.addLayout(buttons)

    # running ----------------------------------------------------------------------------------------
    def parameters(self) -> dict | None:
        layers = self.inputs.layers()
        missing = [key for key in ("PATCHES", "VERIFICATION", "BASELINE", "TOWNS") if layers[key] is None]
        if missing:
            self.run_panel.status.setText(tr("Choose the layers first: {names}").format(names=", ".join(missing)))
            return None
        self._run = self.store.begin(self, keep=self.run_options.kept())
        if self._run is None:
            self.run_panel.status.setText(tr("Choose where to save the results"))
            return None
        params = {key: layers[key] for key in ("PATCHES", "VERIFICATION", "BASELINE", "TOWNS")}
        if layers["FARMLAND"] is not None:
            params["FARMLAND"] = layers["FARMLAND"]
        params["APPROVALS"] = layers["APPROVALS"]
        params.update(self._run.parameters(patrol_outputs()))  # tables of the results GeoPackage, no temp folder
        return params

    def run(self) -> bool:
        params = self.parameters()
        return params is not None and self.run_panel.start(RECONCILE, params, self._finished)

    def _finished(self, ok: bool, results: dict, _context) -> None:
        if not ok:
            return
        self.results = results
        self.result_layers = self.store.publish(self._run, patrol_outputs(), results)
        patches = self.result_layers.get("OUTPUT")
        if patches is not None:
            self.patch_table.fill(patches)
        from ..core.patrol import load_rules

        counts = tr("{n} patches, {issues} discrepancies, {referrals} over the criminal-referral line").format(
            n=results.get("PATCH_COUNT"), issues=results.get("DISCREPANCY_COUNT"),
            referrals=results.get("REFERRAL_COUNT", "-"))
        self.patch_table.show_summary(results.get("COUNTY_RATIO"), results.get("COUNTY_RATIO_AFTER"),
                                      load_rules().ratio_threshold_percent, counts, results.get("COUNTY_RATIO_SECOND"))
        self.add_button.setEnabled(True)
        self.atlas_button.setEnabled(True)

    # results ----------------------------------------------------------------------------------------
    def zoom_to_patch(self, fid: int) -> None:
        layer = self._shown_patches() or self.result_layers.get("OUTPUT")
        if layer is None or self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        feature = layer.getFeature(fid)
        if not feature.hasGeometry():
            return
        from qgis.core import QgsCoordinateTransform

        box = feature.geometry().boundingBox()
        if layer.crs() != canvas.mapSettings().destinationCrs():
            transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                               QgsProject.instance())
            box = transform.transformBoundingBox(box)
        box.scale(3.0)
        canvas.setExtent(box)
        canvas.refresh()
        if layer.id() in QgsProject.instance().mapLayers():
            canvas.flashFeatureIds(layer, [fid])

    def _shown_patches(self):
        layer = self.result_layers.get("OUTPUT")
        return layer if in_project(layer) else None

    def add_result_layers(self) -> list:
        """Put the last run's layers back into the tool's group (a run adds them; this is for those the user
        removed since): the layers added."""
        if not self._run or not self.results:
            return []
        outputs = [o for o in patrol_outputs() if not in_project(self.result_layers.get(o.key))]
        added = self.store.add_back(self._run, outputs)
        self.result_layers.update(added)
        return list(added.values())

    def ask_atlas(self) -> None:
        path = save_path(self, tr("Atlas PDF"), tr("PDF files (*.pdf)"), "atlas", "patrol_atlas.pdf")
        if path:
            self.print_atlas(path)

    def print_atlas(self, path: str) -> bool:
        """Print the atlas through the run panel (on the main thread, page by page, with progress and cancel);
        returns whether it started."""
        layers = self.inputs.layers()
        params = {"PATCHES": self.result_layers["OUTPUT"], "TOWNS": self.result_layers["OUTPUT_TOWNS"],
                  "APPROVALS": layers["APPROVALS"], "OUTPUT": path}
        if layers["BASELINE"] is not None:
            params["BASELINE"] = layers["BASELINE"]
        return self.run_panel.start(ATLAS, params, self._atlas_printed)

    def _atlas_printed(self, ok: bool, results: dict, _context) -> None:
        if ok:
            self.run_panel.status.setText(tr("{pages} pages written to {path}").format(
                pages=results.get("PAGE_COUNT"), path=results.get("OUTPUT")))

    def unload(self) -> None:
        self.run_panel.shutdown()
        self.inputs.disconnect_project()
