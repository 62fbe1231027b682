"""landsupervision:ledgerdeadlines - advances (预支), commitments (承诺兑现) and turnover quota (周转指标) due or
overdue as of a date."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...core.ledger.deadlines import deadline_line, read_deadline_rules
from ...core.tables import FeatureTable
from ...core.values import ValueRefused, parse_date
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..outputs import write_outputs
from .common import LEDGER, ledger_parameter, masked, opened_ledger

FIELDS = [("lot_id", "str"), ("entry_no", "int"), ("term", "str"), ("term_zh", "str"), ("kind", "str"),
          ("kind_zh", "str"), ("date", "str"), ("year", "int"), ("due_date", "str"), ("due_from", "str"),
          ("advanced", "float"), ("repaid", "float"), ("outstanding", "float"), ("days_left", "int"),
          ("status", "str"), ("status_zh", "str"), ("as_of", "str"), ("evidence", "str")]


def deadlines_table(rows: list[dict]) -> FeatureTable:
    return FeatureTable.from_rows("ledger_deadlines", FIELDS, rows)


class LedgerDeadlines(LandSupervisionAlgorithm):
    ALG_ID = "ledgerdeadlines"
    DISPLAY_NAME = "Ledger deadlines (预支, 承诺兑现, 周转)"
    GROUP_ID = "ledger"
    HELP = (
        "Lists what the quota ledger still owes and by when: advances (预支) to be repaid, commitments (承诺兑现) "
        "to be fulfilled and turnover quota (周转指标) to be returned, each an advance entry of the ledger, owed "
        "until repayments settle it (the oldest advance of its kind first).\n"
        "Due date: the one the entry gave, else the rule of resources/ledger/deadlines.csv (advance: 31 December "
        "of the year after its quota year - a bureau default; turnover quota: 3 years after issue, "
        "国土资发〔2008〕138号; a commitment always gives its own).\n"
        "Ledger: a .gpkg file, a PostgreSQL connection saved in QGIS (chosen from the list) or a PostgreSQL URI "
        "(opened read-only; never created).\n"
        "\"As of\": the date to judge by (empty: today). \"Due within\": an advance due within this many days "
        "after it is listed as due (-1: the rule table's window, 90 days). \"List settled and open ones too\": "
        "settled and not yet due advances are listed as well.\n"
        "Deadlines: a table (lot, term, quota kind, due date and whether it came from the entry or the rule, "
        "advanced, repaid, outstanding in 亩 - 耕地数量 for compensation quota -, days left, status overdue / due / "
        "open / settled), the most urgent first. \"Overdue\" and \"Due\" count them."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterString(
            "AS_OF", self.tr("As of (YYYY-MM-DD, empty: today)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "WITHIN_DAYS", self.tr("Due within (days; -1: the rule table's window)"),
            ProcessingNumberParameterType.Integer, defaultValue=-1, minValue=-1, maxValue=36500))
        self.addParameter(QgsProcessingParameterBoolean(
            "ALL", self.tr("List settled and open ones too"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Deadlines"), ProcessingSourceType.Vector))
        self.addOutput(QgsProcessingOutputNumber("OVERDUE", self.tr("Overdue")))
        self.addOutput(QgsProcessingOutputNumber("DUE", self.tr("Due")))

    def processAlgorithm(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, "AS_OF", context).strip()
        try:
            as_of = parse_date(text) if text else dt.date.today().isoformat()
        except ValueRefused as exc:
            raise QgsProcessingException(self.tr("Parameter {name}: {error}").format(
                name="AS_OF", error=str(exc.message))) from None
        within = self.parameterAsInt(parameters, "WITHIN_DAYS", context)
        rules = read_deadline_rules()
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            rows = ledger.deadlines(as_of, None if within < 0 else within,
                                    self.parameterAsBoolean(parameters, "ALL", context), rules)
        window = rules.window_days if within < 0 else within
        feedback.pushInfo(self.tr("As of {date}, due within {days} days").format(date=as_of, days=window))
        for row in rows:
            feedback.pushInfo(str(deadline_line(row)))
        overdue = sum(1 for r in rows if r["status"] == "overdue")
        due = sum(1 for r in rows if r["status"] == "due")
        if not rows:
            feedback.pushInfo(self.tr("Nothing is due or overdue"))
        result = write_outputs(self, parameters, context, feedback, {"OUTPUT": deadlines_table(rows)})
        result.update(OVERDUE=overdue, DUE=due)
        return result
