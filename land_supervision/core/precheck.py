"""用地预审 pre-check: one answer per drawn or listed project from the other four tools' layers and rules.

Per project polygon (working CRS, metres):
- constraints: its overlap with 永久基本农田, 生态保护红线 and each marine-park zone (with the zoning tool's verdict
  for the declared use), and how much lies inside / outside 城镇开发边界 (by 集中建设区 / 弹性发展区 where the
  layer has them); the overlapping pieces are kept for the map;
- what it consumes from the baseline survey (the ledger's 占补平衡 need, ``ledger.allocation_check``): 农用地 and
  未利用地 converted (plan quota), 耕地 net of 田坎 by 水田/水浇地/旱地, grain capacity, 林地 (03xx, gross);
- whether the ledger can cover it now: what the ledger already allocated to the same project id counts first
  (net of reversals), the rest is drawn from the current balances project by project in input order, and
  what is short (``coverage``, one row per project and requirement, with the balances drawn and, given the
  ledger's lots, the lots they would be drawn from: ``*_PC``);
- open patrol patches (not rectified) and earlier reclamation plots inside the footprint.
Areas are ellipsoidal on CGCS2000, in 亩 (m2 in the pieces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

import numpy as np
import shapely

from .geodesy import WORKING_CRS, ellipsoidal_area
from .grain import GrainTable
from .landclass import AGRICULTURAL, CULTIVATED, UNUSED, default_table
from .ledger.allocation_check import REQUIREMENTS, STATUS, Needs, baseline_overlay, project_needs
from .tables import FeatureTable
from .units import M2_PER_MU

CENT = Decimal("0.01")
MIN_PIECE_M2 = 0.01  # slivers below this are rounding, not overlap
FOREST_PREFIX = "03"
ISSUES = {  # code -> (Chinese, English)
    "FARMLAND": ("占用永久基本农田", "occupies permanent basic farmland"),
    "REDLINE": ("涉及生态保护红线", "inside the ecological red line"),
    "OUTSIDE_BOUNDARY": ("位于城镇开发边界外", "outside the urban development boundary"),
    "PARK_PROHIBITED": ("海洋公园禁止", "prohibited in the marine park"),
    "PARK_CONDITIONAL": ("海洋公园限制", "conditional in the marine park"),
    "QUOTA_SHORT": ("指标缺口", "quota short"),
    "OPEN_PATCH": ("存在未整改卫片图斑", "open patrol patches inside"),
    "RECLAIMED_PLOT": ("占用已复垦地块", "destroys reclaimed plots"),
}


@dataclass
class Areas:
    """Polygons of one constraint layer, with an optional kind per polygon (zone type, 集中/弹性)."""

    geoms: np.ndarray
    kinds: np.ndarray | None = None

    def __post_init__(self):
        self.geoms = np.asarray(self.geoms, dtype=object).reshape(-1)
        if self.kinds is not None:
            self.kinds = np.asarray([str(k or "") for k in self.kinds], dtype=object)


@dataclass
class Marked:
    """Features of another tool inside which a project may fall (open patches, reclaimed plots)."""

    geoms: np.ndarray
    ids: list[str]


@dataclass
class Baseline:
    geoms: np.ndarray
    codes: np.ndarray
    kcxs: np.ndarray
    grades: np.ndarray | None = None


@dataclass
class PrecheckResult:
    rows: list[dict]
    needs: Needs
    quota_rows: list[dict]  # the coverage rows (``coverage``); empty without a ledger
    pieces: FeatureTable
    warnings: list = field(default_factory=list)


# what the ledger may draw for each requirement, in drawing order (the ledger's 占补平衡 check's own table)
REQUIREMENT_KEYS = {req: keys for req, (_zh, _en, _unit, keys) in REQUIREMENTS.items()}
NEED_FIELDS = {"plan": "JHZB", "cultivated_area": "GD", "paddy_area": "ST", "grain_capacity": "CN"}
# a lots drawer: (kind, component, amount) -> the ledger lots that amount would be drawn from, as text
LotsDrawer = Callable[[str, str, Decimal], str]


def _cent(value) -> Decimal:
    """Rounded to 0.01 half up, as the ledger's 占补平衡 check compares."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def coverage(ids: list[str], needs: Needs, allocated: dict | None, balances: dict,
             lots: LotsDrawer | None = None) -> list[dict]:
    """Whether the ledger can cover each project now: one row per project and requirement (plan quota,
    补充耕地 数量/水田/产能), in input order.

    ``allocated``: project id -> (kind, component) -> Decimal already allocated to it (net of reversals,
    ``allocation_check.allocated_by_project``): that counts first, so a project the ledger already covers is
    not short and its quota is not drawn twice. ``balances``: (kind, component) -> Decimal available now; what
    is still needed is drawn from them project by project (plan quota first from 计划指标, then from 节余指标),
    and what they cannot give is short. The figures are those of ``allocation_check.check_allocations``
    (the same 0.01 rounding), with the balance at each project's turn and the amounts drawn per ledger key.

    ``lots``: where the ledger's lots (batches of quota) are known, a callable called once per amount drawn,
    in drawing order, returning the lots it would come from; its text goes to ``lots`` (None without one).
    """
    available = {k: Decimal(v) for k, v in balances.items()}
    allocated = allocated or {}
    arrays = {"plan": needs.agricultural, "cultivated_area": needs.cultivated, "paddy_area": needs.paddy,
              "grain_capacity": needs.grain}
    rows = []
    for i, project in enumerate(ids):
        mine = allocated.get(project, {})
        for req, (zh, en, unit, keys) in REQUIREMENTS.items():
            need = _cent(arrays[req][i])
            got = _cent(sum((Decimal(mine.get(k, 0)) for k in keys), Decimal(0)))
            to_draw = max(need - got, Decimal(0))
            before = sum((max(available.get(k, Decimal(0)), Decimal(0)) for k in keys), Decimal(0))
            draws: dict[tuple[str, str], Decimal] = {}
            drawn = Decimal(0)
            for key in keys:
                take = min(to_draw - drawn, max(available.get(key, Decimal(0)), Decimal(0)))
                if take > 0:
                    available[key] = available.get(key, Decimal(0)) - take
                    draws[key] = take
                    drawn += take
            short = to_draw - drawn
            status = "covered" if to_draw == 0 else ("coverable" if short == 0 else "short")
            lot_text = None
            if lots is not None:
                texts = [lots(kind, comp, amount) for (kind, comp), amount in draws.items()]
                lot_text = "; ".join(t for t in texts if t)
            rows.append({"project_id": project, "requirement": req, "requirement_zh": zh, "requirement_en": en,
                         "unit": unit, "need": need, "allocated": got, "short_of_allocation": to_draw,
                         "balance_before": _cent(before), "draws": draws, "from_balance": _cent(drawn),
                         "short": _cent(short), "status": status, "status_zh": STATUS[status][0], "lots": lot_text})
    return rows


COVERAGE_FIELDS = [("XMBH", "str"), ("YQDM", "str"), ("YQMC", "str"), ("DW", "str"), ("XQ", "float"),
                   ("YAP", "float"), ("DAP", "float"), ("YE", "float"), ("KB", "float"), ("QK", "float"),
                   ("ZT", "str"), ("KBMX", "str"), ("PC", "str")]


def coverage_table(rows: list[dict]) -> FeatureTable:
    """The coverage rows as a table without geometry: XMBH project, YQDM/YQMC requirement, DW unit, XQ need,
    YAP already allocated to the project, DAP still to allocate, YE the balance at its turn, KB drawn from it,
    QK short, ZT status, KBMX the amounts drawn per ledger kind.component, PC the lots they would be drawn from
    (lot and amount, oldest first as a posting would draw; NULL without a ``lots`` drawer)."""
    columns: dict[str, list] = {name: [] for name, _ in COVERAGE_FIELDS}
    for row in rows:
        values = {"XMBH": row["project_id"], "YQDM": row["requirement"], "YQMC": row["requirement_zh"],
                  "DW": row["unit"], "XQ": row["need"], "YAP": row["allocated"], "DAP": row["short_of_allocation"],
                  "YE": row["balance_before"], "KB": row["from_balance"], "QK": row["short"], "ZT": row["status_zh"],
                  "KBMX": "; ".join(f"{k}.{c}={_amount_text(v)}" for (k, c), v in row["draws"].items()),
                  "PC": row["lots"]}
        for name, kind in COVERAGE_FIELDS:
            value = values[name]
            columns[name].append(float(value) if kind == "float" else value)
    return FeatureTable("precheck_coverage", COVERAGE_FIELDS, columns, None, "None",
                        description="用地预审 quota coverage: per project and requirement, what is allocated, "
                                    "what the balances would give and what is short")


def _amount_text(value: Decimal) -> str:
    """An exact amount with at least 2 decimals (10.00, 2.50, 6406.5334)."""
    text = f"{Decimal(value).normalize():f}"
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def allocation_amounts(row: dict, allocated: dict | None = None) -> dict[tuple[str, str], Decimal]:
    """What an allocation to a pre-checked project would post: each requirement's need less what the ledger
    already allocated to it (*_MU/CN_KG less *_YAP; 0.01 亩, 0.1 kg), the plan quota as 计划指标. A
    compensation amount carries its three components; a requirement already covered gives nothing.

    ``allocated``: (kind, component) -> amount the ledger has allocated to the project now (one project's
    entry of ``allocation_check.allocated_by_project``), counted as ``coverage`` counts it, instead of the
    row's *_YAP (what it had when the pre-check ran: a posting since then would be offered again)."""
    amounts: dict[tuple[str, str], Decimal] = {}
    for req, prefix in NEED_FIELDS.items():
        need = row.get(f"{prefix}_KG" if prefix == "CN" else f"{prefix}_MU")
        got = row.get(f"{prefix}_YAP") if allocated is None else \
            sum((Decimal(allocated.get(k, 0)) for k in REQUIREMENT_KEYS[req]), Decimal(0))
        value = _cent(max(_cent(_number(need)) - _cent(_number(got)), Decimal(0)))
        if value > 0:
            amounts[REQUIREMENT_KEYS[req][0]] = value
    if any(k[0] == "compensation" for k in amounts):
        for req in ("cultivated_area", "paddy_area", "grain_capacity"):
            amounts.setdefault(REQUIREMENT_KEYS[req][0], Decimal("0.00"))
    return amounts


def _number(value) -> float:
    """A figure of a result row as a float (NULL, None or empty: 0)."""
    try:
        return 0.0 if value is None or str(value) in ("", "NULL") else float(value)
    except (TypeError, ValueError):
        return 0.0


def _pieces(projects: np.ndarray, areas: Areas, crs: str):
    """(project index, area index, piece geometry, m2) of every overlap above MIN_PIECE_M2."""
    tree = shapely.STRtree(areas.geoms)
    pi, ai = tree.query(projects, predicate="intersects")
    if len(pi) == 0:
        return pi, ai, np.zeros(0, dtype=object), np.zeros(0)
    parts = shapely.intersection(projects[pi], areas.geoms[ai])
    m2 = ellipsoidal_area(parts, crs)
    keep = m2 > MIN_PIECE_M2
    return pi[keep], ai[keep], parts[keep], m2[keep]


def _inside(projects: np.ndarray, marked: Marked | None) -> list[list[str]]:
    """Ids of the marked features each project overlaps (by area, touching does not count)."""
    out: list[list[str]] = [[] for _ in range(len(projects))]
    if marked is None or len(marked.geoms) == 0:
        return out
    geoms = np.asarray(marked.geoms, dtype=object)
    pi, mi = shapely.STRtree(geoms).query(projects, predicate="intersects")
    if len(pi):
        overlap = shapely.area(shapely.intersection(projects[pi], geoms[mi])) > MIN_PIECE_M2
        for p, m in zip(pi[overlap], mi[overlap]):
            out[p].append(str(marked.ids[m]))
    return out


def _gross_by_kind(projects: np.ndarray, baseline: Baseline, overlay: tuple):
    """(农用地 incl. 耕地, 未利用地, 林地) per project, gross 亩, from the overlay with the baseline
    (``baseline_overlay``; pieces above MIN_PIECE_M2, as every overlap the pre-check reports)."""
    n = len(projects)
    pi, bi, m2 = overlay
    keep = m2 > MIN_PIECE_M2
    pi, bi, m2 = pi[keep], bi[keep], m2[keep]
    if len(pi) == 0:
        return np.zeros(n), np.zeros(n), np.zeros(n)
    codes = np.asarray(baseline.codes, dtype=object)[bi]
    groups = default_table().groups(codes)
    mu = m2 / M2_PER_MU
    forest = np.char.startswith(codes.astype(str), FOREST_PREFIX)
    return tuple(np.bincount(pi, weights=np.where(mask, mu, 0.0), minlength=n)
                 for mask in (np.isin(groups, [CULTIVATED, AGRICULTURAL]), np.isin(groups, [UNUSED]), forest))


def run_precheck(ids: list[str], projects, baseline: Baseline, grain: GrainTable, *, farmland: Areas | None = None,
                 redline: Areas | None = None, dev_boundary: Areas | None = None, park=None, park_rules=None,
                 uses=None, balances: dict | None = None, allocated: dict | None = None,
                 open_patches: Marked | None = None, reclaimed: Marked | None = None, crs: str = WORKING_CRS,
                 lots: LotsDrawer | None = None) -> PrecheckResult:
    """The pre-check of every project (see the module docstring).

    ``park``: a zoning ``ZoneSet`` and ``park_rules`` its ``RuleMatrix``; ``uses``: the declared activity type of
    each project for the park verdict; ``balances``: (kind, component) -> Decimal available now (None: no ledger);
    ``allocated``: what the ledger already allocated per project id (see ``coverage``); ``lots``: see ``coverage``.
    """
    projects = np.asarray(projects, dtype=object).reshape(-1)
    n = len(projects)
    ids = [str(i) for i in ids]
    area_mu = ellipsoidal_area(projects, crs) / M2_PER_MU
    piece_rows: list[tuple[str, str, str, object, float]] = []  # project, layer, kind, geometry, m2

    def overlap(key: str, areas: Areas | None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        total, by_kind = np.zeros(n), {}
        if areas is None or len(areas.geoms) == 0:
            return total, by_kind
        pi, ai, parts, m2 = _pieces(projects, areas, crs)
        total = np.bincount(pi, weights=m2 / M2_PER_MU, minlength=n) if len(pi) else total
        kinds = areas.kinds[ai] if areas.kinds is not None else np.full(len(pi), "", dtype=object)
        for kind in sorted(set(kinds.tolist()) - {""}):
            sel = kinds == kind
            by_kind[kind] = np.bincount(pi[sel], weights=m2[sel] / M2_PER_MU, minlength=n)
        piece_rows.extend((ids[p], key, k, g, a) for p, k, g, a in zip(pi, kinds, parts, m2))
        return total, by_kind

    farmland_mu, _ = overlap("永久基本农田", farmland)
    redline_mu, _ = overlap("生态保护红线", redline)
    inside_mu, boundary_kinds = overlap("城镇开发边界", dev_boundary)
    park_mu, park_by_zone = (np.zeros(n), {})
    park_verdicts = np.full(n, "", dtype=object)
    park_rules_text = np.full(n, "", dtype=object)
    if park is not None:
        park_mu, park_by_zone = overlap("海洋公园", Areas(park.geoms, park.types))
        if park_rules is not None:
            from .zoning.conformance import check_conformance

            declared = ["" if u is None else str(u) for u in (uses if uses is not None else [""] * n)]
            result = check_conformance(projects, declared, park, park_rules, ids=ids, layer="projects")
            park_verdicts, park_rules_text = result.verdict, result.rule_text

    overlay = baseline_overlay(projects, baseline.geoms, crs)  # once, for the needs and the gross areas
    needs = project_needs(projects, baseline.geoms, baseline.codes, baseline.kcxs, crs, grain, baseline.grades,
                          overlay)
    agricultural_mu, unused_mu, forest_mu = _gross_by_kind(projects, baseline, overlay)
    quota_rows = coverage(ids, needs, allocated, balances, lots) if balances is not None else []
    short = {(r["project_id"], r["requirement"]): r["short"] for r in quota_rows}
    got = {(r["project_id"], r["requirement"]): r["allocated"] for r in quota_rows}
    lot_texts = {(r["project_id"], r["requirement"]): r["lots"] for r in quota_rows}
    patches_in = _inside(projects, open_patches)
    plots_in = _inside(projects, reclaimed)

    by_kind = dev_boundary is not None and dev_boundary.kinds is not None  # 集中/弹性 only where the layer says
    judged = park is not None and park_rules is not None and uses is not None  # a verdict needs a declared use
    rows = []
    for i, project in enumerate(ids):
        quota_short = any(short.get((project, req), Decimal(0)) > 0
                          for req in ("plan", "cultivated_area", "paddy_area", "grain_capacity"))
        issues = _issues(farmland_mu[i], redline_mu[i], area_mu[i] - inside_mu[i] if dev_boundary is not None else None,
                         park_verdicts[i] if judged else "", quota_short, patches_in[i], plots_in[i])
        row = {
            "XMBH": project, "ZMJ_MU": area_mu[i],
            "YJJBNT_MU": farmland_mu[i], "STHX_MU": redline_mu[i],
            "KFBJ_IN_MU": inside_mu[i] if dev_boundary is not None else None,
            "KFBJ_OUT_MU": max(area_mu[i] - inside_mu[i], 0.0) if dev_boundary is not None else None,
            "JZJSQ_MU": boundary_kinds.get("集中建设区", np.zeros(n))[i] if by_kind else None,
            "TXFZQ_MU": boundary_kinds.get("弹性发展区", np.zeros(n))[i] if by_kind else None,
            "HYGY_MU": park_mu[i], "YGGK_MU": park_by_zone.get("严格管控区", np.zeros(n))[i],
            "HLLY_MU": park_by_zone.get("合理利用区", np.zeros(n))[i],
            "HYGY_JL": park_verdicts[i] if judged else None, "HYGY_GZ": park_rules_text[i] if judged else None,
            "NYD_MU": agricultural_mu[i], "WLYD_MU": unused_mu[i], "JHZB_MU": needs.agricultural[i],
            "GD_MU": needs.cultivated[i], "ST_MU": needs.paddy[i], "CN_KG": needs.grain[i], "LD_MU": forest_mu[i],
            "JHZB_YAP": _ledger_figure(got, project, "plan", balances),
            "GD_YAP": _ledger_figure(got, project, "cultivated_area", balances),
            "ST_YAP": _ledger_figure(got, project, "paddy_area", balances),
            "CN_YAP": _ledger_figure(got, project, "grain_capacity", balances),
            "JHZB_QK": _ledger_figure(short, project, "plan", balances),
            "GD_QK": _ledger_figure(short, project, "cultivated_area", balances),
            "ST_QK": _ledger_figure(short, project, "paddy_area", balances),
            "CN_QK": _ledger_figure(short, project, "grain_capacity", balances),
            "JHZB_PC": lot_texts.get((project, "plan")), "GD_PC": lot_texts.get((project, "cultivated_area")),
            "ST_PC": lot_texts.get((project, "paddy_area")), "CN_PC": lot_texts.get((project, "grain_capacity")),
            "WZG_TB": ";".join(patches_in[i]), "FK_DK": ";".join(plots_in[i]),
            "WTDM": ";".join(issues), "WTSM": "；".join(ISSUES[c][0] for c in issues),
        }
        rows.append(row)
    pieces = FeatureTable(
        "precheck_pieces", [("XMBH", "str"), ("TC", "str"), ("LX", "str"), ("MJ_M2", "float"), ("MJ_MU", "float")],
        {"XMBH": [r[0] for r in piece_rows], "TC": [r[1] for r in piece_rows], "LX": [r[2] for r in piece_rows],
         "MJ_M2": [float(r[4]) for r in piece_rows], "MJ_MU": [float(r[4]) / M2_PER_MU for r in piece_rows]},
        np.array([r[3] for r in piece_rows], dtype=object), "Polygon", crs,
        description="用地预审 constraint pieces: each project's overlap with a constraint layer")
    return PrecheckResult(rows, needs, quota_rows, pieces)


def _issues(farmland_mu: float, redline_mu: float, outside_mu: float | None, park_verdict: str, quota_short: bool,
            open_patches, reclaimed_plots) -> list[str]:
    """The issue codes of one project (``outside_mu`` None without a development boundary layer)."""
    issues = []
    if farmland_mu > 0:
        issues.append("FARMLAND")
    if redline_mu > 0:
        issues.append("REDLINE")
    if outside_mu is not None and outside_mu > 0.005:
        issues.append("OUTSIDE_BOUNDARY")
    if park_verdict == "禁止":
        issues.append("PARK_PROHIBITED")
    elif park_verdict == "限制":
        issues.append("PARK_CONDITIONAL")
    if quota_short:
        issues.append("QUOTA_SHORT")
    if open_patches:
        issues.append("OPEN_PATCH")
    if reclaimed_plots:
        issues.append("RECLAIMED_PLOT")
    return issues


def _ledger_figure(figures: dict, project: str, requirement: str, balances) -> float | None:
    """A per-project ledger figure (short, already allocated), None without a ledger (not checked)."""
    return None if balances is None else float(figures.get((project, requirement), Decimal(0)))


FIELDS = [("XMBH", "str"), ("ZMJ_MU", "float"), ("YJJBNT_MU", "float"), ("STHX_MU", "float"),
          ("KFBJ_IN_MU", "float"), ("KFBJ_OUT_MU", "float"), ("JZJSQ_MU", "float"), ("TXFZQ_MU", "float"),
          ("HYGY_MU", "float"), ("YGGK_MU", "float"), ("HLLY_MU", "float"), ("HYGY_JL", "str"), ("HYGY_GZ", "str"),
          ("NYD_MU", "float"), ("WLYD_MU", "float"), ("JHZB_MU", "float"), ("GD_MU", "float"), ("ST_MU", "float"),
          ("CN_KG", "float"), ("LD_MU", "float"), ("JHZB_YAP", "float"), ("GD_YAP", "float"), ("ST_YAP", "float"),
          ("CN_YAP", "float"), ("JHZB_QK", "float"), ("GD_QK", "float"), ("ST_QK", "float"),
          ("CN_QK", "float"), ("JHZB_PC", "str"), ("GD_PC", "str"), ("ST_PC", "str"), ("CN_PC", "str"),
          ("WZG_TB", "str"), ("FK_DK", "str"), ("WTDM", "str"), ("WTSM", "str")]


def precheck_table(result: PrecheckResult, projects, crs: str = WORKING_CRS) -> FeatureTable:
    """One row per project with every figure (亩 rounded to 0.01, kg to 0.1), the project polygon as geometry."""
    columns: dict[str, list] = {name: [] for name, _ in FIELDS}
    for row in result.rows:
        for name, kind in FIELDS:
            value = row[name]
            if kind == "float" and value is not None:
                value = round(float(value), 1 if name.endswith("_KG") or name in ("CN_QK", "CN_YAP") else 2)
            columns[name].append(value)
    return FeatureTable("project_precheck", FIELDS, columns, np.asarray(projects, dtype=object), "Polygon", crs,
                        description="用地预审 pre-check: constraints, consumption, quota coverage per project")
