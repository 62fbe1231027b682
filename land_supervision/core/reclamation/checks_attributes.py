"""Checks of a plot's papers: project link, unique id, declared area, minimum area, target class."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..landclass import LandClassTable
from ..units import mu_to_m2
from .checks_geometry import CheckResult
from .codes import FAIL, NOT_CHECKED, PASS

UNIT_TO_M2 = {"mu": mu_to_m2(1.0), "m2": 1.0, "ha": 10_000.0}


def check_project_known(project_ids: list[str], project_index: np.ndarray) -> CheckResult:
    """R11: the plot names a project of the project layer (no id at all: not checked, to be traced)."""
    n = len(project_ids)
    result = CheckResult.empty(n)
    for i, (pid, row) in enumerate(zip(project_ids, project_index)):
        if not pid:
            result.detail[i] = "缺少项目编号 / no project id"
        elif row < 0:
            result.state[i] = FAIL
            result.detail[i] = pid
        else:
            result.state[i] = PASS
    return result


def check_unique_id(ids: list[str]) -> CheckResult:
    """R12: each plot has its own, non-empty id."""
    counts = Counter(ids)
    state = np.array([PASS if v and counts[v] == 1 else FAIL for v in ids], dtype=np.int8)
    detail = ["" if s == PASS else (f"{v} x{counts[v]}" if v else "缺少编号 / no id") for v, s in zip(ids, state)]
    return CheckResult(state, detail)


def check_declared_area(measured_m2: np.ndarray, declared: np.ndarray, unit: str, tolerance_ratio: float,
                        tolerance_mu: float) -> CheckResult:
    """R04: |measured - declared| <= max(ratio x declared, tolerance in 亩) (no declared area: not checked)."""
    n = len(measured_m2)
    result = CheckResult.empty(n)
    declared_m2 = declared * UNIT_TO_M2[unit]
    known = ~np.isnan(measured_m2) & ~np.isnan(declared_m2)
    allowed = np.maximum(tolerance_ratio * np.abs(declared_m2), mu_to_m2(tolerance_mu))
    diff = measured_m2 - declared_m2
    result.state[known] = np.where(np.abs(diff[known]) <= allowed[known] + 1e-9, PASS, FAIL)
    for i in np.flatnonzero(known):
        if result.state[i] == FAIL:
            result.detail[i] = f"{diff[i] / UNIT_TO_M2['mu']:+.2f} 亩"
    for i in np.flatnonzero(np.isnan(declared_m2)):
        result.detail[i] = "缺少申报面积 / no declared area"
    return result


def check_min_area(measured_m2: np.ndarray, min_mu: float) -> CheckResult:
    """R09: measured area of at least ``min_mu`` 亩."""
    n = len(measured_m2)
    result = CheckResult.empty(n)
    known = ~np.isnan(measured_m2)
    result.state[known] = np.where(measured_m2[known] >= mu_to_m2(min_mu) - 1e-9, PASS, FAIL)
    return result


def check_target_class(target: list[str], allowed: list[str], project_index: np.ndarray,
                       project_classes: list[list[str]]) -> CheckResult:
    """R05: the target class is 耕地 (the rule's list) or an agricultural class the plot's project declares."""
    n = len(target)
    result = CheckResult.empty(n)
    base = LandClassTable.base_code
    allowed_base = {base(c) for c in allowed}
    for i, code in enumerate(target):
        if not code:
            result.detail[i] = "缺少目标地类 / no target class"
            continue
        extra = set()
        if project_index[i] >= 0 and project_index[i] < len(project_classes):
            extra = {base(c) for c in project_classes[project_index[i]]}
        ok = base(code) in allowed_base or base(code) in extra
        result.state[i] = PASS if ok else FAIL
        if not ok:
            result.detail[i] = code
    return result


__all__ = ["check_project_known", "check_unique_id", "check_declared_area", "check_min_area",
           "check_target_class", "NOT_CHECKED"]
