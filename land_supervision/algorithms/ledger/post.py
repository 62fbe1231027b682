"""landsupervision:ledgerpost - post one transaction to the quota ledger."""

from __future__ import annotations

import datetime as dt

import shapely
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...constants import WORKING_CRS
from ...core.ledger import TXN_TYPES, Entry, from_units
from ...core.ledger.lots import lot_meta
from ...core.values import ValueRefused, parse_amount, parse_date
from ...inputs.checks import label_of, note_reprojection
from ...qgis_compat import ProcessingNumberParameterType, ProcessingSourceType
from ...translation import in_language
from ..base import LandSupervisionAlgorithm
from ..layer_io import read_source
from .common import LEDGER, ledger_parameter, masked, opened_ledger, quota_name

TXN_CODES = list(TXN_TYPES)
AMOUNTS = [("PLAN", ("plan", "area")), ("SPATIAL", ("spatial", "area")), ("LINKAGE", ("linkage_surplus", "area")),
           ("CULTIVATED", ("compensation", "cultivated_area")), ("PADDY", ("compensation", "paddy_area")),
           ("GRAIN", ("compensation", "grain_capacity"))]
TEXTS = [("PROJECT_ID", "project_id"), ("PROJECT_NAME", "project_name"), ("BATCH_NO", "batch_no"),
         ("COUNTERPARTY", "counterparty"), ("REGION", "region"), ("PRICE", "price"), ("EVIDENCE", "evidence"),
         ("TOWN", "town"), ("NOTE", "note"), ("SOURCE", "source"), ("DATE", "value_date"), ("LOT_ID", "lot_id"),
         ("GRADE", "grade"), ("TERM", "term"), ("DUE_DATE", "due_date"), ("DRAW_FROM", "draw_from"),
         ("REPAYS", "repays")]


def _labels(tr) -> dict[str, str]:
    """Parameter labels (string literals, so that they are translated)."""
    return {
        "PLAN": tr("Plan quota (亩)"), "SPATIAL": tr("Spatial quota (亩)"), "LINKAGE": tr("Linkage surplus (亩)"),
        "CULTIVATED": tr("Compensation: cultivated area (亩)"),
        "PADDY": tr("Compensation: paddy area (亩)"),
        "GRAIN": tr("Compensation: grain capacity (kg)"),
        "PROJECT_ID": tr("Project id"), "PROJECT_NAME": tr("Project name"), "BATCH_NO": tr("Approval batch no."),
        "COUNTERPARTY": tr("Counterparty"), "REGION": tr("Region"), "PRICE": tr("Price (元)"),
        "EVIDENCE": tr("Evidence"), "TOWN": tr("Town"), "NOTE": tr("Note"),
        "SOURCE": tr("Source tag (empty: default)"), "DATE": tr("Date (YYYY-MM-DD, empty: today)"),
        "LOT_ID": tr("Lot id (inflows; empty: L + entry number)"),
        "GRADE": tr("Grade 耕地质量等别 1-15 (compensation inflows)"),
        "TERM": tr("Advance term: advance, commitment or turnover (advances; empty: advance)"),
        "DUE_DATE": tr("Due date (advances; empty: from the deadline rules)"),
        "DRAW_FROM": tr("Lots to draw on, separated by ; (outflows; empty: oldest first)"),
        "REPAYS": tr("Advance repaid: its lot id (repayments; empty: the oldest open advance of the kind)"),
    }


class LedgerPost(LandSupervisionAlgorithm):
    ALG_ID = "ledgerpost"
    DISPLAY_NAME = "Post a ledger transaction"
    GROUP_ID = "ledger"
    HELP = (
        "Posts one transaction to the quota ledger (用地指标台账), checked against every ledger rule; refused "
        "postings change nothing.\n"
        "Ledger: a .gpkg file (created if missing), a PostgreSQL connection saved in QGIS (chosen from the list) or a "
        "PostgreSQL URI.\n"
        "Transaction type: grant (下达), award (奖励), advance (预支, must be repaid), advance repayment (归还预支), "
        "purchase (购入), reclamation credit (复垦入库, once per project), allocation to a project (项目使用), sale / "
        "transfer out (调出), reversal (冲正: give the entry it reverses in \"Entry number to reverse\").\n"
        "Amounts: exact numbers in 亩 (grain capacity in kg), at most 4 decimals, typed as text: 12.5 or 12,5 (a "
        "decimal comma); 1,234.5 with grouping only where it is unambiguous (1,234 is refused). Date: 2024-03-01, "
        "2024/3/1 or 20240301. The cultivated-land compensation quota (补充耕地指标) carries its cultivated area, "
        "paddy area and grain capacity together.\n"
        "Particulars: an allocation needs \"Project id\" and \"Approval batch no.\" (\"Project polygons\": its "
        "polygons, stored in the ledger's project layer); a purchase and a transfer out need \"Counterparty\", "
        "\"Region\" and \"Price\"; an advance needs \"Evidence\"; a reclamation credit needs \"Project id\".\n"
        "Rules: no balance goes below zero (an advance is the one way to use quota not yet granted; it shows as owed "
        "until repaid); a repayment is at most what is owed.\n"
        "Lots: every inflow is a lot (\"Lot id\", else L + its entry number; \"Grade\": 耕地质量等别 of compensation "
        "quota; an advance's \"Advance term\" - advance 预支, commitment 承诺兑现 (needs a due date) or turnover "
        "周转指标 - and \"Due date\", else the date of resources/ledger/deadlines.csv). An outflow draws on the lots "
        "named in \"Lots to draw on\" (in that order), else the oldest first; never more than a lot has left; the "
        "draws are recorded in the ledger's hash chain. A repayment settles the advance named in \"Advance "
        "repaid\" (it must still owe that much), else the oldest open advance of the kind.\n"
        "Outputs: \"Entry number\" (the new entry's) and \"Balances after posting\"."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter(creates=True))
        self.addParameter(QgsProcessingParameterEnum(
            "TXN_TYPE", self.tr("Transaction type"),
            options=[in_language(TXN_TYPES[c].zh, TXN_TYPES[c].en) for c in TXN_CODES], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Quota year"), ProcessingNumberParameterType.Integer, defaultValue=dt.date.today().year,
            minValue=1990, maxValue=2100))
        labels = _labels(self.tr)
        for name, _key in AMOUNTS + TEXTS:
            self.addParameter(QgsProcessingParameterString(name, labels[name], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "REVERSES", self.tr("Entry number to reverse (reversal only)"), ProcessingNumberParameterType.Integer,
            optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROJECT_GEOMETRY", self.tr("Project polygons (allocation only)"), [ProcessingSourceType.VectorPolygon],
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("ENTRY_NO", self.tr("Entry number")))
        self.addOutput(QgsProcessingOutputString("BALANCE", self.tr("Balances after posting")))

    def processAlgorithm(self, parameters, context, feedback):
        txn = TXN_CODES[self.parameterAsEnum(parameters, "TXN_TYPE", context)]
        amounts = {}
        for name, key in AMOUNTS:
            text = self.parameterAsString(parameters, name, context).strip()
            if text:
                amounts[key] = self._value(name, text, parse_amount)
        if any(k[0] == "compensation" for k in amounts):
            for _name, key in AMOUNTS:
                if key[0] == "compensation":
                    amounts.setdefault(key, "0")
        texts = {attr: self.parameterAsString(parameters, name, context) for name, attr in TEXTS}
        texts = {attr: text if attr in ("note", "evidence") and text.strip() else text.strip()
                 for attr, text in texts.items()}  # notes and evidence as typed, line breaks included
        if texts["value_date"]:
            texts["value_date"] = self._value("DATE", texts["value_date"], parse_date)
        if texts["due_date"]:
            texts["due_date"] = self._value("DUE_DATE", texts["due_date"], parse_date)
        texts["draw_from"] = tuple(p.strip() for p in texts["draw_from"].replace("；", ";").split(";") if p.strip())
        source = texts.pop("source") or None
        reverses = parameters.get("REVERSES")
        reverses = self.parameterAsInt(parameters, "REVERSES", context) if reverses not in (None, "") else None
        geometry = self._geometry(parameters, context, feedback)
        entry = Entry(txn, amounts, year=self.parameterAsInt(parameters, "YEAR", context), source=source,
                      reverses=reverses, geometry=geometry, **texts)
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context)) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            posted = ledger.post(entry)
            balances = "; ".join(f"{b.kind}.{b.component}={b.balance}" + (f" (owed {b.owed})" if b.owed else "")
                                 for b in ledger.balances())
        for line in posted.lines:
            feedback.pushInfo(self.tr("Posted entry {entry} line {line}: {quota} {amount}").format(
                entry=posted.entry_no, line=line["line_no"], quota=quota_name(line["kind"], line["component"]),
                amount=from_units(line["amount"])))
            meta = lot_meta(line.get("lot"))
            draws = meta.get("draws") or []
            if draws:
                feedback.pushInfo(self.tr("Drawn from lots: {draws}").format(
                    draws="; ".join(f"{lot} {from_units(units)}" for lot, units in draws)))
            if meta.get("repays"):
                feedback.pushInfo(self.tr("Repays the advance {lot}").format(lot=meta["repays"]))
        feedback.pushInfo(balances)
        return {"ENTRY_NO": posted.entry_no, "BALANCE": balances}

    def _value(self, name: str, text: str, parse):
        """``parse(text)``, or an error naming the parameter."""
        try:
            return parse(text)
        except ValueRefused as exc:
            raise QgsProcessingException(self.tr("Parameter {name}: {error}").format(
                name=name, error=str(exc.message))) from None

    def _geometry(self, parameters, context, feedback):
        if not parameters.get("PROJECT_GEOMETRY"):
            return None
        source = self.parameterAsSource(parameters, "PROJECT_GEOMETRY", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PROJECT_GEOMETRY"))
        arrays = read_source(source, [], context, feedback, target_crs=WORKING_CRS)
        note_reprojection(source, feedback, label_of(source, parameters.get("PROJECT_GEOMETRY")))
        geoms = [g for g in arrays.geometry if g is not None and not g.is_empty]
        if not geoms:
            raise QgsProcessingException(self.tr("The project layer has no polygons"))
        invalid = [int(fid) for fid, g in zip(arrays.ids, arrays.geometry) if g is not None and not g.is_valid]
        if invalid:
            raise QgsProcessingException(self.tr("Project layer '{layer}': feature {fid} has an invalid geometry")
                                         .format(layer=source.sourceName(), fid=invalid[0]))
        return shapely.union_all(geoms)
