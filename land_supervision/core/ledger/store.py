"""The storage interface and the SQL shared by both stores (GeoPackage via sqlite3, PostgreSQL via psycopg2).

A store has one journal table (append-only: triggers refuse UPDATE, DELETE and TRUNCATE), a totals table
(balance, owed, in and out per kind/component/year/source, kept in the same transaction as the journal for
QGIS users; the plugin never reads it for a decision: balances are summed from the journal, and verify()
compares the two) and a project geometry layer (one row per allocation with a polygon, whose hash is in the
allocation's journal lines). Posting happens inside ``write()``: the store's write lock is held, rules read
the journal, the lines are appended, and everything commits together or not at all.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from contextlib import contextmanager

from ..messages import Message
from .chain import GENESIS, accumulate, group_sums
from .errors import LedgerError
from .lots import LotBook
from .model import JOURNAL_COLUMNS, LOT_COLUMN

JOURNAL = "ledger_journal"
TOTALS = "ledger_totals"
PROJECTS = "ledger_projects"
META = "ledger_meta"
# the ledger's format, kept in META ('format'): 1 before lots, 2 with each line's lot draws in its hash. A plugin
# refuses a ledger of a newer format than its own (it would misread it, and call the newer lines tampered).
LEDGER_FORMAT = 2
# the marker, written when a ledger is made and when an older one is brought up to date (never lowered); plain
# text, the names and the format written out (SQL built from strings is what Bandit's B608 flags; a test checks
# that the text says LEDGER_FORMAT)
META_DDL = ["CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO ledger_meta (key, value) VALUES ('format', '2') ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value WHERE CAST(ledger_meta.value AS INTEGER) < 2"]
ALL_COLUMNS = JOURNAL_COLUMNS + ("hash",)
GROUPS = ("kind", "component", "year", "source")
# balances for the rules and for display: summed from the hash-chained journal, never from ledger_totals
SUMS_SQL = ("SELECT kind, component, year, source, SUM(amount), SUM(owed), "
            "SUM(CASE WHEN direction = 'in' THEN amount ELSE 0 END), "
            "SUM(CASE WHEN direction = 'in' THEN 0 ELSE -amount END) FROM ledger_journal WHERE seq <= ? "
            "GROUP BY kind, component, year, source")
NEW_LINES_SQL = ("SELECT seq, kind, component, year, source, direction, amount, owed, hash FROM ledger_journal "
                 "WHERE seq > ? AND seq <= ? ORDER BY seq")  # bounded: an index range even without statistics
# Table and column names cannot be bound parameters. They are formatted into SQL in these statements
# only, from the constants above (no input reaches them); every value in every statement is a bound parameter.
# A ledger made before lots has no lot column until it is opened for posting: read as '' there.
READ_COLUMNS = ALL_COLUMNS + (LOT_COLUMN,)
SELECT_LINES = f"SELECT {', '.join(READ_COLUMNS)} FROM ledger_journal"  # nosec B608
SELECT_LINES_NO_LOT = f"SELECT {', '.join(ALL_COLUMNS)}, '' FROM ledger_journal"  # nosec B608
INSERT_LINES = (f"INSERT INTO ledger_journal ({', '.join(READ_COLUMNS)}) "  # nosec B608
                f"VALUES ({', '.join('?' for _ in READ_COLUMNS)})")
INSERT_LINES_NO_LOT = (f"INSERT INTO ledger_journal ({', '.join(ALL_COLUMNS)}) "  # nosec B608
                       f"VALUES ({', '.join('?' for _ in ALL_COLUMNS)})")


class WriteTxn:
    """The state rules read and the appends, inside one write transaction of a SqlStore."""

    def __init__(self, store: SqlStore, cursor, locked: bool = True):
        self.store = store
        self.cur = cursor
        self._q = store.q
        self._locked = locked
        self._sums: dict | None = None  # summed once under the write lock, then kept up to date by append()
        self._head: tuple[int, str] | None = None  # (seq, hash) of the last line appended
        self._book: LotBook | None = None  # the store's lots, once read in this transaction

    def _one(self, sql: str, params=()):
        self.cur.execute(self._q(sql), params)
        return self.cur.fetchone()

    def totals(self) -> dict[tuple[str, str], tuple[int, int]]:
        if self._sums is None or not self._locked:
            # remembered by the store only while this transaction has appended nothing (it may roll back)
            self._sums = self.store.journal_sums(self.cur, remember=self._head is None)
        return by_kind(self._sums)

    def entry_lines(self, entry_no: int) -> list[dict]:
        self.cur.execute(self._q(self.store.select_lines + " WHERE entry_no = ? ORDER BY line_no"), (entry_no,))
        return [dict(zip(READ_COLUMNS, row)) for row in self.cur.fetchall()]

    def lots(self) -> LotBook:
        """The lots as the journal stands now, inside this transaction (kept up to date by append())."""
        if self._book is None:
            self._book = self.store.lot_book(self.cur)
        return self._book

    def is_reversed(self, entry_no: int) -> bool:
        return self._one("SELECT 1 FROM ledger_journal WHERE reverses = ? LIMIT 1", (entry_no,)) is not None

    def has_credit(self, project_id: str, kind: str | None = None) -> bool:
        """A reclamation credit of the project (of quota ``kind``; None: of any), not reversed."""
        sql = ("SELECT COUNT(*) FROM ledger_journal j WHERE j.txn_type = 'reclamation_credit' AND j.project_id = ? "
               "AND NOT EXISTS (SELECT 1 FROM ledger_journal r WHERE r.reverses = j.entry_no)")
        if kind is None:
            row = self._one(sql, (project_id,))
        else:
            row = self._one(sql + " AND j.kind = ?", (project_id, kind))
        return bool(row and row[0])

    def last(self) -> tuple[int, int, str]:
        """(last seq, last entry number, last hash), zeros and the genesis hash on an empty ledger."""
        row = self._one("SELECT seq, entry_no, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1")
        return (0, 0, GENESIS) if row is None else (int(row[0]), int(row[1]), row[2])

    def append(self, rows: list[dict]) -> None:
        if self.store.has_lots:
            self.cur.executemany(self._q(INSERT_LINES), [tuple(row.get(c, "") if c == LOT_COLUMN else row[c]
                                                               for c in READ_COLUMNS) for row in rows])
        else:
            self.cur.executemany(self._q(INSERT_LINES_NO_LOT), [tuple(row[c] for c in ALL_COLUMNS) for row in rows])
        if self._book is not None:
            for row in rows:
                self._book.apply(row)
        deltas = group_sums(rows)
        if self._sums is not None:
            for row in rows:
                accumulate(self._sums, row)
        if rows:
            self._head = (rows[-1]["seq"], rows[-1]["hash"])
        self.cur.executemany(self._q(
            "INSERT INTO ledger_totals (kind, component, year, source, balance, owed, inflow, outflow) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, component, year, source) DO UPDATE SET "
            "balance = ledger_totals.balance + excluded.balance, owed = ledger_totals.owed + excluded.owed, "
            "inflow = ledger_totals.inflow + excluded.inflow, outflow = ledger_totals.outflow + excluded.outflow"),
            [key + tuple(values) for key, values in deltas.items()])

    def add_project(self, project: dict, geometry) -> None:
        """One project row per allocation entry with a polygon (a later entry supersedes an earlier one)."""
        self.store.insert_project(self.cur, project, geometry)


class SqlStore(ABC):
    """Common SQL of both stores; subclasses give the connection, schema, lock and geometry encoding."""

    placeholder = "?"
    kind = "sql"

    def __init__(self, conn, uri: str):
        self.conn = conn
        self.uri = uri
        # the journal's sums per (kind, component, year, source) up to line _sums_seq, whose hash is _sums_hash:
        # lines are only appended, so later calls add the new lines (a changed head hash: summed again)
        self._sums: dict[tuple, list[int]] | None = None
        self._sums_seq = 0
        self._sums_hash = GENESIS
        self._book: LotBook | None = None  # the lots replayed up to its seq/hash (lot_book())
        self.has_lots = True  # the journal has the lot column (set by check_columns)

    @property
    def select_lines(self) -> str:
        return SELECT_LINES if self.has_lots else SELECT_LINES_NO_LOT

    def q(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    @abstractmethod
    def _begin_write(self, cur) -> None:
        """Start a write transaction holding the ledger's write lock."""

    @abstractmethod
    def insert_project(self, cur, project: dict, geometry) -> None:
        """Insert one project row with its geometry (shapely or None)."""

    def db_errors(self) -> tuple[type, ...]:
        """The database driver's exception types (turned into LedgerError)."""
        return ()

    def _as_ledger_error(self, exc: Exception) -> LedgerError:
        text = str(exc).strip()
        if "locked" in text or "lock timeout" in text:
            return LedgerError(Message("台账正被他人写入,请稍后再试 ({e})",
                                       "the ledger is busy (someone else is posting); try again ({e})").format(e=text),
                               "busy")
        return LedgerError(Message("台账数据库错误: {e}", "ledger database error: {e}").format(e=text), "database")

    @contextmanager
    def write(self):
        cur = self.conn.cursor()
        try:
            self._begin_write(cur)
        except self.db_errors() as exc:
            cur.close()
            self._safe_rollback()
            raise self._as_ledger_error(exc) from exc
        try:
            txn = WriteTxn(self, cur)
            yield txn
            self.conn.commit()
            if txn._sums is not None and txn._head is not None:  # the sums of the chain just committed
                self._sums, (self._sums_seq, self._sums_hash) = txn._sums, txn._head
        except self.db_errors() as exc:
            self._book = None  # it may hold lines that were rolled back
            self._safe_rollback()
            raise self._as_ledger_error(exc) from exc
        except BaseException:
            self._book = None
            self._safe_rollback()
            raise
        finally:
            cur.close()

    def _safe_rollback(self) -> None:
        try:
            self.conn.rollback()
        except Exception:  # noqa: BLE001 - the connection may be gone; the caller reports the first error
            return

    def _read(self, sql: str, params=()) -> list[tuple]:
        cur = self.conn.cursor()
        try:
            cur.execute(self.q(sql), params)
            rows = cur.fetchall()
        except self.db_errors() as exc:
            self._safe_rollback()
            raise self._as_ledger_error(exc) from exc
        finally:
            cur.close()
        self.end_read()
        return rows

    def end_read(self) -> None:  # noqa: B027 - optional hook
        """Close the implicit read transaction (PostgreSQL); nothing for sqlite in autocommit mode."""

    def rows(self, batch: int = 5000):
        """Journal rows as dicts in seq order (streamed in batches)."""
        last = 0
        while True:
            chunk = self._read(self.select_lines + " WHERE seq > ? ORDER BY seq LIMIT ?", (last, int(batch)))
            if not chunk:
                return
            for row in chunk:
                yield dict(zip(READ_COLUMNS, row))
            last = chunk[-1][0]

    def lines(self, where: str = "", params=(), limit: int | None = None) -> list[dict]:
        """Journal lines matching ``where``: a condition written in this code with ? placeholders (the
        statement, the allocation check, the dock's filters); every value comes in ``params``."""
        sql = self.select_lines + (" WHERE " + where if where else "") + " ORDER BY seq"
        if limit:
            sql += " LIMIT ?"
            params = (*params, int(limit))
        return [dict(zip(READ_COLUMNS, r)) for r in self._read(sql, params)]

    @contextmanager
    def _reading(self, cur=None):
        """``cur`` (the caller's transaction) or, for one read, a cursor of its own: then a database error rolls
        back and becomes a LedgerError, the cursor is closed and the read ended."""
        own = cur is None
        if own:
            cur = self.conn.cursor()
        try:
            yield cur
        except self.db_errors() as exc:
            if own:
                self._safe_rollback()
            raise self._as_ledger_error(exc) from exc
        finally:
            if own:
                cur.close()
        if own:
            self.end_read()

    def lot_book(self, cur=None) -> LotBook:
        """The lots replayed from the journal as it is now (``cur``: inside the caller's transaction). Only the
        lines appended since the last call are replayed, unless the line replayed last has another hash now
        (then the whole journal is). The book returned is the store's own: callers read it, never change it."""
        with self._reading(cur) as cur:
            book = self._book
            if book is not None and book.seq:
                cur.execute(self.q("SELECT hash FROM ledger_journal WHERE seq = ?"), (book.seq,))
                row = cur.fetchone()
                if row is None or row[0] != book.hash:
                    book = None  # not the chain that was replayed: replay it again
            if book is None:
                book = LotBook()
            while True:
                cur.execute(self.q(self.select_lines + " WHERE seq > ? ORDER BY seq LIMIT 5000"), (book.seq,))
                chunk = cur.fetchall()
                if not chunk:
                    break
                for values in chunk:
                    book.apply(dict(zip(READ_COLUMNS, values)))
        self._book = book
        return book

    def journal_sums(self, cur=None, remember: bool = True) -> dict[tuple, list[int]]:
        """(kind, component, year, source) -> [balance, owed, inflow, outflow] summed from the journal as it is
        now (``cur``: inside the caller's transaction, e.g. under the write lock). Only the lines appended since
        the last call are read, unless the line summed last has another hash now (then all are summed)."""
        with self._reading(cur) as cur:
            cur.execute("SELECT seq, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1")
            row = cur.fetchone()
            head, head_hash = (0, GENESIS) if row is None else (int(row[0]), row[1])
            sums, seq, last = self._sums, self._sums_seq, self._sums_hash
            if sums is not None:
                if seq > head:
                    sums = None
                elif seq == head:
                    sums = sums if last == head_hash else None
                elif seq:
                    cur.execute(self.q("SELECT hash FROM ledger_journal WHERE seq = ?"), (seq,))
                    row = cur.fetchone()
                    if row is None or row[0] != last:
                        sums = None  # not the chain that was summed: sum it again
            if sums is None:
                seq, last = head, head_hash
                cur.execute(self.q(SUMS_SQL), (seq,))
                sums = {tuple(r[:4]): [int(v or 0) for v in r[4:]] for r in cur.fetchall()}
            else:
                sums = {key: list(values) for key, values in sums.items()}
            if seq < head:
                cur.execute(self.q(NEW_LINES_SQL), (seq, head))
                for row in cur.fetchall():
                    accumulate(sums, {"kind": row[1], "component": row[2], "year": row[3], "source": row[4],
                                      "direction": row[5], "amount": int(row[6]), "owed": int(row[7])})
                    seq, last = int(row[0]), row[8]
        if remember:
            self._sums, self._sums_seq, self._sums_hash = sums, seq, last
        return {key: list(values) for key, values in sums.items()}

    def totals(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(balance, owed) per (kind, component), summed from the journal."""
        return by_kind(self.journal_sums())

    def group_totals(self) -> dict[tuple, tuple[int, int, int, int]]:
        """The stored totals per (kind, component, year, source): (balance, owed, inflow, outflow)."""
        return {tuple(r[:4]): tuple(int(v) for v in r[4:]) for r in self._read(
            "SELECT kind, component, year, source, balance, owed, inflow, outflow FROM ledger_totals")}

    def grouped(self, by: tuple[str, ...] = GROUPS) -> list[tuple]:
        """(*group values, balance, owed, in, out) grouped by ``by``, summed from the journal, sorted."""
        for name in by:
            if name not in GROUPS:
                raise ValueError(name)
        index = [GROUPS.index(name) for name in by]
        out: dict[tuple, list[int]] = {}
        for key, values in self.journal_sums().items():
            acc = out.setdefault(tuple(key[i] for i in index), [0, 0, 0, 0])
            for i, value in enumerate(values):
                acc[i] += value
        return [(*key, *values) for key, values in sorted(out.items())]

    def head(self) -> tuple[int, int, str]:
        """(entry count, line count, last hash) of the chain; (0, 0, genesis) when empty."""
        rows = self._read("SELECT entry_no, seq, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1")
        return (0, 0, GENESIS) if not rows else (int(rows[0][0]), int(rows[0][1]), rows[0][2])

    def reversed_entries(self) -> set[int]:
        return {int(r[0]) for r in self._read("SELECT DISTINCT reverses FROM ledger_journal "
                                              "WHERE reverses IS NOT NULL")}

    def allocation_polygons(self) -> dict[int, tuple[str, str]]:
        """entry number -> (project id, geometry_sha) of every allocation line that recorded a polygon."""
        return {int(r[0]): (r[1], r[2]) for r in self._read(
            "SELECT entry_no, project_id, geometry_sha FROM ledger_journal "
            "WHERE txn_type = 'allocation' AND geometry_sha <> ''")}

    def period(self, date_from: str, date_to: str) -> list[tuple]:
        """(kind, component, opening, in, out, closing) for value dates in [date_from, date_to]."""
        return self._read(
            "SELECT kind, component, "
            "SUM(CASE WHEN value_date < ? THEN amount ELSE 0 END), "
            "SUM(CASE WHEN value_date >= ? AND value_date <= ? AND direction = 'in' THEN amount ELSE 0 END), "
            "SUM(CASE WHEN value_date >= ? AND value_date <= ? AND direction = 'out' THEN -amount ELSE 0 END), "
            "SUM(CASE WHEN value_date <= ? THEN amount ELSE 0 END) "
            "FROM ledger_journal GROUP BY kind, component",
            (date_from, date_from, date_to, date_from, date_to, date_to))

    def check_columns(self) -> None:
        """Refuse a ledger whose journal lacks columns of this version (written by an older plugin)."""
        cur = self.conn.cursor()
        try:
            cur.execute("SELECT * FROM ledger_journal WHERE 1 = 0")
            have = {d[0] for d in cur.description}
        finally:
            cur.close()
        self.end_read()
        missing = [c for c in ALL_COLUMNS if c not in have]
        self.has_lots = LOT_COLUMN in have
        found = self.format_version()
        if found > LEDGER_FORMAT:
            raise LedgerError(Message("台账格式为第 {f} 版,新于本插件所支持的第 {k} 版:请先升级插件",
                                      "the ledger's format is version {f}, newer than this plugin's version {k}: "
                                      "update the plugin first").format(f=found, k=LEDGER_FORMAT), "open")
        if missing:
            raise LedgerError(Message("台账格式与本版本不符,流水表缺少列: {m}",
                                      "the ledger's format does not match this version: journal columns missing: {m}")
                              .format(m=", ".join(missing)), "open")

    def format_version(self) -> int:
        """The format in the ledger's marker; without one (made before it, or not readable by this user): 2
        with a lot column, else 1."""
        cur = self.conn.cursor()
        try:
            cur.execute("SELECT value FROM ledger_meta WHERE key = 'format'")
            row = cur.fetchone()
        except self.db_errors():
            row = None
            self._safe_rollback()
        finally:
            cur.close()
        self.end_read()
        try:
            return int(row[0]) if row else (2 if self.has_lots else 1)
        except (TypeError, ValueError):
            return LEDGER_FORMAT + 1  # a marker this version cannot read: refused as newer

    @abstractmethod
    def projects(self) -> list[dict]:
        """Project rows with 'wkb' (bytes or None)."""

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - closing twice or after a crash: nothing left to close
            return


def by_kind(sums: dict[tuple, list[int]]) -> dict[tuple[str, str], tuple[int, int]]:
    """(balance, owed) per (kind, component) out of journal_sums()."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for (kind, component, _year, _source), (balance, owed, _in, _out) in sums.items():
        old = out.get((kind, component), (0, 0))
        out[(kind, component)] = (old[0] + balance, old[1] + owed)
    return out


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
