"""Lots of the quota ledger: every inflow entry is a lot, every outflow draws on lots.

A lot is one inflow entry (grant, award, advance, purchase, reclamation credit): its id (given, or
``L<entry number>``), date (the entry's value date), amounts per (kind, component) - a purchase of linkage
surplus that came with spatial quota is one lot holding both -, and for compensation quota its 耕地数量,
水田规模 and 粮食产能 and, where known, its 耕地质量等别 (grade). An outflow (allocation, repayment, transfer out)
takes each of its (kind, component) amounts from lots: the lots it names (``Entry.draw_from``, in that order),
else the oldest first (FIFO by the lot's date, then entry number). Each component is drawn on its own
(补充耕地 数量、水田、产能 are accounted separately): a draw never exceeds the lot's remaining amount of that
component. A reversal gives back what the reversed entry drew.

Where the draws are kept: each journal line carries a ``lot`` column (JSON, hash-chained with the line):
inflow lines ``{"lot": id, "grade": ..., "term": ..., "due": ...}``, outflow lines ``{"draws": [[id, units],
...]}`` (a repayment that names its advance adds ``"repays": id``; else it settles the oldest advance first).
Lines written before lots existed have ``lot = ''``: their inflow is lot ``L<entry number>`` and their draws are
computed on read, oldest first, exactly as a posting now would have drawn them. :class:`LotBook`
replays the journal line by line (in seq order) into the lots; :func:`plan_draws` answers "which lots would
this need draw" without changing anything.
"""

from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from ..messages import Message
from .model import KINDS, from_units, to_units

LOT_ID_PATTERN = re.compile(r"L\d+")  # the ids of lots without one of their own
TERMS: dict[str, tuple[str, str]] = {  # what an advance entry is: owed until repaid / fulfilled
    "advance": ("预支", "advance"),
    "commitment": ("承诺兑现", "commitment"),
    "turnover": ("周转指标", "turnover quota"),
}


def main_component(kind: str) -> str:
    """The component that measures a lot of ``kind``: 'cultivated_area' for compensation, else 'area'."""
    return KINDS[kind][2][0]


def default_lot_id(entry_no: int) -> str:
    return f"L{int(entry_no)}"


def lot_meta(text) -> dict:
    """The lot data of a journal line ({} for a line written before lots, or without any)."""
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def lot_text(meta: dict) -> str:
    """Canonical JSON of a line's lot data (sorted keys, no blanks): what is hashed."""
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":")) if meta else ""


class Lot:
    """One inflow entry as a lot; amounts in units (0.0001 亩 or kg) per (kind, component).

    ``initial``, ``drawn``: per key; ``owed``: advances, what is still owed (repayments settle the oldest
    first); ``advanced``: what was owed at first; ``term``: advance / commitment / turnover; ``due``: the due date
    the entry gave ('' : from the deadline rules). A plain class with slots: a ledger replays one per inflow.
    """

    __slots__ = ("lot_id", "entry_no", "date", "txn_type", "source", "year", "project_id", "evidence", "grade",
                 "term", "due", "initial", "drawn", "owed", "advanced", "reversed")

    def __init__(self, lot_id: str, entry_no: int, date: str, txn_type: str, source: str, year: int,
                 project_id: str = "", evidence: str = "", grade: int | None = None, term: str = "", due: str = ""):
        self.lot_id, self.entry_no, self.date, self.txn_type = lot_id, entry_no, date, txn_type
        self.source, self.year, self.project_id, self.evidence = source, year, project_id, evidence
        self.grade, self.term, self.due = grade, term, due
        self.initial: dict = {}
        self.drawn: dict = {}
        self.owed: dict = {}
        self.advanced: dict = {}
        self.reversed = False

    def remaining(self, key) -> int:
        return self.initial.get(key, 0) - self.drawn.get(key, 0)

    def order(self) -> tuple:
        return (self.date, self.entry_no)


@dataclass
class Draw:
    """What an outflow takes (or would take) from one lot: amounts as Decimal (亩, kg)."""

    lot_id: str
    kind: str
    date: str
    area: Decimal = Decimal(0)  # the kind's main component (耕地数量 for compensation)
    paddy: Decimal = Decimal(0)
    capacity: Decimal = Decimal(0)
    grade: int | None = None


class LotBook:
    """The lots of a ledger, built by replaying its journal lines in seq order (:meth:`apply`)."""

    def __init__(self):
        self.lots: dict[str, Lot] = {}
        self.by_entry: dict[int, str] = {}  # inflow entry -> lot id
        self.draws: dict[int, list[list]] = {}  # outflow entry -> [[lot id, key, units], ...]
        self.settled: dict[int, list[list]] = {}  # repayment entry -> [[lot id, key, units], ...]
        self.problems: list[tuple[int, int, Message]] = []  # (seq, entry, why): recorded draws that do not fit
        self.seq = 0
        self.hash = ""
        # key -> heap of (date, entry_no, lot id) of the lots that may have something left (an exhausted one
        # leaves when it reaches the top; a reversal that gives something back puts it in again)
        self._queues: dict[tuple, list[tuple]] = {}
        self._queued: set[tuple] = set()  # (key, lot id) in its heap

    # -- replay ---------------------------------------------------------------------------------------------
    def apply(self, row: dict) -> None:
        """Add one journal line (a dict with the journal's columns, ``lot`` included or '')."""
        self.seq, self.hash = int(row["seq"]), row.get("hash") or ""
        try:
            meta = lot_meta(row.get("lot"))
        except ValueError:
            self._problem(row, Message("第 {seq} 行的批次数据不是有效的 JSON", "line {seq}: its lot data is not "
                                       "valid JSON").format(seq=row["seq"]))
            meta = {}
        key = (row["kind"], row["component"])
        if row["txn_type"] == "reversal":
            self._apply_reversal(row, key)
        elif row["direction"] == "in":
            self._apply_inflow(row, key, meta)
        else:
            self._apply_outflow(row, key, meta)

    def _problem(self, row: dict, message: Message) -> None:
        self.problems.append((int(row["seq"]), int(row["entry_no"]), message))

    def _apply_inflow(self, row: dict, key, meta: dict) -> None:
        entry_no = int(row["entry_no"])
        lot_id = str(meta.get("lot") or default_lot_id(entry_no))
        lot = self.lots.get(lot_id)
        if lot is None:
            grade = meta.get("grade")
            lot = Lot(lot_id, entry_no, row["value_date"], row["txn_type"], row["source"], int(row["year"]),
                      row.get("project_id") or "", row.get("evidence") or "",
                      int(grade) if grade not in (None, "") else None,
                      str(meta.get("term") or ("advance" if row["txn_type"] == "advance" else "")),
                      str(meta.get("due") or ""))
            self.lots[lot_id] = lot
            self.by_entry[entry_no] = lot_id
        elif lot.entry_no != entry_no:
            self._problem(row, Message("批次号 {lot} 重复(分录 {a} 和 {b})", "lot id {lot} is used twice (entries "
                                       "{a} and {b})").format(lot=lot_id, a=lot.entry_no, b=entry_no))
            return
        lot.initial[key] = lot.initial.get(key, 0) + int(row["amount"])
        if row["owed"]:
            lot.owed[key] = lot.owed.get(key, 0) + int(row["owed"])
            lot.advanced[key] = lot.advanced.get(key, 0) + int(row["owed"])
        self._enqueue(key, lot)

    def _apply_outflow(self, row: dict, key, meta: dict) -> None:
        entry_no, units = int(row["entry_no"]), -int(row["amount"])
        if "draws" in meta:
            taken = [(str(lot_id), int(amount)) for lot_id, amount in meta["draws"]]
            per_lot: dict[str, int] = {}  # a lot named twice in one line is judged on its total draw
            for lot_id, amount in taken:
                per_lot[lot_id] = per_lot.get(lot_id, 0) + amount
            for lot_id, amount in taken:
                lot = self.lots.get(lot_id)
                if lot is None or amount <= 0 or per_lot[lot_id] > lot.remaining(key):
                    self._problem(row, Message(
                        "第 {seq} 行(分录 {e})从批次 {lot} 取 {a},超过其余额", "line {seq} (entry {e}) draws {a} from "
                        "lot {lot}, more than it has left").format(seq=row["seq"], e=entry_no, lot=lot_id,
                                                                   a=from_units(amount)))
            if sum(a for _, a in taken) != units:
                self._problem(row, Message("第 {seq} 行(分录 {e})的批次取数之和不等于其数量",
                                           "line {seq} (entry {e}): its draws do not add up to its amount")
                              .format(seq=row["seq"], e=entry_no))
        else:
            taken, _short = self.take_order(key, units)  # a line written before lots: oldest first, on read
        for lot_id, amount in taken:
            lot = self.lots.get(lot_id)
            if lot is not None:
                lot.drawn[key] = lot.drawn.get(key, 0) + amount
            self.draws.setdefault(entry_no, []).append([lot_id, key, amount])
        if row["owed"]:
            self._settle(row, key, -int(row["owed"]), str(meta.get("repays") or ""))

    def _settle(self, row: dict, key, units: int, named: str = "") -> None:
        """A repayment settles what is owed on advances of ``key``: the advance it names, else the oldest
        advance first (a named advance owing less than the repayment is a problem for ``verify``)."""
        entry_no = int(row["entry_no"])
        order = sorted((lot for lot in self.lots.values() if lot.owed.get(key, 0) > 0), key=Lot.order)
        if named:
            lot = self.lots.get(named)
            if lot is None or lot.owed.get(key, 0) < units:
                self._problem(row, Message("第 {seq} 行(分录 {e})归还预支 {lot} 超过其所欠",
                                           "line {seq} (entry {e}) repays more than advance {lot} owes")
                              .format(seq=row["seq"], e=entry_no, lot=named))
            order = ([lot] if lot is not None else []) + [other for other in order if other is not lot]
        for lot in order:
            if units <= 0:
                break
            part = min(units, lot.owed.get(key, 0))
            if part <= 0:
                continue
            lot.owed[key] -= part
            units -= part
            self.settled.setdefault(entry_no, []).append([lot.lot_id, key, part])

    def _apply_reversal(self, row: dict, key) -> None:
        original = int(row["reverses"])
        lot_id = self.by_entry.get(original)
        if lot_id is not None:  # a reversed inflow: its lot is emptied
            lot = self.lots[lot_id]
            lot.initial[key] = lot.initial.get(key, 0) + int(row["amount"])
            lot.owed[key] = lot.owed.get(key, 0) + int(row["owed"])
            lot.reversed = True
            return
        for draw in self.draws.get(original, []):  # a reversed outflow gives back what it drew
            if draw[1] == key and draw[2]:
                lot = self.lots.get(draw[0])
                if lot is not None:
                    lot.drawn[key] = lot.drawn.get(key, 0) - draw[2]
                    self._requeue(key, lot)
                draw[2] = 0
        for settle in self.settled.get(original, []):
            if settle[1] == key and settle[2]:
                lot = self.lots.get(settle[0])
                if lot is not None:
                    lot.owed[key] = lot.owed.get(key, 0) + settle[2]
                settle[2] = 0

    def _enqueue(self, key, lot: Lot) -> None:
        if (key, lot.lot_id) not in self._queued and lot.remaining(key) > 0:
            heapq.heappush(self._queues.setdefault(key, []), (lot.date, lot.entry_no, lot.lot_id))
            self._queued.add((key, lot.lot_id))

    _requeue = _enqueue

    # -- drawing --------------------------------------------------------------------------------------------
    def candidates(self, key, chosen=None):
        """Lots of ``key`` with something left: the chosen ones in their order, else the oldest first."""
        if chosen:
            for lot_id in dict.fromkeys(chosen):  # each lot once, in the order first named
                lot = self.lots.get(lot_id)
                if lot is not None and lot.remaining(key) > 0:
                    yield lot
            return
        heap = self._queues.get(key, [])
        while heap and self.lots[heap[0][2]].remaining(key) <= 0:  # exhausted lots leave from the top
            self._queued.discard((key, heapq.heappop(heap)[2]))
        frontier = [(heap[0], 0)] if heap else []
        while frontier:  # the heap's items in order, without popping them: O(k log k) for the first k lots
            item, index = heapq.heappop(frontier)
            lot = self.lots[item[2]]
            if lot.remaining(key) > 0:
                yield lot
            for child in (2 * index + 1, 2 * index + 2):
                if child < len(heap):
                    heapq.heappush(frontier, (heap[child], child))

    def take_order(self, key, units: int, chosen=None, less: dict | None = None) -> tuple[list[tuple[str, int]], int]:
        """[(lot id, units)] that ``units`` of ``key`` would draw, and the units short (nothing changes).

        ``less``: {(lot id, key): units} already promised elsewhere in a what-if (the allocation check drawing
        for several projects in turn), taken off what those lots have left."""
        taken = []
        for lot in self.candidates(key, chosen):
            if units <= 0:
                break
            have = lot.remaining(key) - (less.get((lot.lot_id, key), 0) if less else 0)
            if have <= 0:
                continue
            part = min(units, have)
            taken.append((lot.lot_id, part))
            units -= part
        return taken, max(units, 0)

    # -- reading --------------------------------------------------------------------------------------------
    def lot_rows(self) -> list[dict]:
        """One row per lot and quota kind: initial, drawn and remaining per component (Decimal), oldest first."""
        rows = []
        for lot in sorted(self.lots.values(), key=Lot.order):
            kinds = [k for k in KINDS if any(key[0] == k for key in lot.initial)]
            for kind in kinds:
                comps = KINDS[kind][2]
                row = {"lot_id": lot.lot_id, "entry_no": lot.entry_no, "date": lot.date, "txn_type": lot.txn_type,
                       "source": lot.source, "year": lot.year, "kind": kind, "grade": lot.grade, "term": lot.term,
                       "project_id": lot.project_id, "evidence": lot.evidence, "reversed": lot.reversed,
                       "attached": {k: from_units(lot.initial.get((k, main_component(k)), 0))
                                    for k in kinds if k != kind}}
                for name, comp in zip(("area", "paddy", "capacity"), (comps + (None, None))[:3]):
                    key = (kind, comp)
                    row[f"{name}_in"] = from_units(lot.initial.get(key, 0)) if comp else Decimal(0)
                    row[f"{name}_drawn"] = from_units(lot.drawn.get(key, 0)) if comp else Decimal(0)
                    row[f"{name}_left"] = from_units(lot.remaining(key)) if comp else Decimal(0)
                row["owed"] = from_units(lot.owed.get((kind, main_component(kind)), 0))
                rows.append(row)
        return rows

    def entry_draws(self, entry_no: int) -> list[tuple[str, str, str, Decimal]]:
        """(lot id, kind, component, amount) drawn by an outflow entry (nothing once it is reversed)."""
        return [(d[0], d[1][0], d[1][1], from_units(d[2])) for d in self.draws.get(int(entry_no), []) if d[2]]


def plan_draws(book: LotBook, quota_type: str, area_mu, paddy_mu=0, capacity_kg=0,
               chosen_lots=None) -> tuple[list[Draw], dict[str, Decimal]]:
    """Which lots a need of ``quota_type`` would draw now: (draws, shortfall). Pure: ``book`` is not changed.

    ``area_mu``: the kind's main component (耕地数量 for 'compensation', else its area), 亩; ``paddy_mu`` (亩) and
    ``capacity_kg`` (kg) only for compensation. Each component is drawn on its own, from ``chosen_lots`` in
    that order when given, else the oldest lots first; a draw never exceeds what a lot has left. ``shortfall``
    maps 'area' / 'paddy' / 'capacity' to what no lot can give (only the components that fall short).
    Amounts: Decimal, int or numeric text (floats are refused, as everywhere in the ledger).
    """
    if quota_type not in KINDS:
        raise ValueError(f"unknown quota kind {quota_type}")
    comps = KINDS[quota_type][2]
    wanted = [("area", comps[0], area_mu)]
    if quota_type == "compensation":
        wanted += [("paddy", "paddy_area", paddy_mu), ("capacity", "grain_capacity", capacity_kg)]
    elif to_units(paddy_mu or 0) or to_units(capacity_kg or 0):
        raise ValueError(f"{quota_type} quota has no paddy area or grain capacity")
    draws: dict[str, Draw] = {}
    shortfall: dict[str, Decimal] = {}
    chosen = list(chosen_lots) if chosen_lots else None
    for name, comp, amount in wanted:
        taken, short = book.take_order((quota_type, comp), to_units(amount or 0), chosen)
        for lot_id, units in taken:
            lot = book.lots[lot_id]
            draw = draws.setdefault(lot_id, Draw(lot_id, quota_type, lot.date, grade=lot.grade))
            setattr(draw, name, from_units(units))
        if short:
            shortfall[name] = from_units(short)
    ordered = sorted(draws.values(), key=lambda d: (chosen.index(d.lot_id) if chosen else 0,
                                                    book.lots[d.lot_id].order()))
    return ordered, shortfall


class LotDrawer:
    """Which lots successive amounts would be drawn from, each taking what the ones before left (a what-if:
    the book is not changed). Called as ``drawer(kind, component, amount)`` (Decimal, 亩 or kg), it returns
    the lots oldest first as a posting would draw them (``'L2 15.00; L4 1.00'``, lot and amount; ids and
    numbers only, the same in every language) - the pre-check's ``lots`` seam (core/precheck.py ``coverage``).
    ``taken``: every call's (lot id, kind, component, amount) in order."""

    def __init__(self, book: LotBook):
        self.book = book
        self.promised: dict = {}  # (lot id, key) -> units the amounts before took from that lot
        self.taken: list[tuple[str, str, str, Decimal]] = []

    def __call__(self, kind: str, component: str, amount) -> str:
        key = (kind, component)
        taken, _short = self.book.take_order(key, to_units(amount), less=self.promised)
        for lot_id, units in taken:
            self.promised[(lot_id, key)] = self.promised.get((lot_id, key), 0) + units
            self.taken.append((lot_id, kind, component, from_units(units)))
        return "; ".join(f"{lot_id} {from_units(units):.2f}" for lot_id, units in taken)


def draws_text(draws: list[Draw]) -> str:
    """'L3 12.50亩 (水田 2.00, 产能 800); L7 3.00亩' for a table cell or a log line."""
    parts = []
    for d in draws:
        extra = [f"水田 {d.paddy:.2f}" if d.paddy else "", f"产能 {d.capacity:.0f}" if d.capacity else ""]
        extra = [e for e in extra if e]
        parts.append(f"{d.lot_id} {d.area:.2f}亩" + (f" ({', '.join(extra)})" if extra else ""))
    return "; ".join(parts)
