"""Areas of (subject polygon ∩ convex polygon) for many pairs at once: Sutherland-Hodgman clipping in numpy.

A survey polygon cut by a patch boundary needs only the *area* of the overlap. When the patch piece is convex
(most issued patches are) the overlap of any simple ring with it is the ring clipped by the piece's half-planes
one after the other, done here for all pairs together; pairs it cannot take (a non-convex piece, holes,
multi-parts, too many vertices) are left to GEOS by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

MAX_VERTICES = 64


def _ring_arrays(geoms: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ring vertices (closing vertex dropped) of polygons without holes, padded to ``width``: x, y and the
    vertex counts (the coordinates of such a polygon are those of its ring: no ring copies)."""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    counts = np.bincount(index, minlength=len(geoms)) - 1
    starts = np.concatenate([[0], np.cumsum(counts + 1)[:-1]])
    position = np.arange(len(index)) - starts[index]
    keep = position < counts[index]
    x = np.zeros((len(geoms), width))
    y = np.zeros((len(geoms), width))
    x[index[keep], position[keep]] = coords[keep, 0]
    y[index[keep], position[keep]] = coords[keep, 1]
    return x, y, counts


def single_parts(geoms: np.ndarray) -> np.ndarray:
    """MultiPolygons of one part as that Polygon (layers store single polygons as multi-types)."""
    geoms = np.asarray(geoms, dtype=object)
    one = (shapely.get_type_id(geoms) == 6) & (shapely.get_num_geometries(geoms) == 1)
    if not one.any():
        return geoms
    out = geoms.copy()
    out[one] = shapely.get_geometry(geoms[one], 0)
    return out


def simple_polygons(geoms: np.ndarray, max_vertices: int = MAX_VERTICES) -> np.ndarray:
    """Single polygons without holes and with at most ``max_vertices`` vertices."""
    return ((shapely.get_type_id(geoms) == 3) & (shapely.get_num_interior_rings(geoms) == 0)
            & (shapely.get_num_coordinates(geoms) <= max_vertices + 1))


def convex_pieces(geoms: np.ndarray, max_vertices: int = 32) -> np.ndarray:
    """Simple polygons that are convex (their area equals their hull's)."""
    ok = simple_polygons(geoms, max_vertices) & ~shapely.is_empty(geoms)
    area = shapely.area(geoms)
    hull = shapely.area(shapely.convex_hull(geoms))
    return ok & (hull - area <= 1e-9 * np.maximum(hull, 1.0))


@dataclass
class ClipRings:
    """Vertex arrays of convex clip polygons, counter-clockwise (the inside of every edge on its left),
    closing vertex dropped, padded: made once for the distinct clips, taken row by row for the pairs."""

    x: np.ndarray
    y: np.ndarray
    count: np.ndarray

    def take(self, rows: np.ndarray) -> ClipRings:
        return ClipRings(self.x[rows], self.y[rows], self.count[rows])


def clip_rings(clips: np.ndarray) -> ClipRings:
    """The ClipRings of convex simple polygons."""
    width = int(shapely.get_num_coordinates(clips).max()) if len(clips) else 1
    cx, cy, ccount = _ring_arrays(clips, width)
    flip = _shoelace(cx, cy, ccount) < 0
    if flip.any():
        cx[flip], cy[flip] = _reverse(cx[flip], ccount[flip]), _reverse(cy[flip], ccount[flip])
    return ClipRings(cx, cy, ccount)


def clipped_areas(subjects: np.ndarray, clips: np.ndarray | ClipRings) -> np.ndarray:
    """Planar area of subjects[k] ∩ clips[k]; subjects simple polygons (or multi-polygons of one such part,
    whose coordinates are the same), clips convex simple polygons (or their ClipRings)."""
    n = len(subjects)
    if n == 0:
        return np.zeros(0)
    width = int(shapely.get_num_coordinates(subjects).max())
    x, y, count = _ring_arrays(subjects, width)
    rings = clips if isinstance(clips, ClipRings) else clip_rings(clips)
    cx, cy, ccount = rings.x, rings.y, rings.count
    rows = np.arange(n)
    for e in range(int(ccount.max())):
        edge = np.minimum(e, ccount - 1)  # shorter clip rings repeat their last edge (idempotent)
        nxt = np.where(edge + 1 < ccount, edge + 1, 0)
        ax, ay = cx[rows, edge], cy[rows, edge]
        bx, by = cx[rows, nxt], cy[rows, nxt]
        x, y, count = _clip_step(x, y, count, ax, ay, bx, by)
        if not count.any():
            break
    return np.abs(_shoelace(x, y, count))


def _reverse(v: np.ndarray, count: np.ndarray) -> np.ndarray:
    k = np.arange(v.shape[1])[None, :]
    index = np.where(k < count[:, None], count[:, None] - 1 - k, k)
    return np.take_along_axis(v, index, axis=1)


def _shoelace(x: np.ndarray, y: np.ndarray, count: np.ndarray) -> np.ndarray:
    valid = np.arange(x.shape[1])[None, :] < count[:, None]
    x2, y2 = _following(x, count), _following(y, count)
    return 0.5 * np.where(valid, x * y2 - x2 * y, 0.0).sum(axis=1)


def _following(v: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Per ring vertex the value at the next vertex (the first after the last); padding slots hold junk."""
    out = np.empty_like(v)
    out[:, :-1] = v[:, 1:]
    rows = np.flatnonzero(count > 0)
    out[rows, count[rows] - 1] = v[rows, 0]
    return out


def _clip_step(x, y, count, ax, ay, bx, by):
    """Clip every ring by the half-plane left of its edge a->b: each vertex inside is kept, and where an edge
    crosses the line its crossing point follows; intersection points are computed for crossing edges only."""
    n, width = x.shape
    valid = np.arange(width)[None, :] < count[:, None]
    ex, ey = (bx - ax)[:, None], (by - ay)[:, None]
    side = ex * (y - ay[:, None]) - ey * (x - ax[:, None])
    inside = side >= 0
    keep = valid & inside
    cross = valid & (inside != _following(inside, count))
    per = keep.astype(np.int64) + cross
    start = np.cumsum(per, axis=1) - per
    new_count = per.sum(axis=1)
    new_width = max(int(new_count.max(initial=0)), 1)
    nx = np.zeros((n, new_width))
    ny = np.zeros((n, new_width))
    slot = (start + np.arange(n)[:, None] * new_width).ravel()  # flat output position of each vertex
    flat_x, flat_y, flat_side = x.ravel(), y.ravel(), side.ravel()
    kept = np.flatnonzero(keep)
    nx.ravel()[slot[kept]] = flat_x[kept]
    ny.ravel()[slot[kept]] = flat_y[kept]
    crossing = np.flatnonzero(cross)
    if len(crossing):
        row, k = np.divmod(crossing, width)
        following = row * width + np.where(k + 1 < count[row], k + 1, 0)
        s1, s2 = flat_side[crossing], flat_side[following]
        t = s1 / (s1 - s2)
        x1, y1 = flat_x[crossing], flat_y[crossing]
        target = slot[crossing] + keep.ravel()[crossing]
        nx.ravel()[target] = x1 + t * (flat_x[following] - x1)
        ny.ravel()[target] = y1 + t * (flat_y[following] - y1)
    return nx, ny, new_count
