"""The baseline overlay of the plots: numpy clipping (convex plots) agrees with GEOS on awkward shapes."""

import numpy as np
import shapely
import shapely.affinity

from land_supervision.core.reclamation import checks_geometry as cg

X0, Y0 = 600000.0, 3400000.0  # projected coordinates as large as real ones (precision of the clipping)


def _random_polygons(rng, n, centre_spread, radius):
    """Star-shaped (non-convex) rings, some with holes, some multi-part."""
    out = []
    for _ in range(n):
        cx, cy = X0 + rng.uniform(0, centre_spread), Y0 + rng.uniform(0, centre_spread)
        k = int(rng.integers(3, 12))
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        r = rng.uniform(0.4, 1.0, k) * radius
        ring = np.column_stack([cx + r * np.cos(angles), cy + r * np.sin(angles)])
        poly = shapely.Polygon(ring)
        if not poly.is_valid:
            poly = shapely.convex_hull(poly)
        choice = rng.random()
        if choice < 0.1:
            poly = poly.difference(shapely.Point(cx, cy).buffer(radius * 0.2))
        elif choice < 0.15:
            poly = shapely.MultiPolygon([poly])
        out.append(poly)
    return np.array(out, dtype=object)


def _nothing_clipped(a, b, a_convex=None):
    return np.zeros(len(a)), np.zeros(len(a), bool)


def _geos_only(monkeypatch):
    monkeypatch.setattr(cg, "_clipped_where_possible", _nothing_clipped)


def test_fast_overlay_equals_geos(monkeypatch):
    rng = np.random.default_rng(11)
    patches = _random_polygons(rng, 600, 400.0, 30.0)
    x, y, size = X0 + rng.uniform(0, 400, 150), Y0 + rng.uniform(0, 400, 150), rng.uniform(5, 60, 150)
    squares = shapely.box(x, y, x + size, y + size)
    tilted = shapely.affinity.rotate(shapely.MultiPolygon([squares[0]]), 17.0)  # a one-part multi, convex
    plots = np.concatenate([squares, [tilted], _random_polygons(rng, 150, 400.0, 25.0)])  # the last: GEOS
    codes = rng.integers(0, 2, len(patches))
    usable = np.ones(len(plots), bool)
    fast = cg.construction_share(plots, usable, patches, codes, None)
    convex = cg.convex_pieces(cg.single_parts(plots))
    assert convex.sum() >= 150 and (~convex).sum() >= 50  # both paths are exercised
    _geos_only(monkeypatch)
    slow = cg.construction_share(plots, usable, patches, codes, None)
    for a, b in zip(fast, slow):
        assert np.allclose(a, b, rtol=0, atol=1e-8, equal_nan=True)  # shares: 1e-8 of a plot's area
