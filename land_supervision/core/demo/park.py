"""Demo layers of the 王盘山 marine natural park: illustrative zones with the published areas.

The legal boundary is not public: the zones are illustrative polygons near 30.53N 121.10E whose
ellipsoidal areas equal the published 3900.00 ha (严格管控区) and 7899.84 ha (合理利用区).
"""

from __future__ import annotations

import numpy as np
import shapely

from ..geodesy import ellipsoidal_area
from ..tables import FeatureTable
from ..units import M2_PER_HA
from .base import project_lonlat
from .context import DemoContext

PARK_CENTRE = (121.10, 30.53)
STRICT_HA = 3900.00
USE_HA = 7899.84
STRICT_ZONE = "严格管控区"
USE_ZONE = "合理利用区"
ILLUSTRATIVE_NOTE = "示意边界，非法定边界 / illustrative boundary, not the legal one"
# Unit shapes (km around the centre) before scaling to the published areas.
_STRICT_SHAPE = [(-2.6, -1.9), (0.4, -2.6), (3.0, -1.4), (3.3, 1.2), (1.2, 2.8), (-1.8, 2.4), (-3.4, 0.3)]
_OUTER_SHAPE = [(-6.5, -3.8), (-1.0, -5.0), (5.5, -4.2), (7.0, 0.2), (5.2, 4.3), (0.0, 5.2), (-5.8, 4.0),
                (-7.2, 0.4)]


def scaled_to_area(shape_km, centre_xy, target_m2: float, crs: str, hole=None):
    """The shape scaled about ``centre_xy`` until its ellipsoidal area (minus ``hole``) is ``target_m2``."""
    base = np.asarray(shape_km, dtype=float) * 1000.0
    factor = 1.0
    for _ in range(8):  # area grows with factor**2 (to first order): Newton steps converge fast
        poly = shapely.Polygon(centre_xy + base * factor, holes=None if hole is None else [hole.exterior])
        area = float(ellipsoidal_area([poly], crs)[0])
        if abs(area - target_m2) < 1e-4:
            break
        ring_only = float(ellipsoidal_area([shapely.Polygon(centre_xy + base * factor)], crs)[0])
        factor *= np.sqrt((ring_only + target_m2 - area) / ring_only)
    return poly


def add_layers(ctx: DemoContext) -> None:
    centre = project_lonlat([PARK_CENTRE], ctx.crs)[0]
    strict = scaled_to_area(_STRICT_SHAPE, centre, STRICT_HA * M2_PER_HA, ctx.crs)
    use = scaled_to_area(_OUTER_SHAPE, centre, USE_HA * M2_PER_HA, ctx.crs, hole=strict)
    ctx.add(FeatureTable(
        "demo_park_zones",
        [("GKFQ", "str"), ("MC", "str"), ("PZMJ", "float"), ("BZ", "str")],
        {"GKFQ": [STRICT_ZONE, USE_ZONE], "MC": ["王盘山省级海洋自然公园", "王盘山省级海洋自然公园"],
         "PZMJ": [STRICT_HA, USE_HA], "BZ": [ILLUSTRATIVE_NOTE, ILLUSTRATIVE_NOTE]},
        np.array([strict, use], dtype=object), "Polygon", ctx.crs,
        "王盘山省级海洋自然公园 管控分区 (illustrative; PZMJ approved area in ha)"))
    _add_islands(ctx, centre, strict)
    _add_activities(ctx, centre)
    _add_tracks(ctx, centre)


ISLANDS_HA = 6.03
ISLAND_COUNT = 13
# Proposed activities, in km east/north of the park centre: (HDBH, HDLX, MC, size, coordinates).
_POINTS = [
    ("HD-P01", "风电", "风机 WT-01（半径触及严格管控区）", None, (4.2, -0.3)),
    ("HD-P02", "风电", "风机 WT-02", 300.0, (5.8, -2.5)),
    ("HD-P03", "风电", "风机 WT-03（公园外）", 300.0, (9.5, 3.0)),
    ("HD-P04", "科研监测", "水质监测浮标", 50.0, (0.5, 0.5)),
    ("HD-P05", "养殖", "网箱养殖点", 200.0, (-5.5, 2.5)),
    ("HD-P06", "排污", "排污口", 100.0, (-4.5, -3.5)),
    ("HD-P07", "海上光伏", "海上光伏试验平台", 400.0, (4.5, 3.5)),
    ("HD-P08", "旅游设施", "观景平台", 80.0, (-1.0, 2.0)),
    ("HD-P09", "采砂", "采砂点（公园外）", 500.0, (0.0, -9.0)),
]
_LINES = [
    ("HD-L01", "海底电缆管道", "海底电缆（穿越两区）", 10.0, [(-1.0, 8.0), (1.0, -8.0)]),
    ("HD-L02", "航道新建拓宽", "航道拓宽", 200.0, [(-11.0, -1.0), (-6.0, -1.5)]),
    ("HD-L03", "海底电缆管道", "海底电缆（公园外）", 10.0, [(9.5, -6.0), (12.0, 6.0)]),
]
_POLYGONS = [
    ("HD-A01", "养殖", "生态养殖区", None, [(-6.0, 0.5), (-4.8, 0.5), (-4.8, 1.5), (-6.0, 1.5)]),
    ("HD-A02", "围填海", "围填海（跨公园边界）", None, [(-2.0, 4.2), (-0.5, 4.2), (-0.5, 6.2), (-2.0, 6.2)]),
    ("HD-A03", "旅游设施", "游艇码头", None, [(4.6, -3.6), (5.1, -3.6), (5.1, -3.1), (4.6, -3.1)]),
    ("HD-A04", "养殖", "养殖区（公园外）", None, [(-12.0, 2.0), (-10.0, 2.0), (-10.0, 3.0), (-12.0, 3.0)]),
]
VESSELS = 12
TRIPS_PER_VESSEL = 4
FIX_INTERVAL_S = 120
GAP_VESSEL = 0  # this vessel's first strict-zone crossing loses 40 minutes of fixes (a receiver gap)
# Episodes for the classes (vessel, CBLX type, start, km waypoints around the centre, speed m/s per leg; the
# middle leg of a loiterer is a slow drift): a cargo ship passing through, a fishing vessel loitering in March,
# one trawling slowly in June (伏季休渔), and a law-enforcement vessel on patrol.
_CASES = [
    ("浙嘉货0871", "货船", "2025-02-14T09:00:00", [(-9.0, -1.0), (9.0, 1.0)], [5.0]),
    ("浙平渔10456", "渔船", "2025-03-05T06:00:00", [(-8.0, 3.0), (-0.5, 0.2), (0.5, -0.2), (8.0, -3.0)],
     [4.0, 0.15, 4.0]),
    ("浙平渔10588", "渔船", "2025-06-12T05:00:00", [(-6.0, -4.0), (6.0, 4.0)], [1.2]),
    ("浙平渔政01", "执法船", "2025-02-20T08:00:00", [(-8.0, 0.0), (0.0, 0.5), (0.6, 0.0), (8.0, 0.5)],
     [5.0, 0.2, 5.0]),
]


def _island_shapes(rng: np.random.Generator, count: int) -> list[np.ndarray]:
    shapes = []
    for _ in range(count):
        angles = np.sort(rng.uniform(0, 2 * np.pi, 9))
        radii = rng.uniform(0.6, 1.0, 9)
        shapes.append(np.column_stack([radii * np.cos(angles), radii * np.sin(angles)]) / 1000.0)
    return shapes


def _add_islands(ctx: DemoContext, centre: np.ndarray, strict) -> None:
    """13 uninhabited islands (王盘山 group) in the strict zone, totalling 6.03 ha of land."""
    rng = ctx.rng("park_islands")
    weights = rng.uniform(0.3, 1.0, ISLAND_COUNT) ** 2
    targets = weights / weights.sum() * ISLANDS_HA * M2_PER_HA
    geoms = []
    for target, shape in zip(targets, _island_shapes(rng, ISLAND_COUNT)):
        while True:
            at = centre + rng.uniform(-1800.0, 1800.0, 2)
            island = scaled_to_area(shape, at, float(target), ctx.crs)
            if strict.contains(island.buffer(100.0)) and not any(island.buffer(60.0).intersects(g) for g in geoms):
                break
        geoms.append(island)
    areas = ellipsoidal_area(geoms, ctx.crs)
    ctx.add(FeatureTable(
        "demo_park_islands", [("MC", "str"), ("MJ", "float")],
        {"MC": [f"王盘山岛礁{i + 1:02d}（示意）" for i in range(ISLAND_COUNT)], "MJ": np.round(areas / M2_PER_HA, 4)},
        np.array(geoms, dtype=object), "Polygon", ctx.crs,
        "王盘山 无居民海岛 islands (illustrative; 13 islands, 6.03 ha land in total; MJ in ha)"))


def _activity_table(name, rows, size_field, geometry_type, geoms, ctx, description) -> FeatureTable:
    fields = [("HDBH", "str"), ("HDLX", "str"), ("MC", "str")]
    columns = {"HDBH": [r[0] for r in rows], "HDLX": [r[1] for r in rows], "MC": [r[2] for r in rows]}
    if size_field:
        fields.append((size_field, "float"))
        columns[size_field] = [r[3] for r in rows]
    return FeatureTable(name, fields, columns, np.array(geoms, dtype=object), geometry_type, ctx.crs, description)


def _add_activities(ctx: DemoContext, centre: np.ndarray) -> None:
    """Proposed activities of every type: points with a radius (BJ, m), lines with a width (KD, m), polygons."""
    strict = ctx["demo_park_zones"].geometry[0]
    points = [shapely.Point(centre + np.asarray(r[4]) * 1000.0) for r in _POINTS]
    rows = []
    for row, point in zip(_POINTS, points):
        if row[3] is None:  # the turbine whose radius reaches 150 m into the strict zone
            row = row[:3] + (float(np.ceil(point.distance(strict))) + 150.0,) + row[4:]
        rows.append(row)
    ctx.add(_activity_table("demo_activities_points", rows, "BJ", "Point", points, ctx,
                            "拟建活动（点，BJ 半径 m）proposed activities, points with a radius in metres"))
    lines = [shapely.LineString(centre + np.asarray(r[4]) * 1000.0) for r in _LINES]
    ctx.add(_activity_table("demo_activities_lines", _LINES, "KD", "LineString", lines, ctx,
                            "拟建活动（线，KD 宽度 m）proposed activities, lines with a width in metres"))
    polygons = [shapely.Polygon(centre + np.asarray(r[4]) * 1000.0) for r in _POLYGONS]
    ctx.add(_activity_table("demo_activities_polygons", _POLYGONS, None, "Polygon", polygons, ctx,
                            "拟建活动（面）proposed activities, polygons"))


def _add_tracks(ctx: DemoContext, centre: np.ndarray) -> None:
    """Vessel fixes (CBBH, SJ local ISO time) in Jan-Mar 2025: some cross the strict zone; rows unsorted."""
    rng = ctx.rng("park_tracks")
    start_of_period = np.datetime64("2025-01-01T00:00:00").astype(np.int64)
    xs, ys, ts, vs = [], [], [], []
    for vessel in range(VESSELS):
        name = f"浙平渔{10231 + vessel * 17:05d}"
        for trip in range(TRIPS_PER_VESSEL):
            angle = rng.uniform(0, 2 * np.pi)
            offset = rng.uniform(-9000.0, 9000.0)  # |offset| small -> the trip crosses the strict zone
            if vessel == GAP_VESSEL and trip == 0:
                offset = 0.0
            direction = np.array([np.cos(angle), np.sin(angle)])
            normal = np.array([-direction[1], direction[0]])
            a = centre - 11000.0 * direction + offset * normal
            b = centre + 11000.0 * direction + offset * normal
            speed = rng.uniform(3.0, 5.0)  # m/s
            if vessel == GAP_VESSEL and trip == 0:
                speed = 1.5  # trawling slowly across the strict zone
            count = int(np.hypot(*(b - a)) / (speed * FIX_INTERVAL_S)) + 1
            f = np.linspace(0.0, 1.0, count)
            xy = a + f[:, None] * (b - a) + rng.normal(0.0, 25.0, (count, 2))
            t0 = start_of_period + (trip * 22 + int(rng.integers(0, 20))) * 86400 + int(rng.integers(0, 86400))
            t = t0 + np.arange(count) * FIX_INTERVAL_S + rng.integers(-10, 10, count)
            keep = np.ones(count, dtype=bool)
            if vessel == GAP_VESSEL and trip == 0:
                mid = count // 2
                keep[mid - 10:mid + 10] = False  # 40 minutes without fixes in the middle of the zone
            xs.append(xy[keep, 0])
            ys.append(xy[keep, 1])
            ts.append(t[keep])
            vs.extend([name] * int(keep.sum()))
    kinds = ["渔船"] * len(vs)
    for name, kind, start, waypoints, speeds in _CASES:
        xy, t = _case_track(rng, centre, np.datetime64(start).astype(np.int64), waypoints, speeds)
        xs.append(xy[:, 0])
        ys.append(xy[:, 1])
        ts.append(t)
        vs.extend([name] * len(t))
        kinds.extend([kind] * len(t))
    x, y, t = np.concatenate(xs), np.concatenate(ys), np.concatenate(ts)
    order = rng.permutation(len(x))  # rows arrive unsorted, as from a message feed
    times = np.datetime_as_string(t[order].astype("datetime64[s]"), unit="s")
    ctx.add(FeatureTable(
        "demo_vessel_tracks", [("CBBH", "str"), ("CBLX", "str"), ("SJ", "str")],
        {"CBBH": np.asarray(vs, dtype=object)[order], "CBLX": np.asarray(kinds, dtype=object)[order],
         "SJ": times.astype(object)},
        shapely.points(x[order], y[order]), "Point", ctx.crs,
        "船舶航迹点 vessel fixes (CBBH vessel id, CBLX vessel type, SJ local time, every ~2 min; unsorted; one "
        "receiver gap; a transit, a loiterer, trawling in the 伏季休渔 season and a patrol)"))


def _case_track(rng: np.random.Generator, centre: np.ndarray, t0: int, waypoints, speeds):
    """Fixes every FIX_INTERVAL_S along the waypoints (km around the centre) at each leg's speed (m/s)."""
    points = centre + np.asarray(waypoints, dtype=float) * 1000.0
    pieces, clock = [], 0.0
    for a, b, speed in zip(points[:-1], points[1:], speeds):
        length = float(np.hypot(*(b - a)))
        pieces.append((a, b, clock, length / speed))
        clock += length / speed
    t = np.arange(0.0, clock, FIX_INTERVAL_S)
    xy = np.empty((len(t), 2))
    for a, b, begin, span in pieces:
        on = (t >= begin) & (t < begin + span)
        xy[on] = a + ((t[on] - begin) / span)[:, None] * (b - a)
    xy += rng.normal(0.0, 10.0, xy.shape)
    return xy, t0 + t.astype(np.int64)
