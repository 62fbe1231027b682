"""The posting form of the ledger dock: one form for every transaction kind, validated as you type."""

from __future__ import annotations

from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...algorithms.ledger.common import quota_name
from ...core.ledger import KINDS, SOURCES, TERMS, TXN_TYPES, Entry, LedgerError, from_units
from ...core.ledger.lots import Lot, lot_meta
from ...core.messages import Message
from ...core.values import ValueRefused, parse_amount
from ...translation import in_language, tr

AMOUNT_KEYS = [("plan", ("plan", "area")), ("spatial", ("spatial", "area")),
               ("linkage", ("linkage_surplus", "area")), ("cultivated", ("compensation", "cultivated_area")),
               ("paddy", ("compensation", "paddy_area")), ("grain", ("compensation", "grain_capacity"))]
TEXT_KEYS = ["project_id", "project_name", "batch_no", "counterparty", "region", "price", "evidence", "town", "note",
             "lot_id", "grade", "due_date"]
_AMOUNTS = ["plan", "spatial", "linkage", "cultivated", "paddy", "grain"]
_TRADE = ["counterparty", "region", "price"]
_LOT = ["lot_id", "grade"]  # an inflow is a lot: its id, and for compensation quota its 耕地质量等别
# the fields each transaction type shows (the others are hidden)
VISIBLE = {
    "grant": _AMOUNTS + ["evidence", "town", "note"] + _LOT,
    "award": _AMOUNTS + ["evidence", "town", "note"] + _LOT,
    "advance": _AMOUNTS + ["evidence", "town", "note"] + _LOT + ["term", "due_date"],
    "repayment": _AMOUNTS + ["evidence", "note", "draw_from", "repays"],
    "purchase": _AMOUNTS + _TRADE + ["evidence", "note"] + _LOT,
    "reclamation_credit": ["linkage", "cultivated", "paddy", "grain", "project_id", "project_name", "evidence",
                           "town"] + _LOT,
    "allocation": _AMOUNTS + ["project_id", "project_name", "batch_no", "evidence", "town", "note", "draw_from"],
    "transfer_out": _AMOUNTS + _TRADE + ["evidence", "note", "draw_from"],
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
        "lot_id": (tr("Lot id"), tr("The lot (批次) this inflow makes, e.g. Purchase-2018 (empty: L + its entry "
                                    "number)")),
        "grade": (tr("Grade (耕地质量等别)"), tr("Quality grade (耕地质量等别) 1-15 of compensation quota, where "
                                             "known (empty: not known)")),
        "due_date": (tr("Due date"), tr("The date the advance must be repaid or fulfilled by, e.g. 2024-12-31 "
                                        "(empty: from the deadline rules; a commitment needs one)")),
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
        self._add_lot_widgets(form)
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
        for widget in (self.source, self.year, self.date, self.reverses, self.term, self.repays):
            signal = getattr(widget, "currentIndexChanged", None) or getattr(widget, "valueChanged", None) \
                or widget.dateChanged
            signal.connect(self.revalidate)
        self._txn_changed()

    def _add_lot_widgets(self, form: QFormLayout) -> None:
        """An advance's term; the lots an outflow draws on; the advance a repayment repays."""
        self.book = None  # the ledger's lots (core.ledger.lots.LotBook), from set_lots
        self.term = QComboBox(self)
        self.term.setObjectName("ledgerTerm")
        self.term.setToolTip(tr("What the advance is: an advance (预支; repaid by the end of the next quota year "
                                "unless its due date says otherwise), a commitment (承诺兑现; needs its due date) or "
                                "turnover quota (周转指标; returned within 3 years)"))
        for code, (zh, en) in TERMS.items():
            self.term.addItem(in_language(zh, en), code)
        form.addRow(tr("Advance term"), self.term)
        self.draw_list = QListWidget(self)
        self.draw_list.setObjectName("ledgerDrawFrom")
        self.draw_list.setToolTip(tr("The lots to draw on, ticked, in the list's order (drag to reorder); none "
                                     "ticked: the oldest lots first"))
        self.draw_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.draw_list.setMaximumHeight(120)
        self.draw_list.itemChanged.connect(self.revalidate)
        self.draw_list.model().rowsMoved.connect(self.revalidate)
        form.addRow(tr("Lots to draw on"), self.draw_list)
        self.repays = QComboBox(self)
        self.repays.setObjectName("ledgerRepays")
        self.repays.setToolTip(tr("The advance this repayment settles (default: the oldest open advance of the "
                                  "kind)"))
        form.addRow(tr("Advance repaid"), self.repays)
        self.lot_widgets = {"term": self.term, "draw_from": self.draw_list, "repays": self.repays}
        self.set_lots(None)

    def set_lots(self, book) -> None:
        """The ledger's lots (a LotBook, or None): those with something left to draw on, the oldest first, and
        the advances still owed for a repayment to name; ticks and the chosen advance are kept where they still
        apply."""
        self.book = book
        ticked = self.chosen_lots()
        repays = self.repays.currentData()
        lots = sorted(book.lots.values(), key=Lot.order) if book is not None else []
        self.draw_list.blockSignals(True)
        self.draw_list.clear()
        for lot in lots:
            text = _lot_left_text(lot)
            if lot.reversed or not text:
                continue
            item = QListWidgetItem(f"{lot.lot_id} ({lot.date}): {text}", self.draw_list)
            item.setData(Qt.ItemDataRole.UserRole, lot.lot_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if lot.lot_id in ticked else Qt.CheckState.Unchecked)
        self.draw_list.blockSignals(False)
        self.repays.blockSignals(True)
        self.repays.clear()
        self.repays.addItem(tr("The oldest open advance"), "")
        for lot in lots:
            owed = [(key, units) for key, units in lot.owed.items() if units > 0 and key[1] == KINDS[key[0]][2][0]]
            if lot.txn_type == "advance" and not lot.reversed and owed:
                kinds = ", ".join(f"{in_language(*KINDS[key[0]][:2])} {from_units(units):,.2f}" for key, units in owed)
                self.repays.addItem(tr("{lot} ({date}): owes {owed}").format(lot=lot.lot_id, date=lot.date,
                                                                            owed=kinds), lot.lot_id)
        self.repays.setCurrentIndex(max(self.repays.findData(repays), 0))
        self.repays.blockSignals(False)

    def chosen_lots(self) -> tuple:
        """The ticked lots in the list's order (empty: the oldest first)."""
        items = (self.draw_list.item(i) for i in range(self.draw_list.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items
                     if item.checkState() == Qt.CheckState.Checked)

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
        for key, widget in list(self.fields.items()) + [("reverses", self.reverses)] + list(self.lot_widgets.items()):
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
        shown = VISIBLE[code]
        term = self.term.currentData() if "term" in shown else ""
        return Entry(code, amounts, year=self.year.value(), value_date=self.date.date().toString("yyyy-MM-dd"),
                     source=self.source.currentData(), reverses=self.reverses.value() if code == "reversal" else None,
                     term="" if term == "advance" else term,  # the default: nothing to record
                     draw_from=self.chosen_lots() if "draw_from" in shown else (),
                     repays=(self.repays.currentData() or "") if "repays" in shown else "", **texts)

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
        text = tr("OK: {count} journal line(s) would be posted").format(count=len(lines))
        drawn = self.draws_text(lines)
        self.message.setText(text + ("\n" + drawn if drawn else ""))
        self.post_button.setEnabled(True)
        self.changed.emit()
        return True

    def _post(self) -> None:
        if self.revalidate():
            self.post_requested.emit(self.entry())

    def draws_text(self, lines: list[dict]) -> str:
        """What a dry run's lines would draw, per quota, and the advance a repayment would settle."""
        parts, settles = [], []
        for line in lines:
            meta = lot_meta(line.get("lot"))
            draws = meta.get("draws") or []
            if draws:
                parts.append(quota_name(line["kind"], line["component"]) + ": " + ", ".join(
                    f"{lot_id} {from_units(units):,.2f}" for lot_id, units in draws))
            if line["txn_type"] == "repayment" and line["owed"]:
                named = meta.get("repays") or self._oldest_owing((line["kind"], line["component"]))
                if named and named not in settles:
                    settles.append(named)
        text = tr("Lots it would draw: {draws}").format(draws="; ".join(parts)) if parts else ""
        if settles:
            text += ("\n" if text else "") + tr("Repays the advance {lot}").format(lot=", ".join(settles))
        return text

    def _oldest_owing(self, key) -> str:
        """The advance a repayment without a name settles first: the oldest still owing on ``key``."""
        if self.book is None:
            return ""
        owing = [lot for lot in self.book.lots.values() if lot.owed.get(key, 0) > 0]
        return min(owing, key=Lot.order).lot_id if owing else ""

    def clear_amounts(self) -> None:
        """After a posting: the amounts, the lot id, the ticked lots and the advance named are cleared."""
        for name, _key in AMOUNT_KEYS:
            self.fields[name].clear()
        self.fields["lot_id"].clear()
        for i in range(self.draw_list.count()):
            self.draw_list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.repays.setCurrentIndex(0)


def _lot_left_text(lot: Lot) -> str:
    """What a lot has left, per quota kind in the interface's language ('' : nothing left)."""
    parts = []
    for kind, (zh, en, comps) in KINDS.items():
        left = [lot.remaining((kind, comp)) for comp in comps]
        if not any(units > 0 for units in left):
            continue
        text = f"{in_language(zh, en)} {from_units(left[0]):,.2f}"
        if kind == "compensation":
            text += " " + tr("(paddy {paddy}, grain {grain} kg)").format(paddy=f"{from_units(left[1]):,.2f}",
                                                                         grain=f"{from_units(left[2]):,.0f}")
        parts.append(text)
    return "; ".join(parts)
