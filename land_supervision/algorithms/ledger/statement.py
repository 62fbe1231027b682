"""landsupervision:ledgerstatement - period statement (opening, in, out, closing) as PDF and XLSX."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...core.ledger.statement import build_statement
from ...qgis_compat import ProcessingAlgorithmFlag
from ..base import LandSupervisionAlgorithm, check_writable_file
from ..outputs import OutputSet
from .common import LEDGER, ledger_parameter, masked, opened_ledger


def ledger_span(ledger, today: dt.date | None = None) -> tuple[str, str]:
    """The ledger's own period: its first value date (today when empty) to today, or to its last value date
    when that is later (an entry dated ahead is never left out)."""
    today_text = (today or dt.date.today()).isoformat()
    dates = [str(line["value_date"])[:10] for line in ledger.entries() if line.get("value_date")]
    if not dates:
        return today_text, today_text
    return min(min(dates), today_text), max(max(dates), today_text)


class LedgerStatement(LandSupervisionAlgorithm):
    ALG_ID = "ledgerstatement"
    DISPLAY_NAME = "Ledger statement (PDF and XLSX)"
    GROUP_ID = "ledger"
    HELP = (
        "The quota ledger's statement for a period: per quota kind and component the opening balance (before the "
        "start date), what came in and went out (value dates from the start to the end date, both included), the "
        "closing balance and what is owed on advances; then the period's entries.\n"
        "Ledger: a .gpkg file, a PostgreSQL connection saved in QGIS (chosen from the list) or a PostgreSQL URI "
        "(opened read-only; never created).\n"
        "From, To: YYYY-MM-DD; empty: the ledger's own span, from its first value date up to today (or its last value "
        "date, if later), so a statement printed today includes today's entries.\n"
        "Statement PDF: the statement printed through a QGIS print layout (optional).\n"
        "Statement XLSX: the same figures as a workbook with a summary and an entries sheet (optional).\n"
        "Amounts are in 亩 with two decimals (粮食产能 in kg); \"Statement figures\" gives them as text.\n"
        "Every statement prints the ledger's receipt (entries-lines-hash of the chain's last line); kept, it lets "
        "\"Verify the ledger\" catch a later rewrite of the whole ledger."
    )

    def flags(self):
        # the PDF is a print layout: rendered on the main thread
        return super().flags() | ProcessingAlgorithmFlag.NoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterString(
            "DATE_FROM", self.tr("From (YYYY-MM-DD, empty: the ledger's first entry)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DATE_TO", self.tr("To (YYYY-MM-DD, empty: today)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", self.tr("Statement PDF"), self.tr("PDF files (*.pdf)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_XLSX", self.tr("Statement XLSX"), self.tr("Excel workbooks (*.xlsx)"), optional=True))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Statement figures")))
        self.addOutput(QgsProcessingOutputString("RECEIPT", self.tr("Ledger receipt (entries-lines-hash)")))

    def processAlgorithm(self, parameters, context, feedback):
        pdf = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context) if parameters.get("OUTPUT_PDF") else ""
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context) if parameters.get("OUTPUT_XLSX") else ""
        for path, name in ((pdf, "OUTPUT_PDF"), (xlsx, "OUTPUT_XLSX")):
            if path:
                check_writable_file(path, name)
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            first, last = ledger_span(ledger)
            date_from = self.parameterAsString(parameters, "DATE_FROM", context).strip() or first
            date_to = self.parameterAsString(parameters, "DATE_TO", context).strip() or last
            feedback.pushInfo(self.tr("Period: {start} to {end}").format(start=date_from, end=date_to))
            feedback.setProgress(10)  # short steps: from a dock this runs on the main thread (NoThreading)
            statement = build_statement(ledger, date_from, date_to)
        feedback.setProgress(30)
        lines = []
        for row in statement.rows:
            lines.append(f"{row.kind}.{row.component}: opening {row.opening:.2f} in {row.inflow:.2f} "
                         f"out {row.outflow:.2f} closing {row.closing:.2f} owed {row.owed:.2f}")
            feedback.pushInfo(f"{row.label_zh}: 期初 {row.opening:.2f} 入库 {row.inflow:.2f} 出库 {row.outflow:.2f} "
                              f"期末 {row.closing:.2f} {row.unit}")
        feedback.pushInfo(self.tr("Ledger receipt: {receipt} (keep it: ledgerverify checks the ledger against it)")
                          .format(receipt=statement.receipt))
        results = {"SUMMARY": "; ".join(lines), "RECEIPT": statement.receipt}
        with OutputSet(self, parameters, context, feedback) as outputs:  # both files or neither
            if xlsx:
                from ...reports.ledger_xlsx import write_statement_xlsx

                write_statement_xlsx(statement, outputs.file("OUTPUT_XLSX", xlsx))
                results["OUTPUT_XLSX"] = xlsx
            if pdf:
                from ...reports.ledger_statement import write_statement_pdf

                try:
                    write_statement_pdf(statement, outputs.file("OUTPUT_PDF", pdf), context.project(), feedback)
                except RuntimeError as exc:
                    raise QgsProcessingException(str(exc)) from exc
                results["OUTPUT_PDF"] = pdf
            outputs.commit()
        return results
