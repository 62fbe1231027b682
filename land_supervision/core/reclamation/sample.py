"""Stratified random field sample (随机抽查): per project, a share of plots by count or by area, from a seed.

The draw is reproducible: plots are ordered by (project id, plot id) and each project draws from its own
generator seeded by (seed, project id), so adding a project never changes another project's sample.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from ...constants import WORKING_CRS
from ..geodesy import ellipsoidal_area
from ..tables import FeatureTable
from .codes import REJECTED

BY_COUNT, BY_AREA = "count", "area"
# the sheet's own columns: draw number, plots and drawn in the project, seed, method; filled in the field
SHEET_FIELDS = [("CYXH", "int"), ("CYZS", "int"), ("CYS", "int"), ("CYZZ", "int"), ("CYFS", "str"),
                ("SCJL", "str"), ("HCR", "str"), ("HCRQ", "str")]


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


@dataclass
class SampleSheet:
    """The drawn plots as the sample sheet (their fields, then SHEET_FIELDS), and the counts of the log."""

    table: FeatureTable
    eligible: int  # plots the draw was made from
    projects: int  # projects among them


def sample_sheet(geoms, columns: dict, fields: list, project_field: str, id_field: str, verdict_field: str = "",
                 include_rejected: bool = False, ratio: float = 0.2, min_per_project: int = 1, by: str = BY_COUNT,
                 seed: int = 1, crs: str = WORKING_CRS) -> SampleSheet:
    """Draw the sample of checked plots (``geoms`` in ``crs``, ``columns`` by field name) and build its sheet.
    ``fields``: (name, kind) of the plots' fields to carry over (a field of SHEET_FIELDS is left out: the sheet
    writes its own). Plots rejected in ``verdict_field`` are left out unless ``include_rejected``."""
    eligible = np.ones(len(geoms), dtype=bool)
    if verdict_field and not include_rejected:
        eligible = np.array([str(v or "") != REJECTED for v in columns[verdict_field]], dtype=bool)
    rows = np.flatnonzero(eligible)
    pids = [str(columns[project_field][i] or "") for i in rows]
    ids = [str(columns[id_field][i] or "") for i in rows]
    areas = ellipsoidal_area(np.asarray(geoms, dtype=object)[rows], crs)
    draw = draw_sample(pids, ids, areas, ratio, min_per_project, by, seed)
    chosen = rows[draw.index]
    fields = [(name, kind) for name, kind in fields if name not in dict(SHEET_FIELDS)]
    out = {name: [_cast(columns[name][i], kind) for i in chosen] for name, kind in fields}
    out.update({"CYXH": draw.number.tolist(), "CYZS": draw.stratum_size.tolist(),
                "CYS": draw.stratum_drawn.tolist(), "CYZZ": [seed] * len(chosen), "CYFS": [by] * len(chosen),
                "SCJL": [""] * len(chosen), "HCR": [""] * len(chosen), "HCRQ": [""] * len(chosen)})
    table = FeatureTable("reclamation_sample", fields + SHEET_FIELDS, out, np.asarray(geoms, dtype=object)[chosen],
                         "Polygon", crs)
    return SampleSheet(table, len(rows), len(set(pids)))


def _cast(value, kind):
    if value is None:
        return None
    if kind == "str":
        return str(value)
    return value
