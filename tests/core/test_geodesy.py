"""Ellipsoidal area (core, no QGIS) against pyproj's geodesic polygon area as an independent oracle."""

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

from land_supervision.core.geodesy import ellipsoidal_area, transform_geometries
from land_supervision.core.units import M2_PER_MU, Area, m2_to_ha, m2_to_mu

GEOD = Geod(a=6378137.0, f=1 / 298.257222101)


def _counter_clockwise(geom):
    """Exteriors counter-clockwise, holes clockwise (shapely 2.0 has no orient_polygons; Windows QGIS ships 2.0)."""
    parts = getattr(geom, "geoms", [geom])
    oriented = [orient(part, 1.0) for part in parts]
    return oriented[0] if len(oriented) == 1 and not hasattr(geom, "geoms") else shapely.MultiPolygon(oriented)


def geod_area(geom_4549) -> float:
    lonlat = _counter_clockwise(transform_geometries([geom_4549], "EPSG:4549", "EPSG:4490")[0])
    return abs(GEOD.geometry_area_perimeter(lonlat)[0])


SHAPES = [
    shapely.box(600000, 3380000, 601000, 3381000),
    shapely.box(600000, 3380000, 600020, 3380030),
    shapely.Polygon([(600000, 3380000), (600400, 3380100), (600300, 3380500), (600050, 3380350)],
                    [[(600100, 3380100), (600200, 3380120), (600150, 3380250)]]),
    shapely.MultiPolygon([shapely.box(590000, 3370000, 590150, 3370120),
                          shapely.box(595000, 3375000, 596000, 3375500)]),
    shapely.Polygon([(600000, 3380000), (620000, 3385000), (610000, 3400000), (605000, 3390000)]),
]


@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_area_matches_geodesic(index):
    geom = SHAPES[index]
    got = ellipsoidal_area([geom], "EPSG:4549")[0]
    # geodesic edges (pyproj) vs edges straight in the projection (small polygons): ~5e-8 at 400 m
    assert got == pytest.approx(geod_area(geom), rel=1e-7)


def test_same_area_in_4490_4528_4549():
    geoms = np.array(SHAPES, dtype=object)
    a4549 = ellipsoidal_area(geoms, "EPSG:4549")
    a4528 = ellipsoidal_area(shapely.transform(geoms, lambda xy: xy + [40_000_000, 0]), "EPSG:4528")
    a4490 = ellipsoidal_area(transform_geometries(geoms, "EPSG:4549", "EPSG:4490"), "EPSG:4490")
    np.testing.assert_allclose(a4528, a4549, rtol=1e-10)
    np.testing.assert_allclose(a4490, a4549, rtol=1e-7)


def test_planar_area_overstates_east_of_central_meridian():
    box = shapely.box(600000, 3380000, 601000, 3381000)  # 100 km east of 120E
    ratio = shapely.area(box) / ellipsoidal_area([box])[0]
    assert 1.0002 < ratio < 1.0003  # k**2 at 100 km: 1 + x**2 / R**2


def test_non_polygons_and_empty_input():
    assert ellipsoidal_area([]).shape == (0,)
    out = ellipsoidal_area([shapely.Point(600000, 3380000), None, shapely.LineString([(0, 0), (1, 1)])])
    assert out.tolist() == [0.0, 0.0, 0.0]


def test_units():
    assert M2_PER_MU == pytest.approx(666.6666667)
    assert m2_to_mu(10000.0) == pytest.approx(15.0)
    assert m2_to_ha(np.array([10000.0, 5000.0])).tolist() == [1.0, 0.5]
    assert str(Area(666.6667 * 340)) .startswith("226666.68 m2 = 340.00 亩")
