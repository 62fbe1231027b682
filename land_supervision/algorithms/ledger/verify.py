"""landsupervision:ledgerverify - recompute the ledger's hash chain, totals and project polygons (read-only)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterString,
)

from ...core.ledger import LedgerError, Receipt
from ..base import LandSupervisionAlgorithm
from .common import LEDGER, ledger_parameter, masked, opened_ledger


class LedgerVerify(LandSupervisionAlgorithm):
    ALG_ID = "ledgerverify"
    DISPLAY_NAME = "Verify the ledger"
    GROUP_ID = "ledger"
    HELP = (
        "Checks that the quota ledger has not been tampered with: every journal line's SHA-256 hash is recomputed "
        "over its content and the previous line's hash, the line numbers must run without gaps, the stored balances "
        "must equal the sums of the journal and every project polygon must match the one its allocation recorded "
        "(none missing). The ledger is opened read-only: nothing is written, a read-only copy can be checked, and a "
        "file that is not a ledger is refused.\n"
        "Ledger: a .gpkg file, a PostgreSQL connection saved in QGIS (chosen from the list) or a PostgreSQL URI "
        "(never created).\n"
        "Earlier receipt (optional): a receipt printed earlier on a statement or by this algorithm "
        "(entries-lines-hash); the ledger must still contain that line with that hash. Without one, a ledger "
        "rewritten whole (every hash recomputed) or emptied whole looks intact.\n"
        "A tampered ledger FAILS the run (an error naming the first bad line; qgis_process exits non-zero).\n"
        "Outputs: \"Ledger intact\", \"Lines checked\", \"First bad line\" (0 if none), \"Result\" and \"Ledger "
        "receipt\" (the ledger's receipt now)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterString(
            "RECEIPT", self.tr("Earlier receipt (entries-lines-hash, optional)"), optional=True))
        self.addOutput(QgsProcessingOutputBoolean("OK", self.tr("Ledger intact")))
        self.addOutput(QgsProcessingOutputNumber("LINES", self.tr("Lines checked")))
        self.addOutput(QgsProcessingOutputNumber("BAD_LINE", self.tr("First bad line")))
        self.addOutput(QgsProcessingOutputString("MESSAGE", self.tr("Result")))
        self.addOutput(QgsProcessingOutputString("RECEIPT", self.tr("Ledger receipt (entries-lines-hash)")))

    def processAlgorithm(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, "RECEIPT", context).strip()
        try:
            receipt = Receipt.parse(text) if text else None
        except LedgerError as exc:
            raise QgsProcessingException(str(exc.message)) from exc
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            result = ledger.verify(receipt)
            now = str(ledger.receipt())
        if not result.ok:
            raise QgsProcessingException(self.tr("The ledger FAILED verification: {message}")
                                         .format(message=str(result)))
        feedback.pushInfo(str(result))
        if receipt is not None:
            feedback.pushInfo(self.tr("The ledger contains receipt {receipt}").format(receipt=str(receipt)))
        feedback.pushInfo(self.tr("Ledger receipt: {receipt} (keep it: ledgerverify checks the ledger against it)")
                          .format(receipt=now))
        return {"OK": True, "LINES": result.lines, "BAD_LINE": 0, "MESSAGE": str(result), "RECEIPT": now}
