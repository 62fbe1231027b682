"""Deadlines of what the ledger owes: 预支 (advances), 承诺兑现 (commitments) and 周转指标 (turnover quota).

An ``advance`` entry is owed until repayments settle it (the oldest advance of the kind first, see
core/ledger/lots.py). Its term (``Entry.term``) says which: advance (default), commitment or turnover. Its due
date is the one the entry gave (``Entry.due_date``), else the rule of ``resources/ledger/deadlines.csv``:
advance: 31 December of the quota year + N years (``year_end_after``); turnover: the issue (value) date + N
years (``after_issue``; 29 February + 3 years is 28 February); commitment: no default (the entry must give
one). As of a date: *overdue* (due before it, still owed), *due* (due within the reminder window, default 90
days), *open* (due later), *settled* (nothing owed).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...constants import RESOURCES
from ..messages import Message
from ..values import ValueRefused, parse_date
from .errors import LedgerError
from .lots import TERMS, LotBook, main_component
from .model import KINDS, from_units

DEADLINE_TABLE = RESOURCES / "ledger" / "deadlines.csv"
STATUS = {"overdue": ("已逾期", "overdue"), "due": ("即将到期", "due"), "open": ("未到期", "open"),
          "settled": ("已结清", "settled"), "no_date": ("无到期日", "no due date")}


@dataclass(frozen=True)
class DeadlineRule:
    term: str
    due_rule: str  # year_end_after / after_issue / given
    value: int
    unit: str
    source: str


@dataclass(frozen=True)
class DeadlineRules:
    rules: dict
    window_days: int

    def due_date(self, term: str, date: str, year: int) -> str:
        """The due date the rule gives an advance of ``term`` dated ``date`` (quota year ``year``); '' if none."""
        rule = self.rules.get(term or "advance")
        if rule is None or rule.due_rule == "given":
            return ""
        if rule.due_rule == "year_end_after":
            return f"{int(year or date[:4]) + rule.value:04d}-12-31"
        if rule.due_rule == "after_issue":
            return add_years(date, rule.value) if rule.unit == "year" else \
                (dt.date.fromisoformat(date) + dt.timedelta(days=rule.value)).isoformat()
        raise LedgerError(Message("期限规则未知: {r}", "unknown deadline rule: {r}").format(r=rule.due_rule), "rules")


def add_years(date: str, years: int) -> str:
    """``date`` + ``years`` calendar years; 29 February becomes 28 February in a year without one."""
    day = dt.date.fromisoformat(date)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def read_deadline_rules(path: str | Path = DEADLINE_TABLE) -> DeadlineRules:
    """The deadline rule table (columns term, zh, en, due_rule, value, unit, source)."""
    rules, window = {}, 90
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                term, rule = row["term"].strip(), row["due_rule"].strip()
                value = int(row["value"]) if (row.get("value") or "").strip() else 0
                if rule == "window":
                    window = value
                    continue
                if rule not in ("year_end_after", "after_issue", "given") or term not in TERMS:
                    raise ValueError(f"term {term!r} / due_rule {rule!r}")
                rules[term] = DeadlineRule(term, rule, value, row["unit"].strip(), row["source"])
    except (OSError, KeyError, ValueError) as exc:
        raise LedgerError(Message("期限规则表 {p} 不可用: {e}", "deadline rule table {p} is unusable: {e}")
                          .format(p=path, e=exc), "rules") from None
    return DeadlineRules(rules, window)


def deadline_rows(book: LotBook, as_of: str = "", rules: DeadlineRules | None = None, within_days: int | None = None,
                  include_all: bool = False) -> list[dict]:
    """Per advance lot and kind: term, due date (and whether from the entry or the rule), advanced, repaid,
    outstanding (its main component: 亩, 耕地数量 for compensation), days left, status as of ``as_of`` (default
    today). Only overdue and due ones unless ``include_all``; the most urgent first."""
    rules = rules or read_deadline_rules()
    try:
        today = parse_date(as_of) if str(as_of or "").strip() else dt.date.today().isoformat()
    except ValueRefused as exc:
        raise LedgerError(Message("截止日期: {e}", "as-of date: {e2}").format(e=exc.message.zh, e2=exc.message.en),
                          "date") from None
    window = rules.window_days if within_days is None else int(within_days)
    horizon = (dt.date.fromisoformat(today) + dt.timedelta(days=window)).isoformat()
    rows = []
    for lot in book.lots.values():
        if lot.txn_type != "advance" or lot.reversed:
            continue
        for kind in KINDS:
            key = (kind, main_component(kind))
            advanced = lot.advanced.get(key, 0)
            if not advanced:
                continue
            outstanding = max(lot.owed.get(key, 0), 0)
            due = lot.due or rules.due_date(lot.term, lot.date, lot.year)
            if outstanding == 0:
                status = "settled"
            elif not due:
                status = "no_date"
            elif due < today:
                status = "overdue"
            elif due <= horizon:
                status = "due"
            else:
                status = "open"
            if not include_all and status not in ("overdue", "due", "no_date"):
                continue
            days = (dt.date.fromisoformat(due) - dt.date.fromisoformat(today)).days if due else None
            term = lot.term or "advance"
            rows.append({"lot_id": lot.lot_id, "entry_no": lot.entry_no, "term": term, "term_zh": TERMS[term][0],
                         "kind": kind, "kind_zh": KINDS[kind][0], "date": lot.date, "year": lot.year,
                         "due_date": due, "due_from": "entry" if lot.due else ("rule" if due else ""),
                         "advanced": from_units(advanced), "repaid": from_units(advanced - outstanding),
                         "outstanding": from_units(outstanding), "days_left": days, "status": status,
                         "status_zh": STATUS[status][0], "status_en": STATUS[status][1], "as_of": today,
                         "evidence": lot.evidence})
    order = {"overdue": 0, "no_date": 1, "due": 2, "open": 3, "settled": 4}
    rows.sort(key=lambda r: (order[r["status"]], r["due_date"] or "9999", r["entry_no"]))
    return rows


def deadline_line(row: dict) -> Message:
    """A sentence for a log or a statement: '预支 L8 计划指标 欠 400.00 亩, 到期 2020-12-31, 已逾期 (…)'."""
    unit = "亩"
    return Message("{tz} {lot}(分录 {e}) {kz}: 尚欠 {o} {u},到期 {d},{sz}",
                   "{te} {lot} (entry {e}) {ke}: {o} {u} owed, due {d}, {se}").format(
        tz=row["term_zh"], te=TERMS[row["term"]][1], lot=row["lot_id"], e=row["entry_no"], kz=row["kind_zh"],
        ke=KINDS[row["kind"]][1], o=row["outstanding"], u=unit, d=row["due_date"] or "-", sz=row["status_zh"],
        se=row["status_en"])

