"""core.geodesy against QGIS's own QgsDistanceArea on the CGCS2000 ellipsoid (the test oracle)."""

import pytest
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsDistanceArea, QgsGeometry, QgsProject

from land_supervision.core.geodesy import ellipsoidal_area, transform_geometries

POLYGONS_4549 = [
    shapely.box(600000, 3380000, 601000, 3381000),
    shapely.Polygon([(600000, 3380000), (620000, 3385000), (610000, 3400000), (605000, 3390000)],
                    [[(605000, 3385000), (608000, 3386000), (607000, 3388000)]]),
    shapely.MultiPolygon([shapely.box(590000, 3370000, 590150, 3370120),
                          shapely.Polygon([(595000, 3375000), (596000, 3375000), (596000, 3375500)],
                                          [[(595700, 3375100), (595900, 3375100), (595900, 3375300)]])]),
    shapely.box(611000, 3390000, 611030, 3390020),
]


def qgis_area(geom, authid: str) -> float:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem(authid), QgsProject.instance().transformContext())
    assert measure.setEllipsoid("EPSG:1024")  # CGCS2000
    return measure.measureArea(QgsGeometry.fromWkt(geom.wkt))


def as_crs(geom, authid: str):
    if authid == "EPSG:4549":
        return geom
    if authid == "EPSG:4528":
        return shapely.transform(geom, lambda xy: xy + [40_000_000, 0])
    return transform_geometries([geom], "EPSG:4549", authid)[0]


@pytest.mark.parametrize("authid", ["EPSG:4490", "EPSG:4549", "EPSG:4528"])
@pytest.mark.parametrize("index", range(len(POLYGONS_4549)))
def test_matches_qgsdistancearea(authid, index):
    geom = as_crs(POLYGONS_4549[index], authid)
    expected = qgis_area(geom, authid)
    assert ellipsoidal_area([geom], authid)[0] == pytest.approx(expected, rel=1e-6)
