"""landsupervision:precheckreport - the one-page 用地预审 sheet per project, as one PDF."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ...constants import ISSUES_FIELD
from ...qgis_compat import ProcessingAlgorithmFlag, ProcessingSourceType
from ..base import LandSupervisionAlgorithm, pdf_output
from ..outputs import OutputSet

POLYGONS = [ProcessingSourceType.VectorPolygon]


class PrecheckReport(LandSupervisionAlgorithm):
    ALG_ID = "precheckreport"
    DISPLAY_NAME = "Pre-check sheets (用地预审核查表)"
    GROUP_ID = "precheck"
    HELP = (
        "Prints one A4 page per project of a land-use pre-check result: a map of the footprint with its constraint "
        "pieces, the findings, and every figure (constraints, consumption, quota shortfalls, open patrol patches, "
        "reclaimed plots; '未检查' where the layer or ledger was not given).\n"
        "Pre-check result: the \"Pre-check\" output of the land-use pre-check; \"Constraint pieces\": its output of "
        "that name (optional); \"Sheets PDF\": the file to write."
    )

    def flags(self):
        return super().flags() | ProcessingAlgorithmFlag.CanCancel | ProcessingAlgorithmFlag.NoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer("PRECHECK", self.tr("Pre-check result"), POLYGONS))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "PIECES", self.tr("Constraint pieces"), POLYGONS, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TITLE", self.tr("Title"), defaultValue="用地预审核查表", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Sheets PDF"), self.tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("PAGES", self.tr("Pages")))

    def processAlgorithm(self, parameters, context, feedback):
        from ...reports.precheck_sheet import build_sheets

        projects = self.parameterAsVectorLayer(parameters, "PRECHECK", context)
        if projects is None or "XMBH" not in projects.fields().names() or ISSUES_FIELD not in projects.fields().names():
            raise QgsProcessingException(self.tr("PRECHECK must be the output of projectprecheck (fields XMBH, WTDM)"))
        pieces = self.parameterAsVectorLayer(parameters, "PIECES", context)
        path = pdf_output(self, parameters, "OUTPUT", context)
        title = self.parameterAsString(parameters, "TITLE", context) or "用地预审核查表"
        with OutputSet(self, parameters, context, feedback) as outputs:  # an existing file stays until the end
            try:
                pages = build_sheets(projects, pieces, outputs.file("OUTPUT", path), title,
                                     feedback=feedback)
            except RuntimeError as exc:
                raise QgsProcessingException(str(exc)) from exc
            outputs.commit()
        feedback.pushInfo(self.tr("{pages} pages written to {path}").format(pages=pages, path=path))
        return {"OUTPUT": path, "PAGES": pages}
