"""landsupervision:ledgerverify - recompute the ledger's hash chain and totals."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputBoolean, QgsProcessingOutputNumber, QgsProcessingOutputString

from ..base import LandSupervisionAlgorithm
from .common import LEDGER, ledger_parameter, masked, opened_ledger


class LedgerVerify(LandSupervisionAlgorithm):
    ALG_ID = "ledgerverify"
    DISPLAY_NAME = "Verify the ledger"
    GROUP_ID = "ledger"
    HELP = (
        "Checks that the quota ledger has not been tampered with: every journal line's SHA-256 hash is "
        "recomputed over its content and the previous line's hash, the line numbers must run without gaps, "
        "and the stored balances must equal the sums of the journal.\n"
        "LEDGER: a .gpkg file, a saved QGIS PostgreSQL connection or a PostgreSQL URI (not created).\n"
        "Outputs: OK (true when intact), LINES (lines checked), BAD_LINE (the first bad line, 0 if none), "
        "MESSAGE (what is wrong, in Chinese and English)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addOutput(QgsProcessingOutputBoolean("OK", self.tr("Ledger intact")))
        self.addOutput(QgsProcessingOutputNumber("LINES", self.tr("Lines checked")))
        self.addOutput(QgsProcessingOutputNumber("BAD_LINE", self.tr("First bad line")))
        self.addOutput(QgsProcessingOutputString("MESSAGE", self.tr("Result")))

    def processAlgorithm(self, parameters, context, feedback):
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), create=False) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            result = ledger.verify()
        if result.ok:
            feedback.pushInfo(str(result))
        else:
            feedback.reportError(str(result))
        return {"OK": result.ok, "LINES": result.lines, "BAD_LINE": result.bad_seq or 0, "MESSAGE": str(result)}
