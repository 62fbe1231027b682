"""Dock panel of the Reclamation acceptance tool: inputs, run with progress and cancel, plot and project tables,
the field sample, the PDF report and posting accepted projects' credits to the quota ledger."""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..constants import RESOURCES
from ..qgis_compat import FileWidgetMode
from ..translation import tr
from .dock_base import ToolDock
from .file_dialogs import save_path
from .reclamation.inputs_form import InputsForm
from .reclamation.results_view import ResultsView
from .results_store import Output, ResultsStore, RunOptions
from .run_panel import RunPanel

ACCEPTANCE = "landsupervision:reclamationacceptance"
SAMPLE = "landsupervision:reclamationsample"
REPORT = "landsupervision:reclamationreport"
CREDITS = "landsupervision:reclamationcredits"
STYLES = RESOURCES / "reclamation" / "styles"


def acceptance_outputs() -> list:
    """The acceptance run's results, top to bottom: plots by verdict, projects, the town summary drawn as
    outlines under them, the area chain as a table."""
    return [Output("OUTPUT_PLOTS", "plots", tr("Checked plots"), STYLES / "checked_plots.qml"),
            Output("OUTPUT_PROJECTS", "projects", tr("Project summary"), STYLES / "projects.qml"),
            Output("OUTPUT_TOWNS", "towns", tr("Town summary"), RESOURCES / "styles" / "demo_towns.qml"),
            Output("OUTPUT_CHAIN", "chain", tr("Area chain by step"), table=True)]


class ReclamationDock(ToolDock):
    OBJECT_NAME = "LandSupervisionReclamationDock"
    TITLE = "Reclamation acceptance"

    def build(self) -> None:
        self.plots_layer = None
        self.projects_layer = None
        self.sample_layer = None
        self.chain_layer = None
        self.run_id = ""
        self.report_path = ""  # preset to skip the file dialog (tests, scripts)
        self.form = InputsForm(self)
        self.body_layout.addWidget(self.form)
        self.run_panel = RunPanel(tr("Run acceptance check"), self)
        self.run_panel.setObjectName("reclamationRunPanel")
        self.run_panel.run_button.setToolTip(tr("Check every plot (landsupervision:reclamationacceptance)"))
        self.run_panel.run_clicked.connect(self.run_acceptance)
        self.body_layout.addWidget(self.run_panel)
        self.store = ResultsStore("reclamation", tr("Reclamation acceptance"), self.iface)
        self.run_options = RunOptions(self)
        self.body_layout.addWidget(self.run_options)
        self._run = None
        self.results = ResultsView(self.iface, self)
        self.body_layout.addWidget(self.results)
        self.body_layout.addWidget(self._actions_box())
        self.message = QLabel("", self)
        self.message.setObjectName("reclamationMessage")
        self.message.setWordWrap(True)
        self.body_layout.addWidget(self.message)
        self.form.restore()
        QgsProject.instance().readProject.connect(self._on_project_read)
        QgsProject.instance().layersAdded.connect(self.form.guess_missing)

    def _actions_box(self) -> QGroupBox:
        box = QGroupBox(tr("Sample, report, ledger"), self)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.ratio = QDoubleSpinBox(box)
        self.ratio.setObjectName("sampleRatio")
        self.ratio.setRange(0.0, 1.0)
        self.ratio.setSingleStep(0.05)
        self.ratio.setValue(0.2)
        self.ratio.setToolTip(tr("Share of each project's plots to draw (at least one per project)"))
        self.seed = QSpinBox(box)
        self.seed.setObjectName("sampleSeed")
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(2021)
        self.seed.setToolTip(tr("The same seed gives the same sample; it is printed in the report"))
        form.addRow(tr("Sample share"), self.ratio)
        form.addRow(tr("Seed"), self.seed)
        self.ledger_file = QgsFileWidget(box)
        self.ledger_file.setObjectName("ledgerFile")
        self.ledger_file.setStorageMode(FileWidgetMode.GetFile)
        self.ledger_file.setFilter(tr("Ledger GeoPackage (*.gpkg)"))
        self.ledger_file.setToolTip(tr("The quota ledger to post accepted projects' credits to"))
        form.addRow(tr("Quota ledger"), self.ledger_file)
        layout.addLayout(form)
        buttons = QGridLayout()  # two a row: the three fit a 420 px dock in either language
        self.sample_button = QPushButton(tr("Draw sample"), box)
        self.sample_button.setObjectName("drawSampleButton")
        self.sample_button.setToolTip(tr("Stratified random field sample of the checked plots"))
        self.report_button = QPushButton(tr("Print report"), box)
        self.report_button.setObjectName("printReportButton")
        self.report_button.setToolTip(tr("Write the acceptance report as a PDF"))
        self.ledger_button = QPushButton(tr("Post to ledger"), box)
        self.ledger_button.setObjectName("postLedgerButton")
        self.ledger_button.setToolTip(tr("Post each accepted project's credit to the quota ledger, once"))
        for number, button in enumerate((self.sample_button, self.report_button, self.ledger_button)):
            button.setEnabled(False)
            buttons.addWidget(button, number // 2, number % 2)
        layout.addLayout(buttons)
        self.sample_button.clicked.connect(self.draw_sample)
        self.report_button.clicked.connect(self.print_report)
        self.ledger_button.clicked.connect(self.post_to_ledger)
        return box

    def _on_project_read(self, *_args) -> None:
        self.form.restore()

    # acceptance -------------------------------------------------------------------------------------
    def run_acceptance(self) -> None:
        missing = self.form.missing()
        if missing:
            self.message.setText(tr("Choose the layers: {names}").format(names=", ".join(missing)))
            return
        self.form.save()
        parameters = self.form.parameters()
        self._run = self.store.begin(self, keep=self.run_options.kept())
        if self._run is None:
            self.message.setText(tr("Choose where to save the results"))
            return
        parameters.update(self._run.parameters(acceptance_outputs()))
        self.message.setText("")
        self.run_panel.start(ACCEPTANCE, parameters, self._accepted)

    def _accepted(self, ok: bool, results: dict, context) -> None:
        if not ok:
            return
        layers = self.store.publish(self._run, acceptance_outputs(), results)
        self.plots_layer = layers.get("OUTPUT_PLOTS")
        self.projects_layer = layers.get("OUTPUT_PROJECTS")
        self.chain_layer = layers.get("OUTPUT_CHAIN")
        self.run_id = results.get("RUN_ID", "")
        if self.plots_layer is not None and self.projects_layer is not None:
            self.results.show_results(self.plots_layer, self.projects_layer, self.chain_layer)
            for button in (self.sample_button, self.report_button, self.ledger_button):
                button.setEnabled(True)

    # sample -----------------------------------------------------------------------------------------
    def draw_sample(self) -> None:
        if self.plots_layer is None:
            return
        self._sample_run = self.store.begin(self, keep=self.run_options.kept(), set_name="sample")
        if self._sample_run is None:
            return
        parameters = {"INPUT": self.plots_layer, "RATIO": self.ratio.value(), "SEED": self.seed.value(),
                      "OUTPUT": self._sample_run.destination("sample")}
        self.run_panel.start(SAMPLE, parameters, self._sampled)

    def _sampled(self, ok: bool, results: dict, context) -> None:
        if not ok:
            return
        output = Output("OUTPUT", "sample", tr("Field sample (seed {seed})").format(seed=results.get("SEED_USED")),
                        STYLES / "sample.qml")
        self.sample_layer = self.store.publish(self._sample_run, [output], results).get("OUTPUT")
        self.message.setText(tr("{n} plots drawn with seed {seed}").format(n=results.get("SAMPLE_COUNT"),
                                                                           seed=results.get("SEED_USED")))

    # report -----------------------------------------------------------------------------------------
    def print_report(self) -> None:
        if self.plots_layer is None:
            return
        path = self.report_path
        if not path:
            path = save_path(self, tr("Report PDF"), tr("PDF files (*.pdf)"), "report", "reclamation_report.pdf")
        if not path:
            return
        parameters = {"PLOTS": self.plots_layer, "PROJECTS": self.projects_layer, "OUTPUT": path}
        if self.sample_layer is not None:
            parameters["SAMPLE"] = self.sample_layer
        if self.chain_layer is not None:
            parameters["CHAIN"] = self.chain_layer
        self.message.setText("")
        self.run_panel.start(REPORT, parameters, self._reported)  # on the main thread, page by page

    def _reported(self, ok: bool, results: dict, _context) -> None:
        if ok:
            self.message.setText(tr("Report written: {path} ({pages} pages)").format(path=results["OUTPUT"],
                                                                                     pages=results["PAGES"]))
        else:
            self.message.setText(tr("Report failed: {reason}").format(reason=self.run_panel.error_text()))

    # ledger -----------------------------------------------------------------------------------------
    def post_to_ledger(self) -> None:
        if self.projects_layer is None:
            return
        uri = self.ledger_file.filePath()
        if not uri:
            self.message.setText(tr("Choose the quota ledger first"))
            return
        self.message.setText("")
        self.run_panel.start(CREDITS, {"PROJECTS": self.projects_layer, "LEDGER": uri,
                                       "EVIDENCE": self.run_id or "reclamationacceptance"}, self._posted)

    def _posted(self, ok: bool, results: dict, _context) -> None:
        if not ok:
            self.message.setText(tr("Posting failed: {reason}").format(reason=self.run_panel.error_text()))
            return
        if not results.get("POSTED") and not results.get("REFUSED"):
            self.message.setText(tr("No accepted project has a credit to post"))
            return
        refused = results.get("MESSAGE") or ""
        self.message.setText(tr("{n} credits posted").format(n=results.get("POSTED")) +
                             ("\n" + refused if refused else ""))

    def unload(self) -> None:
        self.run_panel.shutdown()
        for signal, slot in ((QgsProject.instance().readProject, self._on_project_read),
                             (QgsProject.instance().layersAdded, self.form.guess_missing)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass

