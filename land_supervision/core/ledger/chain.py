"""The hash chain: each journal line stores SHA-256 over its content and the previous line's hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..messages import Message
from .model import JOURNAL_COLUMNS

GENESIS = "0" * 64


def line_hash(row: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of a journal row's columns (prev_hash included, hash excluded)."""
    payload = [row.get(name) for name in JOURNAL_COLUMNS]
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


def verify_rows(rows, totals: dict | None = None) -> VerifyResult:
    """Walk journal rows in seq order: sequence without gaps, prev_hash links, recomputed hashes.

    ``totals`` (kind, component, year, source) -> (balance, owed, inflow, outflow) as stored is compared
    with the sums of the journal.
    """
    prev = GENESIS
    expected_seq = 1
    count = 0
    sums: dict[tuple, list[int]] = {}
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
        if bad is not None:
            return VerifyResult(False, count, seq, row["entry_no"], bad)
        accumulate(sums, row)
        prev = row["hash"]
        expected_seq += 1
    if totals is not None:
        for key in set(sums) | set(totals):
            want = tuple(sums.get(key, [0, 0, 0, 0]))
            have = tuple(totals.get(key, (0, 0, 0, 0)))
            if want != have:
                return VerifyResult(False, count, None, None, Message(
                    "余额表 {key} 与流水不符", "stored totals of {key} do not match the journal").format(
                    key="/".join(str(k) for k in key)))
    return VerifyResult(True, count)


def verify_projects(projects: list[dict], lines_of_entry) -> VerifyResult | None:
    """Each stored project polygon must hash to the geometry_sha of the allocation that registered it."""
    import shapely

    from .rules import geometry_sha

    for project in projects:
        lines = lines_of_entry(project["entry_no"])
        want = lines[0]["geometry_sha"] if lines else None
        have = geometry_sha(shapely.from_wkb(project["wkb"])) if project["wkb"] else ""
        if want != have:
            return VerifyResult(False, 0, None, project["entry_no"], Message(
                "项目 {p} 的范围与分录 {e} 记载的不符(被改动)",
                "project {p}: its polygon does not match the one recorded by entry {e} (altered)").format(
                p=project["project_id"], e=project["entry_no"]))
    return None
