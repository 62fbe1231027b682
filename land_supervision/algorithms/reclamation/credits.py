"""landsupervision:reclamationcredits - post accepted projects' credits to the quota ledger, once each."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...constants import RECLAMATION_PROJECT_VERDICT_FIELD
from ...core.reclamation import ledger_credit
from ...inputs.checks import label_of
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..ledger.common import LEDGER, ledger_parameter, masked, opened_ledger

PROJECT_FIELDS = ("XMBH", RECLAMATION_PROJECT_VERDICT_FIELD, "ZBLX")


class ReclamationCredits(LandSupervisionAlgorithm):
    ALG_ID = "reclamationcredits"
    DISPLAY_NAME = "Post reclamation credits to the ledger"
    GROUP_ID = "reclamation"
    HELP = (
        "Posts the credit of every accepted (合格) project of an acceptance check to the quota ledger: linkage "
        "surplus (节余指标) and/or compensation quota (补充耕地指标: 耕地数量, 水田规模, 粮食产能) as the project "
        "declares (ZBLX). The ledger takes each kind once per project: a project credited before is reported "
        "and not posted again.\n"
        "\"Project summary\": the output of that name of the acceptance check.\n"
        "Ledger: a .gpkg file (created if missing), a PostgreSQL connection saved in QGIS (chosen from the list) "
        "or a PostgreSQL URI.\n"
        "Evidence: the document the credits rest on (by default the acceptance run). Quota year: the year of "
        "projects without an acceptance year (YSND).\n"
        "Outputs: the credits posted and refused (counts) and the posting report (one line per credit)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROJECTS", self.tr("Project summary"), [ProcessingSourceType.Vector]))
        self.addParameter(ledger_parameter(creates=True))
        self.addParameter(QgsProcessingParameterString(
            "EVIDENCE", self.tr("Evidence"), defaultValue="reclamationacceptance"))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Quota year"), ProcessingNumberParameterType.Integer, defaultValue=dt.date.today().year,
            minValue=1990, maxValue=2100))
        self.addOutput(QgsProcessingOutputNumber("POSTED", self.tr("Credits posted")))
        self.addOutput(QgsProcessingOutputNumber("REFUSED", self.tr("Credits refused")))
        self.addOutput(QgsProcessingOutputString("MESSAGE", self.tr("Posting report")))

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsSource(parameters, "PROJECTS", context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PROJECTS"))
        names = layer.fields().names()
        missing = [f for f in PROJECT_FIELDS if f not in names]
        if missing:
            raise QgsProcessingException(self.tr(
                "Layer '{layer}' has no field {fields}: use the outputs of the acceptance check").format(
                layer=label_of(layer, parameters.get("PROJECTS")), fields=", ".join(missing)))
        year = self.parameterAsInt(parameters, "YEAR", context)
        credits = []
        for feature in layer.getFeatures():  # one row per project
            row = dict(zip(names, feature.attributes()))
            credits += ledger_credit.project_credits(ledger_credit.summary_from_row(row), year)
        if not credits:
            feedback.pushInfo(self.tr("No accepted project has a credit to post"))
            return {"POSTED": 0, "REFUSED": 0, "MESSAGE": self.tr("No accepted project has a credit to post")}
        evidence = self.parameterAsString(parameters, "EVIDENCE", context).strip() or "reclamationacceptance"
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context)) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            outcomes = ledger_credit.post_credits(credits, evidence, ledger=ledger, is_canceled=feedback.isCanceled)
        for outcome in outcomes:
            (feedback.pushInfo if outcome.posted else feedback.pushWarning)(str(outcome.message))
        feedback.setProgress(100)
        posted = sum(o.posted for o in outcomes)
        return {"POSTED": posted, "REFUSED": len(outcomes) - posted,
                "MESSAGE": "\n".join(str(o.message) for o in outcomes if not o.posted)}
