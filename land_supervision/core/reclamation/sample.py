"""Stratified random field sample (随机抽查): per project, a share of plots by count or by area, from a seed.

The draw is reproducible: plots are ordered by (project id, plot id) and each project draws from its own
generator seeded by (seed, project id), so adding a project never changes another project's sample.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

BY_COUNT, BY_AREA = "count", "area"


@dataclass
class SampleDraw:
    index: np.ndarray  # rows of the input, in sheet order (project, then draw order)
    number: np.ndarray  # 1.. per sheet
    stratum_size: np.ndarray  # plots in the row's project
    stratum_drawn: np.ndarray  # plots drawn in the row's project
    seed: int


def _project_rng(seed: int, project: str) -> np.random.Generator:
    key = hashlib.sha256(f"{int(seed)}:{project}".encode()).digest()
    return np.random.default_rng(int.from_bytes(key[:8], "little"))


def draw_sample(project_ids: list[str], plot_ids: list[str], areas: np.ndarray, ratio: float = 0.2,
                min_per_project: int = 1, by: str = BY_COUNT, seed: int = 1) -> SampleDraw:
    """Draw per project: by count ceil(ratio x plots) (at least ``min_per_project``, at most all); by area
    plots in random order until their area reaches ratio x the project's area (and at least the minimum)."""
    if not 0 <= ratio <= 1:
        raise ValueError("ratio must be within 0..1 / 抽样比例须在 0 到 1 之间")
    if by not in (BY_COUNT, BY_AREA):
        raise ValueError(f"by must be 'count' or 'area', not {by!r}")
    areas = np.nan_to_num(np.asarray(areas, dtype=float))
    groups: dict[str, list[int]] = {}
    for i, pid in enumerate(project_ids):
        groups.setdefault(pid or "", []).append(i)
    picked, size, drawn = [], [], []
    for pid in sorted(groups):
        rows = sorted(groups[pid], key=lambda i: (plot_ids[i], i))
        order = [rows[k] for k in _project_rng(seed, pid).permutation(len(rows))]
        if by == BY_COUNT:
            k = math.ceil(ratio * len(rows) - 1e-9)
        else:
            target = ratio * float(sum(areas[i] for i in rows))
            cumulative = np.cumsum([areas[i] for i in order])
            k = int(np.searchsorted(cumulative, target - 1e-9) + 1) if target > 0 else 0
        k = min(len(rows), max(int(min_per_project), k))
        chosen = order[:k]
        picked += chosen
        size += [len(rows)] * k
        drawn += [k] * k
    index = np.array(picked, dtype=int)
    return SampleDraw(index, np.arange(1, len(index) + 1), np.array(size, dtype=int), np.array(drawn, dtype=int),
                      int(seed))
