"""Run every acceptance check on every plot and give each plot its verdict (合格/不合格/待核实)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely

from ...constants import WORKING_CRS
from ..geodesy import ellipsoidal_area
from ..landclass import cultivated_kind, is_construction_code
from ..messages import InputError, Message
from . import checks_attributes as attr
from . import checks_geometry as geo
from . import checks_quality as qual
from .codes import ACCEPTED, CODES, FAIL, NOT_CHECKED, PENDING, REASONS, REJECTED
from .inputs import Plots, Projects, Towns
from .rules import RuleTable


@dataclass
class Baseline:
    geometry: np.ndarray
    class_codes: list[str]
    kcxs: np.ndarray | None = None  # 田坎 coefficient KCXS per patch (NaN or None: 0)


@dataclass
class AcceptanceResult:
    plots: Plots
    projects: Projects
    rules: RuleTable
    geometry: np.ndarray  # repaired plot geometry (None where unusable)
    measured_m2: np.ndarray
    share: np.ndarray
    coverage: np.ndarray
    project_index: np.ndarray
    states: dict[str, np.ndarray]
    details: dict[str, list[str]]
    verdicts: list[str]
    town_names: list[str]
    town_codes: list[str]
    project_town: list[tuple[str, str]]
    warnings: list[InputError] = field(default_factory=list)
    crs: str = WORKING_CRS
    net_share: np.ndarray | None = None  # share of the plot on baseline construction land, net of 田坎
    _matrix: np.ndarray | None = field(default=None, repr=False)

    def state_matrix(self) -> np.ndarray:
        """(plots x checks) states in CODES order."""
        if not CODES:
            return np.zeros((len(self.verdicts), 0), dtype=np.int8)
        return np.stack([self.states[code] for code in CODES], axis=1)

    def reasons(self, i: int, state: int = FAIL) -> list[str]:
        if self._matrix is None:
            self._matrix = self.state_matrix()
        return [CODES[k] for k in np.flatnonzero(self._matrix[i] == state)]

    def reason_text(self, i: int, language: str = "zh", codes: list[str] | None = None) -> str:
        parts = []
        for code in (self.reasons(i) if codes is None else codes):
            text = REASONS[code].message.text(language)
            detail = self.details[code][i]
            parts.append(f"{code[:3]} {text}" + (f"（{detail}）" if detail and language == "zh" else
                                                  f" ({detail})" if detail else ""))
        return "；".join(parts) if language == "zh" else "; ".join(parts)

    @property
    def new_m2(self) -> np.ndarray:
        """Per plot, the area that becomes new land: its part on baseline construction land, net of 田坎 (m2).

        Land the baseline already records as 耕地 or other 农用地 is not new, whatever the 90% test (R01) says.
        """
        net = self.share if self.net_share is None else self.net_share
        return np.nan_to_num(self.measured_m2) * np.nan_to_num(net)

    def cultivated_kind(self, i: int) -> str | None:
        return cultivated_kind(self.plots.target_class[i]) if self.plots.target_class[i] else None


def verdicts_of(matrix: np.ndarray) -> list[str]:
    """Per row of a (plots x checks) state matrix: 不合格 if any FAIL, else 待核实 if any NOT_CHECKED, else 合格."""
    fail = (matrix == FAIL).any(axis=1)
    pending = (matrix == NOT_CHECKED).any(axis=1)
    return np.where(fail, REJECTED, np.where(pending, PENDING, ACCEPTED)).astype(object).tolist()


def _project_index(plot_project_ids: list[str], projects: Projects) -> np.ndarray:
    lookup: dict[str, int] = {}
    for row, pid in enumerate(projects.ids):
        lookup.setdefault(pid, row)
    return np.array([lookup.get(pid, -1) if pid else -1 for pid in plot_project_ids], dtype=int)


def check_project_ids(projects: Projects) -> list[InputError]:
    """Projects without id or with a duplicate id: warnings (their plots cannot be matched reliably)."""
    out, seen = [], {}
    for row, pid in enumerate(projects.ids):
        if not pid:
            out.append(InputError(Message("项目缺少项目编号", "project without a project id"),
                                  projects.layer_name, row + 1, "XMBH"))
        elif pid in seen:
            out.append(InputError(Message("项目编号重复：{p}（以第一个为准）", "duplicate project id {p} (the first is "
                                          "used)").format(p=pid), projects.layer_name, row + 1, "XMBH"))
        seen.setdefault(pid, row)
    return out


def assign_towns(geoms: np.ndarray, towns: Towns | None) -> tuple[list[str], list[str]]:
    """Town name and code of each geometry by its representative point ('' where none)."""
    n = len(geoms)
    names, codes = [""] * n, [""] * n
    if towns is None or n == 0:
        return names, codes
    ok = np.flatnonzero(~shapely.is_missing(geoms))
    points = shapely.point_on_surface(shapely.make_valid(geoms[ok]))
    i, j = shapely.STRtree(towns.geometry).query(points, predicate="intersects")
    for a, b in zip(i[::-1], j[::-1]):  # first match wins
        names[ok[a]], codes[ok[a]] = towns.names[b], towns.codes[b]
    return names, codes


def run_acceptance(plots: Plots, projects: Projects, baseline: Baseline, rules: RuleTable,
                   dev_boundary: np.ndarray | None = None, eco_redline: np.ndarray | None = None,
                   prior_plots: np.ndarray | None = None, prior_ids: list[str] | None = None,
                   towns: Towns | None = None, crs: str = WORKING_CRS,
                   progress: Callable[[float, str], None] | None = None,
                   is_canceled: Callable[[], bool] | None = None) -> AcceptanceResult:
    """All checks of docs/reclamation.md (Checks and verdicts) on every plot (geometries in ``crs``, a projected
    CGCS2000 CRS).

    ``is_canceled()`` is asked during the long overlay; when it says so, ``checks_geometry.CanceledError`` is raised.
    """
    def step(pct: float, name: str) -> None:
        if progress is not None:
            progress(pct, name)

    n = len(plots)
    warnings = check_project_ids(projects)
    geoms, valid, usable = geo.repair_geometry(plots.geometry)
    measured = np.full(n, np.nan)
    measured[usable] = ellipsoidal_area(geoms[usable], crs)
    pidx = _project_index(plots.project_ids, projects)
    step(5, "geometry")
    checks = _geometry_checks(plots, projects, geoms, valid, usable, pidx, rules)
    step(15, "paper")
    checks.update(_paper_checks(plots, projects, measured, pidx, rules))
    step(20, "constraints")
    tol = rules["overlap_tolerance_m2"]
    checks["R06_IN_DEV_BOUNDARY"] = geo.check_no_layer_overlap(geoms, usable, dev_boundary, tol)
    checks["R07_IN_ECO_REDLINE"] = geo.check_no_layer_overlap(geoms, usable, eco_redline, tol)
    checks["R08_PRIOR_OVERLAP"] = geo.check_no_layer_overlap(geoms, usable, prior_plots, tol, prior_ids)
    step(30, "baseline")
    share, coverage, net_share = _construction_share(geoms, usable, baseline, rules, is_canceled)
    checks["R01_NOT_CONSTRUCTION"] = geo.check_construction_share(share, coverage, rules["min_construction_share"],
                                                                  rules["min_baseline_coverage"])
    step(85, "quality")
    checks.update(_quality_checks(plots.quality, n, rules))
    states = {code: result.state for code, result in checks.items()}
    details = {code: result.detail for code, result in checks.items()}
    verdicts = verdicts_of(np.stack([states[c] for c in CODES], axis=1) if n else np.zeros((0, len(CODES))))
    warnings += _plot_warnings(plots, states, details, pidx)
    project_town, town_names, town_codes = _plot_towns(geoms, pidx, projects, towns)
    step(95, "verdicts")
    return AcceptanceResult(plots, projects, rules, geoms, measured, share, coverage, pidx, states, details,
                            verdicts, town_names, town_codes, project_town, warnings, crs, net_share)


def _geometry_checks(plots: Plots, projects: Projects, geoms, valid, usable, pidx,
                     rules: RuleTable) -> dict[str, geo.CheckResult]:
    """R10 valid geometry, R11 project known, R12 unique id, R02 inside the project, R03 no overlap."""
    return {
        "R10_INVALID_GEOMETRY": geo.check_valid_geometry(valid, usable),
        "R11_NO_PROJECT": attr.check_project_known(plots.project_ids, pidx),
        "R12_DUPLICATE_ID": attr.check_unique_id(plots.ids),
        "R02_OUTSIDE_PROJECT": geo.check_inside_project(geoms, usable, pidx, projects.geometry,
                                                        rules["outside_project_tolerance_m2"]),
        "R03_OVERLAP": geo.check_no_plot_overlap(geoms, usable, plots.ids, rules["overlap_tolerance_m2"]),
    }


def _paper_checks(plots: Plots, projects: Projects, measured, pidx, rules: RuleTable) -> dict[str, geo.CheckResult]:
    """The checks against the declaration: R04 declared area, R09 minimum area, R05 target class."""
    return {
        "R04_AREA_MISMATCH": attr.check_declared_area(measured, plots.declared_area, rules["declared_area_unit"],
                                                      rules["area_tolerance_ratio"], rules["area_tolerance_mu"]),
        "R09_TOO_SMALL": attr.check_min_area(measured, rules["min_plot_area_mu"]),
        "R05_TARGET_CLASS": attr.check_target_class(plots.target_class, rules["allowed_target_classes"], pidx,
                                                    projects.extra_classes),
    }


def _construction_share(geoms, usable, baseline: Baseline, rules: RuleTable, is_canceled):
    """(share, coverage, net share) of each plot on baseline construction land (the overlay of R01)."""
    codes = baseline.class_codes
    if not (isinstance(codes, np.ndarray) and codes.dtype.kind == "U"):
        codes = np.array(["" if c is None else str(c) for c in codes], dtype=str)
    uniq, inverse = np.unique(codes, return_inverse=True)
    is_constr = np.array([is_construction_code(c) for c in uniq], dtype=float)[inverse] if len(uniq) else np.zeros(0)
    keep = None if baseline.kcxs is None else 1.0 - np.nan_to_num(np.asarray(baseline.kcxs, dtype=float))
    return geo.construction_share(geoms, usable, np.asarray(baseline.geometry, dtype=object), is_constr,
                                  rules["min_construction_share"], is_canceled, keep)


def _quality_checks(q: dict, n: int, rules: RuleTable) -> dict[str, geo.CheckResult]:
    """R13-R19: the field-survey values where recorded (not checked where the field is missing)."""
    return {
        "R13_SOIL_DEPTH": qual.check_soil_depth(q.get("soil_depth"), n, rules["min_soil_depth_cm"]),
        "R14_PLOUGH_LAYER": qual.check_plough_layer(q.get("plough_layer"), n, rules["min_plough_layer_cm"]),
        "R15_GRAVEL": qual.check_gravel(q.get("gravel"), n, rules["max_gravel_percent"]),
        "R16_PH": qual.check_ph(q.get("ph"), n, rules["min_ph"], rules["max_ph"]),
        "R17_ORGANIC_MATTER": qual.check_organic_matter(q.get("organic_matter"), n,
                                                        rules["min_organic_matter_percent"]),
        "R18_DRAINAGE": qual.check_presence(q.get("drainage"), n, rules["require_drainage"]),
        "R19_ROAD_ACCESS": qual.check_presence(q.get("road_access"), n, rules["require_road_access"]),
    }


def _plot_towns(geoms, pidx, projects: Projects, towns: Towns | None):
    """(town of each project, town names and codes of each plot): a plot takes its project's town; a plot without
    a known project, the town its geometry falls in (towns: from the town layer, else the project layer's names)."""
    n = len(geoms)
    project_town = list(zip(*assign_towns(projects.geometry, towns))) if towns is not None else \
        [(t, "") for t in projects.towns]
    town_names, town_codes = [""] * n, [""] * n
    for i in range(n):
        if pidx[i] >= 0:
            town_names[i], town_codes[i] = project_town[pidx[i]]
    if towns is not None:
        orphan = np.flatnonzero(pidx < 0)
        names, tcodes = assign_towns(geoms[orphan], towns)
        for k, i in enumerate(orphan):
            town_names[i], town_codes[i] = names[k], tcodes[k]
    return project_town, town_names, town_codes


def _plot_warnings(plots: Plots, states, details, pidx) -> list[InputError]:
    """Named, per-feature notes for the log: nothing is dropped or passed silently."""
    out = []
    notes = [
        ("R10_INVALID_GEOMETRY", FAIL, None, Message("几何图形无效", "invalid geometry")),
        ("R11_NO_PROJECT", NOT_CHECKED, "project_id", Message("缺少项目编号，待核实", "no project id: to be verified")),
        ("R11_NO_PROJECT", FAIL, "project_id", Message("项目编号在项目图层中不存在", "project id not in the project "
                                                       "layer")),
        ("R02_OUTSIDE_PROJECT", FAIL, None, Message("地块超出项目区范围", "plot outside its project boundary")),
        ("R12_DUPLICATE_ID", FAIL, "id", Message("地块编号重复或缺失", "duplicate or missing plot id")),
        ("R03_OVERLAP", FAIL, None, Message("地块与其他地块重叠", "plot overlaps another plot")),
        ("R04_AREA_MISMATCH", NOT_CHECKED, "declared_area", Message("缺少申报面积，面积核查未进行",
                                                                    "no declared area: area check not done")),
    ]
    for code, state, key, message in notes:
        for i in np.flatnonzero(states[code] == state):
            if code == "R04_AREA_MISMATCH" and not np.isnan(plots.declared_area[i]):
                continue
            detail = details[code][i]
            text = message if not detail else Message(f"{message.zh}（{detail}）", f"{message.en} ({detail})")
            label = f"{plots.feature_ids[i]} ({plots.ids[i]})" if plots.ids[i] else plots.feature_ids[i]
            out.append(InputError(text, plots.layer_name, label, plots.field(key) if key else None))
    if plots.grades is not None:
        bad = ~np.isnan(plots.grades) & ((plots.grades < 1) | (plots.grades > 15))
        for i in np.flatnonzero(bad):
            label = f"{plots.feature_ids[i]} ({plots.ids[i]})" if plots.ids[i] else plots.feature_ids[i]
            out.append(InputError(Message("质量等别 {v} 不在 1-15 之间：面积链等别不计此地块",
                                          "quality grade {v} is not 1-15: left out of the chain's grade").format(
                v=f"{plots.grades[i]:g}"), plots.layer_name, label, plots.field("quality_grade")))
    return out
