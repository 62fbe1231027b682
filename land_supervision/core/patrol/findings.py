"""Findings on the answers judged by the national rules: 未批先建, 临时用地 past its term, 临时用地 or 设施农用地
over 永久基本农田, reported areas against the evidence, rectifications that do not end the occupation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import codes
from .approvals import UNKNOWN, ApprovalDates, day_text
from .matching import Discrepancy, clean_key
from .rules import ILLEGAL, LEGAL, RECTIFIED


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
    covered_area: np.ndarray  # covered by approvals dated in time
    ev: dict
    has_farmland: bool
    verdicts: object  # PatchVerdicts
    verification: object  # VerificationInput
    row: np.ndarray  # verification row of each patch, -1 if none
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
    with_term = np.isin(np.asarray(approvals.subtypes, dtype=object)[a], list(term_keys))
    p, a = p[with_term], a[with_term]
    order = np.argsort(p, kind="stable")  # the approvals with a term of each patch, found by bisection
    p, a = p[order], a[order]
    for i, sub in enumerate(judged.verdicts.subtype):
        if sub is None or sub.key not in term_keys or judged.hsx_first[i] == UNKNOWN:
            continue
        mine = a[np.searchsorted(p, i, "left"):np.searchsorted(p, i, "right")]
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


def _number(value) -> float | None:
    text = clean_key(value)
    if not text:
        return None
    try:
        out = float(text)
    except ValueError:
        return None
    return None if out != out else out


def answer_findings(judged: Judged) -> list[Discrepancy]:
    """VIOLATION_AREA_OFF, APPROVED_CULTIVATED_OFF, UNAPPROVED_CULTIVATED_OFF (each where the county gave the
    value) and RECTIFIED_NOT_REMOVED."""
    out: list[Discrepancy] = []
    rules, verdicts, ver = judged.rules, judged.verdicts, judged.verification
    unit = rules.reported_unit_m2
    columns = {key: ver.get(key) for key in ("violation_area", "approved_cultivated", "unapproved_cultivated")}
    net_total = judged.ev["net"].sum(axis=1)
    net_outside = judged.ev["net_uncovered"].sum(axis=1)
    for i in np.flatnonzero(judged.row >= 0):
        r = judged.row[i]
        checks = [(codes.APPROVED_CULTIVATED_OFF, "approved_cultivated", net_total[i] - net_outside[i], {}),
                  (codes.UNAPPROVED_CULTIVATED_OFF, "unapproved_cultivated", net_outside[i], {})]
        if verdicts.reported[i] == ILLEGAL:
            whole = bool(verdicts.whole_patch_illegal[i])
            computed = judged.patch_area[i] if whole else judged.patch_area[i] - judged.covered_area[i]
            checks.insert(0, (codes.VIOLATION_AREA_OFF, "violation_area", computed, {
                "basis_zh": "违法批地，整个图斑" if whole else "批准范围外部分",
                "basis_en": "违法批地, the whole patch" if whole else "the part outside the approvals"}))
        for code, key, computed, words in checks:
            reported = _number(columns[key][r])
            if reported is None:
                continue
            tolerance = rules.tolerance_m2(float(computed))
            if abs(reported * unit - computed) > tolerance:
                out.append(_finding(code, judged, i, reported=reported * unit, computed=float(computed),
                                    tolerance=tolerance, **words))
        if verdicts.final[i] == ILLEGAL and verdicts.rectification[i] == RECTIFIED and not verdicts.removed[i]:
            out.append(_finding(codes.RECTIFIED_NOT_REMOVED, judged, i, measure=verdicts.measure[i] or "未填"))
    return out


# 合法 answers the ministry's second look rejects: weakly covered or unsupported (the whole patch where marked)
REJECTING = {codes.WEAK_COVERAGE: False, codes.APPROVAL_NOT_FOUND: False, codes.APPROVED_AFTER_BUILT: False,
             codes.TEMPORARY_EXPIRED: True}


def second_look(judged: Judged, patch_codes: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Per patch: whether its 合法 answer would be rejected, and whether then the whole patch counts."""
    n = len(judged.keys)
    rejected = np.zeros(n, bool)
    whole = np.zeros(n, bool)
    for i in range(n):
        hits = [c for c in patch_codes[i] if c in REJECTING]
        if judged.verdicts.final[i] == LEGAL and hits:
            rejected[i] = True
            whole[i] = any(REJECTING[c] for c in hits)
    return rejected, whole


def criminal_findings(judged: Judged) -> tuple[list[Discrepancy], np.ndarray, np.ndarray, np.ndarray]:
    """CRIMINAL_THRESHOLD: a 违法 patch occupying 永久基本农田 >= 5 亩 or other 耕地 >= 10 亩 (法释〔2000〕14号
    art. 3). Returns the findings and, per patch, the illegal 永久基本农田 and other 耕地 (m2) and the flag."""
    from ..units import m2_to_mu

    rules, verdicts, ev = judged.rules, judged.verdicts, judged.ev
    illegal = np.array([f == ILLEGAL for f in verdicts.final], dtype=bool)
    whole = verdicts.whole_patch_illegal
    farm_all = ev["farmland_net" if rules.farmland_net_of_ridges else "farmland"]
    farm = np.where(illegal, np.where(whole, farm_all, ev["farmland_uncovered"]), 0.0)
    cult = np.where(illegal, np.where(whole, ev["net"].sum(axis=1), ev["net_uncovered"].sum(axis=1)), 0.0)
    other = np.maximum(cult - farm, 0.0)  # 永久基本农田 taken as 耕地
    flag = illegal & ((m2_to_mu(farm) >= rules.criminal_farmland_mu)
                      | (m2_to_mu(other) >= rules.criminal_cultivated_mu))
    out = [_finding(codes.CRIMINAL_THRESHOLD, judged, i, farm=float(m2_to_mu(farm[i])),
                    other=float(m2_to_mu(other[i])), farm_line=rules.criminal_farmland_mu,
                    other_line=rules.criminal_cultivated_mu) for i in np.flatnonzero(flag)]
    return out, farm, other, flag


def repeat_findings(judged: Judged, repeats, labels: list[str]) -> list[Discrepancy]:
    """REPEATED_IN_BATCHES: a patch of a later batch over a patch of an earlier one (counted once in the year)."""
    return [_finding(codes.REPEATED_IN_BATCHES, judged, i, batch=labels[i], earlier=judged.keys[j],
                     earlier_batch=labels[j], area=float(m2))
            for i, j, m2 in zip(repeats.later.tolist(), repeats.earlier.tolist(), repeats.area.tolist())]
