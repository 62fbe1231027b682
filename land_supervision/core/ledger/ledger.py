"""The Ledger: post entries (rules + hash chain, atomically), read balances and statements, verify."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .chain import Receipt, VerifyResult, line_hash, verify_projects, verify_rows
from .deadlines import DeadlineRules, deadline_rows, read_deadline_rules
from .errors import LedgerCanceled, LedgerChanged, LedgerError
from .lots import Draw, LotBook, plan_draws
from .model import KINDS, Entry, from_units, line_keys
from .rules import credit_entry, plan_lines
from .store import SqlStore, WriteTxn, utc_now


@dataclass
class Posted:
    """The result of a posting: the entry number and its journal lines."""

    entry_no: int
    lines: list[dict]


@dataclass
class Balance:
    kind: str
    component: str
    balance: Decimal
    owed: Decimal

    @property
    def net(self) -> Decimal:
        """Balance net of what is owed on advances (negative when advanced quota has been used)."""
        return self.balance - self.owed


def _without_lots(entry: Entry, lines: list[dict]) -> None:
    """A ledger whose journal has no lot column yet (made before lots, opened by a user who may not add it):
    an entry without lot details posts as before (its draws are the ones computed on read, oldest first)."""
    if entry.has_lot_details():
        from ..messages import Message

        raise LedgerError(Message("该台账尚无批次列(由旧版本创建):请台账所有者打开一次以添加,之后才能记录批次号、等别、"
                                  "期限或指定批次", "this ledger has no lot column yet (made by an earlier version): "
                                  "its owner must open it once to add it before lot ids, grades, terms or chosen lots "
                                  "can be recorded"), "lots")
    for line in lines:
        line.pop("lot", None)


class Ledger:
    """A quota ledger over one store (GeoPackage or PostgreSQL). There is no update or delete method."""

    def __init__(self, store: SqlStore):
        self.store = store

    @property
    def uri(self) -> str:
        return self.store.uri

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- posting -------------------------------------------------------------------------------------------
    def post(self, entry: Entry) -> Posted:
        """Check ``entry`` against every rule under the store's write lock and append it, or raise."""
        return self.post_many([entry])[0]

    def post_many(self, entries: list[Entry], progress=None, is_canceled=None,
                  expect: Receipt | None = None) -> list[Posted]:
        """Post several entries in one transaction: all are appended or none (the first refusal raises).

        ``progress(done, total)`` is called every 500 entries; ``is_canceled()`` true before the commit raises
        :class:`LedgerCanceled` and rolls everything back. ``expect``: the :meth:`receipt` the entries' amounts
        were worked out on; another posting since then raises :class:`LedgerChanged` under the write lock
        (nothing written; see :meth:`post_planned`).
        """
        posted = []
        with self.store.write() as txn:
            seq, entry_no, prev = txn.last()
            if expect is not None and (entry_no, seq, prev) != (expect.entries, expect.lines, expect.hash):
                raise LedgerChanged()
            for index, entry in enumerate(entries):
                if index % 500 == 0:
                    if is_canceled is not None and is_canceled():
                        raise LedgerCanceled()
                    if progress is not None:
                        progress(index, len(entries))
                try:
                    lines = plan_lines(entry, txn)
                    if not self.store.has_lots:
                        _without_lots(entry, lines)
                except LedgerError as exc:
                    exc.entry_index = index  # which entry of the batch was refused (row numbers on import)
                    raise
                entry_no += 1
                now = utc_now()
                for line_no, line in enumerate(lines, start=1):
                    seq += 1
                    line.update(seq=seq, entry_no=entry_no, line_no=line_no, created_at=now, prev_hash=prev)
                    line["hash"] = prev = line_hash(line)
                txn.append(lines)  # written inside the open transaction: visible to the next entry's rules
                if entry.txn_type == "allocation" and entry.project_id and entry.geometry is not None:
                    txn.add_project({"project_id": entry.project_id, "project_name": entry.project_name,
                                     "batch_no": entry.batch_no, "town": entry.town, "entry_no": entry_no},
                                    entry.geometry)
                posted.append(Posted(entry_no, lines))
            if is_canceled is not None and is_canceled():
                raise LedgerCanceled()
        return posted

    def post_planned(self, plan, attempts: int = 5, **options) -> tuple[object, list[Posted]]:
        """Post what ``plan()`` works out from the ledger as it stands, and nothing on a ledger that changed
        meanwhile: ``plan()`` returns (entries, anything the caller wants back) and is called again when
        another posting came in between (up to ``attempts`` times, then :class:`LedgerChanged`). Two users
        posting from the same figures at the same moment (e.g. a pre-check's shortfalls on a shared
        PostgreSQL ledger) so never both post. ``options``: as for :meth:`post_many`."""
        for attempt in range(attempts):
            head = self.receipt()  # first: a posting after it, even during plan(), is seen under the lock
            entries, extra = plan()
            if not entries:
                return extra, []
            try:
                return extra, self.post_many(entries, expect=head, **options)
            except LedgerChanged:
                if attempt == attempts - 1:
                    raise
        raise LedgerChanged()

    def dry_run(self, entry: Entry) -> list[dict]:
        """The journal lines ``entry`` would get now (raises the refusal otherwise); nothing is written.

        For validation as the user types; the real post re-checks under the write lock.
        """
        cur = self.store.conn.cursor()
        try:
            return plan_lines(entry, WriteTxn(self.store, cur, locked=False))
        finally:
            cur.close()
            self.store.end_read()

    def post_reclamation_credit(self, project_id: str, quota_kind: str, amounts: dict, year: int, evidence: str,
                                town: str = "") -> Posted:
        """Post a reclamation credit once per project and quota kind (DuplicateCreditError on a second post)."""
        return self.post(credit_entry(project_id, quota_kind, amounts, year, evidence, town))

    def reverse(self, entry_no: int, evidence: str = "", note: str = "", value_date: str = "") -> Posted:
        """Post the reversal of entry ``entry_no`` (the only way to correct an entry)."""
        return self.post(Entry("reversal", reverses=int(entry_no), evidence=evidence, note=note,
                               value_date=value_date))

    # -- reading -------------------------------------------------------------------------------------------
    def balances(self) -> list[Balance]:
        """Balance and owed (Decimal) for every kind/component, in display order."""
        totals = self.store.totals()
        return [Balance(k, c, from_units(totals.get((k, c), (0, 0))[0]), from_units(totals.get((k, c), (0, 0))[1]))
                for k, c in line_keys()]

    def balance(self, kind: str, component: str = "area") -> Decimal:
        if kind not in KINDS:
            raise LedgerError(f"unknown quota kind {kind}")
        return from_units(self.store.totals().get((kind, component), (0, 0))[0])

    def owed(self, kind: str, component: str = "area") -> Decimal:
        return from_units(self.store.totals().get((kind, component), (0, 0))[1])

    def balances_by(self, by=("kind", "component", "year", "source")) -> list[dict]:
        """Balance, owed, in and out per group of the journal (Decimal amounts)."""
        out = []
        for row in self.store.grouped(tuple(by)):
            values = dict(zip(by, row[:len(by)]))
            balance, owed, inflow, outflow = (from_units(v or 0) for v in row[len(by):])
            values.update(balance=balance, owed=owed, inflow=inflow, outflow=outflow)
            out.append(values)
        return out

    def entries(self, where: str = "", params=(), limit: int | None = None) -> list[dict]:
        return self.store.lines(where, params, limit)

    def projects(self, history: bool = False) -> list[dict]:
        """The current polygon of each project: that of its latest allocation entry with a polygon that is not
        reversed (a reversed polygon no longer counts). ``history``: every stored row, in posting order."""
        rows = self.store.projects()
        if history:
            return rows
        reversed_entries = self.store.reversed_entries()
        current: dict[str, dict] = {}
        for row in rows:
            if row["entry_no"] in reversed_entries:
                continue
            old = current.get(row["project_id"])
            if old is None or (row["entry_no"] or 0) > (old["entry_no"] or 0):
                current[row["project_id"]] = row
        return sorted(current.values(), key=lambda r: r["entry_no"] or 0)

    def lots(self) -> LotBook:
        """The lots, replayed from the journal (read it, do not change it: it is the store's own)."""
        return self.store.lot_book()

    def lot_rows(self) -> list[dict]:
        """One row per lot and quota kind: what came in, what was drawn, what is left (see LotBook.lot_rows)."""
        return self.lots().lot_rows()

    def plan_draws(self, quota_type: str, area_mu, paddy_mu=0, capacity_kg=0,
                   chosen_lots=None) -> tuple[list[Draw], dict]:
        """Which lots a need would draw now, and what would be short (core.ledger.lots.plan_draws)."""
        return plan_draws(self.lots(), quota_type, area_mu, paddy_mu, capacity_kg, chosen_lots)

    def deadlines(self, as_of: str = "", within_days: int | None = None, include_all: bool = False,
                  rules: DeadlineRules | None = None) -> list[dict]:
        """Advances (预支 / 承诺兑现 / 周转指标) still owed that are overdue or due within the window as of
        ``as_of`` (default today); ``include_all``: every advance with its status (core.ledger.deadlines)."""
        return deadline_rows(self.lots(), as_of, rules or read_deadline_rules(), within_days, include_all)

    def receipt(self) -> Receipt:
        """The chain head as a short receipt (entry count, line count, hash), for statements and verify."""
        return Receipt(*self.store.head())

    def verify(self, receipt: Receipt | str | None = None) -> VerifyResult:
        """Recompute the hash chain, the totals and the project polygons; the result names the first bad line.

        ``receipt`` (an earlier :meth:`receipt`, or its text): the chain must still contain that head, which
        catches a rewrite of the whole chain and the removal of its last lines.
        """
        if isinstance(receipt, str):
            receipt = Receipt.parse(receipt) if receipt.strip() else None
        book = LotBook()

        def replayed(rows):
            for row in rows:
                yield row
                book.apply(row)

        result = verify_rows(replayed(self.store.rows()), self.store.group_totals(), receipt)
        if result.ok and book.problems:  # recorded draws that do not fit their lots (a chain rewritten whole)
            seq, entry_no, message = book.problems[0]
            return VerifyResult(False, result.lines, seq, entry_no, message)
        if result.ok:
            bad = verify_projects(self.store.projects(), self.store.allocation_polygons())
            if bad is not None:
                bad.lines = result.lines
                return bad
        return result
