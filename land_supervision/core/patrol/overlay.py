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
from .clip import Rings, clip_rings, convex_pieces, ring_clipped_areas, simple_polygons, single_parts

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
    hit_piece, hit_other = tree.query(pieces)  # bounding boxes only: the predicates run on the pairs
    if len(hit_piece) == 0:
        return empty
    inside, hit = _relations(pieces, others, hit_piece, hit_other, threads)
    hit_piece, hit_other, inside = hit_piece[hit].astype(np.int64), hit_other[hit].astype(np.int64), inside[hit]
    areas = np.empty(len(hit_piece), dtype=float)
    if inside.any():
        used = np.unique(hit_other[inside])
        own = np.zeros(len(others), dtype=float)
        own[used] = _in_chunks(area, threads, others[used])
        areas[inside] = own[hit_other[inside]]
    cut = ~inside
    if cut.any():
        areas[cut] = _cut_areas(pieces, others, hit_piece[cut], hit_other[cut], area, threads)
    return Overlaps(hit_piece, hit_other, areas)


def _relations(pieces, others, piece_idx, other_idx, threads: int) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate pair: whether the other polygon lies properly inside the piece, and whether they
    intersect (the STRtree's predicates, evaluated on the pairs in threads with the pieces prepared)."""

    def relate(at_piece: np.ndarray, b: np.ndarray) -> np.ndarray:
        # each chunk prepares copies of its own pieces: GEOS builds a prepared geometry's indexes on first
        # use, so one prepared geometry used by two threads at once can crash the process
        distinct, at = np.unique(at_piece, return_inverse=True)
        copies = shapely.from_wkb(shapely.to_wkb(pieces[distinct]))
        shapely.prepare(copies)
        a = copies[at]
        inside = shapely.contains_properly(a, b)
        hit = inside.copy()
        hit[~inside] = shapely.intersects(a[~inside], b[~inside])
        return np.column_stack([inside, hit])

    both = _in_chunks(relate, threads, piece_idx, others[other_idx])
    return both[:, 0], both[:, 1]


def _in_chunks(func: Callable[..., np.ndarray], threads: int, *arrays: np.ndarray,
               chunk: int | None = None) -> np.ndarray:
    """``func`` over aligned arrays, cut into chunks (of ``chunk`` items, else about four per thread) run on
    ``threads`` threads (shapely and numpy release the GIL), results concatenated in order."""
    n = len(arrays[0])
    chunk = chunk or max(5000, n // max(threads * 4, 1) + 1)
    slices = [slice(i, min(i + chunk, n)) for i in range(0, n, chunk)]
    if len(slices) <= 1:
        return func(*arrays)

    def run(sl: slice) -> np.ndarray:
        return func(*(a[sl] for a in arrays))

    if threads <= 1:
        return np.concatenate([run(sl) for sl in slices])
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return np.concatenate(list(pool.map(run, slices)))


def _cut_areas(pieces, others, piece_idx, other_idx, area: AreaFunction, threads: int,
               chunk: int = 20_000) -> np.ndarray:
    """Overlap areas of pairs cut by the piece boundary: clipped in numpy where the piece is convex and the
    other polygon a valid simple one (planar area x the other polygon's own area ratio, which is constant
    over a survey polygon to better than 1e-7), by GEOS intersections otherwise."""
    out = np.empty(len(piece_idx), dtype=float)
    single_pieces = single_parts(pieces)
    convex = convex_pieces(single_pieces)
    used = np.unique(other_idx)
    simple = np.zeros(len(others), dtype=bool)
    simple[used] = _in_chunks(_simple_valid, threads, others[used])
    fast = convex[piece_idx] & simple[other_idx]
    if fast.any():
        used_fast = np.unique(other_idx[fast])
        planar_own = shapely.area(others[used_fast])
        ratio = np.ones(len(others))
        ratio[used_fast] = np.divide(_in_chunks(area, threads, others[used_fast]), planar_own,
                                     out=np.ones(len(used_fast)), where=planar_own > 0)
        rows = np.flatnonzero(fast)
        # vertices read once per polygon and per piece, in memory order, then taken for the pairs
        subjects = Rings.of(others[used_fast])
        subject_of = np.searchsorted(used_fast, other_idx[rows])
        clips, clip_of = np.unique(piece_idx[rows], return_inverse=True)
        rings = clip_rings(single_pieces[clips])
        out[rows] = _in_chunks(lambda s, k, r: ring_clipped_areas(*subjects.take(s), rings.take(k)) * r, threads,
                               subject_of, clip_of, ratio[other_idx[rows]], chunk=chunk)
    if (~fast).any():
        out[~fast] = _intersection_areas(pieces[piece_idx[~fast]], others[other_idx[~fast]], area, threads)
    return out


def _simple_valid(geoms: np.ndarray) -> np.ndarray:
    """Valid polygons (or multi-polygons of one part) without holes, of at most MAX_VERTICES vertices; their
    single parts are made only for the test (a copy of every polygon kept would cost ~100 MB here)."""
    return simple_polygons(single_parts(geoms)) & shapely.is_valid(geoms)


def _intersection_areas(a: np.ndarray, b: np.ndarray, area: AreaFunction, threads: int) -> np.ndarray:
    def work(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        try:
            inter = shapely.intersection(a, b)
        except shapely.errors.GEOSException:  # an invalid input polygon: repair and retry
            inter = shapely.intersection(shapely.make_valid(a), shapely.make_valid(b))
        return area(inter)

    return _in_chunks(work, threads, a, b)


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
