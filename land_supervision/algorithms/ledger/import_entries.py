"""landsupervision:ledgerimport - CSV/XLSX rows to ledger entries, all or nothing."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
)

from ...core.ledger.errors import LedgerCanceled
from ...core.ledger.importer import LedgerImportError, import_file
from ..base import LandSupervisionAlgorithm
from ..outputs import Canceled
from .common import LEDGER, ledger_parameter, masked, opened_ledger


class LedgerImport(LandSupervisionAlgorithm):
    ALG_ID = "ledgerimport"
    DISPLAY_NAME = "Import ledger transactions"
    GROUP_ID = "ledger"
    HELP = (
        "Posts the rows of a CSV (UTF-8 or GBK) or XLSX file to the quota ledger in one transaction: every row is "
        "posted, or none is; an error names the file's row number (the header is row 1).\n"
        "Ledger: a .gpkg file (created if missing), a PostgreSQL connection saved in QGIS (chosen from the list) or a "
        "PostgreSQL URI.\n"
        "Transactions: one row per entry with the columns txn_type, value_date, year, source, plan, spatial, "
        "linkage_surplus, cultivated_area, paddy_area, grain_capacity, project_id, project_name, batch_no, "
        "counterparty, region, price, evidence, town, reverses, note, wkt (the project polygon of an allocation, "
        "EPSG:4549). Amounts are magnitudes in 亩 (grain capacity in kg); blank cells mean none; rows whose txn_type "
        "starts with # are comments. resources/ledger/bureau_transactions.csv is an example.\n"
        "Outputs: \"Entries posted\", with the first and the last entry number."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter(creates=True))
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Transactions (CSV or XLSX)"), fileFilter=self.tr("Tables (*.csv *.xlsx)")))
        self.addOutput(QgsProcessingOutputNumber("ENTRIES", self.tr("Entries posted")))
        self.addOutput(QgsProcessingOutputNumber("FIRST_ENTRY", self.tr("First entry number")))
        self.addOutput(QgsProcessingOutputNumber("LAST_ENTRY", self.tr("Last entry number")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context)) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            try:
                posted = import_file(ledger, path, lambda done, total: feedback.setProgress(100.0 * done / total),
                                     feedback.isCanceled)
            except LedgerCanceled:
                raise Canceled() from None
            except LedgerImportError as exc:
                raise QgsProcessingException(self.tr("Nothing imported from {path}: {error}").format(
                    path=path, error=str(exc.message))) from exc
        feedback.pushInfo(self.tr("Imported {count} entries ({first}-{last})").format(
            count=len(posted), first=posted[0].entry_no, last=posted[-1].entry_no))
        return {"ENTRIES": len(posted), "FIRST_ENTRY": posted[0].entry_no, "LAST_ENTRY": posted[-1].entry_no}
