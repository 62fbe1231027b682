"""Geometric checks of the plots: validity, project boundary, overlaps, constraint layers, baseline share.

Each function returns a CheckResult: a state per plot (PASS / FAIL / NOT_CHECKED) and a short detail text.
Areas of overlaps are planar areas in the working CRS (a ratio to the plot's planar area is exact to
better than 1e-8 at the scale of a plot; the plot's own area is ellipsoidal).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.errors

from ..clip import clipped_areas, convex_pieces, simple_polygons, single_parts
from .codes import FAIL, NOT_CHECKED, PASS


@dataclass
class CheckResult:
    state: np.ndarray  # int8 per plot
    detail: list[str]

    @classmethod
    def empty(cls, n: int, state: int = NOT_CHECKED) -> CheckResult:
        return cls(np.full(n, state, dtype=np.int8), [""] * n)


def repair_geometry(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(usable polygonal geometries or None, is_valid, is_usable): invalid ones repaired by make_valid."""
    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms)
    empty = np.zeros(len(geoms), dtype=bool)
    empty[~missing] = shapely.is_empty(geoms[~missing])
    polygonal = np.zeros(len(geoms), dtype=bool)
    ok = ~missing & ~empty
    polygonal[ok] = np.isin(shapely.get_type_id(geoms[ok]), (3, 6))
    valid = np.zeros(len(geoms), dtype=bool)
    valid[ok] = shapely.is_valid(geoms[ok]) & polygonal[ok]
    repaired = np.array(geoms, dtype=object)
    repaired[~ok] = None
    fix = ok & ~valid
    if fix.any():
        fixed = shapely.make_valid(geoms[fix])
        fixed = np.array([_polygonal_part(g) for g in fixed], dtype=object)
        repaired[fix] = fixed
    usable = ~shapely.is_missing(repaired)
    usable[usable] = ~shapely.is_empty(repaired[usable])
    repaired[~usable] = None
    return repaired, valid, usable


def _polygonal_part(geom):
    if geom is None or geom.is_empty:
        return None
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.MultiPolygon(parts) if parts else None


def check_valid_geometry(valid: np.ndarray, usable: np.ndarray) -> CheckResult:
    """R10: the plot geometry must be a valid, non-empty polygon."""
    state = np.where(valid, PASS, FAIL).astype(np.int8)
    detail = ["" if v else ("已修复后继续核查 / repaired for the other checks" if u else "无图形 / no geometry")
              for v, u in zip(valid, usable)]
    return CheckResult(state, detail)


def check_inside_project(geoms, usable, project_index: np.ndarray, project_geoms: np.ndarray,
                         tolerance_m2: float) -> CheckResult:
    """R02: the plot lies inside its project's boundary (up to ``tolerance_m2`` outside).

    ``project_index`` is the row of each plot's project (-1: no or unknown project -> not checked here).
    """
    n = len(geoms)
    result = CheckResult.empty(n)
    sel = np.flatnonzero(usable & (project_index >= 0))
    if len(sel) == 0:
        return result
    boundary = project_geoms[project_index[sel]]
    has_boundary = ~shapely.is_missing(boundary)
    sel, boundary = sel[has_boundary], boundary[has_boundary]
    if len(sel) == 0:
        return result
    valid_boundary = shapely.make_valid(project_geoms)
    shapely.prepare(valid_boundary)  # few projects, many plots: prepared containment is ~1 us a test
    boundary = valid_boundary[project_index[sel]]
    outside = np.zeros(len(sel))
    check = ~shapely.contains_properly(boundary, geoms[sel])
    outside[check] = shapely.area(shapely.difference(geoms[sel][check], boundary[check]))
    result.state[sel] = np.where(outside > tolerance_m2, FAIL, PASS)
    for i, a in zip(sel, outside):
        if a > tolerance_m2:
            result.detail[i] = f"{a:.1f} m2"
    return result


class CanceledError(Exception):
    """The run was canceled between two chunks of work."""


def _clipped_where_possible(a: np.ndarray, b: np.ndarray, a_convex: np.ndarray | None = None
                            ) -> tuple[np.ndarray, np.ndarray]:
    """(areas, done mask): a[k] & b[k] clipped in numpy where a[k] is a convex simple polygon (``a_convex``
    if known) and b[k] a valid simple one (single-part copies made here, per chunk, so no copy of a large
    layer is kept)."""
    single_a, single_b = single_parts(a), single_parts(b)
    convex = convex_pieces(single_a) if a_convex is None else a_convex
    done = convex & simple_polygons(single_b) & shapely.is_valid(single_b)
    areas = np.zeros(len(a))
    if done.any():
        areas[done] = clipped_areas(single_b[done], single_a[done])
    return areas, done


def intersection_area(a: np.ndarray, b: np.ndarray, chunk: int = 20_000, is_canceled=None,
                      clip: bool = True, a_convex: np.ndarray | None = None) -> np.ndarray:
    """Planar area of a[k] & b[k] for every k, in chunks over a few threads (shapely releases the GIL).

    With ``clip``, pairs whose a[k] is convex and b[k] simple are clipped in numpy (plots are mostly convex
    quadrilaterals: several times faster than GEOS); the others are GEOS intersections. ``a_convex`` (per
    pair) saves testing the same plot again in each of its pairs.
    ``is_canceled()`` is asked before each chunk; when it says so, CanceledError is raised."""
    n = len(a)
    out = np.empty(n)
    if n == 0:
        return out
    workers = max(1, min(4, os.cpu_count() or 1))
    starts = range(0, n, chunk)

    def work(start: int) -> None:
        if is_canceled is not None and is_canceled():
            raise CanceledError()
        rows = np.arange(start, min(start + chunk, n))
        if clip:
            out[rows], done = _clipped_where_possible(a[rows], b[rows],
                                                      None if a_convex is None else a_convex[rows])
            rows = rows[~done]
        if not len(rows):
            return
        try:
            out[rows] = shapely.area(shapely.intersection(a[rows], b[rows]))
        except shapely.errors.GEOSException:  # an invalid input polygon (a bad baseline patch): repair and redo
            out[rows] = shapely.area(shapely.intersection(shapely.make_valid(a[rows]), shapely.make_valid(b[rows])))

    if workers == 1 or n <= chunk:
        for start in starts:
            work(start)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(work, starts))
    return out


def pair_overlaps(geoms: np.ndarray, others: np.ndarray, usable: np.ndarray | None = None, same: bool = False):
    """(plot index, other index, planar overlap area) of every intersecting pair with a positive overlap.

    ``same``: ``others`` is ``geoms`` itself; each unordered pair is measured once and given as i < j.
    """
    if usable is None:
        usable = ~shapely.is_missing(geoms)
    sel = np.flatnonzero(usable)
    other_ok = sel if same else np.flatnonzero(~shapely.is_missing(others))
    if len(sel) == 0 or len(other_ok) == 0:
        return np.empty(0, int), np.empty(0, int), np.empty(0)
    tree = shapely.STRtree(others[other_ok])
    i, j = tree.query(geoms[sel], predicate="intersects")
    i, j = sel[i], other_ok[j]
    if same:
        keep = i < j
        i, j = i[keep], j[keep]
    area = intersection_area(geoms[i], others[j])
    keep = area > 0
    return i[keep], j[keep], area[keep]


def check_no_plot_overlap(geoms, usable, ids: list[str], tolerance_m2: float) -> CheckResult:
    """R03: no two plots overlap by more than ``tolerance_m2`` (both fail, each names the other)."""
    n = len(geoms)
    result = CheckResult.empty(n)
    result.state[usable] = PASS
    i, j, area = pair_overlaps(geoms, geoms, usable, same=True)
    hit = area > tolerance_m2
    others: dict[int, list[str]] = {}
    for a, b in zip(i[hit], j[hit]):
        others.setdefault(int(a), []).append(ids[b] or f"#{b + 1}")
        others.setdefault(int(b), []).append(ids[a] or f"#{a + 1}")
    for a, names in others.items():
        result.state[a] = FAIL
        result.detail[a] = ",".join(sorted(set(names)))
    return result


def check_no_layer_overlap(geoms, usable, layer_geoms: np.ndarray | None, tolerance_m2: float,
                           layer_ids: list[str] | None = None) -> CheckResult:
    """R06/R07/R08: overlap with a constraint layer of at most ``tolerance_m2`` (no layer: not checked)."""
    n = len(geoms)
    result = CheckResult.empty(n)
    if layer_geoms is None:
        return result
    layer_geoms = shapely.make_valid(np.asarray(layer_geoms, dtype=object))
    result.state[usable] = PASS
    i, j, area = pair_overlaps(geoms, layer_geoms, usable)
    total = np.bincount(i, weights=area, minlength=n)
    fail = usable & (total > tolerance_m2)
    result.state[fail] = FAIL
    names: dict[int, set] = {}
    if layer_ids is not None:
        for a, b in zip(i, j):
            if fail[a]:
                names.setdefault(int(a), set()).add(layer_ids[b])
    for a in np.flatnonzero(fail):
        extra = ",".join(sorted(names.get(int(a), ()))) if names else ""
        result.detail[a] = f"{total[a]:.1f} m2" + (f" ({extra})" if extra else "")
    return result


def construction_share(geoms, usable, baseline_geoms: np.ndarray, is_construction: np.ndarray,
                       min_share: float | None = None, is_canceled=None, keep: np.ndarray | None = None):
    """(construction share, baseline coverage, net construction share) of each plot from the baseline patches.

    The net share weighs each construction part by ``keep`` = 1 - KCXS of its patch (田坎 deducted; all ones
    when None): the share of the plot that is new 耕地 once reclaimed.

    Pairs where the patch wholly contains the plot need no intersection (their overlap is the plot). The
    coverage only matters below ``min_share`` (it decides between fail and not checked), so the overlaps with
    non-construction patches are measured only for those plots; elsewhere the coverage is NaN (not measured).
    With ``min_share`` None every coverage is measured. Unusable plots get NaN for both.
    """
    n = len(geoms)
    share = np.full(n, np.nan)
    coverage = np.full(n, np.nan)
    net = np.full(n, np.nan)
    sel = np.flatnonzero(usable)
    if len(sel) == 0 or len(baseline_geoms) == 0:
        if len(sel):
            share[sel], coverage[sel], net[sel] = 0.0, 0.0, 0.0
        return share, coverage, net
    plots_sel = geoms[sel]
    plot_area = shapely.area(plots_sel)
    tree = shapely.STRtree(baseline_geoms)
    qi, qj = tree.query(plots_sel, predicate="intersects")
    plots, patches = plots_sel[qi], baseline_geoms[qj]
    whole = shapely.contains_properly(patches, plots)
    constr = is_construction[qj] > 0
    area = np.full(len(qi), np.nan)
    area[whole] = plot_area[qi[whole]]
    convex = convex_pieces(single_parts(plots_sel))[qi]
    first = ~whole & constr
    area[first] = intersection_area(plots[first], patches[first], is_canceled=is_canceled, a_convex=convex[first])
    constr_area = np.bincount(qi, weights=np.where(constr, area, 0.0), minlength=len(sel))
    kept = np.ones(len(qj)) if keep is None else np.clip(np.nan_to_num(np.asarray(keep, float)[qj], nan=1.0), 0, 1)
    net_area = np.bincount(qi, weights=np.where(constr, area * kept, 0.0), minlength=len(sel))
    with np.errstate(invalid="ignore", divide="ignore"):
        plot_share = np.where(plot_area > 0, constr_area / plot_area, 0.0)
        net[sel] = np.where(plot_area > 0, net_area / plot_area, 0.0)
    need = np.ones(len(sel), dtype=bool) if min_share is None else plot_share < min_share - 1e-9
    rest = ~whole & ~constr & need[qi]
    area[rest] = intersection_area(plots[rest], patches[rest], is_canceled=is_canceled, a_convex=convex[rest])
    measured = np.bincount(qi, weights=np.nan_to_num(area), minlength=len(sel))
    with np.errstate(invalid="ignore", divide="ignore"):
        plot_cover = np.where(plot_area > 0, np.minimum(measured / plot_area, 1.0), 0.0)
    share[sel] = plot_share
    coverage[sel] = np.where(need, plot_cover, np.nan)
    return share, coverage, net


def check_construction_share(share: np.ndarray, coverage: np.ndarray, min_share: float,
                             min_coverage: float) -> CheckResult:
    """R01: baseline construction land covers at least ``min_share`` of the plot.

    Where the baseline does not cover the plot (coverage below ``min_coverage``) the check passes only if the
    share is reached anyway, fails only if it cannot be reached even were the gap construction land, and is
    otherwise not checked.
    """
    n = len(share)
    result = CheckResult.empty(n)
    known = ~np.isnan(share)
    ok = known & (share >= min_share - 1e-9)
    cover = np.nan_to_num(coverage, nan=1.0)  # not measured: only for plots that pass anyway
    impossible = known & (share + (1.0 - cover) < min_share - 1e-9)
    full = known & (cover >= min_coverage)
    result.state[ok] = PASS
    result.state[known & ~ok & (full | impossible)] = FAIL
    for i in np.flatnonzero(known):
        gap = "" if cover[i] >= min_coverage else f" (覆盖/coverage {cover[i]:.0%})"
        result.detail[i] = f"{share[i]:.1%}{gap}"
    return result
