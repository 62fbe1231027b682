"""Field-quality checks where the field survey recorded a value (bureau defaults in the spirit of TD/T 1036-2013).

A missing or unreadable value gives "not checked", never "pass".
"""

from __future__ import annotations

import numpy as np

from .checks_geometry import CheckResult
from .codes import FAIL, PASS
from .inputs import _numbers

_YES = {"有", "是", "1", "y", "yes", "true", "t", "具备", "通达", "完善"}
_NO = {"无", "否", "0", "n", "no", "false", "f", "不具备", "不通达", "缺"}


def _bounds(values, n: int, low: float | None, high: float | None) -> CheckResult:
    x = _numbers(values, n)
    result = CheckResult.empty(n)
    known = ~np.isnan(x)
    ok = known.copy()
    if low is not None:
        ok &= x >= low - 1e-9
    if high is not None:
        ok &= x <= high + 1e-9
    result.state[known] = np.where(ok[known], PASS, FAIL)
    for i in np.flatnonzero(known & ~ok):
        result.detail[i] = f"{x[i]:g}"
    return result


def parse_presence(value) -> bool | None:
    """有/无, 是/否, 1/0, yes/no ... -> True/False; anything else (or nothing) -> None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not (isinstance(value, float) and value != value):
        return bool(value) if value in (0, 1) else None
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def check_soil_depth(values, n: int, min_cm: float) -> CheckResult:
    """R13: effective soil depth >= min_cm."""
    return _bounds(values, n, min_cm, None)


def check_plough_layer(values, n: int, min_cm: float) -> CheckResult:
    """R14: plough layer >= min_cm."""
    return _bounds(values, n, min_cm, None)


def check_gravel(values, n: int, max_percent: float) -> CheckResult:
    """R15: gravel content <= max_percent."""
    return _bounds(values, n, None, max_percent)


def check_ph(values, n: int, low: float, high: float) -> CheckResult:
    """R16: soil pH within [low, high]."""
    return _bounds(values, n, low, high)


def check_organic_matter(values, n: int, min_percent: float) -> CheckResult:
    """R17: organic matter >= min_percent."""
    return _bounds(values, n, min_percent, None)


def check_presence(values, n: int, required: bool) -> CheckResult:
    """R18 / R19: drainage or road access recorded as present (rule off: every recorded value passes)."""
    result = CheckResult.empty(n)
    for i, v in enumerate(values if values is not None else [None] * n):
        present = parse_presence(v)
        if present is None:
            continue
        result.state[i] = PASS if (present or not required) else FAIL
        if result.state[i] == FAIL:
            result.detail[i] = str(v)
    return result
