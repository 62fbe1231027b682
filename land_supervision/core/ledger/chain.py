"""The hash chain: each journal line stores SHA-256 over its content and the previous line's hash."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ..messages import Message
from .errors import LedgerError
from .model import JOURNAL_COLUMNS, LOT_COLUMN

GENESIS = "0" * 64


def line_hash(row: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of a journal row's columns (prev_hash included, hash excluded),
    followed by its lot data where it has any (lines without lot data hash as before lots existed)."""
    payload = [row.get(name) for name in JOURNAL_COLUMNS]
    if row.get(LOT_COLUMN):
        payload.append(row[LOT_COLUMN])
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def group_sums(rows) -> dict[tuple, list[int]]:
    """(kind, component, year, source) -> [balance, owed, inflow, outflow] summed over journal rows."""
    sums: dict[tuple, list[int]] = {}
    for row in rows:
        accumulate(sums, row)
    return sums


def accumulate(sums: dict, row: dict) -> None:
    """Add one journal row to ``sums`` (see group_sums)."""
    acc = sums.setdefault((row["kind"], row["component"], row["year"], row["source"]), [0, 0, 0, 0])
    acc[0] += row["amount"]
    acc[1] += row["owed"]
    if row["direction"] == "in":
        acc[2] += row["amount"]
    else:
        acc[3] -= row["amount"]


@dataclass
class VerifyResult:
    """What verify() found: ok, lines checked, the first bad line (seq, entry number) and why."""

    ok: bool
    lines: int
    bad_seq: int | None = None
    bad_entry: int | None = None
    message: Message | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"台账完整: {self.lines} 行 / ledger intact: {self.lines} lines"
        return str(self.message)


RECEIPT_HEX = 16  # hash characters in a receipt: 64 bits, beyond any search for a rewritten chain that matches
RECEIPT_PATTERN = re.compile(rf"\s*(\d{{1,12}})-(\d{{1,12}})-([0-9a-fA-F]{{{RECEIPT_HEX},64}})\s*")


@dataclass(frozen=True)
class Receipt:
    """The chain head: entry count, line count and the last line's hash. ``str()`` is the short form
    ``entries-lines-hash16`` printed on statements; kept elsewhere it catches a rewrite of the whole chain."""

    entries: int
    lines: int
    hash: str

    def __str__(self) -> str:
        return f"{self.entries}-{self.lines}-{self.hash[:RECEIPT_HEX]}"

    @classmethod
    def parse(cls, text: str) -> Receipt:
        match = RECEIPT_PATTERN.fullmatch(str(text or ""))
        if match is None:
            raise LedgerError(Message("回执格式应为 分录数-行数-哈希(如 18-27-3f2a9c0d1e4b5a67): {t}",
                                     "a receipt reads entries-lines-hash (such as 18-27-3f2a9c0d1e4b5a67): {t}")
                              .format(t=text), "receipt")
        return cls(int(match.group(1)), int(match.group(2)), match.group(3).lower())


def verify_rows(rows, totals: dict | None = None, receipt: Receipt | None = None) -> VerifyResult:
    """Walk journal rows in seq order: sequence without gaps, prev_hash links, recomputed hashes.

    ``totals`` (kind, component, year, source) -> (balance, owed, inflow, outflow) as stored is compared
    with the sums of the journal. ``receipt``: an earlier chain head; its line must still be there with its hash.
    """
    prev = GENESIS
    expected_seq = 1
    count = 0
    sums: dict[tuple, list[int]] = {}
    receipt_seen = receipt is None or receipt.lines == 0
    for row in rows:
        count += 1
        seq = row["seq"]
        bad = None
        if seq != expected_seq:
            bad = Message("第 {seq} 行之前缺少第 {want} 行(记录被删除)",
                          "line {want} is missing before line {seq} (a line was deleted)").format(
                seq=seq, want=expected_seq)
        elif row["prev_hash"] != prev:
            bad = Message("第 {seq} 行(分录 {entry})的前序哈希与上一行不符",
                          "line {seq} (entry {entry}) does not chain to the previous line").format(
                seq=seq, entry=row["entry_no"])
        elif line_hash(row) != row["hash"]:
            bad = Message("第 {seq} 行(分录 {entry})内容被改动:哈希不符",
                          "line {seq} (entry {entry}) was altered: its hash does not match").format(
                seq=seq, entry=row["entry_no"])
        if bad is None and receipt is not None and seq == receipt.lines:
            receipt_seen = True
            if not row["hash"].startswith(receipt.hash) or row["entry_no"] != receipt.entries:
                bad = Message("台账与回执 {r} 不符:第 {seq} 行的哈希已变(整条链被改写)",
                              "the ledger does not match receipt {r}: line {seq} has another hash "
                              "(the chain was rewritten)").format(r=receipt, seq=seq)
        if bad is not None:
            return VerifyResult(False, count, seq, row["entry_no"], bad)
        accumulate(sums, row)
        prev = row["hash"]
        expected_seq += 1
    if not receipt_seen:
        return VerifyResult(False, count, None, None, Message(
            "台账只有 {n} 行,少于回执 {r} 记载的 {want} 行(记录被删除或清空)",
            "the ledger has {n} lines, fewer than the {want} of receipt {r} (lines were deleted or truncated)")
            .format(n=count, r=receipt, want=receipt.lines))
    if totals is not None:
        for key in set(sums) | set(totals):
            want = tuple(sums.get(key, [0, 0, 0, 0]))
            have = tuple(totals.get(key, (0, 0, 0, 0)))
            if want != have:
                return VerifyResult(False, count, None, None, Message(
                    "余额表 {key} 与流水不符", "stored totals of {key} do not match the journal").format(
                    key="/".join(str(k) for k in key)))
    return VerifyResult(True, count)


def verify_projects(projects: list[dict], polygons: dict[int, tuple[str, str]]) -> VerifyResult | None:
    """Project rows against the chain: ``polygons`` maps each allocation entry that recorded a polygon to
    (project id, geometry_sha). Each row must hash to its entry's polygon; each such entry must have its row."""
    import shapely

    from .rules import geometry_sha

    seen = set()
    for project in projects:
        entry_no = project["entry_no"]
        want = polygons.get(entry_no)
        have = geometry_sha(shapely.from_wkb(project["wkb"])) if project["wkb"] else ""
        if want is None or want != (project["project_id"], have) or entry_no in seen:
            return VerifyResult(False, 0, None, entry_no, Message(
                "项目 {p} 的范围与分录 {e} 记载的不符(被改动)",
                "project {p}: its polygon does not match the one recorded by entry {e} (altered)").format(
                p=project["project_id"], e=entry_no))
        seen.add(entry_no)
    missing = sorted(set(polygons) - seen)
    if missing:
        entry_no = missing[0]
        return VerifyResult(False, 0, None, entry_no, Message(
            "项目 {p} 的范围(分录 {e})已从项目图层中删除",
            "project {p}: the polygon of entry {e} was deleted from the project layer").format(
            p=polygons[entry_no][0], e=entry_no))
    return None
