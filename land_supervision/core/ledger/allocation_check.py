"""占补平衡 check: what a project's polygon needs (from the baseline survey) against what it was allocated.

Needs, from the project polygon overlaid on the 三调 patches (ellipsoidal areas):
- plan quota (新增建设用地计划指标): the 农用地 (耕地 included) and the 未利用地 it turns into construction land,
  gross area (土地利用年度计划管理办法: the plan quota covers new construction land on both; land the baseline
  records as construction land needs none);
- compensation 耕地数量: its 耕地 (0101/0102/0103) net of 田坎 (part area x (1 - KCXS)), 占一补一;
- compensation 水田规模: the net 水田 (0101) it occupies (占水田补水田);
- compensation 粮食产能: net 耕地 area x the grain rate of its class and 耕地质量等别 where the baseline has one
  (kg/亩, resources/grain_capacity.csv, the table the reclamation credit uses too; bureau defaults).
Allocated: the project's allocation lines net of reversals; plan needs are covered by plan and by linkage
surplus allocations. What is short of the allocation may be covered from the current balance of that
quota (projects in order, each taking what the previous left); what remains is short. Comparisons are on
values rounded to 0.01 (the reported precision). Given the ledger's lots, each row also names the lots that
balance would be drawn from (the oldest first, as a posting would: ``lots.plan_draws`` answers the same
question for one need).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import shapely

from ..geodesy import ellipsoidal_area
from ..grain import GRAIN_TABLE, GrainTable, read_grain_table
from ..landclass import AGRICULTURAL, CULTIVATED, PADDY, UNUSED, cultivated_kind, default_table
from ..messages import Message
from ..units import M2_PER_MU
from .lots import LotBook
from .model import from_units, to_units

GRAIN_RATES = GRAIN_TABLE
CENT = Decimal("0.01")

# requirement -> (Chinese, English, unit, ledger lines that cover it)
REQUIREMENTS = {
    "plan": ("新增建设用地计划指标(农用地、未利用地)", "plan quota (agricultural and unused land converted)", "亩",
             (("plan", "area"), ("linkage_surplus", "area"))),
    "cultivated_area": ("补充耕地·耕地数量", "compensation: cultivated area", "亩",
                        (("compensation", "cultivated_area"),)),
    "paddy_area": ("补充耕地·水田规模", "compensation: paddy area", "亩", (("compensation", "paddy_area"),)),
    "grain_capacity": ("补充耕地·粮食产能", "compensation: grain capacity", "kg",
                       (("compensation", "grain_capacity"),)),
}
STATUS = {"covered": ("已覆盖", "covered"), "coverable": ("余额可补足", "coverable from the balance"),
          "short": ("缺口", "short")}


def read_grain_rates(path: str | Path = GRAIN_RATES) -> GrainTable:
    """The grain capacity table (``core.grain``): kg per 亩 by 耕地 code, and by grade where given."""
    return read_grain_table(path)


@dataclass
class Needs:
    """Per project: land needing plan quota (农用地 + 未利用地, gross), 耕地 net, 水田 net (亩) and grain capacity
    (kg), as float arrays."""

    agricultural: np.ndarray
    cultivated: np.ndarray
    paddy: np.ndarray
    grain: np.ndarray


def baseline_overlay(projects: np.ndarray, baseline: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray,
                                                                                    np.ndarray]:
    """(project index, patch index, m2 of their overlap) of every project and baseline patch that meet, in one
    vectorised pass: a patch wholly inside its project counts its own area (no intersection computed; most
    patches of a large project), the others their intersection."""
    projects = np.asarray(projects, dtype=object)
    baseline = np.asarray(baseline, dtype=object)
    pi, bi = shapely.STRtree(baseline).query(projects, predicate="intersects")
    if len(pi) == 0:
        return pi, bi, np.zeros(0)
    shapely.prepare(projects)
    parts = baseline[bi].copy()
    cut = np.flatnonzero(~shapely.contains_properly(projects[pi], parts))
    parts[cut] = shapely.intersection(projects[pi[cut]], parts[cut])
    return pi, bi, ellipsoidal_area(parts, crs)


def project_needs(projects: np.ndarray, baseline: np.ndarray, codes, kcxs, crs: str,
                  grain_rates: GrainTable | dict[str, Decimal], grades=None, overlay=None) -> Needs:
    """Overlay ``projects`` on the baseline patches (vectorised) and sum the needs per project.

    ``grades``: the 耕地质量等别 of each patch (NaN or None where not recorded), for the grain rate;
    ``overlay``: ``baseline_overlay(projects, baseline, crs)`` when the caller has it already."""
    n = len(projects)
    pi, bi, m2 = overlay if overlay is not None else baseline_overlay(projects, baseline, crs)
    zeros = np.zeros(n)
    if len(pi) == 0:
        return Needs(zeros, zeros.copy(), zeros.copy(), zeros.copy())
    mu = m2 / M2_PER_MU
    codes = np.asarray(codes, dtype=object)[bi]
    groups = default_table().groups(codes)
    converted = np.isin(groups, [CULTIVATED, AGRICULTURAL, UNUSED])
    kinds = np.array([cultivated_kind(c) or "" for c in codes], dtype=object)
    ratio = np.nan_to_num(np.asarray(kcxs, dtype=float)[bi], nan=0.0)
    net = np.where(kinds != "", mu * (1.0 - ratio), 0.0)
    if isinstance(grain_rates, GrainTable):
        rate = grain_rates.rates(kinds, None if grades is None else np.asarray(grades, dtype=float)[bi])
    else:
        rate = np.array([float(grain_rates.get(k, 0)) for k in kinds])
    return Needs(np.bincount(pi, weights=np.where(converted, mu, 0.0), minlength=n),
                 np.bincount(pi, weights=net, minlength=n),
                 np.bincount(pi, weights=np.where(kinds == PADDY, net, 0.0), minlength=n),
                 np.bincount(pi, weights=net * rate, minlength=n))


def allocated_by_project(ledger) -> dict[str, dict[tuple[str, str], Decimal]]:
    """Net allocated amounts (allocations minus their reversals) per project and (kind, component)."""
    out: dict[str, dict[tuple[str, str], int]] = {}
    for line in ledger.entries("project_id <> '' AND direction = 'out' AND txn_type IN ('allocation', 'reversal')"):
        acc = out.setdefault(line["project_id"], {})
        key = (line["kind"], line["component"])
        acc[key] = acc.get(key, 0) - line["amount"]
    return {p: {k: from_units(v) for k, v in d.items()} for p, d in out.items()}


def _cent(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def check_allocations(project_ids: list[str], needs: Needs, allocated: dict, balances: dict,
                      book: LotBook | None = None) -> list[dict]:
    """One row per project and requirement: need, allocated, short of allocation, from balance, short, status,
    and (given the ledger's ``book`` of lots) ``lots``: the lots the part from the balance would be drawn from.

    ``balances``: (kind, component) -> Decimal available now; consumed project by project (and so are the lots,
    in a what-if: ``book`` itself is not changed).
    """
    available = dict(balances)
    promised: dict = {}  # (lot id, key) -> units the projects before took from that lot
    arrays = {"plan": needs.agricultural, "cultivated_area": needs.cultivated, "paddy_area": needs.paddy,
              "grain_capacity": needs.grain}
    rows = []
    for i, project in enumerate(project_ids):
        mine = allocated.get(project, {})
        for req, (zh, en, unit, keys) in REQUIREMENTS.items():
            need = _cent(arrays[req][i])
            got = _cent(sum((mine.get(k, Decimal(0)) for k in keys), Decimal(0)))
            short_alloc = max(need - got, Decimal(0))
            from_balance = Decimal(0)
            drawn = []
            for key in keys:
                take = min(short_alloc - from_balance, max(available.get(key, Decimal(0)), Decimal(0)))
                available[key] = available.get(key, Decimal(0)) - take
                from_balance += take
                if book is not None and take > 0:
                    taken, _short = book.take_order(key, to_units(take), less=promised)
                    for lot_id, units in taken:
                        promised[(lot_id, key)] = promised.get((lot_id, key), 0) + units
                    drawn += [f"{lot_id} {from_units(units):.2f}" for lot_id, units in taken]
            short = short_alloc - from_balance
            status = "covered" if short_alloc == 0 else ("coverable" if short == 0 else "short")
            rows.append({"project_id": project, "requirement": req, "requirement_zh": zh, "requirement_en": en,
                         "unit": unit, "need": need, "allocated": got, "short_of_allocation": short_alloc,
                         "from_balance": _cent(from_balance), "short": _cent(short), "status": status,
                         "status_zh": STATUS[status][0], "lots": "; ".join(drawn)})
    return rows


def summary_line(row: dict) -> Message:
    """A sentence for the log: '项目 X 粮食产能: 需 a, 已安排 b, 缺 c kg'."""
    return Message("项目 {p} {rz}: 需要 {need} {u},已安排 {got},余额可补 {bal},缺 {short} {u}",
                   "project {p} {re}: needs {need} {u}, allocated {got}, from balance {bal}, short {short} {u}").format(
        p=row["project_id"], rz=row["requirement_zh"], re=row["requirement_en"], need=row["need"], u=row["unit"],
        got=row["allocated"], bal=row["from_balance"], short=row["short"])
