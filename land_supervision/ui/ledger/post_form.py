"""The posting form of the ledger dock: one form for every transaction kind, validated as you type."""

from __future__ import annotations

from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...core.ledger import SOURCES, TXN_TYPES, Entry, LedgerError
from ...core.messages import Message
from ...core.values import ValueRefused, parse_amount
from ...translation import in_language, tr

AMOUNT_KEYS = [("plan", ("plan", "area")), ("spatial", ("spatial", "area")),
               ("linkage", ("linkage_surplus", "area")), ("cultivated", ("compensation", "cultivated_area")),
               ("paddy", ("compensation", "paddy_area")), ("grain", ("compensation", "grain_capacity"))]
TEXT_KEYS = ["project_id", "project_name", "batch_no", "counterparty", "region", "price", "evidence", "town", "note"]
_AMOUNTS = ["plan", "spatial", "linkage", "cultivated", "paddy", "grain"]
_TRADE = ["counterparty", "region", "price"]
# the fields each transaction type shows (the others are hidden)
VISIBLE = {
    "grant": _AMOUNTS + ["evidence", "town", "note"],
    "award": _AMOUNTS + ["evidence", "town", "note"],
    "advance": _AMOUNTS + ["evidence", "town", "note"],
    "repayment": _AMOUNTS + ["evidence", "note"],
    "purchase": _AMOUNTS + _TRADE + ["evidence", "note"],
    "reclamation_credit": ["linkage", "cultivated", "paddy", "grain", "project_id", "project_name", "evidence",
                           "town"],
    "allocation": _AMOUNTS + ["project_id", "project_name", "batch_no", "evidence", "town", "note"],
    "transfer_out": _AMOUNTS + _TRADE + ["evidence", "note"],
    "reversal": ["evidence", "note", "reverses"],
}


def _labels() -> dict[str, tuple[str, str]]:
    """(label, tooltip) per field, as string literals for translation."""
    return {
        "plan": (tr("Plan quota (亩)"),
                 tr("New construction land plan quota (新增建设用地计划指标): an exact number of 亩, at most 4 "
                    "decimals (12.5 or 12,5)")),
        "spatial": (tr("Spatial quota (亩)"),
                    tr("Planning spatial quota (规划空间指标): an exact number of 亩, at most 4 decimals (12.5 or "
                       "12,5)")),
        "linkage": (tr("Linkage surplus (亩)"),
                    tr("Surplus quota of the urban-rural construction land linkage (城乡建设用地增减挂钩节余指标)")),
        "cultivated": (tr("Compensation: cultivated area (亩)"),
                       tr("The cultivated-land compensation quota (补充耕地指标) carries its cultivated area, paddy "
                          "area and grain capacity together")),
        "paddy": (tr("Compensation: paddy area (亩)"), tr("At most the cultivated area")),
        "grain": (tr("Compensation: grain capacity (kg)"), tr("Grain capacity in kg")),
        "project_id": (tr("Project id"), tr("Needed by allocations and reclamation credits")),
        "project_name": (tr("Project name"), tr("Shown in statements")),
        "batch_no": (tr("Approval batch no."), tr("Needed by allocations")),
        "counterparty": (tr("Counterparty"), tr("Needed by purchases and transfers out")),
        "region": (tr("Region"), tr("Needed by purchases and transfers out, e.g. cross-province (跨省) or "
                                    "cross-city (跨市)")),
        "price": (tr("Price (元)"), tr("Needed by purchases and transfers out")),
        "evidence": (tr("Evidence"), tr("The document the entry rests on (needed by advances)")),
        "town": (tr("Town"), tr("The town or subdistrict (镇街道) the quota belongs to")),
        "note": (tr("Note"), tr("Free text")),
    }


class PostForm(QWidget):
    """Emits ``post_requested(Entry)`` when the user posts an entry that passed validation."""

    post_requested = pyqtSignal(object)
    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ledgerPostForm")
        self.validator = None  # callable(Entry) -> list of lines, raising LedgerError
        form = self.form_layout = QFormLayout(self)
        self._add_header(form)
        self.fields: dict[str, QLineEdit] = {}
        labels = _labels()
        for key in [k for k, _ in AMOUNT_KEYS] + TEXT_KEYS:
            edit = QLineEdit(self)
            edit.setObjectName(f"ledger_{key}")
            edit.setToolTip(labels[key][1])
            edit.textChanged.connect(self.revalidate)
            self.fields[key] = edit
            form.addRow(labels[key][0], edit)
        self.reverses = QSpinBox(self)
        self.reverses.setObjectName("ledgerReverses")
        self.reverses.setRange(0, 2_000_000_000)
        self.reverses.setToolTip(tr("Entry number to reverse (reversal only)"))
        form.addRow(tr("Entry number to reverse (reversal only)"), self.reverses)
        self.message = QLabel("", self)
        self.message.setObjectName("ledgerValidation")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.post_button = QPushButton(tr("Post"), self)
        self.post_button.setObjectName("ledgerPostButton")
        self.post_button.setToolTip(
            tr("Append the entry to the ledger (it cannot be edited afterwards, only reversed)"))
        self.post_button.clicked.connect(self._post)
        form.addRow(self.post_button)
        self.txn.currentIndexChanged.connect(self._txn_changed)
        for widget in (self.source, self.year, self.date, self.reverses):
            signal = getattr(widget, "currentIndexChanged", None) or getattr(widget, "valueChanged", None) \
                or widget.dateChanged
            signal.connect(self.revalidate)
        self._txn_changed()

    def _add_header(self, form: QFormLayout) -> None:
        """Transaction type, source tag, quota year and value date."""
        self.txn = QComboBox(self)
        self.txn.setObjectName("ledgerTxnType")
        self.txn.setToolTip(tr("Transaction type"))
        for code, txn in TXN_TYPES.items():
            self.txn.addItem(in_language(txn.zh, txn.en), code)
        form.addRow(tr("Transaction type"), self.txn)
        self.source = QComboBox(self)
        self.source.setObjectName("ledgerSource")
        self.source.setToolTip(tr("Source tag (empty: default)"))
        form.addRow(tr("Source tag (empty: default)"), self.source)
        self.year = QSpinBox(self)
        self.year.setObjectName("ledgerYear")
        self.year.setRange(1990, 2100)
        self.year.setValue(QDate.currentDate().year())
        self.year.setToolTip(tr("Quota year"))
        form.addRow(tr("Quota year"), self.year)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("ledgerDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.setToolTip(tr("Value date of the entry"))
        form.addRow(tr("Date"), self.date)

    def _txn_changed(self) -> None:
        code = self.txn.currentData()
        visible = VISIBLE[code]
        for key, widget in list(self.fields.items()) + [("reverses", self.reverses)]:
            shown = key in visible
            widget.setVisible(shown)
            label = self.form_layout.labelForField(widget)
            if label is not None:
                label.setVisible(shown)
        for widget in (self.source, self.year):
            widget.setEnabled(code != "reversal")
        self.source.blockSignals(True)
        self.source.clear()
        for tag in TXN_TYPES[code].sources:
            self.source.addItem(in_language(*SOURCES[tag]), tag)
        self.source.blockSignals(False)
        self.revalidate()

    def entry(self) -> Entry:
        """The Entry the form describes; an amount core.values refuses raises LedgerError naming its field."""
        code = self.txn.currentData()
        amounts = {key: self._amount(name) for name, key in AMOUNT_KEYS
                   if name in VISIBLE[code] and self.fields[name].text().strip()}
        if any(k[0] == "compensation" for k in amounts):
            for _name, key in AMOUNT_KEYS:
                if key[0] == "compensation":
                    amounts.setdefault(key, "0")
        texts = {key: self.fields[key].text().strip() if key in VISIBLE[code] else "" for key in TEXT_KEYS}
        return Entry(code, amounts, year=self.year.value(), value_date=self.date.date().toString("yyyy-MM-dd"),
                     source=self.source.currentData(), reverses=self.reverses.value() if code == "reversal" else None,
                     **texts)

    def _amount(self, name: str):
        try:
            return parse_amount(self.fields[name].text())
        except ValueRefused as exc:
            label = _labels()[name][0]
            raise LedgerError(Message(f"{label}: {exc.message.zh}", f"{label}: {exc.message.en}"), "amount") \
                from None

    def revalidate(self, *_args) -> bool:
        """Check the entry against the ledger's rules now; the Post button follows the result."""
        if self.validator is None:
            self.message.setText(tr("Open a ledger first"))
            self.post_button.setEnabled(False)
            return False
        try:
            lines = self.validator(self.entry())
        except LedgerError as exc:
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(str(exc.message))
            self.post_button.setEnabled(False)
            return False
        self.message.setStyleSheet("color: #1b5e20")
        self.message.setText(tr("OK: {count} journal line(s) would be posted").format(count=len(lines)))
        self.post_button.setEnabled(True)
        self.changed.emit()
        return True

    def _post(self) -> None:
        if self.revalidate():
            self.post_requested.emit(self.entry())

    def clear_amounts(self) -> None:
        for name, _key in AMOUNT_KEYS:
            self.fields[name].clear()
