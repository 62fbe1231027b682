"""Base geography of the demo: county outline, 9 towns, 三调 baseline survey, 永久基本农田, 城镇开发边界."""

from __future__ import annotations

import numpy as np
import shapely

from ..geodesy import CGCS2000_GEOGRAPHIC, ellipsoidal_area, transform_geometries
from ..landclass import default_table
from ..tables import FeatureTable
from .context import DemoContext

COUNTY_CODE = "330482"
COUNTY_NAME = "平湖市"
# (name, 9-digit code, seed point lon/lat) - the Pinghu 镇街道; seed points are illustrative.
TOWNS = [
    ("当湖街道", "330482001", (121.020, 30.700)),
    ("钟埭街道", "330482002", (121.080, 30.730)),
    ("曹桥街道", "330482003", (121.020, 30.765)),
    ("乍浦镇", "330482100", (121.100, 30.625)),
    ("新埭镇", "330482101", (120.990, 30.815)),
    ("新仓镇", "330482102", (121.200, 30.730)),
    ("独山港镇", "330482103", (121.020, 30.635)),
    ("林埭镇", "330482104", (121.125, 30.672)),
    ("广陈镇", "330482105", (121.080, 30.810)),
]
# An illustrative county outline (lon/lat), about the size of Pinghu (537 km2).
COUNTY_OUTLINE = [
    (120.950, 30.780), (120.985, 30.840), (121.060, 30.845), (121.120, 30.815), (121.175, 30.790),
    (121.245, 30.745), (121.200, 30.680), (121.140, 30.640), (121.070, 30.610), (121.000, 30.618),
    (120.965, 30.660), (120.945, 30.720),
]
BASE_POLYGONS_AT_SCALE_1 = 20_000
TOWN_FIELDS = [("XZQDM", "str"), ("XZQMC", "str")]


def project_lonlat(points, crs: str) -> np.ndarray:
    """(lon, lat) pairs to an (n, 2) array in ``crs``."""
    geoms = shapely.points(np.asarray(points, dtype=float))
    return shapely.get_coordinates(transform_geometries(geoms, CGCS2000_GEOGRAPHIC, crs))


def add_layers(ctx: DemoContext) -> None:
    county = shapely.Polygon(project_lonlat(COUNTY_OUTLINE, ctx.crs))
    centres = project_lonlat([t[2] for t in TOWNS], ctx.crs)
    towns = _towns(ctx, county, centres)
    ctx.add(FeatureTable(
        "demo_county", [("XZQDM", "str"), ("XZQMC", "str")],
        {"XZQDM": [COUNTY_CODE], "XZQMC": [COUNTY_NAME]}, np.array([county]), "Polygon", ctx.crs,
        "县级行政区 county outline (illustrative)"))
    ctx.add(towns)
    dev = _dev_boundary(ctx, county, centres)
    ctx.add(dev)
    baseline = _baseline(ctx, county, towns, centres)
    ctx.add(baseline)
    ctx.add(_farmland(ctx, county, baseline, dev))


def _towns(ctx: DemoContext, county, centres) -> FeatureTable:
    seeds = shapely.MultiPoint(centres)
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=county.buffer(5000)))
    # voronoi output order is not the input order: match each cell to the seed it contains
    order = shapely.STRtree(cells).query(shapely.points(centres), predicate="within")
    geoms = np.empty(len(TOWNS), dtype=object)
    geoms[order[0]] = cells[order[1]]
    geoms = shapely.intersection(geoms, county)
    return FeatureTable(
        "demo_towns", TOWN_FIELDS,
        {"XZQDM": [t[1] for t in TOWNS], "XZQMC": [t[0] for t in TOWNS]}, geoms, "Polygon", ctx.crs,
        "镇街道 towns with 9-digit 乡镇 codes")


def _dev_boundary(ctx: DemoContext, county, centres) -> FeatureTable:
    rng = ctx.rng("dev_boundary")
    geoms = []
    for i, (x, y) in enumerate(centres):
        radius = 3200.0 if i == 0 else rng.uniform(1100.0, 1900.0)
        angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
        r = radius * rng.uniform(0.75, 1.15, len(angles))
        ring = np.column_stack([x + r * np.cos(angles), y + r * np.sin(angles)])
        geoms.append(shapely.make_valid(shapely.Polygon(ring)).intersection(county))
    return FeatureTable(
        "demo_dev_boundary", [("MC", "str"), ("XZQDM", "str")],
        {"MC": [f"{t[0]}城镇开发边界" for t in TOWNS], "XZQDM": [t[1] for t in TOWNS]},
        np.array(geoms, dtype=object), "Polygon", ctx.crs, "城镇开发边界 urban development boundary")


def _smooth_noise(rng: np.random.Generator, x, y, bounds, cell: float) -> np.ndarray:
    """Bilinear interpolation of a coarse random grid: spatially coherent values in [0, 1]."""
    x0, y0, x1, y1 = bounds
    nx, ny = int((x1 - x0) / cell) + 2, int((y1 - y0) / cell) + 2
    grid = rng.random((ny + 1, nx + 1))
    fx, fy = (x - x0) / cell, (y - y0) / cell
    ix, iy = np.floor(fx).astype(int), np.floor(fy).astype(int)
    tx, ty = fx - ix, fy - iy
    return (grid[iy, ix] * (1 - tx) * (1 - ty) + grid[iy, ix + 1] * tx * (1 - ty)
            + grid[iy + 1, ix] * (1 - tx) * ty + grid[iy + 1, ix + 1] * tx * ty)


def _tessellation(rng: np.random.Generator, county, count: int):
    """Jittered-grid quadrilaterals (a gap-free partition) whose centres lie in the county."""
    x0, y0, x1, y1 = county.bounds
    spacing = float(np.sqrt(county.area / count))
    nx, ny = int(np.ceil((x1 - x0) / spacing)), int(np.ceil((y1 - y0) / spacing))
    gx = x0 + spacing * np.arange(nx + 1)[None, :] + rng.uniform(-0.25, 0.25, (ny + 1, nx + 1)) * spacing
    gy = y0 + spacing * np.arange(ny + 1)[:, None] + rng.uniform(-0.25, 0.25, (ny + 1, nx + 1)) * spacing
    corners = [(slice(0, ny), slice(0, nx)), (slice(0, ny), slice(1, nx + 1)),
               (slice(1, ny + 1), slice(1, nx + 1)), (slice(1, ny + 1), slice(0, nx)),
               (slice(0, ny), slice(0, nx))]
    xs = np.stack([gx[r, c] for r, c in corners], axis=-1).reshape(-1, 5)
    ys = np.stack([gy[r, c] for r, c in corners], axis=-1).reshape(-1, 5)
    cx, cy = xs[:, :4].mean(axis=1), ys[:, :4].mean(axis=1)
    inside = shapely.contains_xy(county, cx, cy)
    coords = np.stack([xs[inside], ys[inside]], axis=-1)
    return shapely.polygons(coords), cx[inside], cy[inside], spacing


def _choose(rng: np.random.Generator, n: int, codes: list[str], weights: list[float]) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return np.asarray(codes, dtype=object)[rng.choice(len(codes), size=n, p=p / p.sum())]


def _baseline(ctx: DemoContext, county, towns: FeatureTable, centres) -> FeatureTable:
    rng = ctx.rng("baseline")
    geoms, cx, cy, _ = _tessellation(rng, county, int(round(BASE_POLYGONS_AT_SCALE_1 * ctx.scale)))
    n = len(geoms)
    town_idx = _town_of(towns.geometry, cx, cy)
    # distance to the nearest town centre drives urban density
    dist = np.min(np.hypot(cx[:, None] - centres[None, :, 0], cy[:, None] - centres[None, :, 1]), axis=1)
    bounds = county.bounds
    urban = 0.10 + 0.70 * np.exp(-((dist / 1600.0) ** 2))
    noise = _smooth_noise(rng, cx, cy, bounds, 900.0)
    u = rng.random(n)
    group = np.full(n, "cultivated", dtype=object)
    group[u < urban * (0.6 + 0.8 * noise)] = "construction"
    rest = group == "cultivated"
    v = rng.random(n)
    group[rest & (v < 0.15)] = "water"
    group[rest & (v >= 0.15) & (v < 0.21)] = "green"
    group[rest & (v >= 0.21) & (v < 0.25)] = "other_agri"
    dlbm = np.empty(n, dtype=object)
    picks = {
        "construction": (["0701", "0702", "0601", "1003", "1004", "05H1", "08H2", "0809", "1201", "0602"],
                         [18, 30, 22, 8, 6, 5, 4, 3, 3, 1]),
        "water": (["1104", "1107", "1101", "1103", "1104A"], [45, 30, 18, 2, 5]),
        "green": (["0301", "0201", "0204", "0307", "0202", "0301K"], [35, 25, 10, 10, 10, 10]),
        "other_agri": (["1006", "1202", "0404", "1203"], [55, 30, 10, 5]),
        "cultivated": (["0101", "0102", "0103"], [75, 8, 17]),
    }
    for name, (codes, weights) in picks.items():
        sel = group == name
        dlbm[sel] = _choose(rng, int(sel.sum()), codes, weights)
    table = default_table()
    dlmc = np.array([table.get(c).name_zh for c in dlbm], dtype=object) if n else np.array([], dtype=object)
    cultivated = np.isin(dlbm, ["0101", "0102", "0103"])
    kcxs = np.where(cultivated, rng.choice([0.0, 0.0133, 0.0271, 0.0524], size=n, p=[0.35, 0.35, 0.2, 0.1]), 0.0)
    tbmj = np.round(ellipsoidal_area(geoms, ctx.crs), 2)
    kcmj = np.round(tbmj * kcxs, 2)
    village = _villages(town_idx, cx, cy, 2500.0)
    town_codes = np.array([t[1] for t in TOWNS], dtype=object)[town_idx]
    town_names = np.array([t[0] for t in TOWNS], dtype=object)[town_idx]
    village_codes = np.array([f"{c}{v:03d}" for c, v in zip(town_codes, village)], dtype=object)
    village_names = np.array([f"{t}{v:02d}村" for t, v in zip(town_names, village)], dtype=object)
    tbbh = _sequence_within(village_codes)
    columns = {
        "BSM": np.arange(1, n + 1, dtype=np.int64) + 33048200000000,
        "TBBH": np.array([str(v) for v in tbbh], dtype=object),
        "DLBM": dlbm, "DLMC": dlmc,
        "QSXZ": np.where(np.isin(dlbm, ["0701", "1003", "08H2", "0809", "05H1"]), "20", "30").astype(object),
        "QSDWDM": village_codes, "QSDWMC": village_names,
        "ZLDWDM": village_codes, "ZLDWMC": village_names,
        "XZQDM": town_codes,
        "TBMJ": tbmj, "KCDLBM": np.where(kcxs > 0, "1203", "").astype(object), "KCXS": kcxs,
        "KCMJ": kcmj, "TBDLMJ": np.round(tbmj - kcmj, 2),
        "GDLX": np.where(cultivated, "PD", "").astype(object),
        "GDPDJB": np.where(cultivated, "1", "").astype(object),
    }
    fields = [("BSM", "int"), ("TBBH", "str"), ("DLBM", "str"), ("DLMC", "str"), ("QSXZ", "str"),
              ("QSDWDM", "str"), ("QSDWMC", "str"), ("ZLDWDM", "str"), ("ZLDWMC", "str"), ("XZQDM", "str"),
              ("TBMJ", "float"), ("KCDLBM", "str"), ("KCXS", "float"), ("KCMJ", "float"),
              ("TBDLMJ", "float"), ("GDLX", "str"), ("GDPDJB", "str")]
    return FeatureTable("demo_baseline_dltb", fields, columns, geoms, "Polygon", ctx.crs,
                        "三调地类图斑 DLTB baseline survey (TBMJ ellipsoidal, KCXS 田坎 deduction)")


def _town_of(town_geoms, x, y) -> np.ndarray:
    """Index of the town containing each point (nearest town for points on no town)."""
    points = shapely.points(x, y)
    tree = shapely.STRtree(town_geoms)
    out = np.full(len(points), -1, dtype=int)
    hit = tree.query(points, predicate="intersects")
    out[hit[0]] = hit[1]
    missing = out < 0
    if missing.any():
        out[missing] = tree.query_nearest(points[missing], all_matches=False)[1]
    return out


def _villages(town_idx, x, y, cell: float) -> np.ndarray:
    """Village number (1..) within each town: coarse grid blocks numbered per town."""
    block = (np.floor(x / cell).astype(np.int64) * 100_000 + np.floor(y / cell).astype(np.int64))
    key = town_idx.astype(np.int64) * 10**12 + block
    uniq, inverse = np.unique(key, return_inverse=True)
    town_of_uniq = uniq // 10**12
    first = np.searchsorted(town_of_uniq, town_of_uniq, side="left")
    return (np.arange(len(uniq)) - first + 1)[inverse]


def _sequence_within(groups: np.ndarray) -> np.ndarray:
    """1, 2, 3... within each group value, in input order."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.ones(len(groups), dtype=bool)
    starts[1:] = sorted_groups[1:] != sorted_groups[:-1]
    run_start = np.maximum.accumulate(np.where(starts, np.arange(len(groups)), 0))
    seq = np.empty(len(groups), dtype=np.int64)
    seq[order] = np.arange(len(groups)) - run_start + 1
    return seq


def _farmland(ctx: DemoContext, county, baseline: FeatureTable, dev: FeatureTable) -> FeatureTable:
    """永久基本农田: blocks of mostly cultivated land outside the urban development boundary."""
    rng = ctx.rng("farmland")
    cell = 700.0
    x0, y0, x1, y1 = county.bounds
    xs = np.arange(x0, x1, cell)
    ys = np.arange(y0, y1, cell)
    bx, by = np.meshgrid(xs, ys)
    bx, by = bx.ravel(), by.ravel()
    shrink = rng.uniform(40.0, 140.0, (4, len(bx)))
    blocks = shapely.box(bx + shrink[0], by + shrink[1], bx + cell - shrink[2], by + cell - shrink[3])
    centroids = shapely.centroid(baseline.geometry)
    cultivated = np.isin(baseline.columns["DLBM"], ["0101", "0102", "0103"])
    tree = shapely.STRtree(blocks)
    block_idx, cell_idx = tree.query(centroids, predicate="within")[::-1]
    total = np.bincount(block_idx, minlength=len(blocks))
    farm = np.bincount(block_idx, weights=cultivated[cell_idx], minlength=len(blocks))
    share = np.divide(farm, total, out=np.zeros(len(blocks)), where=total > 0)
    keep = share >= 0.55
    dev_union = shapely.union_all(dev.geometry)
    keep &= ~shapely.intersects(blocks, dev_union)
    geoms = shapely.intersection(blocks[keep], county)
    geoms = geoms[~shapely.is_empty(geoms)]
    n = len(geoms)
    town_idx = _town_of(ctx["demo_towns"].geometry, *shapely.get_coordinates(shapely.centroid(geoms)).T)
    return FeatureTable(
        "demo_farmland", [("BH", "str"), ("XZQDM", "str"), ("MJ", "float")],
        {"BH": [f"JBNT{i + 1:05d}" for i in range(n)],
         "XZQDM": np.array([t[1] for t in TOWNS], dtype=object)[town_idx] if n else np.array([], dtype=object),
         "MJ": np.round(ellipsoidal_area(geoms, ctx.crs), 2)},
        geoms, "Polygon", ctx.crs, "永久基本农田 permanent basic farmland")

