"""Quota kinds, components, sources, transaction types and exact amounts of the quota ledger.

Amounts are stored as integers of 0.0001 (亩, or kg for grain capacity): never floats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Message
from ..values import ValueRefused, parse_amount
from .errors import LedgerError

SCALE = 10_000  # stored units per 亩 (or per kg)
QUANTUM = Decimal("0.0001")

# quota kind -> (Chinese name, English name, components)
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "plan": ("新增建设用地计划指标", "annual plan quota", ("area",)),
    "spatial": ("规划空间指标", "spatial (planning-scale) quota", ("area",)),
    "compensation": ("补充耕地指标", "cultivated-land compensation quota",
                     ("cultivated_area", "paddy_area", "grain_capacity")),
    "linkage_surplus": ("城乡建设用地增减挂钩节余指标", "linkage surplus quota", ("area",)),
}
COMPONENTS: dict[str, tuple[str, str, str]] = {  # component -> (Chinese, English, unit)
    "area": ("面积", "area", "亩"),
    "cultivated_area": ("耕地数量", "cultivated area", "亩"),
    "paddy_area": ("水田规模", "paddy area", "亩"),
    "grain_capacity": ("粮食产能", "grain capacity", "kg"),
}
SOURCES: dict[str, tuple[str, str]] = {
    "grant": ("下达", "granted"),
    "award": ("奖励", "award"),
    "advance": ("预支", "advance"),
    "purchase": ("购入", "purchased"),
    "reclamation": ("复垦", "reclamation"),
    "revitalization": ("盘活", "revitalised"),
    "": ("未指定", "unspecified"),
}


@dataclass(frozen=True)
class TxnType:
    """A transaction type: direction ('in' adds to the balance, 'out' takes from it) and what it needs."""

    code: str
    zh: str
    en: str
    direction: str
    sources: tuple[str, ...]  # allowed source tags; the first is the default
    required: tuple[str, ...] = ()


TXN_TYPES: dict[str, TxnType] = {t.code: t for t in (
    TxnType("grant", "下达", "grant", "in", ("grant", "revitalization")),
    TxnType("award", "奖励", "award", "in", ("award",)),
    TxnType("advance", "预支", "advance", "in", ("advance",), ("evidence",)),
    TxnType("repayment", "归还预支", "advance repayment", "out", ("advance",)),
    TxnType("purchase", "购入", "purchase", "in", ("purchase",), ("counterparty", "region", "price")),
    TxnType("reclamation_credit", "复垦入库", "reclamation credit", "in", ("reclamation",), ("project_id",)),
    TxnType("allocation", "项目使用", "allocation to a project", "out",
            ("", "grant", "award", "advance", "purchase", "reclamation", "revitalization"),
            ("project_id", "batch_no")),
    TxnType("transfer_out", "调出", "sale / transfer out", "out", ("",), ("counterparty", "region", "price")),
    TxnType("reversal", "冲正", "reversal", "", ("",), ("reverses",)),
)}


def to_units(value, what: str | tuple[str, str] = "amount") -> int:
    """An exact amount (Decimal, int or typed text, read by core.values.parse_amount: ``12,5`` is 12.5) to
    integer units of 0.0001; floats, more than 4 decimals and anything parse_amount refuses are refused.

    ``what`` names the amount in messages: one text, or its (Chinese, English) words.
    """
    zh_what, en_what = what if isinstance(what, tuple) else (what, what)
    try:
        number = parse_amount(value, places=4)
    except ValueRefused as exc:
        code = "amount_float" if isinstance(value, float) else (
            "amount_precision" if "decimals" in exc.message.en else "amount_invalid")
        raise LedgerError(Message("金额 " + zh_what + ": " + exc.message.zh,
                                  "amount " + en_what + ": " + exc.message.en), code) from None
    return int(number * SCALE)


def from_units(units: int) -> Decimal:
    """Integer units back to an exact Decimal with 4 decimals."""
    return (Decimal(int(units)) / SCALE).quantize(QUANTUM)


def line_keys() -> list[tuple[str, str]]:
    """Every (kind, component) pair in display order."""
    return [(kind, comp) for kind, (_, _, comps) in KINDS.items() for comp in comps]


@dataclass
class Entry:
    """A transaction to post: type, magnitudes per (kind, component) (positive), and its particulars.

    Reversals give only ``reverses`` (the original entry number) and ``evidence``/``note``.
    """

    txn_type: str
    amounts: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    year: int = 0
    value_date: str = ""  # ISO date; today if empty
    source: str | None = None
    project_id: str = ""
    project_name: str = ""
    batch_no: str = ""
    counterparty: str = ""
    region: str = ""
    price: str = ""  # total price in 元, kept as exact text
    evidence: str = ""
    town: str = ""
    note: str = ""
    reverses: int | None = None
    geometry: object = None  # shapely (Multi)Polygon in EPSG:4549, allocations only
    # lots (core/ledger/lots.py): an inflow is a lot; an outflow draws on lots
    lot_id: str = ""  # inflows: the lot's id (default L<entry number>)
    grade: str = ""  # inflows of compensation quota: 耕地质量等别 1-15 where known
    due_date: str = ""  # advances: the date it must be repaid / fulfilled by (default from the deadline rules)
    term: str = ""  # advances: advance (预支, default), commitment (承诺兑现) or turnover (周转指标)
    draw_from: tuple = ()  # outflows: the lot ids to draw on, in this order (default: oldest first)
    repays: str = ""  # repayments: the lot id of the advance repaid (default: the oldest open advance of the kind)

    def has_lot_details(self) -> bool:
        return bool(self.lot_id or self.grade or self.due_date or self.term or self.draw_from or self.repays)

    def resolved_date(self) -> str:
        return self.value_date or dt.date.today().isoformat()


# the stored journal columns, in hash order (hash itself excluded)
JOURNAL_COLUMNS: tuple[str, ...] = (
    "seq", "entry_no", "line_no", "txn_type", "direction", "kind", "component", "source", "amount", "owed",
    "year", "value_date", "project_id", "project_name", "batch_no", "counterparty", "region", "price",
    "evidence", "town", "reverses", "note", "geometry_sha", "created_at", "prev_hash",
)
# the lot column (JSON; '' on every line written before lots): hashed after the columns above when not empty,
# so a line without lot data hashes as it always did
LOT_COLUMN = "lot"
INT_COLUMNS = {"seq", "entry_no", "line_no", "amount", "owed", "year", "reverses"}
