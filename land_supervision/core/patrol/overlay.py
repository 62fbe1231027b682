"""Vectorised overlay of small polygons (patch pieces) on a layer of polygons (baseline, farmland).

One STRtree over the layer, one bulk query per predicate, array intersections. A layer polygon that lies
properly inside a piece needs no intersection: its overlap is its own area.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import shapely

from ..geodesy import WORKING_CRS, ellipsoidal_area
from .clip import clipped_areas, convex_pieces, simple_polygons, single_parts

AreaFunction = Callable[[np.ndarray], np.ndarray]


def ellipsoidal(crs: str = WORKING_CRS) -> AreaFunction:
    return lambda geoms: ellipsoidal_area(geoms, crs)


def planar(geoms: np.ndarray) -> np.ndarray:
    return shapely.area(geoms)


@dataclass
class Overlaps:
    """Pairs (piece index, layer index) that overlap, with the area of their overlap."""

    piece: np.ndarray
    other: np.ndarray
    area: np.ndarray


def overlay_areas(pieces: np.ndarray, others: np.ndarray, area: AreaFunction, threads: int = 2,
                  tree: shapely.STRtree | None = None) -> Overlaps:
    """Overlap areas of every intersecting (piece, other) pair, skipping intersections where possible."""
    pieces = np.asarray(pieces, dtype=object)
    others = np.asarray(others, dtype=object)
    empty = Overlaps(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, float))
    if len(pieces) == 0 or len(others) == 0:
        return empty
    tree = tree if tree is not None else shapely.STRtree(others)
    hit_piece, hit_other = tree.query(pieces, predicate="intersects")
    if len(hit_piece) == 0:
        return empty
    in_piece, in_other = tree.query(pieces, predicate="contains_properly")
    n_other = np.int64(len(others))
    inside = np.isin(hit_piece.astype(np.int64) * n_other + hit_other,
                     in_piece.astype(np.int64) * n_other + in_other, assume_unique=True)
    areas = np.empty(len(hit_piece), dtype=float)
    if inside.any():
        used = np.unique(hit_other[inside])
        own = np.zeros(len(others), dtype=float)
        own[used] = area(others[used])
        areas[inside] = own[hit_other[inside]]
    cut = ~inside
    if cut.any():
        areas[cut] = _cut_areas(pieces, others, hit_piece[cut], hit_other[cut], area, threads)
    return Overlaps(hit_piece.astype(np.int64), hit_other.astype(np.int64), areas)


def _cut_areas(pieces, others, piece_idx, other_idx, area: AreaFunction, threads: int,
               chunk: int = 50_000) -> np.ndarray:
    """Overlap areas of pairs cut by the piece boundary: clipped in numpy where the piece is convex and the
    other polygon a valid simple one (planar area x the other polygon's own area ratio, which is constant
    over a survey polygon to better than 1e-7), by GEOS intersections otherwise."""
    out = np.empty(len(piece_idx), dtype=float)
    single_pieces = single_parts(pieces)
    convex = convex_pieces(single_pieces)
    used = np.unique(other_idx)
    single_others = np.empty(len(others), dtype=object)
    single_others[used] = single_parts(others[used])
    simple = np.zeros(len(others), dtype=bool)
    simple[used] = simple_polygons(single_others[used]) & shapely.is_valid(others[used])
    fast = convex[piece_idx] & simple[other_idx]
    if fast.any():
        used_fast = np.unique(other_idx[fast])
        planar_own = shapely.area(others[used_fast])
        ratio = np.ones(len(others))
        ratio[used_fast] = np.divide(area(others[used_fast]), planar_own, out=np.ones(len(used_fast)),
                                     where=planar_own > 0)
        rows = np.flatnonzero(fast)
        for start in range(0, len(rows), chunk):
            sel = rows[start:start + chunk]
            out[sel] = (clipped_areas(single_others[other_idx[sel]], single_pieces[piece_idx[sel]])
                        * ratio[other_idx[sel]])
    if (~fast).any():
        out[~fast] = _intersection_areas(pieces[piece_idx[~fast]], others[other_idx[~fast]], area, threads)
    return out


def _intersection_areas(a: np.ndarray, b: np.ndarray, area: AreaFunction, threads: int) -> np.ndarray:
    def work(sl: slice) -> np.ndarray:
        try:
            inter = shapely.intersection(a[sl], b[sl])
        except shapely.errors.GEOSException:  # an invalid input polygon: repair and retry
            inter = shapely.intersection(shapely.make_valid(a[sl]), shapely.make_valid(b[sl]))
        return area(inter)

    n = len(a)
    chunk = max(5000, n // max(threads * 4, 1) + 1)
    slices = [slice(i, min(i + chunk, n)) for i in range(0, n, chunk)]
    if threads <= 1 or len(slices) == 1:
        return np.concatenate([work(s) for s in slices])
    with ThreadPoolExecutor(max_workers=threads) as pool:  # shapely releases the GIL
        return np.concatenate(list(pool.map(work, slices)))


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """Keep only the polygon parts of each geometry (GeometryCollections from overlay or make_valid)."""
    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    types = shapely.get_type_id(geoms)
    mixed = ~np.isin(types, (3, 6)) & ~shapely.is_missing(geoms)
    for i in np.flatnonzero(mixed):
        parts = [p for p in shapely.get_parts(geoms[i]) if shapely.get_type_id(p) in (3, 6)]
        out[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return out
