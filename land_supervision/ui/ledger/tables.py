"""Balances at a glance and the history with filters and a reverse button, for the ledger dock."""

from __future__ import annotations

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...algorithms.ledger.common import quota_name
from ...core.ledger import COMPONENTS, KINDS, TERMS, TXN_TYPES, from_units
from ...translation import in_language, tr
from ..dock_base import enable_row_details


def _item(value) -> QTableWidgetItem:
    return QTableWidgetItem("" if value is None else str(value))


class BalancesTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setObjectName("ledgerBalances")
        self.setToolTip(tr("Balance per quota kind; owed = advances not yet repaid"))
        self.setHorizontalHeaderLabels([tr("Quota"), tr("Balance"), tr("Owed"), tr("Unit")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)

    def show_balances(self, balances) -> None:
        self.setRowCount(0)
        for b in balances:
            row = self.rowCount()
            self.insertRow(row)
            values = [quota_name(b.kind, b.component), f"{b.balance:,.2f}", f"{b.owed:,.2f}",
                      COMPONENTS[b.component][2]]
            for col, value in enumerate(values):
                self.setItem(row, col, _item(value))
        self.resizeColumnsToContents()
        enable_row_details(self)
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2)  # no scrolling


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)


class LotsTable(QTableWidget):
    """What is left per lot (批次) and quota kind, the oldest first; reversed lots are left out."""

    def __init__(self, parent=None):
        super().__init__(0, 7, parent)
        self.setObjectName("ledgerLots")
        self.setToolTip(tr("Every inflow is a lot; outflows draw on the oldest first unless they name their lots"))
        self.setHorizontalHeaderLabels([tr("Lot"), tr("Date"), tr("Quota"), tr("Left (亩)"), tr("Paddy left (亩)"),
                                        tr("Grain left (kg)"), tr("Grade")])
        _read_only(self)

    def show_lots(self, rows: list[dict]) -> None:
        """``rows``: core.ledger.lots.LotBook.lot_rows()."""
        self.setRowCount(0)
        for lot in (r for r in rows if not r["reversed"]):
            row = self.rowCount()
            self.insertRow(row)
            zh, en, _comps = KINDS[lot["kind"]]
            comp = lot["kind"] == "compensation"
            values = [lot["lot_id"], lot["date"], in_language(zh, en), f"{lot['area_left']:,.2f}",
                      f"{lot['paddy_left']:,.2f}" if comp else "", f"{lot['capacity_left']:,.0f}" if comp else "",
                      lot["grade"] if lot["grade"] is not None else ""]
            for col, value in enumerate(values):
                self.setItem(row, col, _item(value))
        self.resizeColumnsToContents()
        enable_row_details(self)


class DeadlinesPanel(QWidget):
    """One line (how many advances are overdue and due soon, as of today) and a table of them."""

    STATUS_COLORS = {"overdue": "#f8d7da", "due": "#fff3cd"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledgerDeadlines")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLabel("", self)
        self.line.setObjectName("ledgerDeadlinesLine")
        self.line.setWordWrap(True)
        layout.addWidget(self.line)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("ledgerDeadlinesTable")
        self.table.setToolTip(tr("Advances (预支, 承诺兑现, 周转指标) still owed that are overdue or due soon"))
        self.table.setHorizontalHeaderLabels([tr("Lot"), tr("Term"), tr("Quota"), tr("Outstanding (亩)"),
                                              tr("Due date"), tr("Days left"), tr("Status")])
        _read_only(self.table)
        self.table.setMaximumHeight(160)
        layout.addWidget(self.table)

    def show_deadlines(self, rows: list[dict], as_of: str, window: int) -> None:
        """``rows``: core.ledger.deadlines.deadline_rows() as of ``as_of`` (overdue, due within ``window`` days,
        without a date)."""
        overdue = sum(1 for r in rows if r["status"] == "overdue")
        due = sum(1 for r in rows if r["status"] == "due")
        if rows:
            self.line.setText(tr("As of {date}: {overdue} overdue, {due} due within {days} days").format(
                date=as_of, overdue=overdue, due=due, days=window))
            self.line.setStyleSheet("color: #b00020" if overdue else "")
        else:
            self.line.setText(tr("As of {date}: nothing overdue or due within {days} days").format(
                date=as_of, days=window))
            self.line.setStyleSheet("")
        self.table.setRowCount(0)
        for r in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            zh, en, _comps = KINDS[r["kind"]]
            values = [r["lot_id"], in_language(*TERMS[r["term"]]), in_language(zh, en), f"{r['outstanding']:,.2f}",
                      r["due_date"] or "-", "" if r["days_left"] is None else r["days_left"],
                      in_language(r["status_zh"], r["status_en"])]
            for col, value in enumerate(values):
                item = _item(value)
                if r["status"] in self.STATUS_COLORS:
                    item.setBackground(QColor(self.STATUS_COLORS[r["status"]]))
                self.table.setItem(row, col, item)
        self.table.setVisible(bool(rows))
        self.table.resizeColumnsToContents()
        enable_row_details(self.table)


class HistoryPanel(QWidget):
    """Journal lines, newest first, filtered by kind, type and project; emits ``reverse_requested(entry_no)``."""

    reverse_requested = pyqtSignal(int)
    filters_changed = pyqtSignal()
    HEADERS = ("Entry", "Date", "Type", "Quota", "Amount", "Project", "Reverses")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledgerHistory")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("ledgerHistoryKind")
        self.kind.setToolTip(tr("Show only this quota kind"))
        self.kind.addItem(tr("All kinds"), "")
        for code, (zh, en, _c) in KINDS.items():
            self.kind.addItem(in_language(zh, en), code)
        self.txn = QComboBox(self)
        self.txn.setObjectName("ledgerHistoryType")
        self.txn.setToolTip(tr("Show only this transaction type"))
        self.txn.addItem(tr("All types"), "")
        for code, txn in TXN_TYPES.items():
            self.txn.addItem(in_language(txn.zh, txn.en), code)
        self.project = QLineEdit(self)
        self.project.setObjectName("ledgerHistoryProject")
        self.project.setPlaceholderText(tr("Project id"))
        self.project.setToolTip(tr("Show only entries of projects whose id contains this text"))
        for widget in (self.kind, self.txn):
            widget.currentIndexChanged.connect(self.filters_changed)
        self.project.textChanged.connect(self.filters_changed)
        filters.addWidget(self.kind)
        filters.addWidget(self.txn)
        filters.addWidget(self.project)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName("ledgerHistoryTable")
        self.table.setHorizontalHeaderLabels([tr("Entry no."), tr("Date"), tr("Type"), tr("Quota"),
                                              tr("Amount (亩/kg)"), tr("Project"), tr("Reverses")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.table)
        self.reverse_button = QPushButton(tr("Reverse selected entry"), self)
        self.reverse_button.setObjectName("ledgerReverseButton")
        self.reverse_button.setToolTip(tr("Post a reversal naming the selected entry (entries are never edited)"))
        self.reverse_button.clicked.connect(self._reverse)
        layout.addWidget(self.reverse_button)

    def where(self) -> tuple[str, tuple]:
        """SQL condition (with ? placeholders) and parameters of the filters."""
        parts, params = [], []
        if self.kind.currentData():
            parts.append("kind = ?")
            params.append(self.kind.currentData())
        if self.txn.currentData():
            parts.append("txn_type = ?")
            params.append(self.txn.currentData())
        if self.project.text().strip():
            parts.append("project_id LIKE ?")
            params.append(f"%{self.project.text().strip()}%")
        return " AND ".join(parts), tuple(params)

    def show_lines(self, lines: list[dict]) -> None:
        self.table.setRowCount(0)
        for line in reversed(lines):
            row = self.table.rowCount()
            self.table.insertRow(row)
            txn = TXN_TYPES[line["txn_type"]]
            values = [line["entry_no"], line["value_date"], in_language(txn.zh, txn.en),
                      quota_name(line["kind"], line["component"]),
                      f"{from_units(line['amount']):,.2f}", line["project_name"] or line["project_id"],
                      line["reverses"] or ""]
            for col, value in enumerate(values):
                self.table.setItem(row, col, _item(value))
        self.table.resizeColumnsToContents()
        enable_row_details(self.table)

    def selected_entry(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return int(self.table.item(rows[0].row(), 0).text())

    def _reverse(self) -> None:
        entry_no = self.selected_entry()
        if entry_no is not None:
            self.reverse_requested.emit(entry_no)
