"""Vectorised convex clipping gives GEOS's intersection areas (hand cases and random polygons)."""

import numpy as np
import pytest
import shapely

from land_supervision.core.clip import clipped_areas, convex_pieces, simple_polygons


def test_hand_cases():
    square = shapely.box(0, 0, 10, 10)
    subjects = np.array([shapely.box(5, 5, 15, 15), shapely.box(20, 20, 30, 30), shapely.box(2, 2, 3, 3),
                         shapely.Polygon([(-5, 5), (5, -5), (15, 5), (5, 15)])], dtype=object)
    clips = np.array([square] * 4, dtype=object)
    # quarter overlap 25; disjoint 0; inside 1; a diamond (area 200) whose edges pass through the square's
    # corners: the whole square, 100
    assert clipped_areas(subjects, clips) == pytest.approx([25.0, 0.0, 1.0, 100.0])
    triangle = shapely.Polygon([(0, 0), (10, 0), (0, 10)])  # a convex clip that is not a box: half of 100
    assert clipped_areas(np.array([square], dtype=object), np.array([triangle], dtype=object)) == pytest.approx(
        [50.0])


def test_random_against_geos():
    rng = np.random.default_rng(3)
    n = 3000
    cx, cy = rng.uniform(0, 100, n), rng.uniform(0, 100, n)
    angles = np.sort(rng.uniform(0, 2 * np.pi, (n, 7)), axis=1)
    radius = rng.uniform(5, 20, (n, 7))  # star-shaped, often non-convex subjects
    subjects = shapely.polygons(np.stack([cx[:, None] + radius * np.cos(angles),
                                          cy[:, None] + radius * np.sin(angles)], axis=-1))
    ox, oy = cx + rng.uniform(-15, 15, n), cy + rng.uniform(-15, 15, n)
    points = shapely.multipoints(np.stack([ox[:, None] + rng.uniform(-20, 20, (n, 6)),
                                           oy[:, None] + rng.uniform(-20, 20, (n, 6))], axis=-1))
    clips = shapely.convex_hull(points)  # convex polygons of 3 to 6 vertices
    clips[::2] = shapely.normalize(clips[::2])  # clockwise rings too
    ok = simple_polygons(subjects) & shapely.is_valid(subjects)
    assert convex_pieces(clips).all()
    expected = shapely.area(shapely.intersection(subjects[ok], clips[ok]))
    assert clipped_areas(subjects[ok], clips[ok]) == pytest.approx(expected, abs=1e-7)


def test_non_convex_pieces_are_refused():
    l_shape = shapely.Polygon([(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)])
    assert not convex_pieces(np.array([l_shape], dtype=object))[0]


def test_overlay_fast_path_equals_geos_for_single_part_multipolygons():
    from land_supervision.core.patrol.overlay import _intersection_areas, overlay_areas, planar

    rng = np.random.default_rng(5)
    x, y = rng.uniform(0, 1000, 400), rng.uniform(0, 1000, 400)
    cells = shapely.multipolygons([[b] for b in shapely.box(x, y, x + 23, y + 19)])  # stored as multi-types
    px, py = rng.uniform(0, 1000, 60), rng.uniform(0, 1000, 60)
    patches = shapely.multipolygons([[b] for b in shapely.box(px, py, px + 95, py + 80)])
    out = overlay_areas(patches, cells, planar, threads=1)
    expected = _intersection_areas(patches[out.piece], cells[out.other], planar, 1)
    assert len(out.area) > 50 and out.area == pytest.approx(expected, abs=1e-7)


def test_overlay_in_threads_equals_one_thread_with_pieces_shared_between_chunks():
    """A few large pieces, each in thousands of pairs spread over the threads' chunks: the same overlaps as
    one thread and as the STRtree's own predicates (a prepared piece used by two threads at once used to
    crash the process now and then)."""
    from land_supervision.core.patrol.overlay import overlay_areas, planar

    rng = np.random.default_rng(11)
    x, y = rng.uniform(0, 1000, 8000), rng.uniform(0, 1000, 8000)
    cells = shapely.box(x, y, x + 6, y + 6)
    angles = np.linspace(0, 2 * np.pi, 300, endpoint=False)
    tree = shapely.STRtree(cells)
    for turn in range(3):
        pieces = np.array([shapely.Polygon(np.c_[500 + r * np.cos(angles + turn), 500 + r * np.sin(angles + turn)])
                           for r in (450, 300, 150)], dtype=object)
        one = overlay_areas(pieces, cells, planar, threads=1)
        two = overlay_areas(pieces, cells, planar, threads=2)
        assert np.array_equal(one.piece, two.piece) and np.array_equal(one.other, two.other)
        assert np.array_equal(one.area, two.area)
        expected = tree.query(pieces, predicate="intersects")
        assert np.array_equal(two.piece, expected[0]) and np.array_equal(two.other, expected[1])


def test_overlay_pairs_are_geos_intersects_with_touching_and_disjoint_pairs():
    """Patches snapped to a grid of survey cells (shared edges, cells merely touching) and off-grid ones: the
    pairs are exactly those GEOS says intersect, the areas GEOS's intersection areas."""
    from land_supervision.core.patrol.overlay import overlay_areas, planar

    rng = np.random.default_rng(8)
    x0, y0 = 600000.0, 3400000.0
    gx, gy = np.meshgrid(np.arange(0, 600, 20.0), np.arange(0, 600, 20.0))
    cells = shapely.multipolygons([[c] for c in shapely.box(x0 + gx.ravel(), y0 + gy.ravel(), x0 + gx.ravel() + 20,
                                                            y0 + gy.ravel() + 20)])
    px, py = x0 + rng.integers(0, 25, 80) * 20.0, y0 + rng.integers(0, 25, 80) * 20.0
    w, h = rng.integers(1, 5, 80) * 20.0, rng.integers(1, 5, 80) * 20.0
    patches = np.concatenate([shapely.box(px, py, px + w, py + h), shapely.box(px + 3.3, py + 7.1, px + w, py + h),
                              shapely.polygons(np.stack([np.c_[px, py], np.c_[px + w, py], np.c_[px, py + h],
                                                         np.c_[px, py]], axis=1))])
    out = overlay_areas(patches, cells, planar, threads=2)
    expected = shapely.STRtree(cells).query(patches, predicate="intersects")
    assert np.array_equal(out.piece, expected[0]) and np.array_equal(out.other, expected[1])
    touching = shapely.area(shapely.intersection(patches[out.piece], cells[out.other])) == 0
    assert touching.sum() > 100 and len(out.piece) < len(shapely.STRtree(cells).query(patches)[0])
    geos = shapely.area(shapely.intersection(patches[out.piece], cells[out.other]))
    assert out.area == pytest.approx(geos, abs=1e-3)  # rounding of sums of products of 1e6-size coordinates
