"""landsupervision:reclamationreport - the acceptance report as a PDF."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ...constants import RECLAMATION_PROJECT_VERDICT_FIELD, RECLAMATION_VERDICT_FIELD
from ...inputs.checks import check_crs, label_of
from ...qgis_compat import InvalidGeometryCheck, ProcessingAlgorithmFlag, ProcessingSourceType
from ..base import LandSupervisionAlgorithm, pdf_output
from ..layer_io import layername_of
from ..outputs import OutputSet

PLOT_FIELDS = ("DKBH", "XMBH", RECLAMATION_VERDICT_FIELD, "YYSM", "CLMJ_MU")
PROJECT_FIELDS = ("XMBH", "XMMC", RECLAMATION_PROJECT_VERDICT_FIELD, "DKS")
CHAIN_FIELDS = ("XMBH", "HJXH", "HJ", "NYDMJ", "GDMJ", "STMJ", "SJDMJ", "HDMJ", "ZLDB", "LY")


class ReclamationReport(LandSupervisionAlgorithm):
    ALG_ID = "reclamationreport"
    DISPLAY_NAME = "Reclamation acceptance report (PDF)"
    GROUP_ID = "reclamation"
    HELP = (
        "Writes the acceptance report as a PDF (A4 landscape, Chinese): totals (plots by verdict, new 耕地 by "
        "水田/水浇地/旱地, linkage surplus, grain capacity), the project table with the 90% flag, the reason codes "
        "with their counts, then per project a map of its plots coloured by verdict (合格 green, 不合格 red, 待核实 "
        "orange) with the project boundary, its area chain and quota, and the plot table with the reasons in Chinese; "
        "finally the field sheet of the random sample with its seed.\n"
        "Checked plots and \"Project summary\": the outputs of the acceptance check of the same names.\n"
        "Field sample (optional): the output of the random field sample.\n"
        "Area chain by step (optional): the output of the acceptance check of that name: each project page then shows "
        "its area chain by step, split into 农用地 and 耕地 (水田/水浇地/旱地) with the quality grade.\n"
        "Report title: the title on the cover. Report PDF: the file to write."
    )

    def initAlgorithm(self, config=None):
        poly = [ProcessingSourceType.VectorPolygon]
        self.addParameter(QgsProcessingParameterVectorLayer("PLOTS", self.tr("Checked plots"), poly))
        self.addParameter(QgsProcessingParameterVectorLayer("PROJECTS", self.tr("Project summary"), poly))
        self.addParameter(QgsProcessingParameterVectorLayer("SAMPLE", self.tr("Field sample"), poly, optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer("CHAIN", self.tr("Area chain by step"),
                                                            [ProcessingSourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterString("TITLE", self.tr("Report title"), "建设用地复垦验收核查报告"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Report PDF"),
                                                                self.tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("PAGES", self.tr("Pages")))

    def flags(self):
        # print layouts are rendered on the main thread
        return super().flags() | ProcessingAlgorithmFlag.CanCancel | ProcessingAlgorithmFlag.NoThreading

    def processAlgorithm(self, parameters, context, feedback):
        from ...reports.reclamation_report import build_report

        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
        try:
            layers = {name: self.parameterAsVectorLayer(parameters, name, context)
                      for name in ("PLOTS", "PROJECTS", "SAMPLE", "CHAIN")}
        finally:
            context.setInvalidGeometryCheck(check)
        for name, needed in (("PLOTS", PLOT_FIELDS), ("PROJECTS", PROJECT_FIELDS), ("CHAIN", CHAIN_FIELDS)):
            layer = layers[name]
            if layer is None:
                if name == "CHAIN":
                    continue
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            check_crs(layer, label_of(layer))  # refused without CRS, or with coordinates that do not fit it
            missing = [f for f in needed if layer.fields().lookupField(f) < 0]
            if missing:
                raise QgsProcessingException(self.tr(
                    "Layer '{layer}' has no field {fields}: use the outputs of the acceptance check").format(
                    layer=layername_of(layer.source()) or layer.name(), fields=", ".join(missing)))
        path = pdf_output(self, parameters, "OUTPUT", context)
        title = self.parameterAsString(parameters, "TITLE", context) or "建设用地复垦验收核查报告"
        with OutputSet(self, parameters, context, feedback) as outputs:  # an existing file stays until the end
            try:
                info = build_report(layers["PLOTS"], layers["PROJECTS"], outputs.file("OUTPUT", path),
                                    layers["SAMPLE"], title, feedback=feedback, chain_layer=layers["CHAIN"])
            except RuntimeError as exc:
                raise QgsProcessingException(str(exc)) from exc
            outputs.commit()
        feedback.pushInfo(self.tr("{pages} pages, {projects} projects, {sample} sampled plots -> {path}").format(
            path=path, **info))
        feedback.setProgress(100)
        return {"OUTPUT": path, "PAGES": info["pages"]}

