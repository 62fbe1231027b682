"""Period statement: opening, in, out and closing per kind/component, plus the period's entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..messages import Message
from ..values import ValueRefused, parse_date
from .deadlines import deadline_rows
from .errors import LedgerError
from .lots import LotBook
from .model import COMPONENTS, KINDS, SOURCES, TXN_TYPES, from_units, line_keys


@dataclass
class StatementRow:
    kind: str
    component: str
    opening: Decimal
    inflow: Decimal
    outflow: Decimal
    closing: Decimal
    owed: Decimal  # owed on advances at the end of the period

    @property
    def label_zh(self) -> str:
        return f"{KINDS[self.kind][0]}·{COMPONENTS[self.component][0]}"

    @property
    def label_en(self) -> str:
        return f"{KINDS[self.kind][1]}: {COMPONENTS[self.component][1]}"

    @property
    def unit(self) -> str:
        return COMPONENTS[self.component][2]


@dataclass
class Statement:
    date_from: str
    date_to: str
    rows: list[StatementRow]
    entries: list[dict] = field(default_factory=list)  # journal lines dated within the period
    verified: bool = True
    ledger_uri: str = ""
    usage: list[dict] = field(default_factory=list)  # per project: allocated amounts up to date_to
    projects: list[dict] = field(default_factory=list)  # project polygons (WKB) of the projects in ``usage``
    receipt: str = ""  # the chain head when printed (entries-lines-hash): keep it to check the ledger later
    lots: list[dict] = field(default_factory=list)  # per lot and kind: in, drawn, left at date_to (LotBook.lot_rows)
    deadlines: list[dict] = field(default_factory=list)  # advances overdue or due as of date_to (deadline_rows)

    @property
    def deadline_line(self) -> str:
        """'预支/承诺兑现/周转: 2 项已逾期, 1 项即将到期 (截至 …)' in both languages, '' when nothing is due."""
        overdue = sum(1 for d in self.deadlines if d["status"] == "overdue")
        due = sum(1 for d in self.deadlines if d["status"] == "due")
        if not overdue and not due:
            return ""
        return (f"预支/承诺兑现/周转指标 截至 {self.date_to}: {overdue} 项已逾期, {due} 项即将到期 / advances, "
                f"commitments and turnover quota as of {self.date_to}: {overdue} overdue, {due} due")

    @property
    def receipt_line(self) -> str:
        return f"台账回执 ledger receipt: {self.receipt}" if self.receipt else ""


def _check_date(text: str, name: str) -> str:
    """A period bound read by core.values (``2024-03-01``, ``2024/3/1``, ``20240301``) in ISO form."""
    try:
        return parse_date(text)
    except ValueRefused as exc:
        raise LedgerError(Message("{n}: {e}", "{n}: {e2}").format(n=name, e=exc.message.zh, e2=exc.message.en),
                          "date") from None


def build_statement(ledger, date_from: str, date_to: str) -> Statement:
    """Opening (before ``date_from``), in and out (value dates within the period, both ends included), closing."""
    start, end = _check_date(date_from, "date_from"), _check_date(date_to, "date_to")
    if start > end:
        raise LedgerError(Message("起始日期晚于截止日期", "the start date is after the end date"), "date")
    sums = {(r[0], r[1]): r[2:] for r in ledger.store.period(start, end)}
    owed = {}
    for line in ledger.entries("value_date <= ?", (end,)):
        key = (line["kind"], line["component"])
        owed[key] = owed.get(key, 0) + line["owed"]
    rows = []
    for key in line_keys():
        opening, inflow, outflow, closing = (v or 0 for v in sums.get(key, (0, 0, 0, 0)))
        rows.append(StatementRow(key[0], key[1], from_units(opening), from_units(inflow), from_units(outflow),
                                 from_units(closing), from_units(owed.get(key, 0))))
    entries = ledger.entries("value_date >= ? AND value_date <= ?", (start, end))
    usage = project_usage(ledger, end)
    used = {u["project_id"] for u in usage}
    projects = [p for p in ledger.projects() if p["project_id"] in used and p["wkb"]]
    receipt = ledger.receipt()  # verified below: the printed head is part of the chain that was checked
    book = LotBook()
    for line in ledger.entries("value_date <= ?", (end,)):
        book.apply(line)
    return Statement(start, end, rows, entries, ledger.verify(receipt).ok, ledger.uri, usage, projects,
                     str(receipt), book.lot_rows(), deadline_rows(book, end))


def project_usage(ledger, date_to: str) -> list[dict]:
    """Per project (in order of first allocation): name, batch, town and the net amount allocated per
    (kind, component) up to ``date_to`` (allocations minus their reversals)."""
    usage: dict[str, dict] = {}
    for line in ledger.entries("project_id <> '' AND direction = 'out' AND txn_type IN ('allocation', 'reversal') "
                               "AND value_date <= ?", (date_to,)):
        row = usage.setdefault(line["project_id"], {"project_id": line["project_id"], "amounts": {},
                                                    "project_name": "", "batch_no": "", "town": ""})
        for name in ("project_name", "batch_no", "town"):
            row[name] = row[name] or line[name]
        key = (line["kind"], line["component"])
        row["amounts"][key] = row["amounts"].get(key, 0) - line["amount"]
    for row in usage.values():
        row["amounts"] = {k: from_units(v) for k, v in row["amounts"].items() if v}
    return [row for row in usage.values() if row["amounts"]]


ILLUSTRATIVE_MARKS = ("ILLUSTRATIVE", "示意")


def is_illustrative(line: dict) -> bool:
    """A journal line whose note says some of its values are illustrative (the demo's bureau transactions)."""
    note = str(line.get("note") or "")
    return any(mark in note.upper() for mark in ILLUSTRATIVE_MARKS)


ILLUSTRATIVE_NOTE = ("* 含示意数据：该分录的日期、批次、项目范围、价格等部分数值非原始记录（见备注）",
                     "* carries illustrative values: parts of the entry (dates, batch numbers, polygons, prices) are "
                     "not from the records (see its note)")


def describe_line(line: dict) -> tuple[str, str]:
    """Chinese and English descriptions of a journal line's type and source."""
    txn = TXN_TYPES[line["txn_type"]]
    source = SOURCES.get(line["source"], (line["source"], line["source"]))
    return f"{txn.zh}({source[0]})", f"{txn.en} ({source[1]})"
