"""Findings on the legal answers judged by the national rules: 未批先建, 临时用地 past its term, 临时用地 or
设施农用地 over 永久基本农田."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import codes
from .approvals import UNKNOWN, ApprovalDates, day_text
from .matching import Discrepancy, clean_key
from .rules import LEGAL


@dataclass
class Judged:
    """What the findings look at, per patch (arrays of the patch count) and per (patch, approval) pair."""

    keys: list
    patches: object  # PatchInput
    approvals: object  # ApprovalInput
    dates: ApprovalDates
    pairs: tuple  # (patch, approval) index arrays of every approval meeting a patch
    late: np.ndarray  # per pair: the approval is dated after the 后时相
    late_m2: np.ndarray  # area covered only by approvals dated after the 后时相
    hsx_first: np.ndarray
    patch_area: np.ndarray
    ev: dict
    has_farmland: bool
    verdicts: object  # PatchVerdicts
    rules: object  # PatrolRules


def _finding(code: str, judged: Judged, i: int, **values) -> Discrepancy:
    return Discrepancy(code, judged.keys[i], codes.message(code, **values), "patches", int(i))


def date_findings(judged: Judged) -> list[Discrepancy]:
    """APPROVED_AFTER_BUILT and TEMPORARY_EXPIRED."""
    out: list[Discrepancy] = []
    rules, approvals, dates = judged.rules, judged.approvals, judged.dates
    late_p, late_a = judged.pairs[0][judged.late], judged.pairs[1][judged.late]
    after = judged.patches.after or [None] * len(judged.keys)
    for i in np.flatnonzero(judged.late_m2 > np.array([rules.tolerance_m2(a) for a in judged.patch_area])):
        mine = late_a[late_p == i]
        out.append(_finding(codes.APPROVED_AFTER_BUILT, judged, i, hsx=clean_key(after[i]),
                            numbers="、".join(f"{approvals.numbers[a]}（{day_text(dates.start[a])}）" for a in mine),
                            area=float(judged.late_m2[i])))
    term_keys = set(rules.term_subtypes)
    p, a = judged.pairs[0][~judged.late], judged.pairs[1][~judged.late]
    for i, sub in enumerate(judged.verdicts.subtype):
        if sub is None or sub.key not in term_keys or judged.hsx_first[i] == UNKNOWN:
            continue
        mine = a[(p == i) & np.isin(np.asarray(approvals.subtypes, dtype=object)[a], list(term_keys))]
        ends = dates.term_end[mine]
        if len(mine) == 0 or (ends == UNKNOWN).any() or ends.max() >= judged.hsx_first[i]:
            continue
        last = mine[int(np.argmax(ends))]
        years = rules.temporary_term_years_infrastructure if dates.infrastructure[last] else rules.temporary_term_years
        out.append(_finding(codes.TEMPORARY_EXPIRED, judged, i, number=approvals.numbers[last],
                            end=day_text(ends.max()), hsx=clean_key(after[i]), years=years))
    return out


def farmland_findings(judged: Judged) -> list[Discrepancy]:
    """SUBTYPE_ON_FARMLAND: a 合法 临时用地 or 设施农用地 patch over 永久基本农田."""
    out: list[Discrepancy] = []
    if not judged.has_farmland:
        return out
    barred = set(judged.rules.farmland_barred_subtypes)
    for i, sub in enumerate(judged.verdicts.subtype):
        farm = float(judged.ev["farmland"][i])
        if sub is not None and sub.key in barred and judged.verdicts.final[i] == LEGAL \
                and farm > judged.rules.area_tolerance_m2:
            out.append(_finding(codes.SUBTYPE_ON_FARMLAND, judged, i, subtype=sub.zh, area=farm))
    return out
