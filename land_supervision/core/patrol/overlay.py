"""Vectorised overlay of small polygons (patch pieces) on a layer of polygons (baseline, farmland).

One STRtree over the layer, one bulk query of bounding boxes, predicates and areas on the pairs. A layer
polygon that lies properly inside a piece needs no intersection: its overlap is its own area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely

from ...constants import WORKING_CRS
from ..clip import Rings, clip_rings, convex_pieces, ring_clipped_areas, simple_polygons, single_parts
from ..geodesy import ellipsoidal_area
from .chunks import in_chunks, prepared_predicate

AreaFunction = Callable[[np.ndarray], np.ndarray]

# Computed overlaps are sums of up to ~100 cross products of coordinates, each rounded to ~2e-16 of its size:
# a planar area over ROUNDING x (largest |x|) x (largest |y|) is no rounding artefact (0.2 m2 in Pinghu).
ROUNDING = 1e-13


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
    piece_idx, other_idx = (a.astype(np.int64) for a in tree.query(pieces))  # pairs of meeting bounding boxes
    if len(piece_idx) == 0:
        return empty
    inside = _properly_inside(pieces, others, piece_idx, other_idx, threads)
    areas = np.empty(len(piece_idx), dtype=float)
    if inside.any():
        used = np.unique(other_idx[inside])
        own = np.zeros(len(others), dtype=float)
        own[used] = in_chunks(area, threads, others[used])
        areas[inside] = own[other_idx[inside]]
    hit = inside.copy()
    cut = np.flatnonzero(~inside)
    if len(cut):
        areas[cut], hit[cut] = _cut_areas(pieces, others, piece_idx[cut], other_idx[cut], area, threads)
        # GEOS decides the pairs not known to intersect (touching, disjoint, slivers, non-clipped pairs)
        doubt = cut[~hit[cut]]
        hit[doubt] = prepared_predicate(shapely.intersects, pieces, others, piece_idx[doubt], other_idx[doubt],
                                        threads)
    return Overlaps(piece_idx[hit], other_idx[hit], areas[hit])


def _properly_inside(pieces, others, piece_idx, other_idx, threads: int) -> np.ndarray:
    """Per pair: whether the other polygon lies properly inside the piece (GEOS's predicate, asked only where
    its bounding box lies within the piece's)."""
    piece_box, other_box = shapely.bounds(pieces)[piece_idx], shapely.bounds(others)[other_idx]
    boxed = np.flatnonzero((other_box[:, :2] >= piece_box[:, :2]).all(axis=1)
                           & (other_box[:, 2:] <= piece_box[:, 2:]).all(axis=1))
    inside = np.zeros(len(piece_idx), dtype=bool)
    inside[boxed] = prepared_predicate(shapely.contains_properly, pieces, others, piece_idx[boxed],
                                       other_idx[boxed], threads)
    return inside


def _cut_areas(pieces, others, piece_idx, other_idx, area: AreaFunction, threads: int,
               chunk: int = 20_000) -> tuple[np.ndarray, np.ndarray]:
    """Overlap areas of pairs not inside (cut by the piece boundary, or disjoint) and whether they surely
    intersect. Clipped in numpy where the piece is convex and the other polygon a valid simple one (planar
    area x the other polygon's own area ratio, which is constant over a survey polygon to better than 1e-7;
    a planar area above the rounding bound proves an intersection), by GEOS intersections otherwise."""
    out = np.empty(len(piece_idx), dtype=float)
    sure = np.zeros(len(piece_idx), dtype=bool)
    single_pieces = single_parts(pieces)
    convex = convex_pieces(single_pieces)
    used = np.unique(other_idx)
    simple = np.zeros(len(others), dtype=bool)
    simple[used] = in_chunks(_simple_valid, threads, others[used])
    fast = convex[piece_idx] & simple[other_idx]
    if fast.any():
        used_fast = np.unique(other_idx[fast])
        planar_own = shapely.area(others[used_fast])
        ratio = np.ones(len(others))
        ratio[used_fast] = np.divide(in_chunks(area, threads, others[used_fast]), planar_own,
                                     out=np.ones(len(used_fast)), where=planar_own > 0)
        rows = np.flatnonzero(fast)
        # vertices read once per polygon and per piece, in memory order, then taken for the pairs
        subjects = Rings.of(others[used_fast])
        subject_of = np.searchsorted(used_fast, other_idx[rows])
        clips, clip_of = np.unique(piece_idx[rows], return_inverse=True)
        rings = clip_rings(single_pieces[clips])
        clipped = in_chunks(lambda s, k: ring_clipped_areas(*subjects.take(s), rings.take(k)), threads,
                            subject_of, clip_of, chunk=chunk)
        out[rows] = clipped * ratio[other_idx[rows]]
        sure[rows] = clipped > _rounding_bound(single_pieces[clips])
    if (~fast).any():
        out[~fast] = _intersection_areas(pieces[piece_idx[~fast]], others[other_idx[~fast]], area, threads)
    return out, sure


def _rounding_bound(pieces: np.ndarray) -> float:
    """The planar area under which a clipped overlap of these pieces may be rounding alone."""
    xmin, ymin, xmax, ymax = shapely.total_bounds(pieces)
    bound = ROUNDING * max(abs(xmin), abs(xmax)) * max(abs(ymin), abs(ymax))
    return bound if np.isfinite(bound) else np.inf


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

    return in_chunks(work, threads, a, b)


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
