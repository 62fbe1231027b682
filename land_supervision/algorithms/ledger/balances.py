"""landsupervision:ledgerbalances - balances by kind, component, year and source."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFeatureSink

from ...core.ledger import COMPONENTS, KINDS, SOURCES
from ...core.tables import FeatureTable
from ..base import LandSupervisionAlgorithm
from ..outputs import write_outputs
from .common import LEDGER, ledger_parameter, masked, opened_ledger

FIELDS = [("kind", "str"), ("kind_zh", "str"), ("component", "str"), ("component_zh", "str"), ("unit", "str"),
          ("year", "int"), ("source", "str"), ("source_zh", "str"), ("inflow", "float"), ("outflow", "float"),
          ("balance", "float"), ("owed", "float")]


def balances_table(ledger) -> FeatureTable:
    rows = ledger.balances_by(("kind", "component", "year", "source"))
    columns = {name: [] for name, _ in FIELDS}
    for row in rows:
        values = {"kind": row["kind"], "kind_zh": KINDS[row["kind"]][0], "component": row["component"],
                  "component_zh": COMPONENTS[row["component"]][0], "unit": COMPONENTS[row["component"]][2],
                  "year": row["year"], "source": row["source"], "source_zh": SOURCES.get(row["source"], ("",))[0],
                  "inflow": float(row["inflow"]), "outflow": float(row["outflow"]),
                  "balance": float(row["balance"]), "owed": float(row["owed"])}
        for name, _ in FIELDS:
            columns[name].append(values[name])
    return FeatureTable("ledger_balances", FIELDS, columns)


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
        "(for example quota used from an advance); the rules keep each kind's total balance at or above zero."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(ledger_parameter())
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Balances")))

    def processAlgorithm(self, parameters, context, feedback):
        with opened_ledger(self.parameterAsString(parameters, LEDGER, context), readonly=True) as ledger:
            feedback.pushInfo(self.tr("Ledger: {uri}").format(uri=masked(ledger.uri)))
            table = balances_table(ledger)
            for b in ledger.balances():
                feedback.pushInfo(f"{KINDS[b.kind][0]}·{COMPONENTS[b.component][0]}: {b.balance}"
                                  + (f" (预支未还 owed {b.owed})" if b.owed else ""))
        return write_outputs(self, parameters, context, feedback, {"OUTPUT": table})
