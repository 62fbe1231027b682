"""The patch table of the patrol dock (sortable, filtered, coloured by verdict) and the summary strip."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...constants import ISSUES_FIELD, PATROL_VERDICT_FIELD
from ...translation import tr, tr_noop
from ..dock_base import fit_columns

COLUMNS = [  # (field, header, numeric)
    ("JCBH", tr_noop("JCBH"), False), ("SZXZMC", tr_noop("Town"), False),
    (PATROL_VERDICT_FIELD, tr_noop("Verdict"), False),
    ("JYJG", tr_noop("Suggested"), False), ("SBJG", tr_noop("Reported"), False),
    ("FGBL", tr_noop("Coverage %"), True), ("GDMJ_MU", tr_noop("Cultivated (亩)"), True),
    ("WTS", tr_noop("Issues"), True), ("XSYS", tr_noop("Referral"), True),
    (ISSUES_FIELD, tr_noop("Discrepancies"), False),
]
CODE_NAMES = {  # discrepancy code -> its words, shown as the tooltip of the Discrepancies cell
    "WEAK_COVERAGE": tr_noop("Reported legal, weakly covered by approvals"),
    "CULTIVATED_AREA_OFF": tr_noop("Reported cultivated area off"),
    "FARMLAND_AREA_OFF": tr_noop("Reported permanent basic farmland area off"),
    "NOT_REPORTED": tr_noop("Issued but not reported"),
    "NOT_ISSUED": tr_noop("Reported but not issued"),
    "DUPLICATE_JCBH": tr_noop("Monitoring number repeated"),
    "APPROVAL_NOT_FOUND": tr_noop("Approval number not found"),
    "INVALID_GEOMETRY": tr_noop("Invalid geometry repaired"),
    "APPROVED_AFTER_BUILT": tr_noop("Built before approval (approval dated after the later image)"),
    "TEMPORARY_EXPIRED": tr_noop("Temporary use past its term"),
    "SUBTYPE_ON_FARMLAND": tr_noop("Temporary use or agricultural facility on permanent basic farmland"),
    "VIOLATION_AREA_OFF": tr_noop("Reported illegal area off"),
    "APPROVED_CULTIVATED_OFF": tr_noop("Reported cultivated area with approvals off"),
    "UNAPPROVED_CULTIVATED_OFF": tr_noop("Reported cultivated area without approvals off"),
    "RECTIFIED_NOT_REMOVED": tr_noop("Rectified without ending the occupation"),
    "CRIMINAL_THRESHOLD": tr_noop("Over the criminal-referral area line"),
    "REPEATED_IN_BATCHES": tr_noop("Repeated in a later batch"),
}


def code_words(codes) -> str:
    """Discrepancy codes as the words of the current language (an unknown code stays as it is)."""
    return tr("; ").join(tr(CODE_NAMES[c]) if c in CODE_NAMES else c for c in codes)


VERDICT_COLOURS = {"合法": "#d9f2d0", "违法": "#f8d0d0", "其他": "#e6e6e6"}


class NumberItem(QTableWidgetItem):
    """A cell that sorts by its number."""

    def __lt__(self, other):
        try:
            return float(self.data(Qt.ItemDataRole.UserRole)) < float(other.data(Qt.ItemDataRole.UserRole))
        except (TypeError, ValueError):
            return super().__lt__(other)


class PatchTable(QWidget):
    """Rows of the reconciled patches; ``patch_clicked(feature id)`` when a row is chosen."""

    patch_clicked = pyqtSignal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("", self)
        self.summary.setObjectName("patrolSummary")
        self.summary.setWordWrap(True)
        self.summary.setToolTip(tr("County cultivated share (耕占比) before and after rectification against "
                                   "the accountability line"))
        layout.addWidget(self.summary)
        filters = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setObjectName("patrolFilter")
        self.filter.setPlaceholderText(tr("Filter: JCBH, town, verdict or code"))
        self.filter.setToolTip(tr("Show only the rows containing this text"))
        self.only_issues = QCheckBox(tr("Discrepancies only"), self)
        self.only_issues.setObjectName("patrolOnlyIssues")
        self.only_issues.setToolTip(tr("Show only the patches with at least one discrepancy"))
        filters.addWidget(self.filter)
        filters.addWidget(self.only_issues)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("patrolTable")
        self.table.setHorizontalHeaderLabels([tr(h) for _, h, _ in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setToolTip(tr("Click a row to zoom to the patch; click a header to sort"))
        self.table.setMinimumHeight(240)
        layout.addWidget(self.table)
        self.filter.textChanged.connect(self.apply_filter)
        self.only_issues.toggled.connect(self.apply_filter)
        self.table.cellClicked.connect(self._clicked)

    def show_summary(self, ratio, ratio_after, line: float, counts: str, ratio_second=None) -> None:
        def pct(value):
            return "-" if value is None else f"{value:.2f}%"

        over = ratio is not None and ratio >= line
        colour = "#c00000" if over else "#2e7d32"
        self.summary.setText(tr("County cultivated share (耕占比) {before} before, {after} after rectification, "
                                "{second} on the ministry's second look (line {line:.0f}%). {counts}").format(
            before=pct(ratio), after=pct(ratio_after), second=pct(ratio_second), line=line, counts=counts))
        self.summary.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")

    def fill(self, layer) -> None:
        """Rows from the reconciled patch layer, discrepancies first."""
        self.table.setSortingEnabled(False)
        features = list(layer.getFeatures())
        self.table.setRowCount(len(features))
        bold = QFont()
        bold.setBold(True)
        for row, feature in enumerate(features):
            colour = QColor(VERDICT_COLOURS.get(feature[PATROL_VERDICT_FIELD], "#ffffff"))
            issues = int(feature["WTS"] or 0)
            for col, (name, _, numeric) in enumerate(COLUMNS):
                value = feature[name]
                value = None if value is None or str(value) == "NULL" else value
                item = NumberItem() if numeric else QTableWidgetItem()
                item.setText("" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value)))
                item.setData(Qt.ItemDataRole.UserRole, value if numeric else feature.id())
                item.setData(Qt.ItemDataRole.UserRole + 1, feature.id())
                if name == ISSUES_FIELD and value:  # words in the cell, the codes (the field's data) in its tooltip
                    codes = [c for c in str(value).split(";") if c]
                    item.setText(code_words(codes))
                    item.setData(Qt.ItemDataRole.UserRole + 2, ";".join(codes))
                    item.setToolTip("\n".join(f"{code_words([code])} ({code})" for code in codes))
                item.setBackground(colour)
                if issues:
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        self.table.sortItems([n for n, _, _ in COLUMNS].index("WTS"), Qt.SortOrder.DescendingOrder)
        fit_columns(self.table)
        self.apply_filter()

    def apply_filter(self, *_args) -> None:
        text = self.filter.text().strip().lower()
        issues_col = [n for n, _, _ in COLUMNS].index("WTS")
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(self.table.columnCount())]
            match = not text or any(c is not None and (text in c.text().lower() or text in str(
                c.data(Qt.ItemDataRole.UserRole + 2) or "").lower()) for c in cells)
            if self.only_issues.isChecked():
                match = match and cells[issues_col] is not None and cells[issues_col].text() not in ("", "0")
            self.table.setRowHidden(row, not match)

    def visible_rows(self) -> int:
        return sum(not self.table.isRowHidden(r) for r in range(self.table.rowCount()))

    def _clicked(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.patch_clicked.emit(int(item.data(Qt.ItemDataRole.UserRole + 1)))
