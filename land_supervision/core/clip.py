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


@dataclass
class Rings:
    """Ring vertices of polygons without holes (or multi-polygons of one such part: the same coordinates),
    closing vertex dropped, in one array (polygon i's are xy[start[i]:start[i] + count[i]]): read once for
    the distinct polygons, in their order in memory, and taken as padded rows for the pairs."""

    xy: np.ndarray
    start: np.ndarray
    count: np.ndarray

    @classmethod
    def of(cls, geoms: np.ndarray) -> Rings:
        total = shapely.get_num_coordinates(geoms)
        start = np.concatenate([[0], np.cumsum(total)[:-1]]).astype(np.int64)
        return cls(shapely.get_coordinates(geoms), start, total - 1)

    def take(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """x, y (rows padded with zeros to the longest ring + 1) and vertex counts of polygons ``rows``."""
        count = self.count[rows]
        width = int(count.max(initial=0)) + 1
        k = np.arange(width)[None, :]
        keep = k < count[:, None]
        if not keep.any():
            return np.zeros((len(rows), width)), np.zeros((len(rows), width)), count
        at = np.where(keep, self.start[rows][:, None] + k, 0)
        return np.where(keep, self.xy[at, 0], 0.0), np.where(keep, self.xy[at, 1], 0.0), count


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
    cx, cy, ccount = Rings.of(clips).take(np.arange(len(clips)))
    flip = _shoelace(cx, cy, ccount) < 0
    if flip.any():
        cx[flip], cy[flip] = _reverse(cx[flip], ccount[flip]), _reverse(cy[flip], ccount[flip])
    return ClipRings(cx, cy, ccount)


def clipped_areas(subjects: np.ndarray, clips: np.ndarray) -> np.ndarray:
    """Planar area of subjects[k] ∩ clips[k]; subjects simple polygons (or multi-polygons of one such part),
    clips convex simple polygons."""
    if len(subjects) == 0:
        return np.zeros(0)
    return ring_clipped_areas(*Rings.of(subjects).take(np.arange(len(subjects))), clip_rings(clips))


def ring_clipped_areas(x: np.ndarray, y: np.ndarray, count: np.ndarray, clips: ClipRings) -> np.ndarray:
    """As clipped_areas, the subjects given as padded vertex rows (Rings.take) and the clips as ClipRings."""
    n = len(count)
    if n == 0:
        return np.zeros(0)
    cx, cy, ccount = clips.x, clips.y, clips.count
    # coordinates from each clip ring's first vertex: projected coordinates are large (3.4e6 m), and their
    # products in the shoelace sum would lose about 1e-3 m2
    ox, oy = cx[:, :1], cy[:, :1]
    x, y, cx, cy = x - ox, y - oy, cx - ox, cy - oy
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
