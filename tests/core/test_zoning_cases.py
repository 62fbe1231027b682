"""Hand-built zones for the zoning tests (helpers only, no tests): boxes near the park in EPSG:4549."""

import numpy as np
import shapely
from pyproj import Geod, Transformer

X0, Y0 = 605_000.0, 3_379_000.0  # near the park, about 105 km east of the central meridian
CRS = "EPSG:4549"
_GEOD = Geod(ellps="GRS80")  # CGCS2000 and GRS80 differ in f by 1e-10: irrelevant here
_TO_LONLAT = Transformer.from_crs(CRS, "EPSG:4490", always_xy=True)


def box(x1, y1, x2, y2):
    return shapely.box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def strict_and_use():
    """Strict zone: 1 km square at (0..1000, 0..1000); use zone: the 3 km square around it, minus it."""
    strict = box(0, 0, 1000, 1000)
    use = box(-1000, -1000, 2000, 2000).difference(strict)
    return np.array([strict, use], dtype=object), ["严格管控区", "合理利用区"]


def geod_area(polygon) -> float:
    """Area of a planar polygon's vertices joined by geodesics (pyproj Geod, not the code under test)."""
    lon, lat = _TO_LONLAT.transform(*np.asarray(polygon.exterior.coords).T)
    area, _ = _GEOD.polygon_area_perimeter(lon, lat)
    return abs(area)


def scale_at(x, y) -> float:
    """Gauss-Kruger scale factor measured directly: 100 planar metres over their geodesic length."""
    lon, lat = _TO_LONLAT.transform([X0 + x, X0 + x + 100.0], [Y0 + y, Y0 + y])
    _, _, dist = _GEOD.inv(lon[0], lat[0], lon[1], lat[1])
    return 100.0 / dist
