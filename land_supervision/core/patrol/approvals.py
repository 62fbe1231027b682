"""Approvals judged by their dates: 未批先建 (approved after the 后时相) and 临时用地 past its term."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..messages import Message
from .dates import add_years, dates_of, ordinals
from .inputs import ApprovalInput, PatchInput

UNKNOWN = -1


@dataclass
class ApprovalDates:
    start: np.ndarray  # day number of PZRQ (UNKNOWN where not given)
    term_end: np.ndarray  # last day of a 临时用地 term, capped at the statutory term (UNKNOWN where unknown)
    infrastructure: np.ndarray  # bool: a 临时用地 for infrastructure (4 years instead of 2)


def _truthy(value) -> bool:
    return str(value or "").strip().lower() in ("1", "是", "y", "yes", "true", "t")


def approval_dates(approvals: ApprovalInput, rules, log: list[Message]) -> ApprovalDates:
    """Approval dates and 临时用地 term ends; a value that is not a date is said in the log and left unknown."""
    n = len(approvals.numbers)
    starts, bad_start = dates_of(approvals.dates or [None] * n)
    ends, bad_end = dates_of(approvals.term_ends or [None] * n, end=True)
    layers = approvals.layers or [""] * n
    for field, column, bad in (("PZRQ", approvals.dates, bad_start), ("DQRQ", approvals.term_ends, bad_end)):
        for i in bad:
            log.append(Message("批准图层“{layer}”第 {row} 个要素（批准文号 {number}）字段 {field} 的值“{value}”"
                               "不是日期，按未填处理",
                               "approval layer '{layer}', feature {row} (number {number}): field {field} value "
                               "'{value}' is not a date; read as empty").format(
                layer=layers[i], row=i + 1, number=approvals.numbers[i], field=field, value=column[i]))
    infra = np.array([_truthy(v) for v in (approvals.infrastructure or [None] * n)], dtype=bool)
    term_end = np.full(n, UNKNOWN, dtype=np.int64)
    for i in range(n):
        cap = None
        if starts[i] is not None:
            years = rules.temporary_term_years_infrastructure if infra[i] else rules.temporary_term_years
            cap = add_years(starts[i], int(years))
        end = min((d for d in (ends[i], cap) if d is not None), default=None)
        if end is not None:
            term_end[i] = end.toordinal()
    return ApprovalDates(np.asarray(ordinals(starts, UNKNOWN), dtype=np.int64), term_end, infra)


def patch_dates(patches: PatchInput, log: list[Message], keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each patch's 后时相 HSX (UNKNOWN where not given)."""
    n = len(patches)
    first, bad = dates_of(patches.after or [None] * n)
    last, _ = dates_of(patches.after or [None] * n, end=True)
    for i in bad:
        log.append(Message("图斑 {jcbh} 字段 HSX 的值“{value}”不是日期，不检查批准日期",
                           "patch {jcbh}: field HSX value '{value}' is not a date; approval dates not checked").format(
            jcbh=keys[i], value=patches.after[i]))
    return (np.asarray(ordinals(first, UNKNOWN), dtype=np.int64),
            np.asarray(ordinals(last, UNKNOWN), dtype=np.int64))


def late_pairs(pairs: tuple[np.ndarray, np.ndarray], start: np.ndarray, hsx_last: np.ndarray) -> np.ndarray:
    """Per (patch, approval) pair: the approval is dated after the last day of the patch's 后时相."""
    p, a = pairs
    return (start[a] != UNKNOWN) & (hsx_last[p] != UNKNOWN) & (start[a] > hsx_last[p])


def day_text(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(int(ordinal)).isoformat()
