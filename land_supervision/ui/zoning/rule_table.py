"""The rule matrix as a read-only table: activities down, zones across, cells coloured by verdict."""

from __future__ import annotations

from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...constants import zoning_verdict_light
from ...core.zoning.rules import RuleMatrix
from ...translation import in_language, tr


class RuleTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(220)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(22)

    def show_rules(self, rules: RuleMatrix | None) -> None:
        self.clear()
        if rules is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        self.setRowCount(len(rules.activities))
        self.setColumnCount(len(rules.zones))
        self.setHorizontalHeaderLabels(rules.zones)
        self.setVerticalHeaderLabels(rules.activities)
        for r, activity in enumerate(rules.activities):
            header = self.verticalHeaderItem(r)
            # the activity's English name in the English interface (the table's names are the rule file's
            # Chinese), and the rule's basis (a Chinese document title) in the interface's words
            english = in_language("", rules.english.get(activity, ""))
            basis = tr("Basis: {basis}").format(basis=rules.basis[activity]) if rules.basis.get(activity) else ""
            tip = "\n".join(t for t in (english, basis) if t)
            if header is not None and tip:
                header.setToolTip(tip)
            for c, zone in enumerate(rules.zones):
                rule = rules.rule(activity, zone)
                item = QTableWidgetItem(rule.verdict if rule else "")
                if rule is not None:
                    item.setToolTip(rule.text())
                    item.setBackground(QColor(zoning_verdict_light(rule.verdict) or "#ffffff"))
                self.setItem(r, c, item)
