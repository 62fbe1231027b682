"""Demo layers of the 王盘山 marine natural park: illustrative zones with the published areas.

The legal boundary is not public: the zones are illustrative polygons near 30.53N 121.10E whose
ellipsoidal areas equal the published 3900.00 ha (严格管控区) and 7899.84 ha (合理利用区).
"""

from __future__ import annotations

import numpy as np
import shapely

from ..geodesy import ellipsoidal_area
from ..tables import FeatureTable
from ..units import M2_PER_HA
from .base import project_lonlat
from .context import DemoContext

PARK_CENTRE = (121.10, 30.53)
STRICT_HA = 3900.00
USE_HA = 7899.84
STRICT_ZONE = "严格管控区"
USE_ZONE = "合理利用区"
ILLUSTRATIVE_NOTE = "示意边界，非法定边界 / illustrative boundary, not the legal one"
# Unit shapes (km around the centre) before scaling to the published areas.
_STRICT_SHAPE = [(-2.6, -1.9), (0.4, -2.6), (3.0, -1.4), (3.3, 1.2), (1.2, 2.8), (-1.8, 2.4), (-3.4, 0.3)]
_OUTER_SHAPE = [(-6.5, -3.8), (-1.0, -5.0), (5.5, -4.2), (7.0, 0.2), (5.2, 4.3), (0.0, 5.2), (-5.8, 4.0),
                (-7.2, 0.4)]


def scaled_to_area(shape_km, centre_xy, target_m2: float, crs: str, hole=None):
    """The shape scaled about ``centre_xy`` until its ellipsoidal area (minus ``hole``) is ``target_m2``."""
    base = np.asarray(shape_km, dtype=float) * 1000.0
    factor = 1.0
    for _ in range(8):  # area grows with factor**2 (to first order): Newton steps converge fast
        poly = shapely.Polygon(centre_xy + base * factor, holes=None if hole is None else [hole.exterior])
        area = float(ellipsoidal_area([poly], crs)[0])
        if abs(area - target_m2) < 1e-4:
            break
        ring_only = float(ellipsoidal_area([shapely.Polygon(centre_xy + base * factor)], crs)[0])
        factor *= np.sqrt((ring_only + target_m2 - area) / ring_only)
    return poly


def add_layers(ctx: DemoContext) -> None:
    centre = project_lonlat([PARK_CENTRE], ctx.crs)[0]
    strict = scaled_to_area(_STRICT_SHAPE, centre, STRICT_HA * M2_PER_HA, ctx.crs)
    use = scaled_to_area(_OUTER_SHAPE, centre, USE_HA * M2_PER_HA, ctx.crs, hole=strict)
    ctx.add(FeatureTable(
        "demo_park_zones",
        [("GKFQ", "str"), ("MC", "str"), ("PZMJ", "float"), ("BZ", "str")],
        {"GKFQ": [STRICT_ZONE, USE_ZONE], "MC": ["王盘山省级海洋自然公园", "王盘山省级海洋自然公园"],
         "PZMJ": [STRICT_HA, USE_HA], "BZ": [ILLUSTRATIVE_NOTE, ILLUSTRATIVE_NOTE]},
        np.array([strict, use], dtype=object), "Polygon", ctx.crs,
        "王盘山省级海洋自然公园 管控分区 (illustrative; PZMJ approved area in ha)"))
