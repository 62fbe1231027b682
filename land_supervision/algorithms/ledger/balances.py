"""landsupervision:ledgerbalances - balances by kind, component, year and source."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFeatureSink

from ...core.ledger import COMPONENTS, KINDS, SOURCES, TXN_TYPES
from ...core.tables import FeatureTable
from ...qgis_compat import ProcessingSourceType
from ..base import LandSupervisionAlgorithm
from ..outputs import write_outputs
from .common import LEDGER, ledger_parameter, masked, opened_ledger

FIELDS = [("kind", "str"), ("kind_zh", "str"), ("component", "str"), ("component_zh", "str"), ("unit", "str"),
          ("year", "int"), ("source", "str"), ("source_zh", "str"), ("inflow", "float"), ("outflow", "float"),
          ("balance", "float"), ("owed", "float")]


def balances_table(ledger) -> FeatureTable:
    rows = ledger.balances_by(("kind", "component", "year", "source"))
    return FeatureTable.from_rows("ledger_balances", FIELDS, (
        {"kind": row["kind"], "kind_zh": KINDS[row["kind"]][0], "component": row["component"],
         "component_zh": COMPONENTS[row["component"]][0], "unit": COMPONENTS[row["component"]][2],
         "year": row["year"], "source": row["source"], "source_zh": SOURCES.get(row["source"], ("",))[0],
         "inflow": float(row["inflow"]), "outflow": float(row["outflow"]),
         "balance": float(row["balance"]), "owed": float(row["owed"])} for row in rows))


LOT_FIELDS = [("lot_id", "str"), ("entry_no", "int"), ("date", "str"), ("txn_type", "str"), ("txn_zh", "str"),
              ("source", "str"), ("year", "int"), ("kind", "str"), ("kind_zh", "str"), ("grade", "str"),
              ("term", "str"), ("area_in", "float"), ("area_drawn", "float"), ("area_left", "float"),
              ("paddy_in", "float"), ("paddy_drawn", "float"), ("paddy_left", "float"), ("capacity_in", "float"),
              ("capacity_drawn", "float"), ("capacity_left", "float"), ("owed", "float"), ("attached", "str"),
              ("reversed", "str"), ("project_id", "str"), ("evidence", "str")]


def lots_table(ledger) -> FeatureTable:
    """One row per lot and quota kind: in, drawn, left (亩; 水田 亩; 产能 kg), oldest first."""
    return FeatureTable.from_rows("ledger_lots", LOT_FIELDS, (
        dict(row, txn_zh=TXN_TYPES[row["txn_type"]].zh, kind_zh=KINDS[row["kind"]][0],
             grade="" if row["grade"] is None else str(row["grade"]),
             attached="; ".join(f"{KINDS[k][0]} {v:.2f}" for k, v in row["attached"].items() if v),
             reversed="冲正 reversed" if row["reversed"] else "") for row in ledger.lot_rows()))


class LedgerBalances(LandSupervisionAlgorithm):
    ALG_ID = "ledgerbalances"
    DISPLAY_NAME = "Ledger balances"
    GROUP_ID = "ledger"
    HELP = (
        "A table of the quota ledger's balances by quota kind, component, quota year and source tag "
        "(下达/奖励/预支/购入/复垦/盘活): what came in, what went out, the balance and what is owed on advances.\n"
        "Ledger: a .gpkg file, a PostgreSQL connection saved in QGIS (chosen from the list) or a PostgreSQL URI "
        "(opened read-only; never created).\n"
        "Balances: a table without geometry (amounts in 亩, grain capacity in kg). A row's balance may be negative "
        "(for example quota used from an advance); the rules keep each kind's total balance at or above zero.\n"
        "\"Lots: remaining per lot\" (optional): one row per lot (each inflow entry) and quota kind, oldest first: "
        "what came in, what outflows drew and what is left (area, 水田 and 产能 for compensation quota), its "
        "耕地质量等别, the quota that came with it (attached) and what is still owed on an advance."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Balances")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "LOTS", self.tr("Lots: remaining per lot"), ProcessingSourceType.Vector, optional=True,
            createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            table = balances_table(ledger)
            tables = {"OUTPUT": table}
            if parameters.get("LOTS"):
                tables["LOTS"] = lots_table(ledger)
                feedback.pushInfo(self.tr("{n} lots").format(n=len(tables["LOTS"].columns["lot_id"])))
            for b in ledger.balances():
                feedback.pushInfo(f"{KINDS[b.kind][0]}·{COMPONENTS[b.component][0]}: {b.balance}"
                                  + (f" (预支未还 owed {b.owed})" if b.owed else ""))
        return write_outputs(self, parameters, context, feedback, tables, optional=("LOTS",))
